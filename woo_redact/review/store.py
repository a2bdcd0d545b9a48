"""The decision store: one SQLite file beside the proposals, written on every decision.

Every click is committed at once, so a closed browser or a stopped server loses nothing.
Several reviewers (several browsers, or several ``woo-redact review`` processes on one
folder) can write at the same time: WAL mode lets readers go on while one writer commits,
and the busy timeout makes a second writer wait instead of failing.
"""

from __future__ import annotations

import json
import os
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..model import Box
from ..proposals import ManualBox, now

DB_NAME = "review.sqlite3"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS decisions (
    doc TEXT NOT NULL, finding TEXT NOT NULL,
    status TEXT, ground TEXT,              -- NULL: as proposed
    reviewer TEXT NOT NULL, decided_at TEXT NOT NULL,
    PRIMARY KEY (doc, finding));
CREATE TABLE IF NOT EXISTS manual (
    id TEXT PRIMARY KEY, doc TEXT NOT NULL, page INTEGER NOT NULL,
    x0 REAL NOT NULL, y0 REAL NOT NULL, x1 REAL NOT NULL, y1 REAL NOT NULL,
    ground TEXT NOT NULL, reviewer TEXT NOT NULL, decided_at TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS manual_doc ON manual (doc);
CREATE TABLE IF NOT EXISTS pages (
    doc TEXT NOT NULL, page INTEGER NOT NULL,
    reviewer TEXT NOT NULL, reviewed_at TEXT NOT NULL,
    PRIMARY KEY (doc, page));
CREATE TABLE IF NOT EXISTS results (
    out_dir TEXT NOT NULL, rel TEXT NOT NULL, doc TEXT NOT NULL, document_nr TEXT NOT NULL,
    status TEXT NOT NULL, applied_by TEXT NOT NULL, applied_at TEXT NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (out_dir, rel));
CREATE TABLE IF NOT EXISTS events (
    id INTEGER PRIMARY KEY AUTOINCREMENT, doc TEXT NOT NULL, at TEXT NOT NULL,
    reviewer TEXT NOT NULL, action TEXT NOT NULL, target TEXT NOT NULL, value TEXT NOT NULL);
"""


@dataclass(frozen=True, slots=True)
class Decision:
    status: str | None
    ground: str | None
    reviewer: str
    decided_at: str


@dataclass(frozen=True, slots=True)
class PageMark:
    reviewer: str
    reviewed_at: str


@dataclass(frozen=True, slots=True)
class StoredResult:
    rel: str
    doc: str
    document_nr: str
    status: str
    applied_by: str
    applied_at: str
    data: dict


class Store:
    def __init__(self, folder: str | Path):
        self.path = Path(folder) / DB_NAME
        if not self.path.exists():
            # The store names who decided what: readable by the owner only.
            os.close(os.open(self.path, os.O_WRONLY | os.O_CREAT, 0o600))
        db = sqlite3.connect(self.path, timeout=15, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.executescript(_SCHEMA)
        finally:
            db.close()

    @contextmanager
    def _connect(self, write: bool = True) -> Iterator[sqlite3.Connection]:
        # A connection per operation: FastAPI runs handlers on a thread pool, and sqlite3
        # connections must not be shared between threads. Writers take the lock up front
        # (IMMEDIATE), so a busy store makes them wait rather than fail half-way.
        db = sqlite3.connect(self.path, timeout=15, isolation_level=None)
        try:
            db.execute("PRAGMA busy_timeout=15000")
            db.execute("BEGIN IMMEDIATE" if write else "BEGIN")
            try:
                yield db
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")
        finally:
            db.close()

    @staticmethod
    def _event(db: sqlite3.Connection, doc: str, reviewer: str, action: str, target: str,
               value: str, at: str) -> None:
        db.execute("INSERT INTO events (doc, at, reviewer, action, target, value) "
                   "VALUES (?, ?, ?, ?, ?, ?)", (doc, at, reviewer, action, target, value))

    # -- findings ---------------------------------------------------------------------------
    def set_status(self, items: list[tuple[str, str]], status: str, reviewer: str) -> str:
        """Decide ``status`` for (doc, finding) pairs in one transaction; returns the time."""
        at = now()
        with self._connect() as db:
            for doc, fid in items:
                db.execute(
                    "INSERT INTO decisions (doc, finding, status, ground, reviewer, decided_at) "
                    "VALUES (?, ?, ?, NULL, ?, ?) ON CONFLICT (doc, finding) DO UPDATE SET "
                    "status = excluded.status, reviewer = excluded.reviewer, "
                    "decided_at = excluded.decided_at", (doc, fid, status, reviewer, at))
                self._event(db, doc, reviewer, "status", fid, status, at)
        return at

    def set_ground(self, doc: str, fid: str, ground: str, reviewer: str) -> str:
        at = now()
        with self._connect() as db:
            db.execute(
                "INSERT INTO decisions (doc, finding, status, ground, reviewer, decided_at) "
                "VALUES (?, ?, NULL, ?, ?, ?) ON CONFLICT (doc, finding) DO UPDATE SET "
                "ground = excluded.ground, reviewer = excluded.reviewer, "
                "decided_at = excluded.decided_at", (doc, fid, ground, reviewer, at))
            self._event(db, doc, reviewer, "ground", fid, ground, at)
        return at

    def decisions(self, doc: str) -> dict[str, Decision]:
        with self._connect(write=False) as db:
            rows = db.execute("SELECT finding, status, ground, reviewer, decided_at "
                              "FROM decisions WHERE doc = ?", (doc,)).fetchall()
        return {r[0]: Decision(r[1], r[2], r[3], r[4]) for r in rows}

    # -- manual boxes -----------------------------------------------------------------------
    def add_manual(self, doc: str, box: Box, ground: str, reviewer: str) -> ManualBox:
        at = now()
        m = ManualBox("m-" + uuid.uuid4().hex[:12], box, ground, reviewer, at)
        with self._connect() as db:
            db.execute("INSERT INTO manual (id, doc, page, x0, y0, x1, y1, ground, reviewer, "
                       "decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       (m.id, doc, box.page, box.x0, box.y0, box.x1, box.y1, ground, reviewer,
                        at))
            self._event(db, doc, reviewer, "manual_add", m.id,
                        json.dumps({**box.to_dict(), "ground": ground}), at)
        return m

    def delete_manual(self, doc: str, m: ManualBox, reviewer: str) -> None:
        """Withdraw a manual box; a box from the proposal file is withdrawn by a tombstone."""
        at = now()
        b = m.box
        with self._connect() as db:
            db.execute("INSERT INTO manual (id, doc, page, x0, y0, x1, y1, ground, reviewer, "
                       "decided_at, deleted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1) "
                       "ON CONFLICT (id) DO UPDATE SET deleted = 1, reviewer = excluded.reviewer,"
                       " decided_at = excluded.decided_at",
                       (m.id, doc, b.page, b.x0, b.y0, b.x1, b.y1, m.ground, reviewer, at))
            self._event(db, doc, reviewer, "manual_delete", m.id, "", at)

    def manual(self, doc: str) -> tuple[list[ManualBox], set[str]]:
        """(live boxes, ids withdrawn)."""
        with self._connect(write=False) as db:
            rows = db.execute("SELECT id, page, x0, y0, x1, y1, ground, reviewer, decided_at, "
                              "deleted FROM manual WHERE doc = ? ORDER BY decided_at, id",
                              (doc,)).fetchall()
        live = [ManualBox(r[0], Box(r[1], r[2], r[3], r[4], r[5]), r[6], r[7], r[8])
                for r in rows if not r[9]]
        return live, {r[0] for r in rows if r[9]}

    # -- pages ------------------------------------------------------------------------------
    def mark_page(self, doc: str, page: int, reviewed: bool, reviewer: str) -> None:
        at = now()
        with self._connect() as db:
            if reviewed:
                db.execute("INSERT OR REPLACE INTO pages (doc, page, reviewer, reviewed_at) "
                           "VALUES (?, ?, ?, ?)", (doc, page, reviewer, at))
            else:
                db.execute("DELETE FROM pages WHERE doc = ? AND page = ?", (doc, page))
            self._event(db, doc, reviewer, "page", str(page),
                        "reviewed" if reviewed else "unreviewed", at)

    def pages(self, doc: str) -> dict[int, PageMark]:
        with self._connect(write=False) as db:
            rows = db.execute("SELECT page, reviewer, reviewed_at FROM pages WHERE doc = ?",
                              (doc,)).fetchall()
        return {r[0]: PageMark(r[1], r[2]) for r in rows}

    # -- applied results --------------------------------------------------------------------
    def save_result(self, out_dir: str, rel: str, doc: str, document_nr: str, status: str,
                    data: dict, applied_by: str) -> None:
        at = now()
        with self._connect() as db:
            db.execute("INSERT OR REPLACE INTO results (out_dir, rel, doc, document_nr, status,"
                       " applied_by, applied_at, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                       (out_dir, rel, doc, document_nr, status, applied_by, at,
                        json.dumps(data, ensure_ascii=False)))
            self._event(db, doc, applied_by, "apply", rel, status, at)

    def results(self, out_dir: str) -> list[StoredResult]:
        with self._connect(write=False) as db:
            rows = db.execute("SELECT rel, doc, document_nr, status, applied_by, applied_at, "
                              "data FROM results WHERE out_dir = ? ORDER BY document_nr, rel",
                              (out_dir,)).fetchall()
        return [StoredResult(r[0], r[1], r[2], r[3], r[4], r[5], json.loads(r[6]))
                for r in rows]

    def last_result(self, doc: str) -> StoredResult | None:
        with self._connect(write=False) as db:
            r = db.execute("SELECT rel, doc, document_nr, status, applied_by, applied_at, data "
                           "FROM results WHERE doc = ? ORDER BY applied_at DESC LIMIT 1",
                           (doc,)).fetchone()
        return StoredResult(r[0], r[1], r[2], r[3], r[4], r[5], json.loads(r[6])) if r else None

    def last_event(self, doc: str) -> tuple[str, str] | None:
        """(reviewer, at) of the latest change to a document: who is working on it."""
        with self._connect(write=False) as db:
            r = db.execute("SELECT reviewer, at FROM events WHERE doc = ? ORDER BY id DESC "
                           "LIMIT 1", (doc,)).fetchone()
        return (r[0], r[1]) if r else None
