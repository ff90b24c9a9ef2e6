"""What stands between ``oneonone serve`` and every other web page the manager has open
(textual-serve itself has no login): like Jupyter's server, a random token per start,
printed in the address and exchanged for an HttpOnly, SameSite=Strict cookie, required by
the page, the websocket and downloads; the Host and Origin of every request checked
against the served address (no DNS rebinding, no cross-site websocket); and a cap on the
live sessions, each of which is an app process."""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import urlsplit

COOKIE = "oneonone_token"
DEFAULT_MAX_SESSIONS = 3

_PAGE = """<!doctype html><meta charset="utf-8"><title>oneonone</title>
<body style="font-family: sans-serif; max-width: 40em; margin: 4em auto">
<h1>oneonone</h1><p>{text}</p></body>"""
NO_TOKEN = (
    "This page needs the address that <code>oneonone serve</code> printed when it started "
    "(it ends in <code>?token=...</code>). Open that address; this one is refused so that "
    "no other web page can read your notes."
)
FOREIGN = "Refused: this request comes from another site or names another host."
FULL = (
    "Every session of this server is in use ({live} of {most}). Close another tab of "
    "oneonone, or start the server with a larger <code>--max-sessions</code>."
)

Handler = Callable[[Any], Awaitable[Any]]


class Guard:
    def __init__(self, served_url: str, public_url: str, max_sessions: int) -> None:
        self.token = secrets.token_urlsafe(32)
        self.max_sessions = max_sessions
        self.live = 0
        self.secure = public_url.startswith("https:")
        self.hosts = {urlsplit(u).netloc.lower() for u in (served_url, public_url)}
        self.origins = {
            f"{urlsplit(u).scheme}://{urlsplit(u).netloc}".lower() for u in (served_url, public_url)
        }

    def address(self, public_url: str) -> str:
        """What the manager opens: the public URL with this start's token."""
        return f"{public_url.rstrip('/')}/?token={self.token}"

    def _has_token(self, request: Any) -> bool:
        given = request.cookies.get(COOKIE) or request.query.get("token") or ""
        return hmac.compare_digest(given.encode(), self.token.encode())

    async def middleware(self, request: Any, handler: Handler) -> Any:
        from aiohttp import web

        def page(status: int, text: str) -> Any:
            return web.Response(
                status=status, text=_PAGE.format(text=text), content_type="text/html"
            )

        origin = request.headers.get("Origin")
        if request.host.lower() not in self.hosts or (
            origin is not None and origin.lower() not in self.origins
        ):
            return page(403, FOREIGN)
        if request.path.startswith("/static/"):
            return await handler(request)  # the page's scripts and fonts: no data
        if request.path == "/ws" and origin is None:
            return page(403, FOREIGN)  # a browser always says where a websocket comes from
        if not self._has_token(request):
            return page(403, NO_TOKEN)
        if request.path == "/" and "token" in request.query:
            found = web.HTTPFound("/")  # the token leaves the address bar and the history
            found.set_cookie(
                COOKIE, self.token, httponly=True, samesite="Strict", secure=self.secure
            )
            return found
        if request.path != "/ws":
            return await handler(request)
        if self.live >= self.max_sessions:
            return page(503, FULL.format(live=self.live, most=self.max_sessions))
        self.live += 1
        try:
            return await handler(request)
        finally:
            self.live -= 1
