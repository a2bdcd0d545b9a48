"""Proposal files: what detection and policy propose for one document, for people to decide.

``woo-redact propose`` writes one ``<rel>.proposal.json`` per input into a proposal folder;
reviewers decide on it (``woo-redact review``) and ``woo-redact apply`` redacts from it. The
schema is documented in docs/review.md; ``version`` changes whenever a reader of an older
version would misread a newer file.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path, PurePosixPath

from .model import Box, Finding
from .redact import Mark

SCHEMA = "woo-redact/proposal"
VERSION = 1
SUFFIX = ".proposal.json"
STATUSES = ("proposed", "accepted", "rejected")
ACTIONS = ("redact", "propose", "keep")


class ProposalError(ValueError):
    """A proposal file that cannot be used as it is (wrong schema, version, or content)."""


@dataclass(frozen=True, slots=True)
class ReviewedMark(Mark):
    """A manual redaction box; ``reviewer`` is read by the grounds log."""
    reviewer: str = ""
    decided_at: str = ""


@dataclass(slots=True)
class PageInfo:
    index: int  # 0-based
    width: float
    height: float


@dataclass(slots=True)
class ManualBox:
    """A rectangle a reviewer drew, redacted on ``ground`` whatever text lies under it."""
    id: str
    box: Box
    ground: str
    reviewer: str = ""
    decided_at: str = ""

    def to_mark(self) -> ReviewedMark:
        return ReviewedMark(self.box, self.ground, self.reviewer, self.decided_at)


@dataclass(slots=True)
class ProposalFile:
    input: str  # absolute path of the PDF the proposal is about
    rel: str  # the document's name under the output folder
    sha256: str  # of the input when it was proposed; apply refuses a changed input
    document_nr: str
    pages: list[PageInfo]
    findings: list[Finding]
    manual: list[ManualBox] = field(default_factory=list)
    ocr_pages: list[int] = field(default_factory=list)
    policy: str = "default"
    created_at: str = ""
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def page_count(self) -> int:
        return len(self.pages)


def now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


# -- findings -----------------------------------------------------------------------------
def finding_to_dict(f: Finding) -> dict:
    return {"id": f.id, "entity_type": f.entity_type, "start": f.start, "end": f.end,
            "text": f.text, "score": round(f.score, 4), "detector": f.detector,
            "ground": f.ground, "action": f.action, "reason": f.reason, "status": f.status,
            "reviewer": f.reviewer, "decided_at": f.decided_at,
            "boxes": [b.to_dict() for b in f.boxes], "explanation": f.explanation}


def finding_from_dict(d: dict) -> Finding:
    status = d.get("status", "proposed")
    if status not in STATUSES:
        raise ProposalError(f"finding {d.get('id')!r}: status must be one of {STATUSES}")
    action = d.get("action")
    if action is not None and action not in ACTIONS:
        raise ProposalError(f"finding {d.get('id')!r}: action must be one of {ACTIONS}")
    try:
        f = Finding(str(d["entity_type"]), int(d["start"]), int(d["end"]), str(d["text"]),
                    float(d["score"]), str(d["detector"]),
                    [Box.from_dict(b) for b in d.get("boxes", [])],
                    d.get("ground"), action, str(d.get("reason", "")), status,
                    str(d.get("id", "")), d.get("reviewer"), d.get("decided_at"),
                    str(d.get("explanation") or ""))
    except (KeyError, TypeError, ValueError) as e:
        raise ProposalError(f"finding {d.get('id')!r}: {e}") from e
    if not f.id:
        raise ProposalError("finding without an id")
    return f


def manual_to_dict(m: ManualBox) -> dict:
    return {"id": m.id, "box": m.box.to_dict(), "ground": m.ground, "reviewer": m.reviewer,
            "decided_at": m.decided_at}


def manual_from_dict(d: dict) -> ManualBox:
    try:
        return ManualBox(str(d["id"]), Box.from_dict(d["box"]), str(d["ground"]),
                         str(d.get("reviewer") or ""), str(d.get("decided_at") or ""))
    except (KeyError, TypeError, ValueError) as e:
        raise ProposalError(f"manual box {d.get('id')!r}: {e}") from e


# -- files --------------------------------------------------------------------------------
def to_dict(p: ProposalFile) -> dict:
    return {"schema": SCHEMA, "version": VERSION, "created_at": p.created_at or now(),
            "policy": p.policy,
            "document": {"input": p.input, "rel": p.rel, "sha256": p.sha256,
                         "document_nr": p.document_nr, "ocr_pages": p.ocr_pages,
                         "pages": [{"index": pg.index, "width": round(pg.width, 2),
                                    "height": round(pg.height, 2)} for pg in p.pages]},
            "findings": [finding_to_dict(f) for f in p.findings],
            "manual": [manual_to_dict(m) for m in p.manual],
            "timings": {k: round(v, 4) for k, v in p.timings.items()}}


def from_dict(d: dict) -> ProposalFile:
    if not isinstance(d, dict) or d.get("schema") != SCHEMA:
        raise ProposalError(f"not a woo-redact proposal (schema is not {SCHEMA!r})")
    if d.get("version") != VERSION:
        raise ProposalError(f"proposal version {d.get('version')!r} is not supported "
                            f"(this woo-redact reads version {VERSION}); run propose again")
    doc = d.get("document") or {}
    try:
        pages = [PageInfo(int(p["index"]), float(p["width"]), float(p["height"]))
                 for p in doc["pages"]]
        out = ProposalFile(str(doc["input"]), safe_rel(str(doc["rel"])), str(doc["sha256"]),
                           str(doc.get("document_nr", "")), pages,
                           [finding_from_dict(f) for f in d.get("findings", [])],
                           [manual_from_dict(m) for m in d.get("manual", [])],
                           [int(i) for i in doc.get("ocr_pages", [])],
                           str(d.get("policy", "default")), str(d.get("created_at", "")),
                           {str(k): float(v) for k, v in (d.get("timings") or {}).items()})
    except (KeyError, TypeError) as e:
        raise ProposalError(f"proposal is missing or mistypes {e}") from e
    n = len(out.pages)
    for f in out.findings:
        if any(not 0 <= b.page < n for b in f.boxes):
            raise ProposalError(f"finding {f.id}: box on a page the document does not have")
    for m in out.manual:
        if not 0 <= m.box.page < n:
            raise ProposalError(f"manual box {m.id}: on a page the document does not have")
    return out


def read(path: str | Path) -> ProposalFile:
    try:
        raw = json.loads(Path(path).read_text("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise ProposalError(f"{path}: cannot read proposal: {e}") from e
    try:
        return from_dict(raw)
    except ProposalError as e:
        raise ProposalError(f"{path}: {e}") from e


def write(p: ProposalFile, folder: str | Path) -> Path:
    """Write under a temporary name and rename, so a reader never sees half a file."""
    path = proposal_path(folder, p.rel)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    # Proposals hold the found personal data in clear: readable by the owner only.
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(to_dict(p), fh, ensure_ascii=False, indent=1)
            fh.write("\n")
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def safe_rel(rel: str) -> str:
    """A document name that stays inside the folder it is joined to."""
    p = PurePosixPath(rel.replace("\\", "/"))
    if not rel or p.is_absolute() or any(part in ("", ".", "..") for part in p.parts) \
            or ":" in p.parts[0]:
        raise ProposalError(f"unsafe document name {rel!r}")
    return str(p)


def proposal_path(folder: str | Path, rel: str) -> Path:
    return Path(folder) / (safe_rel(rel) + SUFFIX)


def find(folder: str | Path) -> Iterator[Path]:
    """Proposal files in a folder (recursively), in name order; never outside it.

    Symbolic links are skipped: a link could point a reviewer at a file outside the folder.
    """
    root = Path(folder).resolve()
    for dirpath, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".")
                         and not os.path.islink(os.path.join(dirpath, d)))
        for name in sorted(files):
            if not name.endswith(SUFFIX) or name.startswith("."):
                continue
            full = Path(dirpath) / name
            if full.is_symlink() or not full.resolve().is_relative_to(root):
                continue
            yield full
