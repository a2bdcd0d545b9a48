"""One recognizer per content ground: cue words, and the scope in which they count.

A cue alone proposes nothing: "burn-out" in "het aantal burn-outs onder leraren stijgt" is
policy, in "Jan zit thuis met een burn-out" it is Jan's health. Each ground says which cues
fire, what else the passage needs (someone it is about, a time still to come, a code after
the word), what makes it general or public, and whether it applies in public documents.
The reason a reviewer reads names the cue and the scope that fired.
"""

from __future__ import annotations

import regex as re

from .doc_kind import INTERNAL

_I = re.IGNORECASE | re.VERSION1

# -- who a passage is about -----------------------------------------------------------------
# a person the passage is about: a pronoun, a role, a title, or a name-like pair of words
_ROLE_NOUN = (r"medewerker|medewerkster|collega|cli[eë]nt|aanvrager|aanvraagster|verzoeker|"
              r"verzoekster|melder|klager|huurder|bewoner|bewoonster|aanvragers|stagiai\w*|"
              r"\w*pati[eë]nt|verdachte|aangever|aangeefster|klaagster|bezwaarmaker|"
              r"belanghebbende|buurman|buurvrouw|familie|gezin|"
              r"slachtoffer|getuige|leerling|student|ouder|moeder|vader|zoon|dochter|partner|"
              r"echtgeno\w+|broer|zus|kind|werknemer|sollicitant|ambtenaar|inspecteur|agent|"
              r"handhaver|kandidaat|\w*(?:leider|leidster|medewerker|ambtenaar|secretaris|"
              r"rechercheur|inspecteur|agent)")
PERSON_REF = re.compile(
    r"\b(?:ik|mij|me|mijn|m'n|hij|hem|zij|ze|haar|zijn|z'n|jij|je|jouw|u|uw|betrokkene|"
    r"de\s+heer|mevrouw|dhr|mw|mevr|meneer|" + _ROLE_NOUN + r")\b"
    r"|(?-i:(?:^|[.!?]\s+|,\s+)(?P<cap>\p{Lu}\p{Ll}+)\s+(?:is|heeft|zit|wordt|gaat|krijgt|was|"
    r"had|moet|kan|mag|blijkt|werkt|valt)\b)"
    r"|(?-i:\b(?P<pair>\p{Lu}\p{Ll}+\s+(?:(?:van|de|der|den|ter|el)\s+)*\p{Lu}\p{Ll}+))"
    r"|(?-i:\b(?:de|het)\s+(?:\w+\s+)?(?P<after>\p{Lu}\p{Ll}{2,})\b)", _I)
# a title names someone even in a rule about anyone in a role
_TITLE_REF = re.compile(r"(?i)de\s+heer|mevrouw|dhr|mw|mevr|meneer")
# a passage about anyone in a role, not about someone: a rule's condition ("als een
# werknemer hervat, kan hij opnieuw ziek worden"), a definition ("een werknemer die …").
# A role without an article is someone in a file ("Verzoeker stelt dat hij …").
GENERIC_SUBJECT = re.compile(
    r"\b(?:als|indien|wanneer|zodra|tenzij|mits)\s+(?:een|de)\s+(?:\w+\s+)?(?:" + _ROLE_NOUN
    + r")\b|\b(?:een|elke|iedere|alle|geen)\s+(?:" + _ROLE_NOUN + r")\w*\s+die\b", _I)
# statistics and groups: a passage about many people at once is policy, not someone's data
GENERAL = re.compile(
    r"\b(?:\d+(?:[.,]\d+)?\s*(?:%|procent)|aantal|percentage|gemiddeld\w*|steeds\s+meer|"
    r"landelijk\w*|onder\s+(?:\w+\s+)?(?:leraren|jongeren|ouderen|inwoners|werknemers|"
    r"medewerkers|agenten|ambtenaren|studenten|leerlingen|bewoners|patiënten)|"
    r"mensen\s+met|inwoners\s+met|in\s+het\s+algemeen|doorgaans|in\s+de\s+regel|"
    r"het\s+kabinet|beleid|regeling|wet\b|wetsvoorstel|onderzoek\s+(?:toont|laat))\b", _I)
# an agenda entry or an absence notice speaks of the owner of the agenda or mailbox
AGENDA_LINE = re.compile(
    r"^.{0,40}?\b\d{1,2}[:.]\d{2}\b|^\s*(?:ma|di|wo|do|vr|za|zo|maandag|dinsdag|woensdag|"
    r"donderdag|vrijdag|zaterdag|zondag)\b|\bhele\s+dag\b|\b(?:afwezig|niet\s+aanwezig|"
    r"niet\s+bereikbaar|out\s+of\s+office|\w*verlof|vrij\s+genomen|ben\s+\w*\s*vrij|"
    r"afwezigheid|lees\s+mijn\s+mail\s+niet|blokkeren|privé|prive)\b", _I)


# a numbered section heading ("4.8.2 Beveiliging", "3. Onderzoek naar misbruik") or a short
# title line without a verb's sentence: no full stop, colon or question mark, few words
_NUMBERED_HEADING = re.compile(r"^\s*\d{1,2}(?:\.\d{1,2}){0,3}\.?\s+\p{Lu}[^\n.!?:;]{0,80}$")


# "09.30 Tandarts", "15.45-16.30 Kapper": an agenda entry's time, not a section number
_TIME_FIRST = re.compile(r"^\s*\d{1,2}[.:][0-5]\d(?!\.\d)\b")


def _heading(passage: str) -> bool:
    return ("\n" not in passage.strip() and bool(_NUMBERED_HEADING.match(passage))
            and not _TIME_FIRST.match(passage))


def _ordinary(word: str) -> bool:
    """A capitalised word that is an ordinary Dutch word (the name lists decide)."""
    from ..gazetteer import load  # the name lists load once, on first use
    gaz = load()
    return gaz.is_dictionary_word(word) and not gaz.is_distinctive_name(word)


class Ground:
    """A content ground's cues and scope. ``find`` gives (start, end, why) within a passage."""

    ENTITY = ""
    GROUND = ""
    CUES: re.Pattern
    # the passage must also hold one of these (None: the cue is enough)
    NEEDS: re.Pattern | None = None
    NEEDS_WHAT = ""
    # nothing is proposed when the passage holds one of these
    NOT: re.Pattern | None = None
    # documents of which kind the ground applies to (None: any)
    KINDS: frozenset[str] | None = None
    # in documents of the other kinds, the passages that say this still count
    ELSEWHERE_WHEN: re.Pattern | None = None
    SCORE = 0.6

    def about_someone(self, passage: str) -> bool:
        """What the passage must hold besides the cue (NEEDS), if anything."""
        return self.NEEDS is None or self.NEEDS.search(passage) is not None

    def applies_in(self, kind: str) -> bool:
        return self.KINDS is None or kind in self.KINDS

    def find(self, text: str, start: int, end: int) -> list[tuple[int, int, str]]:
        passage = text[start:end]
        cue = self.CUES.search(passage)
        if cue is None or (self.NOT is not None and self.NOT.search(passage)):
            return []
        if _heading(passage):
            return []  # a heading names a topic; the detail, if any, is in the text below it
        if not self.about_someone(passage):
            return []
        why = f"'{' '.join(cue.group().split())}'"
        if self.NEEDS_WHAT:
            why += f" {self.NEEDS_WHAT}"
        return [(start, end, why)]


class SpecialPersonalData(Ground):
    """Art. 5.1.1d: health, religion, ethnicity, sexual life, political or union membership
    of a citizen or a civil servant, criminal record: of someone the passage is about."""

    ENTITY = "SPECIAL_PERSONAL_DATA"
    GROUND = "5.1.1d"
    CUES = re.compile(
        # health
        r"\b(?:ziek\w*|burn-?out\w*|verslaaf\w*|hernia\w*|dyslex\w*|migraine\w*|astma\w*|"
        r"jehova\w*|\w*kanker|mesothelioom|\w*beperking|antidepressiv\w*|verzuim\w*|onwel|"
        r"\w*aanval\b|overspannen\w*|depressie\w*|depressie[fv]\w*|"
        r"angststoornis\w*|paniekaanval\w*|psychose\w*|psychisch\w*|psychiatri\w*|"
        r"psycholo\w*|ggz\b|verslav\w*|alcoholprobl\w*|drugsprobl\w*|kanker|tumor\w*|chemo\w*|"
        r"bestraling\w*|geopereerd|operatie\w*|ziekenhuisopname|opgenomen\s+in\s+(?:het|een)\s+"
        r"ziekenhuis|revalid\w*|hartinfarct|herseninfarct|beroerte|diabet\w*|epilep\w*|hiv\w*|"
        r"aids|\w*zwanger\w*|uitgerekend|miskraam|ivf|vruchtbaarheid\w*|dementie|alzheimer|"
        r"autis\w*|adhd|copd|multiple\s+sclerose|met\s+ms\b|koorts\w*|intensive\s+care|op\s+de\s+ic\b|"
        r"toestand\s+is\s+(?:kritiek|stabiel|zorgelijk)|positief\s+getest|\w*ziekten\b|"
        r"\w*operatie\w*|slecht\s+ter\s+been|(?:onco|cardio|neuro|psychia|reumato|uro|gynaeco)"
        r"lo(?:og|ge)\w*|gezichtsveld\w*|(?:alcohol|drugs)misbruik|bekend\s+bij\s+de\s+politie|"
        r"bij\s+de\s+politie\s+bekend|politiebekend\w*|"
        # what English mail of the same people says
        r"disease|illness|surgery|hospitali[sz]ed|pregnan\w*|cancer|depression|"
        r"gehandicapt\w*|handicap\w*|slechthorend\w*|slechtziend\w*|doof|blind|rolstoel\w*|"
        r"medicatie|medicijn\w*|diagnose\w*|behandeling\s+(?:voor|van|bij|in)|behandeld\s+"
        r"(?:voor|wordt|door)|arbeidsongeschikt\w*|re-?integratie\w*|bedrijfsarts\w*|"
        r"long\s+covid|chronisch\w*|(?:rug|pijn|hart|long|nier)klacht\w*|fysiotherap\w*|"
        r"huisarts\w*|hospice|terminaal|palliatie\w*|rouwverwerking|suïcid\w*|suicid\w*|"
        r"eetstoornis\w*|trauma\w*|ptss|"
        # religion and belief
        r"moskee\w*|synagoge\w*|gelovig\w*|religie\w*|religieu\w*|geloof\w*|christen\w*|"
        r"moslim\w*|islamitisch\w*|joods\w*|hindoe\w*|boeddhist\w*|hoofddoek\w*|ramadan|"
        r"sabbat|lid\s+van\s+(?:de\s+)?(?:[\w-]+\s+){0,3}(?:kerk|parochie|geloofsgemeenschap)\b|"
        # ethnicity and descent
        r"afkomst\b|roots|etnisch\w*|huidskleur|"
        r"(?:marokkaanse|turkse|surinaamse|antilliaanse|eritrese|syrische|somalische|"
        r"poolse|afghaanse)\s+(?:achtergrond|afkomst|komaf|roots)|"
        # sexual life and orientation
        r"homoseksu\w*|homo\b|lesbisch\w*|biseksu\w*|transgender\w*|seksuele\s+geaardheid|"
        r"geaardheid|coming-?out|seksleven|"
        # political and union membership of a citizen or civil servant
        r"(?:partij|vakbonds?)lid\w*|kaderlid\w*|lid\s+van\s+(?:de\s+)?(?:vakbond|fnv|cnv|acp|"
        r"partij\b)|stemt\s+op|(?:actief|lid|kader|campagne)\b.{0,40}\b(?:VVD|CDA|PvdA|D66|"
        r"GroenLinks|SP|PVV|ChristenUnie|SGP|PvdD|Partij\s+voor\s+de\s+Dieren|DENK|JA21|FvD|"
        r"Volt|BBB|NSC|50PLUS|BIJ1|FNV|CNV|ACP)\b|(?:VVD|CDA|PvdA|D66|GroenLinks|SP|PVV|"
        r"ChristenUnie|SGP|PvdD|DENK|JA21|FvD|Volt|BBB|NSC|FNV|CNV|ACP)-?(?:afdeling|kader|lid)\w*|"
        r"huiselijk\s+geweld|strafbeschikking\w*|"
        # criminal record
        r"strafblad\w*|justiti[eë]le\s+documentatie|documentatieregister|veroordeel\w*|"
        r"veroordeling\w*|taakstraf\w*|gevangenisstraf\w*|detentie\w*|gedetineerd\w*|"
        r"reclassering\w*|\btbs\b|veelpleger\w*|antecedent\w*|vog\s+(?:is\s+)?geweigerd)", _I)
    NEEDS = re.compile(PERSON_REF.pattern + "|" + AGENDA_LINE.pattern, _I)
    NEEDS_WHAT = "about someone named or meant in the passage"
    # a politician's party is public; policy about a symbol or a group is no one's data
    NOT = re.compile(GENERAL.pattern + r"|\b(?:het\s+lid|kamerlid\w*|raadslid\w*|fractie\w*|"
                     r"partijleider\w*|minister\w*|wethouder\w*|symbolen)\b", _I)

    def about_someone(self, passage: str) -> bool:
        """Someone the passage is about: a capitalised word counts only when it is no
        ordinary word ("Ziekte is …", "de Hoge Raad" name no one), and in a passage about
        anyone in a role only a name or a title does."""
        generic = GENERIC_SUBJECT.search(passage) is not None
        for m in self.NEEDS.finditer(passage):
            words = [w for w in (m.group("cap"), m.group("pair"), m.group("after")) if w]
            if words:
                if any(not _ordinary(w) for part in words for w in part.split()
                       if w[:1].isupper()):
                    return True
                continue
            if not generic or _TITLE_REF.match(m.group()):
                return True
        return False


class PersonalOpinion(Ground):
    """Art. 5.2.1: a personal policy opinion in a document for internal deliberation: the
    writer's own view, advice, expectation or preference, or a participant's in minutes."""

    ENTITY = "PERSONAL_OPINION"
    GROUND = "5.2.1"
    KINDS = frozenset({INTERNAL})
    CUES = re.compile(
        r"\b(?:ik|wij|we)\s+(?:denk|vind|vinden|verwacht|vrees|betwijfel|twijfel|neig|"
        r"pleit|adviseer|adviseren|raad\w*|zou|zouden|ben\s+bang|ben\s+van\s+mening|"
        r"ben\s+het\s+(?:niet\s+)?eens|heb\s+(?:mijn\s+|er\s+)?(?:twijfels|bedenkingen|"
        r"vertrouwen|moeite)|snap|begrijp|stel\s+voor|geef\s+(?:de\s+)?voorkeur)\w*|"
        r"\b(?:denk|vind|verwacht|vrees|hoop)\s+ik\b|"
        r"\bmijns\s+inziens\b|\bm\.[ ]?i\.|\bnaar\s+mijn\s+(?:mening|idee|smaak|oordeel|"
        r"inschatting|overtuiging|gevoel)\b|\bvolgens\s+mij\b|\bwat\s+mij\s+betreft\b|"
        r"\bpersoonlijk\s+(?:vind|denk)\b|\bpersoonlijke\s+(?:inschatting|mening|opvatting|"
        r"indruk|voorkeur)\b|\bmijn\s+(?:advies|voorkeur|inschatting|indruk|"
        r"gevoel|mening|zorg|idee|voorstel)\b|\bals\s+je\s+het\s+mij\s+vraagt\b|"
        r"\beerlijk\s+gezegd\b|\bhet\s+lijkt\s+m(?:ij|e)\b|\blijkt\s+m(?:ij|e)\b|"
        r"\b(?:onze|de)\s+voorkeur\s+(?:gaat|heeft|ligt)\b|\bheeft\s+(?:onze|mijn)\s+voorkeur\b|"
        r"\bwij\s+adviseren\b|\b(?:on)?verstandig(?:er)?\b|\bpleit\w*\s+ervoor\b|"
        r"\bsceptisch\b|\bkritisch\s+over\b|\bmaakt?\s+zich\s+zorgen\b|\bwaarschuwt\s+voor\b|"
        r"\bwil\s+doorpakken\b|\bis\s+verdeeld\b|\bondermaats\b|\bte\s+stellig\b|"
        r"\bonuitvoerbaar\b|\b(?:slecht|goed)\s+idee\b|\bna[iï]e[fv]\w*\b|\bte\s+ver\b|"
        r"\bteleurstellend\b|\bamateuristisch\b|\bonhaalbaar\b|\bniet\s+realistisch\b|"
        r"\btbh\b|\bimo\b|\bimho\b|\bvind(?:t|en)\s+(?:het|dat|dit|ze|hij|zij|we|wij|u|jullie|men)\b|\btwijfels?\b|\b(?:raadt|raden)\s+"
        r"(?:\w+\s+){0,6}aan\b|\baan(?:te\s+)?raden\b|\bafgeraden\b|\bafraden\b|"
        r"\baanbevel\w*|\bnaar\s+(?:ons|het)\s+oordeel\b|\bnaar\s+onze\s+(?:inschatting|"
        r"mening|overtuiging)\b|\b(?:wij|we)\s+achten\b|\bachten\s+wij\b|\bambtelijk\s+"
        r"(?:advies|afgeraden|geadviseerd|voorkeur)\b|\b(?:ik\s+)?voorzie\b|\bzou\s+ik\b|"
        r"\bwassen\s+neus\b|\bte\s+defensief\b|\bkansrijk\b|\bkwetsbaar\b|"
        r"\bniet\s+voor\s+de\s+hand\b|\bverstandig\w*\b|"
        # "volgens de projectleider", "volgens Hanneke": a participant's view, not a rule's
        r"\bvolgens\s+(?:de\s+|het\s+)?(?:(?-i:\p{Lu}\p{Ll}+)\b(?!\s+(?:wet|regeling|"
        r"norm))|\w*(?:leider|leidster|directeur|manager|chef|adviseur|officier|jurist|"
        r"collega|afdeling|teamleider|coördinator|coordinator)\w*)|\bis\s+van\s+mening\b|"
        # the verb, not the hedge of a description ("vermoedelijk een nagelstudio")
        r"\bvrees\w*|\bvermoed(?:t|en|de|den)?\b|\bacht\w*\s+(?:het\s+)?"
        r"(?:niet\s+)?(?:wenselijk|nodig|verstandig|noodzakelijk|onwenselijk|raadzaam)\b|"
        r"\bweinig\s+te\s+zien\s+in\b|\bpositiever?\s+over\b|\bnegatiever?\s+over\b|"
        r"\bzou\s+'?t\b|\bniet\s+doen\b|\bte\s+(?:snel|slecht|vrijblijvend|laat|weinig)\b", _I)
    # "je vindt het op intranet", "vindt plaats": finding, not an opinion
    NOT = re.compile(r"\bvind(?:t|en)?\s+(?:je\s+|u\s+)?(?:het\s+|deze\s+|dit\s+)?"
                     r"(?:op|in|via|hier|terug|plaats|bijgaand)\b|\bte\s+vinden\b|"
                     r"\bvind(?:t|en)\b[^.;!?]{0,60}?\bplaats\b", _I)


class SecurityDetail(Ground):
    """Art. 5.1.2h: how people and buildings are protected: security staff and measures,
    routes and entrances, access and alarm codes, cameras, threats against someone."""

    ENTITY = "SECURITY_DETAIL"
    GROUND = "5.1.2h"
    CUES = re.compile(
        r"\b(?:beveilig\w*|persoonsbeveilig\w*|bewak\w*|bewaakt|onbewaakt|bodyguard\w*|"
        r"dreig\w*|bedreig\w*|(?:achter|zij|nood|dienst)ingang(?:en|s)?\b|(?:achter|nood)uitgang(?:en|s)?\b|"
        r"vluchtroute\w*|aanrijroute\w*|route\s+(?:van|naar|via)|toegangscode\w*|deurcode\w*|"
        r"alarmcode\w*|kluis\w*|sleutelkast\w*|reservesleutel\w*|cameratoezicht|camera'?s?|"
        r"dode\s+hoek|arrestatieteam|(?-i:\bDSI\b|\bME\b)|noodhulp\w*|stand-?by|posities\s+in|"
        r"noodknop\w*|gebracht\s+en\s+gehaald|\w*deur\b.{0,30}\b(?:sluit|kapot|open)|"
        r"locatiedeling|surveillance\w*|getuigenbescherming|sleutelkluis\w*|"
        r"langs\s+de\s+woning|woning\s+van\s+(?:de\s+)?(?:burgemeester|wethouder|minister|"
        r"officier|rechter|inspecteur|getuige)|"
        r"portier\w*|nachtportier\w*|toegangspas\w*|badge\w*|afgesloten\s+deel|"
        r"chauffeur\w*|verblijfplaats|onderduik\w*|alarm\w*|paniekknop\w*|kogelwerend\w*|"
        r"magneetslot\w*|versterkte\s+(?:deur|voordeur|ramen|glas)|\w*ingang(?:en|s)?\b(?<!met\s+ingang)|"
        r"\w*uitgang(?:en|s)?\b|dkdb|in\s+burger|datacenter\w*|serverruimte\w*|opgehaald\s+bij|"
        r"vertrek\w*\s+(?:\w+\s+){0,3}via|demonstratie\s+bij\s+(?:zijn|haar)\s+huis)", _I)
    KINDS = frozenset({INTERNAL})
    NOT = re.compile(r"\b(?:informatiebeveiliging\w*|beveiligingsbeleid|rijksnormen|"
                     # the security of data and systems, monitoring a process: no one's
                     # protection
                     r"(?:gegevens|data)beveiliging\w*|beveiligde\s+(?:omgeving|verbinding|"
                     r"e-?mail|website|server)\w*|organisatorische\s+maatregelen|"
                     r"bewak\w*\s+(?:dat|of)|(?:voortgang|kwaliteit|planning)\s+en\s+bewaking|"
                     r"bewaking\s+van\s+(?:de\s+|het\s+)?(?:voortgang|kwaliteit|planning|"
                     r"termijn\w*|budget\w*|uitvoering)|"
                     r"dreigingsniveau\s+voor\s+nederland|beveiligingsupdate\w*|"
                     r"verplicht|huisregels|\w*normen|zichtbaar\s+te\s+dragen|evaluatie|"
                     r"bleek|constateerde\w*|geconstateerd)\b", _I)


class SystemWeakness(Ground):
    """Art. 5.1.2h: a weakness of a system that is still open: an outdated version, a
    protocol or port that should be closed, an account without a second factor. Told, it
    shows the way in; a weakness already fixed shows no one anything."""

    ENTITY = "SECURITY_DETAIL"
    GROUND = "5.1.2h"
    CUES = re.compile(
        r"\b(?:kwetsbaarhe\w+|(?-i:TLS)\s*1\.[01]|(?-i:SSLv?[23])|(?-i:SMBv1)|"
        r"firmware-?versie\w*|(?:verouderde|oude)\s+(?:versie|firmware|software|\w*-versie)|"
        r"\w+-versie\b|open\s+poort\w*|poort\s+\d+\s+(?:open|staat)|"
        r"beheer-?interface\w*|zonder\s+(?:mfa|tweestaps\w*|twee-?factor\w*)|mfa=exempt|"
        r"uitgezonderd\s+van\s+(?:mfa|tweestaps\w*)|"
        r"niet\s+(?:is\s+|zijn\s+|wordt\s+)?(?:gepatcht|gepatched|bijgewerkt)|"
        r"(?:nog\s+)?geen\s+patch|exploit\w*|zero-?day|brute-?force\w*|phishing\w*)", _I)
    NEEDS = re.compile(r"\b(?:nog|niet|geen|open|accepteert|draait|staat|zonder|kan|kunnen|"
                       r"mogelijk|bereikbaar|uitgezonderd|exempt)\b", _I)
    NEEDS_WHAT = "a weakness still open"
    NOT = re.compile(r"\b(?:verholpen|opgelost|gepatcht\s+op|is\s+gedicht|inmiddels\s+"
                     r"(?:bijgewerkt|gepatcht|afgesloten)|bewustwording\w*|campagne\w*)\b", _I)
    KINDS = frozenset({INTERNAL})


class InspectionPlan(Ground):
    """Art. 5.1.2d: an inspection or control still to come: when, where, whom, how, or
    that it will not be announced. A report of an inspection held is no plan."""

    ENTITY = "INSPECTION_PLAN"
    GROUND = "5.1.2d"
    KINDS = frozenset({INTERNAL})
    # a published report that says its next inspection will be unannounced still says when
    ELSEWHERE_WHEN = re.compile(r"\b(?:onaangekondigd\w*|zonder\s+(?:voor)?aankondiging|"
                                r"niet\s+(?:vooraf\s+)?aangekondigd)\b", _I)
    CUES = re.compile(
        r"\b(?:\w*controle\w*|controleren|\w*inspectie\w*|inspecteren|inspecteur\w*|"
        r"\w*toezicht\w*|checken|langs\s+bij|lopen\s+\w+\s+langs|geluidsmeting\w*|"
        r"testaankoop\w*|monstername\w*|bemonster\w*|nagewogen|bezocht|legitimeren|inspecteurs|"
        r"pakken\s+(?:\w+\s+){0,4}aan|actie\b|"
        r"bezoek\w*|steekproef\w*|handhavingsactie\w*|hercontrole\w*|actiedag\w*|"
        r"pakken\s+we|gaan\s+we\s+langs|langsgaan|schouw\w*|audit\w*|invallen)", _I)
    NEEDS = re.compile(
        r"\b(?:onaangekondigd\w*|zonder\s+(?:voor)?aankondiging|niet\s+(?:vooraf\s+)?"
        r"aankondigen|niet\s+aangekondigd|zonder\s+afspraak|gaan|gaat|zullen|zal|"
        r"voornemens|gepland\w*|plannen|komende|volgende|morgen|overmorgen|"
        r"week\s+\d{1,2}|weken\s+\d{1,2}|in\s+(?:januari|februari|maart|april|mei|juni|juli|augustus|"
        r"september|oktober|november|december)|(?:eerste|tweede|derde|vierde)\s+kwartaal|"
        r"q[1-4]|vanaf\s+\d|om\s+\d{1,2}[.:]\d{2}|(?:ma|di|wo|do|vr|za|zo)\w*dag(?:nacht)?|"
        r"\d{1,2}[:.]\d{2}|\d{1,2}[-/]\d{1,2}|in\s+de\s+week\s+(?:van|na)|in\s+20\d\d|"
        r"\w*vakantie|zomermaanden|starten|te\s+beginnen|verschoven|meenemen|voorgesteld|"
        r"voorbespreking|briefing|verzamelen|\d{1,2}\s+(?:jan|feb|mrt|maart|apr|april|mei|jun|"
        r"juni|jul|juli|aug|sep|sept|okt|oct|nov|dec)\w*|op\s+(?:\w+dag|zondag)|ipv|"
        r"vooraf\s+te\s+informeren|zonder\s+(?:\w+\s+){0,3}vooraf|willen\s+we|inzet)\b",
        _I)
    NEEDS_WHAT = "for a time still to come or unannounced"
    NOT = re.compile(
        r"\b(?:bleek|bleken|constateerde\w*|geconstateerd|is\s+gebleken|heeft\s+plaatsgevonden|"
        r"plaatsgevonden|"
        r"hebben\s+plaatsgevonden|werd\w*|vond\s+plaats|tijdens\s+(?:het|de)\s+(?:bezoek|"
        r"controle|inspectie)\s+(?:op|van)|in\s+de\s+regel|het\s+kabinet|meer\s+"
        r"onaangekondigde|jaarverslag|jaarcijfers|interview|commissiedebat|bestuurlijk\s+overleg|"
        r"vastgesteld|in\s+totaal|onderzocht|handreiking)\b", _I)


class InvestigationDetail(Ground):
    """Art. 5.1.2c: how an investigation works: special powers used or planned, informants
    and CIE information, tactics, a running operation's steps."""

    ENTITY = "INVESTIGATION_DETAIL"
    GROUND = "5.1.2c"
    CUES = re.compile(
        r"\b(?:ovc\w*|opnemen\s+van\s+vertrouwelijke\s+communicatie|(?:peil)?baken\w*|"
        r"tap\b|taps\b|tapverslag\w*|tapkamer\w*|tapcentrum\w*|getapt|afgeluisterd|"
        r"interceptie\w*|imsi\w*|infiltra\w*|pseudo-?ko\w*|pseudo-?dienst\w*|"
        r"(?:stelselmatige\s+)?observatie\w*|observeren|observatieteam\w*|(?-i:\bOT\b)|"
        r"inkijkoperatie\w*|doorzoeking\w*|huiszoeking\w*|\binval\b|\bcie\b|"
        r"criminele\s+inlichtingen\w*|informant\w*|burgerinformant\w*|tipgever\w*|"
        r"\bbron\s+(?:\d+|[a-z]\b)|undercover\w*|126[a-z]{1,2}\s*(?:sv)?|heimelijk\w*|"
        r"anpr\w*|verkeersgegevens|historische\s+(?:gegevens|verkeersgegevens)|"
        r"zit\w*\s+(?:al\s+)?(?:weken|maanden)\s+op|lopend\w*\s+onderzoek\w*|"
        r"rechercheonderzoek\w*|opsporingsonderzoek\w*|aanhouding\w*\s+gepland|"
        r"gecontroleerde\s+aflevering|in\s+burger|(?-i:\bAT\b)|at-collega\w*|waarnemingspost\w*|"
        r"observatiepost\w*|kroongetuige\w*|lopende?\s+(?:\w+\s+)?onderzoek\w*|"
        r"de\s+bron\b|voorgedaan\s+als|locatiegegevens|hack\w*|keylogger\w*|"
        r"onderzoek[ \t]+['‘\"]?(?-i:\p{Lu})\w+|in\s+beeld\s+(?:te\s+)?krijgen|tactiek\w*|"
        r"vertrouwelijke\s+communicatie|telefoongegevens|vorder\w*\s+(?:van\s+)?gegevens|"
        r"ontsleutel\w*|forensisch\w*|drone\w*|stille\s+deelnemer\w*|meegelezen|meelezen|"
        r"track-?and-?trace\w*|gps-?tracker\w*|\btracker\w*|onze\s+bron|uitlezen|uitgelezen)", _I)
    KINDS = frozenset({INTERNAL})
    NOT = re.compile(r"\b(?:de\s+wet\s+\w+\s+regelt|wetsvoorstel\w*|in\s+het\s+algemeen|"
                     r"afgesloten|beëindigd|gearchiveerd|opleiding\w*|cursus\w*|training\w*|"
                     r"mag\s+de\s+politie|bevoegdheden\s+van\s+de\s+politie|jaarverslag)\b",
                     _I)


# "vergader-ID 384 229 517 016", "wachtwoord: Xk7p9Q", "PIN 227 019 #", "pwd=bFJ3aU…"
_CODE_WORD = re.compile(
    r"\b\w*(?:wachtwoord|password|passcode|pincode|inlog\w*|login|meeting-?id|"
    r"vergader\w*-?id|meetingnummer|vergadernummer|conferentie-?code|vergadercode|inbelcode|"
    r"\w*conferentie-?id|video-?id|conference\s+id|"
    r"deelnemerscode|zoomcode|pin|pwd|wifi-?code)\b|(?-i:\bID\b)|"
    # "ww: …" for wachtwoord; not the "www" of a web address
    r"\bww\b(?!\.)|"
    r"(?<![\w-])code\b(?!\s+(?:rood|oranje|geel|zwart))", _I)
# what a code looks like: a run of digits (in groups, perhaps with #), or a token that
# mixes letters with digits or signs ("Kz3Lm7", "VRU-Secure!2025", "Griffie123")
_DIGIT_CODE = re.compile(r"(?<![\w.,:/-])(?:\d{3,}|\d{2}(?=[ ]\d{2}))(?:[ ]\d{2,}){0,5}[ ]?#?"
                         r"(?![\w.,/:-]\d)|(?<![\w.-])(?:\d[ -]){3,}\d(?![\w-])")
_MIXED_CODE = re.compile(r"(?<![\w@/.])(?=[\w!#@$%&*+./-]*\d)(?=[\w!#@$%&*+./-]*[A-Za-z])"
                         r"[A-Za-z0-9][\w!#@$%&*+./-]{3,40}(?<![.,;:])")
_MEETING_LINK = re.compile(r"https?://\S*(?:zoom\.us/j|teams\.microsoft\.com|webex\.com|"
                           r"meet\.google\.com)\S*", _I)
# digits that are no code: a date, a time, a year, an amount, a phone number's lead
_NOT_A_CODE = re.compile(r"^(?:\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|\d{1,2}[:.]\d{2}|"
                         r"(?:19|20)\d{2}|0\d{2,3}[ -]?\d{3}[ -]?\d{2,4}|\d{4}\s?[A-Z]{2})$")


def _phone_number(value: str) -> bool:
    """Ten digits after a leading 0, however grouped ("050 599 77 55"): a Dutch phone
    number, which the phone detectors judge; a meeting ID does not start with 0."""
    digits = re.sub(r"\D", "", value)
    return len(digits) == 10 and digits[0] == "0" and digits[1] != "0"


class AccessCode(Ground):
    """Art. 5.1.2i: the codes that let anyone into a closed meeting or account: meeting IDs,
    passwords, PINs, dial-in codes, links with a password. Only the code is proposed."""

    ENTITY = "ACCESS_CODE"
    GROUND = "5.1.2i"
    CUES = _CODE_WORD

    def find(self, text: str, start: int, end: int) -> list[tuple[int, int, str]]:
        out = [(m.start(), m.end(), "a link into a meeting")
               for m in _MEETING_LINK.finditer(text, start, end)]
        word = _CODE_WORD.search(text, start, end)
        if word is None:
            return out
        why = f"'{word.group()}' before a code"
        taken = {(a, b) for a, b, _w in out}
        for m in list(_DIGIT_CODE.finditer(text, word.end(), end)) + list(
                _MIXED_CODE.finditer(text, word.end(), end)):
            value = m.group().strip()
            a = m.start() + len(m.group()) - len(m.group().lstrip())
            b = a + len(value)
            if (_NOT_A_CODE.match(value) and not re.fullmatch(r"(?:19|20)\d{2}", value)
                    or _phone_number(value) or any(x <= a < y for x, y in taken)):
                continue
            taken.add((a, b))
            out.append((a, b, why))
        return sorted(out)


class PrivateLife(Ground):
    """Art. 5.1.2e: a private appointment or circumstance in an agenda or an absence
    notice: the dentist, a funeral, a child's school, a holiday with the family."""

    ENTITY = "PRIVATE_LIFE"
    GROUND = "5.1.2e"
    CUES = re.compile(
        r"\b(?:priv[ée]\w*|tandarts\w*|kapper|verjaardag\w*|begrafenis\w*|crematie\w*|"
        r"uitvaart\w*|bruiloft\w*|trouwerij|huwelijk\w*|ouderavond\w*|rapportgesprek\w*|"
        r"schoolvoorstelling\w*|musical|oppas\w*|kinderopvang|sportschool\w*|hypothe\w*|"
        r"notaris\w*|monteur\s+thuis|thuis\b|verhuiz\w*|verhuisd\w*|vakantie\w*|"
        r"(?:mijn|m'n|zijn|haar)\s+(?:zoon|dochter|kinderen|kind|partner|man|vrouw|moeder|"
        r"vader|opa|oma|schoonvader|schoonmoeder|broer|zus|gezin|familie)|"
        r"familieomstandighe\w*|overlijden|overleden|geboorte\w*|bevalling\w*|"
        r"zwangerschapsverlof|ouderschapsverlof|zoon|dochter|kinderen|echtgeno\w+|ouders|"
        r"familie\w*|trouwdag|\w+les\b|rijexamen|bril\b|opticien|buurman|buurvrouw|"
        r"vriend\w*|ziekenbezoek|dierenarts\w*|hond\b|kat\b|echtscheiding\w*|scheiding\w*|"
        r"bezichtiging\w*|makelaar\w*|verbouwing\w*|aannemer\w*|apk\b|garage\b|"
        r"\w*training\b|diploma\w*|afzwemmen|schoolreis\w*|hulpouder\w*|buitenspeeldag)", _I)
    NEEDS = re.compile(AGENDA_LINE.pattern + r"|\b(?:ik|mijn|m'n|mn)\b.{0,60}\b(?:niet|later|"
                       r"weg|vrij|afwezig|beperkt\s+bereikbaar|moet|kan\s+niet|thuis)\b|"
                       r"\b(?:kan|ben|moet)\s+ik\b", _I)
    NEEDS_WHAT = "in an agenda entry or an absence notice"


GROUNDS: list[type[Ground]] = [SpecialPersonalData, PersonalOpinion, SecurityDetail,
                               SystemWeakness, InspectionPlan, InvestigationDetail, AccessCode,
                               PrivateLife]
# the entity types of passages: a proposal about a passage decides nothing about the names
# and values inside it
PASSAGE_TYPES = frozenset(g.ENTITY for g in GROUNDS)
