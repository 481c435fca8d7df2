"""The Store contract, run against every backend, Redis on a private redis-server."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.errors import ConfigError
from bot.session import Session
from bot.storage import Retention, Store, StoreUnavailable, open_store
from bot.ticket import Ticket
from tests.helpers.redis_server import RedisServer, free_port

BACKENDS = ["sqlite", "memory", "redis"]


class Clock:
    """The stores' clock, moved by the test. It starts at the real time because Redis
    expires keys by its own clock: dates a test writes must be near the real today."""

    def __init__(self) -> None:
        self.now = time.time()

    def __call__(self) -> float:
        return self.now

    def day(self, offset: int = 0) -> str:
        return (dt.date.fromtimestamp(self.now) + dt.timedelta(days=offset)).isoformat()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture(params=BACKENDS)
async def store(request: pytest.FixtureRequest, tmp_path: Path, clock: Clock) -> AsyncIterator[Store]:
    urls = {"sqlite": f"sqlite:///{tmp_path / 'state.sqlite3'}", "memory": "memory://"}
    url = urls.get(request.param) or request.getfixturevalue("redis_url")
    opened = open_store(url, Retention(), clock)
    yield opened
    await opened.close()


def a_ticket(key: str = "k1") -> Ticket:
    return Ticket(0, key, "sms", "es", "itin-what", "sealed-address", "2026-11-22")


async def test_sessions_round_trip_and_empty_ones_are_not_kept(store: Store) -> None:
    await store.save("k1", Session(lang="es", lang_chosen=True))
    assert await store.load("k1") == Session(lang="es", lang_chosen=True)
    await store.save("k1", Session())
    assert await store.load("k1") == Session()


async def test_forget_erases_session_and_waiting_replies(store: Store) -> None:
    await store.save("k1", Session(lang="pt"))
    await store.post("k1", "reply from staff")
    await store.forget("k1")
    assert await store.load("k1") == Session()
    assert await store.collect("k1") == []


async def test_opt_out_is_kept_until_opt_in(store: Store) -> None:
    await store.set_opted_out("k1", True)
    assert await store.opted_out("k1")
    assert not await store.opted_out("k2")
    await store.set_opted_out("k1", False)
    assert not await store.opted_out("k1")


async def test_deliveries_remember_their_response(store: Store) -> None:
    assert await store.handled("d1") is None
    await store.remember("d1", "<Response/>")
    assert await store.handled("d1") == "<Response/>"


async def test_a_delivery_is_claimed_once(store: Store) -> None:
    assert await store.claim("d1")
    assert not await store.claim("d1")
    assert await store.claim("d2")


async def test_a_redis_lock_is_held_by_one_process_and_released_only_by_it(redis_url: str) -> None:
    first, second = open_store(redis_url, Retention()), open_store(redis_url, Retention())
    token = await first.acquire("k1")
    assert token and await second.acquire("k1") == ""
    await second.release("k1", "not-the-token")  # someone else's release changes nothing
    assert await second.acquire("k1") == ""
    await first.release("k1", token)
    assert await second.acquire("k1")
    for opened in (first, second):
        await opened.close()


async def test_sqlite_needs_no_lock_across_processes(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 's.sqlite3'}", Retention())
    assert await store.acquire("k1") is None
    await store.close()


async def test_gaps_are_counted_across_days_most_frequent_first(store: Store, clock: Clock) -> None:
    yesterday, today = clock.day(-1), clock.day()
    await store.add_gap(yesterday, "es", "se puede pagar con tarjeta")
    await store.add_gap(today, "es", "se puede pagar con tarjeta")
    await store.add_gap(today, "en", "where is the office")
    gaps = await store.gaps()
    assert [(g.lang, g.text, g.count, g.last_day) for g in gaps] == [
        ("es", "se puede pagar con tarjeta", 2, today),
        ("en", "where is the office", 1, today),
    ]


@pytest.mark.parametrize("url", ["memory://", "sqlite"])
async def test_sqlite_gaps_leave_the_report_when_their_days_pass(url: str, tmp_path: Path) -> None:
    # Redis expires them by its own clock (EXPIREAT, checked in the TTL test); SQLite must follow the clock.
    clock = Clock()
    store = open_store(
        url if url == "memory://" else f"sqlite:///{tmp_path / 's.sqlite3'}", Retention(gap_days=2), clock
    )
    await store.add_gap(clock.day(), "en", "where is the office")
    clock.now += 86400
    assert [g.text for g in await store.gaps()] == ["where is the office"]
    clock.now += 86400
    assert await store.gaps() == []
    await store.close()


async def test_tickets_get_numbers_and_are_found_three_ways(store: Store) -> None:
    first = await store.open_ticket(a_ticket("k1"))
    second = await store.open_ticket(a_ticket("k2"))
    assert first.number != second.number and first.number > 0
    await store.update_ticket(Ticket.from_dict({**first.to_dict(), "staff_message": 501}))
    await store.link(501, first.number)
    await store.link(502, first.number)
    assert (await store.ticket(first.number)) == Ticket.from_dict({**first.to_dict(), "staff_message": 501})
    assert (await store.ticket_of("k1")).number == first.number  # type: ignore[union-attr]
    assert (await store.ticket_at(502)).number == first.number  # type: ignore[union-attr]
    await store.close_ticket(first.number)
    assert await store.ticket(first.number) is None
    assert await store.ticket_at(501) is None
    assert await store.ticket_of("k2") is not None


async def test_open_tickets_are_counted_until_closed_or_expired(store: Store, clock: Clock) -> None:
    first = await store.open_ticket(a_ticket("k1"))
    await store.open_ticket(a_ticket("k2"))
    assert await store.count_open_tickets() == 2
    await store.close_ticket(first.number)
    assert await store.count_open_tickets() == 1
    clock.now += Retention().ticket_days * 86_400 + 1
    assert await store.count_open_tickets() == 0


async def test_waiting_replies_are_collected_once_in_order(store: Store) -> None:
    await store.post("k1", "first")
    await store.post("k1", "second")
    assert await store.collect("k1") == ["first", "second"]
    assert await store.collect("k1") == []


async def test_purge_keeps_what_is_still_in_time(store: Store, clock: Clock) -> None:
    await store.save("k1", Session(lang="es"))
    await store.open_ticket(a_ticket())
    await store.add_gap(clock.day(-400), "en", "an old question")
    await store.purge()  # SQLite deletes the old gap here; Redis expired it on its own
    assert await store.load("k1") == Session(lang="es")
    assert await store.ticket_of("k1") is not None
    assert await store.gaps() == []


async def test_sqlite_state_survives_reopening(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'state.sqlite3'}"
    first = open_store(url, Retention())
    await first.remember("d1", "<Response/>")
    await first.set_opted_out("k1", True)
    await first.close()
    again = open_store(url, Retention())
    assert await again.handled("d1") == "<Response/>"
    assert await again.opted_out("k1")
    await again.close()


async def test_sqlite_claims_hold_across_processes_sharing_the_file(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'state.sqlite3'}"
    first, second = open_store(url, Retention()), open_store(url, Retention())
    assert await first.claim("d1")
    assert not await second.claim("d1")
    await first.close()
    await second.close()


async def test_redis_keys_carry_the_prefix_and_expire_with_retention(redis_url: str) -> None:
    from redis.asyncio import Redis

    store = open_store(redis_url, Retention(session_days=30, ticket_days=14))
    await store.save("k1", Session(lang="es"))
    await store.set_opted_out("k2", True)
    await store.remember("d1", "<Response/>")
    await store.claim("d1")
    ticket = await store.open_ticket(a_ticket())
    await store.acquire("k3")
    async with Redis.from_url(redis_url, decode_responses=True) as raw:
        keys = sorted(await raw.keys("*"))
        ttl = {key: await raw.ttl(key) for key in keys}
    assert all(key.startswith("taxbot:") for key in keys)
    day = 24 * 3600
    assert 29 * day < ttl["taxbot:session:k1"] <= 30 * day
    assert ttl["taxbot:optout:k2"] == -1  # kept until START
    assert 23 * 3600 < ttl["taxbot:delivery:" + "d1"] <= day
    assert 0 < ttl["taxbot:claim:d1"] <= 10
    assert 13 * day < ttl[f"taxbot:ticket:{ticket.number}"] <= 14 * day
    assert ttl["taxbot:ticket-number"] == -1  # numbers never repeat
    assert 0 < ttl["taxbot:lock:k3"] <= 5  # a process that died holding it holds nobody up for long
    await store.close()


async def test_redis_down_is_store_unavailable_quickly() -> None:
    import time

    store = open_store(f"redis://127.0.0.1:{free_port()}/0", Retention())
    started = time.monotonic()
    with pytest.raises(StoreUnavailable):
        await store.load("k1")
    assert time.monotonic() - started < 2
    await store.close()


async def test_redis_comes_back_after_a_restart(own_redis: RedisServer) -> None:
    store = open_store(own_redis.url, Retention())
    await store.set_opted_out("k1", True)
    own_redis.stop()
    with pytest.raises(StoreUnavailable):
        await store.opted_out("k1")
    own_redis.start()
    assert not await store.opted_out("k1")  # --save '' here: a real deployment keeps opt-outs with AOF
    await store.set_opted_out("k1", True)
    assert await store.opted_out("k1")
    await store.close()


def test_unknown_storage_url_is_refused() -> None:
    with pytest.raises(ConfigError, match="redis://"):
        open_store("postgres://db/taxbot", Retention())
