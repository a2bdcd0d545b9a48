"""Template rendering: slots become names, organisations and places with character spans."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

from .lexicon import ADDRESS_F, ADDRESS_M, DOMAINS, PORTFOLIOS, Lexicon
from .names import NameBank, Person, split_surname

Span = tuple[int, int, str]
TOKEN_RE = re.compile(r"\{([A-Z]+)(\d?)(?:\.([a-z]+))?\}|\[\[([A-Z]+):([^\]]+)\]\]")

DEFAULT_FORMS = [
    ("full", 0.36), ("init", 0.2), ("sur", 0.22), ("first", 0.06), ("fi", 0.02), ("formal", 0.02),
    ("rev", 0.05), ("caps", 0.03), ("short", 0.04),
]


@dataclass
class Example:
    text: str
    spans: list[Span]
    source: str


@dataclass
class Template:
    text: str
    source: str
    belgian_rate: float


@dataclass
class _State:
    rng: random.Random
    belgian: bool
    people: dict[str, Person] = field(default_factory=dict)


def load_templates(path, source: str, belgian_rate: float) -> list[Template]:
    templates = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.rstrip()
        if line.strip() and not line.startswith("#"):
            templates.append(Template(line.replace("\\n", "\n").replace("\\t", "\t"), source, belgian_rate))
    return templates


class Renderer:
    def __init__(self, names: NameBank, lexicon: Lexicon) -> None:
        self.names = names
        self.lexicon = lexicon

    def render(self, template: Template, rng: random.Random) -> Example:
        state = _State(rng=rng, belgian=rng.random() < template.belgian_rate)
        parts: list[str] = []
        spans: list[Span] = []
        offset = 0
        cursor = 0
        for match in TOKEN_RE.finditer(template.text):
            literal = template.text[cursor:match.start()]
            parts.append(literal)
            offset += len(literal)
            cursor = match.end()
            if match.group(4):
                text, local = match.group(5), [(0, len(match.group(5)), match.group(4))]
            else:
                text, local = self._slot(state, match.group(1), match.group(2) or "1", match.group(3))
            parts.append(text)
            spans.extend((offset + s, offset + e, label) for s, e, label in local)
            offset += len(text)
        parts.append(template.text[cursor:])
        text = "".join(parts)
        if text[:1].islower() and template.text.startswith("{"):
            text = text[:1].upper() + text[1:]
        return Example(text, spans, template.source)

    def _person(self, state: _State, index: str) -> Person:
        if index not in state.people:
            state.people[index] = self.names.person(state.rng, belgian=state.belgian)
        return state.people[index]

    def _slot(self, state: _State, kind: str, index: str, form: str | None) -> tuple[str, list[Span]]:
        rng = state.rng
        if kind == "P":
            person = self._person(state, index)
            name = self.person_form(person, form, rng)
            if form == "poss":
                return name + possessive(name), [(0, len(name), "PER")]
            return name, [(0, len(name), "PER")]
        if kind == "TP":
            return self.titled(self._person(state, index), form, rng)
        if kind == "EMAIL":
            return self._person(state, index).email(rng, rng.choice(DOMAINS)), []
        if kind == "ORG":
            surname = self.names.person(rng).surname
            surname = surname[:1].upper() + surname[1:]
            text = self.lexicon.org(rng, form or "", surname)
            return text, [(0, len(text), "ORG")]
        if kind == "LOC":
            text = self.lexicon.loc(rng, form or "")
            return text, [(0, len(text), "LOC")]
        if kind == "MINPORT":
            # Portfolios ("minister van Justitie en Veiligheid") are labelled ORG, as in
            # ParlaMint, so the model keeps them out of the name that follows.
            return self._whole(rng.choice(PORTFOLIOS), "ORG")
        if kind == "PORTBE":
            return self._whole(rng.choice(self.lexicon.phrases["PORTBE"]), "ORG")
        if kind == "ADDR":
            street, number = self.lexicon.street_address(rng)
            return f"{street} {number}", [(0, len(street), "LOC")]
        if kind == "INITIALS":
            return self._whole(self._person(state, index).initials(rng), "PER")
        if kind == "FIRSTNAMES":
            person = self._person(state, index)
            return self._whole(" ".join(person.given + person.extra_initials), "PER")
        slot = kind + (f".{form}" if form else "")
        return self.lexicon.value(rng, slot), []

    @staticmethod
    def _whole(text: str, label: str) -> tuple[str, list[Span]]:
        return text, [(0, len(text), label)]

    def person_form(self, person: Person, form: str | None, rng: random.Random) -> str:
        if form is None or form == "any":
            forms, weights = zip(*DEFAULT_FORMS)
            form = rng.choices(forms, weights)[0]
        if form == "short":
            form = "init" if rng.random() < 0.6 else "first"
        if form == "full":
            given = person.given if rng.random() < 0.85 else person.given[:1]
            return f"{' '.join(given)} {person.surname_after_given()}"
        if form == "init":
            return f"{person.initials(rng)} {person.surname_after_given()}"
        if form in ("sur", "poss"):
            return person.surname_alone(rng) if form == "sur" or rng.random() < 0.7 else self.person_form(person, "full", rng)
        if form == "first":
            return person.first
        if form == "fi":
            core = split_surname(person.surname)[1]
            return f"{person.first} {core[:1].upper()}."
        if form == "abbr":
            # Personal initials used as a short sign-off in minutes and action lists ("JvdB").
            prefix, core = split_surname(person.surname)
            return person.first[:1].upper() + "".join(w[:1] for w in prefix.split()) + core[:1].upper()
        if form == "formal":
            return f"{person.initials(rng)} ({person.first}) {person.surname_after_given()}"
        if form == "rev":
            return self._reversed(person, rng)
        if form == "caps":
            roll = rng.random()
            if roll < 0.4:
                return person.surname.upper()
            if roll < 0.7:
                return f"{person.surname.upper()}, {person.first}"
            return self.person_form(person, "full", rng).upper()
        raise KeyError(form)

    def _reversed(self, person: Person, rng: random.Random) -> str:
        prefix, core = split_surname(person.surname)
        initials = person.initials(rng)
        roll = rng.random()
        if prefix and roll < 0.35:
            return f"{core}, {initials if rng.random() < 0.6 else person.first} {prefix}"
        if roll < 0.6:
            return f"{person.surname_alone(rng)}, {person.first}"
        if roll < 0.9:
            return f"{person.surname_alone(rng)}, {initials}"
        return f"{person.surname_alone(rng)}, {initials} ({person.first})"

    def titled(self, person: Person, form: str | None, rng: random.Random) -> tuple[str, list[Span]]:
        address = rng.choice(ADDRESS_M if person.sex == "m" else ADDRESS_F)
        academic = rng.choice(["mr.", "drs.", "dr.", "ir.", "prof.", "mr. drs.", "prof. dr.", "dr. ir.", "ing."])
        form = form or rng.choice(["sur", "sur", "init", "full"])
        if form == "sur":
            prefix = f"{address} {academic} " if rng.random() < 0.08 else f"{address} "
            name = person.surname_alone(rng)
        elif form == "init":
            roll = rng.random()
            prefix = f"{address} " if roll < 0.5 else f"{academic} " if roll < 0.8 else f"{address} {academic} "
            name = self.person_form(person, "init", rng)
        else:
            prefix = f"{address} " if rng.random() < 0.6 else f"{academic} "
            name = self.person_form(person, "full", rng)
        return prefix + name, [(len(prefix), len(prefix) + len(name), "PER")]


def possessive(name: str) -> str:
    if name.endswith(("s", "x", "z", "sch", "S", "X", "Z")):
        return "'"
    if name[-1:].lower() in "aeiouyé":
        return "'s"
    return "s"
