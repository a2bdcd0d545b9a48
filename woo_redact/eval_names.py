"""Name detection measured on plain text: CoNLL-2002 PER, and PERSON on the fixtures' text.

CoNLL-2002 is a benchmark only (its licence allows research use, never training). The text
handed to every system is built from the tokens: tokens joined by spaces, sentences by
newlines, one article (``-DOCSTART-``) at a time. Predicted character spans are mapped to the
tokens they touch, then compared with the gold PER spans: exact match (the headline) and
partial overlap.

``deduce`` (the Dutch de-identification package) runs on the same text in the same run as a
peer; its ``persoon``/``patient`` annotations are its person names.
"""

from __future__ import annotations

import bisect
import dataclasses
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .evaluate import exact_case
from .textnorm import find_occurrences

DEFAULT_CONLL = Path("..") / "shared" / "data" / "conll2002-nl" / "ned.testb"
DEDUCE_PERSON_TAGS = ("persoon", "patient")

Span = tuple[int, int]  # token indices [start, end)


@dataclass(slots=True)
class Article:
    sentences: list[list[str]] = field(default_factory=list)
    tags: list[list[str]] = field(default_factory=list)

    @property
    def tokens(self) -> list[str]:
        return [t for s in self.sentences for t in s]

    def text(self) -> tuple[str, list[tuple[int, int]]]:
        """Plain text and each token's character range in it."""
        parts: list[str] = []
        offsets: list[tuple[int, int]] = []
        pos = 0
        for si, sent in enumerate(self.sentences):
            if si:
                parts.append("\n")
                pos += 1
            for ti, tok in enumerate(sent):
                if ti:
                    parts.append(" ")
                    pos += 1
                offsets.append((pos, pos + len(tok)))
                parts.append(tok)
                pos += len(tok)
        return "".join(parts), offsets

    def gold(self, label: str = "PER") -> set[Span]:
        """Entity spans of ``label`` from IOB tags (an I- without a B- starts a span too)."""
        out: set[Span] = set()
        flat = [t for s in self.tags for t in s]
        sent_starts = set()
        i = 0
        for s in self.sentences:
            sent_starts.add(i)
            i += len(s)
        start = None
        for i, tag in enumerate(flat + ["O"]):
            prefix, _, lab = tag.partition("-")
            cont = prefix == "I" and lab == label and start is not None and i not in sent_starts
            if start is not None and not cont:
                out.add((start, i))
                start = None
            if lab == label and (prefix == "B" or (prefix == "I" and start is None)):
                start = i
        return out


def read_conll(path: str | Path) -> list[Article]:
    """Articles of a CoNLL-2002 file (``WORD POS TAG`` lines, blank line between sentences)."""
    articles: list[Article] = []
    cur = Article()
    sent: list[str] = []
    tags: list[str] = []

    def close_sentence() -> None:
        nonlocal sent, tags
        if sent:
            cur.sentences.append(sent)
            cur.tags.append(tags)
        sent, tags = [], []

    with open(path, encoding="utf-8", errors="replace") as fh:
        for line in fh:
            parts = line.split()
            if not parts:
                close_sentence()
                continue
            if parts[0] == "-DOCSTART-":
                close_sentence()
                if cur.sentences:
                    articles.append(cur)
                cur = Article()
                continue
            sent.append(parts[0])
            tags.append(parts[-1])
    close_sentence()
    if cur.sentences:
        articles.append(cur)
    return articles


def to_token_spans(char_spans: Iterable[tuple[int, int]],
                   offsets: list[tuple[int, int]]) -> set[Span]:
    """Each character span as the run of tokens it touches (any shared character)."""
    starts = [a for a, _ in offsets]
    out: set[Span] = set()
    for a, b in char_spans:
        if b <= a:
            continue
        i = max(bisect.bisect_right(starts, a) - 1, 0)
        while i < len(offsets) and offsets[i][1] <= a:
            i += 1
        j = i
        while j < len(offsets) and offsets[j][0] < b:
            j += 1
        if j > i:
            out.add((i, j))
    return out


def prf(tp_p: int, n_pred: int, tp_g: int, n_gold: int) -> dict:
    p = tp_p / n_pred if n_pred else 0.0
    r = tp_g / n_gold if n_gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f1, 4),
            "predicted": n_pred, "gold": n_gold}


def score_spans(gold: list[set[Span]], pred: list[set[Span]]) -> dict:
    """Exact-match and partial-overlap P/R/F1 over articles (spans compared per article)."""
    ex = pp = pg = n_pred = n_gold = 0
    for g, p in zip(gold, pred, strict=True):
        n_pred += len(p)
        n_gold += len(g)
        ex += len(g & p)
        pp += sum(1 for a, b in p if any(x < b and a < y for x, y in g))
        pg += sum(1 for a, b in g if any(x < b and a < y for x, y in p))
    return {"exact": prf(ex, n_pred, ex, n_gold), "partial": prf(pp, n_pred, pg, n_gold)}


# -- systems ---------------------------------------------------------------------------------
Predictor = Callable[[str], list[tuple[int, int]]]


def our_person_predictors(policy=None, model_path: str | None = None) -> dict[str, Predictor]:
    """Every PERSON recognizer of the Detector (NER, rules, gazetteer) on plain text, kept at
    the policy's PERSON min_score; office-holder and allow-list decisions are not applied
    (CoNLL counts every person).

    "ours" (the headline, and the figure the bar reads) is the name detection as the
    pipeline runs it on a document: the detectors, then propagation of every found name to
    its other mentions in the same document (``Pipeline.propose`` always propagates; a
    CoNLL article is one document). "ours (detectors only)" leaves propagation out, to show
    what it adds."""
    from .detect import Detector
    from .policy import TermList, load_policy

    policy = policy or load_policy()
    rule = policy.entities["PERSON"]
    only = dataclasses.replace(policy, entities={"PERSON": rule}, deny=TermList(),
                               allow=TermList())
    detector = Detector(only, model_path)

    def detect(text: str):
        doc = plain_document(text)
        return doc, [f for f in detector.analyze(doc)
                     if f.entity_type == "PERSON" and f.score >= rule.min_score]

    def alone(text: str) -> list[tuple[int, int]]:
        return [(f.start, f.end) for f in detect(text)[1]]

    def propagated(text: str) -> list[tuple[int, int]]:
        from .propagate import propagate_findings

        doc, found = detect(text)
        return [(f.start, f.end) for f in propagate_findings(doc, found, None, None)
                if f.entity_type == "PERSON"]

    return {"ours": propagated, "ours (detectors only)": alone}


def plain_document(text: str):
    """A one-page ``Document`` over plain text, so the Detector runs exactly as on a PDF:
    one word per whitespace-separated token, a line per text line, dummy boxes."""
    import re

    from .model import Box, Document, Page, Word

    words: list[Word] = []
    word_start: list[int] = []
    char_word = [-1] * len(text)
    line_no = 0
    line_start = 0
    for line_no, line in enumerate(text.split("\n")):
        for m in re.finditer(r"\S+", line):
            i = len(words)
            a = line_start + m.start()
            x = float(m.start() * 5)
            words.append(Word(m.group(), Box(0, x, line_no * 12.0, x + len(m.group()) * 5.0,
                                             line_no * 12.0 + 10), line_no, 0))
            word_start.append(a)
            for k in range(a, a + len(m.group())):
                char_word[k] = i
        line_start += len(line) + 1
    page = Page(0, 600.0, max(842.0, (line_no + 1) * 12.0), words)
    return Document(path="<text>", sha256="0" * 64, pages=[page], words=words, text=text,
                    char_word=char_word, word_start=word_start,
                    word_text_len=[len(w.text) for w in words])


class DeducePeer:
    """``deduce`` as a peer: loaded once (its first-ever load builds a lookup cache for
    minutes; later loads read the cache)."""

    def __init__(self) -> None:
        t0 = time.perf_counter()
        import logging

        import deduce

        logging.getLogger().setLevel(max(logging.getLogger().level, logging.WARNING))
        self.engine = deduce.Deduce()
        self.load_seconds = time.perf_counter() - t0

    def predict(self, text: str) -> list[tuple[int, int]]:
        doc = self.engine.deidentify(text)
        return [(a.start_char, a.end_char) for a in doc.annotations
                if a.tag in DEDUCE_PERSON_TAGS]


def deduce_available() -> bool:
    import importlib.util

    return importlib.util.find_spec("deduce") is not None


def evaluate_conll(path: str | Path, systems: dict[str, Predictor],
                   limit: int | None = None) -> dict:
    """PER scores of each system on a CoNLL-2002 file."""
    articles = read_conll(path)[:limit] if limit else read_conll(path)
    texts = [a.text() for a in articles]
    gold = [a.gold("PER") for a in articles]
    out: dict = {"file": str(path), "articles": len(articles),
                 "sentences": sum(len(a.sentences) for a in articles),
                 "tokens": sum(len(a.tokens) for a in articles),
                 "chars": sum(len(t) for t, _ in texts),
                 "gold_per": sum(len(g) for g in gold)}
    for name, predict in systems.items():
        t0 = time.perf_counter()
        pred = [to_token_spans(predict(text), offs) for text, offs in texts]
        secs = time.perf_counter() - t0
        res = score_spans(gold, pred)
        res["seconds"] = round(secs, 2)
        res["errors"] = _examples(articles, gold, pred)
        out[name] = res
    return out


def _examples(articles: list[Article], gold: list[set[Span]], pred: list[set[Span]],
              n: int = 15) -> dict:
    """A few misses and false alarms, to read what goes wrong (not for scoring)."""
    missed, false = [], []
    for art, g, p in zip(articles, gold, pred, strict=True):
        toks = art.tokens
        missed += [" ".join(toks[a:b]) for a, b in sorted(g - p)
                   if not any(x < b and a < y for x, y in p)]
        false += [" ".join(toks[a:b]) for a, b in sorted(p - g)
                  if not any(x < b and a < y for x, y in g)]
    return {"missed": missed[:n], "false": false[:n]}


# -- PERSON on the fixtures' text ------------------------------------------------------------
def text_level_person(texts: dict[str, str], truths: dict, spans: dict[str, list[tuple[int, int]]]
                      ) -> dict:
    """PERSON occurrences of the truth covered by predicted spans, and the predicted spans that
    hit a sensitive string (precision) or a keep-string (an office holder, an organisation)."""
    occ_total = occ_hit = pred_total = pred_tp = keep_hits = 0
    for name, text in texts.items():
        truth = truths[name]
        pred = spans.get(name, [])
        person = [o for i in truth.sensitive if i.category == "PERSON"
                  for o in exact_case(text, find_occurrences(text, i.text), i.text)]
        sens = [o for i in truth.sensitive for o in find_occurrences(text, i.text)]
        keep = [o for k in truth.keep for o in find_occurrences(text, k.text)]
        occ_total += len(person)
        occ_hit += sum(1 for a, b in person if any(x < b and a < y for x, y in pred))
        pred_total += len(pred)
        for a, b in pred:
            if any(x < b and a < y for x, y in sens):
                pred_tp += 1
            elif any(x < b and a < y for x, y in keep):
                keep_hits += 1
    return {"recall": round(occ_hit / occ_total, 4) if occ_total else None,
            "precision": round(pred_tp / pred_total, 4) if pred_total else None,
            "occurrences": occ_total, "found": occ_hit, "predicted": pred_total,
            "true_positives": pred_tp, "keep_string_hits": keep_hits}
