"""``woo-redact eval``: redact documents with known ground truth and score the released PDFs.

Writes ``eval.json`` and ``eval.md`` (with a per-document drill-down) to ``--out`` and prints
the tables. The reports hold the truth's strings, so they are written readable by the owner
only, like the internal grounds log.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

REPORT_JSON = "eval.json"
REPORT_MD = "eval.md"
REDACTED_DIR = "redacted"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "eval", help="score redaction against ground truth (recall, keep rate, leaks, names)",
        description="Run the pipeline on documents with ground truth (or read earlier "
                    "outputs) and score the redacted PDFs: sensitive strings that survived, "
                    "keep-strings lost, metadata leaks, finding precision; name detection on "
                    "CoNLL-2002 beside deduce. Exit code 0 (1 with --strict when a bar is "
                    "missed, 2 on a usage error).")
    p.add_argument("--docs", nargs="+", required=True, metavar="DIR",
                   help="folders (or files) with the input PDFs")
    p.add_argument("--truth", required=True, nargs="+", metavar="DIR",
                   help="folder(s) with NAME.json truth")
    p.add_argument("--out", default="eval-report", metavar="DIR",
                   help="report folder; redacted PDFs go to DIR/redacted (default: eval-report)")
    p.add_argument("--json", metavar="FILE", help="also write the JSON report here")
    p.add_argument("--outputs", metavar="DIR",
                   help="score an earlier `woo-redact redact --out DIR` instead of running")
    p.add_argument("--policy", metavar="FILE", help="policy YAML (default: shipped policy)")
    p.add_argument("--no-ocr", action="store_true",
                   help="do not OCR (scanned documents are then quarantined, outputs not OCR'd)")
    p.add_argument("--names-only", action="store_true",
                   help="report PERSON only (fixtures and CoNLL-2002)")
    p.add_argument("--conll", metavar="FILE",
                   help="CoNLL-2002 file for the name benchmark "
                        "(default: ../shared/data/conll2002-nl/ned.testb from the repo root)")
    p.add_argument("--no-conll", action="store_true", help="skip the CoNLL-2002 benchmark")
    p.add_argument("--conll-limit", type=int, metavar="N", help="only the first N articles")
    p.add_argument("--no-peers", action="store_true", help="do not run deduce beside ours")
    p.add_argument("--strict", action="store_true", help="exit 1 when a bar is not met")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from .. import evaluate as ev
    from ..inputs import discover

    truths = ev.load_truth_dir(*args.truth)
    if not truths:
        print(f"woo-redact: error: no truth files (*.json) in {args.truth}", file=sys.stderr)
        return 2
    files, _ = discover(args.docs)
    paired = [f for f in files if Path(f.path).name in truths]
    unpaired = sorted(Path(f.path).name for f in files if Path(f.path).name not in truths)
    if not paired:
        print("woo-redact: error: none of the documents has a truth file", file=sys.stderr)
        return 2
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    if args.outputs:
        runs = _from_outputs(args, paired)
    else:
        runs = _run_pipeline(args, paired, out / REDACTED_DIR)
    scores = []
    for item in runs:
        scores.append(_score(item, truths[Path(item["input"]).name], ocr=not args.no_ocr))
    found = {Path(f.path).name for f in paired}
    for name in sorted(set(truths) - found):
        scores.append(ev.DocScore(name, "missing", "no such document under --docs"))
    summary = ev.aggregate(scores)
    names = _names(args, runs, truths, summary)
    report = {
        "generated": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "machine": f"{platform.node()} ({platform.machine()}, {os.cpu_count()} cpu)",
        "mode": "outputs" if args.outputs else "pipeline",
        "docs": args.docs, "truth": args.truth, "policy": args.policy or "default",
        "seconds": round(time.perf_counter() - started, 1),
        "no_truth": unpaired,
        "summary": summary,
        "names": names,
        "bars": ev.bars(summary, names.get("conll")),
        "documents": [s.to_dict() for s in scores],
    }
    _write_private(out / REPORT_JSON, json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    _write_private(out / REPORT_MD, render_markdown(report, names_only=args.names_only))
    if args.json:
        _write_private(Path(args.json), json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    print_report(report, names_only=args.names_only)
    print(f"reports: {out / REPORT_JSON}, {out / REPORT_MD}")
    if args.strict and not all(b["met"] for b in report["bars"]
                               if not args.names_only or _is_name_bar(b)):
        return 1
    return 0


def _content_lines(summary: dict) -> list[str]:
    """Content-level proposals per ground: items in the truth, how many a proposal (or any
    redaction) flags, and how much of the text the passages take."""
    content, passages = summary.get("content") or {}, summary.get("passages") or {}
    lines = []
    if content:
        lines.append("## Content-level proposals\n")
        lines.append(_md_table(["ground", "items", "proposed", "missed", "rate"],
                               [[g, str(c["items"]), str(c["flagged"]),
                                 str(c["items"] - c["flagged"]), _pct(c["rate"])]
                                for g, c in content.items()]))
    if passages.get("count") is not None:
        lines.append(f"Passages proposed: {passages['count']} ({passages['per_1000_words']} per "
                     f"1,000 words), {passages['words']} words "
                     f"({_pct(passages['share_of_words'])} of the text).\n")
    return lines


def _print_content(console, summary: dict) -> None:
    for line in _content_lines(summary):
        console.print(line.rstrip())


def _is_name_bar(bar: dict) -> bool:
    return "PERSON" in bar["bar"] or "PER " in bar["bar"] or "office" in bar["bar"]


def _write_private(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.chmod(path, 0o600)  # an older report with wider rights must not stay readable
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)


# -- producing outputs -----------------------------------------------------------------------
def _run_pipeline(args, files, out_dir: Path) -> list[dict]:
    """Redact the documents as one dossier, like `woo-redact redact` does."""
    from ..dossier import run_dossier
    from ..evaluate import FindingRef
    from ..grounds_log import RunLog
    from ..pipeline import Pipeline
    from ..policy import load_policy

    class RecordingPipeline(Pipeline):
        """Keeps each input's extracted text for precision; the dossier's second pass reuses
        it instead of reading (and OCR-ing) the file again, which gives the same words."""

        def __init__(self, *a, **kw):
            super().__init__(*a, **kw)
            self.docs: dict[str, object] = {}

        def extract(self, path, sha256=None, ocr_words=None):
            doc = self.docs.get(path)
            if doc is not None and sha256 is not None and doc.sha256 == sha256:
                return doc
            doc = super().extract(path, sha256, ocr_words)
            self.docs[path] = doc
            return doc

    pipeline = RecordingPipeline(load_policy(args.policy), ocr=False if args.no_ocr else None)
    log = RunLog(out_dir)  # the same logs as `redact`, so `--outputs` can score this folder
    runs = []
    for i, (f, res) in enumerate(run_dossier(pipeline, files, out_dir)):
        log.add(res, f"{i + 1:04d}")
        doc = pipeline.docs.get(f.path)
        runs.append({"input": f.path, "rel": f.rel, "status": res.status, "reason": res.reason,
                     "output": res.output, "pages": res.pages,
                     "findings": [FindingRef.from_finding(x) for x in res.findings],
                     "text": doc.text if doc is not None else None,
                     "timings": res.timings})
        _progress(res)
    log.close()
    return runs


def _progress(res) -> None:
    if res.status == "quarantined":
        print(f"QUARANTINED {res.rel}: {res.kind}: {res.reason}", file=sys.stderr)
    else:
        print(f"redacted    {res.rel}: {res.redaction_count} redactions, {res.pages} pages",
              file=sys.stderr)


def _from_outputs(args, files) -> list[dict]:
    """Read an earlier run: PDFs under DIR, findings from its internal grounds log."""
    from ..errors import BadInput
    from ..evaluate import attach_spans, findings_from_log
    from ..grounds_log import INTERNAL_JSONL
    from ..pipeline import QUARANTINE, Pipeline
    from ..policy import load_policy

    base = Path(args.outputs)
    log = base / INTERNAL_JSONL
    if not log.is_file():
        raise FileNotFoundError(f"no {INTERNAL_JSONL} in {base}: not a woo-redact output folder")
    logged = findings_from_log(log)
    reader = Pipeline(load_policy(args.policy), ocr=False if args.no_ocr else None)
    runs = []
    for f in files:
        out_pdf = base / f.rel
        reason_file = base / QUARANTINE / (f.rel + ".reason.json")
        findings = logged.get(f.rel, [])
        try:
            doc = reader.extract(f.path)
        except BadInput:
            doc = None
        if doc is not None:
            attach_spans(doc, findings)
        if out_pdf.is_file():
            status, reason, output = "done", "", str(out_pdf)
        elif reason_file.is_file():
            info = json.loads(reason_file.read_text("utf-8"))
            status, reason, output = "quarantined", f"{info['kind']}: {info['reason']}", None
        else:
            status, reason, output = "missing", "no output for this document", None
        runs.append({"input": f.path, "rel": f.rel, "status": status, "reason": reason,
                     "output": output, "pages": doc.page_count if doc else 0,
                     "findings": findings, "text": doc.text if doc else None, "timings": {}})
    return runs


def _score(item: dict, truth, *, ocr: bool):
    from .. import evaluate as ev

    texts = side = None
    if item["status"] == "done" and item["output"]:
        texts = ev.read_pdf_texts(item["output"], ocr=ocr)
        side = ev.side_channels(item["output"], truth.sensitive)
    return ev.score_document(truth, texts, item["findings"], input_text=item["text"],
                             side=side, status=item["status"], reason=item["reason"],
                             output=item["output"], pages=item["pages"])


# -- names -----------------------------------------------------------------------------------
def _names(args, runs: list[dict], truths: dict, summary: dict) -> dict:
    from .. import eval_names as en

    person = summary["categories"].get("PERSON", {})
    out: dict = {"fixtures_pdf": {"recall": person.get("recall"),
                                  "precision": person.get("precision"),
                                  "expected": person.get("expected", 0),
                                  "survived": person.get("survived", 0),
                                  "tp": person.get("tp", 0), "fp": person.get("fp", 0)},
                 "office_holders": summary["keep"].get("office holder")}
    texts = {Path(r["input"]).name: r["text"] for r in runs
             if r["text"] is not None and r["status"] == "done"}
    ours_spans = {Path(r["input"]).name: [(f.start, f.end) for f in r["findings"]
                                          if f.entity_type == "PERSON" and f.status == "accepted"
                                          and f.start is not None]
                  for r in runs}
    out["fixtures_text"] = {"ours": en.text_level_person(texts, truths, ours_spans)}
    peer = None
    if not args.no_peers:
        if en.deduce_available():
            peer = en.DeducePeer()
            out["deduce_load_seconds"] = round(peer.load_seconds, 1)
            spans = {n: peer.predict(t) for n, t in texts.items()}
            out["fixtures_text"]["deduce"] = en.text_level_person(texts, truths, spans)
        else:
            out["peers_skipped"] = "deduce is not installed"
    if args.no_conll:
        out["conll_skipped"] = "--no-conll"
        return out
    conll = Path(args.conll) if args.conll else _repo_root() / en.DEFAULT_CONLL
    if not conll.is_file():
        msg = (f"CoNLL-2002 file not found at {conll}; name benchmark skipped "
               "(give one with --conll FILE)")
        print(msg, file=sys.stderr)
        out["conll_skipped"] = msg
        return out
    systems = en.our_person_predictors(_policy(args))
    if peer is not None:
        systems["deduce"] = peer.predict
    print(f"CoNLL-2002 PER benchmark on {conll} …", file=sys.stderr)
    out["conll"] = en.evaluate_conll(conll, systems, limit=args.conll_limit)
    return out


def _policy(args):
    from ..policy import load_policy

    return load_policy(args.policy)


def _repo_root() -> Path:
    return Path(__file__).resolve().parents[2]


# -- rendering -------------------------------------------------------------------------------
def _pct(v) -> str:
    return "–" if v is None else f"{v * 100:.1f}%"


def _rows_categories(summary: dict, names_only: bool) -> list[list[str]]:
    rows = []
    for cat, c in summary["categories"].items():
        if names_only and cat != "PERSON":
            continue
        rows.append([cat, str(c["expected"]), str(c["survived"]), _pct(c["recall"]),
                     str(c["detected"]), str(c["tp"]), str(c["fp"]), _pct(c["precision"])])
    o = summary["overall"]
    if not names_only:
        rows.append(["all", str(o["expected"]), str(o["survived"]), _pct(o["recall"]),
                     str(sum(c["detected"] for c in summary["categories"].values())),
                     str(o["tp"]), str(o["fp"]), _pct(o["precision"])])
    return rows


CAT_HEAD = ["category", "occurrences", "survived", "recall", "detected", "redactions TP",
            "FP", "precision"]
KEEP_HEAD = ["keep reason", "occurrences", "kept", "keep rate"]
DOC_HEAD = ["document", "status", "pages", "sensitive", "survived", "keep lost", "FP",
            "leaks"]
CONLL_HEAD = ["system", "exact P", "exact R", "exact F1", "partial P", "partial R",
              "partial F1", "seconds"]


def _rows_keep(summary: dict, names_only: bool) -> list[list[str]]:
    return [[r, str(k["readable"]), str(k["kept"]), _pct(k["keep_rate"])]
            for r, k in summary["keep"].items() if not names_only or r == "office holder"]


def _rows_docs(report: dict, names_only: bool) -> list[list[str]]:
    rows = []
    for d in report["documents"]:
        sens = [e for e in d["sensitive"] if not names_only or e["category"] == "PERSON"]
        lost = sum(e["readable"] - e.get("kept", 0) for e in d["keep"]
                   if not names_only or e["reason"] == "office holder")
        fps = [f for f in d["false_positives"] if not names_only or f["entity_type"] == "PERSON"]
        leaks = len(d["side"].get("leaks", [])) if d["side"] else 0
        status = d["status"] + (f" ({d['reason'][:40]})" if d["status"] != "done" else "")
        rows.append([d["document"], status, str(d["pages"]), str(sum(e["count"] for e in sens)),
                     str(sum(e.get("survived", 0) for e in sens)),
                     str(lost) if d["status"] == "done" else "–", str(len(fps)), str(leaks)])
    return rows


def _rows_conll(conll: dict) -> list[list[str]]:
    rows = []
    for name, r in conll.items():
        if not isinstance(r, dict) or "exact" not in r:
            continue
        e, p = r["exact"], r["partial"]
        rows.append([name, _pct(e["precision"]), _pct(e["recall"]), _pct(e["f1"]),
                     _pct(p["precision"]), _pct(p["recall"]), _pct(p["f1"]), str(r["seconds"])])
    return rows


def _rows_fixture_names(names: dict) -> list[list[str]]:
    rows = []
    for name, r in names.get("fixtures_text", {}).items():
        rows.append([name, _pct(r["recall"]), _pct(r["precision"]), str(r["occurrences"]),
                     str(r["predicted"]), str(r["keep_string_hits"])])
    return rows


NAMES_HEAD = ["system", "PERSON recall (text)", "precision (text)", "occurrences",
              "predicted", "keep-string hits"]


def print_report(report: dict, *, names_only: bool = False) -> None:
    from rich.console import Console
    from rich.table import Table

    # Piped output (CI logs, files) gets Rich's 80 columns otherwise: too narrow to read.
    console = Console(width=None if sys.stdout.isatty() else 132)

    def table(title: str, head: list[str], rows: list[list[str]]) -> None:
        if not rows:
            return
        t = Table(title=title, title_justify="left")
        for i, h in enumerate(head):
            t.add_column(h, justify="left" if i == 0 else "right")
        for r in rows:
            t.add_row(*r)
        console.print(t)

    s = report["summary"]
    table("Sensitive strings in the redacted PDFs", CAT_HEAD, _rows_categories(s, names_only))
    table("Keep-strings", KEEP_HEAD, _rows_keep(s, names_only))
    table("Per document", DOC_HEAD, _rows_docs(report, names_only))
    if not names_only:
        side, sig, prop = s["side_channels"], s["signatures"], s["proposed"]
        console.print(f"side channels: {side['leaks']} leaks, {side['xmp_present']} with XMP, "
                      f"{side['annotations']} annotations, {side['attachments']} attachments, "
                      f"{side['form_fields']} form fields; signatures {sig['redacted']}/"
                      f"{sig['expected']}; proposals {prop['flagged']}/{prop['expected']}")
        words = s.get("words") or {}
        if words.get("total"):
            console.print(f"words removed: {words['removed']} of {words['total']} "
                          f"({_pct(words['share'])}) of the input text")
        _print_content(console, s)
    names = report["names"]
    table("PERSON on the fixtures' text (ours after policy; deduce as is)", NAMES_HEAD,
          _rows_fixture_names(names))
    if "conll" in names:
        c = names["conll"]
        table(f"CoNLL-2002 {Path(c['file']).name} PER ({c['gold_per']} names, {c['tokens']} "
              "tokens)", CONLL_HEAD, _rows_conll(c))
    elif names.get("conll_skipped"):
        console.print(f"CoNLL-2002: skipped: {names['conll_skipped']}")
    bar_rows = [[b["bar"], _fmt(b["value"]), _fmt(b["target"]), "yes" if b["met"] else "NO"]
                for b in report["bars"] if not names_only or _is_name_bar(b)]
    table("Bars", ["bar", "value", "target", "met"], bar_rows)


def _fmt(v) -> str:
    if isinstance(v, float):
        return f"{v:.4f}"
    return "–" if v is None else str(v)


def _md_table(head: list[str], rows: list[list[str]]) -> str:
    if not rows:
        return "_none_\n"
    esc = [[c.replace("|", "\\|") for c in r] for r in rows]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(r) + " |" for r in esc]
    return "\n".join(lines) + "\n"


def render_markdown(report: dict, *, names_only: bool = False) -> str:
    s = report["summary"]
    md = [f"# woo-redact evaluation{' (names)' if names_only else ''}\n",
          f"{report['generated']} on {report['machine']}; mode: {report['mode']}; "
          f"policy: {report['policy']}; {s['documents']} documents "
          f"({s['done']} redacted, {len(s['quarantined'])} quarantined), {s['pages']} pages; "
          f"{report['seconds']} s.\n",
          "## Bars\n",
          _md_table(["bar", "value", "target", "met"],
                    [[b["bar"], _fmt(b["value"]), _fmt(b["target"]), "yes" if b["met"] else "**NO**"]
                     for b in report["bars"] if not names_only or _is_name_bar(b)]),
          "## Sensitive strings in the redacted PDFs\n",
          "`survived`: occurrences still readable by PyMuPDF, pdftotext or OCR; `detected`: "
          "occurrences covered by a redaction in the input text; precision: redactions that "
          "hit a sensitive string of the truth.\n",
          _md_table(CAT_HEAD, _rows_categories(s, names_only)),
          "## Keep-strings\n", _md_table(KEEP_HEAD, _rows_keep(s, names_only))]
    if not names_only:
        side, sig, prop = s["side_channels"], s["signatures"], s["proposed"]
        md.append(f"Side channels: {side['leaks']} leaks of sensitive text (metadata, XMP, "
                  f"bookmarks, annotations, links, attachment names), {side['xmp_present']} "
                  f"outputs with XMP, {side['annotations']} annotations, {side['attachments']} "
                  f"attachments, {side['form_fields']} form fields. Signatures redacted: "
                  f"{sig['redacted']} of {sig['expected']}. Strings the policy should propose: "
                  f"{prop['flagged']} of {prop['expected']} proposed.\n")
        md.extend(_content_lines(s))
        words = s.get("words") or {}
        if words.get("total"):
            md.append(f"Words removed: {words['removed']} of {words['total']} "
                      f"({_pct(words['share'])}) of the input text (on documents released "
                      "before, every removed word is over-redaction).\n")
    names = report["names"]
    md += ["## Names\n",
           f"PDF level on the fixtures: PERSON recall {_pct(names['fixtures_pdf']['recall'])}, "
           f"precision {_pct(names['fixtures_pdf']['precision'])}.\n",
           _md_table(NAMES_HEAD, _rows_fixture_names(names))]
    if "conll" in names:
        c = names["conll"]
        md += [f"CoNLL-2002 `{Path(c['file']).name}`: {c['articles']} articles, "
               f"{c['sentences']} sentences, {c['tokens']} tokens, {c['gold_per']} PER names. "
               "Benchmark only (never trained on).\n",
               _md_table(CONLL_HEAD, _rows_conll(c))]
        for name, r in c.items():
            if isinstance(r, dict) and "errors" in r:
                err = r["errors"]
                md.append(f"- {name}, missed (sample): {', '.join(err['missed']) or '–'}\n"
                          f"- {name}, false alarms (sample): {', '.join(err['false']) or '–'}\n")
        if "deduce_load_seconds" in names:
            md.append(f"deduce load time: {names['deduce_load_seconds']} s.\n")
    elif names.get("conll_skipped"):
        md.append(f"CoNLL-2002: skipped: {names['conll_skipped']}\n")
    md += ["## Per document\n", _md_table(DOC_HEAD, _rows_docs(report, names_only)),
           "## Drill-down\n"]
    for d in report["documents"]:
        md.append(_md_drill(d, names_only))
    if report["no_truth"]:
        md.append("Documents without truth (not scored): " + ", ".join(report["no_truth"]) + "\n")
    return "\n".join(md)


def _md_drill(d: dict, names_only: bool) -> str:
    lines = [f"### {d['document']}\n",
             f"status: {d['status']}{(' — ' + d['reason']) if d['reason'] else ''}; "
             f"pages: {d['pages']}; OCR'd output pages: {len(d['ocr_pages'])}; "
             f"read with: {', '.join(d['extractors']) or '–'}\n"]
    surv = [e for e in d["sensitive"] if e.get("survived")
            and (not names_only or e["category"] == "PERSON")]
    for e in surv:
        found = ", ".join(f"{k} {v}" for k, v in e["by_source"].items() if v)
        det = "" if e["detected"] is None else f", detected {e['detected']}/{e['readable']}"
        lines.append(f"- survived: `{e['text']}` ({e['category']}) {e['survived']}x of "
                     f"{e['count']} [{found}]{det}")
    for e in d["keep"]:
        if names_only and e["reason"] != "office holder":
            continue
        if d["status"] == "done" and e.get("kept", 0) < e["readable"]:
            lines.append(f"- keep-string lost: `{e['text']}` ({e['reason']}) kept "
                         f"{e.get('kept', 0)} of {e['readable']}")
    for f in d["false_positives"]:
        if names_only and f["entity_type"] != "PERSON":
            continue
        lines.append(f"- false positive: `{f['text']}` ({f['entity_type']}, {f['detector']}; "
                     f"{f['why']})")
    if not names_only:
        for e in d["proposed"]:
            if e["flagged"] < e["readable"]:
                lines.append(f"- not proposed: `{e['text']}` ({e['category']}) "
                             f"{e['flagged']} of {e['readable']}")
        for leak in (d["side"] or {}).get("leaks", []):
            lines.append(f"- leak in {leak['where']}: `{leak['text']}` ({leak['category']})")
        side = d["side"] or {}
        for k in ("annotations", "attachments", "form_fields"):
            if side.get(k):
                lines.append(f"- {side[k]} {k.replace('_', ' ')} left")
        if side.get("xmp_present"):
            lines.append("- XMP metadata present")
        if d["signatures"] and d["signatures"]["redacted"] < d["signatures"]["expected"]:
            lines.append(f"- signatures redacted {d['signatures']['redacted']} of "
                         f"{d['signatures']['expected']}")
    if len(lines) == 2:
        lines.append("- nothing to report")
    return "\n".join(lines) + "\n"
