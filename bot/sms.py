"""SMS arithmetic: encoding, segment counts, plain-letter folding and splitting.

Carriers bill per segment, and one character outside the GSM-7 alphabet turns a
whole message into UCS-2, which fits less than half as much text. This module
owns those rules so the checker, the preview and the channels count alike.
Must not: know about languages beyond the ``plain_letters`` switch it is given.

Reference: https://www.twilio.com/docs/glossary/what-is-ucs-2-character-encoding
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

GSM7 = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡"
    "ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXT = frozenset("\f^{}\\[~]|€")

# Look-alikes that word processors slip in; each has a GSM-7 twin.
_PUNCTUATION = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‚": "'",
        "′": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "″": '"',
        "–": "-",
        "—": "-",
        "‑": "-",
        "−": "-",
        "…": "...",
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\u200b": "",
        "\u2068": "",
        "\u2069": "",
        "•": "-",
        "·": "-",
    }
)

GSM_SINGLE, GSM_MULTI = 160, 153
UCS_SINGLE, UCS_MULTI = 70, 67


@dataclass(frozen=True)
class Encoded:
    """A message as it would be sent: its text, encoding and segment count."""

    text: str
    encoding: str  # "GSM-7" or "UCS-2"
    units: int  # septets for GSM-7, UTF-16 code units for UCS-2
    segments: int


# Any character outside GSM-7 and its extension; searched in C rather than tested character by character.
_NOT_GSM = re.compile("[^" + re.escape("".join(sorted(GSM7 | GSM7_EXT))) + "]")
_GSM_EXT = re.compile("[" + re.escape("".join(sorted(GSM7_EXT))) + "]")


def measure(text: str) -> Encoded:
    """Count segments the way carriers do for ``text`` as given."""
    if not _NOT_GSM.search(text):
        units = len(text) + len(_GSM_EXT.findall(text))  # an extension character takes two septets
        return Encoded(text, "GSM-7", units, _segments(units, GSM_SINGLE, GSM_MULTI))
    units = len(text.encode("utf-16-le")) // 2
    return Encoded(text, "UCS-2", units, _segments(units, UCS_SINGLE, UCS_MULTI))


def _segments(units: int, single: int, multi: int) -> int:
    if units == 0:
        return 0
    return 1 if units <= single else -(-units // multi)


@functools.lru_cache(maxsize=1024)
def prepare(text: str, *, plain_letters: bool) -> Encoded:
    """Clean ``text`` for SMS and encode it as cheaply as the language allows.

    Remembered for the last texts: replies are the FAQ's answers and strings,
    measured again for every person who gets them.

    Typographic punctuation always becomes its GSM-7 twin. With ``plain_letters``
    (a per-language choice in ``language.toml``), accented letters GSM-7 lacks
    (á í ó ú ã ç ...) become plain ones, but only when that makes the whole
    message GSM-7: a half-folded message would cost the same and read worse.
    """
    cleaned = unicodedata.normalize("NFC", text.translate(_PUNCTUATION))
    encoded = measure(cleaned)
    if encoded.encoding == "UCS-2" and plain_letters:
        folded = cleaned.translate(_PLAIN)
        candidate = measure(folded)
        if candidate.encoding == "GSM-7":
            return candidate
    return encoded


def _plain(char: str) -> str:
    if char in GSM7 or char in GSM7_EXT:
        return char
    base = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
    return base if base and all(c in GSM7 for c in base) else char


class _PlainTable(dict[int, str]):
    """``str.translate`` table that works out each character's plain letter once, then translates in C."""

    def __missing__(self, code: int) -> str:
        if len(self) >= 4096:
            self.clear()  # bounded: message text passes through here
        self[code] = found = _plain(chr(code))
        return found


_PLAIN = _PlainTable()


# A sentence ends at . ! ? and a space before a capital letter, or at Chinese
# and Japanese full stops (no space follows those), or at a line break.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[^\W\d_a-z])|(?<=[。！？])|\n+")
# Words that end in a period without ending the sentence ("Feb. 5", "v. Bessent").
_ABBREVIATIONS = frozenset(
    [
        "v",
        "vs",
        "no",
        "nos",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mass",
        "dr",
        "mr",
        "mrs",
        "ms",
        "st",
        "u.s",
        "d.c",
        "e.g",
        "i.e",
        "etc",
        "fev",
        "ene",
        "dic",
        "abr",
        "ago",
        "set",
        "out",
        "dez",
    ]
)


def _wide(char: str) -> bool:
    """Chinese and Japanese characters and their punctuation, which take no space between sentences.

    Korean is not wide here: it puts spaces between words and sentences.
    """
    code = ord(char)
    return (
        0x2E80 <= code <= 0x30FF  # CJK radicals, symbols and punctuation (。、「」), kana
        or 0x3400 <= code <= 0x4DBF  # CJK extension A
        or 0x4E00 <= code <= 0x9FFF  # CJK unified ideographs
        or 0xF900 <= code <= 0xFAFF  # CJK compatibility ideographs
        or 0xFF00 <= code <= 0xFF60  # full-width forms (，！？：；（）)
    )


def join(left: str, right: str) -> str:
    """``left`` then ``right`` as one text: a space between them, except next to Chinese.

    "都是这样。" and "2025年4月…" join as "都是这样。2025年4月…"; an ASCII space
    there reads as a stray gap (and costs a character in UCS-2).
    """
    if not left or not right:
        return left or right
    if _wide(left[-1]) or _wide(right[0]):
        return left + right
    return f"{left} {right}"


def sentences(text: str) -> list[str]:
    """The sentences of ``text``, as :func:`split` cuts it (line breaks end sentences too)."""
    return _sentences(text)


def split(text: str, *, max_segments: int, plain_letters: bool, reserve: int = 0) -> list[str]:
    """Cut ``text`` into messages of at most ``max_segments`` each, on sentence ends.

    ``reserve`` keeps room (in characters) for a prompt added to every part but
    the last, such as "Reply MORE". A sentence too long for one message is cut
    at a word boundary as a last resort.
    """
    parts: list[str] = []
    current = ""
    for sentence in _sentences(text):
        candidate = join(current, sentence).strip() if current else sentence
        if _fits(candidate, max_segments, plain_letters, reserve):
            current = candidate
            continue
        if current:
            parts.append(current)
        current = ""
        for piece in _words_that_fit(sentence, max_segments, plain_letters, reserve):
            if current:
                parts.append(current)
            current = piece
    if current:
        parts.append(current)
    # A cut inside a spaceless run can leave a lone control character such as "\x0b": no blank SMS.
    return [part.strip() for part in parts if part.strip()]


def _sentences(text: str) -> list[str]:
    pieces = [s.strip() for s in _SENTENCE_END.split(text) if s and s.strip()]
    merged: list[str] = []
    for piece in pieces:
        last_word = merged[-1].rsplit(" ", 1)[-1].rstrip(".").lower() if merged else ""
        if merged and merged[-1].endswith(".") and last_word in _ABBREVIATIONS:
            merged[-1] = f"{merged[-1]} {piece}"
        else:
            merged.append(piece)
    return merged


def _fits(text: str, max_segments: int, plain_letters: bool, reserve: int) -> bool:
    return prepare(text + " " * reserve, plain_letters=plain_letters).segments <= max_segments


def _words_that_fit(sentence: str, max_segments: int, plain_letters: bool, reserve: int) -> list[str]:
    if _fits(sentence, max_segments, plain_letters, reserve):
        return [sentence]
    words = sentence.split(" ") if " " in sentence else list(sentence)
    joiner = " " if " " in sentence else ""
    pieces: list[str] = []
    current = ""
    for word in words:
        if joiner and not _fits(word, max_segments, plain_letters, reserve):
            # One "word" over the whole budget (a long link, a run of letters) is cut where it must be.
            if current:
                pieces.append(current)
            *whole, current = _words_that_fit(word, max_segments, plain_letters, reserve)
            pieces.extend(whole)
            continue
        candidate = f"{current}{joiner}{word}" if current else word
        if current and not _fits(candidate, max_segments, plain_letters, reserve):
            pieces.append(current)
            current = word
        else:
            current = candidate
    if current:
        pieces.append(current)
    return pieces
