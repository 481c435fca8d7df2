"""What the bot remembers between two messages from one person, and nothing more.

A language, the numbered choices it just offered, and where a long answer was
cut off for MORE. No message text, no names, no numbers. Storage backends
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
class Session:
    lang: str | None = None
    lang_chosen: bool = False  # picked by the person, so detection never overrides it
    choices: tuple[str, ...] = ()  # actions behind the numbers last shown: "entry:itin-what"
    more: More | None = None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["choices"] = list(self.choices)
        return data

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
