"""The Woo grounds for withholding information (Wet open overheid, art. 5.1 and 5.2).

The code is what is printed in a redaction box; the wording is what the grounds log and the
inventarislijst give a reader who wants to know why.
"""

from __future__ import annotations

GROUNDS: dict[str, str] = {
    # art. 5.1 lid 1: absolute grounds
    "5.1.1a": "de eenheid van de Kroon",
    "5.1.1b": "de veiligheid van de Staat",
    "5.1.1c": "bedrijfs- en fabricagegegevens die vertrouwelijk aan de overheid zijn meegedeeld",
    "5.1.1d": "bijzondere persoonsgegevens als bedoeld in paragraaf 3.1 van de AVG",
    "5.1.1e": "identificatienummers als bedoeld in artikel 87 van de AVG of artikel 46 van de UAVG",
    # art. 5.1 lid 2: relative grounds (weighed against the public interest)
    "5.1.2a": "de betrekkingen van Nederland met andere staten en met internationale organisaties",
    "5.1.2b": "de economische of financiële belangen van de Staat, andere publiekrechtelijke "
              "lichamen of bestuursorganen",
    "5.1.2c": "de opsporing en vervolging van strafbare feiten",
    "5.1.2d": "inspectie, controle en toezicht door bestuursorganen",
    "5.1.2e": "de eerbiediging van de persoonlijke levenssfeer",
    "5.1.2f": "de bescherming van andere dan in het eerste lid, onderdeel c, genoemde "
              "concurrentiegevoelige bedrijfs- en fabricagegegevens",
    "5.1.2g": "de bescherming van het milieu waarop deze informatie betrekking heeft",
    "5.1.2h": "de beveiliging van personen en bedrijven en het voorkomen van sabotage",
    "5.1.2i": "het goed functioneren van de Staat, andere publiekrechtelijke lichamen of "
              "bestuursorganen",
    # art. 5.1 lid 4-6
    "5.1.4": "tijdelijk achterwege: het belang van het bestuursorgaan om als eerste kennis te "
             "nemen van de informatie",
    "5.1.5": "onevenredige benadeling van een ander belang dan genoemd in het eerste of tweede lid",
    "5.1.6": "informatie over emissies in het milieu: beperkte toepassing van de "
             "uitzonderingsgronden",
    # art. 5.2
    "5.2": "persoonlijke beleidsopvattingen in documenten opgesteld ten behoeve van intern beraad",
    "5.2.1": "persoonlijke beleidsopvattingen in documenten opgesteld ten behoeve van intern "
             "beraad (art. 5.2 lid 1)",
}


def is_ground(code: str) -> bool:
    return code in GROUNDS


def describe(code: str) -> str:
    """Dutch wording of a ground, e.g. for the log: 'art. 5.1.2e Woo: de eerbiediging ...'."""
    return f"art. {code} Woo: {GROUNDS[code]}"
