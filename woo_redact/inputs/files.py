"""Which files a command works on: supported files given directly or found in folders."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .formats import kind_of


@dataclass(frozen=True, slots=True)
class InputFile:
    path: str
    rel: str  # name under the output folder: the file name, or the path below a given folder


@dataclass(frozen=True, slots=True)
class Skipped:
    path: str
    reason: str


def discover(inputs: list[str], *, pdf_only: bool = False
             ) -> tuple[list[InputFile], list[Skipped]]:
    """Files named directly are always taken (an unsupported one then fails with its own
    reason); in folders, supported files (or only PDFs) are taken recursively and other
    files listed as skipped."""
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
                    kind = kind_of(name)
                    if kind == "pdf" or (kind and not pdf_only):
                        _add(found, seen, InputFile(str(full), str(full.relative_to(p))))
                    else:
                        skipped.append(Skipped(str(full), "not a .pdf file" if pdf_only
                                               else "unsupported file type"))
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
