"""Score the NER model's PER spans per text shape on fresh generated text with held-out names.

    python models/evaluate_shapes.py [--model models/nl_woo_ner] [--n 400] [--seed 7]

For every template file in `training_templates/tpl/` this renders `--n` new examples with the
datagen code, using the held-out (dev) half of the name and place lists, and cuts one
run-time-shaped window from each rendering the way the dev set does. The model runs over the
renderings and the windows together; the table gives exact-span (character offsets) PER
precision and recall per shape, as in the "PER by text shape" table of models/README.md.
The template files without names (`negatives*`) have no row: the count of PER the model
predicts in them is printed below the table.

The text comes from the same templates as the training data, so these scores compare models
and shapes; they overstate performance on real documents.
"""

from __future__ import annotations

import os

# One core: the machine is shared, and BLAS threads would not change the scores anyway.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import random  # noqa: E402
import sys  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from pathlib import Path  # noqa: E402

import spacy  # noqa: E402
from spacy.language import Language  # noqa: E402
from spacy.tokens import Doc  # noqa: E402

MODELS_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(MODELS_DIR))

from build_training_data import add_windows, load_all_templates  # noqa: E402
from datagen.docs import spans_to_doc  # noqa: E402
from datagen.fill import Renderer, Template  # noqa: E402
from datagen.lexicon import Lexicon  # noqa: E402
from datagen.names import NameBank  # noqa: E402

# (README row, template files). Newspaper prose is two files: `news` (quotes, courts,
# sports) and `prose` (varied sentence openings); the README reports them as one shape.
SHAPES: list[tuple[str, tuple[str, ...]]] = [
    ("e-mail headers and bodies", ("email",)),
    ("signatures", ("signature",)),
    ("salutations", ("salutation",)),
    ("attendee lists and table rows", ("lists",)),
    ("nota/verslag sentences", ("memo",)),
    ("police memos", ("police",)),
    ("parliament", ("parliament",)),
    ("newspaper prose", ("news", "prose")),
]
NO_NAME_FILES = ("negatives", "negatives_prose")

CharSpan = tuple[int, int]


@dataclass
class Tally:
    gold: int = 0
    predicted: int = 0
    correct: int = 0

    def add(self, gold: set[CharSpan], predicted: set[CharSpan]) -> None:
        self.gold += len(gold)
        self.predicted += len(predicted)
        self.correct += len(gold & predicted)

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 0.0


def render_file(
    blank: Language, renderer: Renderer, templates: list[Template], rng: random.Random, n: int
) -> list[Doc]:
    """`n` renderings of randomly chosen templates plus one window from each, as in the dev set."""
    docs = [_render(blank, renderer, rng.choice(templates), rng) for _ in range(n)]
    return docs + add_windows(docs, rng, per_doc=1.0)


def _render(blank: Language, renderer: Renderer, template: Template, rng: random.Random) -> Doc:
    example = renderer.render(template, rng)
    return spans_to_doc(blank, example.text, example.spans)


def file_rng(seed: int, name: str) -> random.Random:
    # A string seed gives every file its own stream, so a file's examples do not depend on
    # which files come before it or on --n of the others; it never reproduces the integer
    # streams (13 for training, 1013 for dev) that build_training_data.py uses.
    return random.Random(f"shapes:{seed}:{name}")


def per_spans(doc: Doc) -> set[CharSpan]:
    # Character offsets, so gold (blank "nl" tokenizer) and predictions (the model's own
    # tokenizer) are compared independently of tokenisation.
    return {(ent.start_char, ent.end_char) for ent in doc.ents if ent.label_ == "PER"}


def score(nlp: Language, docs: list[Doc]) -> Tally:
    tally = Tally()
    for gold, predicted in zip(docs, nlp.pipe((doc.text for doc in docs), batch_size=256)):
        tally.add(per_spans(gold), per_spans(predicted))
    return tally


def evaluate(nlp: Language, n: int, seed: int) -> tuple[dict[str, Tally], Tally, int]:
    """Tallies per shape, the tally over the name-free files, and the number of name-free texts."""
    blank = spacy.blank("nl")
    templates = load_all_templates()
    renderer = Renderer(NameBank(heldout=True), Lexicon(heldout=True))

    def docs_for(names: tuple[str, ...]) -> list[Doc]:
        return [
            doc for name in names for doc in render_file(blank, renderer, templates[name], file_rng(seed, name), n)
        ]

    shapes = {row: score(nlp, docs_for(files)) for row, files in SHAPES}
    no_name_docs = docs_for(NO_NAME_FILES)
    return shapes, score(nlp, no_name_docs), len(no_name_docs)


def print_table(shapes: dict[str, Tally], no_name: Tally, n_no_name: int, model: Path, n: int, seed: int) -> None:
    print(
        f"PER by text shape, model {model}: {n} renderings per template file, held-out names,"
        f" seed {seed}, plus one window cut from each\n"
    )
    print("| shape | P | R | gold PER |")
    print("|---|---:|---:|---:|")
    for row, tally in shapes.items():
        print(f"| {row} | {tally.precision:.3f} | {tally.recall:.3f} | {tally.gold:,} |")
    total = Tally()
    for tally in shapes.values():
        total.gold += tally.gold
        total.predicted += tally.predicted
        total.correct += tally.correct
    print(f"| all shapes | {total.precision:.3f} | {total.recall:.3f} | {total.gold:,} |")
    files = ", ".join(NO_NAME_FILES)
    print(f"\nPER predicted in text without names ({files}): {no_name.predicted} in {n_no_name:,} texts")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", type=Path, default=MODELS_DIR / "nl_woo_ner")
    parser.add_argument("--n", type=int, default=400, help="renderings per template file")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    nlp = spacy.load(args.model)
    shapes, no_name, n_no_name = evaluate(nlp, args.n, args.seed)
    print_table(shapes, no_name, n_no_name, args.model, args.n, args.seed)


if __name__ == "__main__":
    main()
