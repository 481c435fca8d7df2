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
import functools
import hashlib
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TypeVar

from bot.content import Content
from bot.conversation import Conversation, Inbound, Reply
from bot.privacy import user_key
from bot.session import Session
from bot.storage import Store, StoreUnavailable

log = logging.getLogger(__name__)

T = TypeVar("T")
# While the store is down, try it again at most this often; calls in between do without it
# at once, so an unreachable store (each call may wait for a socket timeout) never slows replies.
STORE_RETRY_SECONDS = 1.0
CLAIM_POLL_SECONDS = 0.05  # how often a retry checks for the answer another process is producing


@dataclass(frozen=True)
class Message:
    """One incoming message as a channel hands it over (the user id never leaves this call)."""

    channel: str
    user_id: str
    text: str
    group: bool = False
    lang_hint: str | None = None


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
        self._key = secret_key
        self._previous_key = previous_key
        self._in_flight: dict[str, asyncio.Future[str]] = {}
        self._store_down_until: float | None = None  # set during an outage: when to try again

    @property
    def content(self) -> Content:
        return self.conversation.content

    def key(self, channel: str, user_id: str) -> str:
        return user_key(self._key, channel, user_id)

    def _previous(self, channel: str, user_id: str) -> str | None:
        return user_key(self._previous_key, channel, user_id) if self._previous_key else None

    async def answer(self, message: Message, command: str | None = None) -> Reply | None:
        """The reply to send, or None when the person opted out and must get nothing.

        ``command`` is a command the channel recognised itself (Telegram's /help).
        """
        channel, user = message.channel, message.user_id
        # Group chats keep no state at all: each message stands alone.
        session = await self.session(channel, user) if not message.group else None
        opted_out = await self.opted_out(channel, user)
        inbound = Inbound(message.text, channel, message.group, message.lang_hint, command, opted_out)
        reply, after = self.conversation.respond(inbound, session or Session())
        if opted_out:
            if not reply.optin:
                return None
            await self.set_opted_out(channel, user, False)
        elif reply.optout:
            await self.set_opted_out(channel, user, True)
        if reply.forget:
            for key in (self.key(channel, user), self._previous(channel, user)):
                if key is not None:
                    await self._stored(functools.partial(self.store.forget, key), None)
        elif not message.group:
            await self._stored(functools.partial(self.store.save, self.key(channel, user), after), None)
        log.debug(
            "answered channel=%s kind=%s entry=%s lang=%s", channel, reply.kind, reply.entry_id, reply.lang
        )
        return reply

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
        """STOP records the current key; START clears both, or the old record would silence again."""
        await self._stored(functools.partial(self.store.set_opted_out, self.key(channel, user_id), out), None)
        previous = self._previous(channel, user_id)
        if not out and previous is not None:
            await self._stored(functools.partial(self.store.set_opted_out, previous, False), None)

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
        """``call()``'s result, or ``fallback`` while the store is unreachable (one warning per outage)."""
        now = time.monotonic()
        if self._store_down_until is not None and now < self._store_down_until:
            return fallback
        try:
            result = await call()
        except StoreUnavailable as exc:
            if self._store_down_until is None:
                log.warning("store unreachable, answering without memory until it is back: %s", exc)
            self._store_down_until = now + STORE_RETRY_SECONDS
            return fallback
        if self._store_down_until is not None:
            self._store_down_until = None
            log.info("store reachable again: sessions, opt-outs and once-only deliveries are back")
        return result
