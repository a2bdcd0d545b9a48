"""Photos and scans (.jpg, .png, .tif, multi-page TIFF) to a PDF with one page per image.

The page gets the image's physical size (from its resolution, scaled down to A4 at most), so
that the scan path renders and OCRs it like any scanned page. Transparency is flattened
onto white; nothing else of the file (EXIF, comments) is carried into the PDF.
"""

from __future__ import annotations

import io

import pymupdf
from PIL import Image, ImageSequence, UnidentifiedImageError

from ..errors import BadInput

A4_LONG_IN = 11.69
MAX_PIXELS = 120_000_000   # per frame
MAX_FRAMES = 2000


def image_pdf(data: bytes) -> bytes:
    try:
        img = Image.open(io.BytesIO(data))
        img.load()
    except Image.DecompressionBombError as e:
        raise BadInput("too_large", f"image too large: {e}") from e
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as e:
        raise BadInput("corrupt", f"unreadable image: {e}") from e
    pdf = pymupdf.open()
    try:
        for n, frame in enumerate(ImageSequence.Iterator(img)):
            if n >= MAX_FRAMES:
                raise BadInput("too_many_pages", f"image has more than {MAX_FRAMES} frames")
            w, h = frame.size
            if w * h > MAX_PIXELS or w == 0 or h == 0:
                raise BadInput("too_large", f"image frame {n + 1} is {w}x{h} pixels")
            dpi = _dpi(frame)
            dpi = max(dpi, max(w, h) / A4_LONG_IN)
            page = pdf.new_page(width=w / dpi * 72, height=h / dpi * 72)
            page.insert_image(page.rect, stream=_encoded(frame))
        return pdf.tobytes(garbage=3, deflate=True)
    except BadInput:
        raise
    except (OSError, ValueError) as e:
        raise BadInput("corrupt", f"unreadable image: {e}") from e
    finally:
        pdf.close()


def _dpi(frame: Image.Image) -> float:
    dpi = frame.info.get("dpi")
    try:
        value = float(dpi[0]) if dpi else 0.0
    except (TypeError, ValueError, IndexError):
        value = 0.0
    return value if 50 <= value <= 1200 else 200.0


def _encoded(frame: Image.Image) -> bytes:
    if frame.mode in ("RGBA", "LA", "P", "PA"):
        rgba = frame.convert("RGBA")
        flat = Image.new("RGB", rgba.size, "white")
        flat.paste(rgba, mask=rgba.split()[-1])
        frame = flat
    elif frame.mode not in ("RGB", "L", "1"):
        frame = frame.convert("RGB")
    buf = io.BytesIO()
    if frame.mode == "1":
        frame = frame.convert("L")
    frame.save(buf, format="PNG", optimize=False)
    return buf.getvalue()
