"""Shared plumbing of the rule-based PERSON recognizers.

``NameRecognizer`` is their base class: gazetteer access, one result per span with the rule
that fired, spans trimmed of punctuation, and no span an organisation's (see
``organisation_context``). ``parse_name`` reads one name-shaped item (a header recipient,
an attendee, a signature line) and the token patterns and word sets here serve several
recognizers.
"""

from __future__ import annotations

from collections.abc import Iterable

import regex as re
from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from woo_redact import gazetteer as gazetteer_mod
from woo_redact.gazetteer import INTERFIX_RE, NAMEWORD_RE, TITLES, Gazetteer
from woo_redact.recognizers.names.organisation_context import ORG_WORDS, organisation_around

ENTITY = "PERSON"

# Interfixes and particles that may stand as a word of their own inside a name ("Vries,
# J. de", "El Idrissi", "jan.de.vries@").
SINGLE_INTERFIX_WORDS = frozenset({
    "van", "de", "der", "den", "ter", "ten", "te", "'t", "het", "in", "op", "uit", "aan",
    "bij", "la", "le", "el", "al", "ben", "bin", "abu", "ait", "bou", "von", "zu", "zur",
    "du", "da", "di", "dos", "del", "della", "d'", "l'", "vd",
})
# Greetings and function words that the first-name lists also hold ("Hoi", "Dag", "Van").
NOT_FIRST_NAMES = frozenset({
    "hoi", "hallo", "hai", "hey", "hi", "dag", "beste", "lieve", "geachte", "goedemorgen",
    "goedemiddag", "goedenavond", "dank", "bedankt", "groet", "groeten", "namens", "aan", "van",
    "cc", "bcc", "per", "met", "voor", "door", "over", "mei", "juni", "juli", "augustus",
})

NEXT_WORD = re.compile(r"[ \t]*(?P<w>[\p{L}]+|[,.;:)!?\n]|$)")
NAMEWORD_TOKEN = re.compile(rf"{NAMEWORD_RE}(?:-(?:{INTERFIX_RE}\s+)?{NAMEWORD_RE})*")
INITIAL_TOKEN = re.compile(r"(?:(?:Chr|Ch|Th|Ph|IJ|\p{Lu})\.)+")
_ITEM_TOKEN = re.compile(r"[^\s,]+|,")
# Any label that opens a line ("Onderwerp:", "Bijlagen:"): a header's or a list's value ends
ANY_LABEL = re.compile(r"(?i)^[ \t>]*[\p{L} ]{2,30}:")


class NameRecognizer(EntityRecognizer):
    """Shared plumbing: gazetteer access and results that say which rule fired."""

    EXPLANATION = "name rule"

    def __init__(self, gazetteer: Gazetteer | None = None, supported_language: str = "nl",
                 name: str | None = None) -> None:
        self._gaz = gazetteer
        # no Presidio context words: each rule weighs its own (as gazetteer_pairs.PERSON_CONTEXT)
        super().__init__(supported_entities=[ENTITY], name=name,
                         supported_language=supported_language, context=[])

    def load(self) -> None:  # lists load lazily, on first use, from the shared cache
        pass

    @property
    def gaz(self) -> Gazetteer:
        if self._gaz is None:
            self._gaz = gazetteer_mod.load()
        return self._gaz

    def find(self, text: str) -> Iterable[tuple[int, int, float, str]]:
        """(start, end, score, why) for every name this rule sees."""
        raise NotImplementedError

    def analyze(self, text: str, entities: list[str],
                nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        if entities and ENTITY not in entities:
            return []
        best: dict[tuple[int, int], tuple[float, str]] = {}
        for start, end, score, why in self.find(text):
            start, end = _trim(text, start, end)
            if end <= start:
                continue
            if best.get((start, end), (-1.0, ""))[0] < score:
                best[(start, end)] = (score, why)
        # judged once per span: rules find the same name many times
        return [self._result(s, e, sc, why) for (s, e), (sc, why) in sorted(best.items())
                if not organisation_around(text, s, e)]

    def _result(self, start: int, end: int, score: float, why: str) -> RecognizerResult:
        explanation = AnalysisExplanation(
            recognizer=self.name, original_score=score,
            textual_explanation=f"{self.EXPLANATION}: {why}" if why else self.EXPLANATION,
        )
        return RecognizerResult(
            entity_type=ENTITY, start=start, end=end, score=score,
            analysis_explanation=explanation,
            recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                                  RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id},
        )


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and not (text[start].isalnum() or text[start] in "'’"):
        start += 1
    while end > start and not (text[end - 1].isalnum() or text[end - 1] == "."):
        end -= 1
    # a trailing dot belongs to an initial ("Jansen, J.") but not to a sentence end
    if end > start and text[end - 1] == "." and not INITIAL_TOKEN.fullmatch(
            text[start:end].split()[-1].split(",")[-1] or ""):
        end -= 1
    return start, end


# --- parsing one "name-shaped" item (header recipient, attendee, signature line) ----------

def is_title_token(tok: str) -> bool:
    return tok.lower().rstrip(".") in TITLES


def _is_nameword(tok: str, gaz: Gazetteer) -> bool:
    if NAMEWORD_TOKEN.fullmatch(tok):
        return True
    # upper-case surnames ("JANSEN, J.") from address books, only when listed
    return tok.isupper() and len(tok) >= 3 and gaz.is_surname(tok)


def parse_name(text: str, start: int, end: int, gaz: Gazetteer) -> tuple[int, int] | None:
    """The person's name at the start of text[start:end], or None.

    Accepts "Jan Jansen", "J.M. van der Berg", "Jansen, Jan", "Vries, J. de", "drs. A. El
    Idrissi" (title skipped). Stops at the first word that cannot be part of a name, so
    "Jan Jansen (BZK)" or "Jan Jansen, beleidsmedewerker" yield "Jan Jansen".
    """
    toks = [(m.start(), m.end(), m.group()) for m in _ITEM_TOKEN.finditer(text, start, end)]
    i = 0
    while i < len(toks) and (is_title_token(toks[i][2]) or
                             (toks[i][2].lower() == "de" and i + 1 < len(toks)
                              and toks[i + 1][2].lower() == "heer")):
        i += 2 if toks[i][2].lower() == "de" else 1
    taken: list[tuple[int, int, str, str]] = []  # (s, e, tok, kind)
    comma_seen = False
    for s, e, tok in toks[i:]:
        bare = tok.strip("\"“”‘’")
        if bare.startswith("'") and not bare.lower().startswith(("'t", "'s")):
            bare = bare.lstrip("'")
        if bare.endswith("'"):
            bare = bare.rstrip("'")
        s += tok.find(bare) if bare else 0
        e = s + len(bare)
        if tok == ",":
            if comma_seen or not taken or taken[-1][3] != "word":
                break
            comma_seen = True
            taken.append((s, e, tok, "comma"))
            continue
        if INITIAL_TOKEN.fullmatch(bare):
            kind = "initials"
        elif bare.lower() in SINGLE_INTERFIX_WORDS:
            kind = "interfix"
        elif _is_nameword(bare, gaz):
            kind = "word"
        else:
            break
        taken.append((s, e, bare, kind))
        if len(taken) > 8:
            return None
    # drop what cannot end a name (a dangling comma, or an interfix unless "Vries, J. de");
    # a comma after the name ("J. Jansen, rechercheur") is no "Jansen, Jan" form
    while taken and taken[-1][3] == "comma":
        taken.pop()
    comma_seen = any(t[3] == "comma" for t in taken)
    while taken and (taken[-1][3] == "comma" or (taken[-1][3] == "interfix" and not comma_seen)):
        taken.pop()
    if not taken:
        return None
    words = [t for _, _, t, k in taken if k == "word"]
    if not words:
        return None
    if taken[0][3] == "interfix" and taken[0][2][:1].islower():
        return None  # "de Raad", "van Justitie": an article or preposition, not a name
    if words[0].lower() in ORG_WORDS:
        return None
    if comma_seen:
        after = [k for _, _, _, k in taken[[t[3] for t in taken].index("comma") + 1:]]
        if not after or after[0] not in ("initials", "word"):
            return None
    if gazetteer_mod.looks_like_street(words[-1]) and not gaz.is_surname(words[-1]):
        return None  # "Burgemeester Patijnlaan"; but "Hoogendijk", "Kerkhof" are surnames
    s0, e0 = taken[0][0], taken[-1][1]
    phrase = text[s0:e0]
    if gaz.is_place(phrase.replace(",", " ")):
        return None
    if not gaz.is_first_name(words[0]) and taken[0][3] != "initials" and any(
            gaz.is_place(" ".join(words[-n:])) for n in (1, 2, 3) if n < len(words)):
        return None  # "Arrondissementsparket Den Haag": an office in a place
    named = [w for w in words if gaz.is_name(w.split("-")[0])]
    plain = [w for w in words if not gaz.is_common_word(w.split("-")[0])]
    has_initials = any(k == "initials" for _, _, _, k in taken)
    if len(words) == 1 and not has_initials:
        w = words[0]
        if gaz.is_common_word(w) and not gaz.is_name(w):
            return None
    elif not named and not plain:
        return None  # "Woo Team", "Juridische Zaken": ordinary words only
    return s0, e0
