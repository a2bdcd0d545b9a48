"""Review: people check, correct and approve every proposal before anything is released.

``store`` (SQLite decisions), ``state`` (a proposal with its decisions) and ``release``
(apply) need only the standard library and the pipeline; ``app`` is the local web page and
needs the ``review`` extra (FastAPI, uvicorn, Jinja2).
"""
