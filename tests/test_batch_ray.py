"""The Ray engine on a real local Ray cluster: the same outputs as the process pool, and a
batch made by one engine resumes with the other."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from conftest import ROOT, make_pdf
from test_batch import make_letter, manifest_rows, text_of

ray = pytest.importorskip("ray")
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def ray_cluster():
    os.environ["RAY_USAGE_STATS_ENABLED"] = "0"  # nothing leaves the machine
    # Ray's worker processes inherit this environment: they must import this checkout.
    os.environ["PYTHONPATH"] = os.pathsep.join(
        p for p in [str(ROOT), os.environ.get("PYTHONPATH", "")] if p)
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


def _corpus(src: Path) -> None:
    make_letter(src / "a" / "brief-1.pdf", 0, pages=2)
    make_letter(src / "a" / "brief-2.pdf", 5)
    (src / "b").mkdir()
    make_pdf(src / "b" / "verslag.pdf", [[
        (72, 80, "Verslag van het overleg over de subsidieregeling."),
        (72, 108, "Actiepunt: Bakhuis levert de ontbrekende stukken voor vrijdag aan.")]])
    make_pdf(src / "b" / "brief-3.pdf", [[
        (72, 80, "Van: Jeroen Bakhuis <jeroen.bakhuis@minjenv.nl>"),
        (72, 108, "Bel mij op 06-98765432.")]])
    (src / "b" / "kapot.pdf").write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog")


def _sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def _public_log(out: Path) -> list[dict]:
    rows = [json.loads(line) for line in
            (out / "grounds-log.public.jsonl").read_text("utf-8").splitlines()]
    for r in rows:
        r.pop("run_id")
        r.pop("sha256_output")  # the output's file ID is new on every save
        # Two recognizers finding the same span with the same score: which one is named
        # follows set order, which varies with each process's hash seed.
        r.pop("detector")
    return sorted(rows, key=lambda r: (r["document"], r["finding_id"], r["page"], r["x0"]))


def test_ray_engine_matches_the_process_pool_and_resumes_its_batches(tmp_path, ray_cluster):
    from woo_redact.batch import BatchOptions, run_batch
    from woo_redact.batch.progress import Reporter

    src = tmp_path / "src"
    _corpus(src)
    out_ray, out_pool = tmp_path / "out-ray", tmp_path / "out-pool"
    s_ray = run_batch(BatchOptions(str(src), str(out_ray), workers=2, engine="ray"), Reporter())
    s_pool = run_batch(BatchOptions(str(src), str(out_pool), workers=2), Reporter())

    assert s_ray["batch"]["engine"] == "ray" and s_pool["batch"]["engine"] == "local"
    assert s_ray["done"] == s_pool["done"] == 4
    assert [(q["document"], q["kind"]) for q in s_ray["quarantined"]] == \
        [(q["document"], q["kind"]) for q in s_pool["quarantined"]] == [("b/kapot.pdf",
                                                                          "corrupt")]
    ray_rows = {r["rel"]: r for r in manifest_rows(out_ray)}
    pool_rows = {r["rel"]: r for r in manifest_rows(out_pool)}
    assert ray_rows.keys() == pool_rows.keys()
    same_bytes = 0
    for rel, r in ray_rows.items():
        assert r["status"] == pool_rows[rel]["status"]
        assert r["doc_nr"] == pool_rows[rel]["doc_nr"]
        if r["status"] != "done":
            continue
        a, b = out_ray / rel, out_pool / rel
        assert r["sha256_out"] == _sha(a) and pool_rows[rel]["sha256_out"] == _sha(b)
        if _sha(a) == _sha(b):
            same_bytes += 1
        else:  # bytes may differ (e.g. a file ID); the redacted text may not
            assert text_of(a) == text_of(b), rel
    # The dossier name reached the document that only has the surname, on both engines.
    assert "Bakhuis" not in text_of(out_ray / "b" / "verslag.pdf")
    assert _public_log(out_ray) == _public_log(out_pool)
    assert (out_ray / "inventarislijst.csv").read_text("utf-8") == \
        (out_pool / "inventarislijst.csv").read_text("utf-8")

    # A batch made by the process pool resumes on Ray (and back): nothing is redone.
    again = run_batch(BatchOptions(str(src), str(out_pool), workers=2, engine="ray"),
                      Reporter())["run"]
    assert (again["detected"], again["redacted"], again["rechecked"]) == (0, 0, 0)
    (src / "a" / "brief-2.pdf").unlink()
    make_letter(src / "a" / "brief-2.pdf", 6)  # edited: redone, on Ray
    again = run_batch(BatchOptions(str(src), str(out_pool), workers=1, engine="ray"),
                      Reporter())
    assert again["run"]["detected"] == 1 and again["run"]["redacted"] == 1
    assert again["done"] == 4
    print(f"ray vs pool: {same_bytes}/4 redacted PDFs byte-identical, the rest same text")
