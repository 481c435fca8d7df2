"""The conversation core plus memory: what every channel calls with a message.

Channels know provider formats; the conversation knows what to say; this
module joins them with the store: it turns a channel's user id into a keyed
pseudonym, loads and saves the session, honours opt-outs, erases on "forget
me", and makes a retried delivery return the first answer instead of a second.
It also holds the current content, so a reload swaps one reference.
Owns: those rules. Must not: import aiohttp, twilio or telegram.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace

from bot import gaps
from bot.content import Content
from bot.conversation import Conversation, Inbound, Reply
from bot.handoff import Handoff
from bot.privacy import user_key
from bot.session import Session
from bot.storage import Store
from bot.ticket import Ticket

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Message:
    """One incoming message as a channel hands it over (the user id never leaves this call)."""

    channel: str
    user_id: str
    text: str
    group: bool = False
    lang_hint: str | None = None
    reply_from: str = ""  # the helpline's own number or id the person wrote to, for writing back


class Helpline:
    def __init__(
        self, content: Content, store: Store, secret_key: bytes, conversation: Conversation | None = None
    ) -> None:
        # Building a conversation indexes the whole FAQ; a caller that has one may pass it in.
        self.conversation = conversation if conversation is not None else Conversation(content)
        self.store = store
        self._key = secret_key
        self._in_flight: dict[str, asyncio.Future[str]] = {}
        self.handoff: Handoff | None = None  # set when a staff group is configured (see bot.app)

    @property
    def content(self) -> Content:
        return self.conversation.content

    def key(self, channel: str, user_id: str) -> str:
        return user_key(self._key, channel, user_id)

    async def answer(self, message: Message, command: str | None = None) -> Reply | None:
        """The reply to send, or None when the person opted out and must get nothing.

        ``command`` is a command the channel recognised itself (Telegram's /help).
        """
        key = self.key(message.channel, message.user_id)
        if await self._over_limit(key) and not self.conversation.is_control(message.text, command):
            return await self._slow_down(key)
        # Group chats keep no state at all: each message stands alone.
        session = await self.store.load(key) if not message.group else None
        opted_out = await self.store.opted_out(key)
        handoff = self.handoff if self.handoff and self.handoff.reaches(message.channel) else None
        ticket = await self.store.ticket_of(key) if handoff and not message.group else None
        inbound = Inbound(
            message.text,
            message.channel,
            message.group,
            message.lang_hint,
            command,
            opted_out,
            can_hand_off=handoff is not None and ticket is None,
        )
        reply, after = self.conversation.respond(inbound, session or Session())
        if opted_out:
            if not reply.optin:
                return None
            await self.store.set_opted_out(key, False)
        elif reply.optout:
            await self.store.set_opted_out(key, True)
        if handoff is not None:
            reply, after = await self._hand_off(handoff, key, message, ticket, reply, after)
        if reply.forget:
            await self.store.forget(key)
        elif not message.group:
            await self.store.save(key, after)
        if reply.kind == "fallback":
            await self._note_gap(message.text, reply.lang)
        log.debug(
            "answered channel=%s kind=%s entry=%s lang=%s",
            message.channel,
            reply.kind,
            reply.entry_id,
            reply.lang,
        )
        return reply

    async def _hand_off(
        self,
        handoff: Handoff,
        key: str,
        message: Message,
        ticket: Ticket | None,
        reply: Reply,
        after: Session,
    ) -> tuple[Reply, Session]:
        """While a ticket is open, the person writes to staff; YES opens one; STOP or "forget me" ends it."""
        if ticket is not None:
            if reply.optout or reply.forget:
                await handoff.end(ticket)
                return reply, after
            await handoff.from_person(ticket, message.text)
            if reply.urgent:  # emergency numbers still come first, whoever is on the other end
                return reply, after
            relayed = self.content.strings.get(ticket.lang, "handoff-relayed")
            return Reply(parts=(relayed,), lang=ticket.lang, kind="relayed"), after
        if reply.handoff is not None:
            address = {"user": message.user_id, "from": message.reply_from}
            if not await handoff.open(key, message.channel, address, reply.handoff, reply.lang):
                return replace(reply, parts=(self.content.strings.get(reply.lang, "error-generic"),)), after
        if after.offer is not None:
            after = replace(after, offer=handoff.seal_question(after.offer, message.text))
        return reply, after

    async def _over_limit(self, key: str) -> bool:
        """Past this person's or everyone's allowance for the current window (see ``[limits]``)."""
        limits = self.content.config.limits
        mine = await self.store.count(f"user:{key}", limits.per_user_minutes * 60)
        everyone = await self.store.count("all", 60)
        return mine > limits.per_user or everyone > limits.global_per_minute

    async def _slow_down(self, key: str) -> Reply | None:
        """Say "slow down" once per window, then nothing: every reply past the limit would cost money."""
        limits = self.content.config.limits
        if await self.store.count(f"told:{key}", limits.per_user_minutes * 60) > 1:
            return None
        session = await self.store.load(key)
        lang = session.lang or self.content.config.content.default_language
        return Reply(parts=(self.content.strings.get(lang, "slow-down"),), lang=lang, kind="limited")

    async def _note_gap(self, text: str, lang: str) -> None:
        """Count an unanswered question in its kept form (see :mod:`bot.gaps`), if staff want them."""
        if not self.content.config.privacy.gaps:
            return
        lexicon = self.content.lexicons.get(lang)
        kept = gaps.normalise(text, lexicon.name_intros if lexicon else ())
        if kept:
            await self.store.add_gap(dt.date.today().isoformat(), lang, kept)

    async def once(self, channel: str, delivery_id: str, produce: Callable[[], Awaitable[str]]) -> str:
        """Run ``produce`` once per delivery; a retry gets the first result, never a second run.

        Providers retry when they did not hear back in time, sometimes while the
        first attempt is still running, so a retry waits for that one.
        """
        delivery = hashlib.sha256(f"{channel}:{delivery_id}".encode()).hexdigest()[:32]
        running = self._in_flight.get(delivery)
        if running is not None:
            return await asyncio.shield(running)
        done = await self.store.handled(delivery)
        if done is not None:
            return done
        future: asyncio.Future[str] = asyncio.get_running_loop().create_future()
        self._in_flight[delivery] = future
        try:
            result = await produce()
            await self.store.remember(delivery, result)
            future.set_result(result)
            return result
        except BaseException as exc:
            future.set_exception(exc)
            future.exception()  # retrieved here; a waiting retry still receives it
            raise
        finally:
            del self._in_flight[delivery]
