"""Which files a command works on: PDFs given directly or found in folders."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class InputFile:
    path: str
    rel: str  # name under the output folder: the file name, or the path below a given folder


@dataclass(frozen=True, slots=True)
class Skipped:
    path: str
    reason: str


def discover(inputs: list[str]) -> tuple[list[InputFile], list[Skipped]]:
    """Files named directly are always taken (a non-PDF then fails with its own reason);
    in folders, PDFs are taken recursively and other files listed as skipped."""
    found: list[InputFile] = []
    skipped: list[Skipped] = []
    seen: set[str] = set()
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    full = Path(root) / name
                    if name.startswith("."):
                        continue
                    if name.lower().endswith(".pdf"):
                        _add(found, seen, InputFile(str(full), str(full.relative_to(p))))
                    else:
                        skipped.append(Skipped(str(full), "not a .pdf file"))
        elif p.is_file():
            _add(found, seen, InputFile(str(p), p.name))
        else:
            raise FileNotFoundError(f"no such file or folder: {item}")
    return found, skipped


def _add(found: list[InputFile], seen: set[str], f: InputFile) -> None:
    key = os.path.realpath(f.path)
    if key not in seen:
        seen.add(key)
        found.append(f)
