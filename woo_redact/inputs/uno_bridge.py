"""Runs under the system's python3 (the one LibreOffice's ``uno`` module is built for), not
under woo-redact's interpreter: connects to one running LibreOffice and converts the files
it is sent, one JSON line per request on stdin, one JSON line per answer on stdout.

Documents are opened hidden, read-only, with macros never executed and links to other
files never updated; no interaction handler is given, so a password prompt fails the load.
"""

import json
import sys
import time

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException

FILTERS = [("com.sun.star.text.GenericTextDocument", "writer_pdf_Export"),
           ("com.sun.star.sheet.SpreadsheetDocument", "calc_pdf_Export"),
           ("com.sun.star.presentation.PresentationDocument", "impress_pdf_Export"),
           ("com.sun.star.drawing.DrawingDocument", "draw_pdf_Export")]


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def connect(pipe, seconds):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + seconds
    while True:
        try:
            ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            return ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop",
                                                                ctx)
        except NoConnectException:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def convert(desktop, src, dst):
    doc = desktop.loadComponentFromURL(
        uno.systemPathToFileUrl(src), "_blank", 0,
        (prop("Hidden", True), prop("ReadOnly", True), prop("MacroExecutionMode", 0),
         prop("UpdateDocMode", 0), prop("Silent", True)))
    if doc is None:
        raise RuntimeError("LibreOffice could not open the file")
    try:
        name = next((f for service, f in FILTERS if doc.supportsService(service)), None)
        if name is None:
            raise RuntimeError("not a text, spreadsheet or presentation document")
        options = uno.Any("[]com.sun.star.beans.PropertyValue", (
            prop("ExportBookmarks", False), prop("ExportNotes", False),
            prop("ExportNotesPages", False), prop("ExportFormFields", False)))
        doc.storeToURL(uno.systemPathToFileUrl(dst),
                       (prop("FilterName", name), prop("FilterData", options)))
    finally:
        doc.close(True)


def main():
    desktop = connect(sys.argv[1], float(sys.argv[2]) if len(sys.argv) > 2 else 60.0)
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        req = json.loads(line)
        try:
            convert(desktop, req["src"], req["dst"])
            answer = {"ok": True}
        except Exception as e:  # every failure is an answer; a dead office ends the loop
            answer = {"ok": False, "error": f"{type(e).__name__}: {e}"}
            if "Disposed" in type(e).__name__ or "RuntimeException" == type(e).__name__:
                print(json.dumps(answer), flush=True)
                return
        print(json.dumps(answer), flush=True)


if __name__ == "__main__":
    main()
