"""The review app's rules over HTTP: access token, session, CSRF, host/origin, no way out of
the proposal folder, decisions stored at once."""

from __future__ import annotations

import json
import os
import re
import shutil
import warnings
from pathlib import Path

import pymupdf
import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

with warnings.catch_warnings():
    # Starlette now prefers the httpx2 fork; httpx works the same for these tests.
    warnings.filterwarnings("ignore", message="Using `httpx` with")
    from fastapi.testclient import TestClient  # noqa: E402

from woo_redact import proposals  # noqa: E402
from woo_redact.cli import main  # noqa: E402
from woo_redact.review.app import Settings, create_app  # noqa: E402
from woo_redact.review.state import Catalog, doc_key  # noqa: E402
from woo_redact.review.store import Store  # noqa: E402

TOKEN = "test-token-" + "x" * 24
IBAN = "NL91ABNA0417164300"
HOSTS = frozenset({"127.0.0.1", "localhost", "testserver"})


def make_pdf(path: Path, lines: list[str], pages: int = 1) -> None:
    pdf = pymupdf.open()
    for i in range(pages):
        page = pdf.new_page(width=595, height=842)
        y = 90.0
        for line in lines:
            page.insert_text((72, y), line if i == 0 else f"{line} (p{i + 1})", fontsize=11)
            y += 18
    pdf.save(path)
    pdf.close()


@pytest.fixture(scope="module")
def proposed(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("api")
    src = base / "in"
    (src / "sub").mkdir(parents=True)
    make_pdf(src / "a.pdf", ["Betaling aan Jan de Vries.", f"Rekening {IBAN}."], pages=2)
    make_pdf(src / "sub" / "b.pdf", [f"Nogmaals rekening {IBAN} van de aanvrager."])
    out = base / "proposals"
    assert main(["propose", str(src), "--out", str(out), "--no-ocr"]) == 0
    return out


@pytest.fixture()
def folder(proposed, tmp_path) -> Path:
    dest = tmp_path / "proposals"
    shutil.copytree(proposed, dest)
    return dest


def make_client(folder: Path, reviewer: str = "") -> TestClient:
    app = create_app(Settings(folder, folder / "redacted", TOKEN, reviewer,
                              allowed_hosts=HOSTS))
    return TestClient(app, base_url="http://testserver", follow_redirects=False)


def login(client: TestClient, name: str = "Piet Controle") -> str:
    r = client.get(f"/?token={TOKEN}")
    assert r.status_code == 303 and "token" not in r.headers["location"]
    page = client.get("/")
    assert page.status_code == 200
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
    if name:
        r = client.post("/reviewer", data={"csrf": csrf, "name": name},
                        headers={"origin": "http://testserver"})
        assert r.status_code == 303
    return csrf


def keys(folder: Path) -> dict[str, str]:
    return {e.prop.rel: e.key for e in Catalog(folder).entries()}


def finding(folder: Path, rel: str, text: str) -> str:
    prop = proposals.read(proposals.proposal_path(folder, rel))
    return next(f.id for f in prop.findings if f.text == text)


# -- token and session -------------------------------------------------------------------
def test_every_request_needs_the_token(folder):
    client = make_client(folder)
    key = keys(folder)["a.pdf"]
    for path in ["/", "/log", f"/doc/{key}/page/1", f"/doc/{key}/image/1.png",
                 "/static/review.js", "/static/review.css", "/favicon.ico"]:
        r = client.get(path)
        assert r.status_code == 403, path
        assert "token" in r.text
    assert client.get("/?token=wrong-token-value-000000").status_code == 403
    assert client.post("/reviewer", data={"name": "x"}).status_code == 403


def test_token_gives_a_session_cookie_and_leaves_the_url(folder):
    client = make_client(folder)
    r = client.get(f"/log?status=accepted&token={TOKEN}")
    assert r.status_code == 303
    assert r.headers["location"] == "/log?status=accepted"
    cookie = r.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie
    assert client.get("/log?status=accepted").status_code == 200
    assert client.get("/static/review.js").status_code == 200
    # A wrong token is refused even with a valid session.
    assert client.get("/?token=nope-nope-nope-nope-nope").status_code == 403
    # Another client without the cookie is still out.
    assert make_client(folder).get("/").status_code == 403


def test_security_headers(folder):
    client = make_client(folder)
    login(client, "")
    r = client.get("/")
    csp = r.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp
    assert r.headers["x-frame-options"] == "DENY"
    assert r.headers["cache-control"] == "no-store"
    # Nothing on the page is loaded from elsewhere.
    assert not re.search(r'(src|href)="(https?:)?//', r.text)


def test_unknown_host_is_refused(folder):
    client = make_client(folder)
    for host in ["evil.example:8000", "127.0.0.1.evil.example", "testserver:notaport"]:
        r = client.get(f"/?token={TOKEN}", headers={"host": host})
        assert r.status_code == 400, host


# -- CSRF and origin ---------------------------------------------------------------------
def test_posts_need_the_session_csrf_token(folder):
    client = make_client(folder)
    csrf = login(client)
    key = keys(folder)["a.pdf"]
    fid = finding(folder, "a.pdf", IBAN)
    url = f"/doc/{key}/finding/{fid}/status"
    form = {"status": "rejected", "page": "1"}
    assert client.post(url, data=form).status_code == 403
    assert client.post(url, data={**form, "csrf": "forged"}).status_code == 403
    # Another session's CSRF token does not work in this session.
    other = make_client(folder)
    other_csrf = login(other, "Other")
    assert client.post(url, data={**form, "csrf": other_csrf}).status_code == 403
    # A post with the token in the URL but no session is not a way around it.
    fresh = make_client(folder)
    assert fresh.post(f"{url}?token={TOKEN}", data={**form, "csrf": csrf}).status_code == 403
    assert Store(folder).decisions(key) == {}
    r = client.post(url, data={**form, "csrf": csrf})
    assert r.status_code == 303
    assert Store(folder).decisions(key)[fid].status == "rejected"
    # The header works as well as the form field (for scripts on the page).
    r = client.post(url, data={"status": "accepted", "page": "1"},
                    headers={"x-csrf-token": csrf})
    assert r.status_code == 303


def test_cross_origin_posts_are_refused(folder):
    client = make_client(folder)
    csrf = login(client)
    key = keys(folder)["a.pdf"]
    url = f"/doc/{key}/page/1/reviewed"
    for origin in ["http://evil.example", "null", "http://testserver.evil.example"]:
        r = client.post(url, data={"csrf": csrf}, headers={"origin": origin})
        assert r.status_code == 403, origin
    r = client.post(url, data={"csrf": csrf}, headers={"referer": "http://evil.example/x"})
    assert r.status_code == 403
    assert Store(folder).pages(key) == {}
    r = client.post(url, data={"csrf": csrf}, headers={"origin": "http://testserver"})
    assert r.status_code == 303
    assert Store(folder).pages(key)[0].reviewer == "Piet Controle"


def test_decisions_need_a_reviewer_name(folder):
    client = make_client(folder)
    csrf = login(client, "")
    key = keys(folder)["a.pdf"]
    r = client.post(f"/doc/{key}/page/1/reviewed", data={"csrf": csrf})
    assert r.status_code == 400
    assert Store(folder).pages(key) == {}


# -- no way out of the folder ------------------------------------------------------------
@pytest.mark.parametrize("path", [
    "/doc/..%2F..%2Fetc%2Fpasswd/page/1",
    "/doc/../../etc/passwd/page/1",
    "/doc/%2Fetc%2Fpasswd/image/1.png",
    "/doc/a.pdf/page/1",
    "/doc/sub%2Fb.pdf/page/1",
    "/static/../review.sqlite3",
    "/static/%2e%2e/review.sqlite3",
    "/static/..%2Fstore.py",
    "/static/%2e%2e%2f%2e%2e%2fproposals.py",
])
def test_paths_from_the_url_never_reach_files(folder, path):
    client = make_client(folder)
    login(client, "")
    r = client.get(path)
    assert r.status_code in (400, 404), (path, r.status_code)
    assert b"SQLite" not in r.content and b"root:" not in r.content
    assert b"import" not in r.content


def test_ids_and_page_numbers_are_checked(folder):
    client = make_client(folder)
    csrf = login(client)
    key = keys(folder)["a.pdf"]
    assert client.get(f"/doc/{key}/page/0").status_code == 404
    assert client.get(f"/doc/{key}/page/3").status_code == 404
    assert client.get(f"/doc/{key}/image/3.png").status_code == 404
    assert client.get(f"/doc/{key}/image/1.png").headers["content-type"] == "image/png"
    post = {"csrf": csrf, "page": "1", "status": "rejected"}
    assert client.post(f"/doc/{key}/finding/..%2F..%2Fx/status", data=post).status_code == 404
    assert client.post(f"/doc/{key}/finding/ffffffffffff/status", data=post).status_code == 404
    assert client.post(f"/doc/{key}/manual/m-nothere/delete", data=post).status_code == 404
    bad_page = {**post, "page": "9"}
    fid = finding(folder, "a.pdf", IBAN)
    assert client.post(f"/doc/{key}/finding/{fid}/status", data=bad_page).status_code == 404
    box = {"csrf": csrf, "page": "1", "x0": "10", "y0": "10", "x1": "80", "y1": "40"}
    assert client.post(f"/doc/{key}/manual", data={**box, "ground": "9.9.9"}).status_code == 400
    assert client.post(f"/doc/{key}/manual",
                       data={**box, "ground": "5.1.2e", "x1": "nan"}).status_code == 400
    assert client.post(f"/doc/{key}/manual",
                       data={**box, "ground": "5.1.2e", "x1": "10.5"}).status_code == 400
    # A box reaching off the page is clipped to it.
    r = client.post(f"/doc/{key}/manual", data={**box, "ground": "5.1.2e", "x1": "5000"})
    assert r.status_code == 303
    live, _ = Store(folder).manual(key)
    assert live[0].box.x1 == 595.0


def test_symlinks_and_unsafe_names_are_not_served(folder, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    src = proposals.read(proposals.proposal_path(folder, "a.pdf"))
    src.rel = "secret.pdf"
    proposals.write(src, outside)
    os.symlink(outside / "secret.pdf.proposal.json", folder / "secret.pdf.proposal.json")
    os.symlink(outside, folder / "linked")
    raw = json.loads(proposals.proposal_path(folder, "a.pdf").read_text())
    raw["document"]["rel"] = "../../escape.pdf"
    (folder / "escape.pdf.proposal.json").write_text(json.dumps(raw))
    shutil.copy(proposals.proposal_path(folder, "a.pdf"), folder / "copy.pdf.proposal.json")
    catalog = Catalog(folder)
    rels = [e.prop.rel for e in catalog.entries()]
    assert rels == ["a.pdf", "sub/b.pdf"]
    assert any("unsafe document name" in err for err in catalog.errors.values())
    assert "names document 'a.pdf'" in catalog.errors["copy.pdf.proposal.json"]
    client = make_client(folder)
    login(client, "")
    page = client.get("/").text
    assert "secret.pdf" not in page and "unsafe document name" in page
    secret_key = doc_key(src)
    assert client.get(f"/doc/{secret_key}/page/1").status_code == 404


def test_redacted_pdf_is_served_only_from_the_output_folder(folder, tmp_path):
    client = make_client(folder)
    login(client)
    key = keys(folder)["a.pdf"]
    store = Store(folder)
    out = str((folder / "redacted").resolve())
    elsewhere = tmp_path / "other.pdf"
    elsewhere.write_bytes(b"%PDF-1.4 not yours")
    store.save_result(out, "a.pdf", key, "0001", "done",
                      {"output": str(elsewhere), "findings": [], "manual": []}, "x")
    assert client.get(f"/doc/{key}/redacted.pdf").status_code == 404


# -- decisions ---------------------------------------------------------------------------
def test_decisions_survive_a_restart_and_two_reviewers_work_at_once(folder):
    keymap = keys(folder)
    a, b = keymap["a.pdf"], keymap["sub/b.pdf"]
    first, second = make_client(folder), make_client(folder)
    csrf1, csrf2 = login(first, "Eerste"), login(second, "Tweede")
    fa = finding(folder, "a.pdf", IBAN)
    assert first.post(f"/doc/{a}/finding/{fa}/status",
                      data={"csrf": csrf1, "page": "1", "status": "rejected"}).status_code == 303
    assert second.post(f"/doc/{b}/page/1/reviewed",
                       data={"csrf": csrf2}).status_code == 303
    assert second.post(f"/doc/{b}/manual", data={
        "csrf": csrf2, "page": "1", "x0": "70", "y0": "75", "x1": "200", "y1": "95",
        "ground": "5.1.2i"}).status_code == 303
    # A new server process (new app, new token) sees everything.
    store = Store(folder)
    assert store.decisions(a)[fa].reviewer == "Eerste"
    assert store.pages(b)[0].reviewer == "Tweede"
    live, _ = store.manual(b)
    assert [(m.ground, m.reviewer) for m in live] == [("5.1.2i", "Tweede")]
    third = make_client(folder)
    csrf3 = login(third, "Derde")
    page = third.get(f"/doc/{a}/page/1").text
    assert "Eerste" in page
    # Accept every occurrence of the IBAN in the dossier at once (a's rejection included).
    r = third.post(f"/doc/{a}/finding/{fa}/all",
                   data={"csrf": csrf3, "page": "1", "status": "accepted"})
    assert r.status_code == 303
    every = [(rel, f.id) for rel in ("a.pdf", "sub/b.pdf")
             for f in proposals.read(proposals.proposal_path(folder, rel)).findings
             if f.text == IBAN]
    assert len(every) == 3  # a: pages 1 and 2, b: page 1
    for rel, fid in every:
        d = store.decisions(keymap[rel])[fid]
        assert (d.status, d.reviewer) == ("accepted", "Derde")
    log = third.get("/log", params={"reviewer": "Derde"}).text
    assert log.count(IBAN) == 3


def test_page_refuses_apply_until_reviewed_unless_forced(folder):
    client = make_client(folder)
    csrf = login(client)
    key = keys(folder)["sub/b.pdf"]
    r = client.post(f"/doc/{key}/apply", data={"csrf": csrf})
    assert r.status_code == 409 and "not marked reviewed" in r.text
    assert not (folder / "redacted" / "sub" / "b.pdf").exists()
    r = client.post(f"/doc/{key}/apply", data={"csrf": csrf, "force": "1"})
    assert r.status_code == 303
    assert (folder / "redacted" / "sub" / "b.pdf").is_file()
    assert client.get(f"/doc/{key}/redacted.pdf").headers["content-type"] == "application/pdf"
    rows = (folder / "redacted" / "grounds-log.internal.jsonl").read_text().splitlines()
    assert rows and all(json.loads(x)["reviewer"] == "Piet Controle" for x in rows)


def test_documents_propose_could_not_read_are_listed(folder, tmp_path):
    qdir = folder / "quarantine" / "sub"
    qdir.mkdir(parents=True)
    (qdir / "c.pdf.reason.json").write_text(json.dumps(
        {"input": "/x/c.pdf", "kind": "encrypted", "reason": "PDF is password-protected"}))
    elsewhere = tmp_path / "d.pdf.reason.json"
    elsewhere.write_text(json.dumps({"kind": "corrupt", "reason": "planted"}))
    os.symlink(elsewhere, qdir / "d.pdf.reason.json")
    client = make_client(folder)
    login(client, "")
    page = client.get("/").text
    assert "sub/c.pdf" in page and "password-protected" in page
    assert "planted" not in page
