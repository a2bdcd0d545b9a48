"""Fuzzing: mutated copies of hostile and ordinary fixtures through the real command. Bounded
(a fixed seed, a fixed number of files, a time limit per document and for the whole run), it
asserts no crash, no hang, and that every written output passes verification again, checked
here independently: none of the strings its log says were removed can be read from it or
found in its decoded bytes, and it holds no forbidden structure."""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
import zlib
from pathlib import Path

import pymupdf
import pytest

from conftest import FIXTURES

sys.path.insert(0, str(FIXTURES))

from fixturegen.hostile import contains  # noqa: E402
from fixturegen.hostile_bytes import all_decoded_bytes  # noqa: E402

SEED = 20261206
MUTANTS = 36
SEEDS = ["hostile/white-text.pdf", "hostile/comment.pdf", "hostile/form-field.pdf",
         "hostile/hidden-layer.pdf", "hostile/javascript.pdf", "hostile/bookmark.pdf",
         "hostile/tagged-alt-text.pdf", "hostile/text-under-image.pdf",
         "hostile/quote-operator.pdf", "hostile/broken-xref.pdf", "hostile/jpeg-metadata.pdf",
         "hostile/glyph-positioned.pdf", "docs/nota-aan-de-minister.pdf",
         "docs/brief-dwangsom-reportlab.pdf"]
_STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.S)


def mutate(data: bytes, rng: random.Random) -> bytes:
    """One of: flipped bytes, a truncation, a chunk doubled or cut, a number changed, or bytes
    flipped inside an inflated content stream (re-deflated, its /Length left as it was)."""
    b = bytearray(data)
    how = rng.randrange(6)
    if how == 0:
        for _ in range(rng.randint(1, 24)):
            b[rng.randrange(len(b))] = rng.randrange(256)
    elif how == 1:
        del b[rng.randint(len(b) // 2, len(b) - 1):]
    elif how in (2, 3):
        i = rng.randrange(len(b))
        j = min(len(b), i + rng.randint(1, 400))
        b[i:i] = b[i:j] if how == 2 else b""
        if how == 3:
            del b[i:j]
    elif how == 4:
        numbers = list(re.finditer(rb"\d+", bytes(b)))
        for m in rng.sample(numbers, min(len(numbers), rng.randint(1, 6))):
            b[m.start():m.end()] = str(rng.choice([0, 1, -1, 7, 65535, 2 ** 31,
                                                   rng.randrange(10 ** 6)])).encode()
            break  # offsets after the first change moved
    else:
        streams = list(_STREAM.finditer(bytes(b)))
        for m in rng.sample(streams, min(len(streams), 3)):
            try:
                body = bytearray(zlib.decompress(m.group(1)))
            except zlib.error:
                continue
            for _ in range(rng.randint(1, 12)):
                if body:
                    body[rng.randrange(len(body))] = rng.choice(b"()[]<>/ 0123456789TJjQqBTETf")
            new = zlib.compress(bytes(body))
            return bytes(b[:m.start(1)]) + new + bytes(b[m.end(1):])
    return bytes(b)


@pytest.fixture(scope="module")
def fuzz_run(tmp_path_factory):
    src = tmp_path_factory.mktemp("fuzz-in")
    rng = random.Random(SEED)
    for i in range(MUTANTS):
        seed = SEEDS[i % len(SEEDS)]
        data = mutate((FIXTURES / seed).read_bytes(), rng)
        (src / f"{i:02d}-{Path(seed).stem}.pdf").write_bytes(data)
    out = tmp_path_factory.mktemp("fuzz") / "out"
    proc = subprocess.run(
        [sys.executable, "-m", "woo_redact", "redact", str(src), "--out", str(out),
         "--timeout", "30", "--max-pages", "50", "--json"],
        capture_output=True, text=True, timeout=400)
    return src, out, proc


@pytest.mark.slow
def test_mutants_end_without_crash_or_hang(fuzz_run):
    src, out, proc = fuzz_run
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr
    summary = json.loads(proc.stdout)
    assert summary["documents"] == MUTANTS
    for q in summary["quarantined"]:
        assert q["kind"] and q["reason"], q
        assert q["kind"] != "crash" or "SIG" in q["reason"]
    assert summary["done"] > MUTANTS // 3, "mutants should mostly still be readable"


@pytest.mark.slow
def test_every_written_mutant_passes_verification_again(fuzz_run):
    from woo_redact.hygiene import prove
    from woo_redact.textnorm import find_all

    src, out, _ = fuzz_run
    removed: dict[str, set[str]] = {}
    kept: dict[str, set[str]] = {}
    for line in (out / "grounds-log.internal.jsonl").read_text("utf-8").splitlines():
        row = json.loads(line)
        target = removed if row["status"] == "accepted" else kept
        target.setdefault(row["document"], set()).add(row["text"])
    problems = []
    for path in sorted(out.glob("*.pdf")):
        gone = {s for s in removed.get(path.name, set()) - kept.get(path.name, set())
                if s.strip()}
        problems += [f"{path.name}: {p}" for p in prove(str(path), {s: 0 for s in gone})]
        with pymupdf.open(path) as doc:
            text = "\n".join(page.get_text("text", flags=pymupdf.TEXT_PRESERVE_WHITESPACE)
                             for page in doc)
        found = find_all(text, gone)
        problems += [f"{path.name}: {s!r} readable" for s in gone if found[s]]
        blob = all_decoded_bytes(path)
        problems += [f"{path.name}: {s!r} in its bytes" for s in gone
                     if len(s) >= 8 and contains(blob, s)]
    assert problems == []
