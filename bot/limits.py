"""How many messages a sender, a web-chat client or a whole channel may send, counted in memory.

Every SMS reply costs money and a flood must never starve anyone else, so
three limits apply, each in fixed windows: per person (``per_user`` per
``per_user_minutes``), per web-chat client address (``per_client``, since the
web chat needs no phone number and a new session id is free), and per channel
(``global_per_minute``, so a web flood cannot use up what SMS needs). The
counts live in this process's memory: a refused request writes nothing
anywhere, and a flood of made-up senders is bounded by ``MAX_KEYS``. With
several server processes each counts its own share.
Owns: counting. Must not: decide who is exempt (emergencies, STOP, START,
HELP and "forget me" never reach it; see :mod:`bot.helpline`).
"""

from __future__ import annotations

import time
from collections.abc import Callable

MAX_KEYS = 100_000  # buckets remembered at once; past this, the oldest are forgotten


class Limiter:
    """Fixed-window counters: ``allow`` is True while a bucket stays within its limit."""

    def __init__(self, clock: Callable[[], float] = time.monotonic, max_keys: int = MAX_KEYS) -> None:
        self._clock = clock
        self._max_keys = max_keys
        self._windows: dict[str, tuple[float, int]] = {}  # bucket → (window start, count)

    def allow(self, bucket: str, limit: int, window: float) -> bool:
        """Count one more for ``bucket``; False once it passes ``limit`` in the current window."""
        return self.count(bucket, window) <= limit

    def count(self, bucket: str, window: float) -> int:
        now = self._clock()
        start, seen = self._windows.pop(bucket, (now, 0))
        if now - start >= window:
            start, seen = now, 0
        self._windows[bucket] = (start, seen + 1)  # re-inserted: the dict stays oldest-first
        if len(self._windows) > self._max_keys:
            self._windows.pop(next(iter(self._windows)))
        return seen + 1
