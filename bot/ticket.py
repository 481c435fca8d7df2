"""A handoff ticket: a person who said YES to a legal-aid worker writing back.

Staff see the ticket's number, language, topic and channel, never who it is.
To write back, the bot must still reach the person, so the ticket carries their
address sealed with a key the store never holds (see :mod:`bot.sealing`); it is
deleted when the ticket closes or expires.
Owns: the value type and its (de)serialisation. Must not: do I/O.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class Ticket:
    number: int
    key: str  # the person's pseudonymous key, to find their open ticket
    channel: str
    lang: str
    topic: str  # an FAQ entry id, or "" when the bot had no answer
    address: str  # sealed; opened only to send the staff's replies
    opened: str  # the day (YYYY-MM-DD), never a finer time
    staff_message: int | None = None  # the ticket's message in the staff group

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Ticket:
        return cls(**{name: data[name] for name in cls.__dataclass_fields__ if name in data})
