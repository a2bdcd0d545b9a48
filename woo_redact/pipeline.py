"""One document end to end: extract → detect → decide → redact → verify, fail closed.

Nothing reaches the output folder unless every accepted redaction was applied and a
re-extraction proves the removed text gone. The output is written under a temporary name and
renamed; anything else goes to ``quarantine/`` beside a reason file.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import threading
import time
from collections.abc import Iterable
from typing import TYPE_CHECKING
from dataclasses import dataclass, field
from pathlib import Path

import pymupdf

from . import hidden
from . import hygiene
from . import occurrences
from . import ocr as ocr_mod
from . import textnorm
from .errors import BadInput, as_bad_input
from .extract import Limits, extract, needs_ocr, open_pdf
from .model import Document, Finding, Page, Word, sha256_file
from .named_places import (domain_names, is_place_finding, names_a_domain, names_an_institution,
                           names_an_organism, organisation_account, spread_onto_a_place)
from .named_places import learn as learn_places
from .recognizers.names.organisation_context import abbreviation_defined
from .redact import Mark, clear_of_other_lines, redact_document, save_rewritten
from .occurrences import Expected, kept_occurrences, uncovered_occurrences
from .textmemo import RememberedHolders, TextMemo
from .verify import verify_output

# Detection, the name rules and the policy's rules load spaCy, Presidio and the name lists:
# they are imported where first used, so that a run reads its first page before they load.
if TYPE_CHECKING:
    from . import office_mentions
    from .policy import Policy
    from .propagate import NameBook

QUARANTINE = "quarantine"
# The limits were applied when the input was read; reopening it for redaction must not fail.
UNLIMITED = Limits(max_pages=1 << 62, max_bytes=1 << 62, max_image_pixels=1 << 62)


@dataclass(slots=True)
class Proposal:
    """What detection and policy propose for one document, before anything is redacted."""
    path: str
    sha256: str
    pages: int
    findings: list[Finding]
    ocr_pages: list[int] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    # OCR words of the input's scanned pages, so that a second read of the same input (the
    # dossier's second pass) does not OCR again; never used for the output.
    ocr_words: dict[int, list[Word]] = field(default_factory=dict, repr=False)


@dataclass(slots=True)
class DocResult:
    input: str
    rel: str
    status: str  # "done" | "quarantined" | "planned" (dry run)
    output: str | None = None
    reason: str = ""
    kind: str = ""  # bad-input kind, "verification", or "" when done
    pages: int = 0
    sha256_in: str = ""
    sha256_out: str | None = None
    findings: list[Finding] = field(default_factory=list)
    manual: list[Mark] = field(default_factory=list)
    ocr_pages: list[int] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # how the input was read (see Document)

    @property
    def applied(self) -> list[Finding]:
        return [f for f in self.findings if f.status == "accepted"]

    @property
    def redaction_count(self) -> int:
        return len(self.applied) + len(self.manual)


class Pipeline:
    """Loads models once; ``process`` one document at a time (or ``run`` a dossier)."""

    def __init__(self, policy: Policy | None = None, *, model_path: str | None = None,
                 ocr: bool | None = None, limits: Limits | None = None,
                 accept_proposed: bool = False, reference: bool = False):
        if policy is None:
            from .policy import load_policy
            policy = load_policy()
        self.policy = policy
        # the reference paths: Presidio's engine recognizer by recognizer, and every page of
        # the output read again in full; the same findings and outputs, slower (the tests
        # compare the two)
        self.reference = reference
        self.model_path = model_path
        self.limits = limits or Limits()
        self.accept_proposed = accept_proposed
        # None = OCR when Tesseract is there; scans are quarantined (never passed) without it.
        self.use_ocr = ocr_mod.tesseract_available() if ocr is None else ocr
        self._detector = None
        self._office_holders = None
        self.memo = TextMemo()
        self._holder_index: tuple[NameBook, _DossierHolders] | None = None
        self._warming: threading.Thread | None = None

    def __getstate__(self) -> dict:
        # a worker started by "spawn" loads its own models
        state = self.__dict__.copy()
        state["_warming"] = None
        return state

    @property
    def detector(self):
        self.ready()
        if self._detector is None:
            from .detect import Detector
            self._detector = Detector(self.policy, self.model_path)
        return self._detector

    @property
    def office_holders(self):
        self.ready()
        if self._office_holders is None and self.policy.keep_office_holders:
            from .office_holders import OfficeHolders
            self._office_holders = RememberedHolders(
                OfficeHolders.from_file(self.policy.office_holder_file), self.memo)
        return self._office_holders

    # -- models loaded while the first document is read -----------------------------------
    def warm(self, then=None) -> None:
        """Load the models, name lists and rules in a background thread, so that a run reads
        and converts its first document meanwhile; whatever needs them waits (``ready``).
        ``then`` is called in that thread once they are loaded. A failure to load is left to
        the first document that needs them, which raises it as before."""
        if self._warming is not None or self._detector is not None:
            return

        def load() -> None:
            try:
                from . import contact_blocks, gazetteer, office_mentions, propagate  # noqa: F401
                from .detect import Detector
                from .policy import load_policy  # noqa: F401

                self._detector = Detector(self.policy, self.model_path)
                if self.policy.keep_office_holders:
                    from .office_holders import OfficeHolders
                    self._office_holders = RememberedHolders(
                        OfficeHolders.from_file(self.policy.office_holder_file), self.memo)
                gazetteer.load()
            except Exception:  # noqa: BLE001 - raised again where the models are used
                pass
            finally:
                if then is not None:
                    then()

        self._warming = threading.Thread(target=load, name="woo-redact-warm", daemon=True)
        self._warming.start()

    def ready(self) -> None:
        """Wait until the background load (``warm``) is done; at once if there is none. Call
        it before the first import of detection or the name rules: two threads importing the
        same modules could deadlock."""
        t = self._warming
        if t is not None and t is not threading.current_thread():
            t.join()
            self._warming = None

    # -- stages ---------------------------------------------------------------------------
    def extract(self, path: str, sha256: str | None = None,
                ocr_words: dict[int, list[Word]] | None = None) -> Document:
        """Read the input; ``ocr_words`` are earlier OCR results of this same input's pages
        (by page index) to reuse instead of OCR'ing those pages again."""
        ocr = None
        if self.use_ocr:
            ocr = ocr_mod.ocr_page
            if ocr_words:
                def ocr(page, _known=ocr_words):
                    got = _known.get(page.number)
                    return list(got) if got is not None else ocr_mod.ocr_page(page)
        text_check = hidden.TextCheck(ocr)

        def check(p: pymupdf.Page, page: Page) -> None:
            words = page.words
            text_check(p, page)
            page.rebuilt = page.words is not words

        doc = extract(path, ocr=ocr, limits=self.limits, sha256=sha256, check=check)
        unread = [p.index + 1 for p in doc.pages if not p.ocr and needs_ocr(p)]
        if unread:
            raise BadInput("needs_ocr", f"page(s) {_pages(unread)} are scans without a text "
                           "layer and OCR (Tesseract) is not available")
        return doc

    def propose(self, path: str, doc: Document | None = None,
                dossier: NameBook | None = None) -> tuple[Document, Proposal]:
        t: dict[str, float] = {}
        t0 = time.perf_counter()
        if doc is None:
            doc = self.extract(path)
        self.ready()
        t["extract"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        from .office_holders import is_office_word

        findings = self.detector.analyze(doc, reference=self.reference)
        places = self.places(doc, dossier)
        domains = domain_names(doc.text)
        findings = [f for f in findings if not (
            (f.entity_type == "PERSON" and (is_place_finding(doc.text, f.start, f.end, places)
                                            or names_an_organism(f.text)
                                            or names_an_institution(f.text)
                                            or names_a_domain(f.text, domains)
                                            or abbreviation_defined(doc.text, f.start, f.end)
                                            or is_office_word(f.text)))
            # "x.com/douane_nl" beside www.douane.nl: the organisation's own account
            or (f.entity_type in ("URL", "USERNAME") and organisation_account(f.text, domains)))]
        # a name spread to where it ends one of the text's place names ("Buurthuis De Vonk")
        findings = [f for f in self._propagate(doc, findings, dossier, places=places)
                    if not (f.entity_type == "PERSON" and "Propagation" in f.detector
                            and (is_place_finding(doc.text, f.start, f.end, places)
                                 or is_office_word(f.text) or spread_onto_a_place(f.text)))]
        t["detect"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        findings = self.policy.decide(findings, doc.text, self.office_holders)
        for f in findings:
            self._set_status(f)
        self._settle(doc, findings, dossier)
        t["decide"] = time.perf_counter() - t0
        prop = Proposal(path, doc.sha256, doc.page_count, findings,
                        [p.index for p in doc.pages if p.ocr], t,
                        {p.index: p.words for p in doc.pages if p.ocr})
        return doc, prop

    def extend(self, doc: Document, proposal: Proposal, dossier: NameBook) -> None:
        """Add occurrences of names found elsewhere in the dossier, decided by the policy."""
        places = self.places(doc, dossier)
        # a word another document calls a place ("gemeente Zuiderwaard") is no one's name here
        proposal.findings[:] = [f for f in proposal.findings if not (
            f.entity_type == "PERSON" and f.action != "keep"
            and is_place_finding(doc.text, f.start, f.end, places))]
        before = {f.id for f in proposal.findings}
        # the document's own names were spread when it was proposed
        merged = self._propagate(doc, proposal.findings, dossier, dossier_only=True,
                                 places=places)
        new = [f for f in merged if f.id not in before and not (
            f.entity_type == "PERSON" and (is_place_finding(doc.text, f.start, f.end, places)
                                           or spread_onto_a_place(f.text)))]
        for f in self.policy.decide(new, doc.text, self.office_holders):
            self._set_status(f)
            proposal.findings.append(f)
        self._settle(doc, proposal.findings, dossier)

    def _settle(self, doc: Document, findings: list[Finding], dossier: NameBook | None) -> None:
        """The decisions that need all findings of the document: an office holder named
        for a role once stays everywhere the document (or dossier) names them, and every
        other occurrence of accepted text becomes a finding, decided by the policy in its
        own context (so an office holder who shares a surname stays)."""
        self._keep_in_context(doc, findings, dossier)
        extra = uncovered_occurrences(doc, findings + _dossier_values(dossier, doc))
        for f in self.policy.decide(extra, doc.text, self.office_holders):
            self._set_status(f)
            findings.append(f)
        if extra:
            self._keep_in_context(doc, findings, dossier)

    def _keep_in_context(self, doc: Document, findings: list[Finding],
                         dossier: NameBook | None) -> None:
        """The keep decisions that read the document around many findings at once."""
        if self.policy.keep_office_holders:
            from .chat_owner import keep_owner
            keep_owner(doc.text, findings)
        self._keep_office_mentions(findings, dossier)
        if self.policy.keep_organisation_addresses:
            from .contact_blocks import (keep_contact_blocks, keep_organisation_rows,
                                         keep_same_values, personal_mailboxes, sole_traders)
            keep_contact_blocks(findings, doc.text, doc)
            keep_organisation_rows(findings, doc)
            sole_traders(findings, doc.text)
            personal_mailboxes(findings)
            keep_same_values(findings, doc.text, dossier.contacts if dossier else frozenset())
        for f in findings:
            if f.action == "keep" and f.status == "accepted":
                f.status = "rejected"

    def _keep_office_mentions(self, findings: list[Finding], dossier: NameBook | None) -> None:
        if not self.policy.keep_office_holders or self.office_holders is None:
            return
        from . import office_mentions
        frequent = self.office_holders.frequent_word
        as_listed = self._as_listed
        office_mentions.keep_mentions(findings, as_listed(office_mentions.holders_of(findings)),
                                      frequent=frequent)
        if dossier is not None and dossier.holders:
            office_mentions.keep_mentions(
                findings, as_listed(self._dossier_holders(dossier).meeting(findings)),
                frequent=frequent)
        office_mentions.keep_initials(findings, office_mentions.holders_of(findings))

    def _as_listed(self, holders: list) -> list:
        """A holder the text names by surname only ("minister De Jonge") takes the first name
        the list gives the one listed person of that name: "Evi de Jonge" in another
        document is then a namesake, not the minister."""
        from .office_mentions import Holder, parse_person

        out = []
        for h in holders:
            p = h.person
            listed = (None if p.first or p.initials
                      else self.office_holders.only_one_named(f"{p.interfix} {p.surname}"))
            named = parse_person(listed.name) if listed is not None else None
            out.append(Holder(named, h.reason) if named is not None else h)
        return out

    def _dossier_holders(self, dossier: NameBook) -> _DossierHolders:
        """The dossier's holders indexed once (holders are only ever added to a book)."""
        held = self._holder_index
        if held is None or held[0] is not dossier or held[1].size != len(dossier.holders):
            held = self._holder_index = (dossier, _DossierHolders(dossier.holders))
        return held[1]

    def _set_status(self, f: Finding) -> None:
        if f.action == "redact" or (f.action == "propose" and self.accept_proposed):
            f.status = "accepted"
        elif f.action == "keep":
            f.status = "rejected"
        else:
            f.status = "proposed"

    def _propagate(self, doc: Document, findings: list[Finding],
                   dossier: NameBook | None, dossier_only: bool = False,
                   places: frozenset[str] = frozenset()) -> list[Finding]:
        from .propagate import propagate_findings
        return propagate_findings(doc, findings, dossier,
                                  self.office_holders if self.policy.keep_office_holders
                                  else None, dossier_only=dossier_only, places=places)

    def places(self, doc: Document, dossier: NameBook | None) -> frozenset[str]:
        """What this document, and the others of its dossier, call places or organisations."""
        from . import gazetteer
        own = self.memo.get(doc.text, "places", lambda: learn_places(doc.text, gazetteer.load()))
        return _Places(own, dossier.places) if dossier is not None else own

    def apply(self, doc: Document, proposal: Proposal, out_dir: str | Path, rel: str,
              manual: Iterable[Mark] = ()) -> DocResult:
        """Redact accepted findings and manual marks, verify, and write or quarantine."""
        out_dir = Path(out_dir)
        manual = list(manual)
        res = DocResult(proposal.path, rel, "quarantined", pages=proposal.pages,
                        sha256_in=proposal.sha256, findings=proposal.findings, manual=manual,
                        ocr_pages=proposal.ocr_pages, timings=dict(proposal.timings),
                        notes=list(doc.notes))
        # what a reviewer accepted is removed wherever it occurs, unless decided otherwise
        # there: verification counts with the same definition of an occurrence
        proposal.findings.extend(uncovered_occurrences(doc, proposal.findings))
        accepted = [f for f in proposal.findings if f.status == "accepted"]
        # a reviewer's own box is drawn where they meant it; a finding's keeps off the
        # next line's words
        marks = clear_of_other_lines(
            [Mark(b, f.ground or "", line_art=f.entity_type == "SIGNATURE")
             for f in accepted for b in f.boxes], doc.words) + manual
        removed = sorted({f.text for f in accepted if f.text.strip()})
        expected = kept_occurrences(doc, accepted, removed)
        # the input text's indexes; verification indexes the output's
        textnorm.release()
        occurrences.release()
        final = out_dir / rel
        final.parent.mkdir(parents=True, exist_ok=True)
        tmp = final.with_name(f".{final.name}.{os.getpid()}.tmp")
        try:
            t0 = time.perf_counter()
            # opened as extraction opened it (hidden layers removed), so the boxes fit
            pdf = open_pdf(proposal.path, UNLIMITED)
            try:
                # a scan's own invisible OCR layer was not made from the redacted page; a page
                # whose text layer does not say what it shows is released as its image
                raster = {p.index for p in doc.pages if p.raster}
                for pno in proposal.ocr_pages:
                    if pno in raster:
                        hidden.rasterize(pdf[pno])
                    else:
                        ocr_mod.drop_invisible_text(pdf[pno])
                # the pages redaction changes are read again to verify it: pages with a
                # box, scans, and the pages whose text the steps below rewrite
                changed = {m.box.page for m in marks} | set(proposal.ocr_pages)
                changed |= {p.index for p in doc.pages if p.rebuilt}
                changed |= hygiene.prepared_pages(pdf)
                # text no reader sees goes, whether detection flagged it or not
                gone: dict[str, int] = {}
                for page in doc.pages:
                    if not page.ocr:
                        for why, n in hidden.remove_hidden_text(pdf[page.index],
                                                                page.words).items():
                            gone[why] = gone.get(why, 0) + n
                            changed.add(page.index)
                if gone:
                    res.notes.append("text no reader sees was removed: " + ", ".join(
                        f"{n} {why}" for why, n in sorted(gone.items())))
                redact_document(pdf, marks, removed, seen_text=doc.text)
                # blanking pixels left each scan image stored losslessly, 4-5x its JPEG size
                ocr_mod.recompress_scans(pdf, proposal.ocr_pages)
                res.timings["redact"] = time.perf_counter() - t0
                t0 = time.perf_counter()
                save_rewritten(pdf, str(tmp))
            finally:
                pdf.close()
            res.timings["save"] = time.perf_counter() - t0
            t0 = time.perf_counter()
            out_doc = self.reread(str(tmp), doc, None if self.reference else changed)
            problems = self.verify(str(tmp), doc, expected, marks, out_doc)
            textnorm.release()
            occurrences.release()
            res.timings["verify"] = time.perf_counter() - t0
            if problems:
                tmp.unlink(missing_ok=True)
                return self.quarantine(res, out_dir, "verification", "; ".join(problems))
            self._add_text_layer(tmp, out_doc)
            res.sha256_out = sha256_file(str(tmp))
            os.replace(tmp, final)
        except BadInput as e:
            tmp.unlink(missing_ok=True)
            return self.quarantine(res, out_dir, e.kind, e.message)
        except Exception as e:  # fail closed on anything unexpected
            tmp.unlink(missing_ok=True)
            bad = as_bad_input(e)
            if bad is not None:
                return self.quarantine(res, out_dir, bad.kind, bad.message)
            return self.quarantine(res, out_dir, "error", f"{type(e).__name__}: {e}")
        res.status, res.output = "done", str(final)
        return res

    def reread(self, path: str, doc: Document, changed: set[int] | None = None) -> Document:
        """Re-extract the written file the same way the input was read (OCR included).

        ``changed``: only these pages are read again; the others went through nothing but
        MuPDF's syntax cleaning and the rewrite, so they read as the input read them (their
        bytes are still searched for every removed string by the byte-level proof). None:
        every page."""
        scanned = frozenset(p.index for p in doc.pages if p.ocr)
        return extract(path, ocr=ocr_mod.ocr_page if self.use_ocr else None,
                       limits=Limits(max_pages=self.limits.max_pages, max_bytes=1 << 40),
                       force_ocr=scanned, reuse=doc if changed is not None else None,
                       read=changed or ())

    def verify(self, path: str, doc: Document, expected: dict[str, Expected],
               marks: list[Mark], out_doc: Document | None = None) -> list[str]:
        """Problems in the written file; ``out_doc`` is its re-extraction (made if absent)."""
        out_doc = out_doc or self.reread(path, doc)
        problems = verify_output(path, out_doc, expected, marks,
                                 {m.label for m in marks} | set(self.policy_labels()))
        if out_doc.page_count != doc.page_count:
            problems.append(f"page count changed ({doc.page_count} → {out_doc.page_count})")
        return problems

    def _add_text_layer(self, path: Path, out_doc: Document) -> None:
        """Make OCR'd pages searchable with exactly the words verification read on the
        redacted page, never with anything read before redaction."""
        pages = [p for p in out_doc.pages if p.ocr and p.words]
        if not pages:
            return
        layered = path.with_name(path.name + ".layer")
        pdf = pymupdf.open(path)
        try:
            for p in pages:
                ocr_mod.add_text_layer(pdf[p.index], p.words)
            save_rewritten(pdf, str(layered))
        finally:
            pdf.close()
        os.replace(layered, path)

    def policy_labels(self) -> set[str]:
        return {r.ground for r in self.policy.entities.values()}

    def quarantine(self, res: DocResult, out_dir: Path, kind: str, reason: str) -> DocResult:
        """Keep the untouched input beside a reason file; never a half-redacted file."""
        res.status, res.kind, res.reason, res.output = "quarantined", kind, reason, None
        qdir = out_dir / QUARANTINE
        dest = qdir / res.rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        if os.path.isfile(res.input):
            tmp = dest.with_name(f".{dest.name}.{os.getpid()}.tmp")
            shutil.copyfile(res.input, tmp)
            os.replace(tmp, dest)
        reason_file = dest.with_name(dest.name + ".reason.json")
        reason_file.write_text(json.dumps(
            {"input": res.input, "kind": kind, "reason": reason, "sha256": res.sha256_in},
            ensure_ascii=False, indent=2) + "\n", "utf-8")
        return res

    # -- one document, start to finish ----------------------------------------------------
    def process(self, path: str, out_dir: str | Path, rel: str | None = None, *,
                dry_run: bool = False, dossier: NameBook | None = None) -> DocResult:
        rel = rel or os.path.basename(path)
        try:
            sha = sha256_file(path)
        except OSError as e:
            res = DocResult(path, rel, "quarantined")
            return self.quarantine(res, Path(out_dir), "unreadable", str(e))
        try:
            t0 = time.perf_counter()
            doc = self.extract(path, sha)
            took = time.perf_counter() - t0
            doc, prop = self.propose(path, doc, dossier)
            prop.timings["extract"] = took
        except BadInput as e:
            res = DocResult(path, rel, "quarantined", sha256_in=sha)
            return self.quarantine(res, Path(out_dir), e.kind, e.message)
        except Exception as e:  # a fault of ours on one document must not end the run
            res = DocResult(path, rel, "quarantined", sha256_in=sha)
            return self.quarantine(res, Path(out_dir), "error", f"{type(e).__name__}: {e}")
        if dry_run:
            return DocResult(path, rel, "planned", pages=prop.pages, sha256_in=sha,
                             findings=prop.findings, ocr_pages=prop.ocr_pages,
                             timings=prop.timings, notes=list(doc.notes))
        return self.apply(doc, prop, out_dir, rel)


def _dossier_values(dossier: NameBook | None, doc: Document) -> list[Finding]:
    """The dossier's removed values that this document spells, as accepted findings that
    stand nowhere in it: each of their occurrences here is covered like another occurrence.
    Values the text cannot hold are left out before anything is made of them, so that the
    cost of a document does not grow with the dossier."""
    if dossier is None or not dossier.values:
        return []
    streams, longest = dossier.value_streams()
    index = occurrences.index_of(doc.text)
    if len(dossier.values) * 8 < len(index.lower):
        here = set(dossier.values)  # few values: ``find`` over each costs less
    else:
        here = {text for run in index.spelled(streams, longest) for text in streams[run]}
    return [Finding(entity, 0, 0, text, 1.0, "dossier", ground=ground, status="accepted")
            for text, (entity, ground) in dossier.values.items() if text in here]


class _Places:
    """What a document calls places, and what its dossier does: asked in turn, never copied
    into one set (the dossier's grows with the run)."""

    __slots__ = ("own", "shared")

    def __init__(self, own: frozenset[str], shared: set[str]) -> None:
        self.own, self.shared = own, shared

    def __contains__(self, name: object) -> bool:
        return name in self.own or name in self.shared

    def __bool__(self) -> bool:
        return bool(self.own) or bool(self.shared)


_WORD = re.compile(r"\w+")


class _DossierHolders:
    """The office holders of a dossier by every word of their names: a document meets only
    those who share a word with a person it names (anyone else ``keep_mentions`` would pass
    over), in the dossier's order."""

    def __init__(self, holders: dict[str, str]) -> None:
        from . import office_mentions
        self.size = len(holders)
        self.holders = office_mentions.dossier_holders(holders)
        self.by_word: dict[str, list[int]] = {}
        for i, h in enumerate(self.holders):
            p = h.person
            for w in {m.casefold() for part in (p.full, p.first, p.surname, p.interfix)
                      for m in _WORD.findall(part)}:
                self.by_word.setdefault(w, []).append(i)

    def meeting(self, findings: list[Finding]) -> list[office_mentions.Holder]:
        words = {w.casefold() for f in findings if f.entity_type == "PERSON"
                 for w in _WORD.findall(f.text)}
        hit = sorted({i for w in words for i in self.by_word.get(w, ())})
        return [self.holders[i] for i in hit]


def _pages(nums: list[int]) -> str:
    return ", ".join(map(str, nums[:10])) + (" …" if len(nums) > 10 else "")
