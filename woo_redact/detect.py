"""Detect: Presidio recognizers over the document text → findings with boxes.

The recognizer registry built here is the one place where detectors are added: every class
listed in ``recognizers.ALL_RECOGNIZERS`` whose entity the policy enables, plus the policy's
deny list.
"""

from __future__ import annotations

import re

from presidio_analyzer import (AnalyzerEngine, Pattern, PatternRecognizer, RecognizerRegistry,
                               RecognizerResult)
from presidio_analyzer.context_aware_enhancers import ContextAwareEnhancer

from .extract import boxes_for_span, page_spans, span_boxes
from .gazetteer import INTERFIX_RE, looks_like_organisation
from .model import CONTEXTUAL_TYPES, LOW_OCR, Document, Finding
from .policy import Policy
from .trade_names import TRADES_AS, word_matches, repeats_owner, words_of
from .recognizers import ALL_RECOGNIZERS
from .passages.recognizers import EXPLANATION_KEY, PASSAGE_ENTITIES, PassageRecognizer
from .recognizers.ner import DutchNerRecognizer
from .signatures import find_signatures
from .table_columns import table_findings
from .scan import PageScan
from .spans import SpanIndex
from .occurrences import index_of

LANG = "nl"
# Text of the next page analysed with each page, so that a number or name broken over a
# page break is seen whole (findings are kept by the page they start on).
LOOKAHEAD_CHARS = 200
# Pages analysed together (NER windows tagged in one pass); bounds the tokens held at once.
PAGES_PER_BATCH = 16
# Tesseract reads clean print at ~90; black boxes and smudges come out as "words" like
# "Daer" or "Mantes" at 5-60, which the NER may take for surnames.
LOW_OCR_CONF = 60.0


def build_registry(policy: Policy) -> RecognizerRegistry:
    enabled = set(policy.enabled_entities)
    registry = RecognizerRegistry(supported_languages=[LANG])
    for cls in ALL_RECOGNIZERS:
        rec = cls()
        if enabled & set(rec.supported_entities):
            registry.add_recognizer(rec)
    if policy.deny.terms or policy.deny.patterns:
        registry.add_recognizer(PatternRecognizer(
            supported_entity="DENY_LIST", name="deny_list", supported_language=LANG,
            deny_list=policy.deny.terms or None,
            patterns=[Pattern(f"deny_{i}", p.pattern, 1.0)
                      for i, p in enumerate(policy.deny.patterns)] or None,
            global_regex_flags=re.IGNORECASE | re.MULTILINE))
    return registry


class OwnContext(ContextAwareEnhancer):
    """Our recognizers weigh context words themselves, as whole words in the raw text;
    Presidio's lemma-based pass would only deep-copy every result to change nothing."""

    def __init__(self) -> None:
        super().__init__(context_similarity_factor=0.0, min_score_with_context_similarity=0.0,
                         context_prefix_count=0, context_suffix_count=0)

    def enhance_using_context(self, text, raw_results, nlp_artifacts, recognizers,
                              context=None):
        return raw_results


class Analyzer(AnalyzerEngine):
    """Presidio's engine, with each result handed to its own recognizer's context step in
    one pass: the stock step filters all results once per recognizer, twice (a quadratic
    cost on pages with many findings), and calls recognizers that found nothing."""

    def _registry_order(self) -> dict[int, int]:
        """Position of every registered recognizer, worked out once per registry size."""
        known = self.registry.recognizers
        cached = getattr(self, "_order", None)
        if cached is None or len(cached) != len(known):
            cached = self._order = {id(r): i for i, r in enumerate(known)}
        return cached

    def _enhance_using_context(self, text, raw_results, nlp_artifacts, recognizers,
                               context=None):
        key = RecognizerResult.RECOGNIZER_IDENTIFIER_KEY
        # the registry hands them over as a set: put them back in registry order
        order = self._registry_order()
        recognizers = sorted(recognizers, key=lambda r: order.get(id(r), len(order)))
        by_id: dict[str, list[RecognizerResult]] = {}
        for r in raw_results:
            by_id.setdefault(r.recognition_metadata[key], []).append(r)
        results = []
        for recognizer in recognizers:
            own = by_id.get(recognizer.id)
            if not own:
                continue
            others = [r for r in raw_results if r.recognition_metadata[key] != recognizer.id]
            results.extend(recognizer.enhance_using_context(
                text=text, raw_recognizer_results=own, other_raw_recognizer_results=others,
                nlp_artifacts=nlp_artifacts, context=context))
        results = self.context_aware_enhancer.enhance_using_context(
            text=text, raw_results=results, nlp_artifacts=nlp_artifacts,
            recognizers=recognizers, context=context)
        # Two recognizers with the same span and score: the first in registry order keeps it.
        # Presidio's duplicate removal goes through sets, so which one it kept (and the
        # log's detector) changed from process to process.
        seen: set[tuple[str, int, int, float]] = set()
        unique = []
        for r in results:
            same = (r.entity_type, r.start, r.end, r.score)
            if same not in seen:
                seen.add(same)
                unique.append(r)
        return unique


class Detector:
    """Holds the loaded NLP engine and analyzer; build once per process, reuse per document."""

    def __init__(self, policy: Policy, model_path: str | None = None):
        from .nlp import build_nlp_engine

        self.policy = policy
        self.registry = build_registry(policy)
        self.analyzer = Analyzer(registry=self.registry,
                                 nlp_engine=build_nlp_engine(model_path),
                                 supported_languages=[LANG],
                                 context_aware_enhancer=OwnContext())
        self.entities = sorted({e for r in self.registry.recognizers
                                for e in r.supported_entities})
        # the NER tags the windows of all pages of a document in one go (see ``analyze``)
        self._ner = next((r for r in self.registry.recognizers
                          if isinstance(r, DutchNerRecognizer)), None)
        self._ner_name = self._ner.name if self._ner is not None else None
        # content grounds judge the kind of document once, before its pages
        self._passages = [r for r in self.registry.recognizers
                          if isinstance(r, PassageRecognizer)]
        self._scan: PageScan | None = None
        self._scan_key: tuple[int, ...] = ()

    def page_scan(self) -> PageScan:
        """The registry planned for the hot path; planned again when it changed."""
        key = tuple(id(r) for r in self.registry.recognizers)
        if self._scan is None or key != self._scan_key:
            self._scan = PageScan(self.registry.recognizers, self.entities,
                                  self.analyzer._enhance_using_context,
                                  self.analyzer.default_score_threshold)
            self._scan_key = key
        return self._scan

    def _poorly_read(self, doc: Document, f: Finding) -> bool:
        """A name only the NER saw, in OCR words read with little confidence, that the name
        lists do not know: likely OCR of a black box or a smudge, so it is proposed for
        review rather than redacted (its box would cover the page's real text)."""
        words = [doc.words[i] for i, _a, _b in span_boxes(doc, f.start, f.end)]
        if not any(w.conf is not None and w.conf < LOW_OCR_CONF for w in words):
            return False
        gaz = self._ner.gaz
        return not all(gaz.is_name(w.text.strip(".,;:()")) for w in words
                       if w.conf is not None and w.conf < LOW_OCR_CONF)

    def analyze(self, doc: Document, *, reference: bool = False) -> list[Finding]:
        """Findings of every enabled recognizer, merged per entity, with boxes.

        ``reference``: pages go through Presidio's ``AnalyzerEngine`` recognizer by
        recognizer instead of the planned scan (``woo_redact.scan``); the findings are the
        same, which the tests check on every run."""
        raw: list[Finding] = []
        scan = None if reference else self.page_scan()
        for rec in self._passages:
            rec.for_document(doc.text)
        spans = page_spans(doc)
        pages: list[tuple[int, int, str]] = []
        for i, (s, e) in enumerate(spans):
            if e <= s:
                continue
            nxt = next((ns for ns, ne in spans[i + 1:] if ne > ns), None)
            end = min(nxt + LOOKAHEAD_CHARS, len(doc.text)) if nxt is not None else e
            pages.append((s, e, doc.text[s:end]))
        engine = self.analyzer.nlp_engine
        # Pages go through in groups: the NER tags a group's windows in one pass, and only
        # one group's tokens are held at a time, so memory does not grow with the document.
        for g in range(0, len(pages), PAGES_PER_BATCH):
            group = pages[g:g + PAGES_PER_BATCH]
            artifacts = [engine.process_text(chunk, LANG) for _s, _e, chunk in group]
            if self._ner is not None and len(group) > 1:
                self._ner.prepare([a.tokens for a in artifacts], artifacts[0])
            for (s, e, chunk), art in zip(group, artifacts, strict=True):
                if scan is not None:
                    results = scan.analyze(chunk, art)
                else:
                    results = self.analyzer.analyze(chunk, language=LANG,
                                                     entities=self.entities, nlp_artifacts=art)
                for r in results:
                    if r.start >= e - s:
                        continue  # starts on the next page: that page reports it
                    meta = r.recognition_metadata or {}
                    f = Finding(r.entity_type, s + r.start, s + r.end,
                                doc.text[s + r.start:s + r.end], float(r.score),
                                meta.get("recognizer_name", "unknown"))
                    if r.entity_type in PASSAGE_ENTITIES:
                        f.explanation = meta.get(EXPLANATION_KEY, "")
                    raw.append(f)
        # cells of person and value columns, read by their header (needs the words' boxes)
        raw.extend(f for f in table_findings(doc) if f.entity_type in self.policy.entities)
        findings = cut_employers(doc.text, cut_trade_names(doc.text, split_listed_names(
            doc.text, join_middle_initials(doc.text, merge_overlaps(raw)))))
        for f in findings:
            f.text = doc.text[f.start:f.end]
        findings = drop_address_parts(doc.text, split_surname_lists(doc.text, split_listed_names(
            doc.text, merge_overlaps(findings + repeat_occurrences(doc.text, findings)))))
        for f in findings:
            f.text = doc.text[f.start:f.end]
            f.boxes = boxes_for_span(doc, f.start, f.end)
            f.assign_id(doc.sha256)
            if f.detector == self._ner_name and self._poorly_read(doc, f):
                f.detector += LOW_OCR
        if "SIGNATURE" in self.policy.entities:
            persons = [f for f in findings if f.entity_type == "PERSON"]
            findings.extend(find_signatures(doc, persons))
        return findings


# Names have their own propagation (surname alone, "mevrouw X"); a signature has no text.
NOT_REPEATED = {"PERSON", "SIGNATURE"}
MIN_REPEAT_LEN = 4


def repeat_occurrences(text: str, findings: list[Finding]) -> list[Finding]:
    """Every other occurrence of a found string, e.g. "Ravelijn" after "operatie Ravelijn":
    a redaction must not leave the same value readable a line further on."""
    taken = SpanIndex((f.start, f.end) for f in findings)
    out: list[Finding] = []
    seen: set[tuple[str, str]] = set()
    repeated = [f for f in findings
                if f.entity_type not in NOT_REPEATED and f.entity_type not in CONTEXTUAL_TYPES
                and len(f.text.strip()) >= MIN_REPEAT_LEN]
    found = index_of(text).find_all([f.text for f in repeated])
    for f in repeated:
        key = (f.entity_type, f.text.casefold())
        if key in seen:
            continue
        seen.add(key)
        for a, b in found[f.text]:
            if not taken.overlaps(a, b):
                out.append(Finding(f.entity_type, a, b, text[a:b], f.score,
                                   f"{f.detector.split('+')[0]}:repeat"))
                taken.add(a, b)
    return out


# one person's whole name on a line: "Veldkamp, Ingrid", "Hester Brinkman-Oudshoorn"
_WHOLE_NAME = re.compile(r"[^\W\d_][\w'’.-]*(?:[ \t]+[\w'’.-]+)*[ \t]*,[ \t]*[^\W\d_][\w'’.-]*"
                         r"(?:[ \t]+[\w'’.-]+)*|[^\W\d_][\w'’.-]*(?:[ \t]+[\w'’.-]+)+")


_WRAPS_ON = re.compile(rf"(?:^|\s)(?:{INTERFIX_RE})$")


_PO_BOX = re.compile(r"(?i)p\.?\s?o\.?\s?box")


def drop_address_parts(text: str, findings: list[Finding]) -> list[Finding]:
    """Person spans that are part of an address: the person a street is named after
    ("Antonie" in "Antonie van Leeuwenhoeklaan 9", inside the address finding), the "P.O.
    Box" of a postal address, a place ending its line before a label ("Amsterdam\nAdress")."""
    from . import gazetteer

    streets = [(f.start, f.end) for f in findings if f.entity_type == "NL_ADDRESS"]
    gaz = gazetteer.load()
    out = []
    for f in findings:
        if f.entity_type == "PERSON":
            span = text[f.start:f.end]
            first_line = span.split("\n")[0].strip()
            if (any(a <= f.start and f.end <= b for a, b in streets)
                    or _PO_BOX.fullmatch(span.strip())
                    or ("\n" in span and gaz.is_place(first_line)
                        and not gaz.is_first_name(first_line))):
                continue
        out.append(f)
    return out


# a trade name wraps to the next line after its article: "Geitenhouderij Het\nKlooster"
_WRAPS_AFTER = re.compile(r"(?i)(?:\bde|\bhet|'t|\bvan|\bden|\bder|&)[ \t]*$")


_EMPLOYER_AFTER = re.compile(r"[ \t]+van[ \t]+(?:de[ \t]+|het[ \t]+)?(?P<w>[A-ZÀ-Þ][\w-]+)")


def cut_employers(text: str, findings: list[Finding]) -> list[Finding]:
    """"de heer Hiemstra van Grondwerken De Bruijn": "van" before a compound of ordinary
    words that no name list holds is the firm the person works for, not a part of their
    surname ("Hiemstra van Dijk" keeps its interfix)."""
    from . import gazetteer

    gaz = None
    out: list[Finding] = []
    for f in findings:
        if f.entity_type == "PERSON" and " van " in text[f.start:f.end]:
            gaz = gaz or gazetteer.load()
            m = _EMPLOYER_AFTER.search(text, f.start, f.end)
            if (m and m.start() > f.start and not gaz.is_name(m.group("w"))
                    and (gazetteer.is_task_word(m.group("w"), gaz)
                         or looks_like_organisation(m.group("w")))):
                f = Finding(f.entity_type, f.start, m.start(), text[f.start:m.start()],
                            f.score, f.detector, explanation=f.explanation)
        out.append(f)
    return out


def cut_trade_names(text: str, findings: list[Finding]) -> list[Finding]:
    """A PERSON span that runs from the owner's name into "h.o.d.n." ends before it; one
    inside the trade name after it (to the end of its line, or of the next when the line
    ends after the phrase, on an article or on a kind of business) is no one's name, unless
    it repeats the owner's own name
    ("B. Rikkerink h.o.d.n. Loonbedrijf |Rikkerink|" names him twice)."""
    zones = []
    for m in TRADES_AS.finditer(text):
        end = text.find("\n", m.end())
        end = len(text) if end < 0 else end
        rest = text[m.end():end].split()
        if end < len(text) and (not rest or _WRAPS_AFTER.search(text, m.end(), end)
                                or looks_like_organisation(rest[-1])):
            # "h.o.d.n.\nPluimveebedrijf Brouwer", "… Melkveebedrijf\nSchoonhoven"
            nxt = text.find("\n", end + 1)
            end = len(text) if nxt < 0 else nxt
        owner_line = text[text.rfind("\n", 0, m.start()) + 1:m.start()]
        owner = words_of(owner_line)
        zones.append((m.start(), end, owner))
    if not zones:
        return findings
    findings = findings + _owner_in_trade_names(text, findings, zones)
    out: list[Finding] = []
    for f in findings:
        zone = next((z for z in zones if f.start < z[1] and z[0] < f.end), None)
        if f.entity_type != "PERSON" or zone is None:
            out.append(f)
            continue
        start, end, owner = zone
        if f.start >= start and repeats_owner(text[f.start:f.end], owner):
            out.append(f)
            continue
        if f.start < start:
            name = text[f.start:start].rstrip(" \t\n,")
            if name:
                out.append(Finding(f.entity_type, f.start, f.start + len(name), name, f.score,
                                   f.detector, explanation=f.explanation))
        # the owner's own name inside the trade name (and on in the span) stays the owner's
        for m in word_matches(text[start:f.end]):
            if m.group().lower() in owner and start + m.start() >= f.start:
                a = start + m.start()
                out.append(Finding(f.entity_type, a, a + len(m.group()), m.group(), f.score,
                                   f.detector, explanation=f.explanation))
    return out


def _owner_in_trade_names(text: str, findings: list[Finding],
                          zones: list[tuple[int, int, set[str]]]) -> list[Finding]:
    """The owner's surname where the trade name repeats it ("H. Brouwer-van Essen h.o.d.n.
    Pluimveebedrijf Brouwer"): found as a name when a detector found the owner before the
    phrase, whatever the trade name around it says."""
    people = [f for f in findings if f.entity_type == "PERSON"]
    out: list[Finding] = []
    for start, end, owner in zones:
        line_start = text.rfind("\n", 0, start) + 1
        found = next((f for f in people if line_start <= f.start < start), None)
        if found is None:
            continue
        for m in word_matches(text[start:end]):
            a, b = start + m.start(), start + m.end()
            if (m.group()[:1].isupper() and m.group().lower() in owner
                    and m.group().lower() in words_of(found.text)
                    and not _noun_after_article(text, a, m.group(), found.text)
                    and not any(f.start < b and a < f.end for f in people)):
                out.append(Finding("PERSON", a, b, m.group(), found.score, "TradeNameOwner"))
    return out


_ARTICLE_BEFORE = re.compile(r"(?i)(?:^|\s)(de|het|'t|den|der)\s+$")


def _noun_after_article(text: str, start: int, word: str, owner: str) -> bool:
    """"W. van 't Klooster h.o.d.n. Geitenhouderij Het Klooster": after an article that is
    not the owner's own ("De Wit" trading as "Bouwbedrijf De Wit") the word is a noun of
    the trade name, a pun on the name."""
    m = _ARTICLE_BEFORE.search(text, max(0, start - 6), start)
    if m is None:
        return False
    words = [w.strip(".,").lower() for w in owner.split()]
    k = words.index(word.lower()) if word.lower() in words else -1
    return k <= 0 or words[k - 1] != m.group(1).lower()


# one list item: a word between commas, slashes or semicolons
_LIST_ITEM = re.compile(r"[^,/;\s][^,/;]*[^,/;\s]|[^,/;\s]")
_INITIALS_ONLY = re.compile(r"(?:[A-ZÀ-Þ]\.?){1,4}")


def split_surname_lists(text: str, findings: list[Finding]) -> list[Finding]:
    """"Tiemersma, Zhang" in an action list, in a table cell or a sentence, is two people,
    not "Achternaam, Voornaam": when every item is one capitalised word and the last is no
    first name the lists know (nor initials: "Oduro, K.A."), each is its own finding, so
    that an office holder among them is kept and the other not taken for their first
    name."""
    from . import gazetteer

    gaz = None
    out: list[Finding] = []
    for f in findings:
        span = text[f.start:f.end]
        items = (list(_LIST_ITEM.finditer(span))
                 if f.entity_type == "PERSON" and "," in span else [])
        if len(items) >= 2 and all(" " not in m.group() and m.group()[:1].isupper()
                                   for m in items):
            gaz = gaz or gazetteer.load()
            last = items[-1].group()
            if not gaz.is_first_name(last) and not _INITIALS_ONLY.fullmatch(last):
                out.extend(Finding(f.entity_type, f.start + m.start(), f.start + m.end(),
                                   m.group(), f.score, f.detector, explanation=f.explanation)
                           for m in items)
                continue
        out.append(f)
    return out


def split_listed_names(text: str, findings: list[Finding]) -> list[Finding]:
    """A PERSON span over a line break whose lines each hold a whole name ("Veldkamp,
    Ingrid\nBrinkman-Oudshoorn, Hester", where two detectors' spans met) is one finding per
    line: two people, and a decision (an office holder kept) for each. A name wrapped at a
    line end ("Jan\nJansen") stays one."""
    out: list[Finding] = []
    for f in findings:
        span = text[f.start:f.end]
        if f.entity_type != "PERSON" or "\n" not in span:
            out.append(f)
            continue
        parts, pos = [], f.start
        for line in span.split("\n"):
            lead = len(line) - len(line.lstrip())
            core = line.strip()
            parts.append((pos + lead, pos + lead + len(core), core))
            pos += len(line) + 1
        if (len(parts) < 2 or not all(_WHOLE_NAME.fullmatch(c) for _a, _b, c in parts)
                or any(_WRAPS_ON.search(c) for _a, _b, c in parts[:-1])
                or any(c[:1].islower() for _a, _b, c in parts[1:])):
            # "D. van\nder Heijden": a line that ends in an interfix, or a next line that
            # opens in lower case, is one name wrapped
            out.append(f)
            continue
        for a, b, core in parts:
            out.append(Finding(f.entity_type, a, b, core, f.score, f.detector,
                               explanation=f.explanation))
    return out


_FIRST_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_OPENS_WITH_INITIAL = re.compile(r"(?:[^\W\d_]\.[ \t]?)+[ \t]*[^\W\d_]")


def join_middle_initials(text: str, findings: list[Finding]) -> list[Finding]:
    """"Franklyn E. Schmidt", "Orlando J. Spanner": the model stops a name at a middle
    initial, so a first name and "E. Schmidt" a space apart are one person's name."""
    people = sorted((f for f in findings if f.entity_type == "PERSON"), key=lambda f: f.start)
    gone: set[int] = set()
    for a, b in zip(people, people[1:]):
        if (id(a) not in gone and text[a.end:b.start] in (" ", "\t")
                and _FIRST_WORD.fullmatch(text, a.start, a.end)
                and text[a.start:a.start + 1].isupper()
                and _OPENS_WITH_INITIAL.match(text, b.start, b.end)):
            b.start, b.text = a.start, text[a.start:b.end]
            b.score = max(a.score, b.score)
            if a.detector not in b.detector.split("+"):
                b.detector = f"{b.detector}+{a.detector}"
            gone.add(id(a))
    return [f for f in findings if id(f) not in gone]


def merge_overlaps(findings: list[Finding]) -> list[Finding]:
    """One finding per overlapping run of the same entity: the union span, the best score,
    every detector that saw it (so the log says all of them)."""
    out: list[Finding] = []
    for f in sorted(findings, key=lambda f: (f.entity_type, f.start, -f.end)):
        last = out[-1] if out else None
        if last and last.entity_type == f.entity_type and f.start < last.end:
            if f.end > last.end:
                last.end = f.end
            last.score = max(last.score, f.score)
            if f.detector not in last.detector.split("+"):
                last.detector = f"{last.detector}+{f.detector}"
            continue
        out.append(Finding(f.entity_type, f.start, f.end, f.text, f.score, f.detector,
                           explanation=f.explanation))
    return sorted(out, key=lambda f: (f.start, f.end))
