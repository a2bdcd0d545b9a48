"""Public office holders keep their names visible.

Ministers, state secretaries, members of parliament ("het lid Leijten"), mayors and aldermen
act in public office; Woo releases name them. A detected PERSON is kept when

* a role stands right before it ("minister De Jonge", "het lid Leijten", "de leden Omtzigt
  en Leijten", "de staatssecretaris van Financiën, Marnix van Rij", a signature block's
  "De minister van ...,\\n\\nHugo de Jonge") or right after it ("Jansen, wethouder van ...");
* it is the full name of someone on the office-holder list (for a frequent surname such as
  "Chris Jansen" only with a political role mentioned nearby: a civil servant may share it);
* it is the surname of a listed person, the surname is not a frequent one, a political role
  is mentioned nearby, and no other person with that surname appears in the text.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import regex as re

from woo_redact import gazetteer as gazetteer_mod
from woo_redact.gazetteer import INITIALS_ABBREV_RE, INTERFIX_RE, TITLES, Gazetteer
from woo_redact.trade_names import TRADES_AS_AFTER

DEFAULT_FILE = "office_holders.txt"

_INTERFIX = re.compile(INTERFIX_RE)
_INITIALS = re.compile(r"(?:\w\.)+")

# The head of an inspectorate, an agency or a public body: "inspecteur-generaal der Mijnen",
# "Nationaal Coördinator Groningen", "voorzitter van het bestuur, Instituut Mijnbouwschade"
HEAD_OF_BODY = (r"inspecteur-generaal|nationaal\s+co[öo]rdinator|directeur-generaal|"
                r"hoofddirecteur|voorzitter\s+van\s+het\s+(?:dagelijks\s+)?bestuur|"
                # an agency's head by the agency's abbreviation ("algemeen directeur van de
                # RDW"); a company's "algemeen directeur" is no public office
                r"algemeen\s+directeur\s+van\s+(?:de|het)\s+(?-i:[A-Z]{2,6})\b")
# Roles that make the next name an office holder's. "lid"/"leden" need their article so that
# "lid van het projectteam Jansen" is not read as a member of parliament.
_ROLE = (
    r"(?:oud-|voormalig(?:e)?\s+|demissionair(?:e)?\s+|waarnemend(?:e)?\s+)?"
    r"(?P<role>minister-president|vicepremier|premier|ministers|minister|"
    r"staatssecretarissen|staatssecretaris|wethouders|burgemeesters|gedeputeerden|"
    r"raadsleden|statenleden|senatoren|bewindslieden|bewindspersonen|"
    r"(?:tweede-|eerste-)?kamerlid|(?:tweede-)?kamervoorzitter|senator|burgemeester|"
    r"loco-burgemeester|wethouder|gedeputeerde|commissaris\s+van\s+de\s+koning|"
    r"europarlementari[eë]r|fractievoorzitter|fractieleider|partijleider|statenlid|"
    r"gemeenteraadslid|raadslid|"
    # water boards and the Caribbean Netherlands have their own elected or appointed heads
    r"dijkgraaf|hoogheemraad|heemraad|gezaghebber|regeringscommissaris|rijksvertegenwoordiger|"
    r"eilandsraadsle(?:den|d)|eilandsgedeputeerden?|eilandgedeputeerden?|"
    # the islands' own English: "Island Governor Schmidt", "Commissioners Spanner and Berkel"
    r"island\s+governor|lt\.?\s+governor|(?:government\s+)?commissioners?|"
    r"(?:island\s+)?council\s*(?:members?|m[ae]n|wom[ae]n)|"
    r"members?\s+of\s+the\s+island\s+council|"
    # English minutes name a council's members as Dutch ones "het lid": "Member Gumbs
    # voted against" (a staff or family member is no seat)
    r"(?<!staff\s)(?<!team\s)(?<!family\s)(?<!crew\s)(?<!board\s)members?|"
    r"(?:nationale\s+|kinder)?ombuds(?:man|vrouw)|"
    # the heads of the police and the public prosecution who sit in the local "driehoek" with
    # the mayor and speak for their organisation in public
    r"hoofdofficier\s+van\s+justitie|hoofdofficier|procureur-generaal|korpschef|"
    r"politiechef|hoofdcommissaris|"
    # the heads of inspectorates, agencies and public bodies, named in that role
    rf"{HEAD_OF_BODY}|"
    # the board of a public body, named in that role ("Portefeuillehouder RvB René …")
    r"(?:voorzitter|lid|portefeuillehouder)\s+(?:van\s+de\s+)?(?:raad\s+van\s+bestuur|rvb)|"
    r"rvb-lid|bestuursvoorzitter|"
    r"(?:vice-?)?president\s+van\s+de\s+(?:algemene\s+rekenkamer|raad\s+van\s+state)|"
    r"(?:het|de)\s+(?:kamer)?lid|(?:de\s+)?(?:kamer)?leden|"
    r"voorzitter\s+van\s+de\s+(?:tweede|eerste)\s+kamer|motie(?:-|\s+van\s+het\s+lid\s+|\s+))"
)
# "van Volksgezondheid, Welzijn en Sport" / "voor Rechtsbescherming" after a role.
_PORTFOLIO = (r"(?:\s+(?:van|voor|in)\s+(?:\p{Lu}[\p{L}'’-]*|BZK|VWS|OCW|SZW|LNV|EZK|JenV|IenW)"
              # "van Financiën – Herstel en Toeslagen": a portfolio's part after a dash
              r"(?:(?:,\s*|\s+[–-]\s+|\s+)(?:en\s+|voor\s+|van\s+|de\s+|het\s+)?"
              r"(?:\p{Lu}[\p{L}'’-]*))*"
              # "staatssecretaris Herstel Groningen, mevrouw D. …": a portfolio without its
              # preposition, when a comma and a title or initial follow (else it is the name)
              r"|(?:\s+(?:en\s+)?\p{Lu}[\p{L}'’-]*){1,3}(?=\s*,\s*(?i:mevrouw|de\s+heer|dhr\.|"
              r"mw\.|mr\.|drs\.|dr\.|ir\.|prof\.)|\s*,\s*\p{Lu}\.))?")
# Names already listed before this one: "de leden Omtzigt en " / "de leden Van Dijk, Bikker en ".
# A name's words stay on one line and only initials end in a dot: "gedeputeerde Fokkens.\n
# Koning, Ruud" (a chat's next message) is not a list of names after the role.
_NAME_WORD = r"(?:(?:\p{Lu}\p{Ll}{0,2}\.)+|\p{Lu}[\p{L}'’-]*)"
# An interfix cannot end a name, so a line may break after it ("Ter\nBeek").
_PRIOR_NAMES = (
    rf"(?:(?:(?:{INTERFIX_RE})[ \t]*\n?[ \t]*)?{_NAME_WORD}(?:[ \t]+(?:(?:{INTERFIX_RE})"
    rf"[ \t]*\n?[ \t]*)?{_NAME_WORD}){{0,3}}[ \t]*(?:,|[ \t]+(?:en|and))\s+)*"
)
# the name's interfix the detector left out: "gedeputeerden Vreeswijk, Ter\n|Beek|"
_INTERFIX_LEFT_OUT = rf"(?:(?-i:{INTERFIX_RE})[ \t]*\n?[ \t]*)?"
# The first part of a double surname a detector split off: "burgemeester Van Dam-te |Strake|".
_NAME_HEAD = rf"(?:(?:(?:{INTERFIX_RE})[ \t]+)?\p{{Lu}}[\p{{L}}'’]*-(?:(?:{INTERFIX_RE})[ \t]+)?)?"
# The cell to its left on the signature line: "De burgemeester,\nA. de Vries      |J. Fokkema|"
# (_same_column then checks the role stands above the name).
_CELL_BEFORE = r",?[ \t]*\n[^\n]*\S[ \t]{3,}"
# A signature block: "De burgemeester,\nw.g. J. Fokkema" (w.g. = was getekend).
_SIGNED = r"(?i:(?:w\.\s?g\.|was\s+getekend)\s*)*"
# "Aan de burgemeester van Den Helder, de heer J. Kompier": a courtesy title after the role,
# and the academic ones a signature block puts before the name ("mr. H.J. Brinkman")
_TITLE_AFTER_ROLE = (r"(?i:(?:de\s+heer|mevrouw|mevr\.|mw\.|dhr\.)\s+)?"
                     r"(?i:(?:mr|drs|dr|ir|ing|prof)\.[ \t]*)*")
_ROLE_BEFORE = re.compile(
    rf"(?i:\b{_ROLE}){_PORTFOLIO}(?:\s*,\s*|[ \t]*\n?[ \t]*|[ \t]+|{_CELL_BEFORE}){_SIGNED}"
    rf"{_TITLE_AFTER_ROLE}(?-i:{_PRIOR_NAMES}){_NAME_HEAD}{_INTERFIX_LEFT_OUT}$")
# "wethouder Jan\nTiemens": the name wraps after its first name
_ROLE_FIRST_NAME_WRAP = re.compile(
    rf"(?i:\b{_ROLE}){_PORTFOLIO}[ \t]+(?P<first>\p{{Lu}}\p{{Ll}}+)[ \t]*\n[ \t]*$")
# "de partner van een wethouder, Marjan Kuipers": the role is someone else's
# ... and so is the role of whom someone works for: "de woordvoerder van de gedeputeerde,
# Sven Mulder-Obeng", "de chauffeur van de burgemeester, Ronald Simons"
_SOMEONE_ELSES_ROLE = re.compile(
    r"(?i)\b(?:een|geen|elke|iedere)\s+$|\b(?:woordvoerder|persvoorlichter|voorlichter|"
    r"secretaresse|secretaris|assistent|adviseur|beleidsadviseur|chauffeur|beveiliger|"
    r"bodyguard|partner|echtgeno(?:ot|te)|vrouw|man|zoon|dochter|medewerker|ondersteuner|"
    r"bestuursadviseur|agendabeheerder|stafmedewerker)\s+van\s+(?:de\s+|het\s+|onze\s+)?$")
# "de heer Rutten (VVD)", "mevrouw Klazes (PvdA, fractievoorzitter)": a party after a name
# marks an elected member speaking in office (council, states, parliament)
_PARTY_AFTER = re.compile(
    r"[ \t]*\((?:VVD|CDA|PvdA|D66|GL|GroenLinks|GL-PvdA|GroenLinks-PvdA|SP|PVV|CU|"
    r"ChristenUnie|SGP|PvdD|Partij voor de Dieren|DENK|JA21|FvD|Volt|BBB|NSC|50PLUS|BIJ1|"
    r"Leefbaar [\p{L} ]{2,30}|Lokaal [\p{L} ]{2,30}|Stadspartij[\p{L} ]{0,30})[,)]")
_ROLE_AFTER = re.compile(
    r"^\s*(?:,|\(|–|-|—)\s*(?i:(?:oud-)?(?:minister-president|vicepremier|premier|minister|"
    r"staatssecretaris|(?:tweede-|eerste-)?kamerlid|kamervoorzitter|senator|burgemeester|"
    r"wethouder|gedeputeerde|commissaris\s+van\s+de\s+koning|europarlementariër|"
    r"fractievoorzitter|statenlid|raadslid|gemeenteraadslid|lid\s+van\s+de\s+(?:tweede|eerste)"
    r"\s+kamer|dijkgraaf|hoogheemraad|heemraad|gezaghebber|(?:nationale\s+)?ombuds(?:man|vrouw)|"
    r"lid\s+van\s+(?:gedeputeerde|provinciale)\s+staten|lid\s+van\s+de\s+gemeenteraad|"
    r"(?:voorzitter|lid)\s+(?:van\s+de\s+)?(?:raad\s+van\s+bestuur|rvb)|bestuursvoorzitter|"
    + HEAD_OF_BODY + r"))\b")
# a signature: the name, then its office on the line (or two) below: "Maarten Camps\n\n
# Voorzitter Raad van Bestuur", "Hugo de Jonge\nMinister van Volksgezondheid, …"; no
# number on that line ("De heer K. Wójcik\nBurgemeester van Nispenstraat 23" is a street)
_ROLE_LINE_AFTER = re.compile(
    r"^[ \t]*,?[ \t]*\n(?:[ \t]*\n)?[ \t]*(?i:de\s+)?(?i:(?:minister-president|minister|"
    r"staatssecretaris|burgemeester|wethouder|gedeputeerde|commissaris\s+van\s+de\s+koning|"
    r"dijkgraaf|gezaghebber|(?:voorzitter|lid|portefeuillehouder)\s+(?:van\s+de\s+)?"
    r"(?:raad\s+van\s+bestuur|rvb)|bestuursvoorzitter|" + HEAD_OF_BODY + r"))\b(?![^\n]*\d)")
# A name right after a role: the role is that person's ("wethouder M. Bakkal"), whatever
# name stands before it
_NAME_AFTER_ROLE = re.compile(r"[ \t]+(?:(?:mr|dr|drs|ir|ing|prof)\.?[ \t]+)*"
                              r"(?-i:\p{Lu}\.|\p{Lu}\p{Ll}+)")
# "een vraag van Joba van den Berg in het debat", "tijdens het commissiedebat": a speaker in a
# parliament's or council's debate holds the seat
_IN_DEBATE_AFTER = re.compile(
    r"^[^.\n]{0,40}?\b(?:in|tijdens)\s+(?:het|de)\s+(?:\w+)?(?:debat|vergadering\s+van\s+de\s+"
    r"(?:tweede|eerste)\s+kamer)\b", re.IGNORECASE)
_ROLE_NEARBY = re.compile(
    r"(?i)\b(?:minister-president|premier|minister|staatssecretaris|kamerlid|kamerleden|"
    r"het\s+lid|de\s+leden|kamervoorzitter|senator|burgemeester|wethouder|gedeputeerde|"
    r"bewindspersoon|bewindslieden|kabinet|motie|fractie|dijkgraaf|gezaghebber|ombudsman|"
    r"\w*debat|kamervragen|kamerbrief|tweede\s+kamer|eerste\s+kamer|plenair\w*|"
    # the House's own meetings and papers: a (schriftelijk) overleg, the minister's table file
    r"(?-i:VSO|AO|SO)|notaoverleg|wetgevingsoverleg|schriftelijk\s+overleg|tafeldossier|"
    r"woordvoerder\w*)\b")
# A detector that took the role into the name: "|Gezaghebber Rijna|", "|Dijkgraaf Meijer|".
_ROLE_IN_NAME = re.compile(rf"(?i:{_ROLE})[ \t]+(?=\p{{Lu}})")


def _role_across_start(text: str, start: int, end: int):
    """A role that begins before the found name and ends inside it: "Portefeuillehouder
    |RvB René Steenvoorden|" (the detector took the role's last word for part of the name)."""
    for m in _ROLE_IN_NAME.finditer(text, max(0, start - 40), end):
        if m.start() < start < m.end() < end:
            return m
    return None


# "Koning" in a title is the head of state, not someone named Koning ("commissaris van de
# Koning"); propagation brings the surname of a "Koning, Ruud" here from elsewhere. So is
# "de Koning" in running text, unless a title or first name precedes it ("mevrouw de Koning").
_KING_TITLE = re.compile(r"(?i:commissaris|kabinet|majesteit|namens)\s+(?:van\s+)?de\s+$")
_THE_KING = re.compile(r"(?<![\p{L}.])(?:(?P<prev>[\p{L}.]+)[ \t]+)?de[ \t]+$")
# A chat export's sender line: "Koning, Ruud   09:31" under a message ending in a role word.
_SENDER_AFTER = re.compile(r"[ \t]*(?:,[ \t]*\p{Lu}[\p{L}'’-]*)?[ \t]*\d{1,2}:\d{2}\b")
# Columns of a signature block are set apart by long runs of spaces.
_COLUMN_GAP = re.compile(r"[ \t]{3,}")
_CELL_END = re.compile(r"\S[ \t]{3,}")
NEARBY_CHARS = 200
# Initials as minutes write them ("HSJ", "MtB"): offices are held by names, not these
_INITIALS_FORM = re.compile(INITIALS_ABBREV_RE)
# A civil servant's or a professional's function right before or after a listed name: the
# person is a namesake at work, not the politician ("Behandelaar mr. K. Verhoeven")
_OTHER_FUNCTIONS = (r"(?:behandelaar|behandeld\s+door|officier\s+van\s+justitie|"
                    r"advocaat(?:-generaal)?|rechter|griffier|(?:gemeente)?secretaris|"
                    r"contactpersoon|beleidsmedewerker|medewerker|adviseur|inspecteur|rechercheur|"
                    r"verbalisant|consulent|casemanager|opsteller|notulist|teamleider|"
                    r"afdelingshoofd|directeur|huisarts|arts)")
_OTHER_FUNCTION = re.compile(
    rf"(?i)\b{_OTHER_FUNCTIONS}\b[ \t:,]*\n?[ \t]*(?:(?:mr|dr|drs|ir|ing|prof)\.?[ \t]*)*$")
_OTHER_FUNCTION_AFTER = re.compile(rf"(?i)[ \t]*,?[ \t]*\(?{_OTHER_FUNCTIONS}\b")


def _own_function_after(text: str, end: int) -> bool:
    """"J.W. Hoekstra (gemeentesecretaris)": the name has a function of its own; not in
    "… en Van Wijngaarden, gemeentesecretaris W.H. Langeveld", where it is the next name's."""
    m = _OTHER_FUNCTION_AFTER.match(text, end, min(len(text), end + 40))
    return bool(m) and not _NAME_AFTER_ROLE.match(text, m.end(), min(len(text), m.end() + 60))


# Reasons that tie a name to an office in the text itself (not the list of names)
_ROLE_REASONS = ("office holder: role context", "office holder: elected member")
# A surname this frequent in Dutch text (Jansen, Visser, de Vries, de Jong) is shared by
# too many civil servants to be taken for the listed politician without a role.
FREQUENT_SURNAME_ZIPF = 3.9


# asked for every name found, and again per holder in frequent_surname: pages repeat names
@lru_cache(maxsize=1 << 16)
def normalise(name: str) -> str:
    """Case-, accent-, title- and word-order-insensitive key: "Jonge, H. de" == "h. de jonge"."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = text.replace("’", "'")
    if text.count(",") == 1:
        sur, first = (p.strip() for p in text.split(","))
        # "vries, j. de" -> "j. de vries": a trailing interfix moves back before the surname
        parts = first.split()
        ix = []
        while parts and _INTERFIX.fullmatch(parts[-1]) and len(parts) > 1:
            ix.insert(0, parts.pop())
        text = " ".join(parts + ix + [sur])
    words = text.split()
    while words:
        if words[:2] == ["de", "heer"]:
            words = words[2:]
        elif words[0].rstrip(".") in TITLES:
            words = words[1:]
        else:
            break
    return " ".join(words).strip(" .,")


def _surname_keys(full: str) -> set[str]:
    """Ways a listed person is named by surname: "hugo de jonge" -> {"de jonge", "jonge"}.

    Everything after the first name counts as the surname, so double names without a hyphen
    ("Hanke Bruins Slot") are only matched whole, never by a part that is an ordinary word.
    """
    words = full.split()
    if len(words) < 2:
        return {full}
    tail = " ".join(words[1:])
    keys = {tail}
    stripped = _strip_interfix(tail)
    if stripped != tail:
        keys.add(stripped)
    return keys


def _strip_interfix(key: str) -> str:
    words = key.split()
    while len(words) > 1 and _INTERFIX.fullmatch(words[0]):
        words = words[1:]
    return " ".join(words)


@dataclass(frozen=True, slots=True)
class OfficeHolder:
    name: str
    role: str


class OfficeHolders:
    """The list plus the role-context check ``policy.decide`` calls for every PERSON."""

    def __init__(self, holders: list[OfficeHolder], gazetteer: Gazetteer | None = None) -> None:
        self.holders = list(holders)
        self._gaz = gazetteer
        self._full: dict[str, OfficeHolder] = {}
        self._surname: dict[str, list[OfficeHolder]] = {}
        for h in self.holders:
            key = normalise(h.name)
            self._full[key] = h
            for k in _surname_keys(key):
                self._surname.setdefault(k, []).append(h)

    @classmethod
    def from_file(cls, path: str | Path | None = None) -> OfficeHolders:
        """Read "Name | role" lines; None reads the list shipped with woo-redact."""
        if path is None:
            raw = (resources.files("woo_redact") / "data" / DEFAULT_FILE).read_text("utf-8")
        else:
            raw = Path(path).read_text("utf-8")
        holders = []
        for line in raw.splitlines():
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            name, _, role = line.partition("|")
            if name.strip():
                holders.append(OfficeHolder(name.strip(), role.strip() or "office holder"))
        return cls(holders)

    @property
    def gaz(self) -> Gazetteer:
        if self._gaz is None:
            self._gaz = gazetteer_mod.load()
        return self._gaz

    def frequent_surname(self, holder: OfficeHolder) -> bool:
        """Is the surname's main part ("Dekker" of "Dekker-Abdulaziz") frequent?"""
        words = normalise(holder.name).split()
        tail = _strip_interfix(" ".join(words[1:])) if len(words) > 1 else words[0]
        main = tail.split("-")[0].split()[-1]
        return self.gaz.zipf(main) >= FREQUENT_SURNAME_ZIPF

    def frequent_word(self, surname: str) -> bool:
        """Is this surname shared by too many people to stand for one without a role?"""
        return self.gaz.zipf(surname.split()[-1]) >= FREQUENT_SURNAME_ZIPF

    def __len__(self) -> int:
        return len(self.holders)

    def listed(self, name: str) -> OfficeHolder | None:
        """The listed person with this full name ("H. de Jonge" matches Hugo de Jonge)."""
        key = normalise(name)
        if key in self._full:
            return self._full[key]
        words = key.split()
        if len(words) >= 2 and _INITIALS.fullmatch(words[0]):
            rest = " ".join(words[1:])
            for h in self._surname.get(rest, []):
                if normalise(h.name).startswith(words[0][0]):
                    return h
        if len(words) >= 2:
            # "Koolmees Wouter" in a chat export's header: surname first, without a comma
            turned = " ".join(words[-1:] + words[:-1])
            if turned in self._full:
                return self._full[turned]
        return None

    def only_one_named(self, surname: str) -> OfficeHolder | None:
        """The one listed person with this surname ("de jonge": Hugo de Jonge), if only one."""
        found = self._surname.get(normalise(surname), [])
        return found[0] if len(found) == 1 else None

    def is_office_holder(self, name: str) -> bool:
        """Predicate for propagation: never spread a listed office holder's name."""
        return self.listed(name) is not None

    def reason_to_keep(self, text: str, start: int, end: int, name: str) -> str | None:
        reason = self._reason_to_keep(text, start, end, name)
        if reason and _BOARD_ROLE.search(reason) and _private_body_around(text, start, end):
            # "bestuursvoorzitter Wouter Siegersma … het ziekenhuis": a private institution's
            # board, not a public body's
            return None
        return reason

    def _place_after(self, text: str, pos: int) -> bool:
        """Is the capitalised word running through ``pos`` a place the lists know?"""
        a = pos
        while a > 0 and not text[a - 1].isspace():
            a -= 1
        b = pos
        while b < len(text) and (text[b].isalpha() or text[b] in "-'’"):
            b += 1
        return self.gaz.is_place(text[a:b])

    def _reason_to_keep(self, text: str, start: int, end: int, name: str) -> str | None:
        if _INITIALS_FORM.fullmatch(name):
            return None  # "burgemeester | HSJ" in an action list: whoever acts, not the mayor
        before = text[max(0, start - 160):start]
        stacked = _stacked_signer(text, start)
        if stacked is not None:
            # "de secretaris,\nde burgemeester,\ndrs. J.W. Hoekstra\nmr. H.J. Brinkman":
            # signers' functions above, their names below, in the same order
            return f"office holder: signs as '{stacked}'" if stacked else None
        m = _ROLE_BEFORE.search(before)
        if (m and _same_column(before, m.start("role"), text, start)
                # "wethouders A. Dijkstra en R. Verhoef; J.W. Hoekstra (gemeentesecretaris)":
                # a name with a function of its own is not the role's
                and not _own_function_after(text, end)
                # a line break between the role and the name (not inside the role: "het\nlid")
                and not ("\n" in before[m.end("role"):] and (_SENDER_AFTER.match(text, end)
                                                or not _opens_its_line(before, m.start())
                                                or _signers_side_by_side(before, m.start())))
                and not (_SOMEONE_ELSES_ROLE.search(before, 0, m.start())
                         and not m.group("role").lower().startswith(("motie", "het ", "de ")))):
            role = " ".join(m.group("role").split()).strip(" -")
            return f"office holder: role context '{role.lower()}'"
        role = _signer_role(text, start)
        if role:
            return f"office holder: signs as '{role}'"
        m = (_ROLE_FIRST_NAME_WRAP.search(before)
             if " " not in name.strip() and before.rstrip(" \t").endswith("\n") else None)
        if m and self.gaz.is_first_name(m.group("first")):
            return f"office holder: role context '{' '.join(m.group('role').split()).lower()}'"
        board = _board_member_in_brackets(text, start, end)
        if board:
            return f"office holder: role context '{board} raad van bestuur'"
        committee = _chair_of_a_public_committee(text, start, end)
        if committee:
            return f"office holder: role context 'voorzitter {committee}'"
        party = _PARTY_AFTER.match(text, end, min(len(text), end + 60))
        if party:
            return f"office holder: elected member ({party.group().strip(' (,)')})"
        m = _ROLE_IN_NAME.match(name) or _role_across_start(text, start, end)
        if m:
            return f"office holder: role context '{' '.join(m.group('role').split()).lower()}'"
        if name == "Koning" and _is_the_king(before):
            return "office holder: head of state"
        after = _ROLE_AFTER.match(text[end:end + 80]) or _ROLE_LINE_AFTER.match(text[end:end + 90])
        nxt = after and _NAME_AFTER_ROLE.match(text, end + after.end(), min(len(text), end + 120))
        if nxt and not self._place_after(text, nxt.end() - 1):
            # "J.W. Hoekstra\nwethouder M. Bakkal": the next person's role; not "M.P.
            # Lubbers\nNationaal Coördinator Groningen", a role with its region
            after = None
        if after and _OWN_FUNCTION_NEXT.match(text, end + after.end()):
            # "Ruud Zijlstra\nNationaal Coördinator Groningen\nadviseur bewonerszaken": the
            # body's name in a list's organisation column, and the person's own function
            after = None
        if after:
            role = " ".join(after.group().split()).strip(' ,(–-—')
            return f"office holder: role context '{role.lower()}'"
        if _IN_DEBATE_AFTER.match(text[end:end + 80]):
            return "office holder: elected member (speaks in a debate)"
        lo, hi = max(0, start - NEARBY_CHARS), min(len(text), end + NEARBY_CHARS)
        holder = self.listed(name)
        if holder is not None:
            if _OTHER_FUNCTION.search(text, max(0, start - 50), start) or \
                    _OTHER_FUNCTION_AFTER.match(text, end, min(len(text), end + 40)) or \
                    TRADES_AS_AFTER.match(text, end, min(len(text), end + 40)):
                # "de officier van justitie, mr. K. Verhoeven", "L. Westerveld h.o.d.n.
                # Varkensbedrijf …": a namesake at work
                return None
            if not self.frequent_surname(holder):
                return f"office holder: list ({holder.role})"
            if _ROLE_NEARBY.search(text, lo, hi):
                return f"office holder: list ({holder.role}, role nearby)"
            return None
        key = normalise(name)
        candidates = self._surname.get(key) or self._surname.get(_strip_interfix(key))
        if candidates and len(candidates) == 1 and not self.frequent_surname(candidates[0]):
            if _ROLE_NEARBY.search(text, lo, hi) and not self._other_bearer(text, candidates[0]):
                return f"office holder: list ({candidates[0].role}, role nearby)"
        return None

    def keep_later_mentions(self, findings: list, text: str) -> None:
        """A person kept by role or party ("de heer Rutten (VVD)", "wethouder Roduner")
        stays visible where the document names them again by surname alone ("De heer
        Rutten vraagt…"). Not for frequent surnames, which a citizen in the same text may
        share, nor from a lone first name. The members of a list of elected members are
        settled first, so that their later mentions count too."""
        _keep_list_members(findings, text)
        keys: dict[str, str] = {}
        # the people of the text by the last word of their names, to tell a sole bearer
        named: dict[str, set[str]] = {}
        for f in findings:
            if f.entity_type == "PERSON" and len(parts := normalise(f.text).split()) > 1:
                named.setdefault(parts[-1], set()).add(" ".join(parts))
        for f in findings:
            if (f.entity_type == "PERSON" and f.action == "keep"
                    and f.reason.startswith(_ROLE_REASONS)):
                full = normalise(f.text)
                if not full or (" " not in full and self.gaz.is_first_name(full)
                                and not self.gaz.is_surname(full)):
                    continue
                for k in {full, _strip_interfix(full)} | _surname_keys(full):
                    if self.gaz.zipf(k.split()[-1].split("-")[0]) < FREQUENT_SURNAME_ZIPF:
                        keys[k] = f.reason
                if self._sole_bearer(full, named):
                    # "het Kamerlid Van den Berg … mw. Van Den Berg": a frequent surname
                    # too, written whole, when no one else in the text bears it
                    keys.setdefault(full, f.reason)
        if not keys:
            return
        for f in findings:
            if f.entity_type == "PERSON" and f.action == "redact":
                key = normalise(f.text)
                why = keys.get(key) or keys.get(_strip_interfix(key))
                if why:
                    f.action = "keep"
                    f.reason = f"{why}, named so earlier in the document"

    @staticmethod
    def _sole_bearer(surname: str, named: dict[str, set[str]]) -> bool:
        """The kept mention is a surname alone, with its particles ("van den berg"), and
        every person the text names with that surname is named so: no first name or
        initial before it anywhere, which would be someone else or a second person.
        ``named``: the text's names of two words or more, by their last word."""
        words = surname.split()
        if not words or not all(_INTERFIX.fullmatch(w) for w in words[:-1]):
            return False
        return named.get(words[-1], set()) <= {surname}

    @staticmethod
    def _other_bearer(text: str, holder: OfficeHolder) -> bool:
        """Someone else with the same surname in the text ("Karin Visser" vs Barbara Visser)."""
        full = normalise(holder.name)
        sur = _strip_interfix(" ".join(full.split()[1:]) or full)
        first = full.split()[0]
        pat = re.compile(rf"(?<![\w])(\p{{Lu}}[\p{{Ll}}]+|\p{{Lu}}\.)\s+(?:(?:{INTERFIX_RE})\s+)?"
                         rf"(?i:{re.escape(sur)})(?![\w])")
        for m in pat.finditer(text):
            lead = normalise(m.group(1))
            if lead.endswith("."):
                if lead[0] != first[0]:
                    return True
            elif lead != first and lead not in TITLES and not _INTERFIX.fullmatch(lead):
                if lead[0].isalpha() and m.group(1) not in _NON_FIRST_WORDS:
                    return True
        return False


# "de secretaris, de burgemeester,\ndrs. R. van der Zee L.M.M. Bolsius": signers side by
# side, their functions on the line above in the same order
_SIGNER_FUNCTION_RE = (
    r"(?:\bde\s+)?\b(?P<f>gemeentesecretaris|secretaris|griffier|directeur|voorzitter|"
    r"loco-burgemeester|burgemeester|wethouder|dijkgraaf|gedeputeerde|minister|"
    r"staatssecretaris|commissaris\s+van\s+de\s+koning)\s*,")
_SIGNER_FUNCTION = re.compile(rf"(?i){_SIGNER_FUNCTION_RE}")
_OFFICE = re.compile(rf"(?i:{_ROLE})")
# "CdK", "RvB" name the office or the board, never a person (two capitals alone may be
# initials)
_OFFICE_ABBREVIATION = re.compile(r"(?:de[ \t]+)?(?:CdK|RvB|RvC|RvT)")


_BOARD_ROLE = re.compile(r"'(?:bestuursvoorzitter|rvb-lid|(?:voorzitter|lid|portefeuillehouder)"
                         r"\s+(?:van\s+de\s+)?(?:raad\s+van\s+bestuur|rvb)|"
                         r"voorzitter\s+van\s+het\s+(?:dagelijks\s+)?bestuur|hoofddirecteur|"
                         r"algemeen\s+directeur)")
# the kinds of private institution whose board is no public office
_PRIVATE_BODY = re.compile(r"(?i)\b(?:\w*ziekenhuis\w*|zorginstelling\w*|zorggroep\w*|"
                           r"stichting|vereniging|\w*maatschappij|"
                           r"zorgaanbieder\w*|(?:woning)?corporatie\w*|zorgverzekeraar\w*|"
                           r"onderneming\w*|bedrijf|bv|nv|bank|umc)\b|\b[bn]\.v\.")
# how far a name's sentence is read for its setting, either way
SENTENCE_REACH = 200
_SENTENCE_STOP = re.compile(r"[.!?](?=\s)|\n[ \t]*\n")


def _sentence_start(text: str, start: int) -> int:
    """Where the sentence (or paragraph) holding ``start`` begins, within reach."""
    lo = max(0, start - SENTENCE_REACH)
    return max([m.end() for m in _SENTENCE_STOP.finditer(text, lo, start)], default=lo)


def _private_body_around(text: str, start: int, end: int) -> bool:
    """Does the sentence around the name speak of a private institution?"""
    hi = min(len(text), end + SENTENCE_REACH)
    stop = _SENTENCE_STOP.search(text, end, hi)
    return bool(_PRIVATE_BODY.search(text, _sentence_start(text, start),
                                     stop.start() if stop else hi))


# "Ingeborg Tammenga (voorzitter) en Hamid Belkacem (lid)", "N. Kalkman-Osei en R.J.
# Bontekoe (leden Raad van Bestuur)": the board's seat in brackets after the name, or after
# the names listed with it
_SEAT_AFTER = re.compile(r"(?:[ \t]*(?:,|en)[ \t]+[\p{Lu}][\p{L}.'’ -]{1,40}?)?[ \t]*"
                         r"\((?P<seat>voorzitter|vicevoorzitter|lid|leden)"
                         r"(?P<body>[ \t]+(?:van[ \t]+de[ \t]+)?"
                         r"(?:raad[ \t]+van[ \t]+bestuur|rvb))?"
                         r"[ \t]*\)", re.IGNORECASE)
# the rest of a role's line, then a line that opens in lower case: a function of one's own
_OWN_FUNCTION_NEXT = re.compile(r"(?:[ \t]+\p{Lu}[\p{L}'’-]*)*[ \t,;)]*\n[ \t]*"
                                rf"(?:senior\s+|junior\s+)?(?i:{_OTHER_FUNCTIONS})\b")
_BOARD_NAMED = re.compile(r"(?i)\b(?:raad\s+van\s+bestuur|rvb)\b")


def _board_member_in_brackets(text: str, start: int, end: int) -> str:
    """The seat a name holds on a public body's board, by the brackets after it, when the
    brackets or the words before the name (in its sentence) name the board."""
    m = _SEAT_AFTER.match(text, end, min(len(text), end + 60))
    if m is None:
        return ""
    if not m.group("body"):
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end < 0 else line_end
        # the board named before the name in its sentence, or in the list's next brackets on
        # the line ("F.H. Tiemersma (voorzitter), … (leden Raad van Bestuur)")
        if not (_BOARD_NAMED.search(text, _sentence_start(text, start), start)
                or _BOARD_NAMED.search(text, m.end(), min(line_end, m.end() + 100))):
            return ""
    return "lid" if m.group("seat").lower() == "leden" else m.group("seat").lower()


# "Raadscommissie Samenleving\nLocatie: raadzaal\nvoorzitter Bram Oosterling": the chair
# of a council's or province's own committee is one of its elected members
_CHAIR_BEFORE = re.compile(r"(?i)\bvoorzitter[ \t:]*$")
_PUBLIC_COMMITTEE = re.compile(r"(?i)\b(?P<c>raadscommissie|statencommissie|"
                               r"commissie\s+(?:van\s+de\s+)?(?:raad|staten)|gemeenteraad|"
                               r"provinciale\s+staten|algemeen\s+bestuur|eilandsraad)\b")
_CHAIR_OF_ANOTHER = re.compile(r"[ \t]*,?[ \t]*(?:van|namens)\b")
COMMITTEE_LINES_UP = 3


def _chair_of_a_public_committee(text: str, start: int, end: int) -> str:
    """The committee a name chairs, when "voorzitter" stands right before it and the item's
    lines above name a council's committee (not "voorzitter Jan Jansen van de
    bewonersvereniging", who chairs a body of his own)."""
    if not _CHAIR_BEFORE.search(text, max(0, start - 15), start):
        return ""
    if _CHAIR_OF_ANOTHER.match(text, end):
        return ""
    lo = start
    for _ in range(COMMITTEE_LINES_UP + 1):
        lo = text.rfind("\n", 0, max(0, lo - 1)) + 1
    m = _PUBLIC_COMMITTEE.search(text, lo, start)
    return " ".join(m.group("c").lower().split()) if m else ""


def role_pattern() -> str:
    """The regex of the offices that make a name an office holder's (group ``role``)."""
    return _ROLE


def is_office_word(name: str) -> bool:
    """A found "name" that is only an office's word ("Gezaghebber", "heemraad", "CdK"): the
    detector or a table took the role for the person it names."""
    bare = name.strip(" \t\n.,;:()/")
    return bool(_OFFICE.fullmatch(bare) or _OFFICE_ABBREVIATION.fullmatch(bare)
                or bare.lower() in _CHAIR_WORDS
                or "CdK" in bare.split())  # "Bila CdK": an agenda's meeting with the office


# a meeting's functions in English minutes, which no one is called
_CHAIR_WORDS = frozenset({"chairman", "chairwoman", "chairperson", "chair", "members",
                          "secretary", "registrar"})


_FUNCTION_LINE = re.compile(rf"(?i)^[ \t]*(?:w\.\s?g\.\s*)?{_SIGNER_FUNCTION_RE}[ \t]*$")
_NAME_LINE = re.compile(r"^[ \t]*(?:(?:w\.\s?g\.|\p{Lu}[\p{L}'’.-]*|\p{Ll}{1,4}\.?)[ \t]*){1,7}$")
# What a line must show before _NAME_LINE is tried: only letters, ' ’ . - and spaces, every
# word opening with a letter, no more than 14 words, and lower-case runs short enough for 7
# items. The pattern can split a line of words into its items in very many ways, and tried
# them all on every line that failed (a sixth of a page's time on some documents).
_NOT_IN_NAME_LINE = re.compile(r"[^\p{L}'’.\-\s]")
_LOWER_RUN = re.compile(r"\p{Ll}+")


# "mevrouw E. Bulut (Water Natuurlijk)": one line of a list of members, each with a label
_MEMBER_LINE = re.compile(r"[ \t]*(?:(?:de[ \t]+heer|mevrouw|dhr\.?|mw\.?|mevr\.?)[ \t]+)?"
                          r"[^\n()]{2,60}?[ \t]*\((?P<label>[^()\n]{2,40})\)[ \t]*")
MIN_LIST_LINES = 3


def _keep_list_members(findings: list, text: str) -> None:
    """A run of lines of one shape, a name and a label in brackets, where at least two are
    elected members by their party ("de heer G. Olthof (VVD)"), lists the members of one
    body: the others in it are members too, their label a local party or a seat's category
    ("(Water Natuurlijk)", "(Ongebouwd)"), unless the label is a function of their own."""
    people: dict[int, list] = {}
    for f in findings:
        if f.entity_type == "PERSON":
            people.setdefault(text.rfind("\n", 0, f.start) + 1, []).append(f)
    runs: list[list[tuple[int, re.Match, list]]] = []
    last_end = -2
    for start in sorted(people):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        m = _MEMBER_LINE.fullmatch(text, start, end)
        if m is None or len(people[start]) != 1:
            last_end = -2
            continue
        if start != last_end + 1:
            runs.append([])
        runs[-1].append((start, m, people[start]))
        last_end = end
    for run in runs:
        elected = [fs[0] for _s, _m, fs in run if fs[0].action == "keep"
                   and fs[0].reason.startswith("office holder: elected member")]
        if len(run) < MIN_LIST_LINES or len(elected) < 2:
            continue
        for _s, m, fs in run:
            f = fs[0]
            label = " ".join(m.group("label").split())
            if f.action == "redact" and not _OTHER_FUNCTION_AFTER.match("(" + label):
                f.action, f.reason = "keep", (f"office holder: elected member ({label}, in a "
                                              f"list of members)")


def _name_line(line: str) -> bool:
    """``_NAME_LINE.match(line)``, with the cheap tests that decide most lines first."""
    if _NOT_IN_NAME_LINE.search(line):
        return False
    words = line.split()
    if len(words) > 14 or any(not w[0].isalpha() for w in words):
        return False
    # a lower-case run takes one item per four letters; "w. g." is one item over two words
    items = sum(-(-len(m.group()) // 4) for w in words if (m := _LOWER_RUN.match(w)))
    if items - sum(1 for w in words if w.startswith("w.")) > 7:
        return False
    return _NAME_LINE.match(line) is not None


def _stacked_signer(text: str, start: int) -> str | None:
    """The office of a signer whose block extraction stacked: two or more function lines,
    then as many name lines, the name on the line of ``start`` paired with the function in
    the same place ("" when that function is no office); None when the block is not so."""
    lines_before: list[str] = []
    pos = text.rfind("\n", 0, start)
    own_start = pos + 1
    own_end = text.find("\n", start)
    own = text[own_start:own_end if own_end >= 0 else len(text)]
    if not _name_line(own):
        return None
    while pos > 0 and len(lines_before) < 8:
        prev = text.rfind("\n", 0, pos)
        lines_before.insert(0, text[prev + 1:pos])
        pos = prev
    # the run of name lines that ends with ours, then the run of function lines above it
    names = 1
    k = len(lines_before) - 1
    while k >= 0 and _name_line(lines_before[k]) and not _FUNCTION_LINE.match(
            lines_before[k]):
        names += 1
        k -= 1
    functions = []
    while k >= 0 and (m := _FUNCTION_LINE.match(lines_before[k])):
        functions.insert(0, m.group("f"))
        k -= 1
    if len(functions) < 2 or names > len(functions):
        return None
    f = functions[names - 1]
    return " ".join(f.lower().split()) if _OFFICE.fullmatch(f) else ""


def _signer_role(text: str, start: int) -> str | None:
    """The office of a signer whose function stands above, in a row of two signers."""
    line_start = text.rfind("\n", 0, start) + 1
    if line_start == 0:
        return None
    prev_start = text.rfind("\n", 0, line_start - 1) + 1
    functions = list(_SIGNER_FUNCTION.finditer(text, prev_start, line_start - 1))
    if len(functions) != 2:
        return None
    lead = [w for w in text[line_start:start].split() if w.lower().rstrip(".") not in TITLES]
    # the line holds the signers' names only: capitalised words, initials, interfixes
    if len(lead) > 6 or any(not (w[:1].isupper() or _INTERFIX.fullmatch(w)) or ":" in w
                            for w in lead):
        return None
    line_end = text.find("\n", start)
    if _OTHER_FUNCTION_AFTER.match(text, start + len(text[start:line_end].split(",")[0])):
        return None  # "mr. I.J.M. Hoogeveen-Bos, gemeentesecretaris a.i.": her own function
    f = functions[1 if lead else 0].group("f")  # "drs. " alone is the first signer's title
    return " ".join(f.lower().split()) if _OFFICE.fullmatch(f) else None


# What may stand before a role that opens a signature block: "De minister van …,",
# "Namens de burgemeester,", "w.g. De burgemeester" (each column of a row of signers apart)
_BLOCK_LEAD = re.compile(r"(?i)(?:w\.\s?g\.\s*)?(?:(?:namens|voor)\s*)?(?:de|het)?")


def _signers_side_by_side(before: str, at: int) -> bool:
    """A line of two signers' functions ("de secretaris, de burgemeester,"): which name
    under it holds the office is ``_signer_role``'s question."""
    start = before.rfind("\n", 0, at) + 1
    end = before.find("\n", at)
    line = before[start:end if end >= 0 else len(before)]
    # the role's own cell: signers set apart in columns are ``_same_column``'s question
    cell_start = max((g.end() for g in _COLUMN_GAP.finditer(line, 0, at - start)), default=0)
    gap = _COLUMN_GAP.search(line, at - start)
    cell = line[cell_start:gap.start() if gap else len(line)]
    return len(_SIGNER_FUNCTION.findall(cell)) > 1


# a line of running text that wraps before the name ("Namens de provincie neemt
# commissaris van de Koning\nHans Oosters deel"), not a label or a room
_PROSE_WORDS = 4
_ARTICLE_END = re.compile(r"(?i)(?:^|\s)(?:de|het)\s*$")


def _opens_its_line(before: str, at: int) -> bool:
    """Does the role open its line (or its column) as in a signature block, or end a line
    of running text that wraps ("met de wethouder\nKampman")? A role on the line above a
    name counts only so: "Werkkamer burgemeester" in an agenda is a room, and the next
    line's attendee no mayor."""
    line = before[before.rfind("\n", 0, at) + 1:at]
    cell = _COLUMN_GAP.split(line)[-1]
    return (_BLOCK_LEAD.fullmatch(cell.strip()) is not None
            or _ARTICLE_END.search(cell) is not None
            or len(cell.split()) >= _PROSE_WORDS)


def _is_the_king(before: str) -> bool:
    if _KING_TITLE.search(before):
        return True
    m = _THE_KING.search(before)
    if m is None:
        return False
    prev = m.group("prev")
    if prev is None:
        return True
    if prev[0].isupper() and prev not in _NON_FIRST_WORDS:
        return False  # "Anna de Koning", "J. de Koning"
    return prev.lower().rstrip(".") not in TITLES  # "mevrouw de Koning"


def _same_column(before: str, role_at: int, text: str, start: int) -> bool:
    """Role and name in the same column when a signature block spans two lines.

    "De secretaris,      De burgemeester,\nA. de Vries      J. Fokkema": the mayor signs in
    the second column; the secretary's name under the first is no office holder's.
    """
    nl = before.find("\n", role_at)
    if nl < 0:
        return True
    role_start = before.rfind("\n", 0, role_at) + 1
    line_start = text.rfind("\n", 0, start) + 1
    role_lead, name_lead = before[role_start:role_at], text[line_start:start]
    role_col = len(_CELL_END.findall(role_lead))
    name_col = len(_CELL_END.findall(name_lead))
    if name_col == 0 and role_col > 0 and _COLUMN_GAP.match(name_lead):
        # the left cell under it is empty: judge by how far the name is indented
        return len(name_lead) >= len(role_lead) // 2
    return role_col == name_col


# Capitalised words that precede a surname without being someone's first name.
_NON_FIRST_WORDS = frozenset({
    "Minister", "Staatssecretaris", "Premier", "Kamerlid", "Burgemeester", "Wethouder",
    "Senator", "Mevrouw", "Heer", "Meneer", "Collega", "Motie", "Lid", "Leden", "Gedeputeerde",
    "Volgens", "Ook", "Toen", "Dat", "Want", "Maar", "En", "Zowel", "Door", "Met", "Van",
    "Aan", "Bij", "Namens", "Dan", "Nu", "Zegt", "Aldus", "Beste", "Geachte", "Dag",
    "Dijkgraaf", "Hoogheemraad", "Heemraad", "Gezaghebber", "Statenlid", "Raadslid",
})
