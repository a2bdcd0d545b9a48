"""What the one-shot commands share: their pipeline options and how a run starts."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_pipeline_options(p: argparse.ArgumentParser, *, accept_help: str) -> None:
    p.add_argument("--policy", metavar="FILE", help="policy YAML (default: shipped policy)")
    p.add_argument("--accept-proposed", action="store_true", help=accept_help)
    p.add_argument("--no-ocr", action="store_true",
                   help="do not OCR scanned pages (documents with scans are quarantined)")


def start_run(args: argparse.Namespace, work: Path | None = None):
    """The dossier's documents (files found, zips and mail attachments unpacked into
    ``work``, by default OUT/.work), their sequence numbers and a pipeline for ``args``;
    None when there is nothing to do (the caller exits 2)."""
    from ..dossier import WORK_DIR
    from ..inputs import discover
    from ..inputs.dossier import expand
    from ..pipeline import Pipeline
    from ..policy import load_policy

    files, skipped = discover(args.inputs)
    if not files:
        print("woo-redact: error: no supported files found in the input", file=sys.stderr)
        return None
    pipeline = Pipeline(load_policy(args.policy), accept_proposed=args.accept_proposed,
                        ocr=False if args.no_ocr else None)
    work = work or Path(args.out) / WORK_DIR
    work.mkdir(parents=True, exist_ok=True, mode=0o700)
    docs = expand(files, work).docs
    width = max(4, len(str(len(docs))))
    numbers = {d.key: f"{i + 1:0{width}d}" for i, d in enumerate(docs)}
    for s in skipped:
        print(f"skipped  {s.path}: {s.reason}", file=sys.stderr)
    return docs, skipped, numbers, pipeline
