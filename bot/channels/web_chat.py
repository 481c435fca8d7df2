"""The web chat: a static page, a privacy notice page and a small JSON API, no phone number needed.

The browser makes up a random session id and keeps it (sessionStorage); the
server only ever sees it through a keyed hash, like any other user id. The
page renders every string with ``textContent``, never as HTML: replies come
as blocks of lines of runs (:mod:`bot.channels.web_links`), so the content's
phone numbers and web addresses are links and everything else is text.

The page says who runs the service (``[service]`` in bot.toml) and shows the
emergency line before anyone types: the same line, with the same first
emergency contact, that the conversation puts first when a message talks of
danger (:func:`bot.referral.danger_line`).

The privacy notice is the ``bot-privacy`` FAQ entry, in the person's
language, plus one paragraph about what the page itself keeps: it is the
answer the bot gives to "what do you keep about me?", so staff keep one text
up to date and reviewed in every language, not a second copy.

Other sites may show the page in an iframe only from ``[web] embed_origins``
(``Content-Security-Policy: frame-ancestors``); with none, no site may.
Owns: the JSON contract of ``/api/message``, ``/api/ui`` and ``/api/poll``,
the pages' security headers and the privacy page.
Must not: decide what to say.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from aiohttp import web

from bot import answers, referral
from bot.channels import body
from bot.channels.web_links import Links, Run
from bot.config import Config
from bot.content import Content
from bot.conversation import WEB_PAGE_MESSAGES, Reply
from bot.helpline import Helpline, Message
from bot.storage import Store
from bot.ticket import Ticket

MESSAGE_PATH = "/api/message"
UI_PATH = "/api/ui"
POLL_PATH = "/api/poll"
PRIVACY_PATH = "/privacy"
SESSION = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
MAX_TEXT = 1000  # characters; the page refuses longer ones with an explanation, the API with a 400
PRIVACY_ENTRY = "bot-privacy"  # the FAQ entry the privacy page shows (docs/faq-topics.md)
# Everything the pages load comes from this server; nothing runs but chat.js.
PAGE_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; "
    "base-uri 'none'; form-action 'none'"
)

Clock = Callable[[], dt.datetime]
Blocks = list[list[list[dict[str, str]]]]  # blocks of lines of runs


class WebChat:
    """The web chat's handlers, with the links of the content being served (built once per version)."""

    def __init__(self, static: Path, clock: Clock | None = None) -> None:
        self._static = static
        # Which emergency contact is open now; tests pass a fixed time.
        self.clock: Clock = clock or (lambda: dt.datetime.now(dt.UTC))
        self._links: tuple[str, Links] | None = None

    def links(self, content: Content) -> Links:
        """The links of ``content``, built again only when a reload changed its version."""
        if self._links is None or self._links[0] != content.version:
            self._links = (content.version, Links.of(content))
        return self._links[1]

    async def index(self, request: web.Request, helpline: Helpline) -> web.FileResponse:
        """The page itself, with headers that say where it may be framed."""
        return web.FileResponse(self._static / "index.html", headers=page_headers(helpline.content.config))

    async def message(self, request: web.Request, helpline: Helpline) -> web.Response:
        """``{"session": "...", "text": "..."}`` in, the reply's blocks and numbered choices out."""
        data = await _json_object(request, '{"session": ..., "text": ...}')
        session, text = _session(data), data.get("text")
        if not isinstance(text, str) or len(text) > MAX_TEXT:
            raise web.HTTPBadRequest(text=f"text must be a string of at most {MAX_TEXT} characters\n")
        client = client_address(request, helpline.content.config.server.trusted_proxies)
        reply = await helpline.answer(Message("web", session, text, client=client))
        content = helpline.content
        return web.json_response(as_json(reply, content, self.links(content)), dumps=_dumps)

    async def ui(self, request: web.Request, helpline: Helpline) -> web.Response:
        """The page's own labels in one language, who runs the service, the emergency line, the limit."""
        content = helpline.content
        lang = _language(content, request.query.get("lang", ""))
        service = content.config.service
        strings = {key: content.strings.get(lang, key) for key in WEB_PAGE_MESSAGES}
        strings["web-too-long"] = content.strings.get(lang, "web-too-long", {"limit": MAX_TEXT})
        strings["web-org-privacy"] = content.strings.get(lang, "web-org-privacy", {"service": service.name})
        line = referral.danger_line(content, lang, now=self.clock())
        return web.json_response(
            {
                "lang": lang,
                "strings": strings,
                "languages": [
                    {"code": code, "name": content.lexicons[code].name} for code in content.languages
                ],
                "service": {"name": service.name, "url": service.url, "privacy_url": service.privacy_url},
                "privacy": f"{PRIVACY_PATH.lstrip('/')}?lang={lang}",
                "emergency": blocks(line, self.links(content)) if line else None,
                "max_text": MAX_TEXT,
            },
            dumps=_dumps,
        )

    async def poll(self, request: web.Request, helpline: Helpline) -> web.Response:
        """``{"session": "..."}`` in, a legal-aid worker's replies waiting for this chat out (once each).

        The page asks every few seconds; replies wait in the store, under the
        session's keyed hash, until asked for or until the ticket expires. They
        are a person's words, not content: the page shows them as plain text.
        """
        session = _session(await _json_object(request, '{"session": ...}'))
        messages = await helpline.store.collect(helpline.key("web", session))
        return web.json_response({"messages": messages}, dumps=_dumps)

    async def privacy(self, request: web.Request, helpline: Helpline) -> web.Response:
        """What the bot keeps, in the asked language: a plain page that works without JavaScript."""
        content = helpline.content
        lang = _language(content, request.query.get("lang", ""))
        page = privacy_page(content, lang, self.links(content))
        return web.Response(
            text=page, content_type="text/html", charset="utf-8", headers=page_headers(content.config)
        )


def page_headers(config: Config) -> dict[str, str]:
    """Security headers for the HTML pages: framing only from ``[web] embed_origins``.

    ``frame-ancestors`` works only as a header (a ``<meta>`` policy ignores it).
    X-Frame-Options cannot name several sites, so it is sent only to deny.
    """
    origins = config.web.embed_origins
    ancestors = " ".join(["'self'", *origins]) if origins else "'none'"
    headers = {
        "Content-Security-Policy": f"{PAGE_POLICY}; frame-ancestors {ancestors}",
        "Referrer-Policy": "no-referrer",
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "no-cache",
    }
    if not origins:
        headers["X-Frame-Options"] = "DENY"
    return headers


def client_address(request: web.Request, trusted_proxies: Sequence[str]) -> str:
    """The address the web chat's request came from, for its per-client limit (never kept).

    Behind a reverse proxy every request comes from the proxy, so when the peer
    is one of ``[server] trusted_proxies`` the client is the last address in
    X-Forwarded-For that is not a trusted proxy itself (earlier ones can be forged).
    """
    peer = request.remote or ""
    if peer not in trusted_proxies:
        return peer
    hops = [hop.strip() for hop in request.headers.get("X-Forwarded-For", "").split(",") if hop.strip()]
    for hop in reversed(hops):
        if hop not in trusted_proxies:
            return hop
    return peer


class WebSender:
    """The handoff's :class:`~bot.handoff.Sender` for the web chat: the reply waits for the next poll."""

    def __init__(self, store: Store) -> None:
        self._store = store

    async def send(self, ticket: Ticket, address: Mapping[str, str], text: str) -> None:
        await self._store.post(ticket.key, text)


# The reply as the page shows it ----------------------------------------------------------


def as_json(reply: Reply | None, content: Content, links: Links) -> dict[str, Any]:
    """The reply for the page: ``parts`` as text, ``blocks`` to display, ``choices`` as buttons.

    The numbered lines of a menu become buttons only: written out as text too,
    a screen reader would read every choice twice.
    """
    if reply is None:
        return {"lang": None, "kind": "silent", "parts": [], "blocks": [], "choices": [], "urgent": False}
    parts = without_choice_lines(reply, content)
    return {
        "lang": reply.lang,
        "kind": reply.kind,
        "parts": parts,
        "blocks": [block for part in parts for block in blocks(part, links)],
        "choices": [{"number": c.number, "label": c.label} for c in reply.choices],
        "urgent": reply.urgent,
    }


def without_choice_lines(reply: Reply, content: Content) -> list[str]:
    """The reply's parts without the "1. Label" lines that its buttons already say."""
    if not reply.choices:
        return list(reply.parts)
    numbered = {
        content.strings.get(reply.lang, "choice-line", {"number": c.number, "label": c.label})
        for c in reply.choices
    }
    parts = ["\n".join(line for line in part.split("\n") if line not in numbered) for part in reply.parts]
    return [part for part in parts if part.strip()]


def blocks(text: str, links: Links) -> Blocks:
    """``text`` as the page lays it out: blocks (split at blank lines) of lines (paragraphs) of runs.

    Answers put one paragraph per line and a blank line before the "checked"
    date and the contacts list; keeping both levels lets the page space
    paragraphs apart and set the list off from the answer.
    """
    out: Blocks = []
    for chunk in re.split(r"\n\s*\n", text):
        lines = [[run.as_json() for run in links.runs(line)] for line in chunk.split("\n") if line.strip()]
        if lines:
            out.append(lines)
    return out


# The privacy page ------------------------------------------------------------------------


def privacy_page(content: Content, lang: str, links: Links) -> str:
    """The ``bot-privacy`` answer in ``lang`` as a page, with what the page keeps and who runs it."""
    strings, service = content.strings, content.config.service
    title, body_text, checked = _privacy_text(content, lang)
    paragraphs = [_paragraph(links.runs(line)) for line in body_text.split("\n") if line.strip()]
    paragraphs.append(f"<p>{_escape(strings.get(lang, 'web-privacy-browser'))}</p>")
    if checked:
        paragraphs.append(f'<p class="checked">{_escape(checked)}</p>')
    run_by = _escape(strings.get(lang, "web-run-by"))
    name = _link(service.url, service.name) if service.url else _escape(service.name)
    footer = [f"<p>{run_by} {name}</p>"]
    if service.privacy_url:
        label = strings.get(lang, "web-org-privacy", {"service": service.name})
        footer.append(f"<p>{_link(service.privacy_url, label)}</p>")
    back = _escape(strings.get(lang, "web-back"))
    return PRIVACY_TEMPLATE.format(
        lang=_escape(lang),
        title=_escape(title),
        back=f'<a href="./?lang={_escape(lang)}">{back}</a>',
        body="\n".join(paragraphs),
        footer="\n".join(footer),
    )


def _privacy_text(content: Content, lang: str) -> tuple[str, str, str]:
    """Title, text and "checked" line: the FAQ entry, or the strings' short notice when there is none."""
    entry = content.faq.get(PRIVACY_ENTRY)
    if entry is None:
        days = content.config.privacy.session_days
        notice = content.strings.get(lang, "privacy-notice", {"days": days})
        return content.strings.get(lang, "web-privacy"), notice, ""
    text = answers.text_of(content, entry, lang)
    return text.title, text.full or text.sms, answers.checked_line(content, entry, lang)


PRIVACY_TEMPLATE = """<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>{title}</title>
<link rel="icon" href="static/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="static/chat.css">
</head>
<body>
<main class="chat privacy-page">
<p class="back">{back}</p>
<h1>{title}</h1>
{body}
<footer class="service">
{footer}
</footer>
</main>
</body>
</html>
"""


def _paragraph(runs: list[Run]) -> str:
    return "<p>" + "".join(_link(r.href, r.text) if r.href else _escape(r.text) for r in runs) + "</p>"


def _link(href: str, text: str) -> str:
    """A link; one that leaves the site opens in a new tab, so the chat is still there afterwards."""
    external = ' target="_blank" rel="noopener noreferrer"' if href.startswith(("http:", "https:")) else ""
    return f'<a href="{_escape(href)}"{external}>{_escape(text)}</a>'


def _escape(text: str) -> str:
    return html.escape(text, quote=True)


# Requests --------------------------------------------------------------------------------


def _language(content: Content, asked: str) -> str:
    return asked if asked in content.languages else content.config.content.default_language


async def _json_object(request: web.Request, shape: str) -> dict[str, Any]:
    data = await body.json_body(request, shape)
    if not isinstance(data, dict):
        raise web.HTTPBadRequest(text="send a JSON object\n")
    return data


def _session(data: dict[str, Any]) -> str:
    session = data.get("session")
    if not isinstance(session, str) or not SESSION.fullmatch(session):
        raise web.HTTPBadRequest(text="session must be 16 to 64 letters, digits, - or _\n")
    return session


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)
