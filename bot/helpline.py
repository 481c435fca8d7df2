"""The conversation core plus memory: what every channel calls with a message.

Channels know provider formats; the conversation knows what to say; this
module joins them with the store: it turns a channel's user id into a keyed
pseudonym, loads and saves the session, honours opt-outs, erases on "forget
me", and makes a retried delivery return the first answer instead of a second,
also when the retry reaches another server process (a claim in the store).
It also holds the current content, so a reload swaps one reference.

When the store cannot be reached, the bot still answers, without memory: no
session, nobody counted as opted out (a reply only ever answers a message the
person just sent; Twilio itself blocks messages to numbers that sent its STOP
keywords), deliveries de-duplicated only within this process. One warning says
so when the outage starts and one line when the store is back.

After a key rotation (``BOT_PREVIOUS_SECRET_KEY``) look-ups also try the
previous key: an opt-out under either key is honoured and copied to the new
one, a session is moved to the new one, START and "forget me" clear both.
Owns: those rules. Must not: import aiohttp, twilio or telegram.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import functools
import hashlib
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field, replace
from typing import TypeVar

from bot import gaps
from bot.content import Content
from bot.conversation import Conversation, Inbound, Reply
from bot.handoff import Handoff
from bot.limits import Limiter
from bot.metrics import LIMITED, OPTED_OUT, Metrics
from bot.privacy import user_key
from bot.session import Session
from bot.storage import LOCK_SECONDS, Store, StoreUnavailable
from bot.ticket import Ticket

log = logging.getLogger(__name__)

T = TypeVar("T")
# One store call may take this long; past it the store counts as down and the person is answered
# without it. A hung Redis (or a locked SQLite file) never holds a reply longer than this.
STORE_CALL_SECONDS = 0.3
# While the store is down, calls do without it at once; it is tried again after this back-off,
# counted from the failure and doubling with each failed try up to STORE_RETRY_MAX_SECONDS.
STORE_RETRY_SECONDS = 1.0
STORE_RETRY_MAX_SECONDS = 10.0
CLAIM_POLL_SECONDS = 0.05  # how often a retry checks for the answer another process is producing
LOCK_POLL_SECONDS = 0.01  # how often a message waits for the one before it from the same person
# Replies that gave no FAQ answer: what was asked is kept (redacted) for `taxbot faq gaps`.
UNANSWERED = ("fallback", "redirect", "suggest")


@dataclass(frozen=True)
class Message:
    """One incoming message as a channel hands it over (the user id never leaves this call)."""

    channel: str
    user_id: str
    text: str
    group: bool = False
    lang_hint: str | None = None
    reply_from: str = ""  # the helpline's own number or id the person wrote to, for writing back
    client: str = ""  # the web chat's client address, for its own limit (never kept)


@dataclass
class _CountedLock:
    """One person's lock and how many messages wait on it, so it is dropped when none do."""

    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    users: int = 0


class Helpline:
    def __init__(
        self,
        content: Content,
        store: Store,
        secret_key: bytes,
        conversation: Conversation | None = None,
        previous_key: bytes | None = None,
    ) -> None:
        # Building a conversation indexes the whole FAQ; a caller that has one may pass it in.
        self.conversation = conversation if conversation is not None else Conversation(content)
        self.store = store
        # SQLite runs in this thread and never lets the event loop wait on it, so a time limit
        # could not fire there; only stores that wait on another process get one (see _stored).
        self._store_in_process = bool(getattr(store, "in_process", False))
        self._key = secret_key
        self._previous_key = previous_key
        self._in_flight: dict[str, asyncio.Future[str]] = {}
        self._locks: dict[str, _CountedLock] = {}
        self._limiter = Limiter()
        self._store_down_until: float | None = None  # set during an outage: when to try again
        self._store_failures = 0  # tries that failed in a row during this outage
        self.handoff: Handoff | None = None  # set when a staff group is configured (see bot.app)
        self.metrics = Metrics()  # counts only, served at /metrics when bot.toml allows

    @property
    def store_reachable(self) -> bool:
        """False during a store outage (see ``_stored``); /healthz reports it."""
        return self._store_down_until is None

    @property
    def content(self) -> Content:
        return self.conversation.content

    def key(self, channel: str, user_id: str) -> str:
        return user_key(self._key, channel, user_id)

    def _previous(self, channel: str, user_id: str) -> str | None:
        return user_key(self._previous_key, channel, user_id) if self._previous_key else None

    async def answer(self, message: Message, command: str | None = None) -> Reply | None:
        """The reply to send, or None when the person opted out (or is past a limit) and must get nothing.

        ``command`` is a command the channel recognised itself (Telegram's /help).
        One person's messages take effect one at a time, also across server
        processes sharing Redis: three quick YES open one ticket, and "forget me"
        is never undone by a message answered at the same moment.
        """
        key = self.key(message.channel, message.user_id)
        started = time.perf_counter()
        async with self._one_at_a_time(key):
            reply = await self._answer(message, command, key)
        if reply is not None:
            self.metrics.replied(message.channel, reply.kind, reply.lang, time.perf_counter() - started)
        return reply

    async def _answer(self, message: Message, command: str | None, key: str) -> Reply | None:
        channel, user = message.channel, message.user_id
        opted_out = await self.opted_out(channel, user)
        if self._over_limit(message, key) and not self.conversation.never_limited(message.text, command):
            # An opted-out person hears nothing, not even "slow down".
            if opted_out:
                self.metrics.silenced(channel, OPTED_OUT)
                return None
            return await self._slow_down(channel, user, key)
        # Group chats keep no state at all: each message stands alone.
        session = await self.session(channel, user) if not message.group else None
        handoff = self.handoff if self.handoff and self.handoff.reaches(channel) else None
        ticket = await self._ticket_of(channel, user) if handoff is not None and not message.group else None
        inbound = Inbound(
            message.text,
            channel,
            message.group,
            message.lang_hint,
            command,
            opted_out,
            can_hand_off=handoff is not None and ticket is None and self._store_down_until is None,
        )
        reply, after = self.conversation.respond(inbound, session or Session())
        if opted_out:
            if reply.forget:
                # Forgetting works after STOP too; its confirmation is the one message they get.
                await self._forget(channel, user, key)
                return replace(reply, parts=reply.parts[:1])
            if not reply.optin:
                self.metrics.silenced(channel, OPTED_OUT)
                return None
            await self.set_opted_out(channel, user, False)
        elif reply.optout:
            await self.set_opted_out(channel, user, True)
        if handoff is not None:
            reply, after = await self._hand_off(handoff, key, message, ticket, reply, after)
        if reply.forget:
            await self._forget(channel, user, key)
        elif not message.group:
            await self._stored(functools.partial(self.store.save, key, after), None)
        if reply.kind in UNANSWERED:
            await self._note_gap(message.text, reply.lang)
        log.debug(
            "answered channel=%s kind=%s entry=%s lang=%s", channel, reply.kind, reply.entry_id, reply.lang
        )
        return reply

    async def _forget(self, channel: str, user: str, key: str) -> None:
        """Erase the session and waiting replies under the current and the previous key."""
        for old in (key, self._previous(channel, user)):
            if old is not None:
                await self._stored(functools.partial(self.store.forget, old), None)

    @contextlib.asynccontextmanager
    async def _one_at_a_time(self, key: str) -> AsyncIterator[None]:
        """Hold this person's lock: in this process, then in the store (other processes)."""
        lock = self._locks.setdefault(key, _CountedLock())
        lock.users += 1
        try:
            async with lock.lock:
                token = await self._cross_process_lock(key)
                try:
                    yield
                finally:
                    if token is not None:
                        await self._stored(functools.partial(self.store.release, key, token), None)
        finally:
            lock.users -= 1
            if not lock.users:
                del self._locks[key]

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
            if reply.optout or reply.forget:  # STOP ended it already (set_opted_out)
                if reply.forget:
                    await handoff.end(ticket)
                ended = self.content.strings.get(reply.lang, "handoff-ended")
                return replace(reply, parts=(*reply.parts, ended)), after
            await handoff.from_person(ticket, message.text)
            if reply.urgent:  # emergency numbers still come first, whoever is on the other end
                return reply, after
            relayed = self.content.strings.get(ticket.lang, "handoff-relayed")
            return Reply(parts=(relayed,), lang=ticket.lang, kind="relayed"), after
        if reply.handoff is not None:
            address = {"user": message.user_id, "from": message.reply_from}
            opened = False
            try:
                opened = await handoff.open(key, message.channel, address, reply.handoff, reply.lang)
            except StoreUnavailable:
                log.warning("could not open a ticket: the store is unreachable")
            if not opened:
                return replace(reply, parts=(self.content.strings.get(reply.lang, "error-generic"),)), after
        if after.offer is not None:
            after = replace(after, offer=handoff.seal_question(after.offer, message.text))
        return reply, after

    async def _cross_process_lock(self, key: str) -> str | None:
        """The store's lock on ``key``, waited for at most ``LOCK_SECONDS`` (None: none to hold)."""
        deadline = time.monotonic() + LOCK_SECONDS
        while True:
            token = await self._stored(functools.partial(self.store.acquire, key), None)
            if token != "" or time.monotonic() > deadline:
                return token or None
            await asyncio.sleep(LOCK_POLL_SECONDS)

    def _over_limit(self, message: Message, key: str) -> bool:
        """Past this person's, this web-chat client's or this channel's allowance (see :mod:`bot.limits`)."""
        limits = self.content.config.limits
        window = limits.per_user_minutes * 60
        buckets = [
            (f"user:{key}", limits.per_user, window),
            (f"all:{message.channel}", limits.global_per_minute, 60),
        ]
        if message.client:
            client = user_key(self._key, "client", message.client)
            buckets.append((f"client:{client}", limits.per_client, window))
        # Every bucket counts this message, so a flood from one client also uses up its own allowance.
        over = [not self._limiter.allow(bucket, limit, seconds) for bucket, limit, seconds in buckets]
        return any(over)

    async def _slow_down(self, channel: str, user: str, key: str) -> Reply | None:
        """Say "slow down" once per window, then nothing: every reply past the limit would cost money."""
        limits = self.content.config.limits
        if self._limiter.count(f"told:{key}", limits.per_user_minutes * 60) > 1:
            self.metrics.silenced(channel, LIMITED)
            return None
        session = await self.session(channel, user)
        lang = session.lang or self.content.config.content.default_language
        return Reply(parts=(self.content.strings.get(lang, "slow-down"),), lang=lang, kind="limited")

    async def _note_gap(self, text: str, lang: str) -> None:
        """Count an unanswered question in its kept form (see :mod:`bot.gaps`), if staff want them."""
        if not self.content.config.privacy.gaps:
            return
        lexicon = self.content.lexicons.get(lang)
        kept = gaps.normalise(text, lexicon.name_intros if lexicon else ())
        if kept:
            day = dt.date.today().isoformat()
            await self._stored(functools.partial(self.store.add_gap, day, lang, kept), None)

    async def session(self, channel: str, user_id: str) -> Session:
        """The person's session; one kept under the previous key moves to the current one."""
        key = self.key(channel, user_id)
        session = await self._stored(functools.partial(self.store.load, key), Session())
        previous = self._previous(channel, user_id)
        if session != Session() or previous is None:
            return session
        session = await self._stored(functools.partial(self.store.load, previous), Session())
        if session != Session():
            await self._stored(functools.partial(self.store.save, key, session), None)
            # Saving an empty session deletes it.
            await self._stored(functools.partial(self.store.save, previous, Session()), None)
        return session

    async def opted_out(self, channel: str, user_id: str) -> bool:
        """Whether the person said STOP, under the current key or the previous one (copied forward)."""
        key = self.key(channel, user_id)
        if await self._stored(functools.partial(self.store.opted_out, key), False):
            return True
        previous = self._previous(channel, user_id)
        if previous is None:
            return False
        if not await self._stored(functools.partial(self.store.opted_out, previous), False):
            return False
        # Copied, not moved: processes still on the old key during a rolling update keep honouring it.
        await self._stored(functools.partial(self.store.set_opted_out, key, True), None)
        return True

    async def set_opted_out(self, channel: str, user_id: str, out: bool) -> None:
        """STOP records the current key and ends an open ticket; START clears both keys.

        Clearing both matters: the old record would silence the person again.
        """
        key = self.key(channel, user_id)
        await self._stored(functools.partial(self.store.set_opted_out, key, out), None)
        previous = self._previous(channel, user_id)
        if not out and previous is not None:
            await self._stored(functools.partial(self.store.set_opted_out, previous, False), None)
        if out:
            await self._end_ticket(channel, user_id)

    async def _ticket_of(self, channel: str, user_id: str) -> Ticket | None:
        """The person's open ticket, also one opened before a key rotation."""
        for key in (self.key(channel, user_id), self._previous(channel, user_id)):
            if key is not None:
                ticket = await self._stored(functools.partial(self.store.ticket_of, key), None)
                if ticket is not None:
                    return ticket
        return None

    async def _end_ticket(self, channel: str, user_id: str) -> None:
        """STOP or "forget me" with a ticket open: it ends, and staff are told nothing more can be sent."""
        if self.handoff is None:
            return
        ticket = await self._ticket_of(channel, user_id)
        if ticket is not None:
            await self.handoff.end(ticket)

    async def once(self, channel: str, delivery_id: str, produce: Callable[[], Awaitable[str]]) -> str:
        """Run ``produce`` once per delivery; a retry gets the first result, never a second run.

        Providers retry when they did not hear back in time, sometimes while the
        first attempt is still running, and a balancer may send the retry to
        another process: a retry here waits for the attempt in this process, one
        elsewhere waits for the answer the claiming process stores.
        """
        delivery = hashlib.sha256(f"{channel}:{delivery_id}".encode()).hexdigest()[:32]
        running = self._in_flight.get(delivery)
        if running is not None:
            return await asyncio.shield(running)
        future: asyncio.Future[str] = asyncio.get_running_loop().create_future()
        self._in_flight[delivery] = future
        try:
            result = await self._once_across_processes(delivery, produce)
            future.set_result(result)
            return result
        except BaseException as exc:
            future.set_exception(exc)
            future.exception()  # retrieved here; a waiting retry still receives it
            raise
        finally:
            del self._in_flight[delivery]

    async def _once_across_processes(self, delivery: str, produce: Callable[[], Awaitable[str]]) -> str:
        """The stored answer, or ours if we win the claim; a claim held elsewhere expires in seconds."""
        while True:
            done = await self._stored(functools.partial(self.store.handled, delivery), None)
            if done is not None:
                return done
            if await self._stored(functools.partial(self.store.claim, delivery), True):
                result = await produce()
                await self._stored(functools.partial(self.store.remember, delivery, result), None)
                return result
            await asyncio.sleep(CLAIM_POLL_SECONDS)

    async def _stored(self, call: Callable[[], Awaitable[T]], fallback: T) -> T:
        """``call()``'s result, or ``fallback`` while the store is unreachable (one warning per outage).

        A call that fails or takes longer than ``STORE_CALL_SECONDS`` (a store in
        another process: Redis) marks the store down; the back-off is counted from
        then, so a store that hangs costs one message at most that long, not every message.
        """
        if self._store_down_until is not None and time.monotonic() < self._store_down_until:
            return fallback
        try:
            if self._store_in_process:
                result = await call()  # nothing to wait for: a time limit could never fire
            else:
                async with asyncio.timeout(STORE_CALL_SECONDS):
                    result = await call()
        except (StoreUnavailable, TimeoutError) as exc:
            self.metrics.store_failed()
            if self._store_down_until is None:
                reason = exc if isinstance(exc, StoreUnavailable) else "no answer in time"
                log.warning("store unreachable, answering without memory until it is back: %s", reason)
            self._store_failures += 1
            backoff = STORE_RETRY_SECONDS * 2 ** (self._store_failures - 1)
            self._store_down_until = time.monotonic() + min(backoff, STORE_RETRY_MAX_SECONDS)
            return fallback
        if self._store_down_until is not None:
            self._store_down_until = None
            log.info("store reachable again: sessions, opt-outs and once-only deliveries are back")
        self._store_failures = 0
        return result
