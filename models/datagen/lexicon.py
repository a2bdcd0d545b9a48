"""Fillers for the non-person slots: organisations, places and plain values (dates, numbers)."""

from __future__ import annotations

import random

from . import sources
from .names import Weighted, is_heldout

MONTHS = [
    "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
    "oktober", "november", "december",
]
DAYS = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]
PORTFOLIOS = [
    "Binnenlandse Zaken en Koninkrijksrelaties", "Justitie en Veiligheid",
    "Volksgezondheid, Welzijn en Sport", "Onderwijs, Cultuur en Wetenschap",
    "Economische Zaken en Klimaat", "Financiën", "Infrastructuur en Waterstaat",
    "Landbouw, Natuur en Voedselkwaliteit", "Sociale Zaken en Werkgelegenheid", "Algemene Zaken",
    "Buitenlandse Zaken", "Defensie", "Asiel en Migratie", "Binnenlandse Zaken",
]
TITLES_ACADEMIC = ["mr.", "drs.", "dr.", "ir.", "ing.", "prof.", "mr. drs.", "prof. dr.", "dr. ir.", "drs. ing.", "mr. dr.", "bc."]
ADDRESS_M = ["de heer", "dhr.", "heer", "meneer", "de heer", "dhr"]
ADDRESS_F = ["mevrouw", "mw.", "mevr.", "mevrouw", "mw", "juffrouw"]
DOMAINS = [
    "minbzk.nl", "minjenv.nl", "minvws.nl", "minocw.nl", "minezk.nl", "minfin.nl", "minienw.nl",
    "minlnv.nl", "minszw.nl", "minaz.nl", "minbuza.nl", "mindef.nl", "rws.nl", "politie.nl", "om.nl",
    "belastingdienst.nl", "rivm.nl", "nvwa.nl", "ind.nl", "uwv.nl", "duo.nl", "utrecht.nl",
    "amsterdam.nl", "denhaag.nl", "rotterdam.nl", "vng.nl", "gmail.com", "hotmail.com",
    "outlook.com", "kpnmail.nl", "ziggo.nl", "telenet.be", "advocaten.nl", "rijksoverheid.nl",
]
NEWS = [
    "de Volkskrant", "NRC", "Trouw", "Het Parool", "De Telegraaf", "het AD", "de NOS", "RTL Nieuws",
    "het ANP", "Belga", "De Standaard", "De Morgen", "Het Laatste Nieuws", "Het Nieuwsblad", "de VRT",
    "VTM", "Nieuwsuur", "EenVandaag", "Reuters", "AFP",
]
NATIONALITIES = ["Nederlandse", "Marokkaanse", "Turkse", "Surinaamse", "Poolse", "Belgische", "Syrische", "Eritrese"]
UNITS = ["DO", "CZW", "AJZ", "BFO", "WJZ", "OBDR", "BOR", "PenB", "CIO", "IFV", "POLITIE", "SBO"]


def _drop_article(text: str) -> str:
    return text[4:] if text.startswith(("het ", "de ")) else text


class Lexicon:
    def __init__(self, heldout: bool) -> None:
        lex = sources.TEMPLATE_DIR / "lexicon"
        self.ministries = [line.split("\t") for line in sources.read_lines(lex / "ministries.txt")]
        self.agencies = sources.read_lines(lex / "agencies.txt")
        self.directies = sources.read_lines(lex / "directies.txt")
        self.companies = sources.read_lines(lex / "companies.txt")
        self.parties = sources.read_lines(lex / "parties.txt")
        self.clubs = sources.read_lines(lex / "clubs.txt")
        self.countries = sources.read_lines(lex / "countries.txt")
        self.functions = sources.read_lines(lex / "functions.txt")
        self.subjects = sources.read_lines(lex / "subjects.txt")
        self.phrases = sources.read_groups(lex / "phrases.txt")

        places = sources.data_path("names", "places-nl-bag2019")
        towns = [t for t in sources.read_lines(places / "woonplaatsen_bag2019.txt") if is_heldout(t) == heldout]
        munis = [t for t in sources.read_lines(places / "municipalities_bag2019.txt") if is_heldout(t) == heldout]
        self.towns = Weighted(towns)
        self.municipalities = Weighted(munis)
        self.provinces = sources.read_lines(places / "provinces_bag2019.txt")
        streets: list[str] = []
        weights: list[float] = []
        for raw in (places / "streets_bag2019_frequency.tsv").read_text(encoding="utf-8").splitlines():
            count, _, name = raw.partition("\t")
            # Streets named once are mostly long compound names; common ones show the usual shapes.
            if count.isdigit() and int(count) >= 2 and is_heldout(name) == heldout:
                streets.append(name)
                weights.append(int(count) ** 0.5)
        self.streets = Weighted(streets, weights)

    # -- organisations -------------------------------------------------------------------------
    def org(self, rng: random.Random, kind: str, surname: str) -> str:
        if kind == "min":
            full = rng.choice(self.ministries)[0]
            return full if rng.random() < 0.8 else "ministerie" + full[len("Ministerie"):]
        if kind == "abbr":
            return rng.choice(self.ministries)[1]
        if kind == "agency":
            return rng.choice(self.agencies)
        if kind == "dir":
            return rng.choice(self.directies)
        if kind == "company":
            return rng.choice(self.companies).replace("{SUR}", surname)
        if kind == "party":
            return rng.choice(self.parties)
        if kind == "club":
            return rng.choice(self.clubs)
        if kind == "news":
            return _drop_article(rng.choice(NEWS))
        if kind == "brand":
            return self.brand(rng)
        if kind == "gem":
            word = "Gemeente" if rng.random() < 0.8 else "gemeente"
            return f"{word} {self.municipalities.draw(rng)}"
        kind = rng.choice(["min", "abbr", "agency", "agency", "dir", "company", "gem", "party", "brand"])
        return self.org(rng, kind, surname)

    @staticmethod
    def brand(rng: random.Random) -> str:
        """An invented company or product name: unknown words the model must place by context."""
        onsets = ["b", "c", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "cr", "gr", "tr", "st", "pl", "qu", "x"]
        vowels = ["a", "e", "i", "o", "u", "ia", "eo", "ae", "y"]
        codas = ["", "", "n", "r", "s", "l", "x", "t", "m", "nt", "rd"]
        word = "".join(rng.choice(onsets) + rng.choice(vowels) + rng.choice(codas) for _ in range(rng.randint(2, 3)))
        word = word[:1].upper() + word[1:]
        roll = rng.random()
        if roll < 0.25:
            return word + rng.choice([" Group", " Airlines", " Bank", " Systems", " Telecom", " Logistics", " NV", " BV", " Holding", " International", " Pharma"])
        if roll < 0.32:
            return word.upper()
        if roll < 0.4:
            return word + rng.choice(["tel", "tec", "com", "net", "soft", "med"])
        return word

    @staticmethod
    def foreign_place(rng: random.Random) -> str:
        """An invented place name, so LOC is learnt from context rather than from a list."""
        onsets = ["b", "d", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "z", "st", "br", "kr", "gr"]
        vowels = ["a", "e", "i", "o", "u", "au", "ei"]
        word = "".join(rng.choice(onsets) + rng.choice(vowels) + rng.choice(["", "n", "r", "l", "s"]) for _ in range(rng.randint(1, 2)))
        word += rng.choice(["burg", "stadt", "ville", "ton", "ia", "istan", "grad", "sund", "ach", "heim", "ovo", "pur", "abad", "", ""])
        return word[:1].upper() + word[1:]

    # -- places --------------------------------------------------------------------------------
    def loc(self, rng: random.Random, kind: str) -> str:
        if kind == "city":
            roll = rng.random()
            if roll < 0.55:
                return self.towns.draw(rng)
            if roll < 0.85:
                return self.municipalities.draw(rng)
            return rng.choice(self.countries[:18] + self.countries[-30:])
        if kind == "country":
            return rng.choice(self.countries)
        if kind == "street":
            return self.streets.draw(rng)
        if kind == "prov":
            return rng.choice(self.provinces)
        if kind == "foreign":
            return self.foreign_place(rng)
        return self.loc(rng, rng.choice(["city", "city", "country", "street", "prov"]))

    # -- plain values (never entities) ---------------------------------------------------------
    def value(self, rng: random.Random, slot: str) -> str:
        if slot == "FUNC":
            return rng.choice(self.functions)
        if slot == "FUNC.cap":
            func = rng.choice(self.functions)
            return func[:1].upper() + func[1:]
        if slot == "SUBJECT":
            subject = rng.choice(self.subjects)
            return subject[:1].upper() + subject[1:] if rng.random() < 0.6 else subject
        if slot == "DATE":
            return self.date(rng, long=rng.random() < 0.4)
        if slot == "DATE.long":
            return self.date(rng, long=True)
        if slot == "TIME":
            return f"{rng.randint(7, 22)}{rng.choice([':', '.'])}{rng.randint(0, 59):02d}"
        if slot == "PHONE":
            return self.phone(rng)
        if slot == "NUM":
            return str(rng.choice([rng.randint(1, 20), rng.randint(1, 999), rng.randint(1000, 99999)]))
        if slot == "AGE":
            return str(rng.randint(17, 88))
        if slot == "MONTH":
            return rng.choice(MONTHS)
        if slot == "DAY":
            day = rng.choice(DAYS)
            return day.capitalize() if rng.random() < 0.15 else day
        if slot == "YEAR":
            return str(rng.randint(1994, 2025))
        if slot == "REF":
            return rng.choice([
                f"{rng.randint(2019, 2025)}-{rng.randint(10**9, 10**10 - 1)}",
                f"BZK/{rng.randint(2019, 2025)}/{rng.randint(1000, 99999)}",
                f"{rng.randint(1000000, 9999999)}",
                f"WOO-{rng.randint(2019, 2025)}-{rng.randint(100, 9999)}",
            ])
        if slot == "SCORE":
            return f"{rng.randint(0, 5)}-{rng.randint(0, 4)}"
        if slot == "POSTCODE":
            return f"{rng.randint(1000, 9999)} {rng.choice('ABCDEGHJKLMNPRSTVWXZ')}{rng.choice('ABCDEGHJKLMNPRSTVWXZ')}"
        if slot == "TITLES":
            return rng.choice(TITLES_ACADEMIC)
        if slot == "TITLE":
            return rng.choice(["mr.", "drs.", "dr.", "ir.", "prof."])
        if slot == "INITIAL":
            return rng.choice("ABCDEFGHIJKLMNOPRSTVWYZ")
        if slot == "NATIONALITY":
            return rng.choice(NATIONALITIES)
        if slot == "SEX":
            return rng.choice(["M", "V", "man", "vrouw"])
        if slot in self.phrases:
            return rng.choice(self.phrases[slot])
        if slot == "ADVLOW":
            return rng.choice(self.phrases["ADV"]).lower()
        if slot == "DEPT":
            return rng.choice(UNITS)
        raise KeyError(slot)

    def date(self, rng: random.Random, long: bool) -> str:
        day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.randint(2015, 2025)
        if long:
            return f"{day} {MONTHS[month - 1]} {year}"
        return rng.choice([f"{day}-{month}-{year}", f"{day:02d}-{month:02d}-{year}", f"{day}/{month}/{year}", f"{year}-{month:02d}-{day:02d}"])

    def phone(self, rng: random.Random) -> str:
        digits = "".join(str(rng.randint(0, 9)) for _ in range(8))
        return rng.choice([
            f"06-{digits}", f"06 {digits[:2]} {digits[2:4]} {digits[4:6]} {digits[6:]}", f"+31 6 {digits}",
            f"070-{digits[:3]} {digits[3:7]}", f"(070) {digits[:7]}", f"+31 (0)6 {digits[:4]} {digits[4:]}",
        ])

    def street_address(self, rng: random.Random) -> tuple[str, str]:
        street = self.streets.draw(rng)
        number = str(rng.randint(1, 250)) + rng.choice(["", "", "", "a", "-2", " bis", "A"])
        return street, number
