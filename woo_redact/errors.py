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
