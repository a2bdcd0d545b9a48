"""Batch runs over document archives: manifest, engines (local pool, Ray), progress, reports.

``woo-redact batch`` is the command; ``run_batch(BatchOptions(...), reporter)`` the API.
"""

from .progress import make_reporter
from .runner import BatchOptions, run_batch

__all__ = ["BatchOptions", "make_reporter", "run_batch"]
