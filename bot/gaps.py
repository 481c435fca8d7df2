"""Unanswered questions, kept so staff know which entry to write next, and nothing more.

When a message finds no answer, only a redacted, normalised form is kept:
every digit run, email address and link becomes ``#``, a name after
"my name is"-style phrases (listed per language in ``language.toml``) is cut,
and the rest is folded (lower case, no accents or punctuation) and shortened.
It is counted per language and day, with no user key and no time of day, and
deleted after ``[privacy] gap_days``. ``[privacy] gaps = false`` keeps none.
Owns: that normal form. Must not: keep anything that points back to a person.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.privacy import redact
from bot.text import fold

MAX_CHARS = 160
# Links; the look-behinds make a match start only where a word starts, so a long run of
# letters and dots ("a.a.a.a...") is read once, not once per character.
_URL = re.compile(
    r"(?<!\S)(?:https?://|www\.)\S+"
    r"|(?<![\w.-])[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|gov|edu|info|io|us|me|co|ly)\b\S*",
    re.I,
)
_DIGITS = re.compile(r"\d+")
_PLACEHOLDER = "#"


def normalise(text: str, name_intros: Iterable[str]) -> str:
    """The form of an unanswered message that may be kept; empty when nothing is left."""
    text, _ = redact(text)  # numbers, emails, street addresses
    text = _URL.sub(_PLACEHOLDER, text)
    text = _DIGITS.sub(_PLACEHOLDER, text)
    folded = fold(text.replace(_PLACEHOLDER, " 0 "))  # fold drops '#'; a lone 0 survives it
    for intro in name_intros:
        # The name is whatever follows, up to three words (or the rest of a text without spaces).
        folded = re.sub(rf"(?<!\w){re.escape(intro)}\s*\S+(?:\s+\S+){{0,2}}", f"{intro} 0", folded)
    words = folded.replace("0", _PLACEHOLDER).split()
    if not any(w != _PLACEHOLDER and w.isalnum() for w in words):
        return ""  # nothing but numbers or pictographs: nothing to learn from
    return " ".join(words)[:MAX_CHARS].strip()
