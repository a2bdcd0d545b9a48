"""``woo-redact propose``: detect and decide by policy, write proposal files for reviewers."""

from __future__ import annotations

import argparse
import json
import os
import sys

from .common import add_limit_options, add_pipeline_options, run_documents, start_run


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("propose", help="write redaction proposals for review (nothing redacted)",
                       description="Detect and decide by policy like `redact`, but write one "
                                   "<name>.proposal.json per document into DIR for review "
                                   "(`woo-redact review DIR`) and `woo-redact apply DIR`. "
                                   "Exit code 0: all proposed; 1: some documents quarantined; "
                                   "2: usage or input error.")
    p.add_argument("inputs", nargs="+", metavar="INPUT",
                   help="files (PDF, e-mail, Office, images, zip) or folders")
    p.add_argument("--out", required=True, metavar="DIR", help="proposal folder")
    add_limit_options(p)
    add_pipeline_options(p, accept_help="pre-accept findings the policy only proposes")
    p.add_argument("--json", action="store_true", help="print a summary as JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import pymupdf

    from .. import proposals

    started = start_run(args)
    if started is None:
        return 2
    files, skipped, numbers, pipeline = started
    written, quarantined = [], []
    # A dry dossier run: the same two passes as `redact`, so a name found in one document is
    # proposed in every other document of the dossier too.
    for f, res in run_documents(args, pipeline, files, dry_run=True):
        if res.status == "duplicate":
            continue  # a copy: its original is proposed
        if res.status != "planned":
            quarantined.append({"document": res.rel, "kind": res.kind, "reason": res.reason})
            if not args.json:
                print(f"QUARANTINED {res.rel}: {res.kind}: {res.reason}", file=sys.stderr)
            continue
        with pymupdf.open(res.input) as pdf:
            pages = [proposals.PageInfo(p.number, p.rect.width, p.rect.height) for p in pdf]
        prop = proposals.ProposalFile(
            input=os.path.abspath(res.input), rel=res.rel, sha256=res.sha256_in,
            document_nr=numbers[f.key], pages=pages, findings=res.findings,
            ocr_pages=res.ocr_pages, policy=pipeline.policy.source, created_at=proposals.now(),
            timings=res.timings)
        path = proposals.write(prop, args.out)
        counts = {s: sum(1 for x in res.findings if x.status == s) for s in proposals.STATUSES}
        written.append({"document": res.rel, "proposal": str(path), "pages": len(pages),
                        **counts})
        if not args.json:
            print(f"proposed    {res.rel}: {counts['accepted']} accepted, {counts['proposed']} "
                  f"to decide, {counts['rejected']} kept, {len(pages)} pages")
    summary = {"proposals": written, "quarantined": quarantined,
               "skipped": [{"path": s.path, "reason": s.reason} for s in skipped]}
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        print(f"{len(written)} proposals, {len(quarantined)} quarantined; review with: "
              f"woo-redact review {args.out}")
    return 1 if quarantined else 0
