"""What the bot remembers between two messages from one person, and nothing more.

A language, the numbered choices it just offered, where a long answer was cut
off for MORE, and a pending offer of a legal-aid worker. No message text in
clear, no names, no numbers. Storage backends
save this as a small JSON object under a pseudonymous key.
Owns: the value type and its (de)serialisation. Must not: do I/O.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class More:
    """The rest of a long answer: which entry, in which language, which part comes next."""

    entry_id: str
    lang: str
    part: int


@dataclass(frozen=True)
class Offer:
    """A legal-aid worker was just offered; YES to the next message opens a ticket.

    ``question`` is the message that led to the offer, redacted and sealed (see
    :mod:`bot.sealing`): the ticket shows it to staff only if the person agrees.
    """

    topic: str  # the entry answered, or "" when the bot had no answer
    question: str = ""


@dataclass(frozen=True)
class Session:
    lang: str | None = None
    lang_chosen: bool = False  # picked by the person, so detection never overrides it
    choices: tuple[str, ...] = ()  # actions behind the numbers last shown: "entry:itin-what"
    more: More | None = None
    offer: Offer | None = None

    def to_dict(self) -> dict[str, Any]:
        """The fields in order, as ``asdict`` gives them (written out: this runs for every message saved)."""
        return {
            "lang": self.lang,
            "lang_chosen": self.lang_chosen,
            "choices": list(self.choices),
            "more": asdict(self.more) if self.more else None,
            "offer": asdict(self.offer) if self.offer else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Session:
        """Rebuild a session; anything unreadable starts a fresh one rather than failing."""
        if not isinstance(data, dict):
            return cls()
        try:
            return cls(
                lang=data.get("lang") if isinstance(data.get("lang"), str) else None,
                lang_chosen=bool(data.get("lang_chosen", False)),
                choices=tuple(str(c) for c in data.get("choices", ()) or ()),
                more=_more_from(data.get("more")),
                offer=_offer_from(data.get("offer")),
            )
        except (TypeError, ValueError):
            return cls()


def _more_from(data: Any) -> More | None:
    """A MORE bookmark only when every field has its type: ``{"part": "0"}`` would fail later, not here."""
    if not isinstance(data, dict):
        return None
    entry_id, lang, part = data.get("entry_id"), data.get("lang"), data.get("part")
    if isinstance(entry_id, str) and isinstance(lang, str) and type(part) is int and part >= 0:
        return More(entry_id, lang, part)
    return None


def _offer_from(data: object) -> Offer | None:
    """A pending offer, only if both fields are text (anything else: no offer)."""
    if not isinstance(data, dict):
        return None
    topic, question = data.get("topic"), data.get("question", "")
    if not isinstance(topic, str) or not isinstance(question, str):
        return None
    return Offer(topic, question)
