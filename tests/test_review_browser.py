"""End to end in a real browser: propose, review on the page in headless Chromium, apply,
then read the released PDF and the grounds log.

Debian's Chromium is driven by Playwright (no browser download). The app runs in a thread on
a free port of 127.0.0.1, exactly as ``woo-redact review`` serves it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pymupdf
import pytest

playwright_sync = pytest.importorskip("playwright.sync_api")
pytest.importorskip("fastapi")

from woo_redact.cli import main  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
REVIEWER = "Anna de Beoordelaar"
IBAN = "NL91ABNA0417164300"
SECRET_WORD = "waterput"  # nothing detects it: only the manual box can remove it
PASSAGE = "Jan de Vries zit sinds de zomer thuis met een burn-out."  # a 5.1.1d proposal

pytestmark = [pytest.mark.slow, pytest.mark.timeout(180)]


def make_letter(path: Path) -> None:
    pdf = pymupdf.open()
    page = pdf.new_page(width=595, height=842)
    lines = ["Gemeente Voorbeeldstad, afdeling Vergunningen", "",
             "Op 12 maart sprak ik met Jan de Vries over de aanvraag.",
             f"Het voorschot gaat naar rekening {IBAN}.",
             f"Het archief ligt naast de oude {SECRET_WORD} op het plein.",
             PASSAGE,
             "Met vriendelijke groet, de afdeling Vergunningen."]
    y = 90.0
    for line in lines:
        page.insert_text((72, y), line, fontsize=11)
        y += 18
    page = pdf.new_page(width=595, height=842)
    page.insert_text((72, 90), "Bijlage: verslag van het gesprek met Jan de Vries.", fontsize=11)
    pdf.save(path)
    pdf.close()


@pytest.fixture(scope="module")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.skip("Debian chromium is not installed (scripts/setup-system.sh installs it)")
    with playwright_sync.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture()
def served(tmp_path):
    from woo_redact.review import server

    src = tmp_path / "in"
    src.mkdir()
    make_letter(src / "brief.pdf")
    props, out = tmp_path / "proposals", tmp_path / "released"
    assert main(["propose", str(src), "--out", str(props), "--no-ocr"]) == 0
    token = server.new_token()
    sock = server.bind(0)
    srv = server.make_server(props, out, token=token)
    thread = server.start_in_thread(srv, sock)
    try:
        yield server.url(sock, token), props, out
    finally:
        srv.should_exit = True
        thread.join(10)
        sock.close()


def finding_item(page, text: str):
    return page.locator("li.finding", has=page.locator(".ftext", has_text=text)).first


def test_review_in_browser(browser, served):
    url, props, out = served
    proposal = json.loads((props / "brief.pdf.proposal.json").read_text("utf-8"))
    iban = [f for f in proposal["findings"] if f["text"] == IBAN]
    assert iban and iban[0]["status"] == "accepted", "the policy pre-accepts the IBAN"
    assert not any(SECRET_WORD in f["text"] for f in proposal["findings"])

    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    assert "token" not in page.url, "the token is dropped from the address after the first use"
    page.fill("#name", REVIEWER)
    with page.expect_navigation():
        page.click("#reviewer-form button")
    with page.expect_navigation():
        page.click("table.docs a")
    page.wait_for_selector("#overlay rect.box")

    # The burn-out sentence is proposed as a passage: the ground and the cue are shown, and
    # accepting it works like accepting any finding.
    passage = page.locator("li.finding.passage").first
    assert "5.1.1d" in passage.inner_text() and "burn-out" in passage.inner_text()
    assert page.locator("#overlay rect.box.passage").count() >= 1
    with page.expect_navigation():
        passage.locator("button.accept").click()
    assert "accepted" in (page.locator("li.finding.passage").first.get_attribute("class") or "")

    # Reject the IBAN: it must stay readable.
    with page.expect_navigation():
        finding_item(page, IBAN).locator("button.reject").click()
    assert "rejected" in (finding_item(page, IBAN).get_attribute("class") or "")

    # Draw a manual box over the word nothing detected, give it a ground.
    with pymupdf.open(proposal["document"]["input"]) as pdf:
        hit = pdf[0].search_for(SECRET_WORD)[0]
    svg = page.locator("#overlay").bounding_box()
    scale = svg["width"] / proposal["document"]["pages"][0]["width"]
    page.click("#draw")
    page.mouse.move(svg["x"] + (hit.x0 - 2) * scale, svg["y"] + (hit.y0 - 2) * scale)
    page.mouse.down()
    page.mouse.move(svg["x"] + (hit.x1 + 2) * scale, svg["y"] + (hit.y1 + 2) * scale, steps=6)
    page.mouse.up()
    assert float(page.input_value("#m-x0")) == pytest.approx(hit.x0 - 2, abs=1.5)
    assert float(page.input_value("#m-y1")) == pytest.approx(hit.y1 + 2, abs=1.5)
    page.select_option("#m-ground", "5.1.2h")
    with page.expect_navigation():
        page.click("#add-box")
    assert page.locator("#overlay rect.box.manual").count() == 1

    # Apply before the review is done is refused.
    with page.expect_navigation():
        page.click("#apply")
    assert page.locator("#apply-refused").count() == 1
    assert not (out / "brief.pdf").exists()
    page.go_back()

    # Decide anything still open, then mark every page reviewed with the keyboard.
    for _ in range(len(proposal["document"]["pages"])):
        page.wait_for_selector("#overlay")
        while page.locator("li.finding.proposed").count():
            with page.expect_navigation():
                page.locator("li.finding.proposed").first.locator("button.accept").click()
        with page.expect_navigation():
            page.keyboard.press("m")
    assert page.locator("#page-status").count() == 1
    assert "2 / 2" in page.inner_text("#progress")

    with page.expect_navigation():
        page.click("#apply")
    assert "Redacted and verified" in page.inner_text("#apply-status")
    assert not errors, errors

    # The released PDF: rejected text present, manual box text gone, accepted names gone.
    released = out / "brief.pdf"
    with pymupdf.open(released) as pdf:
        text = " ".join(p.get_text() for p in pdf)
    assert IBAN in text
    assert SECRET_WORD not in text
    assert "Jan de Vries" not in text
    assert "burn-out" not in text  # the accepted passage is gone

    rows = [json.loads(x) for x in (out / "grounds-log.internal.jsonl").read_text().splitlines()]
    iban_rows = [r for r in rows if r["text"] == IBAN]
    assert iban_rows and all(r["status"] == "rejected" and r["reviewer"] == REVIEWER
                             for r in iban_rows)
    manual = [r for r in rows if r["finding_id"] == "manual"]
    assert len(manual) == 1 and manual[0]["reviewer"] == REVIEWER
    assert manual[0]["ground"] == "5.1.2h" and manual[0]["page"] == 1
    # Findings nobody clicked were approved by whoever marked their page reviewed.
    assert all(r["reviewer"] == REVIEWER for r in rows)
    public = (out / "grounds-log.public.jsonl").read_text()
    assert IBAN not in public and "Jan de Vries" not in public
    assert "burn-out" not in public  # the cue is for the reviewer, never the public log
    passage_rows = [r for r in rows if r["entity_type"] == "SPECIAL_PERSONAL_DATA"]
    assert passage_rows and all(r["ground"] == "5.1.1d" and r["status"] == "accepted"
                                and "burn-out" in r["explanation"] for r in passage_rows)
