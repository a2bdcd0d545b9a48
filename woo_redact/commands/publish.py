"""``woo-redact publish OUT --to PKG``: the publication package from a finished run."""

from __future__ import annotations

import argparse
import json
import sys


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "publish", help="build the publication package (productierapport, PDFs, DiWoo) of a run",
        description="From the output folder of `redact` or `batch`, write PKG with "
                    "productierapport.xlsx (the VWS publication platform's import format), "
                    "documenten.zip (<ID>.pdf per released document), diwoo/<ID>.xml (DiWoo "
                    "0.9.8 metadata), inventarislijst.xlsx and README.txt. Exit code 0: "
                    "complete; 1: written, but quarantined documents are left out; 2: "
                    "usage error or nothing to publish.")
    p.add_argument("out", metavar="OUT", help="output folder of a finished run")
    p.add_argument("--to", required=True, metavar="PKG", help="package folder to write")
    p.add_argument("--publisher", default="onbekend bestuursorgaan", metavar="NAME",
                   help="publishing organisation, e.g. 'ministerie van Volksgezondheid, "
                        "Welzijn en Sport' (a ministry gets its TOOI URI)")
    p.add_argument("--publisher-uri", metavar="URI",
                   help="the organisation's TOOI URI, if it is not a ministry")
    p.add_argument("--matter", default="", metavar="CODE",
                   help="Matter column value (letters, digits, - . _ ~); empty by default")
    p.add_argument("--json", action="store_true", help="print a summary as JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..publish.diwoo import Publisher, publisher_uri
    from ..publish.diwoo_check import ORG_URI
    from ..publish.package import PublishError, build

    uri = args.publisher_uri or publisher_uri(args.publisher)
    if args.publisher_uri and not ORG_URI.match(uri) and "/ministerie/" not in uri:
        print(f"woo-redact: error: {uri} is not a TOOI organisation URI", file=sys.stderr)
        return 2
    try:
        pkg = build(args.out, args.to, publisher=Publisher(args.publisher, uri),
                    matter=args.matter)
    except PublishError as e:
        print(f"woo-redact: error: {e}", file=sys.stderr)
        return 2
    summary = pkg.summary()
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        print(f"{summary['rows']} documents in the productierapport, {summary['released']} "
              f"released, {summary['duplicates']} duplicates; package in {args.to}")
        for x in pkg.left_out:
            print(f"LEFT OUT {x['id']} {x['document']}: {x['reason']}", file=sys.stderr)
    return 1 if pkg.left_out else 0
