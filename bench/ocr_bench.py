"""OCR cost and quality on the scanned fixtures (``fixtures/scanned``, truth in ``fixtures/truth``).

``run()`` (called by ``bench/run.py``) measures OCR throughput at 200 dpi: pages per CPU-second
of the process, i.e. pages/s per core, with the Tesseract engine loaded before the clock
starts. CPU time rather than wall time, because OCR runs one page per worker process and the
figure must not depend on what else the machine is doing.

``recall()`` runs the whole pipeline over the scanned fixtures and scores the outputs two ways:
by OCR of the output (is a sensitive string still readable?) and by pixels (is the ink of every
sensitive occurrence gone from the scan image?). The second does not depend on OCR at all: the
positions come from the born-digital source of each scan, mapped through the scan's tilt.

On a shared machine the CPU time of a page varies by 10-20 % from run to run (other jobs on
the same cores and caches slow every instruction down). ``--repeat N``
reads every page N times and reports, next to the rate of each pass, the rate from each
page's fastest reading: the same work, measured with less of the noise.

    .venv/bin/python bench/ocr_bench.py [--repeat N] [--compare] [--recall]
"""

from __future__ import annotations

import argparse
import ctypes
import io
import json
import math
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
import pymupdf  # noqa: E402
from PIL import Image  # noqa: E402

from woo_redact import ocr  # noqa: E402

SCANNED = ROOT / "fixtures" / "scanned"
TRUTH = ROOT / "fixtures" / "truth"
SOURCES = ROOT / "fixtures" / "docs"
BAR_PAGES_PER_CPU_S = 1.0
RECALL_CATEGORIES = ("EMAIL_ADDRESS", "PHONE_NUMBER", "PERSON")
BAR_RECALL = 0.95


def scanned_fixtures() -> list[Path]:
    return sorted(SCANNED.glob("*.pdf"))


def _engine_name() -> str:
    lib = ocr._library()
    if lib is None:
        return "tesseract command"
    lib.TessVersion.restype = ctypes.c_char_p
    return f"libtesseract {lib.TessVersion().decode()} (C API, in process)"


# -- throughput ------------------------------------------------------------------------------
def run(repeat: int = 1) -> dict:
    """Pages per CPU-second of OCR (render, clean, deskew, Tesseract, words) at 200 dpi."""
    files = scanned_fixtures()
    if not files:
        return {"skipped": "no scanned fixtures (fixtures/scanned is empty)"}
    if not ocr.tesseract_available():
        return {"skipped": "Tesseract or its nld/eng language data is not installed"}
    repeat = max(1, repeat)
    t0 = time.process_time()
    ocr._engine()  # language models load once per worker process, not per page
    init_cpu = time.process_time() - t0
    where = []
    for path in files:
        with pymupdf.open(path) as doc:
            where += [(path.name, number + 1) for number in range(doc.page_count)]
    # cpu[i][j]: pass i, page j. Each pass opens the files afresh, so that no pass finds the
    # decoded scans of an earlier one in MuPDF's cache, and runs over all pages in turn, so
    # that a busy spell on the machine spreads over pages instead of all readings of one.
    cpu = [[0.0] * len(where) for _ in range(repeat)]
    wall = prep_cpu = 0.0
    words = [0] * len(where)
    for i in range(repeat):
        j = 0
        for path in files:
            with pymupdf.open(path) as doc:
                for page in doc:
                    c0, w0 = time.process_time(), time.perf_counter()
                    found = ocr.ocr_page(page)
                    cpu[i][j] = time.process_time() - c0
                    wall += time.perf_counter() - w0
                    words[j] = len(found)
                    if i == 0:
                        c1 = time.process_time()
                        ocr.prepare(page)  # again, only to split the cost into stages
                        prep_cpu += time.process_time() - c1
                    j += 1
    n = len(where)
    per_page = [{"file": name, "page": number, "words": words[j],
                 "cpu_s": round(min(cpu[i][j] for i in range(repeat)), 3)}
                for j, (name, number) in enumerate(where)]
    best = sum(min(cpu[i][j] for i in range(repeat)) for j in range(n))
    rate = n / best if best else None
    out = {
        "engine": _engine_name(),
        "languages": ocr.LANGUAGES,
        "dpi": ocr.DPI,
        "omp_thread_limit": os.environ.get("OMP_THREAD_LIMIT"),
        "documents": len(files),
        "pages": n,
        "words": sum(words),
        "engine_load_cpu_s": round(init_cpu, 3),
        "repeat": repeat,
        "cpu_s": round(best, 2),
        "wall_s": round(wall / repeat, 2),
        "pages_per_cpu_s": round(rate, 3) if rate else None,
        "cpu_s_per_page": round(best / n, 3),
        "preprocess_cpu_s_per_page": round(prep_cpu / n, 3),
        # the rest of a page's time: Tesseract and the few steps around it
        "tesseract_cpu_s_per_page": round((best - prep_cpu) / n, 3),
        "ms_per_word": round(1000 * best / max(sum(words), 1), 2),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "bar_pages_per_cpu_s": BAR_PAGES_PER_CPU_S,
        "bar_met": bool(rate and rate >= BAR_PAGES_PER_CPU_S),
        "per_page": per_page,
    }
    if repeat > 1:
        out["pages_per_cpu_s_each_pass"] = [round(n / sum(c), 3) for c in cpu]
    return out


def compare() -> dict:
    """The routes considered, on the same pages: ours, PyMuPDF's OCR text page (its bundled
    Tesseract, no preprocessing), and the tesseract command per page."""
    import resource

    files = scanned_fixtures()
    out: dict[str, dict] = {}

    def measure(name, fn):
        ru0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        c0 = time.process_time()
        n = 0
        for path in files:
            with pymupdf.open(path) as doc:
                for page in doc:
                    fn(page)
                    n += 1
        ru1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = time.process_time() - c0 + (ru1.ru_utime - ru0.ru_utime) + (
            ru1.ru_stime - ru0.ru_stime)
        out[name] = {"pages": n, "cpu_s": round(cpu, 2), "pages_per_cpu_s": round(n / cpu, 3)}

    ocr._engine()
    measure("ours (library)", ocr.ocr_page)
    exe = shutil.which("tesseract")
    if exe:
        cli = ocr._CliEngine(exe, ocr.tessdata_dir(), ocr.LANGUAGES)

        def via_cli(page):
            image, _, dpi, _ = ocr.prepare(page)
            return ocr.parse_tsv(cli.tsv(image, dpi))
        measure("ours (tesseract command)", via_cli)

    def via_pymupdf(page):
        tp = page.get_textpage_ocr(language=ocr.LANGUAGES, dpi=ocr.DPI, full=True,
                                   tessdata=ocr.tessdata_dir())
        return page.get_text("words", textpage=tp)
    measure("pymupdf get_textpage_ocr", via_pymupdf)
    return out


# -- recall ----------------------------------------------------------------------------------
def recall(pipeline=None, out_dir: str | None = None) -> dict:
    """Run the pipeline on every scanned fixture and score what is left in the outputs."""
    from woo_redact.pipeline import Pipeline

    pipeline = pipeline or Pipeline()
    tmp = None
    if out_dir is None:
        tmp = tempfile.mkdtemp(prefix="ocr-recall-")
        out_dir = tmp
    try:
        docs = []
        for path in scanned_fixtures():
            truth_path = TRUTH / f"{path.stem}.json"
            if not truth_path.is_file():
                continue
            truth = json.loads(truth_path.read_text("utf-8"))
            res = pipeline.process(str(path), out_dir)
            docs.append(score_output(path, truth, res))
        return summarise(docs)
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)


def score_output(path: Path, truth: dict, res) -> dict:
    from woo_redact.textnorm import count_occurrences

    doc = {"document": path.name, "status": res.status, "kind": res.kind,
           "reason": res.reason[:300], "ocr": {}, "pixels": {}, "keep": [0, 0]}
    if res.status != "done":
        return doc
    text = output_text(res.output, set(res.ocr_pages))
    squashed = "".join(text.split()).casefold()
    for item in truth["sensitive"]:
        s, cat, n = item["text"], item["category"], int(item["count"])
        # also without spaces, so an address OCR splits in two still counts as readable
        left = max(count_occurrences(text, s), squashed.count("".join(s.split()).casefold()))
        got = doc["ocr"].setdefault(cat, [0, 0])
        got[0] += n - min(left, n)
        got[1] += n
    for item in truth.get("keep", []):
        doc["keep"][0] += min(count_occurrences(text, item["text"]), int(item["count"]))
        doc["keep"][1] += int(item["count"])
    source = SOURCES / truth.get("source", "")
    if source.is_file():
        doc["pixels"] = pixel_scores(path, Path(res.output), source, truth)
    return doc


def output_text(path: str, ocr_pages: set[int]) -> str:
    """The output as a reader sees it: OCR for the pages that were scans (whatever text the
    redaction labels added to them), the text layer elsewhere."""
    from woo_redact.extract import build_document, page_words

    from woo_redact.model import Page

    pages = []
    with pymupdf.open(path) as pdf:
        for p in pdf:
            words = ocr.ocr_page(p) if p.number in ocr_pages else page_words(p)
            pages.append(Page(p.number, p.rect.width, p.rect.height, words))
    return build_document(path, "", pages).text


def pixel_scores(scan: Path, output: Path, source: Path, truth: dict) -> dict:
    """Per category: occurrences whose ink is gone from the output's scan image / all.

    Positions: each occurrence's word boxes in the born-digital source, rotated by the scan's
    tilt about the page centre (the scan is the source rendered and turned). An occurrence
    counts as removed when at least 97 % of the ink it had in the input scan is white in the
    output's image (redaction blanks image pixels to white; the black box is vector art).
    """
    from woo_redact.extract import boxes_for_span, extract
    from woo_redact.textnorm import find_occurrences

    src = extract(str(source))
    scores: dict[str, list[int]] = {}
    with pymupdf.open(scan) as sdoc, pymupdf.open(output) as odoc:
        images = [(_page_image(sdoc[i]), _page_image(odoc[i])) for i in range(sdoc.page_count)]
        tilt = [-ocr.estimate_skew(ocr.clean(inp)) if inp is not None else 0.0
                for inp, _ in images]
        for item in truth["sensitive"]:
            cat = item["category"]
            for a, b in find_occurrences(src.text, item["text"]):
                boxes = boxes_for_span(src, a, b)
                gone = all(_ink_gone(images[bx.page], tilt[bx.page], bx, sdoc[bx.page].rect)
                           for bx in boxes)
                got = scores.setdefault(cat, [0, 0])
                got[0] += int(gone)
                got[1] += 1
    return scores


def _page_image(page: pymupdf.Page) -> Image.Image | None:
    """The page's scan as stored (not rendered: rendering would show the black boxes)."""
    infos = [i for i in page.get_image_info(xrefs=True) if i.get("xref")]
    if not infos:
        return None
    info = max(infos, key=lambda i: (i["bbox"][2] - i["bbox"][0]) * (i["bbox"][3] - i["bbox"][1]))
    raw = page.parent.extract_image(info["xref"])
    return Image.open(io.BytesIO(raw["image"])).convert("L")


def _ink_gone(pair, tilt: float, box, page_rect: pymupdf.Rect) -> bool:
    before, after = pair
    if before is None or after is None:
        return False
    sx, sy = before.width / page_rect.width, before.height / page_rect.height
    cx, cy = before.width / 2, before.height / 2
    t = math.radians(tilt)
    c, s = math.cos(t), math.sin(t)
    # a font box is taller than the ink; shave half a point off the sides of the word box so
    # the neighbours' ink is not counted
    x0, x1 = box.x0 * sx + 0.5 * sx, box.x1 * sx - 0.5 * sx
    y0, y1 = box.y0 * sy, box.y1 * sy
    corners = []
    for x, y in ((x0, y0), (x1, y0), (x1, y1), (x0, y1)):
        dx, dy = x - cx, y - cy
        corners.append((cx + dx * c + dy * s, cy - dx * s + dy * c))
    xs, ys = [p[0] for p in corners], [p[1] for p in corners]
    bx0, by0 = max(int(min(xs)), 0), max(int(min(ys)), 0)
    bx1, by1 = min(int(max(xs)) + 1, before.width), min(int(max(ys)) + 1, before.height)
    if bx1 <= bx0 or by1 <= by0:
        return False
    if after.size != before.size:
        after = after.resize(before.size)
    a = np.asarray(before.crop((bx0, by0, bx1, by1)))
    o = np.asarray(after.crop((bx0, by0, bx1, by1)))
    yy, xx = np.mgrid[by0:by1, bx0:bx1]
    # inside the turned rectangle: undo the turn and test against the straight box
    dx, dy = xx + 0.5 - cx, yy + 0.5 - cy
    ux, uy = cx + dx * c - dy * s, cy + dx * s + dy * c
    inside = (ux >= x0) & (ux <= x1) & (uy >= y0) & (uy <= y1)
    ink = inside & (a < 128)
    if not ink.any():
        return True
    return float(np.mean(o[ink] >= 250)) >= 0.97


def summarise(docs: list[dict]) -> dict:
    def total(key: str) -> dict:
        acc: dict[str, list[int]] = {}
        for d in docs:
            for cat, (got, n) in d[key].items():
                a = acc.setdefault(cat, [0, 0])
                a[0] += got
                a[1] += n
        return {cat: {"removed": g, "total": n, "recall": round(g / n, 4) if n else None}
                for cat, (g, n) in sorted(acc.items())}

    ocr_scores, pixel = total("ocr"), total("pixels")
    kept = [sum(d["keep"][0] for d in docs), sum(d["keep"][1] for d in docs)]

    def joint(scores: dict) -> float | None:
        g = sum(scores[c]["removed"] for c in RECALL_CATEGORIES if c in scores)
        n = sum(scores[c]["total"] for c in RECALL_CATEGORIES if c in scores)
        return round(g / n, 4) if n else None

    return {"documents": docs,
            "done": sum(d["status"] == "done" for d in docs), "total_documents": len(docs),
            "by_ocr_of_output": ocr_scores, "by_pixels": pixel,
            "email_phone_person_recall_ocr": joint(ocr_scores),
            "email_phone_person_recall_pixels": joint(pixel),
            "keep_found": kept, "bar_recall": BAR_RECALL}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--compare", action="store_true", help="also time PyMuPDF's OCR route "
                    "and the tesseract command (slow)")
    ap.add_argument("--recall", action="store_true", help="run the pipeline on the scanned "
                    "fixtures and score the outputs (needs the NER model)")
    ap.add_argument("--repeat", type=int, default=1, metavar="N", help="read every page N "
                    "times and rate each page by its fastest reading (default 1)")
    args = ap.parse_args()
    res = {"throughput": run(args.repeat)}
    res["throughput"].pop("per_page", None)
    if args.compare:
        res["compare"] = compare()
    if args.recall:
        res["recall"] = recall()
    print(json.dumps(res, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
