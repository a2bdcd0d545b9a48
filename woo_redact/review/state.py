"""A proposal folder as reviewers see it: each proposal with the decisions taken on it.

Documents are addressed by an opaque key derived from the document's name and the input's
hash, looked up in the catalog; no user-supplied text is ever joined to a path. The key
changes when the input changes, so a changed document starts a fresh review.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass, field, replace
from pathlib import Path

from .. import proposals
from ..model import Finding
from ..proposals import ManualBox, ProposalError, ProposalFile
from ..textnorm import normalize
from .store import PageMark, Store


def doc_key(prop: ProposalFile) -> str:
    return hashlib.sha1(f"{prop.rel}\0{prop.sha256}".encode()).hexdigest()[:16]


@dataclass(slots=True)
class Entry:
    key: str
    path: Path
    prop: ProposalFile


class Catalog:
    """The proposal files under one folder, re-read only when a file changed."""

    def __init__(self, folder: str | Path):
        self.root = Path(folder).resolve()
        self._lock = threading.Lock()
        self._seen: dict[Path, tuple[int, int, Entry | str]] = {}
        self.errors: dict[str, str] = {}

    def entries(self) -> list[Entry]:
        with self._lock:
            seen: dict[Path, tuple[int, int, Entry | str]] = {}
            for path in proposals.find(self.root):
                st = path.stat()
                old = self._seen.get(path)
                if old and old[:2] == (st.st_mtime_ns, st.st_size):
                    seen[path] = old
                    continue
                try:
                    prop = proposals.read(path)
                    item: Entry | str = Entry(doc_key(prop), path, prop)
                    # One file per document, named after it: a copied or renamed proposal
                    # would otherwise be a second entry for the same document.
                    if proposals.proposal_path(self.root, prop.rel) != path:
                        item = f"{path.name}: names document {prop.rel!r}; expected the file " \
                               f"{prop.rel}{proposals.SUFFIX}"
                except ProposalError as e:
                    item = str(e)
                seen[path] = (st.st_mtime_ns, st.st_size, item)
            self._seen = seen
            self.errors = {str(p.relative_to(self.root)): v[2] for p, v in seen.items()
                           if isinstance(v[2], str)}
            out = [v[2] for v in seen.values() if isinstance(v[2], Entry)]
        return sorted(out, key=lambda e: (e.prop.document_nr, e.prop.rel))

    def get(self, key: str) -> Entry | None:
        return next((e for e in self.entries() if e.key == key), None)


@dataclass(slots=True)
class DocState:
    """One document with every decision applied: what `apply` will do right now."""
    entry: Entry
    findings: list[Finding]
    manual: list[ManualBox]
    reviewed: dict[int, PageMark]
    decided_by_person: set[str] = field(default_factory=set)

    @property
    def key(self) -> str:
        return self.entry.key

    @property
    def prop(self) -> ProposalFile:
        return self.entry.prop

    @property
    def undecided(self) -> list[Finding]:
        return [f for f in self.findings if f.status == "proposed"]

    @property
    def unreviewed_pages(self) -> list[int]:
        return [p.index for p in self.prop.pages if p.index not in self.reviewed]

    def counts(self) -> dict[str, int]:
        c = {s: 0 for s in proposals.STATUSES}
        for f in self.findings:
            c[f.status] += 1
        return c

    def blockers(self, force: bool = False) -> list[str]:
        """Why this document may not be applied yet (empty: it may)."""
        if force:
            return []
        out = []
        if self.unreviewed_pages:
            n = len(self.unreviewed_pages)
            out.append(f"{n} of {self.prop.page_count} page(s) not marked reviewed")
        if self.undecided:
            out.append(f"{len(self.undecided)} finding(s) not decided")
        return out

    def finding(self, fid: str) -> Finding | None:
        return next((f for f in self.findings if f.id == fid), None)

    def for_apply(self, reviewer: str, at: str) -> list[Finding]:
        """Findings as they go into the redaction and the grounds log.

        A finding nobody clicked was approved by whoever marked its pages reviewed; failing
        that (a forced apply, or a CLI-only workflow) by the person who applies.
        """
        out = []
        for f in self.findings:
            g = replace(f, boxes=list(f.boxes))
            if f.id not in self.decided_by_person and not f.reviewer:
                marks = [self.reviewed[p] for p in f.pages if p in self.reviewed]
                if marks and len(marks) == len(f.pages):
                    last = max(marks, key=lambda m: m.reviewed_at)
                    g.reviewer, g.decided_at = last.reviewer, last.reviewed_at
                elif reviewer:
                    g.reviewer, g.decided_at = reviewer, at
            out.append(g)
        return out


def load_state(store: Store, entry: Entry) -> DocState:
    decisions = store.decisions(entry.key)
    findings = []
    for f in entry.prop.findings:
        g = replace(f, boxes=list(f.boxes))
        d = decisions.get(f.id)
        if d is not None:
            notes = []
            if d.status and d.status != f.status:
                g.status = d.status  # type: ignore[assignment]
                notes.append(f"reviewer: {d.status}")
            if d.ground and d.ground != f.ground:
                notes.append(f"reviewer: ground {f.ground or '-'} → {d.ground}")
                g.ground = d.ground
            if notes:
                g.reason = "; ".join([f.reason, *notes]) if f.reason else "; ".join(notes)
            g.reviewer, g.decided_at = d.reviewer, d.decided_at
        findings.append(g)
    live, withdrawn = store.manual(entry.key)
    manual = [m for m in entry.prop.manual if m.id not in withdrawn] + live
    return DocState(entry, findings, manual, store.pages(entry.key), set(decisions))


def occurrences(catalog: Catalog, text: str) -> list[tuple[Entry, Finding]]:
    """Every finding in the dossier with the same text (case and spacing aside)."""
    want = normalize(text)
    if not want:
        return []
    return [(e, f) for e in catalog.entries() for f in e.prop.findings
            if normalize(f.text) == want]
