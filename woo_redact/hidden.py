"""Hidden content: what a parser, a copy-paste or a search engine can get from a page but a
reader does not see, or the reverse.

* Layers that are switched off: their content is removed when the input is opened, and the
  layers are dissolved, so that extraction, redaction and the output all see the one page a
  reader sees by default (``remove_hidden_layers``).
* Text a reader cannot see (invisible rendering, fully transparent, the colour of what lies
  beneath, clipped away, under an opaque image, off the page) is extracted and detected like
  any text; what detection does not flag is removed from the output too
  (``remove_hidden_text``), except a scan's OCR layer over its image.
* Text whose characters the file does not give (glyphs without a Unicode mapping, or mapped
  to the wrong letters) or gives in an order no reader sees (glyph by glyph, shuffled): the
  page is compared with OCR of its rendering and, when they disagree, read and released as a
  scan (``TextCheck``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pymupdf

from . import pdfobjects as po
from . import pdfsyntax as ps
from .errors import BadInput


# -- layers that are off ------------------------------------------------------------------------
@dataclass(slots=True)
class _Layers:
    doc: pymupdf.Document
    on: dict[int, bool]  # OCG xref → shown by default
    cache: dict[int, bool] = field(default_factory=dict)

    def visible(self, xref: int, depth: int = 0) -> bool:
        """Is content marked with this OCG or membership dictionary shown by default?"""
        if xref in self.cache:
            return self.cache[xref]
        self.cache[xref] = True  # a cycle counts as shown: the caller's other checks decide
        kind = po.type_of(self.doc, xref)
        if kind == "OCMD" and depth < 16:
            shown = self._membership(xref, depth)
        else:
            shown = self.on.get(xref, True)
        self.cache[xref] = shown
        return shown

    def _membership(self, xref: int, depth: int) -> bool:
        doc = self.doc
        kind, ve = doc.xref_get_key(xref, "VE")
        if kind == "array":
            return self._expression(ve, depth)
        kind, value = doc.xref_get_key(xref, "OCGs")
        members = po.refs(value) if kind in ("array", "xref") else []
        if not members:
            return True
        states = [self.visible(m, depth + 1) for m in members]
        policy = doc.xref_get_key(xref, "P")[1].lstrip("/") or "AnyOn"
        return {"AllOn": all(states), "AnyOff": not all(states),
                "AllOff": not any(states)}.get(policy, any(states))

    def _expression(self, text: str, depth: int) -> bool:
        """A visibility expression, e.g. [/And 5 0 R [/Not 6 0 R]]."""
        parsed = ps.parse(text.encode("latin-1") + b" x")
        if not parsed or not parsed[0].operands:
            return True
        return self._eval(_resolve_refs(parsed[0].operands[0]), depth)

    def _eval(self, node, depth: int) -> bool:
        if isinstance(node, int):
            return self.visible(node, depth + 1)
        if not isinstance(node, list) or not node or depth > 16:
            return True
        op, args = str(node[0]), [self._eval(a, depth + 1) for a in node[1:]]
        if op == "Not":
            return not args[0] if args else True
        if op == "And":
            return all(args)
        if op == "Or":
            return any(args)
        return True


def _resolve_refs(items):
    """``5 0 R`` parsed as 5, 0, R → 5."""
    if not isinstance(items, list):
        return items
    out, i = [], 0
    while i < len(items):
        v = items[i]
        if (isinstance(v, int) and i + 2 < len(items) and isinstance(items[i + 1], int)
                and items[i + 2] == b"R"):
            out.append(v)
            i += 3
            continue
        out.append(_resolve_refs(v))
        i += 1
    return out


def has_layers(doc: pymupdf.Document) -> bool:
    return doc.xref_get_key(doc.pdf_catalog(), "OCProperties")[0] != "null"


# Set on a document whose layers ``remove_hidden_layers`` dissolved, so the notes can say so.
_DISSOLVED = "woo_redact_layers_dissolved"


def had_layers(doc: pymupdf.Document) -> bool:
    return bool(getattr(doc, _DISSOLVED, False))


def remove_hidden_layers(doc: pymupdf.Document) -> int:
    """Remove what layers that are off by default would draw, then dissolve all layers (the
    rest is drawn unconditionally). Returns how many content streams were changed.

    Raises BadInput when a stream with hidden content cannot be parsed: leaving it would keep
    content nobody reviewed."""
    if not has_layers(doc):
        return 0
    layers = _Layers(doc, {x: bool(v.get("on", True)) for x, v in doc.get_ocgs().items()})
    changed = 0
    hidden_forms = {x for x in _form_xobjects(doc) | _images(doc)
                    if _oc_of(doc, x) and not layers.visible(_oc_of(doc, x))}
    for page in doc:
        changed += _filter_page(doc, page, layers, hidden_forms)
    for xref in _form_xobjects(doc):
        changed += _filter_stream(doc, xref, xref, layers, hidden_forms)
    po.delete_key(doc, doc.pdf_catalog(), "OCProperties")
    for xref in range(1, doc.xref_length()):
        if doc.xref_get_key(xref, "OC")[0] != "null":
            po.delete_key(doc, xref, "OC")
    setattr(doc, _DISSOLVED, True)
    return changed


def _oc_of(doc: pymupdf.Document, xref: int) -> int:
    kind, value = doc.xref_get_key(xref, "OC")
    return int(value.split()[0]) if kind == "xref" else 0


def _form_xobjects(doc: pymupdf.Document) -> set[int]:
    return {x for x in range(1, doc.xref_length())
            if doc.xref_is_stream(x) and doc.xref_get_key(x, "Subtype")[1] == "/Form"}


def _images(doc: pymupdf.Document) -> set[int]:
    return {x for x in range(1, doc.xref_length())
            if doc.xref_is_stream(x) and doc.xref_get_key(x, "Subtype")[1] == "/Image"}


def _filter_page(doc: pymupdf.Document, page: pymupdf.Page, layers: _Layers,
                 hidden_forms: set[int]) -> int:
    contents = page.get_contents()
    if not contents:
        return 0
    data = b"\n".join(doc.xref_stream(x) or b"" for x in contents)
    new = _filtered(doc, data, page.xref, layers, hidden_forms)
    if new is None:
        return 0
    # one stream: a marked section may open in one content stream and close in the next
    doc.update_stream(contents[0], new)
    if len(contents) > 1:
        doc.xref_set_key(page.xref, "Contents", f"{contents[0]} 0 R")
    return 1


def _filter_stream(doc: pymupdf.Document, xref: int, holder: int, layers: _Layers,
                   hidden_forms: set[int]) -> int:
    data = doc.xref_stream(xref) or b""
    new = _filtered(doc, data, holder, layers, hidden_forms)
    if new is None:
        return 0
    doc.update_stream(xref, new)
    return 1


_MARKS = re.compile(rb"/OC\b|\bDo\b")


def _filtered(doc: pymupdf.Document, data: bytes, holder: int, layers: _Layers,
              hidden_forms: set[int]) -> bytes | None:
    """The stream without what hidden layers draw; None when nothing changes."""
    if not _MARKS.search(data):
        return None
    ops = ps.parse(data)
    if ops is None:
        raise BadInput("unreadable_layers", "a page has content in layers that are off, in a "
                       "content stream that cannot be parsed; it cannot be removed safely")
    props = po.resource_refs(doc, holder, "Properties")
    xobjects = po.resource_refs(doc, holder, "XObject")
    replace: dict[int, bytes | None] = {}
    stack: list[bool] = []
    hidden = 0
    for i, op in enumerate(ops):
        name = op.op
        if name in (b"BMC", b"BDC"):
            h = False
            if name == b"BDC" and len(op.operands) == 2 and op.operands[0] == "OC":
                target = op.operands[1]
                ref = props.get(str(target)) if isinstance(target, ps.Name) else None
                h = bool(ref) and not layers.visible(ref)
                replace[i] = b"/OC BMC"  # no reference to a layer remains
            stack.append(h)
            hidden += h
        elif name == b"EMC":
            if stack and stack.pop():
                hidden -= 1
        elif hidden:
            if name in ps.SHOW_TEXT:
                replace[i] = _advance_only(op)
            elif name in (b"sh", b"Do", b"BI"):
                replace[i] = None
            elif name in ps.PAINT:
                replace[i] = b"n"  # end the path without painting it
        elif name == b"Do" and op.operands and xobjects.get(str(op.operands[-1])) in hidden_forms:
            replace[i] = None
    if not replace:
        return None
    return ps.rebuild(data, ops, replace)


def _advance_only(op: ps.Op) -> bytes | None:
    """What a text-showing operator does besides drawing: ``'`` and ``"`` move to the next
    line (and ``"`` sets the spacing)."""
    if op.op == b"'":
        return b"T*"
    if op.op == b'"' and len(op.operands) == 3:
        return ps.op_bytes(b"Tw", [op.operands[0]]) + b" " + ps.op_bytes(
            b"Tc", [op.operands[1]]) + b" T*"
    return None
