"""``woo-redact review``: the local review web page for a proposal folder."""

from __future__ import annotations

import argparse
import os
import sys

from .apply import REVIEWER_ENV, default_out, reviewer_from


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("review", help="review proposals in a local web page",
                       description="Start the review page for a proposal folder on "
                                   "127.0.0.1. Open the printed address (it holds a new "
                                   "access token each start). Decisions are saved at once in "
                                   "DIR/review.sqlite3. Stop with Ctrl-C.")
    p.add_argument("folder", metavar="DIR", help="proposal folder written by `propose`")
    p.add_argument("--out", metavar="OUTDIR",
                   help="where Apply writes redacted PDFs and logs (default: DIR/redacted)")
    p.add_argument("--reviewer", metavar="NAME",
                   help=f"your name, recorded with each decision (default: ${REVIEWER_ENV}; "
                        "otherwise asked on the page)")
    p.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (default: any free)")
    p.add_argument("--policy", metavar="FILE", help="policy YAML used when applying")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if not os.path.isdir(args.folder):
        print(f"woo-redact: error: no such folder: {args.folder}", file=sys.stderr)
        return 2
    try:
        from ..review import server
    except ModuleNotFoundError as e:
        print(f"woo-redact: error: the review page needs the 'review' extra "
              f"(pip install 'woo-redact[review]'): {e}", file=sys.stderr)
        return 2
    token = server.new_token()
    try:
        sock = server.bind(args.port)
    except OSError as e:
        print(f"woo-redact: error: cannot listen on 127.0.0.1:{args.port}: {e}", file=sys.stderr)
        return 2
    srv = server.make_server(args.folder, args.out or default_out(args.folder), token=token,
                             reviewer=reviewer_from(args), policy=args.policy)
    print(f"Review page (local only, keep this address private):\n  {server.url(sock, token)}",
          flush=True)
    try:
        srv.run(sockets=[sock])
    finally:
        sock.close()
    return 0
