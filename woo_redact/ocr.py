"""OCR for scanned pages: render, clean up, deskew, Tesseract, words in page coordinates.

Tesseract is called through its own C API (``libtesseract``, the library behind the
``tesseract`` command), loaded once per process and thread, so the language models are not
re-read for every page. When the library cannot be loaded but the command exists, the
command is run per page instead (same TSV output, same post-processing).

PyMuPDF's ``get_textpage_ocr`` was measured as the alternative and dropped: its bundled
Tesseract is several times slower per page than the system library, and it gives no way to
denoise or deskew the image before recognition.

Word boxes are returned in PDF page coordinates (points, unrotated page space, as
``page.get_text("words")`` reports them), padded so that a redaction box over a word also
covers ascenders, descenders and the anti-aliased edge of every glyph.
"""

from __future__ import annotations

import atexit
import ctypes
import ctypes.util
import glob
import io
import math
import os
import re
import shutil
import subprocess
import threading
from dataclasses import dataclass
from functools import lru_cache

# Tesseract's OpenMP threads compete with the worker pool for the same cores (measured: four
# times the CPU per page on two cores). libgomp reads this once, when it is loaded, so it must
# be set before the library is; a value set by the user wins.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

import numpy as np  # noqa: E402
import pymupdf  # noqa: E402
from PIL import Image, ImageFilter  # noqa: E402

from .errors import BadInput  # noqa: E402
from .model import Box, Word  # noqa: E402

LANGUAGES = "nld+eng"
DPI = 200
PAD = 1.5  # points added on each side of a word box
MAX_SKEW = 6.0  # degrees searched either way when deskewing
MIN_SKEW = 0.2  # below this a rotation costs more (resampling blur) than it gains
MAX_PIXELS = 60_000_000  # a poster-sized page is rendered at a lower resolution
PAGE_TIMEOUT_S = 300  # one page; a stuck recognition is an error, not a hang
PSM_AUTO = 3  # fully automatic page segmentation: letters, forms and tables alike
PSM_OSD_ONLY = 0
MIN_QUALITY = 45.0  # mean confidence: upright text ~90, turned pages 25-35, heavily redacted ~65
MIN_WORDS_FOR_QUALITY = 15  # fewer word-like marks: a photo or a near-empty page, not text
SOLID_LEVEL = 80  # grey value below which a pixel counts as solid black
SOLID_FRACTION = 0.6  # a "word" whose box is mostly solid black is a filled rectangle
# A grey redaction box (as released documents print them, ground label in white) reads as
# "EE", "GEE", "MEN": a "word" whose box is mostly grey (median below this) with almost no
# black ink in it is a filled rectangle too. Printed words are mostly paper around black ink.
FILL_MEDIAN = 170
FILL_MAX_INK = 0.05


class OcrError(BadInput):
    """Tesseract could not be run on a page (the document is quarantined, not passed)."""

    def __init__(self, message: str):
        super().__init__("ocr_failed", message)


@dataclass(frozen=True, slots=True)
class RawWord:
    """A word as Tesseract reports it, in pixels of the image it was given."""
    text: str
    conf: float
    left: int
    top: int
    width: int
    height: int
    block: int
    par: int
    line: int


# -- where Tesseract is ---------------------------------------------------------------------
def _languages() -> list[str]:
    return [lang for lang in LANGUAGES.split("+") if lang]


@lru_cache(maxsize=1)
def tessdata_dir() -> str | None:
    """The tessdata folder holding every language we need (TESSDATA_PREFIX first)."""
    candidates = []
    env = os.environ.get("TESSDATA_PREFIX")
    if env:
        candidates += [env, os.path.join(env, "tessdata")]
    candidates += sorted(glob.glob("/usr/share/tesseract-ocr/*/tessdata"), reverse=True)
    candidates += ["/usr/share/tessdata", "/usr/local/share/tessdata",
                   "/opt/homebrew/share/tessdata"]
    for d in candidates:
        if all(os.path.isfile(os.path.join(d, f"{lang}.traineddata")) for lang in _languages()):
            return d
    return None


@lru_cache(maxsize=1)
def _library() -> ctypes.CDLL | None:
    names = ["libtesseract.so.5", "libtesseract.so.4", "libtesseract.5.dylib"]
    found = ctypes.util.find_library("tesseract")
    if found:
        names.append(found)
    for name in names:
        try:
            lib = ctypes.CDLL(name)
        except OSError:
            continue
        _declare(lib)
        _limit_openmp()
        return lib
    return None


def _limit_openmp() -> None:
    """If libgomp was already loaded by something else, the environment variable came too
    late; the thread count of the calling thread (the one that runs Tesseract) still counts."""
    try:
        gomp = ctypes.CDLL("libgomp.so.1", mode=os.RTLD_NOLOAD)
    except OSError:
        return
    try:
        gomp.omp_set_num_threads(int(os.environ.get("OMP_THREAD_LIMIT", "1")))
    except (AttributeError, ValueError):
        pass


def _declare(lib: ctypes.CDLL) -> None:
    vp, cp, ci = ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int
    sig = {
        "TessBaseAPICreate": ([], vp),
        "TessBaseAPIDelete": ([vp], None),
        "TessBaseAPIInit3": ([vp, cp, cp], ci),
        "TessBaseAPISetVariable": ([vp, cp, cp], ci),
        "TessBaseAPISetPageSegMode": ([vp, ci], None),
        "TessBaseAPISetImage": ([vp, cp, ci, ci, ci, ci], None),
        "TessBaseAPISetSourceResolution": ([vp, ci], None),
        "TessBaseAPIRecognize": ([vp, vp], ci),
        "TessBaseAPIGetTsvText": ([vp, ci], vp),
        "TessBaseAPIClear": ([vp], None),
        "TessBaseAPIEnd": ([vp], None),
        "TessDeleteText": ([vp], None),
        "TessMonitorCreate": ([], vp),
        "TessBaseAPIDetectOrientationScript": ([vp, ctypes.POINTER(ci),
                                                ctypes.POINTER(ctypes.c_float),
                                                ctypes.POINTER(cp),
                                                ctypes.POINTER(ctypes.c_float)], ci),
        "TessMonitorDelete": ([vp], None),
        "TessMonitorSetDeadlineMSecs": ([vp, ci], None),
    }
    for name, (args, res) in sig.items():
        fn = getattr(lib, name)
        fn.argtypes, fn.restype = args, res


def tesseract_available() -> bool:
    """Tesseract (library or command) and the language data for every OCR language."""
    return tessdata_dir() is not None and (
        _library() is not None or shutil.which("tesseract") is not None)


# -- engines ---------------------------------------------------------------------------------
class _LibEngine:
    """One initialised TessBaseAPI; not thread-safe, so one per thread."""

    def __init__(self, lib: ctypes.CDLL, datapath: str, languages: str):
        self.lib = lib
        self.pid = os.getpid()
        self.api: int | None = lib.TessBaseAPICreate()
        if lib.TessBaseAPIInit3(self.api, datapath.encode(), languages.encode()) != 0:
            lib.TessBaseAPIDelete(self.api)
            raise OcrError(f"Tesseract could not load languages {languages} from {datapath}")
        # Scans of office documents have no white-on-black text worth a second pass; the
        # inverted retry of low-confidence lines costs ~10 % and reads redaction labels.
        lib.TessBaseAPISetVariable(self.api, b"tessedit_do_invert", b"0")
        # Tesseract prints progress chatter ("Detected 383 diacritics", resolution guesses)
        # to stderr for every page; failures are seen through return codes instead.
        lib.TessBaseAPISetVariable(self.api, b"debug_file", os.devnull.encode())
        _live.append(self)

    def orientation(self, gray: Image.Image, dpi: int) -> int:
        """Needs an engine initialised with the "osd" language."""
        lib = self.lib
        data = gray.tobytes()
        deg, conf = ctypes.c_int(0), ctypes.c_float(0.0)
        script, script_conf = ctypes.c_char_p(), ctypes.c_float(0.0)
        lib.TessBaseAPISetPageSegMode(self.api, PSM_OSD_ONLY)
        # orientation detection reads the resolution from this variable, not from the image
        lib.TessBaseAPISetVariable(self.api, b"user_defined_dpi", str(dpi).encode())
        lib.TessBaseAPISetImage(self.api, data, gray.width, gray.height, 1, gray.width)
        lib.TessBaseAPISetSourceResolution(self.api, dpi)
        try:
            ok = lib.TessBaseAPIDetectOrientationScript(
                self.api, ctypes.byref(deg), ctypes.byref(conf), ctypes.byref(script),
                ctypes.byref(script_conf))
        finally:
            lib.TessBaseAPIClear(self.api)
        if not ok:
            raise OcrError("orientation detection failed")
        return deg.value if deg.value in (0, 90, 180, 270) else 0

    def close(self) -> None:
        if self.api:
            self.lib.TessBaseAPIEnd(self.api)
            self.lib.TessBaseAPIDelete(self.api)
            self.api = None

    def tsv(self, gray: Image.Image, dpi: int) -> str:
        lib = self.lib
        data = gray.tobytes()
        lib.TessBaseAPISetPageSegMode(self.api, PSM_AUTO)
        lib.TessBaseAPISetImage(self.api, data, gray.width, gray.height, 1, gray.width)
        lib.TessBaseAPISetSourceResolution(self.api, dpi)
        monitor = lib.TessMonitorCreate()
        try:
            lib.TessMonitorSetDeadlineMSecs(monitor, max(1, int(PAGE_TIMEOUT_S * 1000)))
            if lib.TessBaseAPIRecognize(self.api, monitor) != 0:
                raise OcrError("Tesseract recognition failed or timed out")
            ptr = lib.TessBaseAPIGetTsvText(self.api, 0)
            if not ptr:
                return ""
            try:
                return ctypes.string_at(ptr).decode("utf-8", "replace")
            finally:
                lib.TessDeleteText(ptr)
        finally:
            lib.TessMonitorDelete(monitor)
            lib.TessBaseAPIClear(self.api)


class _CliEngine:
    def __init__(self, exe: str, datapath: str, languages: str):
        self.exe, self.datapath, self.languages = exe, datapath, languages

    def tsv(self, gray: Image.Image, dpi: int) -> str:
        buf = io.BytesIO()
        gray.save(buf, "PNG", compress_level=1)
        cmd = [self.exe, "stdin", "stdout", "--tessdata-dir", self.datapath, "-l",
               self.languages, "--psm", str(PSM_AUTO), "--dpi", str(dpi),
               "-c", "tessedit_do_invert=0", "-c", f"debug_file={os.devnull}", "tsv"]
        try:
            r = subprocess.run(cmd, input=buf.getvalue(), capture_output=True,
                               timeout=PAGE_TIMEOUT_S, check=False)
        except subprocess.TimeoutExpired as e:
            raise OcrError("Tesseract timed out") from e
        if r.returncode != 0:
            raise OcrError(f"Tesseract failed: {r.stderr.decode(errors='replace')[-300:]}")
        return r.stdout.decode("utf-8", "replace")

    def orientation(self, gray: Image.Image, dpi: int) -> int:
        buf = io.BytesIO()
        gray.save(buf, "PNG", compress_level=1)
        cmd = [self.exe, "stdin", "stdout", "--tessdata-dir", self.datapath, "-l", "osd",
               "--psm", str(PSM_OSD_ONLY), "--dpi", str(dpi)]
        try:
            r = subprocess.run(cmd, input=buf.getvalue(), capture_output=True,
                               timeout=PAGE_TIMEOUT_S, check=False)
        except subprocess.TimeoutExpired as e:
            raise OcrError("Tesseract timed out") from e
        m = re.search(rb"Orientation in degrees:\s*(\d+)", r.stdout + r.stderr)
        if r.returncode != 0 or not m:
            raise OcrError("orientation detection failed")
        deg = int(m.group(1))
        return deg if deg in (0, 90, 180, 270) else 0


_local = threading.local()
_live: list[_LibEngine] = []


@atexit.register
def _close_engines() -> None:
    # Tesseract complains about "leaked" dictionaries at exit unless its handles are ended.
    for engine in _live:
        if engine.api is not None and os.getpid() == engine.pid:
            engine.close()
    _live.clear()


def _engine(languages: str | None = None) -> _LibEngine | _CliEngine:
    """This thread's Tesseract for ``languages`` (default: the OCR languages), made once."""
    languages = languages or LANGUAGES
    datapath = tessdata_dir()
    if datapath is None:
        raise OcrError(f"Tesseract language data ({LANGUAGES}) not found")
    # Keyed by process id as well: a forked worker must not share its parent's handle.
    key = (os.getpid(), languages, datapath)
    engines = getattr(_local, "engines", None)
    if engines is None:
        engines = _local.engines = {}
    if key in engines:
        return engines[key]
    lib = _library()
    engine: _LibEngine | _CliEngine
    if lib is not None:
        engine = _LibEngine(lib, datapath, languages)
    else:
        exe = shutil.which("tesseract")
        if exe is None:
            raise OcrError("Tesseract is not installed")
        engine = _CliEngine(exe, datapath, languages)
    engines[key] = engine
    return engine


def _osd_engine() -> _LibEngine | _CliEngine | None:
    datapath = tessdata_dir()
    if datapath is None or not os.path.isfile(os.path.join(datapath, "osd.traineddata")):
        return None
    try:
        return _engine("osd")
    except OcrError:
        return None


def parse_tsv(tsv: str) -> list[RawWord]:
    out = []
    for line in tsv.splitlines()[1:]:
        f = line.split("\t")
        if len(f) != 12 or f[0] != "5":
            continue
        text = f[11].strip()
        if not text:
            continue
        try:
            out.append(RawWord(text, float(f[10]), int(f[6]), int(f[7]), int(f[8]), int(f[9]),
                               int(f[2]), int(f[3]), int(f[4])))
        except ValueError:
            continue
    return out


# -- image preparation -----------------------------------------------------------------------
def render(page: pymupdf.Page, dpi: int = DPI) -> tuple[Image.Image, pymupdf.Matrix, int]:
    """Grey image of the page as displayed but without its vector art, the matrix from its
    pixels to page points (unrotated page space), and the resolution actually used.

    Vector art goes because on a redacted page it is the black boxes: OCR must read what
    the scan image itself still holds (a box drawn over intact pixels would hide them from a
    rendering, not from anyone who extracts the image), and a box left in the picture spoils
    the reading of the words beside it (Tesseract takes its height for the line's). The
    ground printed in a box is white text, invisible once the box is gone.
    """
    w, h = page.rect.width, page.rect.height
    scale = dpi / 72
    if w * h * scale * scale > MAX_PIXELS:
        scale = math.sqrt(MAX_PIXELS / (w * h))
    mat = page.rotation_matrix * pymupdf.Matrix(scale, scale)
    copy = _without_vector_art(page)
    try:
        shown = copy[0] if copy is not None else page
        pix = shown.get_pixmap(matrix=pymupdf.Matrix(scale, scale), colorspace=pymupdf.csGRAY,
                               alpha=False, annots=False)
    finally:
        if copy is not None:
            copy.close()
    img = Image.frombytes("L", (pix.width, pix.height), pix.samples)
    # get_pixmap renders the rotated page; its pixel (0, 0) is the device point (pix.x, pix.y)
    to_page = pymupdf.Matrix(1, 0, 0, 1, pix.x, pix.y) * ~mat
    return img, to_page, round(scale * 72)


def _without_vector_art(page: pymupdf.Page) -> pymupdf.Document | None:
    """A one-page copy with the line art removed (images and text kept), or None when the
    page has none."""
    if not page.get_drawings():
        return None
    copy = pymupdf.open()
    copy.insert_pdf(page.parent, from_page=page.number, to_page=page.number)
    p = copy[0]
    p.add_redact_annot(p.rect, fill=False)
    p.apply_redactions(images=pymupdf.PDF_REDACT_IMAGE_NONE,
                       graphics=pymupdf.PDF_REDACT_LINE_ART_REMOVE_IF_TOUCHED,
                       text=pymupdf.PDF_REDACT_TEXT_NONE)
    return copy


def clean(gray: Image.Image) -> Image.Image:
    """Remove speckle and flatten an uneven background (shadow, yellowed paper)."""
    img = median3(np.asarray(gray))
    # Background estimate: the page with the text "closed" away (max filter on a small copy,
    # where a stroke is a pixel or two), blurred and scaled back up.
    small = Image.fromarray(img).resize((max(1, gray.width // 8), max(1, gray.height // 8)),
                                        Image.BILINEAR)
    # PIL's MaxFilter is a rank filter (sorts 25 values a pixel); two separable numpy
    # maxima give the same image in a tenth of the time
    closed = Image.fromarray(_max5(np.asarray(small)))
    bg = closed.filter(ImageFilter.GaussianBlur(2)).resize(gray.size, Image.BILINEAR)
    # img / bg * 255 through a table over (bg, img): same values as float division, without
    # three float32 copies of the page
    idx = np.asarray(bg).astype(np.uint16) << 8
    idx |= img
    return Image.fromarray(_FLATTEN.take(idx))


def _flatten_table() -> np.ndarray:
    v = np.arange(256, dtype=np.float32)
    b = np.maximum(v, 1.0)[:, None]
    return np.clip(v[None, :] / b * 255.0, 0, 255).astype(np.uint8).ravel()


_FLATTEN = _flatten_table()


def _max5(a: np.ndarray) -> np.ndarray:
    """5×5 maximum, edges repeated (as PIL's MaxFilter(5))."""
    p = np.pad(a, 2, mode="edge")
    h, w = a.shape
    rows = np.maximum.reduce([p[i:i + h] for i in range(5)])
    return np.maximum.reduce([rows[:, i:i + w] for i in range(5)])


def median3(a: np.ndarray) -> np.ndarray:
    """3×3 median (toner specks, salt noise) in a few vectorised min/max passes; PIL's
    rank filter takes ten times as long on a 200-dpi page."""
    p = np.pad(a, 1, mode="edge")
    up, mid, down = p[:-2], p[1:-1], p[2:]
    lo = np.minimum(np.minimum(up, mid), down)
    hi = np.maximum(np.maximum(up, mid), down)
    me = _med3(up, mid, down)
    left, centre, right = slice(None, -2), slice(1, -1), slice(2, None)
    max_lo = np.maximum(np.maximum(lo[:, left], lo[:, centre]), lo[:, right])
    min_hi = np.minimum(np.minimum(hi[:, left], hi[:, centre]), hi[:, right])
    med_me = _med3(me[:, left], me[:, centre], me[:, right])
    return _med3(max_lo, med_me, min_hi)


def _med3(x: np.ndarray, y: np.ndarray, z: np.ndarray) -> np.ndarray:
    return np.maximum(np.minimum(x, y), np.minimum(np.maximum(x, y), z))


def remove_rules(gray: Image.Image, dpi: int) -> Image.Image:
    """Whiten long straight lines (table rules, form boxes, underlines).

    Tesseract reads a rule touching a cell's text as "|", "{" or "[" glued to it, which is
    how a phone number in a contact table became unreadable for the detectors. Only runs of
    dark pixels far longer than any glyph stroke are removed, on the deskewed image.
    """
    a = np.asarray(gray)
    # lenient: a thin rule is grey after scanning, JPEG and deskewing
    dark = a < (otsu_threshold(a) + 255) // 2
    # found at half resolution (a 2×2 block is dark if any pixel is), four times less work
    h, w = (dark.shape[0] // 2) * 2, (dark.shape[1] // 2) * 2
    half = dark[0:h:2, 0:w:2] | dark[1:h:2, 0:w:2] | dark[0:h:2, 1:w:2] | dark[1:h:2, 1:w:2]
    # a word's letters can touch along a row for a few centimetres at most (bold, tight
    # kerning), a glyph is never half an inch tall in body text
    horizontal = _runs(half, max(10, int(dpi * 0.5)), axis=1)
    vertical = _runs(half, max(10, int(dpi * 0.25)), axis=0)
    # A filled area (a redaction box, a black bar) has long runs too but is no rule: it stays,
    # or it would be cut into letter-like fragments. Filled = still dark after shrinking by
    # ~1 mm (a rule, however long, vanishes), grown back to its size.
    filled = _grow(_shrink(half, max(2, dpi // 70)), max(2, dpi // 70) + 1)
    horizontal &= ~filled
    vertical &= ~filled
    if not (horizontal.any() or vertical.any()):
        return gray
    # Full-resolution work only inside the rules' bounding box (plus the one-pixel fringe):
    # most of a page has no rule, and these masks cost more than finding the rules did.
    both = horizontal | vertical
    ys, xs = np.flatnonzero(both.any(axis=1)), np.flatnonzero(both.any(axis=0))
    hy0, hy1, hx0, hx1 = ys[0], ys[-1] + 1, xs[0], xs[-1] + 1
    y0, x0 = max(2 * hy0 - 1, 0), max(2 * hx0 - 1, 0)
    y1, x1 = min(2 * hy1 + 1, a.shape[0]), min(2 * hx1 + 1, a.shape[1])
    sa, sdark = a[y0:y1, x0:x1], dark[y0:y1, x0:x1]

    def full(mask_half: np.ndarray) -> np.ndarray:
        """The half-resolution mask at full resolution, in the crop's frame."""
        m = np.zeros(sdark.shape, dtype=bool)
        block = m[2 * hy0 - y0:2 * hy1 - y0, 2 * hx0 - x0:2 * hx1 - x0]
        block.reshape(hy1 - hy0, 2, hx1 - hx0, 2)[:] = \
            mask_half[hy0:hy1, hx0:hx1, None][:, None, :, :]
        return m

    rules = full(both) & sdark
    # the anti-aliased fringe beside the rule, not the text it may touch
    fringe = np.zeros_like(sdark)
    hz = full(horizontal) & sdark
    fringe[1:] |= hz[:-1]
    fringe[:-1] |= hz[1:]
    vt = rules & ~hz
    fringe[:, 1:] |= vt[:, :-1]
    fringe[:, :-1] |= vt[:, 1:]
    rules |= fringe & (sa < 250)
    out = a.copy()
    out[y0:y1, x0:x1][rules] = 255
    return Image.fromarray(out)


def _shrink(mask: np.ndarray, k: int) -> np.ndarray:
    """Pixels whose four diagonal neighbours at distance ``k`` are set too."""
    p = np.pad(mask, k)
    h, w = mask.shape
    return (mask & p[:h, :w] & p[:h, 2 * k:] & p[2 * k:, :w] & p[2 * k:, 2 * k:])


def _grow(mask: np.ndarray, k: int) -> np.ndarray:
    """Dilate by a (2k+1)² square, one axis at a time."""
    out = mask.copy()
    for axis in (0, 1):
        src = out.copy()
        p = np.pad(src, [(k, k) if a == axis else (0, 0) for a in (0, 1)])
        for i in range(2 * k + 1):
            out |= p[i:i + src.shape[0], :] if axis == 0 else p[:, i:i + src.shape[1]]
    return out


def _runs(dark: np.ndarray, length: int, axis: int) -> np.ndarray:
    """Pixels that lie in an unbroken dark run of at least ``length`` along ``axis``."""
    d = dark if axis == 0 else dark.T
    n = d.shape[0]
    if n < length:
        return np.zeros_like(dark)
    c = np.zeros((n + 1, d.shape[1]), dtype=np.int16)
    np.cumsum(d, axis=0, dtype=np.int16, out=c[1:])
    full = (c[length:] - c[:-length]) == length  # window starting at row i is all dark
    # a pixel is covered when a full window starts at most `length - 1` rows above it
    g = np.zeros((n + length, d.shape[1]), dtype=np.int16)
    np.cumsum(full, axis=0, dtype=np.int16, out=g[length:length + full.shape[0]])
    g[length + full.shape[0]:] = g[length + full.shape[0] - 1]
    covered = (g[length:] - g[:n]) > 0
    return covered if axis == 0 else covered.T


def otsu_threshold(a: np.ndarray) -> int:
    # PIL counts uint8 pixels directly; np.bincount first widens every pixel to int64
    hist = np.asarray(Image.fromarray(a).histogram()[:256], dtype=np.float64)
    w = np.cumsum(hist)
    mu = np.cumsum(hist * np.arange(256))
    total, mean = w[-1], mu[-1]
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (mean * w - mu * total) ** 2 / (w * (total - w))
    between = np.nan_to_num(between, nan=0.0, posinf=0.0)
    return int(np.argmax(between))


def estimate_skew(gray: Image.Image, max_angle: float = MAX_SKEW) -> float:
    """Angle (degrees) by which ``gray.rotate`` straightens the text lines.

    Projection profile: rotate the coordinates of dark pixels and keep the angle at which
    the row histogram is sharpest (text lines and the gaps between them line up).
    """
    factor = max(1, round(min(gray.width, gray.height) / 800))
    small = gray.resize((gray.width // factor, gray.height // factor), Image.BILINEAR)
    a = np.asarray(small)
    ys, xs = np.nonzero(a <= otsu_threshold(a))
    if len(xs) < 200:
        return 0.0
    if len(xs) > 150_000:
        step = len(xs) // 150_000 + 1
        xs, ys = xs[::step], ys[::step]
    xs = xs.astype(np.float64) - a.shape[1] / 2
    ys = ys.astype(np.float64) - a.shape[0] / 2
    n_rows = int(math.hypot(*a.shape)) + 4

    def sharpness(angle: float) -> float:
        t = math.radians(angle)
        # row of each dark pixel after PIL's counter-clockwise rotation by `angle`
        rows = -xs * math.sin(t) + ys * math.cos(t)
        hist = np.bincount((rows + n_rows / 2).astype(np.int64), minlength=n_rows)
        return float(np.dot(hist, hist))

    coarse = np.arange(-max_angle, max_angle + 1e-9, 0.5)
    best = max(coarse, key=sharpness)
    fine = np.arange(best - 0.5, best + 0.5 + 1e-9, 0.1)
    return round(float(max(fine, key=sharpness)), 2)


def deskew(gray: Image.Image, angle: float) -> tuple[Image.Image, pymupdf.Matrix]:
    """Rotate by ``angle`` degrees (counter-clockwise, canvas grown to fit) and return the
    matrix that maps the rotated image's pixels back to the original's."""
    out = gray.rotate(angle, resample=Image.BILINEAR, expand=True, fillcolor=255)
    t = math.radians(angle)
    c, s = math.cos(t), math.sin(t)
    # PIL maps an original point p (relative to the centre) to R p with
    # R = [[c, s], [-s, c]] in y-down pixel space; invert that about both centres.
    cx0, cy0 = gray.width / 2, gray.height / 2
    cx1, cy1 = out.width / 2, out.height / 2
    back = (pymupdf.Matrix(1, 0, 0, 1, -cx1, -cy1) * pymupdf.Matrix(c, s, -s, c, 0, 0)
            * pymupdf.Matrix(1, 0, 0, 1, cx0, cy0))
    return out, back


# -- OCR -------------------------------------------------------------------------------------
def prepare(page: pymupdf.Page, dpi: int = DPI, quarter: int = 0,
            cleaned: tuple[Image.Image, pymupdf.Matrix, int] | None = None
            ) -> tuple[Image.Image, pymupdf.Matrix, int, float]:
    """Cleaned, deskewed grey image for Tesseract, its pixel→page matrix, dpi, skew angle.

    ``quarter`` (0, 90, 180, 270) first turns a page that was scanned sideways or upside
    down. The image stays grey: Tesseract thresholds it for layout analysis but its LSTM
    line recogniser reads the grey values, and a binarised input lost ~10 % of e-mail
    addresses and phone numbers on noisy 150–200 dpi test scans. ``cleaned`` is this page's
    ``rendered_clean`` at ``dpi``, when the caller has it already.
    """
    gray, to_page, used_dpi = cleaned or rendered_clean(page, dpi)
    if quarter % 360:
        gray, back = deskew(gray, quarter % 360)
        to_page = back * to_page
    angle = estimate_skew(gray)
    if abs(angle) >= MIN_SKEW:
        gray, back = deskew(gray, angle)
        to_page = back * to_page
    else:
        angle = 0.0
    return remove_rules(gray, used_dpi), to_page, used_dpi, angle


def rendered_clean(page: pymupdf.Page, dpi: int = DPI
                   ) -> tuple[Image.Image, pymupdf.Matrix, int]:
    """``render`` then ``clean``: the part of ``prepare`` that does not depend on which way
    the page is turned."""
    gray, to_page, used_dpi = render(page, dpi)
    return clean(gray), to_page, used_dpi


def recognize(image: Image.Image, dpi: int) -> list[RawWord]:
    return parse_tsv(_engine().tsv(image, dpi))


class UnreadablePage(BadInput):
    """A page with plenty of marks on it that OCR cannot read: it may hold personal data
    that nothing would detect, so the document goes to a person instead of the output."""

    def __init__(self, page_number: int, quality: float):
        super().__init__("ocr_unreadable", f"page {page_number + 1} is a scan that OCR cannot "
                         f"read reliably (mean word confidence {quality:.0f}); redact it by hand")


def read_quality(raw: list[RawWord]) -> tuple[float, int]:
    """Mean confidence of the real words (three letters or digits or more), by length."""
    words = [r for r in raw if sum(ch.isalnum() for ch in r.text) >= 3]
    chars = sum(len(r.text) for r in words)
    if not chars:
        return 100.0, 0
    return sum(r.conf * len(r.text) for r in words) / chars, len(words)


def ocr_page(page: pymupdf.Page) -> list[Word]:
    """The page's words as read by Tesseract, in reading order, boxes in page points.

    Raises ``UnreadablePage`` (a ``BadInput``: the document is quarantined) when a page with
    many word-like marks reads as gibberish in every orientation.
    """
    base = rendered_clean(page)
    image, to_page, dpi, _ = prepare(page, cleaned=base)
    raw = _read(image, dpi)
    quality, n = read_quality(raw)
    if n >= MIN_WORDS_FOR_QUALITY and quality < MIN_QUALITY:
        # Upright text reads at ~90 % confidence, a page turned 90° or 180° at ~25–35 %;
        # only then is orientation detection worth its cost.
        turn = detect_orientation(image, dpi)
        if turn:
            # the same rendering, turned: rendering and cleaning again would give the same
            image2, to_page2, _, _ = prepare(page, dpi, quarter=turn, cleaned=base)
            raw2 = _read(image2, dpi)
            q2, _ = read_quality(raw2)
            if q2 > quality:
                to_page, raw, quality = to_page2, raw2, q2
        if quality < MIN_QUALITY and _small_print(raw, dpi):
            # a screenshot or a dashboard: print too small for the resolution, read again
            # at twice the resolution before the page is given up
            big = rendered_clean(page, dpi * 2)
            image3, to_page3, dpi3, _ = prepare(page, dpi * 2, cleaned=big)
            raw3 = _read(image3, dpi3)
            q3, _ = read_quality(raw3)
            if q3 > quality:
                to_page, raw, quality = to_page3, raw3, q3
        if quality < MIN_QUALITY:
            raise UnreadablePage(page.number, quality)
    raw = join_split_tokens(raw)
    bound = page.rect * page.derotation_matrix
    return [Word(normalise_confusions(r.text), _page_box(r, to_page, bound, page.number),
                 r.block, r.par * 1000 + r.line, source="ocr", conf=r.conf) for r in raw]


# Body text at 10 pt is some 28 pixels high at 200 dpi; below this much, print is small
SMALL_PRINT_PT = 6.0


def _small_print(raw: list[RawWord], dpi: int) -> bool:
    """Is the page's print small for its resolution (median word height in points)?"""
    heights = [r.height for r in raw if sum(ch.isalnum() for ch in r.text) >= 2]
    return bool(heights) and float(np.median(heights)) * 72 / dpi < SMALL_PRINT_PT


def _read(image: Image.Image, dpi: int) -> list[RawWord]:
    """Tesseract's words minus what is not text: speckle, filled boxes, graphics."""
    raw = recognize(image, dpi)
    pixels = np.asarray(image)
    height = float(np.median([r.height for r in raw])) if raw else 0.0
    return [r for r in raw
            if not (_is_noise(r) or _is_solid(r, pixels) or _is_graphic(r, height))]


def detect_orientation(image: Image.Image, dpi: int) -> int:
    """Counter-clockwise quarter turn (0, 90, 180, 270) that puts the text upright, by
    Tesseract's orientation and script detection; 0 when it cannot tell."""
    engine = _osd_engine()
    if engine is None:
        return 0
    try:
        return engine.orientation(image, dpi)
    except OcrError:
        return 0


def _is_noise(r: RawWord) -> bool:
    """Speckle read as punctuation: nothing a detector could use, and it splits names."""
    return not any(ch.isalnum() for ch in r.text) and r.conf < 60 and "@" not in r.text


def _is_graphic(r: RawWord, text_height: float) -> bool:
    """A signature loop, stamp or logo read as a letter or two: much taller than the text
    around it and read with little confidence."""
    return (r.height > 2 * text_height and r.conf < 60
            and sum(ch.isalnum() for ch in r.text) <= 4)


def _is_solid(r: RawWord, pixels: np.ndarray) -> bool:
    """A filled rectangle read as letters: a redaction box (ours, or an earlier one in a
    released document) is not text, and its reading would look like text left under a box
    (or, spread as a "name", blacken every "EE" of the dossier).

    Glyphs ink well under half of their word's box even in bold; only near-black pixels count,
    so black text on a grey highlight is not mistaken for a fill. A grey box is told from
    grey paper or a highlight by its lack of black ink: a word printed on it has some.
    """
    patch = pixels[max(r.top, 0):r.top + r.height, max(r.left, 0):r.left + r.width]
    if patch.size == 0:
        return False
    black = float(np.mean(patch < SOLID_LEVEL))
    return black > SOLID_FRACTION or (black < FILL_MAX_INK
                                      and float(np.median(patch)) < FILL_MEDIAN)


def _page_box(r: RawWord, to_page: pymupdf.Matrix, bound: pymupdf.Rect, pno: int) -> Box:
    """Axis-aligned page box around the (possibly deskewed) pixel box, padded."""
    # plain arithmetic: pymupdf's Point * Matrix runs several Python layers per corner
    # (measured 54 µs a word against 8 µs); results agree to 1e-4 pt (MuPDF rounds to float)
    a, b, c, d, e, f = to_page
    xs, ys = [], []
    for x in (r.left, r.left + r.width):
        for y in (r.top, r.top + r.height):
            xs.append(x * a + y * c + e)
            ys.append(x * b + y * d + f)
    x0, y0 = min(xs) - PAD, min(ys) - PAD
    x1, y1 = max(xs) + PAD, max(ys) + PAD
    return Box(pno, max(x0, bound.x0), max(y0, bound.y0), min(x1, bound.x1), min(y1, bound.y1))


# -- words Tesseract split -------------------------------------------------------------------
_MAIL_CHARS = re.compile(r"^[<(\[\"']?[\w.%+@©®,-]+[>)\]\"'.,;:]?$")
_PHONE_PART = re.compile(r"^[(+]?[\dOoIlSBG()+-]*[\dOoIlSBG]-?$|^-[\dOoIlSBG-]+[,.;:)]?$")


def join_split_tokens(raw: list[RawWord]) -> list[RawWord]:
    """Join pieces of one e-mail address or phone number that Tesseract read as separate
    words ("k.smit@" "minvws.nl", "06-" "12345678"), so that detectors see one token.

    Only neighbours on the same line with a gap narrower than the line is high are joined;
    the joined word's box is the union of both pixel boxes, so it covers everything the
    pieces covered.
    """
    out: list[RawWord] = []
    for r in raw:
        prev = out[-1] if out else None
        if prev is not None and _adjacent(prev, r) and (_joinable(prev.text, r.text)
                                                       or _joinable_digits(prev, r)):
            x0, y0 = min(prev.left, r.left), min(prev.top, r.top)
            x1 = max(prev.left + prev.width, r.left + r.width)
            y1 = max(prev.top + prev.height, r.top + r.height)
            out[-1] = RawWord(prev.text + r.text, min(prev.conf, r.conf), x0, y0, x1 - x0,
                              y1 - y0, prev.block, prev.par, prev.line)
            continue
        out.append(r)
    return out


def _adjacent(a: RawWord, b: RawWord) -> bool:
    if (a.block, a.par, a.line) != (b.block, b.par, b.line):
        return False
    # LSTM word boxes can overlap their neighbour (seen: a box running past the "@" that
    # follows it), so only the order of the left edges is required.
    gap = b.left - (a.left + a.width)
    if len(a.text) <= 2:
        # a lone initial sits closer to what follows it than a word to the next word does
        return b.left > a.left and gap <= 0.6 * max(a.height, b.height)
    return b.left > a.left and gap <= max(a.height, b.height)


def _joinable(a: str, b: str) -> bool:
    # an initial whose dot was lost ("k" "smit@minvws.nl"): the address starts at the initial
    if len(a) <= 2 and a.isalpha() and _EMAIL.match(normalise_confusions(b)):
        return True
    if a.endswith("@") or b.startswith("@") or a.endswith("©") or b.startswith("©"):
        joined = a + b
        return (bool(_MAIL_CHARS.match(joined))
                and sum(joined.count(c) for c in "@©®") == 1)
    if "@" in b and (b.startswith(".") or (a.endswith(".") and _first_name_or_initial(a))):
        # a space read after the dot of "wouter.dejong@", "siham. elidrissi@": the address
        # starts at the first name (a sentence's last word before an address is no name)
        return bool(_EMAIL.match(normalise_confusions(a + b)))
    if (a.endswith("-") or b.startswith("-")) and _PHONE_PART.match(a) and _PHONE_PART.match(b):
        fixed = normalise_confusions(a + b)
        return bool(_PHONE.match(fixed)) and _dutch_phone_digits(fixed)
    return False


def _first_name_or_initial(word: str) -> bool:
    from . import gazetteer

    core = word.rstrip(".")
    return core.isalpha() and (len(core) <= 2 or gazetteer.load().is_first_name(core))


def _joinable_digits(a: RawWord, b: RawWord) -> bool:
    """"063849201" "7": a gap narrower than a space inside a number that is a phone number
    once joined (a normal word space between digit groups is left alone: "010 281 7733")."""
    gap = b.left - (a.left + a.width)
    if gap > 0.3 * max(a.height, b.height):
        return False
    joined = (a.text + b.text).translate(_DIGIT_LOOKALIKE)
    return (joined.isdigit() and sum(c.isdigit() for c in a.text + b.text) >= 8
            and _dutch_phone_digits(joined))


# -- OCR confusions --------------------------------------------------------------------------
# Characters Tesseract confuses in e-mail addresses and phone numbers on poor scans. A word is
# only rewritten when the rewrite turns it into a well-formed address or number: free text is
# never touched. Every substitution is one character for one, so the word keeps its length and
# the partial-word boxes computed from character positions stay right.
_EMAIL = re.compile(r"^([<(\[\"']?)([\w.%+-]+)@([a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,})"
                    r"([>)\]\"'.,;:]?)$", re.IGNORECASE)
_EMAIL_DOMAIN_DOT = str.maketrans({",": "."})
_PHONE = re.compile(r"^[(+]?\d[\d()\-./]{7,16}\d[,.;:)]?$")
_DIGIT_LOOKALIKE = str.maketrans({"O": "0", "o": "0", "D": "0", "Q": "0", "l": "1", "I": "1",
                                  "|": "1", "i": "1", "Z": "2", "z": "2", "S": "5", "s": "5",
                                  "G": "6", "b": "6", "B": "8", "g": "9", "q": "9"})
_AT_LOOKALIKES = "©®"


def normalise_confusions(text: str) -> str:
    """Undo a typical OCR confusion in a would-be e-mail address, phone number, IBAN start
    ("NLO3") or police investigation name ("O9Kwikstaart")."""
    for fix in (_fix_email, _fix_phone, _fix_coded_prefix):
        fixed = fix(text)
        if fixed is not None:
            return fixed
    return text


# "NLO3 RABO ...": country code + two check digits; "O9Kwikstaart": two digits + a name
_IBAN_START = re.compile(r"^([A-Z]{2})([0-9OoIlSB]{2})$")
_DIGITS_NAME = re.compile(r"^([0-9OoIl]{2})([A-Z][a-z]{2,})([,.;:]?)$")


def _fix_coded_prefix(text: str) -> str | None:
    for pattern in (_IBAN_START, _DIGITS_NAME):
        m = pattern.match(text)
        if m and any(c.isdigit() for c in m.group(2 if pattern is _IBAN_START else 1)):
            if pattern is _IBAN_START:
                fixed = m.group(1) + m.group(2).translate(_DIGIT_LOOKALIKE)
            else:
                fixed = m.group(1).translate(_DIGIT_LOOKALIKE) + text[2:]
            return fixed if fixed != text else None
    return None


def _fix_email(text: str) -> str | None:
    if "@" not in text and not any(c in text for c in _AT_LOOKALIKES):
        return None
    cand = text
    for c in _AT_LOOKALIKES:
        if "@" not in cand and cand.count(c) == 1:
            cand = cand.replace(c, "@")
    if cand.count("@") != 1:
        return None
    local, _, domain = cand.partition("@")
    # a comma in the domain is a misread dot ("minbzk,nl"); keep a trailing one (punctuation)
    core, tail = (domain[:-1], domain[-1]) if domain and domain[-1] in ",;:." else (domain, "")
    cand = f"{local}@{core.translate(_EMAIL_DOMAIN_DOT)}{tail}"
    if cand != text and _EMAIL.match(cand):
        return cand
    return None


def _fix_phone(text: str) -> str | None:
    digits = sum(c.isdigit() for c in text)
    if digits < 6 or digits == len(text) or digits < 0.6 * sum(c.isalnum() for c in text):
        return None
    cand = text.translate(_DIGIT_LOOKALIKE)
    if cand != text and _PHONE.match(cand) and _dutch_phone_digits(cand):
        return cand
    return None


def _dutch_phone_digits(s: str) -> bool:
    d = re.sub(r"\D", "", s)
    return (d.startswith("0") and len(d) == 10) or (d.startswith("31") and len(d) == 11) or (
        d.startswith("0031") and len(d) == 13)


# -- a text layer made from the redacted page -----------------------------------------------
def add_text_layer(page: pymupdf.Page, words: list[Word]) -> int:
    """Write ``words`` as invisible text (render mode 3) over their boxes, so that a scanned
    page can be searched and read aloud; returns how many words were written.

    Only ever call this with words read from the page as it is now, after redaction: the
    layer must not carry anything the image no longer shows. Text that runs vertically on
    the displayed page (a table turned sideways in the scan) is not written; when most of a
    page is like that, the page gets no layer at all rather than a misleading one.
    """
    font = pymupdf.Font("helv")
    to_display = page.rotation_matrix
    upright, sideways = [], 0
    for w in words:
        if w.box.page != page.number or not w.text.strip():
            continue
        # boxes were padded for redaction; the text sits inside the padding
        r = pymupdf.Rect(w.box.x0 + PAD, w.box.y0 + PAD, w.box.x1 - PAD, w.box.y1 - PAD)
        shown = r * to_display
        if shown.is_empty:
            continue
        if len(w.text) >= 3 and shown.height > shown.width:
            sideways += 1
            continue
        upright.append((w.text, shown))
    if sideways > len(upright):
        return 0
    for text, shown in upright:
        unit = font.text_length(text, fontsize=1) or 1.0
        size = max(min(shown.height * 0.85, shown.width / unit), 1.0)
        # baseline start in displayed space, mapped back to the page's own coordinates
        origin = pymupdf.Point(shown.x0, shown.y1 - shown.height * 0.2) * page.derotation_matrix
        page.insert_text(origin, text, fontsize=size, fontname="helv", render_mode=3,
                         rotate=page.rotation)
    return len(upright)


# -- storage of redacted scans ---------------------------------------------------------------
def recompress_scans(doc: pymupdf.Document, pages: list[int], quality: int = 80) -> int:
    """Store the scan image of each page in ``pages`` as JPEG again; returns images rewritten.

    Blanking pixels under redaction boxes makes PyMuPDF store the changed image losslessly,
    four to five times the size of the scanner's JPEG (measured: 0.4 → 1.6 MB a page). The
    pixels were removed before this encoding, so the JPEG cannot bring them back.
    """
    done = 0
    seen: set[int] = set()
    for pno in pages:
        page = doc[pno]
        area = page.rect.width * page.rect.height or 1.0
        for info in page.get_image_info(xrefs=True):
            xref = info.get("xref", 0)
            r = pymupdf.Rect(info["bbox"]) & page.rect
            # the scan, or a strip of it (some scanners cut a page into bands)
            if not xref or xref in seen or r.is_empty or r.width * r.height < 0.05 * area:
                continue
            seen.add(xref)
            if doc.xref_get_key(xref, "Filter")[1] != "/FlateDecode":
                continue  # untouched (still the scanner's JPEG) or a format we leave alone
            pix = pymupdf.Pixmap(doc, xref)
            if pix.alpha or pix.colorspace is None or pix.colorspace.n not in (1, 3):
                continue
            page.replace_image(xref, stream=pix.tobytes("jpeg", jpg_quality=quality))
            done += 1
    return done


# -- a scan's own text layer -----------------------------------------------------------------
def drop_invisible_text(page: pymupdf.Page) -> int:
    """Remove the invisible text (render mode 3, or fully transparent) from a page that was
    read by OCR; returns the spans removed.

    That is the OCR layer a scanner or an earlier publication put over the image: it was not
    made from the redacted page, it may hold what our OCR missed, and its boxes need not
    match the printed letters. Visible text (a stamp on the scan) stays; invisible spans that
    overlap visible text are left, since removing them would take the visible text along.
    PyMuPDF's ``scrub(hidden_text=True)`` does the same for a whole document but took 25 s
    for one page of a real release; one text-only redaction per span takes milliseconds.
    """
    spans = page.get_texttrace()
    hidden = [pymupdf.Rect(s["bbox"]) for s in spans if s["type"] == 3 or s["opacity"] == 0]
    if not hidden:
        return 0
    # grown by 3 pt: the trace's boxes are tighter than the glyph boxes redaction tests
    visible = [pymupdf.Rect(s["bbox"]) + (-3, -3, 3, 3) for s in spans
               if not (s["type"] == 3 or s["opacity"] == 0)]
    # Full-width bands free of visible text take most spans in one annotation each (one
    # annotation per span took seconds on a full page); spans beside a stamp go one by one.
    area = page.rect * page.derotation_matrix  # texttrace boxes are in unrotated space
    bands, top = [], area.y0
    for y0, y1 in sorted((v.y0, v.y1) for v in visible) + [(area.y1, area.y1)]:
        if y0 > top:
            bands.append(pymupdf.Rect(area.x0, top, area.x1, y0))
        top = max(top, y1)
    removed = 0
    for r in hidden:
        if any(b.contains(r) for b in bands):
            removed += 1
        elif not any(r.intersects(v) for v in visible):
            page.add_redact_annot(r, fill=False)
            removed += 1
    for b in bands:
        page.add_redact_annot(b, fill=False)
    page.apply_redactions(images=pymupdf.PDF_REDACT_IMAGE_NONE,
                          graphics=pymupdf.PDF_REDACT_LINE_ART_NONE,
                          text=pymupdf.PDF_REDACT_TEXT_REMOVE)
    return removed
