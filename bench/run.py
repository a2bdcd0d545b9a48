"""``make bench``: speed, memory and quality of woo-redact beside its peers, on one generated
Woo-like dossier (see ``bench/corpus.py``).

Every measurement runs in its own process (``bench/worker.py``), warm: models are loaded and a
small document is processed before the clock starts; load times are reported apart. Writes
``bench/results.json`` and ``bench/results.md``.

    .venv/bin/python bench/run.py [--quick] [--skip-peers] [--skip-batch] [--skip-ocr]
                                  [--skip-convert] [--skip-scale] [--scale-10k]

Every figure of ours is also given as a ratio: to the naive search-and-redact on the same pages
(the bar of issue #18), and per stage to its floor (bare PyMuPDF word extraction, bare
redaction and save: the ``floor`` system). The naive baseline and the floor always run; the
other peers only without ``--skip-peers``. The scale row (``bench/scale_bench.py``) runs a
generated archive of 1,000 one-page documents; ``--scale-10k`` adds 10,000 (about 20 minutes
on 2 cores).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import pstats
import shutil
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import corpus as corpus_mod  # noqa: E402

WORK = HERE / "out"
RESULTS_JSON = HERE / "results.json"
RESULTS_MD = HERE / "results.md"
PEERS = ["presidio", "deduce", "naive"]

# The bars (issue #18): ours over the naive search-and-redact, same pages, one process.
BAR_MIX_OVER_NAIVE = 0.6
BAR_MEMO_OVER_NAIVE = 0.5
BAR_FIRST_PAGE_S = 1.5
BAR_BIG_RSS_MB = 600.0
BAR_SCALING = 1.8  # two processes over one
BAR_SCALE_10K = 0.9  # pages/s at 10,000 documents over pages/s at 1,000
BAR_RERUN_SHARE = 0.10  # a rerun adding 10 documents, over the first run
BAR_RESUME_S = 5.0


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", flush=True)


# -- machine --------------------------------------------------------------------------------
def machine() -> dict:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = 0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = int(line.split()[1]) // 1024
    except OSError:
        pass
    load = os.getloadavg() if hasattr(os, "getloadavg") else (0, 0, 0)
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_mb": mem,
            "python": platform.python_version(), "platform": platform.platform(),
            "load_average_at_start": [round(x, 2) for x in load]}


# -- running workers ------------------------------------------------------------------------
class Timeout(RuntimeError):
    def __init__(self, seconds: float, peak_rss_mb: float | None):
        super().__init__(f"stopped after {seconds:.0f} s")
        self.seconds, self.peak_rss_mb = seconds, peak_rss_mb


def run_workers(system: str, shares: list[list[tuple[str, str]]], tag: str, *,
                warmup: str | None, profile: bool = False,
                timeout: float | None = None) -> dict:
    """Start one worker per share, let them all load, start them together, merge results."""
    base = WORK / tag
    shutil.rmtree(base, ignore_errors=True)
    base.mkdir(parents=True)
    go = base / "go"
    procs = []
    for i, files in enumerate(shares):
        flist = base / f"files-{i}.json"
        flist.write_text(json.dumps(files), "utf-8")
        cmd = [sys.executable, str(HERE / "worker.py"), system, "--files", str(flist),
               "--out", str(base / f"out-{i}"), "--result", str(base / f"result-{i}.json"),
               "--ready", str(base / f"ready-{i}"), "--go", str(go)]
        if warmup:
            cmd += ["--warmup", warmup]
        if profile:
            cmd += ["--profile", str(base / f"profile-{i}.prof")]
        procs.append(subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL,
                                      stderr=open(base / f"stderr-{i}.txt", "w")))
    while not all((base / f"ready-{i}").exists() for i in range(len(shares))):
        dead = [i for i, p in enumerate(procs) if p.poll() is not None]
        if dead:
            for p in procs:
                if p.poll() is None:
                    p.kill()
            err = (base / f"stderr-{dead[0]}.txt").read_text()[-3000:]
            raise RuntimeError(f"{system} worker failed while loading:\n{err}")
        time.sleep(0.05)
    go.write_text("go")
    started = time.monotonic()
    for i, p in enumerate(procs):
        try:
            left = None if timeout is None else max(1.0, timeout - (time.monotonic() - started))
            code = p.wait(timeout=left)
        except subprocess.TimeoutExpired:
            for q in procs:
                q.kill()
                q.wait()
            peaks = []
            for j in range(len(shares)):
                prog = base / f"result-{j}.json.progress"
                if prog.is_file():
                    peaks.append(json.loads(prog.read_text())["peak_rss_mb"])
            raise Timeout(time.monotonic() - started, max(peaks) if peaks else None) from None
        if code != 0:
            err = (base / f"stderr-{i}.txt").read_text()[-3000:]
            raise RuntimeError(f"{system} worker {i} failed:\n{err}")
    results = [json.loads((base / f"result-{i}.json").read_text("utf-8"))
               for i in range(len(shares))]
    return merge(results, base)


def merge(results: list[dict], base: Path) -> dict:
    pages = 0
    docs = {}
    for r in results:
        docs.update(r.pop("per_doc", {}))
    wall = max(r["t_end"] for r in results) - min(r["t_start"] for r in results)
    stages: dict[str, float] = {}
    cpu: dict[str, float] = {}
    peaks: dict[str, float] = {}
    for r in results:
        for k, v in r["stages_s"].items():
            stages[k] = stages.get(k, 0.0) + v
        for k, v in r["stages_cpu_s"].items():
            cpu[k] = cpu.get(k, 0.0) + v
        for k, v in r["stage_peak_rss_mb"].items():
            peaks[k] = max(peaks.get(k, 0.0), v)
    merged = {
        "workers": len(results), "wall_s": round(wall, 3),
        "cpu_s": round(sum(r["cpu_s"] for r in results), 3),
        "import_s": results[0].get("import_s"), "load_s": results[0].get("load_s"),
        "warmup_s": results[0].get("warmup_s"),
        "stages_s": {k: round(v, 3) for k, v in stages.items()},
        "stages_cpu_s": {k: round(v, 3) for k, v in cpu.items()},
        "stage_peak_rss_mb": peaks,
        "peak_rss_mb": max(r["peak_rss_mb"] for r in results),
        "loaded_rss_mb": max(r["loaded_rss_mb"] for r in results),
        "findings": sum(r["findings"] for r in results),
        "quarantined": sum(r["quarantined"] for r in results),
        "documents": sum(r["documents"] for r in results),
        "outputs": [str(base / f"out-{i}") for i in range(len(results))],
        "per_doc": docs,
        "extra": {k: v for k, v in results[0].items() if k in ("recognizers",)},
    }
    return merged


def with_pages(res: dict, pages: int) -> dict:
    res["pages"] = pages
    res["pages_per_s"] = round(pages / res["wall_s"], 2) if res["wall_s"] else None
    # Other work on a shared machine steals wall time; CPU time says what one core does.
    res["pages_per_cpu_s"] = round(pages / res["cpu_s"], 2) if res["cpu_s"] else None
    res["stage_pages_per_s"] = {k: round(pages / v, 1) if v else None
                                for k, v in res["stages_s"].items()}
    res["stage_pages_per_cpu_s"] = {k: round(pages / v, 1) if v else None
                                    for k, v in res["stages_cpu_s"].items()}
    return res


def split(files: list[tuple[str, str, int]], n: int) -> list[list[tuple[str, str]]]:
    """Shares with about equal pages (largest first onto the lightest share)."""
    shares: list[list[tuple[str, str]]] = [[] for _ in range(n)]
    load = [0] * n
    for path, rel, pages in sorted(files, key=lambda f: -f[2]):
        i = load.index(min(load))
        shares[i].append((path, rel))
        load[i] += pages
    return shares


# -- quality --------------------------------------------------------------------------------
def quality(manifest: dict, out_dirs: list[str], docs: list[dict]) -> dict:
    """PDF-level recall and keep rate of one system's outputs (PyMuPDF and pdftotext)."""
    import pymupdf

    from woo_redact import evaluate as ev

    scores = []
    for d in docs:
        name = Path(d["path"]).name
        truth = ev.load_truth(corpus_mod.CORPUS / "truth" / (Path(name).stem + ".json"))
        out = next((Path(o) / name for o in out_dirs if (Path(o) / name).is_file()), None)
        if out is None:
            scores.append(ev.score_document(truth, None, [], status="quarantined",
                                            reason="no output"))
            continue
        texts = ev.read_pdf_texts(str(out), ocr=False)
        with pymupdf.open(corpus_mod.CORPUS / d["path"]) as src:
            source = "\n".join(p.get_text("text") for p in src)
        scores.append(ev.score_document(truth, texts, [], status="done", output=str(out),
                                        pages=d["pages"], input_text=source))
    agg = ev.aggregate(scores)
    return {"recall": agg["overall"]["recall"], "keep_rate": agg["overall"]["keep_rate"],
            "categories": {k: v["recall"] for k, v in agg["categories"].items()},
            "keep": {k: v["keep_rate"] for k, v in agg["keep"].items()},
            "quarantined": len(agg["quarantined"])}


# -- profile --------------------------------------------------------------------------------
def profile_top(prof_file: Path, n: int = 15) -> dict:
    """Top functions by self time, and our own functions by cumulative time."""
    st = pstats.Stats(str(prof_file))
    rows = []
    for (file, line, func), (_cc, nc, tt, ct, _callers) in st.stats.items():  # type: ignore
        rows.append({"function": f"{Path(file).name}:{line}({func})", "calls": nc,
                     "tottime_s": round(tt, 3), "cumtime_s": round(ct, 3),
                     "ours": "/woo_redact/" in file})
    by_tot = sorted(rows, key=lambda r: -r["tottime_s"])[:n]
    by_cum = sorted((r for r in rows if r["ours"]), key=lambda r: -r["cumtime_s"])[:n]
    total = max((r["cumtime_s"] for r in rows), default=0.0)
    return {"total_s": total, "by_self_time": by_tot, "ours_by_cumulative_time": by_cum}


# -- helpers of others ----------------------------------------------------------------------
def optional_bench(module: str, *args) -> dict | None:
    if not (HERE / f"{module}.py").is_file():
        return None
    import importlib

    try:
        mod = importlib.import_module(module)
        t0 = time.perf_counter()
        res = mod.run(*args)
        return {"seconds": round(time.perf_counter() - t0, 1), **res}
    except Exception as e:  # a broken optional row must not sink the whole benchmark
        return {"error": f"{type(e).__name__}: {e}"}


def cli_help_seconds() -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "woo_redact", "--help"], cwd=ROOT,
                   capture_output=True, check=False)
    return round(time.perf_counter() - t0, 3)


def ensure_deduce_cache() -> dict:
    """deduce builds its lookup cache on its first-ever load (minutes); do it here, once."""
    t0 = time.perf_counter()
    code = ("import logging, deduce; logging.disable(logging.INFO); deduce.Deduce()")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    return {"ok": proc.returncode == 0, "seconds": round(time.perf_counter() - t0, 1),
            "error": proc.stderr[-500:] if proc.returncode else ""}


# -- main -----------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true",
                    help="a tenth of the mix, no 500-page document (a smoke run)")
    ap.add_argument("--skip-peers", action="store_true")
    ap.add_argument("--skip-batch", action="store_true")
    ap.add_argument("--skip-ocr", action="store_true")
    ap.add_argument("--skip-convert", action="store_true")
    ap.add_argument("--skip-scale", action="store_true", help="no scale row")
    ap.add_argument("--scale-10k", action="store_true",
                    help="the scale row also at 10,000 documents (opt-in: ~20 minutes)")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args(argv)
    t_all = time.perf_counter()
    from woo_redact.nlp import ModelMissingError, model_path

    try:
        model = model_path()
    except ModelMissingError as e:
        print(f"bench: {e}", file=sys.stderr)
        return 2
    res: dict = {"date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                 "machine": machine(), "model": str(model.relative_to(ROOT))
                 if model.is_relative_to(ROOT) else str(model)}
    log("corpus")
    t0 = time.perf_counter()
    manifest = corpus_mod.ensure()
    res["corpus_seconds"] = round(time.perf_counter() - t0, 1)
    mix = [d for d in manifest["docs"] if d["folder"] == "mix"]
    if args.quick:
        mix = mix[::10]
    big = [d for d in manifest["docs"] if d["folder"] == "big"]
    warm = str(corpus_mod.CORPUS / next(d["path"] for d in manifest["docs"]
                                        if d["folder"] == "warmup"))

    def files(docs):
        return [(str(corpus_mod.CORPUS / d["path"]), Path(d["path"]).name, d["pages"])
                for d in docs]

    mix_pages = sum(d["pages"] for d in mix)
    memo = [d for d in mix if d["kind"] == "memo"]
    memo_pages = sum(d["pages"] for d in memo)
    res["corpus"] = {
        "mix": _profile(mix), "email": _profile([d for d in mix if d["kind"] == "email"]),
        "memo": _profile(memo), "notes": _profile([d for d in mix if d["kind"] == "notes"]),
        "big": _profile(big)}
    res["startup"] = {"cli_help_s": cli_help_seconds()}
    log("start-up to the first page (bench/startup_bench.py)")
    import startup_bench

    one_page = _one_page_pdf(corpus_mod.CORPUS / next(d["path"] for d in manifest["docs"]
                                                      if d["folder"] == "warmup"))
    try:
        res["startup"].update(startup_bench.run(str(one_page), repeat=3))
    except RuntimeError as e:
        res["startup"]["error"] = str(e)[-1500:]
    if not args.skip_peers:
        log("deduce cache")
        res["startup"]["deduce_first_load"] = ensure_deduce_cache()

    runs: dict = {}
    # Calibrate on every tenth document, then size the runs so that the whole benchmark
    # stays within its budget even when ours is slow (the results say what was used).
    calib = mix[::10] if len(mix) >= 30 else mix
    calib_pages = sum(d["pages"] for d in calib)
    log(f"ours, calibration on {calib_pages} pages")
    cal = with_pages(run_workers("ours", [[(p, r) for p, r, _ in files(calib)]], "ours-calib",
                                 warmup=warm), calib_pages)
    runs["ours_calibration"] = cal
    speed = max(cal["pages_per_s"] or 0.1, 0.1)
    elapsed = time.perf_counter() - t_all
    subset, plan = choose_subset(mix, speed, args, elapsed)
    res["plan"] = plan
    log(f"plan: {plan}")
    mix = subset
    mix_pages = sum(d["pages"] for d in mix)
    memo = [d for d in mix if d["kind"] == "memo"]
    memo_pages = sum(d["pages"] for d in memo)
    res["corpus"]["measured"] = _profile(mix)
    one = [[(p, r) for p, r, _ in files(mix)]]
    log(f"ours, 1 process, {mix_pages} pages")
    runs["ours_1"] = with_pages(run_workers("ours", one, "ours-1", warmup=warm), mix_pages)
    log(f"ours, {args.workers} processes")
    runs[f"ours_{args.workers}"] = with_pages(
        run_workers("ours", split(files(mix), args.workers), f"ours-{args.workers}",
                    warmup=warm), mix_pages)
    log(f"ours, memo pages only ({memo_pages})")
    runs["ours_memo"] = with_pages(
        run_workers("ours", [[(p, r) for p, r, _ in files(memo)]], "ours-memo", warmup=warm),
        memo_pages)
    if big and not args.quick:
        big_pages = sum(d["pages"] for d in big)
        log(f"ours, {big_pages}-page document (limit {plan['big_timeout_s']} s)")
        try:
            runs["ours_big"] = with_pages(
                run_workers("ours", [[(p, r) for p, r, _ in files(big)]], "ours-big",
                            warmup=warm, timeout=plan["big_timeout_s"]), big_pages)
        except Timeout as e:
            runs["ours_big"] = {"timeout_s": round(e.seconds), "pages": big_pages,
                                "peak_rss_mb": e.peak_rss_mb, "pages_per_s": None,
                                "pages_per_cpu_s": None, "wall_s": round(e.seconds, 1),
                                "note": "did not finish within its time limit; the peak RSS "
                                        "is the highest seen until it was stopped"}
    sample, n = [], 0
    for d in mix:
        if n >= PROFILE_PAGES:
            break
        sample.append(d)
        n += d["pages"]
    log(f"ours under cProfile ({sum(d['pages'] for d in sample)} pages)")
    prof_run = run_workers("ours", [[(p, r) for p, r, _ in files(sample)]], "ours-profile",
                           warmup=warm, profile=True)
    res["profile"] = {"pages": sum(d["pages"] for d in sample),
                      **profile_top(WORK / "ours-profile" / "profile-0.prof")}
    res["profile"]["stages_s"] = prof_run["stages_s"]
    # the baseline and the floors, always: every figure of ours is a ratio to them
    for system, key, docs_, pages_ in (("naive", "naive", mix, mix_pages),
                                       ("naive", "naive_memo", memo, memo_pages),
                                       ("floor", "floor", mix, mix_pages)):
        log(f"{key}, 1 process, {pages_} pages")
        runs[key] = with_pages(run_workers(system, [[(p, r) for p, r, _ in files(docs_)]], key,
                                           warmup=warm), pages_)
    if not args.skip_peers:
        for peer in [p for p in PEERS if p != "naive"]:
            log(f"{peer}, 1 process, {mix_pages} pages")
            try:
                runs[peer] = with_pages(run_workers(peer, one, peer, warmup=warm), mix_pages)
            except RuntimeError as e:
                runs[peer] = {"error": str(e)[-1500:]}
    log("quality of every system's outputs")
    for name, r in runs.items():
        if name in ("ours_1", *PEERS) and "outputs" in r:
            r["quality"] = quality(manifest, r["outputs"], mix)
    res["runs"] = {k: {kk: vv for kk, vv in v.items() if kk != "per_doc"}
                   for k, v in runs.items()}
    res["ratios"] = ratios(runs)
    if not args.skip_batch:
        log("batch (bench/batch_bench.py)")
        subset = _batch_subset(mix if args.quick else mix[::plan["batch_stride"]])
        res["batch"] = optional_bench("batch_bench", str(subset), str(WORK / "batch"))
    if not args.skip_ocr:
        log("OCR (bench/ocr_bench.py)")
        res["ocr"] = optional_bench("ocr_bench")
    if not args.skip_convert:
        log("conversion of Word files and e-mails (bench/convert_bench.py)")
        res["convert"] = optional_bench("convert_bench")
    if not args.skip_scale:
        sizes = [1000, 10000] if args.scale_10k else [1000]
        log(f"scale row at {sizes} documents (bench/scale_bench.py)")
        res["scale"] = optional_bench("scale_bench", str(WORK / "scale"), sizes,
                                      min(args.workers, 2))
    res["bars"] = bars(res, args.workers)
    res["total_seconds"] = round(time.perf_counter() - t_all, 1)
    # The results are committed: paths inside the checkout are written relative to it.
    res = json.loads(json.dumps(res).replace(str(ROOT) + os.sep, ""))
    RESULTS_JSON.write_text(json.dumps(res, indent=1, ensure_ascii=False) + "\n", "utf-8")
    RESULTS_MD.write_text(render(res, args.workers), "utf-8")
    print(RESULTS_MD.read_text("utf-8"))
    log(f"done in {res['total_seconds']} s: {RESULTS_JSON}, {RESULTS_MD}")
    return 0


BUDGET_S = 840.0  # `make bench` must finish within 15 minutes on 2 cores
# Seconds per page of the peers and of scoring one output, and fixed costs, as measured on a
# 2-core machine; only used to plan, never reported.
PEER_S_PER_PAGE = {"presidio": 0.16, "deduce": 0.12, "naive": 0.03}
SCORE_S_PER_PAGE = 0.03
BATCH_STARTUP_S = 70.0  # three batch runs start their workers (Ray's cluster the slowest)
OCR_S = 70.0
CONVERT_S = 25.0  # office start-up, 12 Word files, 2 single-run conversions, 40 mails
BIG_TIMEOUT_S = (60.0, 180.0)
PROFILE_PAGES = 30
STARTUP_S = 40.0  # three redact commands in each mode, each loading the models
SCALE_S = 240.0  # 1,000 one-page documents: first run, rerun, resume (2 workers)


def estimate(pages: int, memo_pages: int, speed: float, args) -> float:
    """Seconds the runs after calibration take on ``pages`` pages of the mix."""
    workers = max(args.workers, 1)
    t = pages / speed + pages / (0.8 * workers * speed) + memo_pages * 1.5 / speed
    t += 2.5 * min(pages, PROFILE_PAGES) / speed  # cProfile doubles the time
    t += 12.0 * (6 + (0 if args.skip_peers else len(PEERS) - 1))  # each worker's load + warm-up
    t += (2 * pages + memo_pages) * PEER_S_PER_PAGE["naive"] + STARTUP_S
    if not args.skip_peers:
        t += pages * (sum(PEER_S_PER_PAGE.values()) + len(PEERS) * SCORE_S_PER_PAGE)
    if not getattr(args, "skip_scale", False):
        t += SCALE_S
    t += pages * SCORE_S_PER_PAGE
    if not args.skip_batch:
        batch_pages = pages / (3 if pages >= 600 else 2)
        t += BATCH_STARTUP_S + batch_pages * (1 / speed + 2 / (1.6 * speed))
    if not args.skip_ocr:
        t += OCR_S
    if not getattr(args, "skip_convert", False):
        t += CONVERT_S
    if not args.quick:
        t += big_timeout(speed)
    return t


def big_timeout(speed: float) -> float:
    return min(max(BIG_TIMEOUT_S[0], 1.5 * 500 / speed), BIG_TIMEOUT_S[1])


def choose_subset(mix: list[dict], speed: float, args, elapsed: float
                  ) -> tuple[list[dict], dict]:
    """The part of the mix every later run uses (the same pages for every system), sized
    from ours' calibrated pages/s so that the whole run fits the budget."""
    pages_all = sum(d["pages"] for d in mix)
    room = BUDGET_S - elapsed
    stride = 1
    while stride < len(mix):
        sub = mix[::stride]
        pages = sum(d["pages"] for d in sub)
        memo = sum(d["pages"] for d in sub if d["kind"] == "memo")
        if pages <= 60 or estimate(pages, memo, speed, args) <= room:
            break
        stride += 1
    subset = mix[::stride]
    used = sum(d["pages"] for d in subset)
    return subset, {"budget_s": BUDGET_S, "calibrated_pages_per_s": round(speed, 2),
                    "mix_pages": pages_all, "pages_used": used, "stride": stride,
                    "batch_stride": 3 if used >= 600 else 2,
                    "big_timeout_s": round(big_timeout(speed)),
                    "estimated_s": round(estimate(used, sum(
                        d["pages"] for d in subset if d["kind"] == "memo"), speed, args)),
                    "note": "" if stride == 1 else
                    f"ours ran at {speed:.1f} pages/s, so every run uses every {stride}th "
                    "document of the mix to stay within the time budget"}


def _profile(docs: list[dict]) -> dict:
    pages = sum(d["pages"] for d in docs)
    if not pages:
        return {"documents": 0, "pages": 0}
    return {"documents": len(docs), "pages": pages,
            "words_per_page": round(sum(d["words"] for d in docs) / pages, 1),
            "names_per_page": round(sum(d["names"] for d in docs) / pages, 1),
            "sensitive_per_page": round(sum(d["sensitive"] for d in docs) / pages, 1)}


def _one_page_pdf(source: Path) -> Path:
    """The first page of ``source`` as a document of its own (the start-up row)."""
    import pymupdf

    dest = WORK / "one-page.pdf"
    dest.parent.mkdir(parents=True, exist_ok=True)
    with pymupdf.open(source) as src, pymupdf.open() as one:
        one.insert_pdf(src, from_page=0, to_page=0)
        one.save(dest)
    return dest


def _batch_subset(docs: list[dict]) -> Path:
    sub = WORK / "batch-corpus"
    shutil.rmtree(sub, ignore_errors=True)
    sub.mkdir(parents=True)
    for d in docs:
        shutil.copy(corpus_mod.CORPUS / d["path"], sub / Path(d["path"]).name)
    return sub


def ratios(runs: dict) -> dict:
    ours = runs.get("ours_1", {})
    out = {}
    for peer in PEERS:
        r = runs.get(peer)
        if not r or "pages_per_s" not in r:
            continue
        out[peer] = {
            "speed_ours_over_peer": _div(ours.get("pages_per_s"), r["pages_per_s"]),
            "cpu_speed_ours_over_peer": _div(ours.get("pages_per_cpu_s"), r["pages_per_cpu_s"]),
            "peak_rss_ours_over_peer": _div(ours.get("peak_rss_mb"), r["peak_rss_mb"]),
        }
    return out


def _div(a, b):
    return round(a / b, 2) if a and b else None


def bars(res: dict, workers: int) -> list[dict]:
    runs = res["runs"]
    out = []

    def bar(name, value, target, higher=True):
        met = value is not None and (value >= target if higher else value < target)
        out.append({"bar": name, "value": value, "target": target, "met": met})

    one, naive = runs.get("ours_1", {}), runs.get("naive", {})
    memo, naive_memo = runs.get("ours_memo", {}), runs.get("naive_memo", {})
    bar("mix, 1 process, pages per CPU-second ÷ naive", _div(one.get("pages_per_cpu_s"),
                                                            naive.get("pages_per_cpu_s")),
        BAR_MIX_OVER_NAIVE)
    bar("mix, 1 process, pages/s (wall) ÷ naive", _div(one.get("pages_per_s"),
                                                       naive.get("pages_per_s")),
        BAR_MIX_OVER_NAIVE)
    bar("memo pages, pages per CPU-second ÷ naive", _div(memo.get("pages_per_cpu_s"),
                                                         naive_memo.get("pages_per_cpu_s")),
        BAR_MEMO_OVER_NAIVE)
    st = res.get("startup", {})
    if "worker_first_page_s" in st:
        bar("start-up to the first page, s (worker process)", st["worker_first_page_s"],
            BAR_FIRST_PAGE_S, higher=False)
        bar("start-up to the first page, s (--in-process)", st["in_process_first_page_s"],
            BAR_FIRST_PAGE_S, higher=False)
    big = runs.get("ours_big")
    if big:
        bar("500-page document, peak RSS MB", big.get("peak_rss_mb"), BAR_BIG_RSS_MB,
            higher=False)
    multi = runs.get(f"ours_{workers}")
    if multi and one.get("pages_per_s") and workers > 1:
        bar(f"{workers} processes vs 1 (speed-up)",
            round(multi["pages_per_s"] / one["pages_per_s"], 2), BAR_SCALING)
    scale = res.get("scale") or {}
    if scale.get("rows"):
        rows = {r["documents"]: r for r in scale["rows"]}
        if 1000 in rows and 10000 in rows:
            bar("scale: pages/s at 10,000 documents ÷ at 1,000",
                _div(rows[10000]["pages_per_s"], rows[1000]["pages_per_s"]), BAR_SCALE_10K)
            bar("scale: pages per CPU-s at 10,000 documents ÷ at 1,000",
                _div(rows[10000]["pages_per_cpu_s"], rows[1000]["pages_per_cpu_s"]),
                BAR_SCALE_10K)
        for n, r in sorted(rows.items()):
            bar(f"scale: rerun adding 10 documents ÷ first run, {n:,} documents",
                r["rerun_share"], BAR_RERUN_SHARE, higher=False)
            bar(f"scale: resume with nothing to do, s, {n:,} documents", r["resume_wall_s"],
                BAR_RESUME_S, higher=False)
    return out


# -- report ---------------------------------------------------------------------------------
def _f(v, nd=1) -> str:
    if v is None:
        return "–"
    if isinstance(v, float):
        return f"{v:.{nd}f}"
    return str(v)


def _pct(v) -> str:
    return "–" if v is None else f"{v * 100:.1f}%"


def _table(head: list[str], rows: list[list]) -> str:
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(_f(c) if not isinstance(c, str) else c for c in r) + " |"
              for r in rows]
    return "\n".join(lines) + "\n"


def render(res: dict, workers: int) -> str:
    m, c, runs = res["machine"], res["corpus"], res["runs"]
    md = [f"# woo-redact benchmark\n",
          f"{res['date'][:10]} on {m['cpu']}, {m['cores']} cores, {m['memory_mb']} MB RAM, "
          f"Python {m['python']} (load average at start {m['load_average_at_start']}). "
          f"Model: `{res['model']}`. Total run {res['total_seconds']} s.\n",
          "## Corpus\n",
          _table(["part", "documents", "pages", "words/page", "names/page",
                  "sensitive strings/page"],
                 [[k, v.get("documents"), v.get("pages"), v.get("words_per_page"),
                   v.get("names_per_page"), v.get("sensitive_per_page")]
                  for k, v in c.items()])]
    plan = res.get("plan", {})
    if plan:
        why = (" to stay within the time budget" if plan["stride"] > 1 else "")
        md.append(f"Runs below use {plan['pages_used']} of the mix's {plan['mix_pages']} pages "
                  f"(every {plan['stride']}th document; ours calibrated at "
                  f"{plan['calibrated_pages_per_s']} pages/s){why}.\n")
    one = runs.get("ours_1", {})
    floor, naive = runs.get("floor", {}), runs.get("naive", {})
    if one:
        rows = []
        total = sum(one["stages_cpu_s"].values())
        for st in ["extract", "detect", "decide", "redact", "save", "verify", "hash", "log"]:
            if st in one["stages_s"]:
                c = one["stages_cpu_s"][st]
                ms = 1000 * c / one["pages"]
                fl = _ms(floor, st)
                rows.append([st, round(one["stages_s"][st], 2), round(c, 2), round(ms, 2),
                             f"{100 * c / total:.0f}%" if total else "–",
                             round(fl, 2) if fl else "–",
                             f"{ms / fl:.1f}" if fl else "–",
                             one["stage_peak_rss_mb"].get(st)])
        naive_ms = 1000 * naive["cpu_s"] / naive["pages"] if naive.get("pages") else None
        rows.append(["end to end", one["wall_s"], one["cpu_s"],
                     round(1000 * one["cpu_s"] / one["pages"], 2), "",
                     round(naive_ms, 2) if naive_ms else "–",
                     f"{1000 * one['cpu_s'] / one['pages'] / naive_ms:.1f}" if naive_ms else "–",
                     one["peak_rss_mb"]])
        md += ["## Ours per stage (1 process, the mix)\n",
               f"Findings per page: {one['findings'] / one['pages']:.1f}; quarantined: "
               f"{one['quarantined']}; CPU {one['cpu_s']} s for {one['wall_s']} s wall "
               f"({one['pages_per_cpu_s']} pages per CPU-second).\n",
               "The floor of a stage is the same stage done bare on the same pages in the "
               "same run (`floor`: PyMuPDF's word extraction, the redaction of "
               "20 word boxes a page, the same save); end to end, the floor is the naive "
               "search-and-redact.\n",
               _table(["stage", "wall s", "CPU s", "CPU ms/page", "CPU share",
                       "floor ms/page", "× floor", "peak RSS MB"], rows)]
    base = [(k, runs.get(k)) for k in ("naive", "naive_memo", "floor")]
    if any(r and "stages_cpu_s" in r for _k, r in base):
        rows = []
        for k, r in base:
            if not r or "stages_cpu_s" not in r:
                continue
            rows.append([k.replace("_", " "), r["pages"], r["pages_per_cpu_s"],
                         ", ".join(f"{st} {1000 * v / r['pages']:.2f}"
                                   for st, v in r["stages_cpu_s"].items())])
        md += ["## Baseline and floors (same run, 1 process)\n",
               _table(["system", "pages", "pages per CPU-s", "CPU ms/page by stage"], rows)]
    rows = []
    # the same pages as the baseline's (the calibration ran on others)
    ratio_to = {"ours_1": "naive", f"ours_{workers}": "naive", "ours_memo": "naive_memo"}
    for key, label in [("ours_calibration", "calibration (every 10th document), 1 process"),
                       ("ours_1", "mix, 1 process"), (f"ours_{workers}",
                                                        f"mix, {workers} processes"),
                       ("ours_memo", "memo pages only, 1 process"),
                       ("ours_big", "500-page document, 1 process")]:
        r = runs.get(key)
        if r:
            if r.get("timeout_s"):
                label += f" — stopped after {r['timeout_s']} s"
            base_run = runs.get(ratio_to.get(key, ""), {})
            rows.append([label, r["pages"], r["wall_s"], r["pages_per_s"], r["pages_per_cpu_s"],
                         _f(_div(r.get("pages_per_cpu_s"), base_run.get("pages_per_cpu_s")), 2)
                         if base_run else "–", r["peak_rss_mb"]])
    md += ["## Ours end to end\n",
           _table(["run", "pages", "seconds", "pages/s", "pages per CPU-s",
                   "÷ naive (per CPU-s)", "peak RSS MB"], rows)]
    st = res["startup"]
    md.append(f"Start-up: `woo-redact --help` {st['cli_help_s']} s; import "
              f"{_f(one.get('import_s'), 2)} s; pipeline + model load {_f(one.get('load_s'), 2)}"
              f" s; first document {_f(one.get('warmup_s'), 2)} s (warm worker of this bench).\n")
    if "worker_first_page_s" in st:
        md.append(f"`woo-redact redact one-page.pdf --out x` in a fresh process (median of "
                  f"{st['repeat']}): first page read after {st['worker_first_page_s']} s, "
                  f"done after {st['worker_total_s']} s (worker process, the default); "
                  f"{st['in_process_first_page_s']} s and {st['in_process_total_s']} s with "
                  f"`--in-process`. The models load while the first page is read.\n")
    rows = []
    for name in ["ours_1", *PEERS]:
        r = runs.get(name)
        if not r:
            continue
        if "error" in r:
            rows.append([name, "error", "", "", "", "", "", "", ""])
            continue
        q = r.get("quality", {})
        ratio = res["ratios"].get(name, {})
        rows.append([name.replace("_1", ""), r["pages_per_s"], r["pages_per_cpu_s"],
                     _f(ratio.get("speed_ours_over_peer"), 2) if ratio else "1.00",
                     r["peak_rss_mb"], _f(r.get("load_s"), 1),
                     round(r["findings"] / r["pages"], 1), _pct(q.get("recall")),
                     _pct(q.get("keep_rate"))])
    md += ["## Side by side (same pages, 1 process, warm)\n",
           "Recall: sensitive occurrences gone from the output PDF; keep rate: keep-strings "
           "(office holders, organisations, public numbers) still there. Peers get PDF "
           "redaction by `search_for` + `apply_redactions`, ours its own pipeline (with "
           "verification and logs).\n",
           _table(["system", "pages/s", "pages per CPU-s", "ours ÷ peer (speed)",
                   "peak RSS MB", "load s", "findings/page", "recall", "keep rate"], rows)]
    if "deduce_first_load" in st:
        md.append(f"deduce set-up (cache check/first load) took "
                  f"{st['deduce_first_load']['seconds']} s.\n")
    cats = {}
    for name in ["ours_1", *PEERS]:
        q = runs.get(name, {}).get("quality")
        if q:
            cats[name.replace("_1", "")] = q["categories"]
    if cats:
        keys = sorted({k for v in cats.values() for k in v})
        md += ["### Recall per category\n",
               _table(["category", *cats], [[k, *[_pct(v.get(k)) for v in cats.values()]]
                                            for k in keys])]
    md += ["## Bars\n", _table(["bar", "value", "target", "met"],
                               [[b["bar"], b["value"], b["target"],
                                 "yes" if b["met"] else "**NO**"] for b in res["bars"]])]
    prof = res.get("profile")
    if prof:
        md += [f"## Profile (cProfile, {prof['pages']} pages, {prof['total_s']} s)\n",
               "Top by self time:\n",
               _table(["function", "calls", "self s", "cumulative s"],
                      [[r["function"], r["calls"], r["tottime_s"], r["cumtime_s"]]
                       for r in prof["by_self_time"][:12]]),
               "woo-redact functions by cumulative time:\n",
               _table(["function", "calls", "self s", "cumulative s"],
                      [[r["function"], r["calls"], r["tottime_s"], r["cumtime_s"]]
                       for r in prof["ours_by_cumulative_time"][:12]])]
    md += _other_rows(res)
    return "\n".join(md)


def _ms(run: dict, stage: str) -> float | None:
    v = (run.get("stages_cpu_s") or {}).get(stage)
    return 1000 * v / run["pages"] if v and run.get("pages") else None


def _other_rows(res: dict) -> list[str]:
    """The rows of bench/batch_bench.py and bench/ocr_bench.py, whatever keys they bring."""
    md = []
    scale = res.get("scale")
    if scale is not None:
        md.append("## Scale (bench/scale_bench.py)\n")
        if scale.get("rows"):
            keys = ["documents", "pages_per_s", "pages_per_cpu_s", "pages_per_s_wall",
                    "first_wall_s",
                    "startup_s", "rerun_wall_s", "rerun_share", "rerun_rechecked",
                    "rerun_rewritten", "resume_wall_s", "quarantined"]
            md.append(_table(keys, [[r.get(k) for k in keys] for r in scale["rows"]]))
        md.append(", ".join(f"{k}: {v}" for k, v in scale.items()
                            if not isinstance(v, (list, dict))) + "\n")
    batch = res.get("batch")
    if batch is not None:
        md.append("## Batch (bench/batch_bench.py)\n")
        if batch.get("rows"):
            keys = ["config", "pages", "pages_per_s", "pages_per_s_wall", "startup_s",
                    "parallelism", "cpu_share_per_worker"]
            md.append(_table(keys, [[r.get(k) for k in keys] for r in batch["rows"]]))
        md.append(", ".join(f"{k}: {v}" for k, v in batch.items()
                            if not isinstance(v, (list, dict))) + "\n")
    ocr = res.get("ocr")
    if ocr is not None:
        md.append("## OCR (bench/ocr_bench.py)\n")
        md.append(", ".join(f"{k}: {v}" for k, v in ocr.items()
                            if not isinstance(v, (list, dict))) + "\n")
    conv = res.get("convert")
    if conv is not None:
        md.append("## Conversion before extract (bench/convert_bench.py)\n")
        md.append(", ".join(f"{k}: {v}" for k, v in conv.items()
                            if not isinstance(v, (list, dict))) + "\n")
    return md


if __name__ == "__main__":
    sys.exit(main())
