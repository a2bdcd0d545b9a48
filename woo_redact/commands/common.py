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
    p.add_argument("--propagation", choices=["batch", "group", "folder"], default="batch",
                   help="where a name found in one document is looked for in the others: "
                        "every document of the run (batch, the default), the documents below "
                        "the same top-level folder (group), or in the same folder (folder); "
                        "a mail's attachments are in its folder, a zip is a folder")


def add_limit_options(p: argparse.ArgumentParser, *, in_process: bool = True) -> None:
    """Per-document limits and (``in_process``) the option to run without the worker
    process that keeps them."""
    p.add_argument("--max-pages", type=positive(int), default=5000, metavar="N",
                   help="quarantine documents with more pages (default 5000)")
    p.add_argument("--max-mb", type=positive(float), default=500.0, metavar="MB",
                   help="quarantine files larger than this (default 500 MB)")
    p.add_argument("--timeout", type=positive(float), default=600.0, metavar="SECONDS",
                   help="per document and pass; a slower document is quarantined "
                        "(default 600)")
    p.add_argument("--max-memory-mb", type=positive(int), default=4096, metavar="MB",
                   help="memory a document may take beyond the loaded models; more "
                        "quarantines it (default 4096)")
    if in_process:
        p.add_argument("--in-process", action="store_true",
                       help="no worker process: faster to debug, but a crash in a PDF "
                            "library ends the whole run and the time and memory limits do "
                            "not apply")


def positive(kind):
    def parse(text: str):
        value = kind(text)
        if value <= 0:
            raise argparse.ArgumentTypeError(f"must be > 0: {text}")
        return value
    return parse


def run_documents(args: argparse.Namespace, pipeline, docs, *, dry_run: bool,
                  work_dir=None):
    """The dossier's results, from a worker process unless ``--in-process``."""
    if getattr(args, "in_process", False):
        from ..dossier import run_dossier

        pipeline.warm()  # the models load while the first document is read
        return run_dossier(pipeline, docs, args.out, dry_run=dry_run, work_dir=work_dir,
                           scope=getattr(args, "propagation", "batch"))
    from ..isolation import Isolation, run_isolated

    return run_isolated(pipeline, docs, args.out, dry_run=dry_run, work_dir=work_dir,
                        isolation=Isolation(args.timeout, args.max_memory_mb),
                        scope=getattr(args, "propagation", "batch"))


def start_run(args: argparse.Namespace, work: Path | None = None):
    """The dossier's documents (files found, zips and mail attachments unpacked into
    ``work``, by default OUT/.work), their sequence numbers and a pipeline for ``args``;
    None when there is nothing to do (the caller exits 2)."""
    from ..workdir import WORK_DIR
    from ..inputs import discover
    from ..inputs.dossier import expand
    from ..pipeline import Pipeline
    from ..policy import load_policy

    files, skipped = discover(args.inputs)
    if not files:
        print("woo-redact: error: no supported files found in the input", file=sys.stderr)
        return None
    from ..extract import Limits

    limits = Limits()
    if getattr(args, "max_pages", None):
        limits = Limits(max_pages=args.max_pages, max_bytes=int(args.max_mb * 1024 * 1024))
    pipeline = Pipeline(load_policy(args.policy), accept_proposed=args.accept_proposed,
                        ocr=False if args.no_ocr else None, limits=limits)
    work = work or Path(args.out) / WORK_DIR
    work.mkdir(parents=True, exist_ok=True, mode=0o700)
    docs = expand(files, work).docs
    width = max(4, len(str(len(docs))))
    numbers = {d.key: f"{i + 1:0{width}d}" for i, d in enumerate(docs)}
    for s in skipped:
        print(f"skipped  {s.path}: {s.reason}", file=sys.stderr)
    return docs, skipped, numbers, pipeline
