"""Where the little the bot remembers is kept, under pseudonymous keys only.

What is kept: sessions (a language, the last numbered choices), opt-outs,
handled-delivery records and short claims on deliveries being answered (for
retried webhooks, across server processes), short per-person locks (Redis), open
handoff tickets and the staff replies waiting for a web-chat poll, and the
day-level counts of unanswered questions (already redacted, with no key).
Every key is already a pseudonym (see :func:`bot.privacy.user_key`); nothing
here ever sees a phone number, a chat id or what a person wrote, except a
ticket's sealed address (see :mod:`bot.ticket`). Everything expires: sessions
after ``session_days`` of silence, deliveries after a day, tickets and their
waiting replies after ``ticket_days``, gap counts after ``gap_days``.

The SQLite store calls sqlite3 directly: each statement touches one row of a
local file and takes microseconds, less than handing it to a thread would.
Several server processes share state through Redis (:mod:`bot.redis_store`).
Owns: the :class:`Store` contract and its SQLite and in-memory versions.
Must not: decide anything about conversations.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import sqlite3
import time
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ParamSpec, Protocol, TypeVar

from bot.config import Config
from bot.errors import BotError, ConfigError
from bot.session import Session
from bot.ticket import Ticket

DELIVERY_SECONDS = 24 * 3600  # providers retry for hours at most
# How long a claim on a delivery holds: longer than answering takes, short enough that a
# process that died while answering does not block the provider's next retry for long.
CLAIM_SECONDS = 10
# How long one person's lock may be held across processes: longer than answering takes, short
# enough that a process that died holding it does not hold up that person for long.
LOCK_SECONDS = 5
DAY = 24 * 3600
# Seconds since the epoch. Passed in so tests control every date a store works out
# (expiries, rate windows, which gap days are still kept) instead of reading the wall clock.
Clock = Callable[[], float]
P = ParamSpec("P")
T = TypeVar("T")


@dataclass(frozen=True)
class Retention:
    """How long each kind of record lives, from ``bot.toml``."""

    session_days: int = 30
    ticket_days: int = 14
    gap_days: int = 14

    @classmethod
    def of(cls, config: Config) -> Retention:
        return cls(config.privacy.session_days, config.escalation.ticket_days, config.privacy.gap_days)


@dataclass(frozen=True)
class Gap:
    """One unanswered question, redacted and normalised, and how often it came."""

    lang: str
    text: str
    count: int
    last_day: str


class StoreUnavailable(BotError):
    """The store cannot be reached; the bot answers without memory until it is back."""


class Store(Protocol):
    async def load(self, key: str) -> Session: ...
    async def save(self, key: str, session: Session) -> None: ...
    async def forget(self, key: str) -> None:
        """Erase the session and any waiting replies (tickets are closed by their owner)."""

    async def opted_out(self, key: str) -> bool: ...
    async def set_opted_out(self, key: str, out: bool) -> None: ...
    async def handled(self, delivery: str) -> str | None: ...
    async def remember(self, delivery: str, response: str) -> None: ...
    async def claim(self, delivery: str) -> bool:
        """Take the delivery for answering; False while another process holds it (for ``CLAIM_SECONDS``)."""

    async def add_gap(self, day: str, lang: str, text: str) -> None: ...
    async def gaps(self) -> list[Gap]:
        """Every unanswered question of the last ``gap_days`` days, most frequent first."""

    async def open_ticket(self, ticket: Ticket) -> Ticket:
        """Store a new ticket under the next free number (``ticket.number`` is ignored)."""

    async def update_ticket(self, ticket: Ticket) -> None: ...
    async def ticket(self, number: int) -> Ticket | None: ...
    async def ticket_of(self, key: str) -> Ticket | None: ...
    async def link(self, staff_message: int, number: int) -> None:
        """Remember that a message in the staff group belongs to a ticket, so replies to it find it."""

    async def ticket_at(self, staff_message: int) -> Ticket | None: ...
    async def close_ticket(self, number: int) -> None: ...
    async def count_open_tickets(self) -> int: ...
    async def post(self, key: str, text: str) -> None:
        """Keep a staff reply for a person who collects it by polling (the web chat)."""

    async def collect(self, key: str) -> list[str]:
        """Take (and delete) the replies waiting for ``key``, oldest first."""

    async def acquire(self, key: str) -> str | None:
        """Take ``key``'s lock against other processes (until ``release`` or ``LOCK_SECONDS``).

        A token to release it with; "" while another process holds it; None when
        the store needs no lock across processes.
        """

    async def release(self, key: str, token: str) -> None: ...
    async def purge(self) -> int: ...
    async def close(self) -> None: ...


def _available(method: Callable[P, Awaitable[T]]) -> Callable[P, Coroutine[Any, Any, T]]:
    """Turn any SQLite error into :class:`StoreUnavailable` (what Redis's outages become too)."""

    @functools.wraps(method)
    async def call(*args: P.args, **kwargs: P.kwargs) -> T:
        try:
            return await method(*args, **kwargs)
        except (sqlite3.Error, OSError) as exc:
            raise StoreUnavailable(f"SQLite: {exc}") from exc

    return call


class SqliteStore:
    """One SQLite file; safe for one server process (several processes need Redis).

    The file is opened on first use, and every SQLite error (disk full, a
    file-size limit, a read-only or vanished file) is :class:`StoreUnavailable`:
    the helpline then answers without memory instead of failing the person.
    """

    # Every call runs to its end in this thread (a locked file fails after sqlite3's own busy
    # timeout), so the helpline puts no event-loop time limit on it.
    in_process = True

    def __init__(self, path: Path | str, retention: Retention, clock: Clock = time.time) -> None:
        self._retention = retention
        self._clock = clock
        self._ttl = retention.session_days * DAY
        self._path = str(path)
        self._conn: sqlite3.Connection | None = None

    @property
    def _db(self) -> sqlite3.Connection:
        if self._conn is None:
            if self._path != ":memory:":
                Path(self._path).parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self._path, isolation_level=None, check_same_thread=False)
            try:
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute("PRAGMA synchronous=NORMAL")
                conn.executescript(_SCHEMA)
            except sqlite3.Error:
                conn.close()
                raise
            self._conn = conn
        return self._conn

    @_available
    async def load(self, key: str) -> Session:
        row = self._db.execute(
            "SELECT data FROM sessions WHERE key = ? AND expires > ?", (key, self._now())
        ).fetchone()
        return Session.from_dict(json.loads(row[0])) if row else Session()

    @_available
    async def save(self, key: str, session: Session) -> None:
        if session == Session():
            self._db.execute("DELETE FROM sessions WHERE key = ?", (key,))
            return
        self._db.execute(
            "INSERT OR REPLACE INTO sessions (key, data, expires) VALUES (?, ?, ?)",
            (key, json.dumps(session.to_dict(), separators=(",", ":")), self._now() + self._ttl),
        )

    @_available
    async def forget(self, key: str) -> None:
        self._db.execute("DELETE FROM sessions WHERE key = ?", (key,))
        self._db.execute("DELETE FROM outbox WHERE key = ?", (key,))

    @_available
    async def opted_out(self, key: str) -> bool:
        return self._db.execute("SELECT 1 FROM optouts WHERE key = ?", (key,)).fetchone() is not None

    @_available
    async def set_opted_out(self, key: str, out: bool) -> None:
        if out:
            self._db.execute("INSERT OR IGNORE INTO optouts (key) VALUES (?)", (key,))
        else:
            self._db.execute("DELETE FROM optouts WHERE key = ?", (key,))

    @_available
    async def handled(self, delivery: str) -> str | None:
        row = self._db.execute(
            "SELECT response FROM deliveries WHERE id = ? AND expires > ?", (delivery, self._now())
        ).fetchone()
        return str(row[0]) if row else None

    @_available
    async def remember(self, delivery: str, response: str) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO deliveries (id, response, expires) VALUES (?, ?, ?)",
            (delivery, response, self._now() + DELIVERY_SECONDS),
        )

    @_available
    async def claim(self, delivery: str) -> bool:
        now = self._now()
        cursor = self._db.execute(
            "INSERT INTO claims (id, expires) VALUES (?, ?) "
            "ON CONFLICT (id) DO UPDATE SET expires = excluded.expires WHERE claims.expires <= ?",
            (delivery, now + CLAIM_SECONDS, now),
        )
        return cursor.rowcount == 1

    @_available
    async def add_gap(self, day: str, lang: str, text: str) -> None:
        self._db.execute(
            "INSERT INTO gaps (day, lang, text, hits) VALUES (?, ?, ?, 1) "
            "ON CONFLICT (day, lang, text) DO UPDATE SET hits = hits + 1",
            (day, lang, text),
        )

    @_available
    async def gaps(self) -> list[Gap]:
        # Days past the window are left out even before purge() deletes them, as Redis expires them.
        rows = self._db.execute(
            "SELECT lang, text, SUM(hits), MAX(day) FROM gaps WHERE day >= ? GROUP BY lang, text "
            "ORDER BY SUM(hits) DESC, MAX(day) DESC, lang, text",
            (oldest_gap_day(self._retention, self._clock),),
        ).fetchall()
        return [Gap(lang, text, int(hits), day) for lang, text, hits, day in rows]

    @_available
    async def open_ticket(self, ticket: Ticket) -> Ticket:
        cursor = self._db.execute(
            "INSERT INTO tickets (key, data, expires) VALUES (?, '{}', ?)",
            (ticket.key, self._now() + self._retention.ticket_days * DAY),
        )
        number = int(cursor.lastrowid or 0)
        opened = Ticket.from_dict({**ticket.to_dict(), "number": number})
        await self.update_ticket(opened)
        return opened

    @_available
    async def update_ticket(self, ticket: Ticket) -> None:
        self._db.execute(
            "UPDATE tickets SET data = ? WHERE number = ?",
            (json.dumps(ticket.to_dict(), separators=(",", ":")), ticket.number),
        )

    @_available
    async def ticket(self, number: int) -> Ticket | None:
        return self._ticket_where("number = ?", number)

    @_available
    async def ticket_of(self, key: str) -> Ticket | None:
        return self._ticket_where("key = ?", key)

    @_available
    async def link(self, staff_message: int, number: int) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO staff_messages (message, number) VALUES (?, ?)", (staff_message, number)
        )

    @_available
    async def ticket_at(self, staff_message: int) -> Ticket | None:
        return self._ticket_where(
            "number = (SELECT number FROM staff_messages WHERE message = ?)", staff_message
        )

    @_available
    async def close_ticket(self, number: int) -> None:
        self._db.execute("DELETE FROM tickets WHERE number = ?", (number,))
        self._db.execute("DELETE FROM staff_messages WHERE number = ?", (number,))

    @_available
    async def count_open_tickets(self) -> int:
        """For /metrics: one indexed count, no look at who opened them."""
        query = "SELECT COUNT(*) FROM tickets WHERE expires > ?"
        (count,) = self._db.execute(query, (self._now(),)).fetchone()
        return int(count)

    @_available
    async def post(self, key: str, text: str) -> None:
        self._db.execute(
            "INSERT INTO outbox (key, text, expires) VALUES (?, ?, ?)",
            (key, text, self._now() + self._retention.ticket_days * DAY),
        )

    @_available
    async def collect(self, key: str) -> list[str]:
        rows = self._db.execute(
            "DELETE FROM outbox WHERE key = ? AND expires > ? RETURNING id, text", (key, self._now())
        ).fetchall()
        return [str(text) for _, text in sorted(rows)]

    async def acquire(self, key: str) -> str | None:
        """One process per file: the helpline's own lock is enough."""
        return None

    async def release(self, key: str, token: str) -> None:
        return None

    @_available
    async def purge(self) -> int:
        """Delete everything past its time; returns how many rows went."""
        now = self._now()
        oldest_gap = oldest_gap_day(self._retention, self._clock)
        gone = 0
        for statement, value in (
            ("DELETE FROM sessions WHERE expires <= ?", now),
            ("DELETE FROM deliveries WHERE expires <= ?", now),
            ("DELETE FROM claims WHERE expires <= ?", now),
            (
                "DELETE FROM staff_messages WHERE number IN (SELECT number FROM tickets WHERE expires <= ?)",
                now,
            ),
            ("DELETE FROM tickets WHERE expires <= ?", now),
            ("DELETE FROM outbox WHERE expires <= ?", now),
            ("DELETE FROM gaps WHERE day < ?", oldest_gap),
        ):
            gone += self._db.execute(statement, (value,)).rowcount
        return gone

    async def close(self) -> None:
        if self._conn is not None:
            self._conn.close()

    def _now(self) -> int:
        return int(self._clock())

    def _ticket_where(self, condition: str, value: object) -> Ticket | None:
        row = self._db.execute(
            f"SELECT data FROM tickets WHERE {condition} AND expires > ?", (value, self._now())
        ).fetchone()
        return Ticket.from_dict(json.loads(row[0])) if row else None


_SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (key TEXT PRIMARY KEY, data TEXT NOT NULL, expires INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS optouts (key TEXT PRIMARY KEY);
CREATE TABLE IF NOT EXISTS deliveries (id TEXT PRIMARY KEY, response TEXT NOT NULL, expires INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS claims (id TEXT PRIMARY KEY, expires INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS gaps (day TEXT NOT NULL, lang TEXT NOT NULL, text TEXT NOT NULL,
                                 hits INTEGER NOT NULL, PRIMARY KEY (day, lang, text));
CREATE TABLE IF NOT EXISTS tickets (number INTEGER PRIMARY KEY AUTOINCREMENT, key TEXT NOT NULL,
                                    data TEXT NOT NULL, expires INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS tickets_by_key ON tickets (key);
CREATE TABLE IF NOT EXISTS staff_messages (message INTEGER PRIMARY KEY, number INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS outbox (id INTEGER PRIMARY KEY AUTOINCREMENT, key TEXT NOT NULL,
                                   text TEXT NOT NULL, expires INTEGER NOT NULL);
"""


def open_store(url: str, retention: Retention, clock: Clock = time.time) -> Store:
    """``sqlite:///path/file.sqlite3``, ``redis://host:port/db``, or ``memory://`` (tests; nothing kept)."""
    if url.startswith("sqlite:///"):
        return SqliteStore(url.removeprefix("sqlite:///") or ":memory:", retention, clock)
    if url == "memory://":
        return SqliteStore(":memory:", retention, clock)
    if url.startswith(("redis://", "rediss://", "unix://")):
        from bot.redis_store import RedisStore  # redis-py is needed only by deployments that use it

        return RedisStore(url, retention, clock)
    raise ConfigError(
        f"BOT_STORAGE_URL {url.split(':', 1)[0]!r} is not supported; use sqlite:///path or redis://host:port/db"
    )


def oldest_gap_day(retention: Retention, clock: Clock) -> str:
    """The first day (local, ISO) whose unanswered questions are still kept."""
    today = dt.date.fromtimestamp(clock())
    return (today - dt.timedelta(days=retention.gap_days - 1)).isoformat()
