"""PERSON names from the trained Dutch NER, run only where a name can be.

Tagging a whole 600-word page costs ~100-150 ms, far over the pipeline's budget. Most of a
page cannot hold a name: names are capitalised, and capitalised words at a sentence start are
mostly ordinary words. So the NER runs on short windows around *candidate* tokens only:

* listed first names and surnames ("Bakker", "Jan"), wherever they stand;
* other capitalised words inside a sentence, unless they are frequent ordinary words or
  compounds of them ("Kamer", "Justitie", "Kamerbrief"): in Dutch government text those are
  institutions and terms, not people; acronyms ("RIVM", "JenV") are skipped too;
* capitalised words at a line or sentence start that are not ordinary Dutch words
  ("Omtzigt stelt"), except a word alone on its line (a heading);
* the word after a title ("dhr.", "mevrouw"), whatever its case.

Each candidate gets ±4 tokens of context, what the tok2vec sees around a word (window 1, depth 4):
±5 scored the same on CoNLL and the fixtures at 15 % more model time, ±3 lost recall on CoNLL
(0.888 → 0.885). Windows are clipped at paragraph breaks; overlapping windows are merged and tagged in batches with ``nlp.pipe``.
Entity offsets map back to the page, and entities are cleaned: titles, function lines, greetings, stray
symbols are cut off, and organisations, places and streets tagged as persons are dropped.
"""

from __future__ import annotations

import os
from bisect import bisect_right
from collections.abc import Iterator
from functools import lru_cache
from operator import itemgetter
from pathlib import Path

import regex as re
from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from spacy.attrs import ORTH, SPACY
from spacy.language import Language
from spacy.tokens import Doc

from woo_redact import gazetteer as gazetteer_mod
from woo_redact.gazetteer import TITLES, Gazetteer, looks_like_derived_word, looks_like_street
from woo_redact.gazetteer import is_compound as _is_compound
from woo_redact.nlp import LocalSpacyNlpEngine, load_ner_pipeline, model_path
from woo_redact.office_holders import is_office_word
from woo_redact.recognizers.names.base import NOT_FIRST_NAMES
from woo_redact.recognizers.names.organisation_context import (
    ORG_WORDS,
    company_around,
    employer_before,
    is_type_compound,
    listed_with_organisation,
)

ENTITY = "PERSON"
# Frisian words that open the name of a place, a care home or a nature area ("It Fryske
# Gea", "Nij Smellinghe", "Alde Feanen"), never a person's name
FRISIAN_NAME_OPENERS = frozenset({"It", "Nij", "Âld", "Alde", "Âlde"})
PERSON_LABELS = frozenset({"PER", "PERSON"})
# Between two windows of a page tagged as one Doc: a paragraph break, which no name crosses.
WINDOW_BREAK = "\n\n"
# zipf >= 4 is a word seen ~10 times per million: capitalised inside a sentence that is an
# institution or heading word, not a name, unless the name lists know it.
MID_SENTENCE_COMMON_ZIPF = 4.0
# A lone capitalised word the NER calls a person, not on the name lists, is a heading or a
# term ("Colofon", "Rondvraag") when it is an ordinary word, and a brand or a place
# ("Google", "Brussel") when it is this frequent; a rarer one is a surname ("Hamilton").
LONE_WORD_ZIPF = 4.0
# Listed names that are also very frequent words ("Kamer", "Raad", "Koning") are not
# candidates by themselves; a title or first name next to them still makes them one.
COMMON_NAME_WORD_ZIPF = 4.5
# An ordinary word after a listed first name inside a tagged name is the surname when it is
# this rare ("Herman Trekker"); "Jan Donderdag" is no name.
SURNAME_WORD_ZIPF = 4.0
_SENTENCE_ENDS = frozenset({".", "!", "?", ";", ":"})
_BARE_TITLES = frozenset({"mevrouw", "meneer", "mijnheer", "dhr", "mw", "mevr"})
_OPENERS = frozenset(".!?:;•·●▪◦*–—-(\"“‘'«")
_BRACKETS = frozenset({"(", "["})
_CLOSERS = frozenset({")", "]"})
# words that join two people's names
_JOINERS = frozenset({"en", "&", "of", "and"})
# Capitalised in titles of films, books and bands ("The Lion King"), never in a name.
FOREIGN_FUNCTION_WORDS = frozenset({"the", "of", "and", "for", "my", "your", "und", "die",
                                    "das", "ein", "eine", "ohne", "et", "les", "des", "du"})
# Field labels of English e-mail headers and calendar items ("Received:", "Sent:"); an
# English word is no ordinary Dutch word, so without this list a label could pass for a name.
MAIL_HEADER_LABELS = frozenset({
    "from", "sent", "to", "cc", "bcc", "subject", "received", "date", "importance",
    "priority", "sensitivity", "attachment", "attachments", "reply-to", "return-path",
    "categories", "organizer", "organiser", "required", "optional", "location", "when",
    "where", "forwarded", "message-id",
})
# A function held at an organisation, then "van": "teamleider van Roteb", "de directeur van
# Aedes". Not "advocaat" or "vriendin": a person has those too.
_FUNCTION_OF = re.compile(
    r"(?<![\p{L}])\p{Ll}*(?:leider|directeur|directrice|manager|voorzitter|woordvoerder|"
    r"woordvoerster|bestuurder|afdelingshoofd|teamhoofd)[ \t]+van[ \t]+$")
# English weekdays open a mail header's date ("Sent: Thursday, 30 November"), never a name;
# compass points name a part of a place or region ("Maastricht-Oost", "Regiomanager Oost").
DATE_WORDS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                        "sunday"})
COMPASS_WORDS = frozenset({"noord", "oost", "zuid", "west", "noordoost", "noordwest",
                           "zuidoost", "zuidwest", "midden"})
_ROMAN = re.compile(r"(?:I{1,3}|IV|VI{0,3}|IX|XI{0,3})")
# Inhabitants of a country or region written before a name ("de Marokkaan Hicham ...");
# the lists know them as neither names nor ordinary words.
_DEMONYM_ENDINGS = ("aan", "aner", "iër", "ees")
_GROUP_ENDINGS = ("anen", "iërs", "ezen", "aanse", "ese", "ische")
_DEMONYMS = frozenset({
    "brit", "belg", "fransman", "engelsman", "ier", "schot", "duitser", "zwitser", "oostenrijker",
    "noor", "deen", "zweed", "fin", "pool", "rus", "turk", "griek", "spanjaard", "portugees",
    "nederlander", "hollander", "vlaming", "waal", "fries", "limburger", "amsterdammer",
    "rotterdammer", "hagenaar", "hongaar", "roemeen", "bulgaar", "litouwer", "let", "est",
    "oekraïner", "kroaat", "serviër", "bosniër", "albanees", "kosovaar", "tsjech", "slowaak",
    "sloveen", "egyptenaar", "irakees", "iraniër", "afghaan", "syriër", "somaliër",
    "eritreeër", "ethiopiër", "keniaan", "ghanees", "nigeriaan", "surinamer", "antilliaan",
    "arubaan", "indonesiër", "chinees", "japanner", "koreaan", "indiër", "pakistaan",
    "canadees", "mexicaan", "braziliaan", "argentijn", "chileen", "peruaan", "colombiaan",
    "venezolaan", "australiër", "amerikaan",
})

# a word without a vowel is an abbreviation ("Wkkgz", "Wvggz"), never a name
_VOWEL = re.compile(r"[aeiouyàáâäèéêëìíîïòóôöùúûü]", re.IGNORECASE)


class DutchNerRecognizer(EntityRecognizer):
    """spaCy NER (label PER) on candidate windows; entity PERSON."""

    def __init__(self, model: str | os.PathLike[str] | None = None, nlp: Language | None = None,
                 window: int = 4, batch_size: int = 64, score: float = 0.85,
                 gazetteer: Gazetteer | None = None, supported_language: str = "nl",
                 name: str | None = None) -> None:
        # An explicit path must exist now; without one the model is found at first use
        # (the analyzer's engine, $WOO_REDACT_MODEL or models/nl_woo_ner), so building a
        # registry never needs the model on disk.
        self._model = model_path(model) if model is not None else None
        self._nlp = nlp
        self.window = window
        self.batch_size = batch_size
        self.score = score
        self._gaz = gazetteer
        self._verdicts: dict[str, tuple[bool | None, bool | None]] = {}
        # pages tagged ahead by ``prepare``, by the id of their token Doc
        self._prepared: dict[int, tuple[Doc, list[tuple[int, int, str]]]] = {}
        super().__init__(supported_entities=[ENTITY], name=name,
                         supported_language=supported_language)

    def load(self) -> None:
        pass

    def __getstate__(self) -> dict:
        # ship the recognizer to worker processes without the spaCy pipeline; each process
        # loads (and caches) its own
        state = self.__dict__.copy()
        state["_nlp"] = None
        state["_verdicts"] = {}
        state["_prepared"] = {}
        return state

    @property
    def gaz(self) -> Gazetteer:
        if self._gaz is None:
            self._gaz = gazetteer_mod.load()
        return self._gaz

    def pipeline(self, nlp_artifacts: NlpArtifacts | None = None) -> Language:
        if self._nlp is None:
            path: Path | None = self._model
            engine = getattr(nlp_artifacts, "nlp_engine", None)
            if path is None and isinstance(engine, LocalSpacyNlpEngine):
                path = engine.model_dir
            self._nlp = load_ner_pipeline(path)
        return self._nlp

    # -- candidate selection ------------------------------------------------------------
    def candidates(self, doc: Doc, table: _Table | None = None) -> list[int]:
        """Indices of the tokens worth a look by the NER (one pass, cheap checks first)."""
        texts, spaces, _ws = table if table is not None else _token_table(doc)
        out: list[int] = []
        prev: int | None = None  # previous non-space token
        line_start = True
        for i, text in enumerate(texts):
            if spaces[i]:
                if "\n" in text or "\f" in text:
                    line_start = True
                continue
            if prev is not None and _title_at(texts, prev) and any(c.isalpha() for c in text):
                out.append(i)
            elif text[:1].isupper() and any(c.islower() for c in text):
                at_start = line_start or prev is None or (
                    texts[prev][-1:] in _OPENERS and not _title_at(texts, prev))
                if self._capitalised_candidate(text, at_start, doc, i):
                    out.append(i)
            prev, line_start = i, False
        return out

    def _capitalised_candidate(self, text: str, at_start: bool, doc: Doc, i: int) -> bool:
        verdict = self._verdicts.get(text)
        if verdict is None:
            if len(self._verdicts) > 200_000:
                self._verdicts.clear()
            verdict = self._verdicts[text] = (self._word_candidate(text, False),
                                              self._word_candidate(text, True))
        if not at_start:
            return verdict[0]
        # a heading; a lone name line is a rule's job
        return verdict[1] is True or (verdict[1] is None and not _alone_on_line(doc, i))

    def _word_candidate(self, text: str, at_start: bool) -> bool | None:
        """The verdict on a capitalised word by itself; None: yes, unless alone on its line.
        Pages repeat their words, so the verdicts are kept per word."""
        gaz = self.gaz
        parts = [p.strip("'’") for p in text.split("-") if p.strip("'’")]
        if len(parts) > 1 and gaz.is_interfix(parts[0]):
            parts = parts[1:]  # "El-Khatib": the surname after the interfix decides
        if not parts or parts[0].isupper():
            return False  # "AI-verordening", "EU-database": an acronym leads the compound
        low = parts[0].lower()
        if gaz.is_name(low) and low not in gazetteer_mod.STOP_WORDS:
            # "Bakker" yes, but "Kamer" and "Raad" (also surnames) are institutions first
            return not (gaz.is_common_word(low) and gaz.zipf(low) >= COMMON_NAME_WORD_ZIPF)
        if _inner_capital(parts[0]):
            return False  # "JenV", "eHerkenning": abbreviations and brands
        if len(parts) > 1 and gaz.zipf(parts[-1].lower()) >= 3.0:
            return False  # "Noord-Holland", "Rijks-ICT"
        if at_start:
            if gaz.is_common_word(low) or _is_compound(low, gaz):
                return False
            return None
        if gaz.zipf(low) >= MID_SENTENCE_COMMON_ZIPF:
            return False
        return not _is_compound(low, gaz)

    def windows(self, doc: Doc, table: _Table | None = None) -> list[tuple[int, int]]:
        """Token ranges [start, end) to tag, merged, clipped at paragraph breaks."""
        if table is None:
            table = _token_table(doc)
        cands = self.candidates(doc, table)
        if not cands:
            return []
        breaks = _paragraph_ids(table[0], table[1])
        spans: list[tuple[int, int]] = []
        w = self.window
        n = len(doc)
        for i in cands:
            s, e = max(0, i - w), min(n, i + w + 1)
            while breaks[s] != breaks[i]:
                s += 1
            while breaks[e - 1] != breaks[i]:
                e -= 1
            if spans and s <= spans[-1][1] and breaks[spans[-1][0]] == breaks[i]:
                spans[-1] = (spans[-1][0], max(e, spans[-1][1]))
            else:
                spans.append((s, e))
        return spans

    # -- analysis -------------------------------------------------------------------------
    def analyze(self, text: str, entities: list[str],
                nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        if entities and ENTITY not in entities:
            return []
        doc = getattr(nlp_artifacts, "tokens", None)
        found = self._prepared.pop(id(doc), None) if isinstance(doc, Doc) else None
        if found is not None and found[0] is doc:
            spans = found[1]
        else:
            nlp = self.pipeline(nlp_artifacts)
            if not isinstance(doc, Doc) or not _covers(doc, text):
                doc = nlp.make_doc(text)
            spans = list(self.entities_in(text, doc, nlp))
        company = [company_around(text, s, e) for s, e, _l in spans]
        firms = {text[s:e] for (s, e, _l), c in zip(spans, company, strict=True)
                 if c or self._lone_firm(text, s, e)}
        return [self._result(start, end, label)
                for (start, end, label), c in zip(spans, company, strict=True)
                if text[start:end] not in firms and not c and not employer_before(text, start)]

    def _lone_firm(self, text: str, start: int, end: int) -> bool:
        """An organisation the model took for a person: besides its own words and the words
        around it ("Visser Vastgoed B.V.", "kinderdagverblijf De Kleine Reus", see
        ``company_around``), a lone unlisted word by an organisation next to it in a list
        ("Aedes en het Interprovinciaal Overleg") or a function before it ("teamleider van
        Roteb"). Such a name is the firm's wherever else the page has it ("Aedes heeft
        laten weten")."""
        word = text[start:end]
        if " " in word or "\n" in word or self.gaz.is_name(word):
            return False
        return any(listed_with_organisation(text, s, s + len(word))
                   or _FUNCTION_OF.search(text, max(0, s - 40), s) is not None
                   for s in _occurrences(text, word))

    def prepare(self, docs: list[Doc], nlp_artifacts: NlpArtifacts | None = None) -> None:
        """Tag the windows of several pages at once; ``analyze`` on those pages' tokens then
        only reads the result. One ``nlp.pipe`` call per document instead of one per page
        saves a tenth of the model's time: its per-batch cost is paid once."""
        nlp = self.pipeline(nlp_artifacts)
        self._prepared = {}
        per_doc = self._tag(docs, nlp)
        for doc, spans in zip(docs, per_doc, strict=True):
            self._prepared[id(doc)] = (doc, spans)

    def entities_in(self, text: str, doc: Doc, nlp: Language) -> Iterator[tuple[int, int, str]]:
        yield from self._tag([doc], nlp)[0]

    def _tag(self, docs: list[Doc], nlp: Language) -> list[list[tuple[int, int, str]]]:
        # The windows of a page are built from the page's own tokens (the tokenizer's affix
        # rules cost ten times more than that, and Span.as_doc more still) and joined into
        # one Doc, a paragraph break between two windows: the model's cost per Doc is about
        # that of a dozen tokens, and a page has a dozen windows of a dozen tokens.
        inputs: list[tuple[Doc, int]] = []
        pieces: list[list[tuple[int, int, int, int]]] = []  # token start, token end, char start, page char
        vocab = nlp.vocab
        for n, doc in enumerate(docs):
            texts, spaces, ws = table = _token_table(doc)
            words: list[str] = []
            follow: list[bool] = []
            joined: list[tuple[int, int, int, int]] = []
            chars = 0
            for s, e in self.windows(doc, table):
                while e > s and spaces[e - 1]:
                    e -= 1
                if e <= s:
                    continue
                if words:
                    words.append(WINDOW_BREAK)
                    follow.append(False)
                    chars += len(WINDOW_BREAK)
                start = len(words)
                words.extend(texts[s:e])
                follow.extend(ws[s:e])
                follow[-1] = False
                joined.append((start, len(words), chars, doc[s].idx))
                chars += doc[e - 1].idx + len(texts[e - 1]) - doc[s].idx
            if words:
                inputs.append((Doc(vocab, words=words, spaces=follow), len(pieces)))
                pieces.append(joined)
            else:
                pieces.append([])
        out: list[list[tuple[int, int, str]]] = [[] for _ in docs]
        for wdoc, n in nlp.pipe(inputs, as_tuples=True, batch_size=self.batch_size):
            joined = pieces[n]
            for ent in wdoc.ents:
                if ent.label_ not in PERSON_LABELS:
                    continue
                k = bisect_right(joined, ent.start, key=itemgetter(0)) - 1
                t0, t1, c0, page_at = joined[k]
                # an entity never reaches over into the next window
                for start, end in self._clean(wdoc, ent.start, min(ent.end, t1)):
                    out[n].append((page_at + start - c0, page_at + end - c0, ent.label_))
        return out

    def _clean(self, doc: Doc, s: int, e: int) -> list[tuple[int, int]]:
        """The names inside an entity; none when the NER mistook ordinary words for one.

        An entity running over a sentence end holds two names ("Ouahabi. Pinas"). Lines
        glued to a name across a line break ("Boer\nSenior") are dropped, and so are titles,
        greetings, ordinary words and stray symbols at the edges ("Hallo Ingrid",
        "Marktkoopman Youssef Azzouzi", "Jan Jansen <"). Organisations, places and streets
        the model tagged as persons are rejected.
        """
        sentences: list[list[list[int]]] = [[[]]]  # pieces -> lines -> tokens
        bracketed = [False]
        for k in range(s, e):
            tok = doc[k]
            text = tok.text
            if tok.is_space and "\n" in text:
                sentences[-1].append([])
            elif (text in _SENTENCE_ENDS and k > s and not _INITIALS.fullmatch(
                    doc[k - 1].text + text)) or text in _CLOSERS or text in _JOINERS or (
                    text == "," and self._capitalised(doc, sentences[-1][-1]) >= 2):
                # "Peter Smit en Anna Bos", "Peter Smit, Anna Bos": two people. A comma
                # after one word is the "Jansen, Jan" form and stays inside the name.
                sentences.append([[]])
                bracketed.append(False)
            elif text in _BRACKETS:
                # a name ends where a bracket opens: "Jan Jansen (BZK)"
                sentences.append([[]])
                bracketed.append(True)
            elif (_INITIALS.fullmatch(text) and sentences[-1][-1]
                  and _surname_like(doc[sentences[-1][-1][-1]].text, self.gaz)
                  and k + 1 < e and _surname_like(doc[k + 1].text, self.gaz)):
                # initials between a surname and another one open the next name: two
                # signers on one line ("drs. R. van der Zee L.M.M. Bolsius"); "Jan T." is
                # one name, as Belgian papers write it
                sentences.append([[k]])
                bracketed.append(False)
            elif not tok.is_space:
                sentences[-1][-1].append(k)
        out = []
        for lines, inside in zip(sentences, bracketed, strict=True):
            span = self._name_in(doc, s, e, lines)
            if span and inside and " " not in doc.text[span[0]:span[1]].strip():
                continue  # one word in brackets after a name: a party, country or unit
            if span:
                out.append(span)
        return out

    def _capitalised(self, doc: Doc, toks: list[int]) -> int:
        # "Van der Berg, Jan" has one surname before its comma, "Anna Bos, Piet Smit" two words
        return sum(1 for k in toks if doc[k].text[:1].isupper()
                   and not self.gaz.is_interfix(doc[k].text))

    def _name_in(self, doc: Doc, s: int, e: int, lines: list[list[int]]
                 ) -> tuple[int, int] | None:
        kept = [t for t in (self._trim(doc, ln) for ln in lines) if t]
        if not kept:
            return None
        toks = kept[0]
        for piece in kept[1:]:
            # a name broken over two lines ("Nadia\nOuahabi"); a full name followed by a
            # line with the function ("Priya Kalloe\nLiaison") stays one line
            if piece[0] - toks[-1] <= 2 and self._incomplete(doc, toks):
                toks = toks + piece
            else:
                break
        words = [doc[k].text for k in toks]
        while len(toks) > 1 and is_office_word(words[0]):
            # "Portefeuillehouder RvB René Steenvoorden": the board's or office's word is
            # no part of the name after it
            toks, words = toks[1:], words[1:]
        if any(w.lower() in ORG_WORDS for w in words) or (len(words) > 1
                                                         and is_type_compound(words[0])):
            return None  # "Stichting Buurtkracht", "Directie Wetgeving", "Melkveebedrijf De …"
        if any(w in FRISIAN_NAME_OPENERS for w in words[1:]):
            return None  # "Legionella It Heechhôf": a subject line's word before a house name
        if (any(gazetteer_mod.looks_like_law_or_work(w) for w in words)
                or _after_law(doc, toks[0]) or _eponym(doc, toks[0])):
            return None  # "Jeugdwet", "IJsselbrug", "Wet Bibob"
        if len(toks) == 1 and words[0].lower() in COMPASS_WORDS:
            return None  # "Regiomanager Oost": a region, not Mr Oost
        if len(toks) == 1 and sum(c.isalpha() for c in words[0]) <= 2:
            # "Ee", "Wu" alone: OCR debris or a fragment; a title or first name with a short
            # surname ("mevrouw Wu") is the title and first-name rules' to find
            return None
        if any(_odd_case(w) for w in words):
            return None  # "RAe", "HEt": no name is written so; misread print or debris
        if (self.gaz.is_place(" ".join(words)) or _street_like(doc, toks, self.gaz)
                or self._ends_a_place(doc, toks, words)):
            return None
        if words[0] in FRISIAN_NAME_OPENERS or (
                toks[0] > 0 and doc[toks[0] - 1].text in FRISIAN_NAME_OPENERS):
            return None  # "It Heechhôf", "Nij Smellinghe", "Alde Feanen": a house or a place
        caps = [w for w in words if w[:1].isupper()]
        if len(caps) == 1:
            parts = caps[0].split("-")
            # "El-Khatib": the interfix is not the word to judge
            lone = (parts[1] if len(parts) > 1 and self.gaz.is_interfix(parts[0])
                    else parts[0]).strip("'’")
            if not self.gaz.is_name(lone) and (self.gaz.is_dictionary_word(lone)
                                               or self.gaz.zipf(lone) >= LONE_WORD_ZIPF
                                               or looks_like_derived_word(lone)
                                               or _is_compound(lone.lower(), self.gaz)
                                               or _group_word(lone, self.gaz)
                                               or gazetteer_mod.looks_like_organisation(lone)
                                               or self.gaz.is_institution(lone)
                                               or not _VOWEL.search(lone)
                                               or len(lone) <= 3):
                # "Colofon", "Curatieve", "Awb": a lone known word or an abbreviation
                return None
            dropped = [doc[k].text for k in range(s, e) if k not in toks
                       and doc[k].text[:1].isupper() and not _is_title(doc, k)
                       and not self.gaz.is_interfix(doc[k].text)]
            if self.gaz.is_common_word(lone) and (dropped or _alone_on_line(doc, toks[0])):
                return None  # "Hoogwater Lek" cut to "Lek", a heading "Nota": no name left
        first, last = doc[toks[0]], doc[toks[-1]]
        end = last.idx + len(last)
        if last.text.endswith(".") and not _INITIALS.fullmatch(last.text):
            end -= 1
        return first.idx, end


    def _ends_a_place(self, doc, toks: list[int], words: list[str]) -> bool:
        """The span ends a place name that starts a word or two before it: "Sint
        |Eustatius|", "Bergen op |Zoom|"."""
        for back in (1, 2, 3):
            i = toks[0] - back
            if i < 0 or "\n" in doc[i].text_with_ws:
                return False
            before = [doc[k].text for k in range(i, toks[0])]
            if self.gaz.is_place(" ".join(before + words)):
                return True
        return False

    def _trim(self, doc: Doc, toks: list[int]) -> list[int]:
        """Strip what cannot begin or end a name; [] when no name word is left."""
        gaz = self.gaz
        toks = list(toks)

        def junk(k: int) -> bool:
            t = doc[k].text
            if not any(c.isalpha() for c in t) or "@" in t or "<" in t or ">" in t:
                return True
            if gaz.is_interfix(t):
                j = k
                while j < len(doc) and gaz.is_interfix(doc[j].text):
                    j += 1
                if j < len(doc) and doc[j].text[:1].isupper():
                    return False  # "Van der Linden": the interfix belongs to the surname
            if t[:1].islower() and not _INITIALS.fullmatch(t):
                return True  # "keizer", "minister": a role before the name, not part of it
            return (_is_title(doc, k) or t.lower() in NOT_FIRST_NAMES
                    or t.lower().rstrip(":") in MAIL_HEADER_LABELS
                    or t.lower() in DATE_WORDS or self._ordinary(t))

        while toks and ((junk(toks[0]) and not (
                len(toks) > 1 and doc[toks[0]].text[:1].isupper()
                and self._surname_after(doc, toks, 1)))
                        or self._demonym_before(doc, toks)):
            toks.pop(0)
        # "van Gerrit Mulder": a preposition before a first name is not part of the name
        while len(toks) > 1 and doc[toks[0]].text.islower() and \
                gaz.is_first_name(doc[toks[1]].text):
            toks.pop(0)
        comma_form = any(doc[k].text == "," for k in toks)
        completed = False  # the last word is the surname the words before it ask for
        while toks and (junk(toks[-1]) or (doc[toks[-1]].text.islower() and not comma_form)):
            if len(toks) > 1 and self._surname_after(doc, toks, len(toks) - 1):
                completed = True
                break
            toks.pop()
        if not completed and not any(doc[k].text[:1].isupper() and not self._ordinary(doc[k].text)
                                     for k in toks):
            return []
        return toks

    def _demonym_before(self, doc: Doc, toks: list[int]) -> bool:
        """"Marokkaan Hicham El-Guerrouj", "Brit Michael Aris": the nationality is no part of
        the name. A listed name ("Adriaan", "Brit") counts only before a first name."""
        if len(toks) < 2 or not doc[toks[1]].text[:1].isupper():
            return False
        w = doc[toks[0]].text
        if not _is_demonym(w):
            return False
        return not self.gaz.is_name(w) or self.gaz.is_first_name(doc[toks[1]].text)

    def _surname_after(self, doc: Doc, toks: list[int], j: int) -> bool:
        """Is token toks[j] the surname that completes the name toks[:j]?

        Frequency cannot tell a surname from an ordinary word: web text makes "Hamilton"
        or "Blatter" as frequent as "trekker". So in a name that opens with a listed first
        name or initials, the word after the first name is the surname when it is a listed
        surname ("Jan Koning"), no ordinary Dutch word ("Sepp Blatter", "J. Hopkins"), a
        rarer ordinary word ("Herman Trekker") or a regnal number ("Willem III"); after a
        capitalised interfix any capitalised word is ("Dirk De Wilde").
        """
        gaz = self.gaz
        k, prev = toks[j], toks[j - 1]
        t, p = doc[k].text, doc[prev].text
        if not t[:1].isupper() or _is_title(doc, k):
            return False
        opener = doc[toks[0]].text
        if not (_INITIALS.fullmatch(opener) or self._name_word(doc, toks[0], first=True)):
            return False  # "Center Parcs", "Vlaams Blok", "De Persgroep"
        if gaz.is_interfix(p) and p[:1].isupper():
            return j >= 2 and (t.isalpha() or "-" in t or "'" in t)
        if (gaz.is_interfix(p) and j >= 2 and (t.isalpha() or "-" in t)
                and (_INITIALS.fullmatch(doc[toks[j - 2]].text)
                     or gaz.is_first_name(doc[toks[j - 2]].text))):
            return True  # "Henk ter Haar", "J. de Wit": after a first name and its interfix
        if not self._name_word(doc, prev, first=j == 1):
            return False
        if _ROMAN.fullmatch(t):
            return True
        if not self._name_word(doc, k, surname=True):
            return False
        head = t.split("-")[0].strip("'’")
        if gaz.is_surname(head) or not gaz.is_dictionary_word(head):
            return True
        return gaz.is_first_name(p) and gaz.zipf(head) < SURNAME_WORD_ZIPF

    def _name_word(self, doc: Doc, k: int, surname: bool = False, first: bool = False) -> bool:
        """Could token k be part of a person's name: initials, a listed name that is no
        frequent word, or a word that is no ordinary Dutch word ("Aung", "Pomés")? With
        ``first`` only a listed first name counts, frequent or not ("Mark"); a ``surname``
        may be any capitalised word that is not shaped like a compound or a street."""
        gaz = self.gaz
        t = doc[k].text
        if not surname and _INITIALS.fullmatch(t):
            return True
        head = t.split("-")[0].strip("'’")
        low = head.lower()
        if not head[:1].isupper() or not head.isalpha() or head.isupper() or _inner_capital(head):
            return False  # acronyms and brands ("RIVM", "JenV")
        if any(part[:1].islower() and not gaz.is_interfix(part) for part in t.split("-")[1:]):
            return False  # "Fifa-voorzitter": a compound noun
        if (low in FOREIGN_FUNCTION_WORDS or low in ORG_WORDS or low in NOT_FIRST_NAMES
                or _is_title(doc, k) or gaz.is_place(t)
                or (looks_like_street(t) and not gaz.is_surname(head))):
            return False
        if first:
            return gaz.is_first_name(low)
        if surname:
            # "Verhofstadt" is shaped like a derived word ("ver-...-t"), but no dictionary has it
            return not (_is_compound(low, gaz, strict=True) or (
                looks_like_derived_word(head) and gaz.is_dictionary_word(low)))
        if looks_like_derived_word(head) or _is_compound(low, gaz):
            return False
        if gaz.is_name(low):
            return not (gaz.is_dictionary_word(low) and gaz.zipf(low) >= COMMON_NAME_WORD_ZIPF)
        return not gaz.is_dictionary_word(low)

    def _incomplete(self, doc: Doc, toks: list[int]) -> bool:
        """Does the name on this line look cut off (one word, or ending in an initial)?"""
        caps = [k for k in toks if doc[k].text[:1].isupper()]
        return len(caps) <= 1 or bool(_INITIALS.fullmatch(doc[toks[-1]].text))

    def _ordinary(self, word: str) -> bool:
        """An ordinary word, acronym, number or compound: no part of a person's name."""
        gaz = self.gaz
        w = word.strip(".,;:'’\"()[]")
        if _INITIALS.fullmatch(word):
            return False
        if not w or any(c.isdigit() for c in w) or "/" in w or "." in w:
            return True  # numbers, paths, file names ("Buurtkracht.pdf")
        if w.isupper() and len(w) > 1:
            return not gaz.is_surname(w)  # "RBT", "DRR"; "JANSEN" is a name
        pieces = w.split("-")
        if len(pieces) > 1 and gaz.is_interfix(pieces[0]):
            pieces = pieces[1:]  # "El-Khatib"
        head = pieces[0].strip("'’")
        low = head.lower()
        tail = pieces[-1]
        if "-" in w and tail[:1].isupper() and (gaz.is_place(tail) or tail.lower() in COMPASS_WORDS
                                                 or self._ordinary(tail)):
            return True  # "West-Nederland", "Noord-Holland"
        if "-" in w and tail[:1].islower() and not gaz.is_interfix(tail) and \
                (gaz.is_common_word(tail) or _is_compound(tail, gaz)):
            return True  # "Woo-coördinatoren", "AI-verordening"
        if gaz.is_name(low) and low not in gazetteer_mod.STOP_WORDS:
            return gaz.is_common_word(low) and gaz.zipf(low) >= COMMON_NAME_WORD_ZIPF
        if w.lower() in ORG_WORDS:
            return True
        if low.endswith("'s"):
            low = low[:-2]
        return gaz.is_common_word(low) or _is_compound(low, gaz)

    def _result(self, start: int, end: int, label: str) -> RecognizerResult:
        return RecognizerResult(
            entity_type=ENTITY, start=start, end=end, score=self.score,
            analysis_explanation=AnalysisExplanation(
                recognizer=self.name, original_score=self.score,
                textual_explanation=f"spaCy NER label {label} in a candidate window"),
            recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                                  RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id},
        )


def _title_at(texts: list[str], i: int) -> bool:
    """Is token i a title ("dhr.", "mevrouw", "heer"; "mr" only with its dot)?"""
    text = texts[i]
    if text == "." and i > 0:
        return texts[i - 1].lower() in TITLES  # "dhr" "." tokenised apart
    return _title_word(text)


@lru_cache(maxsize=1 << 16)
def _title_word(text: str) -> bool:
    # asked for every token of every page: a cache hit costs a tenth of the checks
    low = text.lower().rstrip(".")
    if low == "heer":
        return True
    return low in TITLES and (text.endswith(".") or low in _BARE_TITLES)


def _is_title(doc: Doc, i: int) -> bool:
    text = doc[i].text
    if text == "." and i > 0:
        return doc[i - 1].text.lower() in TITLES
    return _title_word(text)


_INITIALS = re.compile(r"(?:(?:Chr|Ch|Th|Ph|IJ|\p{Lu})\.)+")


_HOUSE_NUMBER = re.compile(r"\d{1,5}[a-zA-Z]?")
# Words that open a street's name and no person's
_STREET_HEADS = frozenset({"laan", "plein", "kade", "singel", "straatweg", "rijksstraatweg"})


def _street_like(doc: Doc, toks: list[int], gaz: Gazetteer) -> bool:
    """"Turfmarkt 147", "Burgemeester Patijnlaan": a street, not a person; "Hoogendijk"
    and "Kerkhof" are listed surnames too, streets only before a house number."""
    last = doc[toks[-1]].text
    if looks_like_street(last) and not gaz.is_surname(last.split("-")[-1]):
        return True
    if len(toks) > 1 and doc[toks[0]].text.lower() in _STREET_HEADS:
        return True  # "Laan van Meerdervoort", "Plein 1813"
    nxt = toks[-1] + 1
    while nxt < len(doc) and doc[nxt].is_space and "\n" not in doc[nxt].text:
        nxt += 1
    return nxt < len(doc) and _HOUSE_NUMBER.fullmatch(doc[nxt].text) is not None


def _occurrences(text: str, word: str) -> Iterator[int]:
    """Starts of ``word`` as a whole word on the page: "Aedes heeft laten weten" is the
    organisation the page lists as "de Woonbond en Aedes" further on."""
    k = text.find(word)
    while k >= 0:
        end = k + len(word)
        if (k == 0 or not text[k - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
            yield k
        k = text.find(word, end)


def _is_demonym(word: str) -> bool:
    low = word.lower()
    return low in _DEMONYMS or (low.endswith(_DEMONYM_ENDINGS) and len(low) > 5)


def _group_word(word: str, gaz: Gazetteer) -> bool:
    """"Colombianen", "Indonesiërs", "Apeldoornse": inhabitants or an adjective of a
    place, capitalised like a name."""
    low = word.lower()
    if low.endswith(_GROUP_ENDINGS) and len(low) > 6:
        return True
    return low.endswith("se") and gaz.is_place(low[:-2])


def _odd_case(word: str) -> bool:
    """Two capitals, then lower case ("RAe", "BIe-Smit"): no name has that shape (the Dutch
    digraph in "IJsselstein" aside); OCR of smudges and redaction boxes does."""
    for part in word.split("-"):
        body = part[2:] if part.startswith("IJ") else part
        if len(body) >= 3 and body[0].isupper() and body[1].isupper() and body[2].islower():
            return True
    return False


def _inner_capital(word: str) -> bool:
    body = word[2:] if word.startswith("IJ") else word[1:]
    return any(c.isupper() for c in body)


def _surname_like(text: str, gaz: Gazetteer) -> bool:
    """A capitalised word that is no initials, interfix or title: a name's last word."""
    return (text[:1].isupper() and not _INITIALS.fullmatch(text) and not gaz.is_interfix(text)
            and text.lower().rstrip(".") not in TITLES)


def _after_law(doc: Doc, i: int) -> bool:
    """"Wet Bibob", "wet Mulder": the word after "Wet" names the law, even after a person."""
    j = i - 1
    while j >= 0 and doc[j].is_space and "\n" not in doc[j].text:
        j -= 1
    return j >= 0 and doc[j].text in ("Wet", "wet")


_EPONYM_NOUNS = frozenset({"ziekte", "syndroom", "morbus", "methode", "wet", "principe",
                           "test", "schaal", "effect"})


def _eponym(doc: Doc, i: int) -> bool:
    """"de ziekte van Crohn", "het syndroom van Down": a condition named after a person."""
    return (i >= 2 and doc[i - 1].lower_ == "van" and doc[i - 2].lower_ in _EPONYM_NOUNS)


def _alone_on_line(doc: Doc, i: int) -> bool:
    j = i + 1
    while j < len(doc) and doc[j].is_punct and "\n" not in doc[j].whitespace_:
        j += 1
    return j >= len(doc) or (doc[j].is_space and "\n" in doc[j].text) or "\n" in doc[j - 1].whitespace_


_Table = tuple[list[str], list[bool], list[bool]]


def _token_table(doc: Doc) -> _Table:
    """Each token's text, whether it is whitespace, and whether a space follows it; read
    from the doc's arrays, since making a Token object per word costs three times more."""
    if not len(doc):
        return [], [], []
    arr = doc.to_array([ORTH, SPACY])
    strings = doc.vocab.strings
    texts = [strings[o] for o in arr[:, 0].tolist()]
    return texts, [t.isspace() for t in texts], [bool(x) for x in arr[:, 1].tolist()]


def _covers(doc: Doc, text: str) -> bool:
    """Is ``doc`` the tokenised ``text`` (cheaply: same length, same first token)?"""
    if not len(doc):
        return not text
    last = doc[-1]
    return last.idx + len(last.text_with_ws) == len(text) and text.startswith(doc[0].text)


def _paragraph_ids(texts: list[str], spaces: list[bool]) -> list[int]:
    """Paragraph number of every token: a blank line or a form feed starts a new one."""
    ids, para = [], 0
    for text, space in zip(texts, spaces):
        if space and (text.count("\n") >= 2 or "\f" in text):
            para += 1
        ids.append(para)
    return ids
