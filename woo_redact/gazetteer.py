"""Dutch first names and surnames as evidence for the name detectors.

The lists come from pip packages that ship them as data: ``deduce``'s lookup lists (read as
plain files, deduce itself is never imported) and Faker's nl_NL / nl_BE person providers. Nothing
is bundled with woo-redact and nothing is downloaded.

A name list alone is weak evidence: many Dutch surnames are ordinary words (Bakker, Visser,
Koning, de Wit). ``common_names`` holds the names that are also Dutch dictionary words, so
callers can demand more evidence (a first name, initials or a title next to them) before such
a token counts as a name. The merged lists are pickled to a cache directory, because building
them (and the dictionary check) takes seconds while loading the pickle takes milliseconds.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import math
import os
import pickle
import re
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from spacy.lang.nl.stop_words import STOP_WORDS

_CACHE_SCHEMA = 11
# zipf >= 3.0 is roughly "seen once per million words": anything that frequent and not a
# name is an ordinary word for our purposes.
COMMON_ZIPF = 3.0

_DEDUCE_NAMES = "data/lookup/src/names"
_DEDUCE_PLACES = "data/lookup/src/locations/lst_placename"
_DEDUCE_INSTITUTIONS = ("data/lookup/src/institutions/lst_healthcare_institution",
                        "data/lookup/src/institutions/lst_hospital")
# Flemish spellings write the interfix as one word before a separate surname
# ("Vande Velde", "Vanden Borre", "Vander Elst").
FLEMISH_INTERFIXES = frozenset({"vande", "vanden", "vander"})


# Compared and hashed by identity (one per process): name parsing is cached per gazetteer.
@dataclass(frozen=True, slots=True, eq=False)
class Gazetteer:
    """Lower-cased name lists plus the checks the recognizers need."""

    first_names: frozenset[str]
    surnames: frozenset[str]  # without interfix: "berg", "jansen", "el idrissi"
    interfix_surnames: frozenset[str]  # surnames seen with an interfix ("vries" of "de Vries")
    interfixes: frozenset[str]  # "van", "van der", "in 't", ...
    common_names: frozenset[str]  # names that are also Dutch dictionary words
    places: frozenset[str]  # place names, so "De Bilt" is not read as interfix + surname
    frequencies: dict[str, float]  # zipf frequency of Dutch words seen at least now and then
    # The words of ``frequencies`` that are ordinary Dutch words. Frequency alone cannot
    # tell: web text is full of proper names, so "shakespeare", "blatter" and "armstrong"
    # are as frequent as "trekker" or "markt".
    dictionary: frozenset[str] = frozenset()
    # care institutions and hospitals by name ("Parnassia", "Amphia", "Nij Smellinghe")
    institutions: frozenset[str] = frozenset()

    def is_first_name(self, word: str) -> bool:
        return word.lower() in self.first_names

    def is_surname(self, word: str) -> bool:
        w = word.lower()
        return w in self.surnames or w in self.interfix_surnames

    def is_name(self, word: str) -> bool:
        return self.is_first_name(word) or self.is_surname(word)

    def is_interfix(self, words: str) -> bool:
        return words.lower() in self.interfixes

    def is_institution(self, words: str) -> bool:
        return words.lower() in self.institutions

    def is_place(self, words: str) -> bool:
        return words.lower() in self.places

    def is_common_word(self, word: str) -> bool:
        """True for stop words, names that are dictionary words, and frequent non-names."""
        return _is_common(self, word.lower())

    def zipf(self, word: str) -> float:
        """Dutch word frequency on the zipf scale (0 = rare or unseen, 7 = "de")."""
        return self.frequencies.get(word.lower(), 0.0)

    def is_dictionary_word(self, word: str) -> bool:
        """An ordinary Dutch word (a stop word or a word seen now and then with a lower-case
        lemma), as opposed to a word that is only frequent because it is a name ("Hamilton")."""
        w = word.lower()
        return w in STOP_WORDS or w in self.common_names or w in self.dictionary

    def is_distinctive_name(self, word: str) -> bool:
        """A listed name that is not also an ordinary word: evidence on its own."""
        w = word.lower()
        return self.is_name(w) and not self.is_common_word(w)


def _is_common(gaz: Gazetteer, w: str) -> bool:
    if w in STOP_WORDS or w in gaz.common_names:
        return True
    if w in gaz.first_names or w in gaz.surnames or w in gaz.interfix_surnames:
        return False
    return gaz.frequencies.get(w, 0.0) >= COMMON_ZIPF


def _frequencies(floor: float = 2.5) -> dict[str, float]:
    """wordfreq's Dutch list as zipf values; words rarer than ``floor`` count as unseen.

    Copied into the cache because importing wordfreq and reading its list costs over a
    second per process, the cached dict a few milliseconds.
    """
    from wordfreq import get_frequency_dict

    out = {}
    for word, freq in get_frequency_dict("nl").items():
        z = round(math.log10(freq) + 9, 2) if freq > 0 else 0.0
        if z >= floor:
            out[word] = z
    return out


def _read_lines(path: Path) -> list[str]:
    if not path.is_file():
        return []
    return [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]


def _deduce_root() -> Path:
    """deduce's package folder, found without importing deduce: importing it reconfigures
    the root logger (DEBUG, to stdout) for the whole process."""
    spec = importlib.util.find_spec("deduce")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("the 'deduce' package (name lists) is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


def _deduce_list(folder: str) -> set[str]:
    """A deduce lookup list minus its exceptions (deduce's own semantics)."""
    root = _deduce_root() / folder
    items = set(_read_lines(root / "items.txt"))
    return items - set(_read_lines(root / "exceptions.txt"))


def _split_interfix(name: str, interfixes: set[str]) -> tuple[str, str]:
    """("van der", "berg") for "Van der Berg"; ("", "jansen") without an interfix."""
    low = re.sub(r"\s+", " ", name.strip().lower())
    best = ""
    for ix in interfixes:
        if low.startswith(ix + " ") and len(ix) > len(best):
            best = ix
    return best, low[len(best):].strip()


def _faker_names() -> tuple[set[str], set[str]]:
    from faker.providers.person.nl_BE import Provider as BE
    from faker.providers.person.nl_NL import Provider as NL

    firsts: set[str] = set()
    lasts: set[str] = set()
    for prov in (NL, BE):
        for attr in ("first_names_male", "first_names_female", "first_names"):
            firsts.update(str(n) for n in getattr(prov, attr, ()) or ())
        lasts.update(str(n) for n in getattr(prov, "last_names", ()) or ())
    return firsts, lasts


# The Caribbean parts of the Kingdom, which neither list holds: the public bodies (islands)
# and their towns, as Dutch documents write them ("Statia", "St. Eustatius", "The Bottom")
KINGDOM_CARIBBEAN = frozenset({
    "caribisch nederland", "bes-eilanden", "bonaire", "kralendijk", "rincon", "sint eustatius",
    "st. eustatius", "statia", "oranjestad", "saba", "the bottom", "windwardside", "st. johns",
    "hell's gate", "zions hill", "aruba", "curaçao", "curacao", "willemstad", "sint maarten",
    "st. maarten", "philipsburg"})


# The names places go by in speech and letters beside their official ones, which the lists
# hold ("Locatie Den Bosch" for 's-Hertogenbosch)
EVERYDAY_PLACE_NAMES = frozenset({"den bosch", "den haag", "hertogenbosch"})
# The main waters, which name water boards, foundations and areas ("Waterschap Rijn en
# IJssel", "langs de IJssel"); with the article as the text writes them. Not the Maas or
# the Waal alone: "Maas" and "de Waal" are common surnames.
WATERS = frozenset({
    "ijssel", "oude ijssel", "gelderse ijssel", "hollandse ijssel", "rijn", "nederrijn",
    "oude rijn", "kromme rijn", "amstel", "vecht", "schelde", "westerschelde",
    "oosterschelde", "ijsselmeer", "markermeer", "waddenzee", "noordzee", "merwede",
    "spaarne", "linge", "dommel", "regge", "dinkel", "eem", "gouwe", "hollands diep",
    "haringvliet", "lauwersmeer", "veluwemeer", "grevelingen"})
_WATERS_WITH_ARTICLE = frozenset({("het " if w.endswith("meer") else "de ") + w for w in WATERS}
                                 | {"de maas", "de oude maas"})


def _faker_places() -> set[str]:
    from faker.providers.address.nl_BE import Provider as BE
    from faker.providers.address.nl_NL import Provider as NL

    out: set[str] = set()
    for prov in (NL, BE):
        for attr in ("cities", "countries"):
            out.update(str(p).lower() for p in getattr(prov, attr, ()) or ())
    return out


def _dictionary_words(candidates: set[str]) -> set[str]:
    """The candidates that are ordinary Dutch word forms in simplemma's lexicon.

    The lexicon also holds proper nouns, but gives them a capitalised lemma ("jan" -> "Jan"),
    so a lower-case lemma marks an ordinary word ("bakkers" -> "bakker").
    """
    from simplemma.strategies.dictionaries import DefaultDictionaryFactory

    lexicon = DefaultDictionaryFactory().get_dictionary("nl")
    common = set()
    for w in candidates:
        lemma = lexicon.get(w)
        if lemma and lemma[:1].islower():
            common.add(w)
    return common


def build() -> Gazetteer:
    """Build the gazetteer from the installed packages (slow: seconds)."""
    interfixes = {i.lower() for i in _deduce_list(f"{_DEDUCE_NAMES}/lst_interfix")}
    interfixes = {i for i in interfixes if "." not in i and "/" not in i and i != "v"}
    firsts = {n.lower() for n in _deduce_list(f"{_DEDUCE_NAMES}/lst_first_name")}
    surnames = {n.lower() for n in _deduce_list(f"{_DEDUCE_NAMES}/lst_surname")}
    ix_surnames = {n.lower() for n in _deduce_list(f"{_DEDUCE_NAMES}/lst_interfix_surname")}

    f_firsts, f_lasts = _faker_names()
    firsts |= {n.lower() for n in f_firsts if n.isalpha() or "-" in n}
    for raw in f_lasts:
        if "," in raw or len(raw.split()) > 4:
            continue  # Faker's historical forms ("Bourgondië, van") are not modern names
        ix, rest = _split_interfix(raw, interfixes)
        if not rest:
            continue
        (ix_surnames if ix else surnames).add(rest)

    interfixes |= FLEMISH_INTERFIXES
    # Exceptions deduce removed from its name lists are words that are names too; keep them
    # out, and mark listed names that are dictionary words as common.
    stop = {w.lower() for w in STOP_WORDS}
    firsts -= stop
    surnames -= stop
    ix_surnames -= stop
    single = {w for w in firsts | surnames | ix_surnames if " " not in w}
    common = _dictionary_words(single)

    freqs = _frequencies()
    dictionary = _dictionary_words(set(freqs))

    places: set[str] = set()
    for sub in ("lst_residence", "lst_municipality", "lst_province", "lst_region"):
        places |= {p.lower() for p in _deduce_list(f"{_DEDUCE_PLACES}/{sub}")}
    # deduce knows Dutch places only; Flemish towns and the countries of the world are as
    # often mistaken for surnames ("Brussel", "Israël"). A first name ("Mark", "Veerle") or
    # a short word ("As", "Mol") stays a possible name.
    places |= {p for p in _faker_places() if len(p) > 3 and p not in firsts}
    places |= KINGDOM_CARIBBEAN
    places |= EVERYDAY_PLACE_NAMES | WATERS | _WATERS_WITH_ARTICLE
    institutions = {i.lower() for folder in _DEDUCE_INSTITUTIONS for i in _deduce_list(folder)}

    return Gazetteer(
        first_names=frozenset(firsts),
        surnames=frozenset(surnames),
        interfix_surnames=frozenset(ix_surnames),
        interfixes=frozenset(interfixes),
        common_names=frozenset(common),
        places=frozenset(places),
        frequencies=freqs,
        dictionary=frozenset(dictionary),
        institutions=frozenset(institutions),
    )


def _cache_key() -> str:
    parts = [str(_CACHE_SCHEMA)]
    for dist in ("deduce", "faker", "simplemma", "wordfreq", "spacy"):
        try:
            parts.append(f"{dist}-{importlib.metadata.version(dist)}")
        except importlib.metadata.PackageNotFoundError:
            parts.append(f"{dist}-none")
    return "_".join(parts)


def cache_dir() -> Path:
    """WOO_REDACT_CACHE, else $XDG_CACHE_HOME/woo-redact, else ~/.cache/woo-redact."""
    env = os.environ.get("WOO_REDACT_CACHE")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "woo-redact"


_lock = threading.Lock()
_loaded: Gazetteer | None = None


def load(cache: Path | None = None) -> Gazetteer:
    """The process-wide gazetteer: memory, then the pickle cache, then a fresh build."""
    global _loaded
    with _lock:
        if _loaded is not None and cache is None:
            return _loaded
        folder = cache if cache is not None else cache_dir()
        path = folder / f"gazetteer-{_cache_key()}.pickle"
        gaz: Gazetteer | None = None
        try:
            with path.open("rb") as fh:
                obj = pickle.load(fh)
            if isinstance(obj, Gazetteer):
                gaz = obj
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
            gaz = None
        if gaz is None:
            gaz = build()
            _write_atomically(path, gaz)
        if cache is None:
            _loaded = gaz
        return gaz


def _write_atomically(path: Path, gaz: Gazetteer) -> None:
    # A read-only home or a full disk only costs the rebuild next time; parallel workers
    # may race to write, so write to a temp file and rename.
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".gazetteer-", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(gaz, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        for stale in path.parent.glob("gazetteer-*.pickle"):
            if stale != path:  # built from older package versions
                stale.unlink(missing_ok=True)
    except OSError:
        pass


# --- name-shape building blocks shared by the name detectors and propagation -------------

# Titles and forms of address, lower-case without the dot. A capitalised word after one of
# these is a surname (or first name) with high confidence.
TITLES: frozenset[str] = frozenset({
    "de heer", "heer", "meneer", "mijnheer", "mevrouw", "mevr", "mw", "mej", "dhr", "hr",
    "drs", "dr", "mr", "ir", "ing", "prof", "ds", "bc", "msc", "bsc", "llm",
    "kand", "dra", "lec", "fam", "familie",
})
# Regex for one or more titles ("mr. drs.", "de heer", "prof. dr. ir."), case-insensitive.
TITLE_RE = (
    r"(?i:(?:de\s+heer|mijnheer|meneer|heer|mevrouw|mevr\.?|mw\.?|mej\.?|dhr\.?|"
    # a household addressed by its surname: "Fam. Rozendaal", "familie De Wit"
    r"fam\.?|familie|"
    r"drs\.?|dr\.?|mr\.?|ir\.?|ing\.?|prof\.?|ds\.?|bc\.?)"
    r"(?:\s+(?:drs\.?|dr\.?|mr\.?|ir\.?|ing\.?|prof\.?|bc\.?))*)"
)
# One capitalised name word: Jansen, O'Brien, D'Hondt, McDonald, Çelik, IJsselmuiden.
NAMEWORD_RE = r"(?:\p{Lu}['’])?(?:IJ|\p{Lu})\p{Ll}+(?:['’]?\p{Lu}\p{Ll}+)?"
# Interfixes, any case of the first letter ("van der", "Van der", "VAN DER", "in 't").
INTERFIX_RE = (
    # abbreviated as notes write them: "v.d. Berg", "v/d Sluis", "vd Meer"
    r"(?i:v\.[ \t]?d\.|v/d|v\.d(?![\w.])|vd\.?(?=[ \t])|"
    r"van\s+der|van\s+den|van\s+de|van\s+het|van\s+'t|in\s+'t|in\s+het|in\s+den|"
    r"op\s+de|op\s+den|op\s+het|op\s+'t|uit\s+de|uit\s+den|aan\s+de|aan\s+den|bij\s+de|"
    r"de\s+la|van|von|den|der|de|ter|ten|te|'t|du|da|di|dos|del|della|le|la|el|al|ben|"
    r"bin|abu|ait|bou|zur|zu)"
)
# Initials: "J.", "J.M.", "J. M.", "Th.", "Chr.", "IJ.".
INITIALS_RE = (r"(?:(?:(?:Chr|Ch|Th|Ph|IJ|\p{Lu})\.[ \t]?){1,5}"
               # the last initial without its full stop: "H.J Smit"
               r"|(?:\p{Lu}\.){1,4}\p{Lu}[ \t](?=\p{Lu}\p{Ll}))")
# Initials as minutes and paraphs write them, without dots: "WB", "KdJ", "JvdB", "HSJ"
INITIALS_ABBREV_RE = r"\p{Lu}(?:\p{Ll}{0,3}\p{Lu}){1,4}"
# A surname with optional interfix, including double names ("Jansen-de Vries").
SURNAME_RE = (
    rf"(?:{INTERFIX_RE}\s+)?{NAMEWORD_RE}"
    rf"(?:-(?:{INTERFIX_RE}\s+)?{NAMEWORD_RE})*"
)

_STREET_SUFFIXES = ("straat", "laan", "weg", "plein", "markt", "gracht", "kade", "singel",
                    "steeg", "dreef", "boulevard", "pad", "hof", "park", "baan", "dijk")
# Endings of Dutch derived words (adjectives, abstract nouns, plurals of agent nouns) that
# surnames rarely have; OCR-mangled or rare words with them are not names.
_WORD_ENDINGS = ("ische", "isch", "heid", "heden", "ingen", "ing", "ties", "tie", "ieve",
                 "lijk", "lijke", "baar", "bare", "ers", "sters", "atie", "iteit", "schap",
                 "elijk", "matig", "waardig", "loos", "loze")


def looks_like_street(word: str) -> bool:
    """"Leeuwenhoeklaan", "Turfmarkt": a street name ending, longer than the ending itself."""
    w = word.lower()
    return any(w.endswith(suf) and len(w) > len(suf) + 2 for suf in _STREET_SUFFIXES)


# Endings of the names of laws, decrees and works ("Jeugdwet", "Kaderwet", "Opiumwet",
# "Bouwbesluit", "IJsselbrug"); no surname ends so.
_LAW_AND_WORKS_ENDINGS = ("wet", "besluit", "regeling", "verordening", "brug", "tunnel",
                          "viaduct", "sluis")


def looks_like_law_or_work(word: str) -> bool:
    """"Jeugdwet", "Kaderwet", "IJsselbrug": a law or a structure, not a person."""
    w = word.lower()
    return any(w.endswith(suf) and len(w) > len(suf) + 2 for suf in _LAW_AND_WORKS_ENDINGS)


def looks_like_derived_word(word: str) -> bool:
    """"Dierenbeschermers", "Curatieve", "Geactualiseerd": shaped like a Dutch word."""
    w = word.lower()
    return len(w) >= 7 and (w.endswith(_WORD_ENDINGS) or
                            (w.startswith(("ge", "be", "ver", "ont")) and w.endswith(("d", "t"))))


def is_task_word(word: str, gaz: Gazetteer) -> bool:
    """A long compound of ordinary words that no name list holds ("Bestuurssecretariaat",
    "Infectieziektebestrijding", "Klachtenfunctionaris"): a team, a task or a function, as
    a mail header names a shared mailbox; surnames made of words ("Schoonhoven") are
    listed."""
    return (len(word) >= 10 and not gaz.is_name(word)
            and is_compound(word.lower(), gaz, strict=True))


def is_compound(word: str, gaz: Gazetteer, strict: bool = False) -> bool:
    """A Dutch compound of two ordinary words ("Kamerbrief", "Rijksoverheid",
    "Koninkrijksrelaties"): capitalised as a proper noun, but an institution or a heading.
    ``strict`` asks for dictionary words as parts, so a foreign surname made of frequent
    strings ("Armstrong") is no compound."""
    if len(word) < 8 or not word.isalpha():
        return False
    def common_part(part: str) -> bool:
        # a frequent ordinary word; names are frequent too ("Abdul" + "Aziz") but no parts
        if strict and not gaz.is_dictionary_word(part):
            return False
        # a frequent word, or a long one of the dictionary ("signalering")
        return ((gaz.zipf(part) >= 3.0 or (len(part) >= 6 and gaz.is_dictionary_word(part)))
                and (part in gaz.common_names or not gaz.is_name(part)))

    for k in range(len(word) - 4, 2, -1):
        head, tail = word[:k], word[k:]
        if not common_part(tail):
            continue
        for h in (head, head[:-1] if head.endswith("s") else "", head[:-2] if head.endswith("en") else ""):
            # the head may be a compound itself: "havenkade" + "brug"
            if len(h) >= 3 and (common_part(h) or is_compound(h, gaz, strict)):
                return True
        # a verb stem as first part: "Vergaderplaats" (vergaderen), "Zoekterm" (zoeken)
        if len(head) >= 4 and gaz.zipf(head + "en") >= 3.5 and (
                not strict or gaz.is_dictionary_word(head + "en")):
            return True
    return False


def looks_like_agent_noun(word: str, gaz: Gazetteer) -> bool:
    """"Opsteller", "Verslaglegger", "Penvoerder": something + the doer of a frequent verb
    (stellen, leggen, voeren), the shape of a role label; an unlisted surname rarely is."""
    w = word.lower()
    if len(w) < 8 or not w.endswith("er") or not w.isalpha():
        return False
    for k in range(2, len(w) - 5):
        stem = w[k:-2]  # "stell", "legg", "voerd"
        if gaz.zipf(stem + "en") >= 3.5 or (stem.endswith("d") and gaz.zipf(stem[:-1] + "en") >= 3.5):
            return True
    return False


# Endings of the names of services, institutes and councils ("Naturalisatiedienst",
# "Verwey-Jonkerinstituut", "Onderwijsinspectie"); no surname ends so.
_ORG_ENDINGS = ("dienst", "instituut", "inspectie", "autoriteit", "stichting", "vereniging",
                "ministerie", "directie", "commissie", "agentschap", "organisatie",
                "corporatie", "bedrijf", "kantoor", "bureau", "centrum", "fonds", "omroep",
                "houderij", "boerderij", "kwekerij", "ziekenhuis", "kliniek", "regio",
                "toezicht")


def looks_like_organisation(word: str) -> bool:
    """"Naturalisatiedienst", "Kenniscentrum": a compound that names an organisation."""
    w = word.lower()
    return any(w.endswith(suf) and len(w) > len(suf) + 2 for suf in _ORG_ENDINGS)


_SENTENCE_END = ".!?:;•·●▪◦*–—-(\"“‘'«"


def is_sentence_start(text: str, pos: int) -> bool:
    """True when ``pos`` opens a line, a sentence, a list item or a quotation."""
    i = pos - 1
    while i >= 0 and text[i] in " \t\u00a0":
        i -= 1
    if i < 0 or text[i] in "\n\r\f":
        return True
    if text[i] in _SENTENCE_END:
        # "dhr." and other abbreviations end in a dot but do not end a sentence
        j = i - 1
        while j >= 0 and (text[j].isalpha()):
            j -= 1
        word = text[j + 1:i].lower()
        return not (text[i] == "." and word in TITLES)
    return False
