"""The scale row: does a document cost the same in a large archive as in a small one?

A generated archive of one-page e-mails, every person in it a name no other document uses
(surnames repeat, as they do), goes through ``woo-redact batch`` three times, as a user runs
it: the first run, a rerun after 10 new documents arrived, and a resume with nothing to do.
Each size gets its own archive and output folder.

    python bench/scale_bench.py WORKDIR [--sizes 1000 10000] [--workers 2]

Figures: pages/s of the first run over the time its workers were busy and over its wall
time, the rerun's wall time as a share of the first run's, and the resume's wall time.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

BAR_SCALING = 0.9  # pages/s at the largest size over pages/s at the smallest
BAR_RERUN = 0.10  # a rerun adding 10 documents, as a share of the first run
BAR_RESUME_S = 5.0
NEW_DOCS = 10
SUBJECTS = ["Voortgang registratieplicht", "Afstemming Kamerbrief", "Planning overleg",
            "Reactie op het inspectierapport", "Vraag over de subsidieregeling",
            "Woo-verzoek: stand van zaken", "Capaciteit recherche", "Verslag bespreking"]


class _UniquePeople:
    """``corpus.People`` whose every person is someone no other document of the archive
    names (first name and surname together are new)."""

    def __init__(self, people, used: set[str]) -> None:
        self.people, self.used = people, used

    def make(self):
        for _ in range(1000):
            p = self.people.make()
            if p.full not in self.used:
                self.used.add(p.full)
                return p
        raise RuntimeError("ran out of distinct names")


def generate(folder: Path, count: int, seed: int, used: set[str], start: int = 0) -> int:
    """``count`` one-page e-mails in ``folder``; returns the pages written."""
    import pymupdf
    from faker import Faker

    import corpus

    folder.mkdir(parents=True, exist_ok=True)
    faker = Faker("nl_NL")
    faker.seed_instance(seed)
    rng = random.Random(seed)
    people = _UniquePeople(corpus.People(rng, faker), used)
    for i in range(start, start + count):
        c = corpus.Content(rng, people, corpus.DocTruth())
        pdf = pymupdf.open()
        corpus.email_page(pdf, c, rng.choice(SUBJECTS))
        # a shard of a hundred documents a folder, as an archive export lays them out
        dest = folder / f"{i // 100:04d}" / f"mail-{i:06d}.pdf"
        dest.parent.mkdir(exist_ok=True)
        pdf.save(dest, garbage=3, deflate=True)
        pdf.close()
    return count


def batch(src: Path, out: Path, workers: int) -> dict:
    """One ``woo-redact batch`` run as a user starts it; its summary and wall seconds."""
    env = {**os.environ, "RAY_USAGE_STATS_ENABLED": "0",
           "PYTHONPATH": os.pathsep.join(p for p in [str(ROOT), os.environ.get("PYTHONPATH")]
                                         if p)}
    cmd = [sys.executable, "-m", "woo_redact", "batch", str(src), str(out), "--json",
           "--progress", "none", "--workers", str(workers)]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    summary = json.loads(proc.stdout)
    return {"wall_s": round(wall, 2), "cpu_s": round(_worker_cpu(out), 2),
            "run": summary["run"], "documents": summary["documents"],
            "quarantined": len(summary["quarantined"])}


def _worker_cpu(out: Path) -> float:
    """CPU seconds the workers spent on documents, both phases (from the manifest)."""
    import sqlite3

    db = sqlite3.connect(f"file:{out / 'batch-manifest.sqlite'}?mode=ro", uri=True)
    try:
        rows = db.execute("SELECT timings FROM documents").fetchall()
    finally:
        db.close()
    cpu = 0.0
    for (t,) in rows:
        t = json.loads(t or "{}")
        cpu += t.get("phase1_cpu", 0.0) + t.get("phase2_cpu", 0.0)
    return cpu


def one_size(work: Path, size: int, workers: int, seed: int) -> dict:
    src, out = work / f"archive-{size}", work / f"out-{size}"
    shutil.rmtree(src, ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)
    used: set[str] = set()
    t0 = time.perf_counter()
    generate(src, size, seed, used)
    gen_s = time.perf_counter() - t0
    first = batch(src, out, workers)
    generate(src, NEW_DOCS, seed + 1, used, start=size)
    rerun = batch(src, out, workers)
    resume = batch(src, out, workers)
    r1 = first["run"]
    busy = sum(r1["phase_s"].values())
    return {
        "documents": size, "generate_s": round(gen_s, 1),
        "first_wall_s": first["wall_s"], "first_worker_cpu_s": first["cpu_s"],
        "pages": r1["pages"], "quarantined": first["quarantined"],
        "pages_per_s": round(r1["pages"] / busy, 2) if busy else None,
        "pages_per_cpu_s": round(r1["pages"] / first["cpu_s"], 2) if first["cpu_s"] else None,
        "pages_per_s_wall": round(r1["pages"] / first["wall_s"], 2),
        "startup_s": r1["startup_s"],
        "rerun_wall_s": rerun["wall_s"],
        "rerun_share": round(rerun["wall_s"] / first["wall_s"], 3),
        "rerun_detected": rerun["run"]["detected"], "rerun_rechecked": rerun["run"]["rechecked"],
        "rerun_rewritten": rerun["run"]["rewritten_after_recheck"],
        "resume_wall_s": resume["wall_s"],
        "resume_detected": resume["run"]["detected"],
        "resume_redacted": resume["run"]["redacted"],
    }


def run(workdir: str, sizes: list[int] | None = None, workers: int = 2, seed: int = 1812) -> dict:
    work = Path(workdir)
    work.mkdir(parents=True, exist_ok=True)
    sizes = sorted(sizes or [1000])
    rows = [one_size(work, n, workers, seed) for n in sizes]
    small, large = rows[0], rows[-1]
    scaling = (round(large["pages_per_s"] / small["pages_per_s"], 3)
               if len(rows) > 1 and small["pages_per_s"] else None)
    # CPU seconds say what a page costs whatever else the machine was doing meanwhile
    scaling_cpu = (round(large["pages_per_cpu_s"] / small["pages_per_cpu_s"], 3)
                   if len(rows) > 1 and small["pages_per_cpu_s"] else None)
    return {
        "name": "scale", "workers": workers, "sizes": sizes,
        "scaling_largest_over_smallest": scaling, "scaling_per_cpu_s": scaling_cpu,
        "bar_scaling": BAR_SCALING,
        "rerun_share_largest": large["rerun_share"], "bar_rerun_share": BAR_RERUN,
        "resume_s_largest": large["resume_wall_s"], "bar_resume_s": BAR_RESUME_S,
        "note": "pages_per_s: pages over the time the workers were busy (both phases); "
                "rerun: 10 new documents, run again, whole command; resume: the same "
                "command again with nothing to do",
        "rows": rows,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("workdir")
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000])
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args(argv)
    print(json.dumps(run(args.workdir, args.sizes, args.workers), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
