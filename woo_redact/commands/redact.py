"""``woo-redact redact``: the one-shot path (propose, accept by policy, apply)."""

from __future__ import annotations

import argparse
import json
import sys

from .common import add_limit_options, add_pipeline_options, run_documents, start_run


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("redact", help="redact a dossier (files or folders) into an output folder",
                       description="Convert (e-mail, Office files, images, text and zip "
                                   "archives become PDFs), detect, decide by policy, redact, "
                                   "verify and log. A copy of a document is listed, not "
                                   "redacted twice. Exit code 0: all done; 1: some documents "
                                   "quarantined; 2: usage or input error.")
    p.add_argument("inputs", nargs="+", metavar="INPUT",
                   help="files (PDF, .eml/.msg, Office, images, .txt/.csv, .zip) or folders")
    p.add_argument("--out", required=True, metavar="DIR", help="output folder")
    p.add_argument("--dry-run", action="store_true", help="write only the logs, no PDFs")
    add_limit_options(p)
    add_pipeline_options(p, accept_help="also redact findings the policy only proposes")
    p.add_argument("--json", action="store_true", help="print the run summary as JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import tempfile
    from pathlib import Path

    from ..grounds_log import RunLog

    # Unpacked attachments and converted PDFs hold everything unredacted: they live in a
    # private temporary folder for the run only (quarantine keeps the originals it needs).
    with tempfile.TemporaryDirectory(prefix="woo-redact-work-") as work:
        started = start_run(args, Path(work))
        if started is None:
            return 2
        docs, skipped, numbers, pipeline = started
        log = RunLog(args.out)
        for d, res in run_documents(args, pipeline, docs, dry_run=args.dry_run,
                                    work_dir=work):
            log.add(res, d.doc_id or numbers[d.key], d.info())
            if not args.json:
                _print_line(res)
        summary = log.close()
    summary["skipped"] = [{"path": s.path, "reason": s.reason} for s in skipped]
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        print(f"{summary['done']} redacted, {len(summary['quarantined'])} quarantined, "
              f"{len(summary['duplicates'])} copies listed, {summary['pages']} pages; "
              f"logs in {args.out}")
    return 1 if summary["quarantined"] else 0


def _print_line(res) -> None:
    if res.status == "quarantined":
        print(f"QUARANTINED {res.rel}: {res.kind}: {res.reason}", file=sys.stderr)
    elif res.status == "duplicate":
        print(f"{'copy':<11} {res.rel}: {res.reason}, not redacted again")
    else:
        grounds = sorted({f.ground for f in res.applied if f.ground})
        verb = "planned" if res.status == "planned" else "redacted"
        print(f"{verb:<11} {res.rel}: {res.redaction_count} redactions "
              f"({', '.join(grounds) or 'none'}), {res.pages} pages")
    for note in res.notes:
        print(f"{'note':<11} {res.rel}: {note}")
