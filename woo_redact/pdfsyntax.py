"""PDF content-stream syntax: operations with their operands, and text decoding.

MuPDF interprets content streams but offers no way to edit them by operator; hygiene needs
that to drop what a layer that is off would draw, to strip marked-content properties, and to
rewrite the quote operators that MuPDF's redaction filter mishandles. Parsing never raises:
a stream it cannot follow comes back as ``None`` and the caller decides (fail closed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WS = b"\x00\t\n\f\r "
_DELIM = b"()<>[]{}/%"
_TOKEN = re.compile(
    rb"(?P<ws>[\x00\t\n\f\r ]+|%[^\r\n]*)"
    rb"|(?P<name>/[^\x00\t\n\f\r ()<>\[\]{}/%]*)"
    rb"|(?P<num>[+-]?(?:\d+\.?\d*|\.\d+))(?![^\x00\t\n\f\r ()<>\[\]{}/%])"
    rb"|(?P<dopen><<)|(?P<dclose>>>)"
    rb"|(?P<hex><[0-9A-Fa-f\x00\t\n\f\r ]*>)"
    rb"|(?P<lit>\()"
    rb"|(?P<aopen>\[)|(?P<aclose>\])"
    rb"|(?P<kw>[^\x00\t\n\f\r ()<>\[\]{}/%]+)"
    rb"|(?P<bad>.)", re.S)
MAX_DEPTH = 64
MAX_OPS = 2_000_000  # a stream with more operations is not edited (the caller refuses)


@dataclass(slots=True)
class Op:
    """One operation: operator, operands (parsed), and its byte span in the stream."""
    op: bytes
    operands: list
    start: int
    end: int


class Str(bytes):
    """A string operand (its decoded bytes)."""


class Name(str):
    pass


def _literal(data: bytes, i: int) -> tuple[bytes, int] | None:
    """Decode the literal string whose "(" is at ``i``; returns (bytes, index after ")")."""
    out = bytearray()
    depth = 1
    i += 1
    n = len(data)
    while i < n:
        c = data[i]
        if c == 0x5C:  # backslash
            i += 1
            if i >= n:
                break
            e = data[i]
            if 0x30 <= e <= 0x37:
                j = i
                while j < min(i + 3, n) and 0x30 <= data[j] <= 0x37:
                    j += 1
                out.append(int(data[i:j], 8) & 0xFF)
                i = j
                continue
            if e == 0x0D:  # line continuation
                i += 2 if data[i + 1:i + 2] == b"\n" else 1
                continue
            if e == 0x0A:
                i += 1
                continue
            out.append({0x6E: 10, 0x72: 13, 0x74: 9, 0x62: 8, 0x66: 12}.get(e, e))
            i += 1
            continue
        if c == 0x28:
            depth += 1
        elif c == 0x29:
            depth -= 1
            if depth == 0:
                return bytes(out), i + 1
        out.append(c)
        i += 1
    return None


def _hex(raw: bytes) -> bytes:
    digits = re.sub(rb"[^0-9A-Fa-f]", b"", raw)
    if len(digits) % 2:
        digits += b"0"
    return bytes.fromhex(digits.decode())


def parse(data: bytes) -> list[Op] | None:
    """The stream's operations, or None if it is not content-stream syntax we can follow."""
    ops: list[Op] = []
    stack: list[list] = [[]]  # operand lists; nested arrays and dicts push
    kinds: list[bytes] = []
    start = None
    pos = 0
    n = len(data)
    while pos < n:
        m = _TOKEN.match(data, pos)
        if m is None:
            return None
        kind = m.lastgroup
        if kind == "ws":
            pos = m.end()
            continue
        if start is None:
            start = m.start()
        if kind == "lit":
            got = _literal(data, m.start())
            if got is None:
                return None
            s = Str(got[0])
            stack[-1].append(s)
            pos = got[1]
            continue
        pos = m.end()
        tok = m.group()
        if kind == "name":
            stack[-1].append(Name(_name(tok[1:])))
        elif kind == "num":
            stack[-1].append(float(tok) if b"." in tok else int(tok))
        elif kind == "hex":
            stack[-1].append(Str(_hex(tok[1:-1])))
        elif kind in ("aopen", "dopen"):
            if len(stack) > MAX_DEPTH:
                return None
            stack.append([])
            kinds.append(b"[" if kind == "aopen" else b"<<")
        elif kind in ("aclose", "dclose"):
            if not kinds or kinds[-1] != (b"[" if kind == "aclose" else b"<<"):
                return None
            kinds.pop()
            items = stack.pop()
            if kind == "aclose":
                stack[-1].append(items)
            else:
                stack[-1].append(_as_dict(items))
        elif kind == "kw":
            if kinds:  # true / false / null inside an array or dict
                stack[-1].append(tok)
                continue
            if tok == b"BI":
                end = _inline_image_end(data, pos)
                if end is None:
                    return None
                ops.append(Op(b"BI", [], start, end))
                pos, start = end, None
                stack = [[]]
                continue
            if tok in (b"true", b"false", b"null"):
                stack[-1].append(tok)
                continue
            ops.append(Op(tok, stack[0], start, pos))
            if len(ops) > MAX_OPS:
                return None
            stack, start = [[]], None
        else:
            return None
    return ops


def _name(raw: bytes) -> str:
    if b"#" in raw:
        raw = re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), raw)
    return raw.decode("latin-1")


def _as_dict(items: list) -> dict:
    out = {}
    for i in range(0, len(items) - 1, 2):
        if isinstance(items[i], Name):
            out[str(items[i])] = items[i + 1]
    return out


_EI = re.compile(rb"[\x00\t\n\f\r ]EI(?=[\x00\t\n\f\r ]|$)")


def _inline_image_end(data: bytes, pos: int) -> int | None:
    i = data.find(b"ID", pos)
    if i < 0:
        return None
    m = _EI.search(data, i + 3)
    return m.end() if m else None


# -- writing ------------------------------------------------------------------------------------
def serialize(value) -> bytes:
    if isinstance(value, Str):
        return b"<" + bytes.hex(value).encode() + b">"
    if isinstance(value, Name):
        return b"/" + re.sub(rb"[^!-~]|[()<>\[\]{}/%#]",
                             lambda m: b"#%02X" % m.group()[0], value.encode("latin-1"))
    if isinstance(value, bool):
        return b"true" if value else b"false"
    if isinstance(value, int):
        return str(value).encode()
    if isinstance(value, float):
        return (f"{value:.6f}".rstrip("0").rstrip(".") or "0").encode()
    if isinstance(value, list):
        return b"[" + b" ".join(serialize(v) for v in value) + b"]"
    if isinstance(value, dict):
        return b"<<" + b" ".join(serialize(Name(k)) + b" " + serialize(v)
                                 for k, v in value.items()) + b">>"
    if isinstance(value, bytes):
        return value  # a keyword (true, false, null)
    return b"null"


def op_bytes(op: bytes, operands: list) -> bytes:
    return b" ".join([serialize(v) for v in operands] + [op])


def rebuild(data: bytes, ops: list[Op], replace: dict[int, bytes | None]) -> bytes:
    """The stream with operation ``i`` replaced by ``replace[i]`` (None drops it)."""
    out = bytearray()
    last = 0
    for i, new in sorted(replace.items()):
        op = ops[i]
        out += data[last:op.start]
        if new:
            out += new
        last = op.end
    out += data[last:]
    return bytes(out)


# -- operators ----------------------------------------------------------------------------------
# What draws: removed inside a layer that is off. State operators (q, Q, cm, colours, text
# state and position) stay, so what follows the hidden part is drawn as before.
SHOW_TEXT = {b"Tj", b"TJ", b"'", b'"'}
PAINT = {b"S", b"s", b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*", b"sh", b"Do", b"BI", b"d0",
         b"d1"}
PATH = {b"m", b"l", b"c", b"v", b"y", b"h", b"re"}


def quote_ops_to_plain(op: Op) -> bytes:
    """``(s) '`` → ``T* (s) Tj`` and ``aw ac (s) "`` → ``aw Tw ac Tc T* (s) Tj``: MuPDF's
    redaction filter writes ``'`` after ``TL`` as a ``TD`` that sets the wrong leading,
    moving the text and leaving it unredacted."""
    if op.op == b"'" and len(op.operands) == 1:
        return b"T* " + op_bytes(b"Tj", op.operands)
    if op.op == b'"' and len(op.operands) == 3:
        aw, ac, s = op.operands
        return (op_bytes(b"Tw", [aw]) + b" " + op_bytes(b"Tc", [ac]) + b" T* "
                + op_bytes(b"Tj", [s]))
    return b""
