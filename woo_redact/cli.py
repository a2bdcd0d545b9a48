"""The ``woo-redact`` command: one sub-command per module in ``woo_redact.commands``.

Heavy imports (spaCy, Presidio, PyMuPDF) happen inside the commands, so ``--help`` is quick.
"""

from __future__ import annotations

import argparse
import importlib
import sys

COMMANDS = ["redact", "propose", "apply", "review", "batch", "publish", "eval"]
EXIT_OK, EXIT_QUARANTINED, EXIT_USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="woo-redact",
        description="Redact Dutch government documents for release under the Woo.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"woo_redact.commands.{name}")
        except ModuleNotFoundError as e:
            if e.name == f"woo_redact.commands.{name}":
                continue  # command not part of this install
            raise
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_USAGE
    from .errors import quiet_mupdf

    quiet_mupdf()
    try:
        return int(args.func(args) or 0)
    except (FileNotFoundError, ValueError) as e:
        print(f"woo-redact: error: {e}", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
