"""Start-up: how long ``woo-redact redact one.pdf --out x`` takes before it reads the first
page of its document, and in all, in a fresh process as a user starts it.

The command runs through ``python -c`` with extraction's page reader wrapped to note the
moment it is first called (in the worker process too: it is forked from the command's own).
Both the default (a worker process per run) and ``--in-process`` are measured; each figure is
the median of ``--repeat`` runs.

    python bench/startup_bench.py ONE.pdf [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BAR_FIRST_PAGE_S = 1.5

# Runs in the measured process: note when the first page is read, then run the command.
_PROBE = """
import os, sys, time
t0 = float(sys.argv[1]); mark = sys.argv[2]
from woo_redact import extract as _x
_read = _x._read_page
def _first(*a, **k):
    if not os.path.exists(mark):
        with open(mark, "w") as fh:
            fh.write(repr(time.time() - t0))
    return _read(*a, **k)
_x._read_page = _first
from woo_redact.cli import main
sys.exit(main(sys.argv[3:]))
"""


def once(pdf: str, extra: list[str]) -> dict:
    with tempfile.TemporaryDirectory(prefix="woo-startup-") as d:
        mark = os.path.join(d, "first-page")
        t0 = time.time()
        proc = subprocess.run([sys.executable, "-c", _PROBE, repr(t0), mark, "redact", pdf,
                               "--out", os.path.join(d, "out"), *extra],
                              cwd=ROOT, capture_output=True, text=True)
        total = time.time() - t0
        if proc.returncode not in (0, 1):
            raise RuntimeError(f"redact failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
        first = float(Path(mark).read_text()) if os.path.exists(mark) else None
    return {"first_page_s": first, "total_s": total}


def run(pdf: str, repeat: int = 3) -> dict:
    out: dict = {"name": "startup", "document": pdf, "repeat": repeat,
                 "bar_first_page_s": BAR_FIRST_PAGE_S}
    help_times = []
    for _ in range(repeat):
        t0 = time.time()
        subprocess.run([sys.executable, "-m", "woo_redact", "--help"], cwd=ROOT,
                       capture_output=True, check=False)
        help_times.append(time.time() - t0)
    out["help_s"] = round(statistics.median(help_times), 3)
    for label, extra in (("worker", []), ("in_process", ["--in-process"])):
        runs = [once(pdf, extra) for _ in range(repeat)]
        out[f"{label}_first_page_s"] = round(statistics.median(r["first_page_s"] for r in runs), 3)
        out[f"{label}_total_s"] = round(statistics.median(r["total_s"] for r in runs), 3)
    out["bar_met"] = out["worker_first_page_s"] <= BAR_FIRST_PAGE_S
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pdf")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    print(json.dumps(run(args.pdf, args.repeat), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
