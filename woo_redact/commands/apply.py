"""``woo-redact apply``: redact from reviewed proposals (accepted findings + manual boxes)."""

from __future__ import annotations

import argparse
import json
import os
import sys

REVIEWER_ENV = "WOO_REDACT_REVIEWER"


def reviewer_from(args: argparse.Namespace) -> str:
    """The reviewer's name: --reviewer, else $WOO_REDACT_REVIEWER, else empty."""
    return " ".join((args.reviewer or os.environ.get(REVIEWER_ENV, "")).split())


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("apply", help="redact from reviewed proposals",
                       description="Redact each proposal in DIR with its accepted findings and "
                                   "manual boxes (decisions from the review page included), "
                                   "verify, and write the grounds logs like `redact`. A "
                                   "document with undecided findings or pages not marked "
                                   "reviewed is refused unless --force. Exit code 0: all "
                                   "done; 1: some documents refused or quarantined; 2: usage "
                                   "or input error.")
    p.add_argument("folder", metavar="DIR", help="proposal folder written by `propose`")
    p.add_argument("--out", metavar="OUTDIR", help="output folder (default: DIR/redacted)")
    p.add_argument("--reviewer", metavar="NAME",
                   help=f"who releases (default: ${REVIEWER_ENV}); recorded in the grounds "
                        "log for findings nobody decided on the review page")
    p.add_argument("--doc", action="append", metavar="NAME",
                   help="apply only this document (its name as in the proposal folder, "
                        "e.g. letters/a.pdf); repeatable")
    p.add_argument("--force", action="store_true",
                   help="apply even with undecided findings (not redacted) or unreviewed pages")
    p.add_argument("--policy", metavar="FILE", help="policy YAML (default: shipped policy)")
    p.add_argument("--no-ocr", action="store_true",
                   help="do not OCR scanned pages (documents with scans are quarantined)")
    p.add_argument("--json", action="store_true", help="print the outcome as JSON")
    p.set_defaults(func=run)


def default_out(folder: str) -> str:
    return os.path.join(folder, "redacted")


def run(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from ..pipeline import Pipeline
    from ..policy import load_policy
    from ..review.release import apply_documents
    from ..review.state import Catalog, load_state
    from ..review.store import Store

    if not os.path.isdir(args.folder):
        print(f"woo-redact: error: no such folder: {args.folder}", file=sys.stderr)
        return 2
    reviewer = reviewer_from(args)
    if not reviewer:
        print(f"woo-redact: error: say who releases: --reviewer NAME or ${REVIEWER_ENV}",
              file=sys.stderr)
        return 2
    catalog = Catalog(args.folder)
    entries = catalog.entries()
    for err in catalog.errors.values():
        print(f"woo-redact: error: {err}", file=sys.stderr)
    if args.doc:
        wanted = set(args.doc)
        entries = [e for e in entries if e.prop.rel in wanted]
        missing = wanted - {e.prop.rel for e in entries}
        if missing:
            print(f"woo-redact: error: no proposal for: {', '.join(sorted(missing))}",
                  file=sys.stderr)
            return 2
    if not entries:
        print(f"woo-redact: error: no proposals in {args.folder}", file=sys.stderr)
        return 2
    store = Store(args.folder)
    pipeline = Pipeline(load_policy(args.policy), ocr=False if args.no_ocr else None)
    out = args.out or default_out(args.folder)
    outcomes, summary = apply_documents(pipeline, store, args.folder, out,
                                        [load_state(store, e) for e in entries],
                                        reviewer=reviewer, force=args.force)
    if args.json:
        print(json.dumps({"outcomes": [asdict(o) for o in outcomes], "summary": summary},
                         ensure_ascii=False, indent=2))
    else:
        for o in outcomes:
            if o.status == "done":
                print(f"redacted    {o.rel}: {o.redactions} redactions")
            else:
                print(f"{o.status.upper():<11} {o.rel}: {o.reason}", file=sys.stderr)
        done = sum(o.status == "done" for o in outcomes)
        print(f"{done} redacted, {len(outcomes) - done} not released; logs in {out}")
    bad = any(o.status != "done" for o in outcomes) or bool(catalog.errors)
    return 1 if bad else 0
