"""A generated Woo-like dossier for the benchmark: e-mail threads, memos/notas with tables,
meeting notes, and one 500-page bundle, with ground truth in the fixtures' truth format.

Deterministic (seeded ``random`` and Faker), written with PyMuPDF, cached under
``bench/corpus/`` and regenerated when missing or when ``VERSION`` changes.

Page profiles follow real Woo releases: an e-mail page holds ~200–300 words with headers and a
signature; a memo page ~500–600 words with 10–15 names, identifiers and a table; meeting notes
an attendee list, agenda items and an action list.
"""

from __future__ import annotations

import json
import random
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pymupdf

VERSION = 9
HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
MIX_PAGES = {"email": 400, "memo": 350, "notes": 260}
BIG_PAGES = 500

FONT = "helv"
MARGIN_X, TOP, BOTTOM = 62.0, 70.0, 780.0
WIDTH = 595.0 - 2 * MARGIN_X
_FONT = pymupdf.Font(FONT)

ORGS = ["Ministerie van Justitie en Veiligheid", "Openbaar Ministerie", "Nationale Politie",
        "Ministerie van Volksgezondheid, Welzijn en Sport", "Inspectie Justitie en Veiligheid",
        "Dienst Justitiële Inrichtingen", "Raad voor de Kinderbescherming",
        "gemeente Utrecht", "gemeente Rotterdam", "Centraal Justitieel Incassobureau"]
UNITS = ["Directie Rechtshandhaving", "Directie Wetgeving en Juridische Zaken",
         "afdeling Strategie", "team Woo-verzoeken", "Directie Communicatie",
         "Bureau Bestuursondersteuning", "afdeling Informatievoorziening"]
ROLES = ["beleidsmedewerker", "senior beleidsadviseur", "juridisch adviseur",
         "coördinator", "teamleider", "projectleider", "officier van justitie",
         "rechercheur", "woordvoerder", "programmamanager", "jurist", "analist"]
OFFICE_HOLDERS = ["minister Grapperhaus", "minister Yeşilgöz-Zegerius",
                  "staatssecretaris Van der Burg", "het lid Van Nispen", "het lid Leijten",
                  "burgemeester Aboutaleb", "minister De Jonge"]
PUBLIC = ["woo@minjenv.nl", "0800-8051", "info@om.nl"]
TOPICS = ["de registratieplicht", "het wetsvoorstel gegevensdeling", "de pilot cameratoezicht",
          "de subsidieregeling slachtofferhulp", "de evaluatie van de Wet open overheid",
          "de capaciteit van de recherche", "het beleidskader ondermijning",
          "de aanpak van cybercriminaliteit", "de kosten van het project",
          "de planning van de uitvoering", "de Kamerbrief over de voortgang",
          "de reactie op het inspectierapport", "de gesprekken met de ketenpartners"]
VERBS = ["bespreken", "afstemmen", "voorleggen", "uitwerken", "toelichten", "agenderen",
         "beoordelen", "aanpassen", "doorsturen", "terugkoppelen"]
FILLER = [
    "Zoals eerder besproken willen wij {topic} in het volgende overleg {verb}.",
    "Het voorstel is inmiddels met de betrokken directies afgestemd en kan worden voorgelegd.",
    "Er zijn nog enkele open punten over de juridische houdbaarheid van de maatregel.",
    "De uitvoeringsorganisaties hebben aangegeven dat de termijn krap is.",
    "Wij stellen voor om {topic} eerst met de ketenpartners te {verb}.",
    "In de bijlage vindt u de stukken die de {org} heeft aangeleverd.",
    "De financiële gevolgen zijn nog niet volledig in beeld gebracht.",
    "Het is van belang dat de communicatie richting de Kamer zorgvuldig wordt voorbereid.",
    "Daarnaast speelt de vraag hoe de privacy van betrokkenen wordt geborgd.",
    "Na overleg met de landsadvocaat is besloten de tekst op onderdelen aan te passen.",
    "De planning gaat uit van besluitvorming voor het zomerreces.",
    "Graag ontvang ik uiterlijk vrijdag uw reactie op {topic}.",
    "De {org} onderschrijft de doelstelling maar heeft zorgen over de uitvoerbaarheid.",
    "Uit de eerste verkenning blijkt dat de capaciteit onvoldoende is.",
    "Wij adviseren u in te stemmen met het voorgestelde vervolg.",
    "Het conceptadvies wordt volgende week in de lijn besproken.",
    "De signalen uit de regio bevestigen het beeld dat eerder is geschetst.",
    "Over {topic} is nog geen overeenstemming bereikt.",
    "In het bestuurlijk overleg is afgesproken de voortgang elk kwartaal te rapporteren.",
    "De inspectie heeft in haar rapport een aantal aanbevelingen gedaan.",
]
PERSON_LINES = [
    "{name} heeft hierover contact gehad met {name2} van de {org}.",
    "Volgens {name} is het dossier nog niet compleet.",
    "{title} {sur} heeft gevraagd om een nadere toelichting op {topic}.",
    "De melding is op {date} door {name} geregistreerd.",
    "{name} ({role}) neemt de coördinatie op zich.",
    "Ik heb {name} gevraagd om {topic} met {name2} af te stemmen.",
    "Het gesprek tussen {name} en {title} {sur2} vond plaats op {date}.",
    "Contactpersoon voor dit dossier is {name}, bereikbaar via {phone}.",
]
OFFICE_LINES = [
    "In antwoord op de vragen van {oh} wordt een Kamerbrief voorbereid.",
    "De reactie wordt afgestemd met de staf van {oh}.",
    "Dit punt is ook aan de orde geweest in het overleg met {oh}.",
]
MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
          "september", "oktober", "november", "december"]
EXTRA_NAMES = [("Mohamed", "El Amrani"), ("Fatima", "Bouzid"), ("Mehmet", "Yilmaz"),
               ("Ayşe", "Demir"), ("Rajesh", "Biharie"), ("Piotr", "Nowak"),
               ("Anastasia", "Kowalczyk"), ("Kwame", "Mensah"), ("Priya", "Ramsaran"),
               ("Youssef", "Benali"), ("Thi Lan", "Nguyen"), ("Sevda", "Öztürk")]


# -- identifiers ----------------------------------------------------------------------------
def bsn(rng: random.Random) -> str:
    while True:
        d = [rng.randint(0, 9) for _ in range(8)]
        s = sum(x * (9 - i) for i, x in enumerate(d))
        last = s % 11
        if last < 10 and d[0] != 0:
            n = "".join(map(str, d + [last]))
            return n if rng.random() < 0.6 else f"{n[:4]}.{n[4:6]}.{n[6:]}"


def iban(rng: random.Random) -> str:
    bank = rng.choice(["ABNA", "INGB", "RABO", "SNSB", "TRIO", "ASNB"])
    acct = "".join(str(rng.randint(0, 9)) for _ in range(10))
    digits = "".join(str(int(c, 36)) for c in bank + acct + "NL00")
    check = 98 - int(digits) % 97
    raw = f"NL{check:02d}{bank}{acct}"
    return " ".join(raw[i:i + 4] for i in range(0, len(raw), 4)) if rng.random() < 0.5 else raw


def phone(rng: random.Random) -> str:
    # Dutch mobile numbers in use start 06-1 … 06-6; landlines here are The Hague's 070
    n = str(rng.randint(1, 6)) + "".join(str(rng.randint(0, 9)) for _ in range(7))
    return rng.choice([f"06-{n}", f"06 {n[:2]} {n[2:4]} {n[4:6]} {n[6:]}",
                       f"+31 6 {n[:4]} {n[4:]}", f"070-{n[:3]} {n[3:7]}"])


def plate(rng: random.Random) -> str:
    c = "BDFGHJKLNPRSTVXZ"
    L = lambda k: "".join(rng.choice(c) for _ in range(k))  # noqa: E731
    D = lambda k: "".join(str(rng.randint(0, 9)) for _ in range(k))  # noqa: E731
    return rng.choice([f"{D(2)}-{L(3)}-{D(1)}", f"{D(1)}-{L(3)}-{D(2)}", f"{L(2)}-{D(3)}-{L(1)}",
                       f"{L(1)}-{D(3)}-{L(2)}", f"{D(1)}-{L(2)}-{D(3)}"])


def parketnummer(rng: random.Random) -> str:
    return f"{rng.randint(1, 99):02d}/{rng.randint(0, 999999):06d}-{rng.randint(10, 24)}"


def bvh(rng: random.Random) -> str:
    return f"PL{rng.randint(1, 99):02d}00-{rng.randint(2015, 2024)}{rng.randint(0, 999999):06d}"


def date_text(rng: random.Random, year: tuple[int, int] = (2019, 2024)) -> str:
    d, m, y = rng.randint(1, 28), rng.randint(1, 12), rng.randint(*year)
    return f"{d} {MONTHS[m - 1]} {y}" if rng.random() < 0.6 else f"{d:02d}-{m:02d}-{y}"


# -- people ---------------------------------------------------------------------------------
@dataclass
class Person:
    first: str
    last: str
    role: str
    org: str
    email: str
    phone: str

    @property
    def full(self) -> str:
        return f"{self.first} {self.last}"

    @property
    def initials(self) -> str:
        return f"{self.first[0]}. {self.last}"

    @property
    def sur(self) -> str:
        return self.last[0].upper() + self.last[1:]


class People:
    def __init__(self, rng: random.Random, faker) -> None:
        self.rng, self.faker = rng, faker

    def make(self) -> Person:
        rng = self.rng
        if rng.random() < 0.2:
            first, last = rng.choice(EXTRA_NAMES)
        else:
            first = self.faker.first_name()
            last = self.faker.last_name().split("-")[0].strip()
        org = rng.choice(ORGS)
        local = f"{first[0]}.{last.replace(' ', '').lower()}"
        local = "".join(ch for ch in local if ch.isascii())
        domain = rng.choice(["minjenv.nl", "om.nl", "politie.nl", "minvws.nl", "gmail.com",
                             "utrecht.nl", "rotterdam.nl"])
        return Person(first, last, rng.choice(ROLES), org, f"{local}@{domain}", phone(rng))


# -- layout ---------------------------------------------------------------------------------
def _width(word: str, size: float, cache: dict = {}) -> float:  # noqa: B006 - a memo
    key = (word, size)
    w = cache.get(key)
    if w is None:
        w = cache[key] = _FONT.text_length(word, fontsize=size)
    return w


def wrap(text: str, size: float, width: float = WIDTH) -> list[str]:
    lines, cur, cur_w = [], [], 0.0
    space = _width(" ", size)
    for word in text.split():
        w = _width(word, size)
        if cur and cur_w + space + w > width:
            lines.append(" ".join(cur))
            cur, cur_w = [word], w
        else:
            cur_w += (space if cur else 0) + w
            cur.append(word)
    if cur:
        lines.append(" ".join(cur))
    return lines


class PageWriter:
    """Places lines top-down on one page; the caller stops when ``full`` is True."""

    def __init__(self, pdf: pymupdf.Document, size: float = 9.5) -> None:
        self.page = pdf.new_page(width=595, height=842)
        # One shape per page: a shape per insert_text costs ~5 ms (it re-reads the page).
        self.shape = self.page.new_shape()
        self.size = size
        self.lead = size * 1.32
        self.y = TOP
        self.pending: list[tuple[float, float, list[str], float]] = []

    def close(self) -> None:
        self.shape.commit()

    @property
    def room(self) -> int:
        return int((BOTTOM - self.y) / self.lead)

    def lines(self, lines: list[str], x: float = MARGIN_X, size: float | None = None,
              gap: float = 0.5) -> int:
        """Write as many of ``lines`` as fit; return how many were written."""
        size = size or self.size
        n = min(len(lines), self.room)
        if n > 0:
            self.shape.insert_text((x, self.y + size), lines[:n], fontsize=size,
                                   fontname=FONT, lineheight=1.32)
            self.y += n * size * 1.32 + gap * self.lead
        return n

    def paragraph(self, text: str) -> bool:
        ls = wrap(text, self.size)
        return self.lines(ls) == len(ls)

    def table(self, head: list[str], rows: list[list[str]], widths: list[float]) -> int:
        """A ruled table; returns the rows written."""
        size = self.size - 1
        h = size * 1.6
        x0 = MARGIN_X
        shape = self.shape
        written = 0
        for r_i, row in enumerate([head] + rows):
            if self.y + h > BOTTOM:
                break
            x = x0
            for cell, w in zip(row, widths):
                shape.insert_text((x + 3, self.y + size + 2), cell, fontsize=size,
                                  fontname=FONT)
                x += w
            shape.draw_line((x0, self.y), (x0 + sum(widths), self.y))
            self.y += h
            written += r_i > 0
        shape.draw_line((x0, self.y), (x0 + sum(widths), self.y))
        shape.finish(width=0.5, color=(0, 0, 0))
        self.y += self.lead
        return written


# -- content --------------------------------------------------------------------------------
@dataclass
class DocTruth:
    sensitive: dict[str, str] = field(default_factory=dict)  # text -> category
    keep: dict[str, str] = field(default_factory=dict)  # text -> reason
    mentions: int = 0  # person names written (every form)

    def s(self, text: str, cat: str) -> str:
        self.sensitive.setdefault(text, cat)
        return text

    def k(self, text: str, reason: str) -> str:
        self.keep.setdefault(text, reason)
        return text


class Content:
    def __init__(self, rng: random.Random, people: People, truth: DocTruth) -> None:
        self.rng, self.people, self.t = rng, people, truth
        self.cast = [people.make() for _ in range(rng.randint(6, 12))]

    def person(self) -> Person:
        if self.rng.random() < 0.15:
            self.cast.append(self.people.make())
        return self.rng.choice(self.cast)

    def name(self, p: Person | None = None) -> str:
        p = p or self.person()
        self.t.mentions += 1
        form = self.rng.random()
        if form < 0.55:
            return self.t.s(p.full, "PERSON")
        if form < 0.8:
            return self.t.s(p.initials, "PERSON")
        title = self.rng.choice(["mevrouw", "de heer"])
        self.t.s(p.sur, "PERSON")
        return f"{title} {p.sur}"

    def org(self) -> str:
        return self.t.k(self.rng.choice(ORGS), "organisation")

    def filler(self) -> str:
        s = self.rng.choice(FILLER)
        return s.format(topic=self.rng.choice(TOPICS), verb=self.rng.choice(VERBS),
                        org=self.rng.choice(ORGS))

    def person_line(self) -> str:
        p, q = self.person(), self.person()
        s = self.rng.choice(PERSON_LINES)
        title = self.rng.choice(["mevrouw", "de heer"])
        if "{sur}" in s:
            self.t.s(p.sur, "PERSON")
            self.t.mentions += 1
        if "{sur2}" in s:
            self.t.s(q.sur, "PERSON")
            self.t.mentions += 1
        fields = {"name": lambda: self.name(p), "name2": lambda: self.name(q),
                  "title": lambda: title, "sur": lambda: p.sur, "sur2": lambda: q.sur,
                  "org": lambda: self.rng.choice(ORGS), "role": lambda: p.role,
                  "topic": lambda: self.rng.choice(TOPICS), "date": lambda: date_text(self.rng),
                  "phone": lambda: self.t.s(p.phone, "PHONE_NUMBER")}
        # only the slots the template has: a name not written must not enter the truth
        return s.format(**{k: f() for k, f in fields.items() if "{" + k + "}" in s})

    def office_line(self) -> str:
        oh = self.t.k(self.rng.choice(OFFICE_HOLDERS), "office holder")
        return self.rng.choice(OFFICE_LINES).format(oh=oh)

    def identifier_line(self) -> str:
        rng, t = self.rng, self.t
        p = self.person()
        kind = rng.randrange(7)
        if kind == 0:
            return (f"Betrokkene {self.name(p)}, BSN {t.s(bsn(rng), 'NL_BSN')}, heeft bezwaar "
                    "gemaakt tegen het besluit.")
        if kind == 1:
            return (f"Het bedrag wordt overgemaakt op rekening {t.s(iban(rng), 'IBAN_CODE')} "
                    f"ten name van {self.name(p)}.")
        if kind == 2:
            street = rng.choice(["Laan van Meerdervoort", "Kerkstraat", "Prinsengracht",
                                 "Dorpsweg", "Van Heemstraweg", "Molenstraat", "Stationsplein"])
            addr = t.s(f"{street} {rng.randint(1, 400)}", "NL_ADDRESS")
            pc = t.s(f"{rng.randint(1000, 9999)} {rng.choice('ABCDEFGHJKLMNPRSTVWXZ')}"
                     f"{rng.choice('ABCDEFGHJKLMNPRSTVWXZ')}", "NL_POSTCODE")
            return f"{self.name(p)} woont aan de {addr}, {pc} {rng.choice(['Utrecht', 'Den Haag', 'Zwolle', 'Tilburg'])}."
        if kind == 3:
            return (f"{self.name(p)} (geboren op {t.s(date_text(rng, (1950, 2004)), 'DATE_OF_BIRTH')}) "
                    "is als getuige gehoord.")
        if kind == 4:
            return (f"De personenauto met kenteken {t.s(plate(rng), 'NL_LICENSE_PLATE')} "
                    f"staat op naam van {self.name(p)}.")
        if kind == 5:
            return (f"De zaak is bij het OM bekend onder parketnummer "
                    f"{t.s(parketnummer(rng), 'NL_PARKETNUMMER')}.")
        return (f"Van het incident is proces-verbaal opgemaakt onder BVH-nummer "
                f"{t.s(bvh(rng), 'NL_POLICE_REFERENCE')}.")


# -- page kinds -----------------------------------------------------------------------------
def email_page(pdf: pymupdf.Document, c: Content, subject: str) -> None:
    w = PageWriter(pdf, 10)
    sender, to = c.person(), c.person()
    cc = [c.person() for _ in range(c.rng.randint(0, 3))]
    hdr = [f"Van: {c.name(sender)} <{c.t.s(sender.email, 'EMAIL_ADDRESS')}>",
           f"Verzonden: {date_text(c.rng)} {c.rng.randint(8, 18)}:{c.rng.randint(0, 59):02d}",
           f"Aan: {c.name(to)} <{c.t.s(to.email, 'EMAIL_ADDRESS')}>"]
    if cc:
        hdr.append("CC: " + "; ".join(c.t.s(p.email, "EMAIL_ADDRESS") for p in cc)
                   + ("; " + c.t.k(c.rng.choice(PUBLIC[:1] + PUBLIC[2:]), "public mailbox")
                      if c.rng.random() < 0.3 else ""))
    hdr.append(f"Onderwerp: {subject}")
    w.lines(hdr, gap=1.2)
    greeting = f"Beste {c.t.s(to.first, 'PERSON')}," if c.rng.random() < 0.5 else f"Geachte {c.name(to)},"
    w.lines([greeting])
    words = 0
    target = c.rng.randint(150, 220)
    while words < target:
        parts = [c.filler(), c.filler()]
        r = c.rng.random()
        if r < 0.45:
            parts.append(c.person_line())
        elif r < 0.6:
            parts.append(c.identifier_line())
        elif r < 0.7:
            parts.append(c.office_line())
        elif r < 0.75:
            parts.append(f"Voor vragen kunt u ook bellen met {c.t.k(PUBLIC[1], 'public number')}.")
        text = " ".join(parts)
        words += len(text.split())
        if not w.paragraph(text):
            break
    sig = ["Met vriendelijke groet,", "", c.name(sender), sender.role,
           c.t.k(sender.org, "organisation"), c.rng.choice(UNITS),
           f"M {c.t.s(sender.phone, 'PHONE_NUMBER')}",
           f"E {c.t.s(sender.email, 'EMAIL_ADDRESS')}"]
    w.lines(sig)
    w.close()


def memo_page(pdf: pymupdf.Document, c: Content, first: bool, title: str) -> None:
    w = PageWriter(pdf, 9.0)
    if first:
        w.lines([title], size=13, gap=1)
        author = c.person()
        w.lines([f"Aan: {c.t.k(c.rng.choice(OFFICE_HOLDERS), 'office holder')}",
                 f"Van: {c.name(author)}, {c.rng.choice(UNITS)}",
                 f"Datum: {date_text(c.rng)}",
                 f"Kenmerk: {c.rng.randint(1000000, 9999999)}"], gap=1.2)
    words, target = 0, c.rng.randint(460, 520)
    table_at = c.rng.randint(1, 3)
    para = 0
    while words < target:
        parts = [c.filler(), c.filler()]
        if c.rng.random() < 0.6:
            parts.append(c.person_line())
        if c.rng.random() < 0.5:
            parts.append(c.identifier_line())
        if c.rng.random() < 0.2:
            parts.append(c.office_line())
        parts.append(c.filler())
        text = " ".join(parts)
        words += len(text.split())
        if not w.paragraph(text):
            break
        para += 1
        if para == table_at and w.room > 9:
            rows = []
            for _ in range(c.rng.randint(3, 4)):
                p = c.person()
                rows.append([c.name(p), p.role, c.t.s(p.phone, "PHONE_NUMBER"),
                             date_text(c.rng)])
            w.table(["Naam", "Functie", "Telefoon", "Datum"], rows, [140, 130, 110, 91])
    w.close()


def notes_page(pdf: pymupdf.Document, c: Content, first: bool, title: str) -> None:
    w = PageWriter(pdf, 9.5)
    if first:
        w.lines([title], size=13, gap=1)
        present = [c.person() for _ in range(c.rng.randint(5, 8))]
        w.lines(wrap("Aanwezig: " + ", ".join(f"{c.name(p)} ({p.role})" for p in present)
                     + ", " + c.t.k(c.rng.choice(OFFICE_HOLDERS), "office holder") + ".", 9.5))
        w.lines(wrap(f"Afwezig: {c.name()}, {c.name()}.", 9.5), gap=1.2)
    item = 1
    words, target = 0, c.rng.randint(300, 380)
    while words < target:
        head = f"{item}. {c.rng.choice(TOPICS).capitalize()}"
        parts = [c.filler(), c.filler()]
        if c.rng.random() < 0.7:
            parts.append(c.person_line())
        if c.rng.random() < 0.4:
            parts.append(c.identifier_line())
        if c.rng.random() < 0.2:
            parts.append(c.office_line())
        text = " ".join(parts)
        words += len(text.split()) + 3
        if w.lines([head], size=10, gap=0.2) == 0 or not w.paragraph(text):
            break
        item += 1
    if w.room > 7:
        rows = [[f"{c.rng.choice(VERBS).capitalize()} {c.rng.choice(TOPICS)}"[:48], c.name(),
                 date_text(c.rng)] for _ in range(c.rng.randint(3, 5))]
        w.table(["Actie", "Wie", "Wanneer"], rows, [250, 130, 91])
    w.close()


def write_document(kind: str, pages: int, seed: int, path: Path, faker) -> dict:
    rng = random.Random(seed)
    faker.seed_instance(seed)
    truth = DocTruth()
    c = Content(rng, People(rng, faker), truth)
    pdf = pymupdf.open()
    subject = f"RE: {rng.choice(TOPICS)}"
    title = {"memo": rng.choice(["Nota", "Memo", "Beslisnota"]) + " " + rng.choice(TOPICS),
             "notes": "Verslag overleg " + rng.choice(TOPICS)}.get(kind, "")
    for i in range(pages):
        k = kind if kind != "bundle" else rng.choice(["email", "email", "memo", "notes"])
        if k == "email":
            email_page(pdf, c, subject)
        elif k == "memo":
            memo_page(pdf, c, i == 0 or kind == "bundle", title or "Nota " + rng.choice(TOPICS))
        else:
            notes_page(pdf, c, i == 0 or kind == "bundle",
                       title or "Verslag overleg " + rng.choice(TOPICS))
    pdf.set_metadata({"title": title or subject, "author": "woo-redact bench", "producer": "PyMuPDF"})
    pdf.save(path, garbage=3, deflate=True)
    pdf.close()
    return _truth(path, kind, truth)


def _truth(path: Path, kind: str, truth: DocTruth) -> dict:
    """Counts come from the written file's text, exact case, as the fixtures' truth counts."""
    sys.path.insert(0, str(HERE.parent))
    from woo_redact.evaluate import count_in, normalize

    with pymupdf.open(path) as pdf:
        text = normalize("\n".join(p.get_text("text") for p in pdf), fold=False)
        words = sum(len(p.get_text("words")) for p in pdf)
        pages = pdf.page_count
    keep_texts = [normalize(k, fold=False) for k in truth.keep]
    sensitive = []
    for s, cat in truth.sensitive.items():
        n = count_in(text, s, fold=False)
        # a surname that is also part of a kept string ("Van Nispen") cannot be scored
        if n and not any(count_in(k, s) for k in keep_texts):
            sensitive.append({"text": s, "count": n, "category": cat,
                              "ground": "5.1.2c" if cat in ("NL_PARKETNUMMER",
                                                            "NL_POLICE_REFERENCE") else
                              ("5.1.1e" if cat == "NL_BSN" else "5.1.2e")})
    sens_texts = [normalize(x["text"]) for x in sensitive]
    keep = []
    for k, r in truth.keep.items():
        n = count_in(text, k, fold=False)
        if n and not any(count_in(normalize(k), x) for x in sens_texts):
            keep.append({"text": k, "count": n, "reason": r})
    return {"document": path.name, "scanned": False, "pages": pages, "kind": kind,
            "words": words, "names_written": truth.mentions, "sensitive": sensitive,
            "keep": keep}


# -- the corpus -----------------------------------------------------------------------------
def plan(seed: int = 20240501) -> list[tuple[str, str, int, int]]:
    """(folder, kind, pages, seed) per document; page counts add up to MIX_PAGES."""
    rng = random.Random(seed)
    docs = []
    ranges = {"email": (1, 5), "memo": (2, 7), "notes": (2, 5)}
    for kind, total in MIX_PAGES.items():
        left = total
        while left > 0:
            n = min(left, rng.randint(*ranges[kind]))
            docs.append(("mix", kind, n, rng.randrange(1 << 30)))
            left -= n
    rng.shuffle(docs)
    docs.append(("big", "bundle", BIG_PAGES, rng.randrange(1 << 30)))
    docs.append(("warmup", "memo", 2, rng.randrange(1 << 30)))
    return docs


def ensure(root: Path = CORPUS, force: bool = False) -> dict:
    """The corpus manifest, generating the corpus first if needed."""
    manifest_path = root / "manifest.json"
    if not force and manifest_path.is_file():
        m = json.loads(manifest_path.read_text("utf-8"))
        if m.get("version") == VERSION and all((root / d["path"]).is_file() for d in m["docs"]):
            return m
    from faker import Faker

    if root.exists():
        shutil.rmtree(root)
    for sub in ("mix", "big", "warmup", "truth"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    faker = Faker("nl_NL")
    docs = []
    counters: dict[str, int] = {}
    for folder, kind, pages, seed in plan():
        counters[kind] = counters.get(kind, 0) + 1
        name = {"email": "email", "memo": "nota", "notes": "verslag",
                "bundle": "dossier"}[kind] + f"-{counters[kind]:03d}.pdf"
        if folder == "big":
            name = f"dossier-{BIG_PAGES}.pdf"
        if folder == "warmup":
            name = "warmup-nota.pdf"
        path = root / folder / name
        truth = write_document(kind, pages, seed, path, faker)
        (root / "truth" / (path.stem + ".json")).write_text(
            json.dumps(truth, ensure_ascii=False, indent=1) + "\n", "utf-8")
        docs.append({"path": f"{folder}/{name}", "folder": folder, "kind": kind,
                     "pages": truth["pages"], "words": truth["words"],
                     "names": truth["names_written"],
                     "sensitive": sum(s["count"] for s in truth["sensitive"]),
                     "keep": sum(k["count"] for k in truth["keep"])})
    manifest = {"version": VERSION, "docs": docs}
    manifest_path.write_text(json.dumps(manifest, indent=1) + "\n", "utf-8")
    return manifest


def profile(manifest: dict, folder: str = "mix", kind: str | None = None) -> dict:
    docs = [d for d in manifest["docs"] if d["folder"] == folder
            and (kind is None or d["kind"] == kind)]
    pages = sum(d["pages"] for d in docs)
    return {"documents": len(docs), "pages": pages,
            "words_per_page": round(sum(d["words"] for d in docs) / pages, 1) if pages else 0,
            "names_per_page": round(sum(d["names"] for d in docs) / pages, 1) if pages else 0,
            "sensitive_per_page": round(sum(d["sensitive"] for d in docs) / pages, 2)
            if pages else 0}


if __name__ == "__main__":
    import time

    t0 = time.perf_counter()
    m = ensure(force="--force" in sys.argv)
    print(json.dumps({k: profile(m, "mix", k) for k in ("email", "memo", "notes")}, indent=1))
    print(json.dumps(profile(m, "big"), indent=1), f"{time.perf_counter() - t0:.1f}s")
