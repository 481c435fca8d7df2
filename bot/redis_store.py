"""The :class:`~bot.storage.Store` contract on Redis, for several server processes behind one balancer.

Every record is one Redis key under the ``taxbot:`` prefix and carries its own
expiry (EX or EXPIREAT, from :class:`~bot.storage.Retention`), so Redis deletes
what is past its time by itself and :meth:`RedisStore.purge` has nothing to do.
Only two kinds of key never expire: opt-outs (they keep the bot silent until
START) and the ticket counter (numbers must not repeat).

A dead or unreachable Redis must never hold a webhook past the providers'
timeouts (Twilio waits 15 s): sockets time out after half a second, a call is
tried at most twice (the second attempt reconnects after a Redis restart), and
every failure becomes :class:`~bot.storage.StoreUnavailable`.
Owns: the key layout and its expiries. Must not: decide what an outage means
(that is :mod:`bot.helpline`'s).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import secrets
import time
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, ParamSpec, TypeVar

from redis.asyncio import Redis
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from bot.session import Session
from bot.storage import (
    CLAIM_SECONDS,
    DAY,
    DELIVERY_SECONDS,
    LOCK_SECONDS,
    Clock,
    Gap,
    Retention,
    StoreUnavailable,
    oldest_gap_day,
)
from bot.ticket import Ticket

PREFIX = "taxbot:"
SOCKET_SECONDS = 0.5
# Compare-and-delete, atomically (https://redis.io/docs/latest/develop/use/patterns/distributed-locks/).
_RELEASE = """
if redis.call("get", KEYS[1]) == ARGV[1] then
    return redis.call("del", KEYS[1])
end
return 0
"""

P = ParamSpec("P")
T = TypeVar("T")


def _reachable(method: Callable[P, Awaitable[T]]) -> Callable[P, Coroutine[Any, Any, T]]:
    """Turn redis-py's connection and timeout errors into :class:`StoreUnavailable`."""

    @functools.wraps(method)
    async def call(*args: P.args, **kwargs: P.kwargs) -> T:
        try:
            return await method(*args, **kwargs)
        except (RedisConnectionError, RedisTimeoutError) as exc:
            raise StoreUnavailable(f"Redis: {exc}") from exc

    return call


class RedisStore:
    """Shared state for any number of ``taxbot serve`` processes."""

    def __init__(self, url: str, retention: Retention, clock: Clock = time.time) -> None:
        # Redis expires keys by its own clock; ``clock`` places rate windows and gap days.
        self._retention = retention
        self._clock = clock
        self._redis: Redis = Redis.from_url(
            url,
            decode_responses=True,
            socket_timeout=SOCKET_SECONDS,
            socket_connect_timeout=SOCKET_SECONDS,
            retry=Retry(NoBackoff(), 1),
        )
        self._release = self._redis.register_script(_RELEASE)

    @property
    def _ticket_ttl(self) -> int:
        return self._retention.ticket_days * DAY

    @_reachable
    async def load(self, key: str) -> Session:
        data = await self._redis.get(_k("session", key))
        return Session.from_dict(json.loads(data)) if data else Session()

    @_reachable
    async def save(self, key: str, session: Session) -> None:
        if session == Session():
            await self._redis.delete(_k("session", key))
            return
        await self._redis.set(
            _k("session", key), _json(session.to_dict()), ex=self._retention.session_days * DAY
        )

    @_reachable
    async def forget(self, key: str) -> None:
        await self._redis.delete(_k("session", key), _k("outbox", key))

    @_reachable
    async def opted_out(self, key: str) -> bool:
        return bool(await self._redis.exists(_k("optout", key)))

    @_reachable
    async def set_opted_out(self, key: str, out: bool) -> None:
        if out:
            await self._redis.set(_k("optout", key), "1")
        else:
            await self._redis.delete(_k("optout", key))

    @_reachable
    async def handled(self, delivery: str) -> str | None:
        response = await self._redis.get(_k("delivery", delivery))
        return str(response) if response is not None else None

    @_reachable
    async def remember(self, delivery: str, response: str) -> None:
        await self._redis.set(_k("delivery", delivery), response, ex=DELIVERY_SECONDS)

    @_reachable
    async def claim(self, delivery: str) -> bool:
        return bool(await self._redis.set(_k("claim", delivery), "1", nx=True, ex=CLAIM_SECONDS))

    @_reachable
    async def add_gap(self, day: str, lang: str, text: str) -> None:
        key = _k("gaps", day)
        # A day's counts go when the day leaves the window, as SqliteStore.purge does it.
        until = dt.date.fromisoformat(day) + dt.timedelta(days=self._retention.gap_days)
        async with self._redis.pipeline(transaction=False) as pipe:
            pipe.hincrby(key, _json([lang, text]), 1)
            pipe.expireat(key, int(dt.datetime.combine(until, dt.time()).timestamp()))
            await pipe.execute()

    @_reachable
    async def gaps(self) -> list[Gap]:
        totals: dict[tuple[str, str], tuple[int, str]] = {}
        oldest = oldest_gap_day(self._retention, self._clock)
        async for key in self._redis.scan_iter(match=_k("gaps", "*"), count=100):
            day = str(key).removeprefix(_k("gaps", ""))
            if day < oldest:
                continue
            for field, hits in (await self._redis.hgetall(key)).items():
                lang, text = json.loads(field)
                count, last = totals.get((lang, text), (0, day))
                totals[(lang, text)] = (count + int(hits), max(last, day))
        gaps = [Gap(lang, text, count, last) for (lang, text), (count, last) in totals.items()]
        gaps.sort(key=lambda g: (g.lang, g.text))
        gaps.sort(key=lambda g: (g.count, g.last_day), reverse=True)
        return gaps

    @_reachable
    async def open_ticket(self, ticket: Ticket) -> Ticket:
        number = int(await self._redis.incr(_k("ticket-number")))
        opened = Ticket.from_dict({**ticket.to_dict(), "number": number})
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.set(_k("ticket", str(number)), _json(opened.to_dict()), ex=self._ticket_ttl)
            pipe.set(_k("ticket-of", ticket.key), str(number), ex=self._ticket_ttl)
            # Ticket numbers by expiry, so /metrics counts open tickets without scanning keys.
            pipe.zadd(_k("tickets-open"), {str(number): self._clock() + self._ticket_ttl})
            pipe.expire(_k("tickets-open"), self._ticket_ttl)  # gone with the last ticket in it
            await pipe.execute()
        return opened

    @_reachable
    async def update_ticket(self, ticket: Ticket) -> None:
        # XX: a closed or expired ticket stays gone; KEEPTTL: updates do not extend its life.
        key = _k("ticket", str(ticket.number))
        await self._redis.set(key, _json(ticket.to_dict()), xx=True, keepttl=True)

    @_reachable
    async def ticket(self, number: int) -> Ticket | None:
        data = await self._redis.get(_k("ticket", str(number)))
        return Ticket.from_dict(json.loads(data)) if data else None

    @_reachable
    async def ticket_of(self, key: str) -> Ticket | None:
        number = await self._redis.get(_k("ticket-of", key))
        return await self.ticket(int(number)) if number else None

    @_reachable
    async def link(self, staff_message: int, number: int) -> None:
        links = _k("ticket-staff", str(number))
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.set(_k("staff", str(staff_message)), str(number), ex=self._ticket_ttl)
            pipe.sadd(links, str(staff_message))
            pipe.expire(links, self._ticket_ttl)
            await pipe.execute()

    @_reachable
    async def ticket_at(self, staff_message: int) -> Ticket | None:
        number = await self._redis.get(_k("staff", str(staff_message)))
        return await self.ticket(int(number)) if number else None

    @_reachable
    async def close_ticket(self, number: int) -> None:
        ticket = await self.ticket(number)
        links = _k("ticket-staff", str(number))
        messages = await self._redis.smembers(links)
        gone = [_k("ticket", str(number)), links, *(_k("staff", str(m)) for m in messages)]
        if ticket is not None and await self._redis.get(_k("ticket-of", ticket.key)) == str(number):
            gone.append(_k("ticket-of", ticket.key))
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.delete(*gone)
            pipe.zrem(_k("tickets-open"), str(number))
            await pipe.execute()

    @_reachable
    async def count_open_tickets(self) -> int:
        """For /metrics: expired numbers are dropped, then the rest counted (no key scan)."""
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.zremrangebyscore(_k("tickets-open"), "-inf", self._clock())
            pipe.zcard(_k("tickets-open"))
            _, count = await pipe.execute()
        return int(count)

    @_reachable
    async def post(self, key: str, text: str) -> None:
        # The list's expiry restarts with each reply: replies go ticket_days after the newest one.
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.rpush(_k("outbox", key), text)
            pipe.expire(_k("outbox", key), self._ticket_ttl)
            await pipe.execute()

    @_reachable
    async def collect(self, key: str) -> list[str]:
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.lrange(_k("outbox", key), 0, -1)
            pipe.delete(_k("outbox", key))
            texts, _ = await pipe.execute()
        return [str(text) for text in texts]

    @_reachable
    async def acquire(self, key: str) -> str | None:
        """Take ``key``'s lock if free (SET NX with a token and an expiry); "" while another holds it."""
        token = secrets.token_hex(8)
        return token if await self._redis.set(_k("lock", key), token, nx=True, ex=LOCK_SECONDS) else ""

    @_reachable
    async def release(self, key: str, token: str) -> None:
        """Let go only of our own lock: one that expired and was taken by another stays theirs."""
        await self._release(keys=[_k("lock", key)], args=[token])

    async def purge(self) -> int:
        """Nothing to do: every key expires by itself."""
        return 0

    async def close(self) -> None:
        await self._redis.aclose()


def _k(kind: str, *parts: str) -> str:
    return ":".join((PREFIX + kind, *parts))


def _json(value: object) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)
