"""Errors that name what is wrong with one document, so a batch can record them and go on."""


class BadInput(Exception):
    """The input cannot be processed as given (not a PDF, encrypted, corrupt, empty, too big)."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind  # short machine-readable reason: not_pdf, encrypted, corrupt, empty, ...
        self.message = message

    def __str__(self) -> str:
        return f"{self.kind}: {self.message}"


class VerificationFailed(Exception):
    """The redacted output still holds removed text (or another leak): quarantine it."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


def as_bad_input(e: BaseException) -> BadInput | None:
    """A MuPDF failure on a hostile or broken file, or running out of the memory limit, as
    the input problem it is, with a reason a Woo officer can read; None for anything else
    (a fault of ours)."""
    if isinstance(e, MemoryError):
        return BadInput("too_large", "processing it needs more memory than the limit allows")
    name = type(e).__name__
    text = str(e)
    if not (name.startswith("FzError") or (isinstance(e, RuntimeError) and "code=" in text)
            or _raised_in_pymupdf(e)):
        return None
    low = text.lower()
    if "stack overflow" in low or "nesting" in low or "cycle" in low:
        why = "its objects are nested too deeply or refer to themselves"
    elif "bomb" in low:
        why = "a compressed stream expands beyond any plausible size (compression bomb)"
    elif "malloc" in low or "memory" in low:
        why = "reading it needs more memory than allowed"
    else:
        why = "MuPDF cannot process it"
    return BadInput("corrupt", f"the PDF cannot be processed safely: {why} ({text.strip()})")


def _raised_in_pymupdf(e: BaseException) -> bool:
    """PyMuPDF refusing what a damaged file holds (``ValueError: xref is not a font``)."""
    tb = e.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    return tb is not None and "/pymupdf/" in tb.tb_frame.f_code.co_filename.replace("\\", "/")


def quiet_mupdf() -> None:
    """MuPDF prints its complaints about broken files to stdout, where they corrupt
    ``--json`` output; a broken file's problem reaches the user as its quarantine reason.
    Called in every process that reads PDFs for a command (spawned workers do not inherit
    the setting)."""
    import pymupdf

    pymupdf.TOOLS.mupdf_display_errors(False)
    pymupdf.TOOLS.mupdf_display_warnings(False)
