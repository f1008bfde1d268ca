"""The local page and ``POST /api/check``: one compiled Checker, a form, and the JSON of `check --format json`.

Each request is checked in a worker thread with the options it asks for (report language, country);
nothing of it is stored or logged. Every error a user can cause is one line: on the page above the
form, from the API as ``{"error": "..."}`` with a 4xx status.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from redflag.config import check_language, check_region
from redflag.errors import InputError, RedflagError
from redflag.io.inputs import MAX_BYTES, ad_from_bytes, ad_from_text
from redflag.pipeline import Checker
from redflag.render.html.page import Checked, Choice, Form, country_names, render_page
from redflag.render.page_words import page_languages, page_words
from redflag.render.reader import reader_report, report_words
from redflag.serve.limits import BodyLimit, BodyTooLarge, PrivateResponses

LITERAL = "the ad text"  # the source `check` names an ad given as words; the API names it the same
FORM_OVERHEAD = 64 * 1024  # multipart boundaries and the other fields, on top of the ad itself
API_KEYS = {"text", "ui_lang", "region", "redact"}
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")
_NAME_JUNK = re.compile(r"[\x00-\x1f\x7f]+")


@dataclass(frozen=True, slots=True)
class Ask:
    """One request's ad and options, checked and ready."""

    text: str
    source: str
    ui_lang: str | None = None
    region: str | None = None
    redact: bool = False


def create_app(checker: Checker, *, max_bytes: int = MAX_BYTES, host: str = "127.0.0.1") -> Starlette:
    """The app for ``checker``; an ad may have ``max_bytes`` bytes. Bound to a loopback ``host``, it answers
    only requests addressed to a loopback name, so a web page elsewhere cannot reach it by DNS tricks."""
    service = _Service(checker, max_bytes)
    hosts = list(LOOPBACK_HOSTS) if host in LOOPBACK_HOSTS else ["*"]
    return Starlette(
        routes=[Route("/", service.page, methods=["GET", "POST"]), Route("/api/check", service.api, methods=["POST"])],
        middleware=[Middleware(PrivateResponses), Middleware(TrustedHostMiddleware, allowed_hosts=hosts),
                    Middleware(BodyLimit, limit=max_bytes, slack=FORM_OVERHEAD)],
        exception_handlers={BodyTooLarge: service.too_large, HTTPException: service.http_error},
    )


class _Service:
    """The endpoints around one Checker."""

    def __init__(self, checker: Checker, max_bytes: int) -> None:
        self.checker, self.max_bytes = checker, max_bytes
        english = report_words("en", checker.config.packs)
        self.languages = sorted(checker.engine.languages, key=lambda c: english.language_name(c).casefold())
        self.names = {c: english.language_name(c) for c in self.languages}

    async def page(self, request: Request) -> Response:
        """GET: the empty form in the reader's language; POST: the check of the pasted text or uploaded file."""
        lang = _page_lang(request)
        if request.method == "GET":
            return self._html(lang, Ask("", LITERAL))
        ask = Ask("", LITERAL)
        try:
            ask = await self._form(request)
            result, report, words = await run_in_threadpool(self._check, ask)
        except HTTPException as exc:
            return self._html(lang, ask, error=_one_line(exc.detail), status=exc.status_code)
        except RedflagError as exc:
            return self._html(lang, ask, error=str(exc), status=400)
        shown = ask.ui_lang or result.ui_lang
        lang = shown if shown in page_languages() else "en"
        return self._html(lang, ask, checked=Checked(report=report, original=ask.text, words=words))

    async def api(self, request: Request) -> Response:
        """The ad as JSON (``{"text": ...}``), plain text or a form; the answer is `check --format json`'s."""
        try:
            ask = await self._api_ask(request)
            result, _, _ = await run_in_threadpool(self._check, ask, False)
        except HTTPException as exc:
            return JSONResponse({"error": _one_line(exc.detail)}, status_code=exc.status_code)
        except RedflagError as exc:
            return JSONResponse({"error": str(exc)}, status_code=400)
        text = ask.text
        if ask.redact:
            from redflag.entities.redaction import redact_result

            result, text = redact_result(result, text)
        from redflag.render.jsonfmt import render
        from redflag.render.options import RenderOptions

        out = io.StringIO()
        render(result, out, RenderOptions(source=ask.source, original=text))
        return Response(out.getvalue(), media_type="application/json")

    async def too_large(self, request: Request, exc: Exception) -> Response:
        """413, on the page above the form or as the API's error."""
        return self._error(request, str(exc), 413)

    async def http_error(self, request: Request, exc: Exception) -> Response:
        """A wrong path or method: JSON under /api/, a short page elsewhere."""
        message = _one_line(getattr(exc, "detail", "")) or "bad request"
        return self._error(request, message, getattr(exc, "status_code", 400), getattr(exc, "headers", None))

    def _error(self, request: Request, message: str, status: int, headers: Mapping[str, str] | None = None) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": message}, status_code=status, headers=headers)
        return self._html(_page_lang(request), Ask("", LITERAL), error=message, status=status, headers=headers)

    def _check(self, ask: Ask, for_reader: bool = True):
        checker = self.checker.derived(ui_lang=ask.ui_lang, region=ask.region)
        result = checker.check(ask.text)
        if not for_reader:
            return result, None, None
        return result, reader_report(result, checker.config.region), report_words(result.ui_lang, checker.config.packs)

    async def _form(self, request: Request) -> Ask:
        form = await request.form(max_files=1, max_fields=8, max_part_size=self.max_bytes + 1)
        try:
            return await self._ask_from_form(form)
        finally:
            await form.close()

    async def _ask_from_form(self, form: Mapping) -> Ask:
        options = {k: form.get(k) or None for k in ("ui_lang", "region")}
        if any(v is not None and not isinstance(v, str) for v in options.values()):
            raise InputError("ui_lang and region must be plain form fields")
        upload = form.get("file")
        if isinstance(upload, UploadFile) and upload.filename:
            data = await upload.read(self.max_bytes + 1)
            name = _file_name(upload.filename)
            if data:
                return _ask(ad_from_bytes(data, name, self.max_bytes), name, **options)
        text = form.get("text")
        if isinstance(text, UploadFile):
            raise InputError("the text field must be the ad's words, not a file")
        # browsers send a textarea's line breaks as CRLF; the ad as pasted has LF
        return _ask(ad_from_text((text or "").replace("\r\n", "\n"), self.max_bytes), LITERAL, **options)

    async def _api_ask(self, request: Request) -> Ask:
        kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind in ("multipart/form-data", "application/x-www-form-urlencoded"):
            return replace(await self._form(request), redact=_flag(request.query_params.get("redact")))
        body = await request.body()
        if kind == "application/json":
            return self._json_ask(body)
        if kind in ("", "text/plain", "text/html", "text/markdown"):
            query = request.query_params
            unknown = set(query) - (API_KEYS - {"text"})
            if unknown:
                raise InputError(f"unknown query parameter {sorted(unknown)[0]!r}; use ui_lang, region or redact")
            text = ad_from_bytes(body, "the request body", self.max_bytes)
            return _ask(text, LITERAL, query.get("ui_lang") or None, query.get("region") or None,
                        _flag(query.get("redact")))
        raise HTTPException(415, f"content type {kind!r} is not read; send application/json, text/plain or a form")

    def _json_ask(self, body: bytes) -> Ask:
        try:
            data = json.loads(body)
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InputError(f"the request body is not valid JSON: {_one_line(exc)}") from None
        if not isinstance(data, dict):
            raise InputError('the request body must be a JSON object such as {"text": "..."}')
        unknown = set(data) - API_KEYS
        if unknown:
            raise InputError(f"unknown key {sorted(unknown)[0]!r}; the keys are text, ui_lang, region and redact")
        text = data.get("text")
        if not isinstance(text, str):
            raise InputError('"text" must be the ad as a JSON string')
        for key in ("ui_lang", "region"):
            if data.get(key) is not None and not isinstance(data[key], str):
                raise InputError(f'"{key}" must be a string or null')
        if not isinstance(data.get("redact", False), bool):
            raise InputError('"redact" must be true or false')
        return _ask(ad_from_text(text, self.max_bytes), LITERAL, data.get("ui_lang") or None,
                    data.get("region") or None, data.get("redact", False))

    def _html(self, lang: str, ask: Ask, *, checked: Checked | None = None, error: str | None = None,
              status: int = 200, headers: Mapping[str, str] | None = None) -> HTMLResponse:
        names = country_names()
        form = Form(
            text=ask.text,
            languages=tuple(Choice(value=c, label=self.names[c], selected=c == ask.ui_lang) for c in self.languages),
            countries=tuple(Choice(value=c, label=names[c], selected=c == ask.region)
                            for c in sorted(names, key=lambda c: names[c].casefold())),
            limit=_size(self.max_bytes),
        )
        return HTMLResponse(render_page(page_words(lang), form, lang=lang, checked=checked, error=error),
                            status_code=status, headers=headers)


def _ask(text: str, source: str, ui_lang: str | None = None, region: str | None = None, redact: bool = False) -> Ask:
    return Ask(text, source, check_language(ui_lang, "ui_lang"), check_region(region, "region"), redact)


def _flag(value: str | None) -> bool:
    if value is None or value.lower() in ("", "0", "false", "no"):
        return False
    if value.lower() in ("1", "true", "yes"):
        return True
    raise InputError(f"redact must be true or false, not {value!r}")


def _page_lang(request: Request) -> str:
    """The language to write the page's own words in, from the browser's Accept-Language."""
    return _preferred(request.headers.get("accept-language", ""), page_languages())


def _preferred(header: str, available: tuple[str, ...]) -> str:
    """The first language of an Accept-Language header that the page is written in; English otherwise."""
    weighted = []
    for i, part in enumerate(header.split(",")[:20]):
        tag, _, params = part.strip().partition(";")
        q = 1.0
        if params.strip().startswith("q="):
            try:
                q = float(params.strip()[2:])
            except ValueError:
                q = 0.0
        weighted.append((-q, i, tag.split("-")[0].lower()))
    for _, _, code in sorted(weighted):
        if code in available:
            return code
    return "en"


def _file_name(name: str) -> str:
    """An uploaded file's base name, without control characters, short enough for one line."""
    base = re.split(r"[\\/]", name)[-1]
    return _NAME_JUNK.sub("", base)[:120] or "the uploaded file"


def _size(n: int) -> str:
    return f"{n / 1_000_000:g} MB" if n >= 1_000_000 else f"{n / 1000:g} kB"


def _one_line(value: object) -> str:
    return " ".join(str(value).split())
