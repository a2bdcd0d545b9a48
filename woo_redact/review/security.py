"""Who may use the review page: whoever holds the access token printed at start-up.

The token in the URL is a capability. The first request that carries it gets a session
cookie (HttpOnly, SameSite=Strict) and is redirected to the same page without the token,
so the token does not linger in the address bar, history or Referer. Every later request
must carry that cookie (or the token again); anything else is refused. Form posts also need
the session's CSRF token and a same-origin Origin/Referer, and every request must name an
allowed Host (a DNS-rebinding page cannot reach the server under its own name).
"""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit

from fastapi import HTTPException, Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response

COOKIE = "woo_review_session"
CSRF_FIELD = "csrf"
CSRF_HEADER = "x-csrf-token"
MAX_SESSIONS = 200
SAFE_METHODS = ("GET", "HEAD")

SECURITY_HEADERS = {
    # Everything is served by this app; nothing inline, nothing from elsewhere.
    "Content-Security-Policy": "default-src 'none'; img-src 'self'; style-src 'self'; "
                               "script-src 'self'; form-action 'self'; frame-ancestors 'none'; "
                               "base-uri 'none'; connect-src 'self'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",  # "no-referrer" would make posts send Origin: null
    "Cache-Control": "no-store",  # pages show personal data
    "Cross-Origin-Resource-Policy": "same-origin",
}


@dataclass(slots=True)
class Session:
    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    reviewer: str = ""
    created: float = field(default_factory=time.time)


def cookie_name(host: str) -> str:
    """Cookies are not kept apart by port: two review servers on 127.0.0.1 each need
    their own cookie, or opening one would log the other out."""
    return f"{COOKIE}_{urlsplit(f'//{host}').port or 80}"


def _same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())


class Guard:
    """The HTTP middleware that enforces token, session, host and origin rules."""

    def __init__(self, token: str, allowed_hosts: set[str], default_reviewer: str = ""):
        if len(token) < 16:
            raise ValueError("access token too short")
        self.token = token
        self.allowed_hosts = {h.lower() for h in allowed_hosts}
        self.default_reviewer = default_reviewer
        self._sessions: OrderedDict[str, Session] = OrderedDict()
        self._lock = threading.Lock()

    def _new_session(self) -> tuple[str, Session]:
        sid = secrets.token_urlsafe(32)
        s = Session(reviewer=self.default_reviewer)
        with self._lock:
            self._sessions[sid] = s
            while len(self._sessions) > MAX_SESSIONS:
                self._sessions.popitem(last=False)
        return sid, s

    def _session(self, sid: str | None) -> Session | None:
        if not sid:
            return None
        with self._lock:
            return self._sessions.get(sid)

    def host_ok(self, host: str) -> bool:
        parts = urlsplit(f"//{host}")
        try:
            parts.port  # noqa: B018 - raises on a malformed port
        except ValueError:
            return False
        return (parts.hostname or "").lower() in self.allowed_hosts

    async def __call__(self, request: Request, call_next) -> Response:
        host = request.headers.get("host", "")
        if not self.host_ok(host):
            return _deny(400, "unknown host")
        cookie = cookie_name(host)
        session = self._session(request.cookies.get(cookie))
        given = request.query_params.get("token")
        if given is not None:
            if not _same(given, self.token):
                return _deny(403, "wrong access token")
            if request.method not in SAFE_METHODS:
                return _deny(403, "open the page first; forms are posted with the session")
            if session is None:
                sid, session = self._new_session()
            else:
                sid = request.cookies[cookie]
            rest = [(k, v) for k, v in request.query_params.multi_items() if k != "token"]
            target = request.url.path + (("?" + urlencode(rest)) if rest else "")
            resp = RedirectResponse(target, status_code=303)
            resp.set_cookie(cookie, sid, httponly=True, samesite="strict", path="/")
            return _secured(resp)
        if session is None:
            return _deny(403, "access token required: open the address printed by "
                              "`woo-redact review`")
        if request.method not in SAFE_METHODS and not self._same_origin(request, host):
            return _deny(403, "cross-origin request refused")
        request.state.session = session
        return _secured(await call_next(request))

    @staticmethod
    def _same_origin(request: Request, host: str) -> bool:
        origin = request.headers.get("origin")
        if origin is not None:
            return urlsplit(origin).netloc == host and origin != "null"
        referer = request.headers.get("referer")
        if referer:
            return urlsplit(referer).netloc == host
        return True  # neither sent: the CSRF token still has to match


def check_csrf(request: Request, form_value: str | None) -> None:
    session: Session = request.state.session
    value = form_value or request.headers.get(CSRF_HEADER) or ""
    if not value or not _same(value, session.csrf):
        raise HTTPException(403, "missing or wrong CSRF token; reload the page")


def _secured(resp: Response) -> Response:
    for k, v in SECURITY_HEADERS.items():
        resp.headers.setdefault(k, v)
    return resp


def _deny(status: int, message: str) -> Response:
    return _secured(PlainTextResponse(message + "\n", status_code=status))
