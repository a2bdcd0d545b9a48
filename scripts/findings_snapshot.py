"""Snapshot what a run decides on a set of documents, and diff two snapshots.

    python scripts/findings_snapshot.py snapshot OUT.json FOLDER... [--reference]
    python scripts/findings_snapshot.py diff A.json B.json

Each folder is run as its own dossier (both passes, redaction and verification included) and
every document is recorded: its status (and quarantine kind), the checksum of its output and
every finding with entity, span, text, score, detector, boxes, ground, action, status and
reason. Two checkouts give comparable snapshots: run the script of this checkout with the
other checkout first on ``PYTHONPATH`` (it uses only ``run_dossier`` and ``Pipeline``).
``--reference`` runs the reference paths (Presidio recognizer by recognizer, every page of
the output read again) where the checkout has them. ``diff`` exits 1 when anything differs.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path


def finding_record(f) -> list:
    return [f.entity_type, f.start, f.end, f.text, round(float(f.score), 4), f.detector,
            [[b.page, round(b.x0, 2), round(b.y0, 2), round(b.x1, 2), round(b.y1, 2)]
             for b in f.boxes], f.ground, f.action, f.status, f.reason]


def document_record(res) -> dict:
    """What a run decided on one document, in a form that compares exactly."""
    return {"status": res.status, "kind": res.kind,
            "reason": res.reason if res.status == "quarantined" else "",
            "sha256_out": res.sha256_out or "",
            "findings": sorted((finding_record(f) for f in res.findings),
                               key=lambda r: json.dumps(r, ensure_ascii=False))}


def snapshot_folder(pipeline, folder: Path) -> dict[str, dict]:
    """One dossier run over the PDFs below ``folder``; records by relative path."""
    from woo_redact.dossier import run_dossier
    from woo_redact.inputs import InputFile

    files = [InputFile(str(p), str(p.relative_to(folder)))
             for p in sorted(folder.rglob("*.pdf"))]
    with tempfile.TemporaryDirectory(prefix="woo-snapshot-") as out:
        return {res.rel: document_record(res) for _d, res in run_dossier(pipeline, files, out)}


def diff(a: dict, b: dict) -> list[str]:
    """Differences between two snapshots ({set: {document: record}}), one line each."""
    lines = []
    for s in sorted(set(a) | set(b)):
        da, db = a.get(s, {}), b.get(s, {})
        for rel in sorted(set(da) | set(db)):
            ra, rb = da.get(rel), db.get(rel)
            if ra == rb:
                continue
            if ra is None or rb is None:
                lines.append(f"{s}/{rel}: only in {'B' if ra is None else 'A'}")
                continue
            for k in ("status", "kind", "reason", "sha256_out"):
                if ra[k] != rb[k]:
                    lines.append(f"{s}/{rel}: {k} {ra[k]!r} -> {rb[k]!r}")
            fa = {json.dumps(r, ensure_ascii=False) for r in ra["findings"]}
            fb = {json.dumps(r, ensure_ascii=False) for r in rb["findings"]}
            lines += [f"{s}/{rel}: - {r}" for r in sorted(fa - fb)]
            lines += [f"{s}/{rel}: + {r}" for r in sorted(fb - fa)]
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    snap = sub.add_parser("snapshot")
    snap.add_argument("out")
    snap.add_argument("folders", nargs="+")
    snap.add_argument("--reference", action="store_true")
    d = sub.add_parser("diff")
    d.add_argument("a")
    d.add_argument("b")
    args = ap.parse_args(argv)
    if args.cmd == "diff":
        a = json.loads(Path(args.a).read_text("utf-8"))
        b = json.loads(Path(args.b).read_text("utf-8"))
        lines = diff(a, b)
        print("\n".join(lines) if lines else "identical")
        return 1 if lines else 0
    import woo_redact
    from woo_redact.errors import quiet_mupdf
    from woo_redact.pipeline import Pipeline

    print(f"woo_redact from {Path(woo_redact.__file__).parent}", file=sys.stderr)

    quiet_mupdf()
    pipeline = Pipeline()
    if args.reference:
        if not hasattr(pipeline, "reference"):
            print("this checkout has no reference paths", file=sys.stderr)
            return 2
        pipeline.reference = True
    out = {str(f): snapshot_folder(pipeline, Path(f)) for f in args.folders}
    Path(args.out).write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", "utf-8")
    print(f"{sum(len(v) for v in out.values())} documents in {len(out)} set(s): {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
