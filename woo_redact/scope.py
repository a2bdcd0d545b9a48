"""How far a name found in one document is looked for in the others: the propagation scope.

In a large archive the whole batch is rarely one dossier. ``--propagation`` says where a
dossier ends:

* ``batch``: every document of the run (the default, as before);
* ``group``: the documents below one top-level folder of the source (each folder of the
  archive's first level is a dossier; the files directly in it are one more);
* ``folder``: the documents of one folder.

A mail's attachments are in their mail's folder; a zip archive is a folder of its own.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable

SCOPES = ("batch", "group", "folder")


def scope_keys(docs: Iterable, scope: str) -> dict[str, str]:
    """The dossier every document belongs to (by its key in the run)."""
    docs = list(docs)
    if scope not in SCOPES:
        raise ValueError(f"propagation scope must be one of {', '.join(SCOPES)}: {scope}")
    if scope == "batch":
        return {d.key: "" for d in docs}
    by_key = {d.key: d for d in docs}
    out = {}
    for d in docs:
        root, seen = d, set()
        while root.parent and root.parent in by_key and root.parent not in seen:
            seen.add(root.key)
            root = by_key[root.parent]
        folder = posixpath.dirname(root.key)
        out[d.key] = folder if scope == "folder" else folder.split("/", 1)[0]
    return out
