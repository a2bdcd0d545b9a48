"""Score the shipped NER model alone on CoNLL-2002 Dutch and measure its speed on one core.

    python models/evaluate_conll.py [--model models/nl_woo_ner] [--file ned.testb] [--misses 40]

CoNLL-2002 is used for evaluation only (its licence forbids training a shipped model on it).
Scores are exact-span precision/recall/F1 per label on the gold tokenisation; "PER partial
recall" also counts a gold name as found when a predicted PER overlaps it, which is what
matters once the detector propagates names. Speed is words per second for `nlp.pipe` over
the short windows (±8 tokens around capitalised tokens) that the detector feeds the model.
"""

from __future__ import annotations

import os

# One core: the numbers must hold on a shared two-core machine, and BLAS threads would
# otherwise inflate them.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections import Counter  # noqa: E402
from pathlib import Path  # noqa: E402

import spacy  # noqa: E402
from spacy.tokens import Doc  # noqa: E402

MODELS_DIR = Path(__file__).resolve().parent
LABELS = ("PER", "ORG", "LOC", "MISC")


def default_conll(name: str) -> Path:
    shared = os.environ.get("WOO_SHARED_DIR")
    base = Path(shared) if shared else MODELS_DIR.parent / ".." / "shared"
    return (base / "data" / "conll2002-nl" / name).resolve()


def read_conll(path: Path) -> list[tuple[list[str], list[tuple[int, int, str]]]]:
    """Sentences as (words, gold spans) from a `WORD POS IOB2` file, -DOCSTART- lines dropped."""
    sentences = []
    words: list[str] = []
    tags: list[str] = []

    def flush() -> None:
        if words:
            sentences.append((list(words), iob_to_spans(tags)))
        words.clear()
        tags.clear()

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("-DOCSTART-"):
            flush()
            continue
        if not line:
            flush()
            continue
        cols = line.split()
        words.append(cols[0])
        tags.append(cols[-1])
    flush()
    return sentences


def iob_to_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    spans = []
    start, label = None, None
    for i, tag in enumerate(tags + ["O"]):
        inside = tag.startswith("I-") and label == tag[2:]
        if start is not None and not inside:
            spans.append((start, i, label))
            start, label = None, None
        if tag.startswith("B-") or (tag.startswith("I-") and start is None):
            start, label = i, tag[2:]
    return spans


def score(nlp, sentences) -> tuple[dict[str, Counter], list[tuple[list[str], set, set]]]:
    counts: dict[str, Counter] = {label: Counter() for label in LABELS}
    per_partial = Counter()
    results = []
    docs = (Doc(nlp.vocab, words=words) for words, _ in sentences)
    for (words, gold), doc in zip(sentences, nlp.pipe(docs, batch_size=256)):
        predicted = {(e.start, e.end, e.label_) for e in doc.ents}
        gold_set = set(gold)
        for label in LABELS:
            g = {s for s in gold_set if s[2] == label}
            p = {s for s in predicted if s[2] == label}
            counts[label]["tp"] += len(g & p)
            counts[label]["fp"] += len(p - g)
            counts[label]["fn"] += len(g - p)
        for start, end, label in gold_set:
            if label == "PER":
                per_partial["gold"] += 1
                if any(ps < end and start < pe and pl == "PER" for ps, pe, pl in predicted):
                    per_partial["hit"] += 1
        results.append((words, gold_set, predicted))
    counts["PER_partial"] = per_partial
    return counts, results


def prf(c: Counter) -> tuple[float, float, float]:
    p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
    r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def windows(sentences, radius: int = 8) -> list[str]:
    """The fragments the detector feeds the model: ±radius tokens around capitalised words."""
    out = []
    for words, _ in sentences:
        for i, word in enumerate(words):
            if word[:1].isupper():
                out.append(" ".join(words[max(0, i - radius): i + radius + 1]))
    return out


def speed(nlp, texts: list[str]) -> tuple[float, int]:
    list(nlp.pipe(texts[:200]))  # warm-up
    start = time.perf_counter()
    n_words = sum(len(doc) for doc in nlp.pipe(texts, batch_size=256))
    return n_words / (time.perf_counter() - start), n_words


def print_misses(results, limit: int, false_positives: bool = False) -> None:
    shown = 0
    for words, gold, predicted in results:
        if false_positives:
            missed = [s for s in predicted if s[2] == "PER" and s not in gold]
        else:
            missed = [s for s in gold if s[2] == "PER" and s not in predicted]
        if not missed:
            continue
        marks = ", ".join(" ".join(words[s:e]) for s, e, _ in missed)
        other = gold if false_positives else predicted
        pred = ", ".join(f"{' '.join(words[s:e])}/{label}" for s, e, label in sorted(other))
        tag = "FP" if false_positives else "MISS"
        print(f"{tag} [{marks}] {'gold' if false_positives else 'pred'} [{pred}] :: {' '.join(words)[:220]}")
        shown += 1
        if shown >= limit:
            break


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", type=Path, default=MODELS_DIR / "nl_woo_ner")
    parser.add_argument("--file", type=Path, default=None, help="CoNLL file (default: ned.testb)")
    parser.add_argument("--misses", type=int, default=0, help="print this many sentences with missed PER")
    parser.add_argument("--false-positives", type=int, default=0, help="print this many sentences with wrong PER")
    parser.add_argument("--no-speed", action="store_true")
    args = parser.parse_args()
    path = args.file or default_conll("ned.testb")
    if not path.is_file():
        sys.exit(f"CoNLL file not found: {path} (set WOO_SHARED_DIR)")

    nlp = spacy.load(args.model)
    sentences = read_conll(path)
    counts, results = score(nlp, sentences)
    n_gold = sum(len(g) for _, g in sentences)
    print(f"{path.name}: {len(sentences)} sentences, {sum(len(w) for w, _ in sentences)} tokens, {n_gold} entities")
    print(f"{'label':<6} {'P':>6} {'R':>6} {'F1':>6}   gold")
    for label in LABELS:
        p, r, f = prf(counts[label])
        print(f"{label:<6} {p:6.3f} {r:6.3f} {f:6.3f}   {counts[label]['tp'] + counts[label]['fn']}")
    partial = counts["PER_partial"]
    print(f"PER partial recall (any overlap): {partial['hit'] / max(partial['gold'], 1):.3f}")
    if args.misses:
        print_misses(results, args.misses)
    if args.false_positives:
        print_misses(results, args.false_positives, false_positives=True)
    if not args.no_speed:
        texts = windows(sentences)
        wps, n_words = speed(nlp, texts)
        print(f"speed: {wps:,.0f} words/s on one core (nlp.pipe over {len(texts)} windows, {n_words} words)")


if __name__ == "__main__":
    main()
