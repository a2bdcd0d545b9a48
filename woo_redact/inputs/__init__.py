"""The stage before extract: which files a run works on, and how each becomes a PDF.

``files`` finds the files; ``dossier`` unpacks zips and mail attachments into documents
with IDs, families, threads and duplicates; ``convert`` turns one document into the PDF
that goes through extract → detect → decide → redact → verify.
"""

from .files import InputFile, Skipped, discover

__all__ = ["InputFile", "Skipped", "discover"]
