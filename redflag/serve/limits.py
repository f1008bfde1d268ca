"""ASGI middleware that keeps every request small and every response private.

The page and the API read at most one ad; a larger body is refused before it is parsed, whether it
announces its length or streams without one, so no request can make the server buffer without end.
"""

from __future__ import annotations

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# what every response says to the browser: nothing external may load, nothing is kept or referred on
SECURITY_HEADERS = {
    "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; "
                               "frame-ancestors 'none'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "cache-control": "no-store",
    "x-frame-options": "DENY",
}


class BodyTooLarge(Exception):
    """A request body over the limit; the app answers 413 with a one-line reason."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"the request is larger than the {limit:,}-byte limit for one ad")
        self.limit = limit


class BodyLimit:
    """Refuse bodies over ``limit`` bytes: by their Content-Length up front, or as soon as a stream passes it.
    ``slack`` more bytes are let through for a form's boundaries and other fields; the ad's own size is
    checked where it is read."""

    def __init__(self, app: ASGIApp, limit: int, slack: int = 0) -> None:
        self.app, self.limit, self.most = app, limit, limit + slack

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = Headers(scope=scope).get("content-length")
        if length is not None and (not length.isdigit() or int(length) > self.most):
            receive = _refusing(self.limit)
        else:
            receive = _counting(receive, self.most, self.limit)
        await self.app(scope, receive, send)


def _refusing(limit: int) -> Receive:
    async def receive() -> Message:
        raise BodyTooLarge(limit)

    return receive


def _counting(receive: Receive, most: int, limit: int) -> Receive:
    seen = 0

    async def counted() -> Message:
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > most:
                raise BodyTooLarge(limit)
        return message

    return counted


class PrivateResponses:
    """Add ``SECURITY_HEADERS`` to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, with_headers)
