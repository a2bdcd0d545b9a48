"""Locations and readers for the build-time inputs (shared data and the repo's own lists).

The shared data set is read only while building the model; the shipped pipeline never needs it.
"""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Iterator
from pathlib import Path

MODELS_DIR = Path(__file__).resolve().parents[1]
TEMPLATE_DIR = MODELS_DIR / "training_templates"


def shared_dir() -> Path:
    """The shared data folder: `../shared` beside the repository, or `$WOO_SHARED_DIR`."""
    override = os.environ.get("WOO_SHARED_DIR")
    path = Path(override) if override else MODELS_DIR.parent / ".." / "shared"
    path = path.resolve()
    if not (path / "data").is_dir():
        raise SystemExit(f"shared data not found at {path} (set WOO_SHARED_DIR)")
    return path


def data_path(*parts: str) -> Path:
    return shared_dir() / "data" / Path(*parts)


def read_lines(path: Path) -> list[str]:
    """Non-empty lines, without `#` comment lines."""
    lines = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line and not line.startswith("#"):
            lines.append(line)
    return lines


def read_counts(path: Path, name_col: int, count_col: int, header: bool = True) -> list[tuple[str, int]]:
    rows = []
    lines = path.read_text(encoding="utf-8").splitlines()
    for raw in lines[1:] if header else lines:
        cols = raw.split("\t")
        if len(cols) > max(name_col, count_col) and cols[count_col].strip().isdigit():
            rows.append((cols[name_col].strip(), int(cols[count_col])))
    return rows


def read_groups(path: Path) -> dict[str, list[str]]:
    """Lists split by `## group` header lines (the group key is the header text)."""
    groups: dict[str, list[str]] = {}
    current = None
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("## "):
            current = line[3:].strip()
            groups.setdefault(current, [])
        elif line and not line.startswith("#") and current is not None:
            groups[current].append(line)
    return groups


def read_jsonl_gz(path: Path) -> Iterator[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)
