"""Which detector a finding names must not depend on the process that found it."""

from __future__ import annotations

import pytest

from woo_redact.detect import Detector
from woo_redact.policy import load_policy

HEADER = ("Van: mevrouw Amalrada <M.amalrada@om.nl>\nVerzonden: 26 februari 2024 8:37\n"
          "Aan: Lucy Jerusalem <L.jerusalem@minjenv.nl>\nOnderwerp: RE: de registratieplicht\n"
          "Beste Lucy,\n")


@pytest.fixture(scope="module")
def detector() -> Detector:
    return Detector(load_policy())


def test_a_span_found_by_several_recognizers_names_the_same_one_whatever_the_order(
        detector, monkeypatch):
    """Presidio hands the recognizers over as a set, whose order follows object addresses;
    names and the grounds log must not change with it."""
    registry = detector.registry
    real = type(registry).get_recognizers
    runs = []
    for reverse in (False, True):
        monkeypatch.setattr(registry, "get_recognizers", lambda *a, _r=reverse, **k: sorted(
            real(registry, *a, **k), key=registry.recognizers.index, reverse=_r))
        runs.append([(r.start, r.end, r.entity_type, r.recognition_metadata["recognizer_name"])
                     for r in detector.analyzer.analyze(HEADER, language="nl",
                                                        entities=detector.entities)])
    assert runs[0] == runs[1]
    names = {HEADER[s:e]: who for s, e, _t, who in runs[0]}
    # three recognizers score "Amalrada" 0.85 here; the first of them in the registry wins
    assert names["Amalrada"] == "EmailHeaderNameRecognizer"
