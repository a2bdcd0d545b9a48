"""Score a freshly built model beside the shipped one; pass only within the stated tolerance.

    python models/check_model.py [--candidate models/build/nl_woo_ner] [--shipped models/nl_woo_ner]
                                 [--dev models/corpus/dev.spacy] [--ship]

Both models are scored here, with the same libraries, on the same text: CoNLL-2002 `ned.testb`
PER (the model alone, exact spans) and PER on the dev set the build just wrote. The candidate
passes when, on both, its PER F1 and its PER recall are within TOLERANCE of the shipped
model's. Exit status: 0 within tolerance (or shipped with --ship), 1 worse, 2 better beyond
the tolerance (not shipped: the shipped model changes only when someone asks for it), 3 too big.

`--ship` replaces the shipped model with the candidate after printing the comparison. Nothing
else in the build writes to `models/nl_woo_ner`, except when there is no model there at all.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import json  # noqa: E402
import shutil  # noqa: E402
import sys  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from pathlib import Path  # noqa: E402

import spacy  # noqa: E402
from spacy.training import Corpus  # noqa: E402

from evaluate_conll import default_conll, prf, read_conll, score, speed, windows  # noqa: E402

MODELS_DIR = Path(__file__).resolve().parent
TOLERANCE = 0.01  # on PER F1 and PER recall, CoNLL testb and dev, absolute
MAX_SIZE_MB = 5.0
WEIGHT_FILES = ("tok2vec/model", "ner/model", "ner/moves")


@dataclass
class Scores:
    conll: tuple[float, float, float]
    dev: tuple[float, float, float]
    words_per_s: float
    size_mb: float

    def gated(self) -> dict[str, float]:
        return {
            "CoNLL testb PER F1": self.conll[2],
            "CoNLL testb PER R": self.conll[1],
            "dev PER F1": self.dev[2],
            "dev PER R": self.dev[1],
        }


def size_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def evaluate(path: Path, conll, dev_path: Path, texts: list[str]) -> Scores:
    nlp = spacy.load(path)
    counts, _ = score(nlp, conll)
    scores = nlp.evaluate(list(Corpus(str(dev_path))(nlp)))
    per = scores["ents_per_type"].get("PER", {"p": 0.0, "r": 0.0, "f": 0.0})
    wps, _ = speed(nlp, texts)
    return Scores(prf(counts["PER"]), (per["p"], per["r"], per["f"]), wps, size_mb(path))


def same_weights(a: Path, b: Path) -> bool:
    return all((a / f).read_bytes() == (b / f).read_bytes() for f in WEIGHT_FILES if (a / f).exists())


def build_record(path: Path) -> dict:
    meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
    return meta.get("build", {})


def explain_difference(candidate: Path, shipped: Path) -> str:
    new, old = build_record(candidate), build_record(shipped)
    if not old:
        return "the shipped model has no build record (built before the lock file), so its inputs are unknown"
    reasons = []
    if new.get("corpus_sha256") != old.get("corpus_sha256"):
        reasons.append("the training corpus differs (templates, lists or the data build changed)")
    if new.get("lock_sha256") != old.get("lock_sha256"):
        reasons.append("the lock file differs")
    for key in ("libraries", "python", "machine", "blis_kernel"):
        if new.get(key) != old.get(key):
            reasons.append(f"{key}: {old.get(key)} -> {new.get(key)}")
    if not reasons:
        return "same corpus, lock and libraries: the machine's numeric code differs (CPU or BLIS build)"
    return "; ".join(reasons)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--candidate", type=Path, default=MODELS_DIR / "build" / "nl_woo_ner")
    parser.add_argument("--shipped", type=Path, default=MODELS_DIR / "nl_woo_ner")
    parser.add_argument("--dev", type=Path, default=MODELS_DIR / "corpus" / "dev.spacy")
    parser.add_argument("--ship", action="store_true", help="replace the shipped model with the candidate")
    args = parser.parse_args()
    for path in (args.candidate, args.dev):
        if not path.exists():
            sys.exit(f"not found: {path} (run `make model` first)")
    if not (args.shipped / "config.cfg").is_file():
        # Nothing to compare with (a checkout without the model): the build is the model.
        shutil.copytree(args.candidate, args.shipped, dirs_exist_ok=True)
        print(f"no model at {args.shipped}: installed the one just built")
        return
    conll_path = default_conll("ned.testb")
    if not conll_path.is_file():
        sys.exit(f"CoNLL file not found: {conll_path} (set WOO_SHARED_DIR)")
    conll = read_conll(conll_path)
    texts = windows(conll)

    new = evaluate(args.candidate, conll, args.dev, texts)
    old = evaluate(args.shipped, conll, args.dev, texts)
    identical = same_weights(args.candidate, args.shipped)

    print(f"\n{'':<22}{'built':>8}{'shipped':>9}{'delta':>8}")
    rows = [
        ("CoNLL testb PER P", new.conll[0], old.conll[0]),
        ("CoNLL testb PER R", new.conll[1], old.conll[1]),
        ("CoNLL testb PER F1", new.conll[2], old.conll[2]),
        ("dev PER P", new.dev[0], old.dev[0]),
        ("dev PER R", new.dev[1], old.dev[1]),
        ("dev PER F1", new.dev[2], old.dev[2]),
    ]
    for name, a, b in rows:
        print(f"{name:<22}{a:8.3f}{b:9.3f}{a - b:+8.3f}")
    print(f"{'size (MB)':<22}{new.size_mb:8.1f}{old.size_mb:9.1f}")
    print(f"{'words/s, one core':<22}{new.words_per_s:8,.0f}{old.words_per_s:9,.0f}   (noisy on a shared machine)")
    print(f"weights byte-identical to the shipped model: {'yes' if identical else 'no'}")
    if not identical:
        print(f"  why they differ: {explain_difference(args.candidate, args.shipped)}")
    print(f"tolerance: PER F1 and PER recall within ±{TOLERANCE} of the shipped model, CoNLL testb and dev")

    deltas = {k: v - old.gated()[k] for k, v in new.gated().items()}
    worse = [k for k, d in deltas.items() if d < -TOLERANCE]
    better = [k for k, d in deltas.items() if d > TOLERANCE]
    if args.ship:
        shutil.rmtree(args.shipped)
        shutil.copytree(args.candidate, args.shipped)
        print(f"shipped: {args.candidate} copied to {args.shipped}; commit it with its README scores")
        return
    if new.size_mb > MAX_SIZE_MB:
        print(f"FAIL: the model is {new.size_mb:.1f} MB, above {MAX_SIZE_MB} MB")
        sys.exit(3)
    if worse:
        print(f"FAIL: worse than the shipped model beyond the tolerance on {', '.join(worse)}")
        sys.exit(1)
    if better:
        print(f"better than the shipped model on {', '.join(better)}: ship it by copying it over the shipped one,")
        print(f"  {os.path.relpath(sys.executable)} models/check_model.py --ship")
        print("  (replaces models/nl_woo_ner with models/build/nl_woo_ner), then update models/README.md and commit")
        sys.exit(2)
    print("OK: within tolerance of the shipped model")


if __name__ == "__main__":
    main()
