"""The publication package: productierapport, documents zip, DiWoo metadata, inventarislijst.

``package.build`` assembles it from a finished run; ``report`` writes and checks the
platform's inventory format (``platform`` holds the platform's rules); ``diwoo`` writes and
``diwoo_check`` checks the DiWoo metadata; ``names`` keeps persons out of document names.
"""
