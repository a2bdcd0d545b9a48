"""Where a run keeps what it unpacked and converted: below the output folder, mode 0700.

Its own module so that finding the dossier's files does not load detection.
"""

WORK_DIR = ".work"  # below the output folder: unpacked attachments and converted PDFs (0700)
