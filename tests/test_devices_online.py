"""Device and card numbers, handles and profile links, shielded officer codes, court numbers
and dates of birth after a name."""

from __future__ import annotations

import pytest
from conftest import found


@pytest.mark.parametrize("text,entity,expected", [
    ("Target ZL-T04\nIMEI 358842105673308 (toestel AMRANI)", "IMEI_NUMBER",
     ["358842105673308"]),
    ("ordernummer 358842105673308", "IMEI_NUMBER", []),  # no handset in sight
    ("IMEI 358842105673309", "IMEI_NUMBER", []),  # fails the Luhn check
    ("betaald met creditcard 4532 8817 0245 3319 op naam", "CREDIT_CARD",
     ["4532 8817 0245 3319"]),
    ("kenmerk 4532 8817 0245 3318", "CREDIT_CARD", []),
    ("via instagram @rafa_rmdn gestuurd", "USERNAME", ["@rafa_rmdn"]),
    ("snapchat: kwabs.010", "USERNAME", ["kwabs.010"]),
    ("ingelogd als DUO\\p.ramsaran", "USERNAME", ["p.ramsaran"]),
    ("Hoi @Fatima, kom je?", "USERNAME", []),
    # who printed or exported it, as the system signs it; a log-in after its owner's name
    ("Douane Rotterdam · geëxporteerd 22-10-2026 19:03 door zieliag · bijlage 7", "USERNAME",
     ["zieliag"]),
    ("Afgedrukt door hofmani op 23-10-2026 09:02", "USERNAME", ["hofmani"]),
    ("Behandelaar: M. de Haan-Kuipers (haanm07) Besluit: toegewezen", "USERNAME", ["haanm07"]),
    ("Het rapport is opgesteld door de inspecteur en gegenereerd door het systeem.", "USERNAME",
     []),
    ("Kamerlid Jansen (VVD) en Bos (lid) stemden voor.", "USERNAME", []),
    ("Proces-verbaal nummer:\nPL27KM-2026-184467\nBlad 1 van 2", "NL_POLICE_REFERENCE",
     ["PL27KM-2026-184467"]),
    ("geëxporteerd op 01-12-2026 door gebruiker zv_tmeijer", "USERNAME", ["zv_tmeijer"]),
    # the sentence goes on after the platform's name
    ("Ik heb zijn Facebook even bekeken.", "USERNAME", []),
    ("Dat kan via Signal Mijn nummer heb je.", "USERNAME", []),
    ("personeelsnummer\n0048213, verklaar het volgende", "NL_PERSONNEL_NUMBER", ["0048213"]),
    ("cv op https://www.linkedin.com/in/daan-vermeulen-4b21a7/ staat", "URL",
     ["https://www.linkedin.com/in/daan-vermeulen-4b21a7/"]),
    ("Verbalisanten:\nRTR-4412 (brigadier) en RTR-5087 (hoofdagent)", "NL_PERSONNEL_NUMBER",
     ["RTR-4412", "RTR-5087"]),
    ("Teamleider\nRTO-3117\nWaarnemers\nRTO-3120, RTO-3124", "NL_PERSONNEL_NUMBER",
     ["RTO-3117", "RTO-3120", "RTO-3124"]),
    ("de installatie voldoet aan NEN-3140, aldus de medewerker", "NL_PERSONNEL_NUMBER", []),
    ("Personeelsnummer melder\n417826\nBereikbaar via", "NL_PERSONNEL_NUMBER", ["417826"]),
    ("J.W. Schuttenbeld, toezichthouder (nr. TH-51982); M.L. Tang, officieel dierenarts "
     "(nr. OD-40617)", "NL_PERSONNEL_NUMBER", ["TH-51982", "OD-40617"]),
    ("zie bijlage (nr. AB-1234) bij het besluit", "NL_PERSONNEL_NUMBER", []),
    ("Machtiging RC\nRC 26/1102 d.d. 22-10-2026", "NL_PARKETNUMMER", ["RC 26/1102"]),
    ("Doelpersonen\nDP1  Youssef AMRANI (14-03-1991)\nobservatie op 29 oktober 2026",
     "DATE_OF_BIRTH", ["14-03-1991"]),
    ("Brief van J. Jansen (12-03-2024), ontvangen in 2024", "DATE_OF_BIRTH", []),
    ("rijdt in een zwarte Audi A6 (GXR-12-P)", "NL_LICENSE_PLATE", ["GXR-12-P"]),
])
def test_found(analyzer, text, entity, expected):
    assert found(analyzer, text, entity) == expected


@pytest.mark.parametrize("text,expected", [
    ("Bel mij op 06-91234567 of op 06 70123456.", ["06-91234567", "06 70123456"]),
    ("Of via +31 6 71234567.", ["+31 6 71234567"]),
])
def test_a_mobile_number_counts_whatever_range_the_plan_allocated(analyzer, text, expected):
    assert found(analyzer, text, "PHONE_NUMBER") == expected


@pytest.mark.parametrize("text,name", [
    ("De heer v.d. Berg heeft gebeld.", "v.d. Berg"),
    ("De brief van H.J Smit is ontvangen.", "H.J Smit"),
])
def test_abbreviated_particles_and_a_last_initial_without_its_stop(pipeline, tmp_path, text,
                                                                   name):
    from conftest import make_pdf
    src = make_pdf(tmp_path / "brief.pdf", [[(72, 100, text)]])
    res = pipeline.process(str(src), tmp_path / "out", dry_run=True)
    assert name in {f.text for f in res.findings if f.status == "accepted"}


def test_a_prison_officer_s_service_number_in_brackets(analyzer):
    text = ("Rapport bijzonder voorval, Penitentiaire Inrichting Haarlem\nRapporteur\n"
            "PIW J. Wijbenga, dienstnummer 61874\nOverig personeel\n"
            "PIW R. Bouchtaoui (60312), PIW Sevda Kaya (63105)\nMedische dienst")
    assert found(analyzer, text, "NL_PERSONNEL_NUMBER") == ["61874", "60312", "63105"]


@pytest.mark.parametrize("text,found", [
    ("De aangifte is ingediend vanaf IP-adres 84.107.22.193. Daarna", ["84.107.22.193"]),
    ("online via Mijn toeslagen, IP\n2a02:a46f:1b3c:0:8d1:5e2f:9a40:11c7\nsysteem",
     ["2a02:a46f:1b3c:0:8d1:5e2f:9a40:11c7"]),
    ("AUTH_OK user=SWF\\edogan src=77.163.92.14 mfa=totp", ["77.163.92.14"]),
    # the organisation's own network, a version number, no address at all
    ("AUTH_OK user=SWF\\adm-jboonstra src=10.40.2.18 mfa=fido2", []),
    ("Zie versie 10.2.0.1 van de handleiding.", []),
    ("IP 999.1.1.1 is geen adres", []),
])
def test_ip_addresses_a_person_connected_from(text, found):
    from woo_redact.recognizers.network import IpAddressRecognizer

    got = [text[r.start:r.end] for r in IpAddressRecognizer().analyze(text, ["IP_ADDRESS"])]
    assert got == found
