"""The aiohttp application: routes, shared resources and their lifetimes.

One server carries every channel. A channel without credentials is off, and
its route answers 503 with a one-line reason, so no route ever accepts traffic
it cannot authenticate. Resources (the store, the Telegram application, a
purge timer) live under typed keys with one cleanup context each.
Owns: wiring and HTTP-level rules (size limits, error pages without details,
an access log of refused requests only, without addresses). Must not: answer messages itself.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING

from aiohttp import web
from aiohttp.http_exceptions import HttpProcessingError
from aiohttp.web_log import AccessLogger

from bot import metrics
from bot.channels import TELEGRAM_PATH, twilio_sms, web_chat
from bot.config import Config
from bot.content import Content
from bot.conversation import Conversation
from bot.environment import Environment
from bot.handoff import Handoff, Sender
from bot.helpline import Helpline
from bot.reload import Reloader, freeze_content
from bot.storage import Retention, Store, StoreUnavailable, open_store

if TYPE_CHECKING:  # python-telegram-bot and twilio's REST client: imported only when set up
    from telegram import Bot

    from bot.channels.telegram_bot import TelegramChannel
    from bot.channels.twilio_rest import TwilioSender

log = logging.getLogger(__name__)

HELPLINE = web.AppKey("helpline", Helpline)
TWILIO = web.AppKey("twilio", twilio_sms.TwilioChannel)
TELEGRAM: web.AppKey[TelegramChannel] = web.AppKey("telegram")
RELOADER = web.AppKey("reloader", Reloader)
TWILIO_SENDER: web.AppKey[TwilioSender] = web.AppKey("twilio_sender")
WEB_CHAT = web.AppKey("web_chat", web_chat.WebChat)
STATIC = Path(__file__).parent / "static"
MAX_BODY = 64 * 1024  # Twilio forms and Telegram updates are a few kB
PURGE_SECONDS = 3600
SHUTDOWN_SECONDS = 60.0
# No remote address in the access log: it would identify web-chat users.
ACCESS_LOG_FORMAT = '"%r" %s %b %Tfs'
# Statuses from here up are logged: a refusal (a bad signature, a malformed or oversized request)
# and a failure are what an operator looks for; a message answered is counted in /metrics instead.
LOGGED_FROM_STATUS = 400

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def create_app(
    config: Config,
    content: Content,
    env: Environment,
    store: Store | None = None,
    conversation: Conversation | None = None,
    live_reload: bool = False,
    source: Path | None = None,
    fallback: str | None = None,
) -> web.Application:
    """The whole server; ``live_reload`` watches the content folders and SIGHUP (``taxbot serve``).

    ``fallback`` says why ``content`` is the last good copy rather than the files at ``source``
    (the real bot.toml), which are then still watched and reloaded once they are good again.
    """
    store = store or open_store(env.storage_url, Retention.of(config))
    previous = env.previous_secret_key.reveal().encode() if env.previous_secret_key else None
    helpline = Helpline(content, store, env.secret_key.reveal().encode(), conversation, previous)
    app = web.Application(client_max_size=MAX_BODY, middlewares=[_errors])
    app[HELPLINE] = helpline
    app[RELOADER] = Reloader(config, helpline, source, fallback)
    app[WEB_CHAT] = web_chat.WebChat(STATIC)
    app.cleanup_ctx.append(_store_lifetime)
    if live_reload:
        app.cleanup_ctx.append(_reload_lifetime)
    app.router.add_get("/healthz", healthz)
    if config.metrics.enabled:
        app.router.add_get("/metrics", _metrics_page(config.metrics.localhost_only))
    app.router.add_get("/", _index)
    app.router.add_get(web_chat.PRIVACY_PATH, _web_privacy)
    app.router.add_static("/static/", STATIC, name="static")
    app.router.add_post(web_chat.MESSAGE_PATH, _web_message)
    app.router.add_get(web_chat.UI_PATH, _web_ui)
    app.router.add_post(web_chat.POLL_PATH, _web_poll)
    if env.twilio_auth_token and env.public_url:
        app[TWILIO] = twilio_sms.TwilioChannel(env.twilio_auth_token.reveal(), env.public_url)
        app.router.add_post(twilio_sms.PATH, _twilio)
    else:
        app.router.add_post(twilio_sms.PATH, _off("SMS is off: set TWILIO_AUTH_TOKEN and BOT_PUBLIC_URL"))
    staff_chat = env.staff_chat_id if env.staff_chat_id is not None else config.escalation.staff_chat_id
    if env.telegram_bot_token and env.telegram_webhook_secret:
        from bot.channels import telegram_bot

        application = telegram_bot.build_application(
            env.telegram_bot_token.reveal(), env.telegram_api_base_url
        )
        app[TELEGRAM] = telegram_bot.TelegramChannel(
            application, env.telegram_webhook_secret.reveal(), helpline, staff_chat
        )
        app.cleanup_ctx.append(_telegram_lifetime)
        app.router.add_post(TELEGRAM_PATH, _telegram)
        if staff_chat is not None:
            _add_handoff(app, env, application.bot, staff_chat)
    else:
        app.router.add_post(TELEGRAM_PATH, _off("Telegram is off: set TELEGRAM_BOT_TOKEN and its secret"))
        if staff_chat is not None:
            log.warning("no legal-aid handoff: the staff group needs Telegram (TELEGRAM_BOT_TOKEN)")
    return app


def _add_handoff(app: web.Application, env: Environment, bot: Bot, staff_chat: int) -> None:
    """Tickets go to the staff group; replies go back on every channel that can be written to later."""
    from bot.channels import telegram_bot
    from bot.sealing import Sealer  # cryptography (7 MB): only a server with handoff seals addresses

    helpline = app[HELPLINE]
    senders: dict[str, Sender] = {
        "web": web_chat.WebSender(helpline.store),
        "telegram": telegram_bot.TelegramSender(bot),
    }
    if TWILIO in app and env.twilio_auth_token and env.twilio_account_sid:
        from bot.channels.twilio_rest import TwilioSender

        sms = TwilioSender(
            env.twilio_account_sid,
            env.twilio_auth_token.reveal(),
            lambda: helpline.content,
            env.twilio_api_base_url,
        )
        senders["sms"] = senders["whatsapp"] = sms
        app[TWILIO_SENDER] = sms
        app.cleanup_ctx.append(_twilio_sender_lifetime)
    else:
        log.info("handoff by SMS is off: set TWILIO_ACCOUNT_SID to write back by SMS")
    helpline.handoff = Handoff(
        helpline.store,
        Sealer([k.reveal().encode() for k in (env.secret_key, env.previous_secret_key) if k is not None]),
        telegram_bot.StaffGroup(bot, staff_chat),
        senders,
        lambda: helpline.content,
    )


async def _twilio_sender_lifetime(app: web.Application) -> AsyncIterator[None]:
    yield
    await app[TWILIO_SENDER].close()


async def healthz(request: web.Request) -> web.Response:
    """Liveness, the content version being served, and what is wrong, if anything.

    503 with the reasons whenever the bot is degraded, so a monitor notices: the
    store failing, the last good copy of the content served because the files
    have errors, or the last edit refused.
    """
    helpline, status = request.app[HELPLINE], request.app[RELOADER].status
    problems = []
    if not helpline.store_reachable:
        problems.append("store unreachable: answering without memory")
    if status.fallback:
        problems.append(f"content: {status.fallback}")
    if status.errors:
        problems.append("content: the last edit was refused; see last_reload_error")
    return web.json_response(
        {
            "status": "degraded" if problems else "ok",
            "problems": problems,
            "store": "ok" if helpline.store_reachable else "unreachable, answering without memory",
            "languages": list(helpline.content.languages),
            **status.as_json(),
        },
        status=503 if problems else 200,
    )


def _metrics_page(localhost_only: bool) -> Handler:
    """Counts for Prometheus (:mod:`bot.metrics`); with ``localhost_only``, 404 to all but this machine."""

    async def handler(request: web.Request) -> web.Response:
        if localhost_only and not metrics.local_request(request.remote, request.headers):
            raise web.HTTPNotFound()
        helpline, status = request.app[HELPLINE], request.app[RELOADER].status
        content_ok = not (status.errors or status.fallback)
        body = await helpline.metrics.exposition(helpline.store, content_ok)
        return web.Response(body=body, headers={"Content-Type": metrics.CONTENT_TYPE})

    return handler


async def _web_message(request: web.Request) -> web.Response:
    return await request.app[WEB_CHAT].message(request, request.app[HELPLINE])


async def _web_poll(request: web.Request) -> web.Response:
    return await request.app[WEB_CHAT].poll(request, request.app[HELPLINE])


async def _web_ui(request: web.Request) -> web.Response:
    return await request.app[WEB_CHAT].ui(request, request.app[HELPLINE])


async def _web_privacy(request: web.Request) -> web.Response:
    return await request.app[WEB_CHAT].privacy(request, request.app[HELPLINE])


async def _twilio(request: web.Request) -> web.Response:
    return await request.app[TWILIO].handle(request, request.app[HELPLINE])


async def _telegram(request: web.Request) -> web.Response:
    return await request.app[TELEGRAM].handle(request)


async def _index(request: web.Request) -> web.FileResponse:
    return await request.app[WEB_CHAT].index(request, request.app[HELPLINE])


def _off(reason: str) -> Handler:
    async def handler(request: web.Request) -> web.Response:
        return web.Response(status=503, text=reason + "\n")

    return handler


@web.middleware
async def _errors(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Errors we raise keep their status and short text; anything else is a bare 500, logged once."""
    try:
        return await handler(request)
    except web.HTTPException:
        raise
    except Exception:
        log.exception("unexpected error on %s %s", request.method, request.path)
        return web.Response(status=500, text="internal error\n")


async def _store_lifetime(app: web.Application) -> AsyncIterator[None]:
    helpline = app[HELPLINE]
    purger = asyncio.create_task(_purge_forever(helpline))
    yield
    purger.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await purger
    await helpline.store.close()


async def _purge_forever(helpline: Helpline) -> None:
    while True:
        try:
            removed = await helpline.store.purge()
        except StoreUnavailable as exc:
            log.warning("could not purge expired records, trying again later: %s", exc)
        else:
            if removed:
                log.info("purged %d expired records", removed)
        await asyncio.sleep(PURGE_SECONDS)


async def _reload_lifetime(app: web.Application) -> AsyncIterator[None]:
    """Watch the content folders and listen for SIGHUP while the server runs."""
    reloader = app[RELOADER]
    stop = asyncio.Event()
    watcher = asyncio.create_task(reloader.watch(stop))
    pending: set[asyncio.Task[bool]] = set()

    def on_hangup() -> None:
        task = asyncio.create_task(reloader.reload("SIGHUP"))
        pending.add(task)
        task.add_done_callback(pending.discard)

    loop = asyncio.get_running_loop()
    with contextlib.suppress(
        NotImplementedError, RuntimeError
    ):  # no signals on Windows or off the main thread
        loop.add_signal_handler(signal.SIGHUP, on_hangup)
    yield
    with contextlib.suppress(NotImplementedError, RuntimeError):
        loop.remove_signal_handler(signal.SIGHUP)
    stop.set()
    await watcher
    await asyncio.gather(*pending, return_exceptions=True)


async def _telegram_lifetime(app: web.Application) -> AsyncIterator[None]:
    """PTB's Application as one resource: initialize (getMe), start its update queue; stop drains it."""
    application = app[TELEGRAM].application
    await application.initialize()
    await application.start()
    yield
    await application.stop()
    handoff = app[HELPLINE].handoff
    if handoff is not None:  # staff notices still on their way go out through this bot
        await handoff.drain()
    await application.shutdown()


class RefusalsLog(AccessLogger):
    """The access log, for refused and failed requests only.

    A line for every message answered would record when each person wrote, which
    this helpline keeps no more of than it needs (the counts are in /metrics), and
    writing it cost about a tenth of the server's time under load.
    """

    def log(self, request: web.BaseRequest, response: web.StreamResponse, time: float) -> None:
        if response.status >= LOGGED_FROM_STATUS:
            super().log(request, response, time)


class _NoRequestBytes(logging.Filter):
    """aiohttp logs a malformed request with its raw bytes (which may hold a message) at ERROR:
    keep one short line instead, without them."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        if isinstance(error, HttpProcessingError):
            record.msg, record.args = "malformed request refused (%s %s)", (error.code, type(error).__name__)
            record.exc_info = record.exc_text = None
            record.levelno, record.levelname = logging.INFO, "INFO"
        return True


def run(
    config: Config,
    content: Content,
    env: Environment,
    host: str | None = None,
    port: int | None = None,
    source: Path | None = None,
    fallback: str | None = None,
) -> None:
    logging.getLogger("aiohttp.server").addFilter(_NoRequestBytes())
    app = create_app(config, content, env, live_reload=True, source=source, fallback=fallback)
    freeze_content()
    web.run_app(
        app,
        host=host or config.server.host,
        port=port or config.server.port,
        access_log_class=RefusalsLog,
        access_log_format=ACCESS_LOG_FORMAT,
        # On SIGTERM, requests in flight get this long to finish before cleanup (docs/deploy.md).
        shutdown_timeout=SHUTDOWN_SECONDS,
        print=lambda line: print(line, flush=True),
    )
