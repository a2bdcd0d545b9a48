"""One benchmark process: load a system, warm it up, wait for the start signal, process its
share of the files, write a JSON result. Run by ``bench/run.py``; one process per worker, so
each memory figure is that process's own.

    python bench/worker.py SYSTEM --files LIST.json --out DIR --result OUT.json
                           [--warmup PDF] [--ready FILE --go FILE] [--profile FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

T_START = time.perf_counter()
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from systems import SYSTEMS, StageMeter, cpu_seconds, hwm_mb, rss_mb  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("system", choices=sorted(SYSTEMS))
    ap.add_argument("--files", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--result", required=True)
    ap.add_argument("--warmup")
    ap.add_argument("--ready")
    ap.add_argument("--go")
    ap.add_argument("--profile")
    args = ap.parse_args(argv)

    files = [tuple(x) for x in json.loads(Path(args.files).read_text("utf-8"))]
    meter = StageMeter()
    _watch_memory(Path(args.result + ".progress"), meter)
    system = SYSTEMS[args.system](meter)
    info = system.load()
    loaded_mb = rss_mb()
    load_peak_mb = hwm_mb()
    warm_s = 0.0
    if args.warmup:
        t0 = time.perf_counter()
        with tempfile.TemporaryDirectory() as tmp:
            system.run([(args.warmup, Path(args.warmup).name)], Path(tmp))
        warm_s = time.perf_counter() - t0
    warm_peak_mb = meter.peak()
    meter.clear()
    meter.process_peak_mb = 0.0
    meter._reset()
    if args.ready:
        Path(args.ready).write_text(str(os.getpid()))
    if args.go:
        while not os.path.exists(args.go):
            time.sleep(0.005)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    cpu0 = cpu_seconds()
    t0 = time.monotonic()
    if args.profile:
        import cProfile

        prof = cProfile.Profile()
        prof.enable()
        res = system.run(files, out)
        prof.disable()
        prof.dump_stats(args.profile)
    else:
        res = system.run(files, out)
    t1 = time.monotonic()
    result = {
        "system": args.system, "pid": os.getpid(),
        "start_to_loaded_s": round(time.perf_counter() - T_START - (t1 - t0) - warm_s, 3),
        **{k: (round(v, 3) if isinstance(v, float) else v) for k, v in info.items()},
        "warmup_s": round(warm_s, 3),
        "t_start": t0, "t_end": t1, "wall_s": round(t1 - t0, 3),
        "cpu_s": round(cpu_seconds() - cpu0, 3),
        "documents": len(files),
        "stages_s": {k: round(v, 4) for k, v in meter.seconds.items()},
        "stages_cpu_s": {k: round(v, 4) for k, v in meter.cpu.items()},
        "stage_peak_rss_mb": {k: round(v, 1) for k, v in meter.peak_mb.items()},
        "loaded_rss_mb": round(loaded_mb, 1),
        "end_rss_mb": round(rss_mb(), 1),
        "load_peak_rss_mb": round(load_peak_mb, 1),
        "warmup_peak_rss_mb": round(warm_peak_mb, 1),
        "run_peak_rss_mb": round(meter.peak(), 1),
        "peak_rss_mb": round(max(load_peak_mb, warm_peak_mb, meter.peak()), 1),
        "ru_maxrss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "hwm_reset_supported": meter.can_reset,
        **res,
    }
    Path(args.result).write_text(json.dumps(result, indent=1) + "\n", "utf-8")
    return 0


def _watch_memory(path: Path, meter: StageMeter, every: float = 0.5) -> None:
    """Write the peak RSS so far every half second: a run stopped for taking too long still
    says how much memory it had reached."""
    import threading

    def loop() -> None:
        peak = 0.0
        while True:
            peak = max(peak, rss_mb(), meter.process_peak_mb)
            path.write_text(json.dumps({"peak_rss_mb": round(peak, 1),
                                        "time": time.monotonic()}))
            time.sleep(every)

    threading.Thread(target=loop, daemon=True).start()


if __name__ == "__main__":
    sys.exit(main())
