"""The batch manifest: one SQLite row per document, the single source of truth for resume.

Only the coordinating process writes it (workers return results), every change is its own
transaction, and the database runs in WAL mode, so a kill at any moment leaves a consistent
manifest. A row moves pending → detecting → detected → applying → done | quarantined; a row
found in ``detecting`` or ``applying`` at start-up was interrupted and goes back one step.
The file holds removed text (findings), so it is created mode 0600 like the internal log.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

MANIFEST_NAME = "batch-manifest.sqlite"

PENDING, DETECTING, DETECTED = "pending", "detecting", "detected"
APPLYING, DONE, QUARANTINED, MISSING = "applying", "done", "quarantined", "missing"
DUPLICATE = "duplicate"  # a copy of another document: listed, never processed

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    id          INTEGER PRIMARY KEY,
    doc_nr      INTEGER NOT NULL UNIQUE,
    rel         TEXT NOT NULL UNIQUE,
    path        TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    size        INTEGER NOT NULL,
    pages       INTEGER NOT NULL DEFAULT 0,
    status      TEXT NOT NULL,
    kind        TEXT NOT NULL DEFAULT '',
    error       TEXT NOT NULL DEFAULT '',
    proposal    TEXT,            -- phase-1 findings (JSON), the input of phase 2
    ocr_pages   TEXT,            -- JSON list of 0-based page numbers
    ocr_words   TEXT,            -- JSON: OCR words of those pages, from phase 1 to phase 2
    names       TEXT,            -- JSON: this document's contribution to the dossier names
    findings    TEXT,            -- final findings (JSON), what the logs are written from
    output      TEXT,
    sha256_out  TEXT,
    counts      TEXT,            -- JSON: applied redactions by "ground entity"
    timings     TEXT,            -- JSON: stage -> seconds, both phases
    book        TEXT,            -- digest of the dossier names the output was made with
    info        TEXT,            -- JSON: the dossier document (ID, kind, family, thread, copy)
    content     TEXT,            -- hash of the text after conversion, to find copies
    attempts    INTEGER NOT NULL DEFAULT 0,
    updated_at  TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_status ON documents(status);
CREATE TABLE IF NOT EXISTS skipped (path TEXT PRIMARY KEY, reason TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
-- the inverted index of the documents' text: which documents hold a word, or a run of
-- words that starts with 8 given letters and digits (32-bit hashes; see batch/names.py)
CREATE TABLE IF NOT EXISTS doc_keys (key INTEGER NOT NULL, id INTEGER NOT NULL,
                                     PRIMARY KEY (key, id)) WITHOUT ROWID;
-- the dossier names of the last run, to tell which names a rerun brings
CREATE TABLE IF NOT EXISTS books (digest TEXT PRIMARY KEY, blob BLOB NOT NULL);
"""
# Meta flags: the dossier names may have changed since the book was built; the logs and
# inventory may be out of date with the rows.
NAMES_CHANGED, REPORTS_CHANGED = "names_changed", "reports_changed"


@dataclass(frozen=True, slots=True)
class Seen:
    """A PDF found in the source tree on this run."""
    path: str
    rel: str
    sha256: str
    size: int
    info: str = ""  # JSON of the inputs.dossier.SourceDoc


@dataclass(slots=True)
class SyncStats:
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    missing: int = 0
    interrupted: int = 0


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class Manifest:
    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        os.close(fd)
        os.chmod(self.path, 0o600)
        self.db = sqlite3.connect(self.path, isolation_level=None, timeout=30)
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(SCHEMA)
        columns = {r[1] for r in self.db.execute("PRAGMA table_info(documents)")}
        for column in ("ocr_words", "info", "content"):  # a manifest from an older version
            if column not in columns:
                self.db.execute(f"ALTER TABLE documents ADD COLUMN {column} TEXT")
        if "keyed" not in columns:  # 1: the document's words are in doc_keys
            self.db.execute("ALTER TABLE documents ADD COLUMN keyed INTEGER")

    def close(self) -> None:
        self.db.close()

    # -- run set-up ------------------------------------------------------------------------
    def meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))

    def flag(self, *keys: str) -> None:
        for key in keys:
            self.set_meta(key, "1")

    def flagged(self, key: str) -> bool:
        return self.meta(key) != "0"  # unknown (a new or older manifest): assume so

    def clear(self, key: str) -> None:
        self.set_meta(key, "0")

    def use_config(self, fingerprint: str) -> bool:
        """Record the settings outputs are made with; a different policy or option makes
        every earlier result stale, so all documents start again. True if that happened."""
        old = self.meta("config")
        with self.db:
            self.db.execute("BEGIN")
            if old is not None and old != fingerprint:
                self.db.execute(f"UPDATE documents SET {_RESET}, status=? WHERE status!=?",
                                (PENDING, MISSING))
                self.flag(NAMES_CHANGED, REPORTS_CHANGED)
            self.set_meta("config", fingerprint)
        return old is not None and old != fingerprint

    def sync(self, seen: Iterable[Seen]) -> SyncStats:
        """Bring the rows in line with the source tree: new files get the next document
        numbers, a file with another sha256 starts over, vanished files become missing."""
        st = SyncStats()
        with self.db:
            self.db.execute("BEGIN")
            rows = {r["rel"]: r for r in self.db.execute("SELECT id, rel, sha256, status "
                                                         "FROM documents")}
            nr = self.db.execute("SELECT COALESCE(MAX(doc_nr), 0) FROM documents").fetchone()[0]
            present = set()
            back = 0
            for s in seen:
                present.add(s.rel)
                r = rows.get(s.rel)
                if r is None:
                    nr += 1
                    st.new += 1
                    self.db.execute(
                        "INSERT INTO documents(doc_nr, rel, path, sha256, size, status, info, "
                        "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        (nr, s.rel, s.path, s.sha256, s.size, PENDING, s.info, _now()))
                elif r["sha256"] != s.sha256 or r["status"] == MISSING:
                    st.changed += r["sha256"] != s.sha256
                    st.unchanged += r["sha256"] == s.sha256
                    if r["sha256"] != s.sha256:
                        self.db.execute(f"UPDATE documents SET {_RESET}, status=?, path=?, "
                                        "sha256=?, size=? WHERE id=?",
                                        (PENDING, s.path, s.sha256, s.size, r["id"]))
                    else:  # it came back unchanged: whatever it had reached still holds
                        back += 1
                        self.db.execute("UPDATE documents SET status=?, path=? WHERE id=?",
                                        (self._back_from_missing(r["id"]), s.path, r["id"]))
                else:
                    st.unchanged += 1
                    self.db.execute("UPDATE documents SET path=? WHERE id=?", (s.path, r["id"]))
                if r is not None:
                    self.db.execute("UPDATE documents SET info=? WHERE rel=?", (s.info, s.rel))
            for rel, r in rows.items():
                if rel not in present and r["status"] != MISSING:
                    st.missing += 1
                    self.db.execute("UPDATE documents SET status=?, updated_at=? WHERE id=?",
                                    (MISSING, _now(), r["id"]))
            # Interrupted work is redone from the last completed step.
            st.interrupted = self.db.execute(
                "UPDATE documents SET status=? WHERE status=?", (PENDING, DETECTING)).rowcount
            st.interrupted += self.db.execute(
                "UPDATE documents SET status=? WHERE status=?", (DETECTED, APPLYING)).rowcount
            if st.changed or st.missing or back:
                self.flag(NAMES_CHANGED, REPORTS_CHANGED)
            elif st.new or st.interrupted:
                self.flag(REPORTS_CHANGED)
        return st

    def _back_from_missing(self, doc_id: int) -> str:
        r = self.db.execute("SELECT findings, proposal, kind FROM documents WHERE id=?",
                            (doc_id,)).fetchone()
        if r["findings"] is not None and not r["kind"]:
            return DONE
        if r["kind"]:
            return QUARANTINED
        return DETECTED if r["proposal"] is not None else PENDING

    def set_skipped(self, items: Iterable[tuple[str, str]]) -> None:
        items = sorted(set(items))
        if items == self.skipped():
            return
        with self.db:
            self.db.execute("BEGIN")
            self.db.execute("DELETE FROM skipped")
            self.db.executemany("INSERT OR REPLACE INTO skipped(path, reason) VALUES (?, ?)",
                                items)
            self.flag(REPORTS_CHANGED)

    def skipped(self) -> list[tuple[str, str]]:
        return [(r[0], r[1]) for r in self.db.execute("SELECT path, reason FROM skipped "
                                                      "ORDER BY path")]

    def duplicate(self, doc_id: int, info: str) -> None:
        """A copy of another document: it is listed, and nothing of it is processed."""
        self.flag(NAMES_CHANGED, REPORTS_CHANGED)
        self.db.execute(f"UPDATE documents SET {_RESET}, status=?, info=?, updated_at=? "
                        "WHERE id=?", (DUPLICATE, info, _now(), doc_id))

    def undo_duplicate(self, doc_id: int) -> None:
        """No longer a copy (its original changed or left): process it from the start."""
        self.flag(NAMES_CHANGED, REPORTS_CHANGED)
        self.db.execute(f"UPDATE documents SET {_RESET}, status=?, updated_at=? WHERE id=?",
                        (PENDING, _now(), doc_id))

    def set_content(self, doc_id: int, content: str) -> None:
        self.db.execute("UPDATE documents SET content=? WHERE id=?", (content, doc_id))

    def retry_quarantined(self) -> int:
        n = self.db.execute(f"UPDATE documents SET {_RESET}, status=? WHERE status=?",
                            (PENDING, QUARANTINED)).rowcount
        if n:
            self.flag(NAMES_CHANGED, REPORTS_CHANGED)
        return n

    # -- work lists ------------------------------------------------------------------------
    def ids(self, *statuses: str) -> list[int]:
        """Largest files first: the last document to finish then is a small one, so that
        workers do not sit idle behind one long document at the end of a phase."""
        q = ",".join("?" * len(statuses))
        return [r[0] for r in self.db.execute(
            f"SELECT id FROM documents WHERE status IN ({q}) ORDER BY size DESC, doc_nr",
            statuses)]

    def stale(self, books: Iterable[str]) -> list[int]:
        """Done documents whose output was made with other dossier names than the current
        ``books`` (each digest names its dossier too, so a document's can only be its own
        dossier's)."""
        books = sorted(set(books))
        q = ",".join("?" * len(books)) or "NULL"
        return [r[0] for r in self.db.execute(
            f"SELECT id FROM documents WHERE status=? AND (book IS NULL OR book NOT IN ({q})) "
            "ORDER BY size DESC, doc_nr", (DONE, *books))]

    def get(self, doc_id: int) -> sqlite3.Row:
        return self.db.execute("SELECT * FROM documents WHERE id=?", (doc_id,)).fetchone()

    def rows(self, include_missing: bool = False) -> Iterator[sqlite3.Row]:
        q = "SELECT * FROM documents"
        if not include_missing:
            q += f" WHERE status != '{MISSING}'"
        yield from self.db.execute(q + " ORDER BY doc_nr")

    def names(self) -> Iterator[tuple[int, str]]:
        """Every present document's contribution to the dossier names."""
        yield from self.db.execute(
            "SELECT id, names FROM documents WHERE names IS NOT NULL AND status != ? "
            "ORDER BY doc_nr", (MISSING,))

    def counts(self) -> dict[str, int]:
        return {r[0]: r[1] for r in self.db.execute(
            "SELECT status, COUNT(*) FROM documents GROUP BY status")}

    def pages(self, *statuses: str) -> int:
        q = ",".join("?" * len(statuses))
        return self.db.execute(f"SELECT COALESCE(SUM(pages), 0) FROM documents "
                               f"WHERE status IN ({q})", statuses).fetchone()[0]

    # -- transitions -----------------------------------------------------------------------
    def start(self, doc_id: int, status: str) -> None:
        self.db.execute("UPDATE documents SET status=?, attempts=attempts+1, updated_at=? "
                        "WHERE id=?", (status, _now(), doc_id))

    def detected(self, doc_id: int, *, pages: int, proposal: str, ocr_pages: list[int],
                 names: list, timings: dict, ocr_words: str | None = None,
                 keys: list[int] | None = None) -> None:
        """Phase 1 done; ``keys``: the document's words for the inverted index (None: the
        text cannot be indexed, every change of the dossier's names checks it again)."""
        with self.db:
            self.db.execute("BEGIN")
            self.db.execute(
                "UPDATE documents SET status=?, pages=?, proposal=?, ocr_pages=?, ocr_words=?, "
                "names=?, timings=?, kind='', error='', keyed=?, updated_at=? WHERE id=?",
                (DETECTED, pages, proposal, json.dumps(ocr_pages), ocr_words, json.dumps(names,
                 ensure_ascii=False), json.dumps(timings), 1 if keys is not None else None,
                 _now(), doc_id))
            self.db.execute("DELETE FROM doc_keys WHERE id=?", (doc_id,))
            if keys:
                self.db.executemany("INSERT OR IGNORE INTO doc_keys(key, id) VALUES (?, ?)",
                                    ((k, doc_id) for k in keys))
            self.flag(NAMES_CHANGED, REPORTS_CHANGED)

    # -- the dossier names and the documents they reach ---------------------------------------
    def save_books(self, digests: dict[str, str], blobs: dict[str, bytes]) -> None:
        """The name book of every dossier (``digests``: dossier -> digest; ``blobs``: digest
        -> pickled book), kept for the next run to compare with."""
        with self.db:
            self.db.execute("BEGIN")
            self.db.execute("DELETE FROM books")
            self.db.executemany("INSERT OR REPLACE INTO books(digest, blob) VALUES (?, ?)",
                                blobs.items())
            self.set_meta("books", json.dumps(digests, sort_keys=True))
            self.clear(NAMES_CHANGED)

    def books(self) -> tuple[dict[str, str], dict[str, bytes]] | None:
        """The last run's dossiers (dossier -> digest) and their pickled books."""
        raw = self.meta("books")
        if raw is None:
            return None
        digests = json.loads(raw)
        blobs = {r[0]: r[1] for r in self.db.execute("SELECT digest, blob FROM books")}
        if set(digests.values()) - set(blobs):
            return None
        return digests, blobs

    def reached(self, book: str, keys: set[int]) -> set[int]:
        """Done documents made with ``book`` that hold one of ``keys``, or whose words are
        not indexed."""
        out = {r[0] for r in self.db.execute(
            "SELECT id FROM documents WHERE status=? AND book=? AND keyed IS NULL",
            (DONE, book))}
        keys = list(keys)
        for i in range(0, len(keys), 500):
            part = keys[i:i + 500]
            q = ",".join("?" * len(part))
            out.update(r[0] for r in self.db.execute(
                f"SELECT DISTINCT k.id FROM doc_keys k JOIN documents d ON d.id=k.id "
                f"WHERE k.key IN ({q}) AND d.status=? AND d.book=?", (*part, DONE, book)))
        return out

    def move_book(self, old: str, new: str, keep: set[int]) -> int:
        """Done documents made with ``old`` that the new names cannot reach are as they
        would be with ``new``: say so without touching them. Returns how many."""
        with self.db:
            self.db.execute("BEGIN")
            self.db.execute("CREATE TEMP TABLE IF NOT EXISTS reached_ids (id INTEGER PRIMARY KEY)")
            self.db.execute("DELETE FROM reached_ids")
            self.db.executemany("INSERT INTO reached_ids(id) VALUES (?)", ((i,) for i in keep))
            n = self.db.execute(
                "UPDATE documents SET book=? WHERE status=? AND book=? "
                "AND id NOT IN (SELECT id FROM reached_ids)", (new, DONE, old)).rowcount
        return n

    def done(self, doc_id: int, *, findings: str, output: str, sha256_out: str,
             counts: dict, timings: dict, book: str, notes: list[str] = ()) -> None:
        self.flag(REPORTS_CHANGED)
        # a done document's notes (how its input was read) go where a quarantined one's
        # reason goes, one a line
        self.db.execute(
            "UPDATE documents SET status=?, findings=?, output=?, sha256_out=?, counts=?, "
            "timings=?, book=?, ocr_words=NULL, kind='', error=?, updated_at=? WHERE id=?",
            (DONE, findings, output, sha256_out, json.dumps(counts, ensure_ascii=False),
             json.dumps(timings), book, "\n".join(notes), _now(), doc_id))

    def unchanged(self, doc_id: int, book: str) -> None:
        """A done document re-checked against a larger set of dossier names needed nothing."""
        self.db.execute("UPDATE documents SET status=?, book=?, updated_at=? WHERE id=?",
                        (DONE, book, _now(), doc_id))

    def quarantined(self, doc_id: int, *, kind: str, reason: str, pages: int | None = None,
                    findings: str | None = None, timings: dict | None = None) -> None:
        self.flag(REPORTS_CHANGED)
        self.db.execute(
            "UPDATE documents SET status=?, kind=?, error=?, pages=COALESCE(?, pages), "
            "findings=COALESCE(?, findings), timings=COALESCE(?, timings), output=NULL, "
            "sha256_out=NULL, counts=NULL, updated_at=? WHERE id=?",
            (QUARANTINED, kind, reason, pages, findings,
             json.dumps(timings) if timings is not None else None, _now(), doc_id))


# Columns a document starts over with when it is redone from phase 1.
_RESET = ("pages=0, kind='', error='', proposal=NULL, ocr_pages=NULL, ocr_words=NULL, "
          "names=NULL, content=NULL, keyed=NULL, "
          "findings=NULL, output=NULL, sha256_out=NULL, counts=NULL, timings=NULL, book=NULL")
