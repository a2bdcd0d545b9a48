"""What a model build depended on: corpus and lock checksums, library versions, BLIS kernel.

Recorded in the packaged model's meta.json (`build`) so a later rebuild can tell a changed
recipe (other corpus or lock) from a machine whose numeric code differs (same inputs, other
weights). The BLIS kernel matters because thinc's matrix products run through it and BLIS
picks its kernel from the CPU at run time.
"""

from __future__ import annotations

import hashlib
import os
import platform
import subprocess
import sys
from importlib import metadata
from pathlib import Path

MODELS_DIR = Path(__file__).resolve().parent
LOCK_FILE = MODELS_DIR / "requirements-build.lock"
LIBRARIES = ("spacy", "thinc", "numpy", "blis")


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def blis_kernel() -> str:
    """The sub-configuration BLIS selects on this CPU (it reports it when BLIS_ARCH_DEBUG is set)."""
    probe = "import numpy, blis.py; a = numpy.ones((2, 2), dtype='f'); blis.py.gemm(a, a)"
    env = dict(os.environ, BLIS_ARCH_DEBUG="1")
    result = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=False)
    for line in (result.stdout + result.stderr).splitlines():
        if "selecting sub-configuration" in line:
            return line.split("'")[1] if "'" in line else line.strip()
    return "unknown"


def collect(corpus_dir: Path) -> dict:
    return {
        "corpus_sha256": {p.name: sha256(p) for p in sorted(corpus_dir.glob("*.spacy"))},
        "lock_sha256": sha256(LOCK_FILE) if LOCK_FILE.is_file() else None,
        "libraries": {name: metadata.version(name) for name in LIBRARIES},
        "python": platform.python_version(),
        "machine": f"{platform.system()} {platform.machine()}",
        "blis_kernel": blis_kernel(),
    }
