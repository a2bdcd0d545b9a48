"""Sub-commands of ``woo-redact``: each module has ``register(subparsers)``."""
