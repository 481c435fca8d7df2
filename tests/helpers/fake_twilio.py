"""A stand-in for Twilio's Messages API on 127.0.0.1 that records what the bot sends.

twilio's REST client is pointed at it through TWILIO_API_BASE_URL; nothing
leaves the machine. It can refuse the next sends with a status (429, 500...)
and, for a 5xx, still keep the message, as a real server might.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from typing import Any

from aiohttp import web

PREFIX = "/2010-04-01/Accounts/{sid}/Messages.json"


@dataclass
class Failure:
    status: int
    created_anyway: bool = False


class FakeTwilioApi:
    def __init__(self) -> None:
        self.messages: list[dict[str, str]] = []  # what Twilio accepted, newest last
        self.posts = 0  # every create request, accepted or not
        self.fail_next: list[Failure] = []
        self.app = web.Application()
        self.app.router.add_post(PREFIX, self._create)
        self.app.router.add_get(PREFIX, self._list)

    async def wait_for_messages(self, count: int, timeout: float = 10.0) -> list[dict[str, str]]:
        deadline = time.monotonic() + timeout
        while len(self.messages) < count and time.monotonic() < deadline:
            await asyncio.sleep(0.02)
        return self.messages

    async def _create(self, request: web.Request) -> web.Response:
        form = {k: str(v) for k, v in (await request.post()).items()}
        self.posts += 1
        if self.fail_next:
            failure = self.fail_next.pop(0)
            if failure.created_anyway:
                self._keep(form)
            body = {
                "code": 20429 if failure.status == 429 else 20500,
                "message": "stand-in failure",
                "status": failure.status,
            }
            return web.json_response(body, status=failure.status)
        return web.json_response(self._keep(form), status=201)

    async def _list(self, request: web.Request) -> web.Response:
        to, sender = request.query.get("To"), request.query.get("From")
        found = [m for m in reversed(self.messages) if m["to"] == to and m["from"] == sender]
        return web.json_response({"messages": found, "next_page_uri": None, "page": 0, "page_size": 50})

    def _keep(self, form: dict[str, str]) -> dict[str, Any]:
        message = {
            "sid": f"SM{len(self.messages):032d}",
            "to": form.get("To", ""),
            "from": form.get("From", ""),
            "body": form.get("Body", ""),
            "status": "queued",
        }
        self.messages.append(message)
        return message
