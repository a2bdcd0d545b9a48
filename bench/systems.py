"""The systems the benchmark runs side by side, each as ``load()`` then ``run(files, out)``.

* ``ours``: woo-redact's own path (``run_dossier`` + grounds log, as ``woo-redact redact``),
  with every stage timed and its peak RSS taken from the kernel's high-water mark.
* ``presidio``: Presidio's stock set-up (predefined recognizers for ``nl`` and the spaCy
  recognizer) on our spaCy pipeline, then PDF redaction of every result.
* ``deduce``: the ``deduce`` de-identifier on each page's text, then PDF redaction of every
  annotation.
* ``naive``: regular expressions over each page's text and PyMuPDF search-and-redact; no
  names, no verification: the floor any tool has to beat on speed.

Peers extract text with ``get_text("text")``, locate each hit with ``search_for`` and save
with the same options as ours, so stage costs compare like for like.
"""

from __future__ import annotations

import os
import re
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

SAVE_OPTS = {"garbage": 4, "deflate": True, "clean": True}


# -- memory ---------------------------------------------------------------------------------
def _status_kb(key: str) -> int:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith(key):
                return int(line.split()[1])
    return 0


def rss_mb() -> float:
    return _status_kb("VmRSS:") / 1024


def hwm_mb() -> float:
    return _status_kb("VmHWM:") / 1024


def reset_hwm() -> bool:
    """Reset the peak-RSS mark to the current RSS (Linux ``clear_refs`` 5)."""
    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")
        return True
    except OSError:
        return False


class StageMeter:
    """Seconds and peak RSS per stage; a stage called inside another (verify re-extracts)
    counts for the outer one."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.cpu: dict[str, float] = defaultdict(float)
        self.peak_mb: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)
        self.depth = 0
        # Resetting the mark loses the process-wide peak, so every reading also feeds this.
        self.process_peak_mb = 0.0
        self.can_reset = reset_hwm()

    def _reset(self) -> None:
        if self.can_reset:
            self.process_peak_mb = max(self.process_peak_mb, hwm_mb())
            reset_hwm()

    def _read(self, stage: str) -> None:
        now = hwm_mb()
        self.peak_mb[stage] = max(self.peak_mb[stage], now)
        self.process_peak_mb = max(self.process_peak_mb, now)

    def peak(self) -> float:
        return max(self.process_peak_mb, hwm_mb())

    def clear(self) -> None:
        self.seconds.clear()
        self.cpu.clear()
        self.peak_mb.clear()
        self.calls.clear()

    def wrap(self, stage: str, fn: Callable) -> Callable:
        meter = self

        def timed(*a, **kw):
            if meter.depth:
                return fn(*a, **kw)
            meter.depth = 1
            meter._reset()
            t0, c0 = time.perf_counter(), time.process_time()
            try:
                return fn(*a, **kw)
            finally:
                meter.seconds[stage] += time.perf_counter() - t0
                meter.cpu[stage] += time.process_time() - c0
                meter.calls[stage] += 1
                meter._read(stage)
                meter.depth = 0

        timed.__wrapped__ = fn  # type: ignore[attr-defined]
        return timed

    def timed(self, stage: str):
        """Context manager form for the peers' inline stages."""
        meter = self

        class _Ctx:
            def __enter__(self):
                meter._reset()
                self.t0, self.c0 = time.perf_counter(), time.process_time()

            def __exit__(self, *exc):
                meter.seconds[stage] += time.perf_counter() - self.t0
                meter.cpu[stage] += time.process_time() - self.c0
                meter.calls[stage] += 1
                meter._read(stage)

        return _Ctx()


# -- ours -----------------------------------------------------------------------------------
class Ours:
    name = "ours"
    STAGES = ["extract", "detect", "decide", "redact", "save", "verify", "hash", "log"]

    def __init__(self, meter: StageMeter) -> None:
        self.meter = meter

    def load(self) -> dict:
        t0 = time.perf_counter()
        from woo_redact import detect, dossier, grounds_log, pipeline, policy
        from woo_redact.pipeline import Pipeline

        t1 = time.perf_counter()
        m = self.meter
        pipeline.extract = m.wrap("extract", pipeline.extract)
        pipeline.redact_document = m.wrap("redact", pipeline.redact_document)
        pipeline.save_rewritten = m.wrap("save", pipeline.save_rewritten)
        pipeline.sha256_file = m.wrap("hash", pipeline.sha256_file)
        dossier.sha256_file = m.wrap("hash", dossier.sha256_file)
        Pipeline.verify = m.wrap("verify", Pipeline.verify)
        Pipeline._propagate = m.wrap("detect", Pipeline._propagate)
        detect.Detector.analyze = m.wrap("detect", detect.Detector.analyze)
        policy.Policy.decide = m.wrap("decide", policy.Policy.decide)
        grounds_log.RunLog.add = m.wrap("log", grounds_log.RunLog.add)
        grounds_log.RunLog.close = m.wrap("log", grounds_log.RunLog.close)
        self.pipeline = Pipeline(policy.load_policy())
        _ = self.pipeline.detector  # the spaCy pipeline and the recognizers
        return {"import_s": t1 - t0, "load_s": time.perf_counter() - t1}

    def run(self, files: list[tuple[str, str]], out: Path) -> dict:
        from woo_redact.dossier import run_dossier
        from woo_redact.grounds_log import RunLog
        from woo_redact.inputs import InputFile

        log = RunLog(out)
        inputs = [InputFile(p, rel) for p, rel in files]
        findings = quarantined = 0
        per_doc = {}
        for i, (f, res) in enumerate(run_dossier(self.pipeline, inputs, out)):
            log.add(res, f"{i + 1:04d}")
            findings += len(res.applied)
            quarantined += res.status == "quarantined"
            per_doc[f.rel] = {"status": res.status, "findings": len(res.applied),
                              "reason": res.reason[:200]}
        log.close()
        return {"findings": findings, "quarantined": quarantined, "per_doc": per_doc}


# -- peers ----------------------------------------------------------------------------------
class PagePeer:
    """Shared loop of the peers: per page text → hits → search_for → redact → save."""
    name = "peer"
    STAGES = ["extract", "detect", "redact", "save"]

    def __init__(self, meter: StageMeter) -> None:
        self.meter = meter

    def hits(self, text: str) -> list[str]:
        raise NotImplementedError

    def run(self, files: list[tuple[str, str]], out: Path) -> dict:
        import pymupdf

        m = self.meter
        findings = 0
        per_doc = {}
        for path, rel in files:
            dest = out / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            n_doc = 0
            pdf = pymupdf.open(path)
            try:
                for page in pdf:
                    with m.timed("extract"):
                        text = page.get_text("text")
                    with m.timed("detect"):
                        found = self.hits(text)
                    with m.timed("redact"):
                        rects = 0
                        for s in dict.fromkeys(x for x in found if x.strip()):
                            for r in page.search_for(s):
                                page.add_redact_annot(r, fill=(0, 0, 0))
                                rects += 1
                        if rects:
                            page.apply_redactions()
                    n_doc += len(found)
                with m.timed("save"):
                    pdf.save(dest, **SAVE_OPTS)
            finally:
                pdf.close()
            findings += n_doc
            per_doc[rel] = {"status": "done", "findings": n_doc}
        return {"findings": findings, "quarantined": 0, "per_doc": per_doc}


class PresidioStock(PagePeer):
    name = "presidio"

    def load(self) -> dict:
        t0 = time.perf_counter()
        import logging

        from presidio_analyzer import AnalyzerEngine
        from presidio_analyzer.nlp_engine import NlpEngineProvider

        from woo_redact.nlp import model_path

        logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
        t1 = time.perf_counter()
        conf = {"nlp_engine_name": "spacy",
                "models": [{"lang_code": "nl", "model_name": str(model_path())}]}
        engine = NlpEngineProvider(nlp_configuration=conf).create_engine()
        self.analyzer = AnalyzerEngine(nlp_engine=engine, supported_languages=["nl"])
        self.recognizers = sorted(r.name for r in self.analyzer.registry.recognizers)
        return {"import_s": t1 - t0, "load_s": time.perf_counter() - t1,
                "recognizers": self.recognizers}

    def hits(self, text: str) -> list[str]:
        return [text[r.start:r.end] for r in self.analyzer.analyze(text, language="nl")]


class DeducePeer(PagePeer):
    name = "deduce"

    def load(self) -> dict:
        t0 = time.perf_counter()
        import logging

        import deduce

        logging.getLogger().setLevel(logging.WARNING)
        t1 = time.perf_counter()
        self.engine = deduce.Deduce()
        return {"import_s": t1 - t0, "load_s": time.perf_counter() - t1}

    def hits(self, text: str) -> list[str]:
        return [a.text for a in self.engine.deidentify(text).annotations]


NAIVE_PATTERNS = [
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+",  # e-mail
    r"(?:\+31\s?|0)6[\s-]?(?:\d[\s-]?){8}",  # mobile
    r"0\d{2}-\d{3}\s?\d{4}",  # landline
    r"\bNL\d{2}\s?[A-Z]{4}(?:\s?\d{2,4}){3}\b",  # IBAN
    r"\b\d{4}\.\d{2}\.\d{3}\b|\b\d{9}\b",  # BSN
    r"\b\d{4}\s?[A-Z]{2}\b",  # postcode
    r"\b\d{2}/\d{6}-\d{2}\b",  # parketnummer
    r"\bPL\d{4}-\d{10}\b",  # BVH
    r"\b[A-Z0-9]{1,3}-[A-Z0-9]{2,3}-[A-Z0-9]{1,3}\b",  # licence plate shapes
]


class Naive(PagePeer):
    name = "naive"

    def load(self) -> dict:
        t0 = time.perf_counter()
        self.rx = re.compile("|".join(f"(?:{p})" for p in NAIVE_PATTERNS))
        return {"import_s": 0.0, "load_s": time.perf_counter() - t0}

    def hits(self, text: str) -> list[str]:
        return [m.group(0) for m in self.rx.finditer(text)]


class Floor:
    """The floor of the mechanical stages, on the same pages: PyMuPDF's word extraction
    (``get_text("words")``, no reading order, no checks), the redaction of as many word
    boxes as ours redacts a page (``FLOOR_BOXES``, all in one annotation as quads, the
    cheapest way MuPDF offers, as ours does) and the same save. No detection, no labels, no
    verification."""
    name = "floor"
    STAGES = ["extract", "redact", "save"]

    def __init__(self, meter: StageMeter) -> None:
        self.meter = meter

    def load(self) -> dict:
        return {"import_s": 0.0, "load_s": 0.0}

    def run(self, files: list[tuple[str, str]], out: Path) -> dict:
        import pymupdf

        m = self.meter
        per_doc = {}
        for path, rel in files:
            dest = out / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            pdf = pymupdf.open(path)
            try:
                for page in pdf:
                    with m.timed("extract"):
                        words = page.get_text("words")
                    with m.timed("redact"):
                        boxes = [w[:4] for w in
                                 words[::max(1, len(words) // FLOOR_BOXES)][:FLOOR_BOXES]]
                        if boxes:
                            annot = page.add_redact_annot(
                                (min(b[0] for b in boxes), min(b[1] for b in boxes),
                                 max(b[2] for b in boxes), max(b[3] for b in boxes)))
                            a, b_, c, d, e, f = ~page.transformation_matrix
                            quads = " ".join(f"{a * x + c * y + e:.2f} {b_ * x + d * y + f:.2f}"
                                             for x0, y0, x1, y1 in boxes
                                             for x, y in ((x0, y0), (x1, y0), (x0, y1),
                                                          (x1, y1)))
                            pdf.xref_set_key(annot.xref, "QuadPoints", f"[{quads}]")
                            page.apply_redactions(images=pymupdf.PDF_REDACT_IMAGE_PIXELS)
                with m.timed("save"):
                    pdf.save(dest, **SAVE_OPTS)
            finally:
                pdf.close()
            per_doc[rel] = {"status": "done", "findings": 0}
        return {"findings": 0, "quarantined": 0, "per_doc": per_doc}


FLOOR_BOXES = 20  # about the findings a page of the mix has (bench results: ~21)

SYSTEMS = {"ours": Ours, "presidio": PresidioStock, "deduce": DeducePeer, "naive": Naive,
           "floor": Floor}


def cpu_seconds() -> float:
    t = os.times()
    return t.user + t.system
