"""Reading a request's body the same careful way on every route.

A body that never finishes arriving must not hold a connection for minutes, a
made-up ``charset`` must not become a 500, and a form must hold text only
(Twilio never sends files). Every such request ends in a 4xx with one line.
Owns: those rules. Must not: know any provider's fields.
"""

from __future__ import annotations

import asyncio
from typing import Any

from aiohttp import web
from multidict import MultiDictProxy

BODY_SECONDS = 10.0  # the whole body must arrive within this


async def form(request: web.Request) -> MultiDictProxy[str]:
    """A urlencoded form of text fields, or 400 (408 when it never finishes arriving)."""
    if request.content_type != "application/x-www-form-urlencoded":
        raise web.HTTPBadRequest(text="send a urlencoded form\n")
    try:
        async with asyncio.timeout(BODY_SECONDS):
            data = await request.post()
    except TimeoutError:
        raise web.HTTPRequestTimeout(text="the body did not arrive in time\n") from None
    except (ValueError, LookupError):  # not UTF-8, or a charset nobody knows
        raise web.HTTPBadRequest(text="send a urlencoded form in UTF-8\n") from None
    if not all(isinstance(value, str) for value in data.values()):
        raise web.HTTPBadRequest(text="send text fields only\n")
    return data  # type: ignore[return-value]


async def json_body(request: web.Request, shape: str) -> Any:
    """Parsed JSON, or 400 naming the expected ``shape`` (408 when it never finishes arriving)."""
    try:
        async with asyncio.timeout(BODY_SECONDS):
            return await request.json()
    except TimeoutError:
        raise web.HTTPRequestTimeout(text="the body did not arrive in time\n") from None
    # RecursionError: "[[[[..." nested past Python's stack; LookupError: an unknown charset.
    except (ValueError, RecursionError, LookupError):
        raise web.HTTPBadRequest(text=f"send JSON: {shape}\n") from None
