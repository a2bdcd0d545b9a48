"""Person names for the templates: sampling from the name lists and rendering name forms.

Every name list is split by a stable hash into a train part and a held-out dev part, so the
dev set measures how well the model recognises names it never saw in training.
"""

from __future__ import annotations

import bisect
import itertools
import random
import unicodedata
import zlib
from dataclasses import dataclass, field

from . import sources

# Words that start a Dutch/Flemish surname and are written in lower case after a first name
# or initials ("Jan van der Berg") but capitalised when the surname stands alone.
PARTICLES = {
    "van", "de", "der", "den", "het", "'t", "ter", "ten", "te", "in", "op", "onder", "uit",
    "aan", "bij", "voor", "over", "vande", "vanden", "vander", "d'", "la", "le", "du", "des",
    "di", "da", "dos", "del", "von", "zu", "el", "al", "ben", "ait", "'s",
}

DIGRAPH_INITIALS = {"Th": "Th.", "Ch": "Chr.", "Ph": "Ph.", "IJ": "IJ."}


def stable_bucket(text: str) -> int:
    return zlib.crc32(text.lower().encode("utf-8")) % 10


def is_heldout(text: str) -> bool:
    return stable_bucket(text) == 0


def ascii_fold(text: str) -> str:
    text = text.replace("ı", "i").replace("ł", "l").replace("Ł", "L").replace("ø", "o")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


class Weighted:
    """Draws items with fixed weights (cumulative table, bisect)."""

    def __init__(self, items: list[str], weights: list[float] | None = None) -> None:
        if not items:
            raise ValueError("empty list")
        self.items = items
        weights = weights or [1.0] * len(items)
        self.cum = list(itertools.accumulate(weights))

    def draw(self, rng: random.Random) -> str:
        return self.items[bisect.bisect_right(self.cum, rng.random() * self.cum[-1])]


def _plausible_surname(name: str) -> bool:
    # The Meertens list holds scraping noise ("van 0s", "in 'tVeld"): keep clean word shapes.
    if not 2 <= len(name) <= 40 or len(name.split()) > 4:
        return False
    if not all(ch.isalpha() or ch in " '-" for ch in name):
        return False
    core = split_surname(name)[1]
    return bool(core) and core[0].isupper()


def split_surname(surname: str) -> tuple[str, str]:
    """("van der", "Berg") for "van der Berg"; the prefix is empty for "Jansen"."""
    words = surname.split(" ")
    prefix: list[str] = []
    for word in words[:-1]:
        if word.lower() in PARTICLES and word[:1].islower():
            prefix.append(word)
        else:
            break
    return " ".join(prefix), " ".join(words[len(prefix):])


def capitalise_first(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


@dataclass
class Person:
    given: list[str]
    surname: str
    sex: str
    extra_initials: list[str] = field(default_factory=list)
    belgian: bool = False

    @property
    def first(self) -> str:
        return self.given[0]

    def surname_after_given(self) -> str:
        # Flemish usage capitalises the particle even after a first name ("Karel De Smet").
        return capitalise_first(self.surname) if self.belgian else self.surname

    def surname_alone(self, rng: random.Random) -> str:
        # Dutch spelling capitalises the particle when no first name or initial precedes it;
        # real documents often do not, so keep some lower-case ones.
        return self.surname if rng.random() < 0.12 else capitalise_first(self.surname)

    def initials(self, rng: random.Random) -> str:
        letters = []
        for name in self.given + self.extra_initials:
            for part in name.split("-"):
                letters.append(DIGRAPH_INITIALS.get(part[:2], part[:1].upper() + ".") if part else "")
        letters = [x for x in letters if x]
        roll = rng.random()
        if roll < 0.12:
            return " ".join(letters)
        if roll < 0.15:
            return "".join(x.rstrip(".") for x in letters)
        return "".join(letters)

    def email(self, rng: random.Random, domain: str) -> str:
        prefix, core = split_surname(self.surname)
        core_flat = ascii_fold(core).replace(" ", "").replace("'", "").lower()
        full_flat = ascii_fold(self.surname).replace(" ", "").replace("'", "").lower()
        first = ascii_fold(self.first).replace(" ", "").lower()
        style = rng.random()
        if style < 0.4:
            local = f"{first[:1]}.{full_flat}"
        elif style < 0.7:
            local = f"{first}.{full_flat}"
        elif style < 0.85:
            local = f"{first[:1]}{core_flat}"
        else:
            local = f"{core_flat}.{first[:1]}"
        return f"{local}@{domain}"


class NameBank:
    """Samples people from the shared name lists plus the repo's hand-written lists."""

    def __init__(self, heldout: bool) -> None:
        self.heldout = heldout
        names = sources.data_path("names")
        extra = sources.TEMPLATE_DIR / "names"

        def keep(name: str) -> bool:
            return is_heldout(name) == heldout

        fk = names / "faker-nl-names"
        self.first_nl = {
            "m": Weighted([n for n in sources.read_lines(fk / "first_names_nl_NL_male.txt") if keep(n)]),
            "f": Weighted([n for n in sources.read_lines(fk / "first_names_nl_NL_female.txt") if keep(n)]),
        }
        be_rows: dict[str, list[tuple[str, int]]] = {"m": [], "f": []}
        text = (fk / "first_names_nl_BE_statbel2022.tsv").read_text(encoding="utf-8").splitlines()[1:]
        for row in text:
            cols = row.split("\t")
            if len(cols) == 3 and keep(cols[0]):
                be_rows["m" if cols[1] == "M" else "f"].append((cols[0], int(cols[2])))
        self.first_be = {
            sex: Weighted([n for n, _ in rows], [c**0.5 for _, c in rows]) for sex, rows in be_rows.items()
        }
        self.first_extra: dict[str, dict[str, list[str]]] = {}
        for key, items in sources.read_groups(extra / "first_names_extra.txt").items():
            origin, sex = key.rsplit(" ", 1)
            kept = [n for n in items if keep(n)] or items
            self.first_extra.setdefault(origin, {}).setdefault(sex, []).extend(kept)

        mt = names / "surnames-nl-meertens"
        top = [(n, c) for n, c in sources.read_counts(mt / "surnames_top1000_2007.tsv", 0, 1) if keep(n)]
        self.sur_top = Weighted([n for n, _ in top], [c**0.5 for _, c in top])
        self.sur_all = Weighted(
            [n for n in sources.read_lines(mt / "surnames_freq5plus.txt") if keep(n) and _plausible_surname(n)]
        )
        be = [(n, c) for n, c in sources.read_counts(fk / "last_names_nl_BE_statbel2022.tsv", 0, 1) if keep(n)]
        self.sur_be = Weighted([n for n, _ in be], [c**0.5 for _, c in be])
        self.sur_extra = {
            key: ([n for n in items if keep(n)] or items)
            for key, items in sources.read_groups(extra / "surnames_extra.txt").items()
        }
        self.origins = sorted(self.sur_extra)

    def _first_for_origin(self, rng: random.Random, origin: str, sex: str) -> str | None:
        parts = set(origin.split("-"))
        pools = [
            names
            for key, by_sex in self.first_extra.items()
            if parts & set(key.split("-"))
            for s, names in by_sex.items()
            if s in (sex, "x")
        ]
        pool = [n for names in pools for n in names]
        return rng.choice(pool) if pool else None

    def _dutch_first(self, rng: random.Random, sex: str, belgian: bool) -> str:
        if belgian or rng.random() < 0.35:
            return self.first_be[sex].draw(rng)
        return self.first_nl[sex].draw(rng)

    def _surname(self, rng: random.Random, belgian: bool) -> str:
        roll = rng.random()
        if belgian and roll < 0.6:
            return self.sur_be.draw(rng)
        if roll < 0.45:
            return self.sur_top.draw(rng)
        if roll < 0.85:
            return self.sur_all.draw(rng)
        return self.sur_be.draw(rng)

    def person(self, rng: random.Random, belgian: bool = False) -> Person:
        sex = "m" if rng.random() < 0.5 else "f"
        if rng.random() < 0.28:
            origin = rng.choice(self.origins)
            surname = rng.choice(self.sur_extra[origin])
            first = self._first_for_origin(rng, origin, sex) if rng.random() < 0.8 else None
            first = first or self._dutch_first(rng, sex, belgian)
        else:
            surname = self._surname(rng, belgian)
            first = self._dutch_first(rng, sex, belgian)
            if rng.random() < 0.08:
                # Children of mixed families and people named in other languages.
                other = self._first_for_origin(rng, rng.choice(self.origins), sex)
                first = other or first
        given = [first]
        if rng.random() < 0.12:
            second = self._dutch_first(rng, sex, belgian)
            if second != first:
                given.append(second)
        if len(given) == 1 and rng.random() < 0.03:
            second = self._dutch_first(rng, sex, belgian)
            given = [f"{first}-{second}"]
        if rng.random() < 0.07:
            other = self._surname(rng, belgian) if rng.random() < 0.7 else rng.choice(
                self.sur_extra[rng.choice(self.origins)]
            )
            if other != surname:
                surname = f"{surname}-{other}"
        extra = [self._dutch_first(rng, sex, belgian) for _ in range(rng.choice((0, 0, 1, 1, 2)))]
        return Person(given=given, surname=surname, sex=sex, extra_initials=extra, belgian=belgian)
