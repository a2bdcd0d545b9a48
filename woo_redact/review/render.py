"""Page images for the review page, rendered on demand from the input PDF and kept in memory.

Nothing is written to disk: the images show the unredacted page. MuPDF is not thread-safe,
so every PyMuPDF call of the review app goes through ``MUPDF_LOCK``.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict

import pymupdf

from ..model import sha256_file

MUPDF_LOCK = threading.RLock()
ZOOM = 1.5  # an A4 page becomes ~890 px wide: sharp on a laptop screen, small to send
CACHE_PAGES = 48


class PageImages:
    def __init__(self, zoom: float = ZOOM, size: int = CACHE_PAGES):
        self.zoom = zoom
        self.size = size
        self._cache: OrderedDict[tuple[str, int], bytes] = OrderedDict()
        self._lock = threading.Lock()
        self._hashes: dict[str, tuple[int, int, str]] = {}

    def png(self, key: str, path: str, page: int) -> bytes:
        with self._lock:
            hit = self._cache.get((key, page))
            if hit is not None:
                self._cache.move_to_end((key, page))
                return hit
        with MUPDF_LOCK, pymupdf.open(path) as pdf:
            pix = pdf[page].get_pixmap(matrix=pymupdf.Matrix(self.zoom, self.zoom), alpha=False)
            data = pix.tobytes("png")
        with self._lock:
            self._cache[(key, page)] = data
            while len(self._cache) > self.size:
                self._cache.popitem(last=False)
        return data

    def unchanged(self, path: str, sha256: str) -> bool:
        """Whether the input is still the file that was proposed (hash cached by mtime)."""
        try:
            st = os.stat(path)
        except OSError:
            return False
        known = self._hashes.get(path)
        if known is None or known[:2] != (st.st_mtime_ns, st.st_size):
            known = (st.st_mtime_ns, st.st_size, sha256_file(path))
            self._hashes[path] = known
        return known[2] == sha256
