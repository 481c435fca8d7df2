"""The web chat: a static page and a small JSON API, no phone number needed.

The browser makes up a random session id and keeps it (sessionStorage); the
server only ever sees it through a keyed hash, like any other user id. The
page renders every string with ``textContent``, never as HTML.
Owns: the JSON contract of ``POST /api/message`` and ``GET /api/ui``.
Must not: decide what to say.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from typing import Any

from aiohttp import web

from bot.channels import body
from bot.conversation import Reply
from bot.helpline import Helpline, Message
from bot.storage import Store
from bot.ticket import Ticket

MESSAGE_PATH = "/api/message"
UI_PATH = "/api/ui"
POLL_PATH = "/api/poll"
SESSION = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
MAX_TEXT = 1000  # characters; longer questions are refused with a clear 400
WEB_STRINGS = ("web-title", "web-intro", "web-input-label", "web-send", "web-language", "web-error")


async def message(request: web.Request, helpline: Helpline) -> web.Response:
    """``{"session": "...", "text": "..."}`` in, reply parts and numbered choices out."""
    data = await _json_object(request, '{"session": ..., "text": ...}')
    session, text = _session(data), data.get("text")
    if not isinstance(text, str) or len(text) > MAX_TEXT:
        raise web.HTTPBadRequest(text=f"text must be a string of at most {MAX_TEXT} characters\n")
    client = client_address(request, helpline.content.config.server.trusted_proxies)
    reply = await helpline.answer(Message("web", session, text, client=client))
    return web.json_response(_as_json(reply), dumps=_dumps)


async def poll(request: web.Request, helpline: Helpline) -> web.Response:
    """``{"session": "..."}`` in, a legal-aid worker's replies waiting for this chat out (once each).

    The page asks every few seconds; replies wait in the store, under the
    session's keyed hash, until asked for or until the ticket expires.
    """
    session = _session(await _json_object(request, '{"session": ...}'))
    messages = await helpline.store.collect(helpline.key("web", session))
    return web.json_response({"messages": messages}, dumps=_dumps)


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


def _as_json(reply: Reply | None) -> dict[str, Any]:
    if reply is None:
        return {"lang": None, "kind": "silent", "parts": [], "choices": [], "urgent": False}
    return {
        "lang": reply.lang,
        "kind": reply.kind,
        "parts": list(reply.parts),
        "choices": [{"number": c.number, "label": c.label} for c in reply.choices],
        "urgent": reply.urgent,
    }


async def ui(request: web.Request, helpline: Helpline) -> web.Response:
    """The page's own labels in one language, and the language picker's entries."""
    content = helpline.content
    lang = request.query.get("lang", "")
    if lang not in content.languages:
        lang = content.config.content.default_language
    return web.json_response(
        {
            "lang": lang,
            "strings": {key: content.strings.get(lang, key) for key in WEB_STRINGS},
            "languages": [{"code": code, "name": content.lexicons[code].name} for code in content.languages],
        },
        dumps=_dumps,
    )


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)
