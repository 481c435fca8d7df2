"""Opening hours as staff write them in ``faq/contacts.toml``, and whether a place is open now.

Staff write hours the way a door sign does: ``"24/7"``, ``"daily 05:00-21:00"``,
``"mon-fri 09:00-17:00"``, or a list of such lines. Times are on the 24-hour
clock in the contact's own IANA time zone (``America/New_York``), so "open now"
is right whatever zone the server runs in, summer time included.
Owns: that small grammar and the open-now arithmetic.
Must not: know about contacts, languages or replies.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

ALWAYS = "24/7"
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # index = datetime.weekday()
_SPAN = re.compile(r"^(?P<days>[a-z,\- ]+?)\s+(?P<start>\d{1,2}:\d{2})\s*-\s*(?P<end>\d{1,2}:\d{2})$")


class ZoneError(ValueError):
    """The time zone is missing or unknown (reported on the ``timezone`` line)."""


@dataclass(frozen=True)
class Span:
    """Open on ``days`` from ``start`` to ``end``, in minutes after midnight.

    ``end`` before ``start`` runs past midnight into the next day.
    """

    days: frozenset[int]
    start: int
    end: int


@dataclass(frozen=True)
class Hours:
    """When a contact answers. ``always`` means day and night; otherwise ``spans`` in ``zone``."""

    always: bool
    spans: tuple[Span, ...] = ()
    zone: ZoneInfo | None = None

    def is_open(self, now: dt.datetime) -> bool:
        """Open at ``now`` (which must carry its time zone), read on the contact's own clock."""
        if self.always:
            return True
        if now.tzinfo is None or self.zone is None:
            raise ValueError("opening hours need a time-zone-aware time and a zone")
        local = now.astimezone(self.zone)
        day, minute = local.weekday(), local.hour * 60 + local.minute
        yesterday = (day - 1) % 7
        for span in self.spans:
            if span.start < span.end:
                if day in span.days and span.start <= minute < span.end:
                    return True
            elif (day in span.days and minute >= span.start) or (
                yesterday in span.days and minute < span.end
            ):
                return True
        return False


def parse_hours(value: object, zone_name: object) -> Hours:
    """Read ``hours`` and ``timezone`` as written; raise ValueError with a fix staff can follow."""
    lines = [value] if isinstance(value, str) else value
    if not isinstance(lines, list) or not lines or not all(isinstance(x, str) for x in lines):
        raise ValueError('hours must be text like "daily 05:00-21:00" or "24/7", or a list of such lines')
    if [line.strip().lower() for line in lines] == [ALWAYS]:
        return Hours(always=True)
    zone = parse_zone(zone_name)
    return Hours(always=False, spans=tuple(_span(line) for line in lines), zone=zone)


def parse_zone(name: object) -> ZoneInfo:
    if not isinstance(name, str) or not name.strip():
        raise ZoneError('these hours need timezone = "America/New_York" (the zone they are written in)')
    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError):
        raise ZoneError(f'unknown time zone {name!r}: write it like "America/New_York"') from None


def _span(line: str) -> Span:
    m = _SPAN.match(line.strip().lower())
    if not m:
        raise ValueError(f'cannot read hours {line!r}: write them like "mon-fri 09:00-17:00"')
    start, end = _minutes(m.group("start")), _minutes(m.group("end"))
    if start == end:
        raise ValueError(f"hours {line!r} open and close at the same time (for day and night write 24/7)")
    return Span(_days(m.group("days"), line), start, end)


def _days(text: str, line: str) -> frozenset[int]:
    days: set[int] = set()
    for part in (p.strip() for p in text.split(",")):
        if part == "daily":
            days.update(range(7))
            continue
        first, _, last = part.partition("-")
        if first not in DAYS or (last and last not in DAYS):
            raise ValueError(
                f"unknown day in {line!r}: use {', '.join(DAYS)}, a range like mon-fri, or daily"
            )
        a, b = DAYS.index(first), DAYS.index(last or first)
        days.update((a + i) % 7 for i in range((b - a) % 7 + 1))  # "fri-mon" wraps over the weekend
    return frozenset(days)


def _minutes(text: str) -> int:
    hour, minute = (int(x) for x in text.split(":"))
    if not (0 <= hour <= 24 and 0 <= minute < 60) or (hour == 24 and minute):
        raise ValueError(f"{text} is not a time on the 24-hour clock (00:00 to 24:00)")
    return hour * 60 + minute
