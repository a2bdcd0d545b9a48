"""The batch's logs and reports, written from the manifest (so a resumed run is complete)."""

from __future__ import annotations

import json
from pathlib import Path

from . import manifest as mf
from .codec import load_findings
from .manifest import Manifest

REPORT_MD = "batch-report.md"
NR_WIDTH_KEY = "document_nr_width"


def document_nr(m: Manifest, nr: int) -> str:
    """Numbers keep their printed form across reruns: the width is fixed on the first run."""
    width = m.meta(NR_WIDTH_KEY)
    if width is None:
        n = m.db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        width = str(max(4, len(str(n))))
        m.set_meta(NR_WIDTH_KEY, width)
    return f"{nr:0{int(width)}d}"


def doc_result(row):
    from ..pipeline import DocResult

    status = row["status"]
    if status == mf.DUPLICATE:
        info = json.loads(row["info"] or "{}")
        return DocResult(row["path"], row["rel"], "duplicate", sha256_in=row["sha256"],
                         reason=f"copy of {info.get('duplicate_of', '')} "
                                f"({info.get('duplicate_reason', '')})")
    if status not in (mf.DONE, mf.QUARANTINED):
        # Only reachable when a run stopped early: say so rather than leave it out.
        status, kind, reason = "quarantined", "unfinished", f"batch stopped at '{status}'"
    else:
        kind, reason = row["kind"], row["error"]
    notes = []
    if status == "done":
        notes, reason = [n for n in (reason or "").split("\n") if n], ""
    return DocResult(row["path"], row["rel"], status,
                     output=row["output"] if status == "done" else None, reason=reason,
                     kind=kind, pages=row["pages"], sha256_in=row["sha256"],
                     sha256_out=row["sha256_out"], findings=load_findings(row["findings"]),
                     ocr_pages=json.loads(row["ocr_pages"] or "[]"),
                     timings=json.loads(row["timings"] or "{}"), notes=notes)


def write_outputs(m: Manifest, out: Path, run: dict, settings: dict) -> dict:
    """The logs, inventory, summary and report of the whole batch. When no document changed
    since they were last written (a resume with nothing to do), only this run's part of the
    summary and report is written again: the logs stay as they are."""
    from ..grounds_log import SUMMARY_JSON, RunLog

    summary_file = out / SUMMARY_JSON
    if not m.flagged(mf.REPORTS_CHANGED) and summary_file.is_file():
        try:
            summary = json.loads(summary_file.read_text("utf-8"))
        except ValueError:
            summary = None
        if summary is not None:
            summary["batch"], summary["run"] = settings, run
            _write_summary(out, summary)
            return summary

    from ..inputs.dossier import SourceDoc

    log = RunLog(out)
    for row in m.rows():
        info = SourceDoc.from_json(json.loads(row["info"])).info() if row["info"] else None
        number = (info or {}).get("doc_id") or document_nr(m, row["doc_nr"])
        log.add(doc_result(row), number, info)
    summary = log.close()
    summary["skipped"] = [{"path": p, "reason": r} for p, r in m.skipped()]
    summary["missing"] = [r["rel"] for r in m.rows(include_missing=True)
                          if r["status"] == mf.MISSING]
    summary["manifest"] = str(out / mf.MANIFEST_NAME)
    summary["batch"] = settings
    summary["run"] = run
    _write_summary(out, summary)
    m.clear(mf.REPORTS_CHANGED)
    return summary


def _write_summary(out: Path, summary: dict) -> None:
    from ..grounds_log import SUMMARY_JSON

    (out / SUMMARY_JSON).write_text(json.dumps(summary, ensure_ascii=False, indent=2) + "\n",
                                    "utf-8")
    (out / REPORT_MD).write_text(render_report(summary), "utf-8")


def render_report(s: dict) -> str:
    lines = ["# Batch report", "",
             f"Run {s['run_id']}: {s['documents']} documents, {s['done']} redacted, "
             f"{len(s['quarantined'])} quarantined, {s['pages']} pages.", ""]
    lines += ["## Redactions by ground and type", "", "| ground | type | count |",
              "|---|---|---:|"]
    for key, n in s["redactions_by_ground_and_type"].items():
        ground, _, typ = key.partition(" ")
        lines.append(f"| {ground} | {typ} | {n} |")
    lines += ["", "## Quarantined documents", ""]
    if s["quarantined"]:
        lines += ["| nr | document | kind | reason |", "|---|---|---|---|"]
        for q in s["quarantined"]:
            reason = str(q["reason"]).replace("|", "\\|").replace("\n", " ")
            lines.append(f"| {q['document_nr']} | {q['document']} | {q['kind']} | {reason} |")
    else:
        lines.append("None.")
    if s.get("notes"):
        lines += ["", "## Notes on how documents were read", ""]
        lines += [f"- {n['document_nr']} {n['document']}: {note}"
                  for n in s["notes"] for note in n["notes"]]
    if s["skipped"]:
        lines += ["", "## Skipped files", ""]
        lines += [f"- {x['path']}: {x['reason']}" for x in s["skipped"]]
    if s["missing"]:
        lines += ["", "## In the manifest but no longer in the source folder", ""]
        lines += [f"- {rel}" for rel in s["missing"]]
    r = s["run"]
    lines += ["", "## This run", "",
              f"{r['pages']} pages finished in {r['elapsed_s']} s "
              f"({r['pages_per_s']} pages/s while processing; worker start-up "
              f"{r['startup_s']} s).", ""]
    return "\n".join(lines)
