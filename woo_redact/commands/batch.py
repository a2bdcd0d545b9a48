"""``woo-redact batch SRC OUT``: a whole archive, resumable, in parallel (locally or on Ray)."""

from __future__ import annotations

import argparse
import json
import sys

from .common import add_limit_options, add_pipeline_options, positive


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "batch", help="redact a folder tree (a dossier); resumable, parallel, optionally on Ray",
        description="Redact every document under SRC into OUT (mirroring the tree; e-mail, "
                    "Office files, images, text and zip archives are converted first, copies "
                    "are listed, not redacted twice), with "
                    "dossier-wide name propagation across the batch. A manifest in OUT makes "
                    "a rerun resume: done documents are skipped, interrupted and changed ones "
                    "are redone. Exit code 0: all done; 1: some documents quarantined; "
                    "2: usage or input error; 130: interrupted.")
    p.add_argument("src", metavar="SRC", help="dossier folder (searched recursively)")
    p.add_argument("out", metavar="OUT", help="output folder (holds the manifest)")
    p.add_argument("--workers", type=positive(int), default=0, metavar="N",
                   help="worker processes or Ray actors (default: every core / every CPU "
                        "of the Ray cluster)")
    p.add_argument("--engine", choices=["local", "ray"], default="local",
                   help="local process pool (default) or a Ray cluster")
    p.add_argument("--address", metavar="ADDR",
                   help="Ray cluster to join (default: start a local one)")
    add_pipeline_options(p, accept_help="also redact findings the policy only proposes")
    add_limit_options(p, in_process=False)
    p.add_argument("--retry-quarantined", action="store_true",
                   help="try quarantined documents again (e.g. after raising a limit)")
    p.add_argument("--progress", choices=["auto", "bar", "log", "none"], default="auto",
                   help="bar on a terminal, periodic log lines otherwise (default auto)")
    p.add_argument("--log-every", type=positive(float), default=10.0, metavar="SECONDS",
                   help="interval of the progress log lines (default 10)")
    p.add_argument("--json", action="store_true", help="print the summary as JSON at the end")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import os

    from ..batch import BatchOptions, make_reporter, run_batch

    if not os.path.exists(args.src):
        raise FileNotFoundError(f"no such file or folder: {args.src}")
    if args.address and args.engine != "ray":
        print("woo-redact: error: --address needs --engine ray", file=sys.stderr)
        return 2
    opts = BatchOptions(
        src=args.src, out=args.out, workers=args.workers, engine=args.engine,
        address=args.address, policy=args.policy, accept_proposed=args.accept_proposed,
        ocr=False if args.no_ocr else None, max_pages=args.max_pages,
        max_bytes=int(args.max_mb * 1024 * 1024), timeout=args.timeout,
        memory_mb=args.max_memory_mb,
        retry_quarantined=args.retry_quarantined, propagation=args.propagation)
    reporter = make_reporter(args.progress, sys.stderr, args.log_every)
    try:
        summary = run_batch(opts, reporter)
    except KeyboardInterrupt:
        reporter.close()
        print("woo-redact: interrupted; run the same command again to resume",
              file=sys.stderr)
        return 130
    except RuntimeError as e:
        reporter.close()
        print(f"woo-redact: error: {e}", file=sys.stderr)
        return 2
    reporter.close()
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        q = summary["quarantined"]
        r = summary["run"]
        print(f"{summary['done']} redacted, {len(q)} quarantined, {len(summary['skipped'])} "
              f"skipped, {summary['pages']} pages; this run: {r['pages']} pages, "
              f"{r['pages_per_s']} pages/s; report in "
              f"{os.path.join(args.out, 'batch-report.md')}")
        for item in q if args.progress == "none" else []:  # else shown as they happened
            print(f"QUARANTINED {item['document']}: {item['kind']}: {item['reason']}",
                  file=sys.stderr)
    return 1 if summary["quarantined"] else 0
