"""Conversion cost of the inputs stage: pages per second for Word files (LibreOffice, one
long-running office as each worker has it) and for e-mails (our own layout).

``run()`` (called by ``bench/run.py``) generates the files (``fixtures/dossier/build.py``'s
writers), starts the office before the clock, converts every file once and counts the pages
of the PDFs. The office works in its own process, so its figure is wall time (the machine
otherwise idle but for this process); e-mail layout runs in this process and is also given
per CPU-second.

    .venv/bin/python bench/convert_bench.py
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "fixtures" / "dossier"))

import pymupdf  # noqa: E402

import build as dossier_build  # noqa: E402
from woo_redact.inputs import office as office_mod  # noqa: E402
from woo_redact.inputs.layout import mail_pdf  # noqa: E402
from woo_redact.inputs.mail import Attachment, Mail  # noqa: E402

DOCX_FILES, EML_FILES = 12, 40
PARAGRAPH = ("Het college heeft op verzoek van de bewonerscommissie het plan voor het buurtfeest "
             "beoordeeld. De afdeling vergunningen adviseert de eindtijd op 22:00 uur te stellen "
             "en de geluidsnormen uit de evenementenverordening te hanteren. ")


def _pages(data_or_path) -> int:
    with (pymupdf.open(data_or_path) if isinstance(data_or_path, (str, Path))
          else pymupdf.open("pdf", data_or_path)) as pdf:
        return pdf.page_count


def run() -> dict:
    if not office_mod.available():
        return {"skipped": "LibreOffice is not installed (scripts/setup-system.sh)"}
    with tempfile.TemporaryDirectory(prefix="woo-redact-convert-bench-") as tmp:
        tmp = Path(tmp)
        docx = []
        for i in range(DOCX_FILES):
            paras = [f"# Notitie {i + 1}"] + [f"{n + 1}. {PARAGRAPH * 3}" for n in range(40)]
            path = tmp / f"notitie-{i}.docx"
            path.write_bytes(dossier_build.docx(paras, table=[["Partij", "Rol"]] * 10))
            docx.append(path)
        office = office_mod.OfficeConverter(timeout=300)
        t0 = time.perf_counter()
        office.convert(str(docx[0]), str(tmp / "warm.pdf"))  # start-up and a first file
        startup = time.perf_counter() - t0
        pages, t0 = 0, time.perf_counter()
        for path in docx:
            out = path.with_suffix(".pdf")
            office.convert(str(path), str(out))
            pages += _pages(out)
        docx_s = time.perf_counter() - t0
        office.close()
        # the alternative: one `soffice --convert-to` run per file (start-up paid each time)
        once = office_mod.OfficeConverter(timeout=300)
        once._uno = False
        t0 = time.perf_counter()
        for path in docx[:2]:
            once.convert(str(path), str(path.with_suffix(".once.pdf")))
        once_s = (time.perf_counter() - t0) / 2

        mails = [Mail(sender=f"Verhoeven, Sanne <s.verhoeven{i}@example.nl>",
                      to="Subsidieloket <subsidies@utrecht.nl>", cc="Joost Kramer <j@k.nl>",
                      subject=f"RE: Aanvraag {i}",
                      date=datetime(2023, 5, 2, 10, i % 60,
                                    tzinfo=timezone(timedelta(hours=2))),
                      body="\n\n".join([PARAGRAPH * 2] * 12),
                      attachments=[Attachment("begroting.pdf", b"")]) for i in range(EML_FILES)]
        mail_pdf(mails[0])  # fonts and Story set up before the clock
        mail_pages, t0, c0 = 0, time.perf_counter(), time.process_time()
        for m in mails:
            mail_pages += _pages(mail_pdf(m))
        eml_s, eml_cpu = time.perf_counter() - t0, time.process_time() - c0
    return {"docx_files": DOCX_FILES, "docx_pages": pages,
            "docx_pages_per_s": round(pages / docx_s, 1),
            "docx_s_per_file": round(docx_s / DOCX_FILES, 3),
            "office_startup_s": round(startup, 2),
            "one_run_per_file_s_per_file": round(once_s, 2),
            "eml_files": EML_FILES, "eml_pages": mail_pages,
            "eml_pages_per_s": round(mail_pages / eml_s, 1),
            "eml_pages_per_cpu_s": round(mail_pages / eml_cpu, 1) if eml_cpu else None,
            "note": "docx: LibreOffice headless through one long-running office (wall time); "
                    "eml: printed-mail layout with PyMuPDF's Story, in process"}


if __name__ == "__main__":
    print(json.dumps(run(), indent=1))
