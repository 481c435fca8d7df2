"""The aiohttp application: routes and the resources they share.

In this first version it serves only ``GET /healthz``; the channels (SMS,
Telegram, web chat) plug in here as thin adapters around
:class:`bot.conversation.Conversation`.
Owns: building the app and running it. Must not: answer messages itself.
"""

from __future__ import annotations

from aiohttp import web

from bot.config import Config
from bot.content import Content

CONTENT = web.AppKey("content", Content)


def create_app(config: Config, content: Content) -> web.Application:
    app = web.Application(client_max_size=64 * 1024)
    app[CONTENT] = content
    app.router.add_get("/healthz", healthz)
    return app


async def healthz(request: web.Request) -> web.Response:
    """Liveness plus which content version is being served."""
    content = request.app[CONTENT]
    return web.json_response(
        {"status": "ok", "content_version": content.version, "languages": list(content.languages)}
    )


def run(config: Config, content: Content, host: str | None = None, port: int | None = None) -> None:
    web.run_app(
        create_app(config, content),
        host=host or config.server.host,
        port=port or config.server.port,
        print=lambda line: print(line, flush=True),
    )
