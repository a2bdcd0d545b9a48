"""An organisation's contact block is kept as a unit: its address, postcode, general number
and bank account belong to the organisation, not to a person.

Letterheads, footers, addressee blocks and the organisation part of a signature all look
alike: a line that names the organisation ("Directie Wetgeving en Juridische Zaken",
"Inspectie Leefomgeving en Transport", "Adres vestiging") followed by lines that hold only
contact data (street and number, postcode and place, Postbus, "T 070 333 44 44", the web
address, a functional mailbox, IBAN and KvK), or one line that holds them all between
separators ("NVWA · Postbus 43006 · 3540 AA Utrecht · 0900 - 0388 · www.nvwa.nl").

A block ends at anything that belongs to a person: their name, a mobile number, a personal
mailbox, or running text. So in "Grondwerken De Bruijn B.V. | Industrieweg 12 | 3281 NK
Numansdorp" the address is the firm's, while the next line "T 0186 65 12 40 | M 06 …"
is the signer's own.
"""

from __future__ import annotations

import regex as re

from . import gazetteer
from .gazetteer import looks_like_organisation
from .model import Box, Document
from .occurrences import key
from .trade_names import LEGAL_FORM, SOLE_TRADER
from .organisations import (ACRONYM_AND_UNIT, EMAIL_ON_LINE, FIELD_LABEL, FOR_ATTENTION,
                            ORG_NAME_START, ORG_WORDS, PERSONAL_LINE, RESIDENCE_WORDS,
                            SERVICE_NUMBER_ON_LINE, _is_mobile, field_at_home,
                            organisation_mailbox, switchboard_shape)
from .named_places import domain_names, fold

KEPT_TYPES = frozenset({"NL_ADDRESS", "NL_POSTCODE", "PHONE_NUMBER", "IBAN_CODE",
                        "NL_KVK_NUMBER"})
MAX_ORG_LINE_WORDS = 9
MAX_BLOCK_LINES = 10

# Lines that hold contact data only, whatever the data: labels and the organisation's
# general channels
_CONTACT_LABEL = re.compile(
    r"(?i)^\s*(?:bezoekadres|postadres|retouradres|correspondentieadres|adres(?:\s+vestiging)?|"
    r"address|adress|phone|mobile|de|het|'t|"
    r"vestigingsadres|postbus|antwoordnummer|t|tel|telefoon|f|fax|e|e-mail|email|i|w|www|"
    r"internet|website|iban|kvk(?:-nummer)?|btw(?:-nummer)?|rsin|"
    r"overheidsidentificatienr|oin|nederland|the\s+netherlands|netherlands)\b[.:]?")
_WEB = re.compile(r"(?i)\bwww\.|\bhttps?://|\b[a-z0-9-]+\.(?:nl|com|org|eu|net)(?:/\S*)?$")
_POSTBUS = re.compile(r"(?i)\b(?:postbus|antwoordnummer)\b")
_SEPARATOR = re.compile(r"\s[|·•–—]\s|\s{3,}")
_ORG_ACRONYM_IN_BRACKETS = re.compile(r"\((?:[A-Z]{2,6}|[A-Z][a-z]?[A-Z]{1,5})\)\s*$")
_ENGLISH_ORG = re.compile(r"(?i)\b(?:institute|agency|ministry|authority|department|"
                          r"centre|center|office|council|service|inspectorate)\b")
_WORD = re.compile(r"[^\W\d_]{2,}")
_NAME_GOES_ON = re.compile(r"(?:(?:van|de|der|den|het|voor|en|in|op)\s+)*\p{Lu}[\w'’-]*"
                           r"(?:\s+(?:(?:van|de|der|den|het|voor|en|in|op)\s+)*\p{Lu}[\w'’-]*){0,3}")


def keep_contact_blocks(findings: list, text: str, doc: Document | None = None) -> None:
    """Keep the address, postcode, landline, IBAN and company KvK findings that stand in an
    organisation's contact line or block.

    A block that a person signs (their name on the lines just above the organisation's) is
    theirs in part: the organisation's address stays, but a phone number in it is their own
    direct line, and so is every number of a block that also holds their mobile or mailbox.
    With the document's words at hand, a block only goes down the page: a table row's next
    cell, beside the organisation's name, is the row's own (a person's phone in a contact
    list), not the organisation's.
    """
    lines = _lines(text)
    by_line: dict[int, list] = {}
    for f in findings:
        by_line.setdefault(_line_of(lines, f.start), []).append(f)
    for block, start in _blocks(text, lines, by_line, doc):
        items = [f for n in block for f in by_line.get(n, [])]
        signed = _signed(text, lines, by_line, start)
        # a block that gives the organisation's website or a team's mailbox is its own,
        # whatever follows it (a letterhead above the addressee's block)
        own = any(_own_channel(text[lines[n][0]:lines[n][1]]) for n in block)
        personal = not own and any(_personal(by_line.get(n, []), text[lines[n][0]:lines[n][1]])
                                   for n in _run_after(text, lines, by_line, block[-1]))
        why = ("organisation contact: in the organisation's contact block" if len(block) > 1
               else "organisation contact: on a line with the organisation's name")
        _keep(items, why, phones=not (signed or personal))
        if signed or personal:
            _keep_switchboards(text, lines, by_line, block)
    _keep_shared_landlines(text, lines, by_line)
    _keep_numbers_under_an_organisation(text, lines, by_line)
    for n, (a, b) in enumerate(lines):
        here = by_line.get(n, [])
        line = text[a:b]
        if not _personal(here, line) and _registration_line(line):
            # "KvK 06083122 | IBAN NL39 RABO 0392 1077 88 | …": a company's registration
            # and its account, side by side in its footer
            _keep(here, "organisation contact: the account beside the company's registration")
        if (not _personal(here, line) and _general_channel(line)
                and (_contact_only(line, here) or _names_itself_first(line)
                     or _channel_count(line) >= 2)):
            # a footer line of the organisation's own channels ("Postbus … · 2500 BD … ·
            # 088 489 00 00 · www.ilent.nl"), whatever else it says ("DUO | Postbus 50061,
            # … | www.duo.nl | Studiefinanciering 050 599 77 55 (werkdagen …)")
            _keep(here, "organisation contact: on a line of the organisation's channels")


def sole_traders(findings: list, text: str) -> None:
    """A business the text calls one person's ("mijn eenmanszaak Melkveebedrijf De Hooge
    Esch, KvK 71846203", "Kjærgaard Emission Advisory (sole proprietorship), CVR …",
    "Exploitant A.J.M. Verhoeven, eenmanszaak"): the contact data kept as the business's on
    that line, or two lines around it, are the owner's after all."""
    if not SOLE_TRADER.search(text):
        return
    lines = _lines(text)
    owned = {n for n, (a, b) in enumerate(lines) if SOLE_TRADER.search(text, a, b)}
    for f in findings:
        if (f.action == "keep" and f.entity_type in KEPT_TYPES
                and f.reason.startswith(("organisation contact:", "organisation address:"))
                and not f.reason.endswith(_ROW_REASON)):
            n = _line_of(lines, f.start)
            if LEGAL_FORM.search(text, *lines[n]):
                continue  # "Grondwerken De Bruijn B.V., Industrieweg 12": a company's own
            if any(k in owned for k in _paragraph_around(text, lines, n, 2)):
                f.action, f.reason = "redact", "a sole trader's: the business is one person"
                if f.status == "rejected":
                    f.status = "accepted"  # rejected only for the keep just undone


_ROW_REASON = "in the row of an organisation in a table"


def _paragraph_around(text: str, lines: list[tuple[int, int]], n: int, reach: int) -> list[int]:
    """Line ``n`` and up to ``reach`` lines above and below it, not across a blank line."""
    out = [n]
    for step in (-1, 1):
        k = n + step
        while abs(k - n) <= reach and 0 <= k < len(lines) and text[slice(*lines[k])].strip():
            out.append(k)
            k += step
    return out


def keep_organisation_rows(findings: list, doc: Document) -> None:
    """Keep the address, postcode and landline in a table row that an organisation fills
    (its name in the person column): a caller's row beside it stays personal."""
    from .table_columns import organisation_rows, rows_with_an_organisation

    for cells in organisation_rows(doc):
        _keep([f for f in findings if any(a <= f.start and f.end <= b for a, b in cells)],
              "organisation contact: " + _ROW_REASON)
    # a contact list of the organisations involved: a person's direct line is a serial,
    # the organisation's number a round one (as in a signature)
    for cells in rows_with_an_organisation(doc):
        for f in findings:
            if (f.entity_type == "PHONE_NUMBER" and f.action == "redact"
                    and any(a <= f.start and f.end <= b for a, b in cells)
                    and not _is_mobile(f.text) and switchboard_shape(f.text)):
                f.action, f.reason = "keep", ("organisation contact: the round number in the "
                                              "row of an organisation in a contact list")


def _blocks(text: str, lines: list[tuple[int, int]], by_line: dict[int, list],
            doc: Document | None) -> list[tuple[list[int], int]]:
    """Each block as the lines it keeps from, with the line of the organisation's name."""
    out: list[tuple[list[int], int]] = []
    current: list[int] | None = None
    start = 0
    above = None
    # where each line stands on the page, read once for the blocks and the channel runs
    places = [_place(doc, a, b) if doc is not None else None for a, b in lines]
    for n, (a, b) in enumerate(lines):
        here = by_line.get(n, [])
        line = text[a:b]
        place = places[n]
        if current is not None and not _below(place, above):
            current = None
        if place is not None:
            above = place
        if current is not None and FOR_ATTENTION.match(line.strip()):
            continue  # "t.a.v. mevrouw A. Osei": the person stays redacted, the block goes on
        if _personal(here, line):
            current = None
            continue
        if _family_farm(line) or (FIELD_LABEL.match(line.strip()) and field_at_home(text, a)):
            # a farm is its farmer's home; "Ophalen thuis\nLocatie: Rozendaalselaan 112"
            current = None
            continue
        org_line = _names_organisation(line)
        values = [f for f in here if f.entity_type in KEPT_TYPES]
        if (values and _names_organisation(text[a:min(f.start for f in values)])
                and _short_beside(line, here) and not RESIDENCE_WORDS.search(line)):
            # the organisation's name and then its address on one line, as a letterhead
            # writes it (a name after a citizen's postcode is more likely a stamp read into
            # the line: "8447 GK Heerenveen Provinsje Fryslân")
            out.append(([n], n))
        if org_line and len(line.split()) <= MAX_ORG_LINE_WORDS:
            current, start = [], n
            out.append((current, start))
            continue
        if current is not None and _contact_only(line, here):
            current.append(n)
            continue
        if current is not None and not here and _places_only(line):
            continue  # "Kralendijk, Bonaire": a place without a postcode, as the islands write
        if current is not None and not here and _NAME_GOES_ON.fullmatch(line.strip()):
            continue  # the name wraps: "De Voorzitter van de Tweede Kamer\nder Staten-Generaal"
        current = None
    taken = {n for block, _s in out for n in block}
    out.extend((run, run[0]) for run in _channel_runs(text, lines, by_line, places)
               if not taken & set(run))
    return [(block, s) for block, s in out if block]


def _channel_runs(text: str, lines: list[tuple[int, int]], by_line: dict[int, list],
                  places: list[Box | None]) -> list[list[int]]:
    """A letterhead's column of contact lines without the organisation's name above it
    (the name is in the logo, or set in the other column): "Kaya Grandi 2 / Kralendijk,
    Bonaire / T +599 715 5300 / gezaghebber@bonairegov.com / www.bonairegov.com". The
    run is the organisation's when it gives the organisation's own website or a team's
    mailbox, and no line of it, nor the line just above it, is a person's."""
    runs: list[list[int]] = []
    run: list[int] = []
    above = None
    for n, (a, b) in enumerate(lines):
        here = by_line.get(n, [])
        line = text[a:b]
        place = places[n]
        under = _below(place, above)
        goes_on = bool(run) and under
        if not _personal(here, line) and (_contact_only(line, here)
                                          or (goes_on and not here and _places_only(line))):
            if goes_on:
                run.append(n)
            else:
                runs.append(run)
                # not a run that goes on under a person's name: their signature
                signed = n > 0 and under and _personal(by_line.get(n - 1, []),
                                                       text[slice(*lines[n - 1])])
                run = [] if signed else [n]
            if place is not None:
                above = place
            continue
        if place is not None:
            above = place
        runs.append(run)
        run = []
    runs.append(run)
    return [r for r in runs
            if len(r) >= 2 and any(_own_channel(text[slice(*lines[n])]) for n in r)
            and any(f.entity_type in KEPT_TYPES for n in r for f in by_line.get(n, []))]


SIGNER_LINES_UP = 3


SIGNATURE_REACH = 5  # lines from a signer's name down to their phone line
_PHONE_LINE = re.compile(r"[ \t]*(?:T|Tel\.?|Telefoon|Phone|P)[ \t]*[:.]?[ \t]*[+(\d]")


def _keep_shared_landlines(text: str, lines: list[tuple[int, int]],
                           by_line: dict[int, list]) -> None:
    """The same landline on the phone lines of several people's signatures ("Rachid
    Bouzidi … T +31 30 274 91 11" and "Dewi Sutanto … T +31 30 274 91 11") is their
    organisation's switchboard, not anyone's direct line."""
    signers: dict[str, set[str]] = {}
    phones: dict[str, list] = {}
    for n, (a, b) in enumerate(lines):
        if not _PHONE_LINE.match(text, a, b):
            continue
        for f in by_line.get(n, []):
            if f.entity_type != "PHONE_NUMBER" or _is_mobile(f.text):
                continue
            name = _signer_above(by_line, n)
            if name:
                signers.setdefault(key(f.text), set()).add(name)
                phones.setdefault(key(f.text), []).append(f)
    for number, names in signers.items():
        if len(names) >= 2:
            _keep(phones[number], "organisation contact: the same number in several "
                                  "people's signatures")


def _keep_switchboards(text: str, lines: list[tuple[int, int]], by_line: dict[int, list],
                       block: list[int]) -> None:
    """In a signed block the landline is the signer's own direct line, unless it has the
    shape organisations choose for their general number ("T +31 30 274 91 11", "Tel.
    078-6214400", "088 361 11 11"): a direct line is a serial, a switchboard a round one."""
    for n in sorted(set(block) | set(_run_after(text, lines, by_line, block[-1]))):
        a, b = lines[n]
        if not _PHONE_LINE.match(text, a, b):
            continue
        for f in by_line.get(n, []):
            if (f.entity_type == "PHONE_NUMBER" and f.action == "redact"
                    and not _is_mobile(f.text) and switchboard_shape(f.text)
                    and not PERSONAL_LINE.search(text, a, f.start)):
                f.action, f.reason = "keep", ("organisation contact: the organisation's general "
                                              "number (its round shape) in a signature")


def _keep_numbers_under_an_organisation(text: str, lines: list[tuple[int, int]],
                                        by_line: dict[int, list]) -> None:
    """A list of organisations' lines, a label cell above each number ("GGD Fryslân,
    algemeen (kantoortijd)\n088 22 99 444"): a landline alone on its line under a line that
    names an organisation, with no person on either line or the one above them (a
    signature's name there makes the number the signer's own)."""
    for n in sorted(by_line):
        if n == 0:
            continue
        here = by_line[n]
        phones = [f for f in here if f.entity_type == "PHONE_NUMBER" and f.action == "redact"
                  and not _is_mobile(f.text)]
        if len(phones) != 1 or text[lines[n][0]:lines[n][1]].strip() != phones[0].text:
            continue
        a, b = lines[n - 1]
        label = text[a:b]
        if (not _names_organisation(label) or PERSONAL_LINE.search(label)
                or any(_personal(by_line.get(m, []), text[lines[m][0]:lines[m][1]])
                       for m in range(max(0, n - 2), n + 1))):
            continue
        _keep(phones, "organisation contact: the number under the organisation's name in a "
                      "list of lines")


def _signer_above(by_line: dict[int, list], n: int) -> str:
    for m in range(n, max(-1, n - SIGNATURE_REACH - 1), -1):
        for f in by_line.get(m, []):
            if f.entity_type == "PERSON" and f.action != "keep":
                return key(f.text)
    return ""


def _personal_values(findings: list, text: str) -> set[str]:
    """Contact values the document also gives as someone's: under a person's name (an
    addressee block, "De heer E.R. Pinas\nWilgenlaan 16") or where someone lives."""
    people = [f for f in findings if f.entity_type == "PERSON" and f.action != "keep"]
    out = set()
    for f in findings:
        if f.entity_type not in KEPT_TYPES or f.action == "keep":
            continue
        line_start = text.rfind("\n", 0, f.start) + 1
        above = text.rfind("\n", 0, max(0, line_start - 1)) + 1
        if (RESIDENCE_WORDS.search(text, max(0, f.start - 60), f.start)
                or any(above <= p.start < f.start for p in people)):
            out.add(key(f.text))
    return out


def kept_contacts(findings) -> set[str]:
    """The contact values the findings keep as an organisation's, as occurrence keys."""
    return {key(f.text) for f in findings if f.entity_type in KEPT_TYPES
            and f.action == "keep" and f.reason.startswith("organisation")}


def keep_same_values(findings: list, text: str, known: set[str] | frozenset = frozenset()
                     ) -> None:
    """A number, mailbox or address kept as the organisation's in one place is the
    organisation's wherever the document (or, with ``known``, the dossier) repeats it ("bel
    ons: 088 - 898 92 94" and the letter's "Telefoon 088 - 898 92 94"), unless the text says
    someone lives there."""
    kept = {_national(k) for k in
            (kept_contacts(findings) | set(known)) - _personal_values(findings, text)}
    for f in findings:
        if (f.entity_type in KEPT_TYPES and f.action != "keep" and _national(key(f.text)) in kept
                and not (f.entity_type == "PHONE_NUMBER" and _is_mobile(f.text))
                and not RESIDENCE_WORDS.search(text, max(0, f.start - 60), f.start)):
            f.action, f.reason = "keep", ("organisation contact: the organisation's where "
                                          "the document names it elsewhere")


def _national(k: str) -> str:
    """A Dutch number's key as dialled at home: "+31 88 120 50 00", "0031 88 …" and
    "+31 (0)88 …" are the "088 120 50 00" the colophon gives."""
    if k.isdigit():
        for prefix in ("00310", "0031", "310", "31"):
            if k.startswith(prefix) and len(k) - len(prefix) == 9:
                return "0" + k[len(prefix):]
    return k


def _signed(text: str, lines: list[tuple[int, int]], by_line: dict[int, list],
            start: int) -> bool:
    """A signature: a line that holds little but a person's name stands just above the
    organisation's (a sentence that names someone, "Vragen: Sietske Dijkstra, 06-…", is no
    signature)."""
    for n in range(max(0, start - SIGNER_LINES_UP), start + 1):
        a, b = lines[n]
        letters = sum(ch.isalpha() for ch in text[a:b])
        named = sum(sum(ch.isalpha() for ch in f.text) for f in by_line.get(n, [])
                    if f.entity_type == "PERSON" and f.action != "keep")
        if letters and named >= 0.6 * letters:
            return True
    return False


def _run_after(text: str, lines: list[tuple[int, int]], by_line: dict[int, list],
               last: int) -> list[int]:
    """The block's last line and the contact lines right after it (a signature's mobile
    and mailbox follow its phone), up to a line that holds no number, mailbox or web
    address."""
    out = [last]
    for n in range(last + 1, min(len(lines), last + 4)):
        a, b = lines[n]
        here = by_line.get(n, [])
        if not (any(f.entity_type in ("PHONE_NUMBER", "EMAIL_ADDRESS") for f in here)
                or EMAIL_ON_LINE.search(text, a, b) or _WEB.search(text[a:b])):
            break
        out.append(n)
    return out


def _place(doc: Document, a: int, b: int) -> Box | None:
    """The box around the words of text[a:b]."""
    boxes = [doc.words[i].box for i in set(doc.char_word[a:b]) if i >= 0]
    if not boxes:
        return None
    box = boxes[0]
    for other in boxes[1:]:
        if other.page == box.page:
            box = box.union(other)
    return box


def _below(place: Box | None, above: Box | None) -> bool:
    """Is this line under the one before it, as a block's next line is (not beside it)?"""
    if place is None or above is None:
        return True
    if place.page != above.page:
        return place.page > above.page
    height = max(above.y1 - above.y0, 1.0)
    return place.y0 > above.y0 + 0.5 * height and place.x0 < above.x1 and above.x0 < place.x1


def _lines(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _line_of(lines: list[tuple[int, int]], pos: int) -> int:
    lo, hi = 0, len(lines) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if lines[mid][0] <= pos:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _personal(here: list, line: str) -> bool:
    """Something on the line is a person's: their name, their mobile, their mailbox."""
    for f in here:
        if f.action == "keep":
            continue
        if f.entity_type == "PERSON" or (f.entity_type == "PHONE_NUMBER" and _is_mobile(f.text)):
            return True
    return any(not organisation_mailbox(m) for m in EMAIL_ON_LINE.findall(line))


def _names_organisation(line: str) -> bool:
    s = line.strip()
    return bool(ORG_WORDS.search(s) or ORG_NAME_START.match(s) or _ENGLISH_ORG.search(s)
                or ACRONYM_AND_UNIT.match(s)
                or _ORG_ACRONYM_IN_BRACKETS.search(s)
                # "ZRD Zuid-Hollandse Reinigingsdienst": a compound that names an organisation
                or any(looks_like_organisation(w) for w in _WORD.findall(s))
                or _firm_of_no_one(s))


# a firm of professionals by its name's last word ("Grachtengordel Advocaten")
_FIRM = re.compile(r"(?i)\b(?:advocaten|advocatuur|advocatenkantoor|notarissen|notariaat|"
                   r"notariskantoor|accountants|belastingadviseurs|gerechtsdeurwaarders|"
                   r"deurwaarders|architecten)\s*$")


# a farm: its farmer lives on it, so its address is a home as well
_FARM = re.compile(r"(?i)\w*(?:houderij|boerderij|akkerbouw\w*|kwekerij|tuinderij|"
                   r"melkvee\w*|maatschap)\b")


def _family_farm(line: str) -> bool:
    """"Varkenshouderij De Hooge Hoeve" above "t.a.v. de heer A.J.M. Verhoeven": a farm
    without the form of a company ("… B.V.", "Stichting Zorgboerderij …") is a family's
    business and home, not an organisation's office."""
    return bool(_FARM.search(line)) and not LEGAL_FORM.search(line)


def _firm_of_no_one(line: str) -> bool:
    """A firm whose name names no one: "Grachtengordel Advocaten", not "Kuipers Van Dam
    Advocaten", whose name is its partners' (that block addresses one of them)."""
    hit = _FIRM.search(line)
    if hit is None:
        return False
    gaz = gazetteer.load()
    words = [w for w in _WORD.findall(line[:hit.start()]) if not gaz.is_interfix(w)]
    return bool(words) and not any(gaz.is_name(w) for w in words)


def _contact_only(line: str, here: list) -> bool:
    """Nothing on the line but contact data, labels, separators and the place names of
    postcodes: every word of it is inside a finding, a label, a web address or Postbus."""
    rest = line
    for f in sorted(here, key=lambda f: f.start, reverse=True):
        if f.entity_type in KEPT_TYPES or f.entity_type == "EMAIL_ADDRESS":
            rest = rest.replace(f.text.split("\n")[0], " ")
    rest = _strip_channels(rest)
    # a segment between separators that is a street and its number, which no detector
    # took ("Skager Rak 10 | 9642 CZ Veendam | www.rdw.nl")
    rest = " ".join(seg for seg in _SEPARATOR.split(rest) if not _STREET_SEGMENT.fullmatch(seg))
    words = [w for w in _WORD.findall(rest) if not _CONTACT_LABEL.fullmatch(w)]
    return not words and bool([f for f in here if f.entity_type in KEPT_TYPES]
                              or _POSTBUS.search(line) or _WEB.search(line)
                              or _POSTCODE_AND_PLACE.search(line))


_STREET_SEGMENT = re.compile(r"\s*\p{Lu}[\p{L}'’.-]*(?:\s+[\p{L}'’.-]+){0,3}\s+\d{1,5}"
                             r"(?:\s?[a-zA-Z]|-\d{1,4})?\s*")
# a postcode and the place after it ("2509 LV Den Haag", "2595 BD  DEN HAAG")
_POSTCODE_AND_PLACE = re.compile(r"(?<!\d)[1-9]\d{3}[ \t]?[A-Z]{2}\b(?:[ \t]+[A-Z][\w'’-]*)*")


def _strip_channels(text: str) -> str:
    """The text without the organisation's channels: mailboxes, web addresses, service
    numbers, Postbus numbers, postcodes with their place."""
    text = EMAIL_ON_LINE.sub(" ", text)
    text = re.sub(r"(?i)\S*www\.\S+|\bhttps?://\S+|\b[a-z0-9-]+\.(?:nl|com|org|eu|net)\S*",
                  " ", text)
    text = SERVICE_NUMBER_ON_LINE.sub(" ", text)
    text = re.sub(r"(?i)\b(?:postbus|antwoordnummer)\s+[\d.]+", " ", text)
    text = _COUNTRY.sub(" ", text)
    return _POSTCODE_AND_PLACE.sub(" ", text)


# the country after an international address ("3721 MA Bilthoven | The Netherlands")
_COUNTRY = re.compile(r"(?i)\b(?:the\s+netherlands|netherlands|nederland|belgi[eë]|belgium|"
                      r"deutschland|germany|duitsland)\b")


def _short_beside(line: str, here: list) -> bool:
    """Beside its contact data the line is short: a letterhead or footer line, not a
    sentence that mentions an organisation and someone's address."""
    if len(_SEPARATOR.findall(line)) >= 2:
        return True  # "NVWA · Postbus 43006 · 3540 AA Utrecht · 0900 - 0388": a footer
    rest = line
    for f in here:
        rest = rest.replace(f.text.split("\n")[0], " ")
    return len(_WORD.findall(_strip_channels(rest))) <= MAX_ORG_LINE_WORDS


def _names_itself_first(line: str) -> bool:
    """"Veiligheidsregio Kennemerland | Zijlweg 200, … | (023) 515 95 00 | www.vrk.nl": a
    channels line that opens with the organisation's own name, or with the name its web
    address or mailbox gives it ("DUO | Kempkensberg 12 | … | www.duo.nl")."""
    first = _SEPARATOR.split(line, maxsplit=1)[0].strip()
    return (bool(first) and len(first.split()) <= MAX_ORG_LINE_WORDS
            and (_names_organisation(first) or fold(first) in domain_names(line)))


def _places_only(line: str) -> bool:
    words = _WORD.findall(line)
    places = gazetteer.load()
    return bool(words) and all(places.is_place(w) for w in words)


def _own_channel(line: str) -> bool:
    # a mailbox's domain is no web address: "fz.elkhatib82@hotmail.com"
    return bool(_WEB.search(EMAIL_ON_LINE.sub(" ", line))
                or any(organisation_mailbox(m) for m in EMAIL_ON_LINE.findall(line)))


_KVK_LABEL = re.compile(r"(?i)\b(?:kvk|kamer\s+van\s+koophandel|handelsregister)\b"
                        r"[^|·•\d]{0,12}\d{8}")
_IBAN_LABEL = re.compile(r"(?i)\biban\b")


def _registration_line(line: str) -> bool:
    return (bool(_SEPARATOR.search(line)) and bool(_KVK_LABEL.search(line))
            and bool(_IBAN_LABEL.search(line)) and not SOLE_TRADER.search(line))


def _channel_count(line: str) -> int:
    """How many kinds of the organisation's own channels the line gives: a Postbus, a web
    address, a team's mailbox, a public service number."""
    return (bool(_POSTBUS.search(line)) + bool(_WEB.search(line))
            + any(organisation_mailbox(m) for m in EMAIL_ON_LINE.findall(line))
            + bool(SERVICE_NUMBER_ON_LINE.search(line)))


def _general_channel(line: str) -> bool:
    return bool(_POSTBUS.search(line) or _own_channel(line)
                or SERVICE_NUMBER_ON_LINE.search(line)) and bool(_SEPARATOR.search(line))


def _keep(findings: list, why: str, phones: bool = True) -> None:
    for f in findings:
        if f.entity_type == "PHONE_NUMBER" and (not phones or _is_mobile(f.text)):
            continue
        if f.action == "redact" and f.entity_type in KEPT_TYPES:
            f.action, f.reason = "keep", why


_LOCAL_SEGMENT = re.compile(r"[._-]+")
_NAME_PART = re.compile(r"[^\W\d_]{3,}")


def personal_mailboxes(findings: list) -> None:
    """A mailbox kept as a team's is a person's after all when its local part spells a name
    the document gives someone ("ben.leluc@" beside "Ben le Luc", "p.degroot@" beside
    "Pieter de Groot"): a name written apart is joined in an address."""
    names: set[str] = set()
    for f in findings:
        if f.entity_type != "PERSON" or f.action == "keep":
            continue
        parts = [w.lower() for w in _NAME_PART.findall(f.text)]
        names.update(parts)
        names.update("".join(parts[k:]) for k in range(len(parts)))
    names = {n for n in names if len(n) >= 3}
    if not names:
        return
    for f in findings:
        if f.entity_type != "EMAIL_ADDRESS" or f.action != "keep" or not f.reason.startswith(
                "organisation mailbox"):
            continue
        local = f.text.split("@")[0].lower()
        for segment in _LOCAL_SEGMENT.split(local):
            if segment in names or any(len(n) >= 4 and segment.endswith(n) for n in names):
                f.action, f.status = "redact", "accepted"
                f.reason = "personal mailbox: its address spells a name the document gives"
                break
