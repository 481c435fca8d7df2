"""Where the little the bot remembers is kept: sessions, opt-outs, handled deliveries.

Every key is already a pseudonym (see :func:`bot.privacy.user_key`); nothing
here ever sees a phone number, a chat id or message text. Sessions expire
after ``[privacy] session_days`` of silence, handled-delivery records after a
day. An empty session is deleted rather than stored.

The SQLite store calls sqlite3 directly: each statement touches one row of a
local file and takes microseconds, less than handing it to a thread would.
Owns: the :class:`Store` contract and its SQLite and in-memory versions.
Must not: decide anything about conversations.
"""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path
from typing import Protocol

from bot.errors import ConfigError
from bot.session import Session

DELIVERY_SECONDS = 24 * 3600  # providers retry for hours at most


class Store(Protocol):
    async def load(self, key: str) -> Session: ...
    async def save(self, key: str, session: Session) -> None: ...
    async def forget(self, key: str) -> None: ...
    async def opted_out(self, key: str) -> bool: ...
    async def set_opted_out(self, key: str, out: bool) -> None: ...
    async def handled(self, delivery: str) -> str | None: ...
    async def remember(self, delivery: str, response: str) -> None: ...
    async def purge(self) -> int: ...
    async def close(self) -> None: ...


class SqliteStore:
    """One SQLite file; safe for one server process (several processes need Redis)."""

    def __init__(self, path: Path | str, session_days: int) -> None:
        self._ttl = session_days * 24 * 3600
        if str(path) != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(
            """
            CREATE TABLE IF NOT EXISTS sessions (key TEXT PRIMARY KEY, data TEXT NOT NULL,
                                                 expires INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS optouts (key TEXT PRIMARY KEY);
            CREATE TABLE IF NOT EXISTS deliveries (id TEXT PRIMARY KEY, response TEXT NOT NULL,
                                                   expires INTEGER NOT NULL);
            """
        )

    async def load(self, key: str) -> Session:
        row = self._db.execute(
            "SELECT data FROM sessions WHERE key = ? AND expires > ?", (key, _now())
        ).fetchone()
        return Session.from_dict(json.loads(row[0])) if row else Session()

    async def save(self, key: str, session: Session) -> None:
        if session == Session():
            await self.forget(key)
            return
        self._db.execute(
            "INSERT OR REPLACE INTO sessions (key, data, expires) VALUES (?, ?, ?)",
            (key, json.dumps(session.to_dict(), separators=(",", ":")), _now() + self._ttl),
        )

    async def forget(self, key: str) -> None:
        self._db.execute("DELETE FROM sessions WHERE key = ?", (key,))

    async def opted_out(self, key: str) -> bool:
        return self._db.execute("SELECT 1 FROM optouts WHERE key = ?", (key,)).fetchone() is not None

    async def set_opted_out(self, key: str, out: bool) -> None:
        if out:
            self._db.execute("INSERT OR IGNORE INTO optouts (key) VALUES (?)", (key,))
        else:
            self._db.execute("DELETE FROM optouts WHERE key = ?", (key,))

    async def handled(self, delivery: str) -> str | None:
        row = self._db.execute(
            "SELECT response FROM deliveries WHERE id = ? AND expires > ?", (delivery, _now())
        ).fetchone()
        return str(row[0]) if row else None

    async def remember(self, delivery: str, response: str) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO deliveries (id, response, expires) VALUES (?, ?, ?)",
            (delivery, response, _now() + DELIVERY_SECONDS),
        )

    async def purge(self) -> int:
        """Delete expired sessions and delivery records; returns how many rows went."""
        now = _now()
        gone = self._db.execute("DELETE FROM sessions WHERE expires <= ?", (now,)).rowcount
        gone += self._db.execute("DELETE FROM deliveries WHERE expires <= ?", (now,)).rowcount
        return int(gone)

    async def close(self) -> None:
        self._db.close()


def open_store(url: str, session_days: int) -> Store:
    """``sqlite:///path/file.sqlite3`` or ``memory://`` (tests, and nothing kept at all)."""
    if url.startswith("sqlite:///"):
        return SqliteStore(url.removeprefix("sqlite:///") or ":memory:", session_days)
    if url == "memory://":
        return SqliteStore(":memory:", session_days)
    raise ConfigError(f"BOT_STORAGE_URL {url.split(':', 1)[0]!r} is not supported; use sqlite:///path")


def _now() -> int:
    return int(time.time())
