"""The review web page: server-rendered pages, a little vanilla JavaScript, nothing external.

Documents are looked up by their catalog key; finding, manual-box and page numbers are
checked against the proposal before anything is stored. Every decision is committed to the
store before the response is sent.
"""

from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass
from pathlib import Path

from fastapi import FastAPI, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from ..grounds import GROUNDS
from ..model import Box
from ..pipeline import Pipeline
from ..policy import load_policy
from ..textnorm import normalize
from . import views
from .release import apply_documents
from .render import MUPDF_LOCK, PageImages
from .security import CSRF_FIELD, Guard, check_csrf
from .state import Catalog, Entry, load_state, occurrences
from .store import Store

HERE = Path(__file__).parent
MIN_BOX = 2.0  # points: a click without a drag is not a box
MAX_NAME = 80
_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


@dataclass(slots=True)
class Settings:
    folder: Path
    out_dir: Path
    token: str
    reviewer: str = ""
    policy: str | None = None
    allowed_hosts: frozenset[str] = frozenset({"127.0.0.1", "localhost"})


def create_app(settings: Settings) -> FastAPI:
    folder = settings.folder.resolve()
    catalog = Catalog(folder)
    store = Store(folder)
    images = PageImages()
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.globals["GROUNDS"] = GROUNDS
    guard = Guard(settings.token, set(settings.allowed_hosts), settings.reviewer)
    pipeline_box: list[Pipeline] = []

    app = FastAPI(title="woo-redact review", docs_url=None, redoc_url=None, openapi_url=None)
    app.middleware("http")(guard)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    def pipeline() -> Pipeline:
        if not pipeline_box:
            pipeline_box.append(Pipeline(load_policy(settings.policy)))
        return pipeline_box[0]

    def entry_or_404(key: str) -> Entry:
        e = catalog.get(key) if _ID.match(key) else None
        if e is None:
            raise HTTPException(404, "no such document")
        return e

    def page_or_404(e: Entry, n: int) -> int:
        if not 1 <= n <= e.prop.page_count:
            raise HTTPException(404, "no such page")
        return n - 1

    def render(request: Request, name: str, ctx: dict, status: int = 200) -> HTMLResponse:
        session = request.state.session
        ctx = {"csrf": session.csrf, "csrf_field": CSRF_FIELD, "reviewer": session.reviewer,
               **ctx}
        return templates.TemplateResponse(request, name, ctx, status_code=status)

    async def posted(request: Request) -> dict[str, str]:
        form = await request.form()
        data = {k: v for k, v in form.items() if isinstance(v, str)}
        check_csrf(request, data.get(CSRF_FIELD))
        return data

    def who(request: Request) -> str:
        name = request.state.session.reviewer
        if not name:
            raise HTTPException(400, "enter your name on the document list before deciding")
        return name

    def back(e: Entry, page: int, anchor: str = "") -> RedirectResponse:
        frag = f"#{anchor}" if anchor and _ID.match(anchor) else ""
        return RedirectResponse(f"/doc/{e.key}/page/{page + 1}{frag}", status_code=303)

    def form_page(e: Entry, data: dict[str, str]) -> int:
        try:
            return page_or_404(e, int(data.get("page", "1")))
        except ValueError:
            raise HTTPException(400, "bad page number") from None

    # -- pages ------------------------------------------------------------------------------
    @app.get("/favicon.ico")
    def favicon():
        return Response(status_code=204)

    @app.get("/", response_class=HTMLResponse)
    def index(request: Request):
        return render(request, "index.html", {
            "rows": views.doc_rows(catalog, store), "errors": catalog.errors,
            "quarantined": views.quarantined(folder),
            "folder": str(folder), "out_dir": str(settings.out_dir)})

    @app.post("/reviewer")
    async def set_reviewer(request: Request):
        data = await posted(request)
        name = " ".join(data.get("name", "").split())[:MAX_NAME]
        if not name or not name.isprintable():
            raise HTTPException(400, "enter a name")
        request.state.session.reviewer = name
        return RedirectResponse("/", status_code=303)

    @app.get("/doc/{key}")
    def open_doc(key: str):
        e = entry_or_404(key)
        st = load_state(store, e)
        first = st.unreviewed_pages[0] if st.unreviewed_pages else 0
        return RedirectResponse(f"/doc/{e.key}/page/{first + 1}", status_code=303)

    @app.get("/doc/{key}/page/{n}", response_class=HTMLResponse)
    def page_view(request: Request, key: str, n: int):
        e = entry_or_404(key)
        page = page_or_404(e, n)
        ctx = views.page_context(catalog, store, e, page)
        ctx["changed"] = not images.unchanged(e.prop.input, e.prop.sha256)
        return render(request, "page.html", ctx)

    @app.get("/doc/{key}/image/{n}.png")
    def page_image(key: str, n: int):
        e = entry_or_404(key)
        page = page_or_404(e, n)
        if not os.path.isfile(e.prop.input):
            raise HTTPException(404, "input PDF not found")
        data = images.png(e.key, e.prop.input, page)
        return Response(data, media_type="image/png")

    @app.get("/log", response_class=HTMLResponse)
    def grounds_log(request: Request):
        flt = {k: request.query_params.get(k, "") for k in views.LOG_FILTERS}
        rows, options = views.log_rows(catalog, store, flt)
        docs = [{"key": e.key, "rel": e.prop.rel, "nr": e.prop.document_nr}
                for e in catalog.entries()]
        return render(request, "log.html", {"rows": rows, "options": options, "flt": flt,
                                            "docs": docs})

    # -- decisions --------------------------------------------------------------------------
    @app.post("/doc/{key}/finding/{fid}/status")
    async def set_status(request: Request, key: str, fid: str):
        e = entry_or_404(key)
        data = await posted(request)
        page = form_page(e, data)
        status = data.get("status", "")
        if status not in ("accepted", "rejected", "proposed"):
            raise HTTPException(400, "status must be accepted, rejected or proposed")
        if not any(f.id == fid for f in e.prop.findings):
            raise HTTPException(404, "no such finding")
        store.set_status([(e.key, fid)], status, who(request))
        return back(e, page, "f-" + data.get("next", fid))

    @app.post("/doc/{key}/finding/{fid}/all")
    async def set_status_all(request: Request, key: str, fid: str):
        """Decide every occurrence of this finding's text in the whole dossier."""
        e = entry_or_404(key)
        data = await posted(request)
        page = form_page(e, data)
        status = data.get("status", "")
        if status not in ("accepted", "rejected"):
            raise HTTPException(400, "status must be accepted or rejected")
        f = next((f for f in e.prop.findings if f.id == fid), None)
        if f is None:
            raise HTTPException(404, "no such finding")
        items = [(oe.key, of.id) for oe, of in occurrences(catalog, f.text)]
        store.set_status(items, status, who(request))
        return back(e, page, "f-" + data.get("next", fid))

    @app.post("/doc/{key}/finding/{fid}/ground")
    async def set_ground(request: Request, key: str, fid: str):
        e = entry_or_404(key)
        data = await posted(request)
        page = form_page(e, data)
        ground = data.get("ground", "")
        if ground not in GROUNDS:
            raise HTTPException(400, "unknown Woo ground")
        if not any(f.id == fid for f in e.prop.findings):
            raise HTTPException(404, "no such finding")
        store.set_ground(e.key, fid, ground, who(request))
        return back(e, page, "f-" + fid)

    @app.post("/doc/{key}/manual")
    async def add_manual(request: Request, key: str):
        e = entry_or_404(key)
        data = await posted(request)
        page = form_page(e, data)
        ground = data.get("ground", "")
        if ground not in GROUNDS:
            raise HTTPException(400, "choose a Woo ground for the box")
        box = _box(data, page, e.prop.pages[page].width, e.prop.pages[page].height)
        m = store.add_manual(e.key, box, ground, who(request))
        return back(e, page, m.id)

    @app.post("/doc/{key}/manual/{mid}/delete")
    async def delete_manual(request: Request, key: str, mid: str):
        e = entry_or_404(key)
        data = await posted(request)
        page = form_page(e, data)
        m = next((m for m in load_state(store, e).manual if m.id == mid), None)
        if m is None:
            raise HTTPException(404, "no such manual box")
        store.delete_manual(e.key, m, who(request))
        return back(e, page)

    @app.post("/doc/{key}/page/{n}/reviewed")
    async def mark_reviewed(request: Request, key: str, n: int):
        e = entry_or_404(key)
        page = page_or_404(e, n)
        data = await posted(request)
        reviewed = data.get("reviewed", "1") == "1"
        store.mark_page(e.key, page, reviewed, who(request))
        if reviewed and data.get("advance") == "1":
            left = load_state(store, e).unreviewed_pages
            later = [p for p in left if p > page] or left
            if later:
                return back(e, later[0])
        return back(e, page)

    @app.post("/doc/{key}/apply")
    async def apply_doc(request: Request, key: str):
        e = entry_or_404(key)
        data = await posted(request)
        name = who(request)
        force = data.get("force") == "1"
        forceable = bool(load_state(store, e).blockers())

        def work():
            with MUPDF_LOCK:
                return apply_documents(pipeline(), store, folder, settings.out_dir,
                                       [load_state(store, e)], reviewer=name, force=force)
        outcomes, _ = await run_in_threadpool(work)
        o = outcomes[0]
        if o.status == "refused":
            return render(request, "applied.html", {"doc": e, "outcome": o,
                                                    "forceable": forceable and not force},
                          status=409)
        return RedirectResponse(f"/doc/{e.key}/result", status_code=303)

    @app.get("/doc/{key}/result", response_class=HTMLResponse)
    def result(request: Request, key: str):
        e = entry_or_404(key)
        return render(request, "applied.html", {"doc": e, "outcome": None,
                                                "result": store.last_result(e.key)})

    @app.get("/doc/{key}/redacted.pdf")
    def redacted(key: str):
        e = entry_or_404(key)
        res = store.last_result(e.key)
        out = settings.out_dir.resolve()
        if res is None or res.status != "done" or not res.data.get("output"):
            raise HTTPException(404, "not applied")
        path = Path(res.data["output"]).resolve()
        if not path.is_relative_to(out) or not path.is_file():
            raise HTTPException(404, "output not found")
        return FileResponse(path, media_type="application/pdf")

    app.state.catalog, app.state.store, app.state.guard = catalog, store, guard
    templates.env.globals["normalize"] = normalize
    return app


def _box(data: dict[str, str], page: int, width: float, height: float) -> Box:
    try:
        x0, y0, x1, y1 = (float(data[k]) for k in ("x0", "y0", "x1", "y1"))
    except (KeyError, ValueError):
        raise HTTPException(400, "box needs numbers x0, y0, x1, y1") from None
    if not all(map(math.isfinite, (x0, y0, x1, y1))):
        raise HTTPException(400, "box needs finite numbers")
    x0, x1 = sorted((max(0.0, min(width, x0)), max(0.0, min(width, x1))))
    y0, y1 = sorted((max(0.0, min(height, y0)), max(0.0, min(height, y1))))
    if x1 - x0 < MIN_BOX or y1 - y0 < MIN_BOX:
        raise HTTPException(400, "box is too small")
    return Box(page, x0, y0, x1, y1)
