"""Build the training and dev corpora (spaCy DocBins) for the Dutch Woo NER model.

    python models/build_training_data.py [--out models/corpus] [--seed 13] [--scale 1.0]

Sources (see models/README.md for licences):
  * generated Woo-style and newspaper-style text from models/training_templates/, filled with
    names and places from the shared name lists (first names, Meertens surnames, BAG places)
    and the hand-written lists in the repository;
  * ParlaMint-NL sentences with silver NER (CC BY 4.0);
  * Europeana Newspapers Dutch NER (CC0), sentences with entities only, partial labels.

The dev set uses held-out names (a stable hash splits every list) and a separate seed, and
ParlaMint sentences not used for training. CoNLL-2002 is never read here.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin

sys.path.insert(0, str(Path(__file__).resolve().parent))

from datagen import corpora, sources  # noqa: E402
from datagen.docs import anchors, spans_to_doc, window  # noqa: E402
from datagen.fill import Renderer, Template, load_templates  # noqa: E402
from datagen.lexicon import Lexicon  # noqa: E402
from datagen.names import NameBank  # noqa: E402

# (template file, share of the generated examples, rate of Flemish-style names)
TEMPLATE_FILES = [
    ("email", 0.1, 0.03),
    ("signature", 0.07, 0.03),
    ("salutation", 0.05, 0.03),
    ("memo", 0.12, 0.05),
    ("police", 0.06, 0.05),
    ("lists", 0.1, 0.05),
    ("parliament", 0.06, 0.1),
    ("news", 0.11, 0.45),
    ("prose", 0.11, 0.45),
    ("negatives", 0.09, 0.2),
    ("negatives_prose", 0.10, 0.3),
]
# Template files whose examples are also glued into multi-part texts (a mail with its
# signature, a few paragraphs of a memo or article) so the model sees longer contexts.
COMPOUND_GROUPS = [("email", "salutation", "memo", "signature"), ("memo", "negatives", "memo"), ("news", "prose", "negatives_prose", "news", "prose"), ("police", "memo", "negatives")]


def load_all_templates() -> dict[str, list[Template]]:
    folder = sources.TEMPLATE_DIR / "tpl"
    return {name: load_templates(folder / f"{name}.txt", name, belgian) for name, _, belgian in TEMPLATE_FILES}


def generate(nlp, renderer: Renderer, templates: dict[str, list[Template]], rng: random.Random, total: int) -> list[Doc]:
    docs: list[Doc] = []
    for name, share, _ in TEMPLATE_FILES:
        for _ in range(round(total * share)):
            example = renderer.render(rng.choice(templates[name]), rng)
            docs.append(spans_to_doc(nlp, example.text, example.spans))
    for _ in range(total // 8):
        group = rng.choice(COMPOUND_GROUPS)
        parts = [renderer.render(rng.choice(templates[name]), rng) for name in group[: rng.randint(2, len(group))]]
        text, spans = "", []
        for part in parts:
            if text:
                text += rng.choice(["\n\n", "\n", " "])
            spans.extend((s + len(text), e + len(text), label) for s, e, label in part.spans)
            text += part.text
        docs.append(spans_to_doc(nlp, text, spans))
    return docs


def add_windows(docs: list[Doc], rng: random.Random, per_doc: float) -> list[Doc]:
    """Fragments like those the run-time detector feeds the model."""
    out = []
    for doc in docs:
        if len(doc) < 8:
            continue
        centres = anchors(doc)
        count = int(per_doc) + (rng.random() < per_doc - int(per_doc))
        for centre in rng.sample(centres, min(count, len(centres))):
            piece = window(doc, rng, centre)
            if piece is not None:
                out.append(piece)
    return out


def build(out_dir: Path, seed: int, scale: float) -> None:
    nlp = spacy.blank("nl")
    templates = load_all_templates()

    rng = random.Random(seed)
    train_renderer = Renderer(NameBank(heldout=False), Lexicon(heldout=False))
    train = generate(nlp, train_renderer, templates, rng, int(14000 * scale))
    train += add_windows(train, rng, per_doc=0.6)

    parla = corpora.parlamint(nlp)
    random.Random(seed).shuffle(parla)
    n_dev_parla = len(parla) // 10
    train += parla[n_dev_parla:] * 2
    europeana = corpora.europeana(nlp, rng, limit=int(1800 * scale))
    train += europeana + add_windows(europeana, rng, per_doc=0.5)
    rng.shuffle(train)

    dev_rng = random.Random(seed + 1000)
    dev_renderer = Renderer(NameBank(heldout=True), Lexicon(heldout=True))
    dev = generate(nlp, dev_renderer, templates, dev_rng, int(1500 * scale))
    dev += add_windows(dev, dev_rng, per_doc=0.6)
    dev += parla[:n_dev_parla]
    dev_rng.shuffle(dev)

    out_dir.mkdir(parents=True, exist_ok=True)
    for name, docs in (("train", train), ("dev", dev)):
        DocBin(docs=docs, store_user_data=False).to_disk(out_dir / f"{name}.spacy")
        labels = Counter(ent.label_ for doc in docs for ent in doc.ents)
        tokens = sum(len(doc) for doc in docs)
        print(f"{name}: {len(docs)} docs, {tokens} tokens, entities {dict(sorted(labels.items()))}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "corpus")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--scale", type=float, default=1.0, help="multiply the number of generated examples")
    args = parser.parse_args()
    build(args.out, args.seed, args.scale)


if __name__ == "__main__":
    main()
