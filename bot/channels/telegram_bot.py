"""Telegram private chats and groups, through python-telegram-bot running inside our aiohttp app.

The webhook checks Telegram's secret-token header in constant time, acknowledges
at once, and hands the update to PTB's queue (``updater(None)``: no PTB web
server, no polling); one handler turns it into a helpline message and sends the
reply with HTML escaped, within Telegram's 4,096 characters, backing off on 429.
In groups the bot speaks only when addressed (``/ask``, a mention, a reply to
it), keeps no state and points to a private chat for anything personal.
Owns: the Telegram format. Must not: decide what to say.
References: https://core.telegram.org/bots/api#setwebhook,
https://docs.python-telegram-bot.org/en/stable/telegram.ext.application.html
"""

from __future__ import annotations

import asyncio
import hmac
import html
import logging
import warnings
from collections.abc import Mapping, Sequence
from datetime import timedelta
from typing import Any

from aiohttp import web
from telegram import Bot, BotCommand, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import MessageLimit, ParseMode
from telegram.error import RetryAfter, TelegramError
from telegram.ext import Application, ContextTypes, TypeHandler

from bot.channels import TELEGRAM_PATH, body
from bot.conversation import Reply
from bot.handoff import SendFailed
from bot.helpline import Helpline, Message
from bot.ticket import Ticket

log = logging.getLogger(__name__)

PATH = TELEGRAM_PATH
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
ALLOWED_UPDATES = ["message", "callback_query"]
COMMANDS = ("start", "help", "language", "privacy", "forget")
SEND_ATTEMPTS = 4
DEFAULT_API = "https://api.telegram.org/bot"
# What reading a body as an Update raises: fields of the wrong type fail inside PTB's de_json in many
# ways, a "date" past the platform's time_t as OverflowError or OSError, "[[[[..." as RecursionError.
NOT_AN_UPDATE = (
    ValueError,
    TypeError,
    KeyError,
    AttributeError,
    ArithmeticError,
    OSError,
    RecursionError,
    TelegramError,
)


def build_application(token: str, base_url: str | None) -> Application:  # type: ignore[type-arg]
    """A PTB Application with no updater: updates arrive through our own webhook route."""
    builder = Application.builder().token(token).updater(None)
    builder = builder.base_url(base_url or DEFAULT_API)
    return builder.build()


class TelegramChannel:
    def __init__(
        self,
        application: Application,  # type: ignore[type-arg]
        webhook_secret: str,
        helpline: Helpline,
        staff_chat_id: int | None = None,
    ) -> None:
        self.application = application
        self._secret = webhook_secret.encode()
        self.helpline = helpline
        self.staff_chat_id = staff_chat_id  # the staff group: replies there go to tickets, nothing else
        application.add_handler(TypeHandler(Update, self._on_update))

    async def handle(self, request: web.Request) -> web.Response:
        """Authenticate, parse, queue; Telegram only needs to hear 200 quickly."""
        given = request.headers.get(SECRET_HEADER, "").encode()
        if not hmac.compare_digest(given, self._secret):
            raise web.HTTPForbidden(text="secret token does not match\n")
        data = await body.json_body(request, "a Telegram update")
        try:
            update = Update.de_json(data, self.application.bot)
        except NOT_AN_UPDATE:
            raise web.HTTPBadRequest(text="not a Telegram update\n") from None
        if update is None:
            raise web.HTTPBadRequest(text="not a Telegram update\n")

        async def enqueue() -> str:
            await self.application.update_queue.put(update)
            return "queued"

        await self.helpline.once("telegram", str(update.update_id), enqueue)
        return web.Response(text="ok\n")

    async def _on_update(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if update.callback_query is not None:
            await self._on_button(update)
        elif update.message is not None and update.message.text:
            await self._on_text(update)
        # Everything else (edited messages, stickers, photos, member changes) is ignored on purpose.

    async def _on_text(self, update: Update) -> None:
        message = update.message
        assert message is not None and message.text is not None
        user = message.from_user
        if user is None or user.is_bot:
            return
        if self.staff_chat_id is not None and message.chat.id == self.staff_chat_id:
            await self._on_staff(update)
            return
        group = message.chat.type != "private"
        text, command = self._question(update, group)
        if text is None:
            return
        if group and not text.strip() and command is None:
            # A bare /ask: say how to ask here, and where to ask about oneself.
            hint = self.helpline.content.strings.get(_lang(user.language_code) or "", "group-hint")
            await self._send(message.chat_id, (hint,), None, reply_to=message.message_id)
            return
        reply = await self.helpline.answer(
            Message("telegram", str(user.id), text, group=group, lang_hint=_lang(user.language_code)),
            command=command,
        )
        if reply is None:
            return
        if group:
            link = f"https://t.me/{self.application.bot.username}?start=private"
            hint = self.helpline.content.strings.get(reply.lang, "group-private", {"link": link})
            parts = (*reply.parts[:-1], f"{reply.parts[-1]}\n\n{hint}")
            await self._send(message.chat_id, parts, None, reply_to=message.message_id)
        else:
            await self._send(message.chat_id, reply.parts, _keyboard(reply))

    async def _on_staff(self, update: Update) -> None:
        """In the staff group only replies in a ticket's thread mean anything; the rest is staff talk."""
        message = update.message
        assert message is not None and message.text is not None
        replied = message.reply_to_message
        if replied is None or self.helpline.handoff is None:
            return
        await self.helpline.handoff.from_staff(replied.message_id, message.text, message.message_id)

    def _question(self, update: Update, group: bool) -> tuple[str | None, str | None]:
        """The text to answer and the slash command, or (None, None) when not addressed in a group."""
        message = update.message
        assert message is not None and message.text is not None
        text = message.text
        name = self.application.bot.username or ""
        command = None
        if text.startswith("/"):
            head, _, rest = text.partition(" ")
            verb, _, target = head[1:].partition("@")
            if target and target.lower() != name.lower():
                return None, None
            if verb.lower() == "ask":
                return rest, None
            command = verb.lower() if verb.lower() in COMMANDS else None
            return (rest, command) if command else (None, None)
        if not group:
            return text, None
        mention = f"@{name}".lower()
        replied = message.reply_to_message
        if mention and mention in text.lower():
            return text.replace(f"@{name}", " "), None
        if (
            replied is not None
            and replied.from_user is not None
            and replied.from_user.id == self.application.bot.id
        ):
            return text, None
        return None, None

    async def _on_button(self, update: Update) -> None:
        query = update.callback_query
        assert query is not None
        await query.answer()
        data = query.data or ""
        chat = query.message.chat if query.message is not None else None
        if chat is None or chat.type != "private" or not data.startswith("pick:"):
            return
        reply = await self.helpline.answer(
            Message(
                "telegram",
                str(query.from_user.id),
                data.removeprefix("pick:"),
                lang_hint=_lang(query.from_user.language_code),
            )
        )
        if reply is not None:
            await self._send(chat.id, reply.parts, _keyboard(reply))

    async def _send(
        self,
        chat_id: int,
        parts: Sequence[str],
        keyboard: InlineKeyboardMarkup | None,
        reply_to: int | None = None,
    ) -> None:
        pieces = messages_for(parts)
        for n, piece in enumerate(pieces):
            last = n == len(pieces) - 1
            await self._send_one(chat_id, piece, keyboard if last else None, reply_to if n == 0 else None)

    async def _send_one(
        self, chat_id: int, text: str, keyboard: InlineKeyboardMarkup | None, reply_to: int | None
    ) -> None:
        if await send_message(self.application.bot, chat_id, text, keyboard, reply_to) is None:
            log.error("telegram send gave up after %d attempts", SEND_ATTEMPTS)


async def send_message(
    bot: Bot,
    chat_id: int,
    text: str,
    keyboard: InlineKeyboardMarkup | None = None,
    reply_to: int | None = None,
) -> int | None:
    """Send HTML ``text``, waiting as long as Telegram asks on 429; the message id, or None on giving up.

    Only a 429 is retried: Telegram refused that message, so it cannot arrive twice.
    """
    for attempt in range(SEND_ATTEMPTS):
        try:
            sent = await bot.send_message(
                chat_id, text, parse_mode=ParseMode.HTML, reply_markup=keyboard, reply_to_message_id=reply_to
            )
            return sent.message_id
        except RetryAfter as exc:
            with warnings.catch_warnings():  # PTB 22.2+ warns that this becomes a timedelta
                warnings.simplefilter("ignore")
                wait = exc.retry_after
            seconds = wait.total_seconds() if isinstance(wait, timedelta) else float(wait)
            log.warning("telegram asked to slow down: waiting %.0f s (attempt %d)", seconds, attempt + 1)
            await asyncio.sleep(seconds)
    return None


class StaffGroup:
    """The staff Telegram group as the handoff's :class:`~bot.handoff.StaffRoom`."""

    def __init__(self, bot: Bot, chat_id: int) -> None:
        self._bot = bot
        self._chat_id = chat_id

    async def post(self, text: str, reply_to: int | None = None) -> int:
        """Post a ticket message; a long one is cut, and the first piece is the one replies attach to."""
        ids = [
            await send_message(self._bot, self._chat_id, piece, reply_to=reply_to)
            for piece in messages_for([text])
        ]
        if not ids or None in ids:
            raise SendFailed("the staff group did not take the message")
        return int(ids[0] or 0)


class TelegramSender:
    """Writes a worker's reply to a person's private chat with the bot."""

    def __init__(self, bot: Bot) -> None:
        self._bot = bot

    async def send(self, ticket: Ticket, address: Mapping[str, str], text: str) -> None:
        for piece in messages_for([text]):
            try:
                sent = await send_message(self._bot, int(address["user"]), piece)
            except (TelegramError, KeyError, ValueError) as exc:
                raise SendFailed(f"telegram: {type(exc).__name__}") from None
            if sent is None:
                raise SendFailed("telegram kept asking to slow down")


def _keyboard(reply: Reply) -> InlineKeyboardMarkup | None:
    """Numbered choices as buttons (callback data stays far under Telegram's 64 bytes)."""
    if not reply.choices:
        return None
    rows = [
        [InlineKeyboardButton(f"{c.number}. {c.label}"[:60], callback_data=f"pick:{c.number}")]
        for c in reply.choices
    ]
    return InlineKeyboardMarkup(rows)


def messages_for(parts: Sequence[str]) -> list[str]:
    """Reply parts as the HTML messages the bot sends (also what ``taxbot faq preview`` shows)."""
    return [piece for part in parts for piece in _split(html.escape(part, quote=False))]


def _split(text: str, limit: int = MessageLimit.MAX_TEXT_LENGTH) -> list[str]:
    """Cut at line breaks where possible; escaped text never breaks inside an entity like &amp;."""
    pieces: list[str] = []
    while len(text) > limit:
        cut = text.rfind("\n", 0, limit)
        if cut <= 0:
            cut = text.rfind(" ", 0, limit)
        if cut <= 0:
            cut = limit
            amp = text.rfind("&", cut - 8, cut)
            cut = amp if amp > 0 and ";" not in text[amp:cut] else cut
        pieces.append(text[:cut])
        text = text[cut:].lstrip("\n ")
    return [*pieces, text] if text else pieces


def _lang(code: str | None) -> str | None:
    return code.split("-")[0].lower() if code else None


async def register_webhook(bot: Bot, public_url: str, secret: str, helpline: Helpline) -> dict[str, Any]:
    """setWebhook with our secret and update types, then the command menu in every language."""
    url = public_url + PATH
    await bot.set_webhook(url, secret_token=secret, allowed_updates=ALLOWED_UPDATES)
    strings = helpline.content.strings
    source = helpline.content.config.content.source_language
    for lang in helpline.content.languages:
        commands = [BotCommand(c, strings.get(lang, f"command-{c}")[:256]) for c in COMMANDS]
        await bot.set_my_commands(commands, language_code=None if lang == source else lang)
    return {"webhook": url, "languages": list(helpline.content.languages)}
