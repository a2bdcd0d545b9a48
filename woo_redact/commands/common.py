"""What the one-shot commands share: their pipeline options and how a run starts."""

from __future__ import annotations

import argparse
import sys


def add_pipeline_options(p: argparse.ArgumentParser, *, accept_help: str) -> None:
    p.add_argument("--policy", metavar="FILE", help="policy YAML (default: shipped policy)")
    p.add_argument("--accept-proposed", action="store_true", help=accept_help)
    p.add_argument("--no-ocr", action="store_true",
                   help="do not OCR scanned pages (documents with scans are quarantined)")


def start_run(args: argparse.Namespace):
    """Inputs, document numbers and a pipeline for ``args``; None when there is nothing to do
    (the caller exits 2)."""
    from ..inputs import discover
    from ..pipeline import Pipeline
    from ..policy import load_policy

    files, skipped = discover(args.inputs)
    if not files:
        print("woo-redact: error: no PDF files found in the input", file=sys.stderr)
        return None
    pipeline = Pipeline(load_policy(args.policy), accept_proposed=args.accept_proposed,
                        ocr=False if args.no_ocr else None)
    width = max(4, len(str(len(files))))
    numbers = {f.path: f"{i + 1:0{width}d}" for i, f in enumerate(files)}
    for s in skipped:
        print(f"skipped  {s.path}: {s.reason}", file=sys.stderr)
    return files, skipped, numbers, pipeline
