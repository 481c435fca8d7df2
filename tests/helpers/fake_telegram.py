"""A stand-in Telegram Bot API on 127.0.0.1 that records what the bot sends.

python-telegram-bot is pointed at it through TELEGRAM_API_BASE_URL, exactly as
a self-hosted Bot API server would be; nothing leaves the machine.
"""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

from aiohttp import web

BOT_USER = {"id": 4242, "is_bot": True, "first_name": "Tax Help", "username": "TaxHelpBot"}


class FakeBotApi:
    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.rate_limit_next = 0  # answer this many sendMessage calls with 429 first
        self.app = web.Application()
        self.app.router.add_post("/bot{token}/{method}", self._handle)

    def sent(self) -> list[dict[str, Any]]:
        return [params for method, params in self.calls if method == "sendMessage"]

    async def wait_for_sends(self, count: int, timeout: float = 10.0) -> list[dict[str, Any]]:
        deadline = time.monotonic() + timeout
        while len(self.sent()) < count and time.monotonic() < deadline:
            await asyncio.sleep(0.02)
        return self.sent()

    async def _handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        if request.content_type == "application/json":
            params = await request.json()
        else:
            params = {k: _maybe_json(v) for k, v in (await request.post()).items()}
        self.calls.append((method, params))
        if method == "sendMessage" and self.rate_limit_next > 0:
            self.rate_limit_next -= 1
            return web.json_response(
                {
                    "ok": False,
                    "error_code": 429,
                    "description": "Too Many Requests: retry after 1",
                    "parameters": {"retry_after": 1},
                },
                status=429,
            )
        return web.json_response({"ok": True, "result": self._result(method, params)})

    def _result(self, method: str, params: dict[str, Any]) -> Any:
        if method == "getMe":
            return BOT_USER
        if method == "sendMessage":
            chat_id = int(params["chat_id"])
            return {
                "message_id": len(self.calls),
                "date": int(time.time()),
                "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "supergroup"},
                "from": BOT_USER,
                "text": params.get("text", ""),
            }
        return True


def _maybe_json(value: Any) -> Any:
    if isinstance(value, str) and value[:1] in "{[":
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value
