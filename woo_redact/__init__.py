"""woo-redact: redaction of Dutch government documents for release under the Woo."""

__version__ = "0.1.0"
