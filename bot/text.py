"""Text normalisation shared by language detection, matching and commands.

People type on cheap phones: no accents, odd capitals, curly apostrophes,
shorthand ("q", "pq", "ppl"), Chinese and Korean without spaces and with
English words mixed in. Everything that compares text first passes it through
:func:`fold`, so "Migración", "migracion" and "MIGRACION" are one word.
Owns: folding, script-aware tokenising, and the phrase rewriter built from a
language's shorthand and synonyms.
Must not: know any language's words (those live in ``locales/<lang>/language.toml``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping

_APOSTROPHES = "'’ʼ`´‘"
_SPECIAL = {"đ": "d", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "ł": "l", "ı": "i"}


def is_han(char: str) -> bool:
    code = ord(char)
    return 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0xF900 <= code <= 0xFAFF


def is_hangul(char: str) -> bool:
    code = ord(char)
    return 0xAC00 <= code <= 0xD7A3 or 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F


class _FoldTable(dict[int, str]):
    """``str.translate`` table that works out and remembers each character's folding."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        self[code] = out = _fold_char(char)
        return out


def _fold_char(char: str) -> str:
    if char in _APOSTROPHES:
        return ""
    if is_han(char) or is_hangul(char):
        return char
    if char in _SPECIAL:
        return _SPECIAL[char]
    if char.isalnum():
        base = "".join(
            c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
        )
        return base.lower() if base.isalnum() else " "
    return " "


_TABLE = _FoldTable()


def fold(text: str) -> str:
    """Lower-case, accent-free, punctuation-free text with single spaces.

    Vietnamese loses its tone marks too: people type it both ways, and folding
    both the message and the FAQ alike lets either form match.
    """
    return " ".join(unicodedata.normalize("NFKC", text).casefold().translate(_TABLE).split())


_HAN = "\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff"
_HANGUL = "\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f"
_RUNS = re.compile(rf"[{_HAN}]+|[{_HANGUL}]+|[^\W_{_HAN}{_HANGUL}]+")


def runs(folded: str) -> list[str]:
    """Split folded text into words, keeping a run of Chinese or Korean characters whole.

    "我的itin会被分享吗" → ["我的", "itin", "会被分享吗"].
    """
    return _RUNS.findall(folded)


def script_of(token: str) -> str:
    """"han", "hangul" or "latin" (anything else spaced by words) for a run from :func:`runs`."""
    first = token[0]
    if is_han(first):
        return "han"
    if is_hangul(first):
        return "hangul"
    return "latin"


def _alternation(phrases: list[str]) -> str:
    """One regex alternative per phrase, longest first.

    Latin-script phrases match whole words only ("q" must not touch "que"); a
    trailing ``*`` lets a phrase match any word ending ("detain*" finds
    "detained"). Chinese and Korean phrases match anywhere, since those scripts
    are often written without spaces.
    """
    parts = []
    for phrase in sorted(set(phrases), key=len, reverse=True):
        stem = phrase.rstrip("*")
        escaped = re.escape(stem)
        if any(is_han(c) or is_hangul(c) for c in stem):
            parts.append(escaped)
        elif phrase.endswith("*"):
            parts.append(rf"(?<![^\W_]){escaped}[^\W_]*")
        else:
            parts.append(rf"(?<![^\W_]){escaped}(?![^\W_])")
    return "|".join(parts)


class Rewriter:
    """Replaces shorthand and synonyms with one canonical form in a single pass."""

    def __init__(self, mapping: Mapping[str, str]) -> None:
        self._mapping = {k: v for k, v in mapping.items() if k and k != v}
        self._pattern = re.compile(_alternation(list(self._mapping))) if self._mapping else None

    def __call__(self, folded: str) -> str:
        if self._pattern is None:
            return folded
        return self._pattern.sub(lambda m: self._mapping[m.group(0)], folded)


class PhraseFinder:
    """Tells which labelled phrases occur in folded text (e.g. which kinds of urgent words)."""

    def __init__(self, labelled: Mapping[str, Iterable[str]]) -> None:
        self._groups: list[tuple[str, re.Pattern[str]]] = [
            (label, re.compile(_alternation(list(phrases))))
            for label, phrases in labelled.items()
            if any(True for _ in phrases)
        ]

    def __call__(self, folded: str) -> set[str]:
        return {label for label, pattern in self._groups if pattern.search(folded)}
