"""Keeping as little as possible about the people who write in.

Owns: redacting numbers that look like an SSN, ITIN, A-number or phone number,
emails and street addresses before any text goes further, and turning channel
user ids into keyed hashes.
Must not: store or log anything itself.
"""

from __future__ import annotations

import hashlib
import hmac
import re

# A-numbers: "A" then 8 or 9 digits, maybe spaced ("A 123-456-789", "a#12345678").
_A_NUMBER = re.compile(r"(?<![^\W\d_])a\s*[#:-]?\s*(?:\d[\s.-]?){7,8}\d(?!\d)", re.IGNORECASE)
# What people put between digits: spaces (also no-break and zero-width ones), dots, dashes of
# every width, slashes, commas, underscores and brackets.
_SEPARATOR = "[\\s().,/_\u2010-\u2015\u2212\u00a0\u200b-\u200d\u2060\ufeff-]"
# Seven or more digits, with up to three separators between any two: SSNs and ITINs (9), phone
# numbers (10-11), account numbers. Shorter runs (years, "47,289", "6103") are facts people ask about.
_LONG_NUMBER = re.compile(rf"\+?\(?\d(?:{_SEPARATOR}{{0,3}}\d){{6,}}")
# Emails; the look-behind makes a match start only where a word starts, so a long run of
# letters and dots is read once, not once per character.
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Street addresses: a house number, a few words and a street word ("12 Elm Street", "45 main st"),
# or a street word, a few words and a number ("calle Central 12", "rua das Flores, 300"), and the
# Chinese, Korean and Vietnamese forms ("中山路123号", "강남대로 123", "123 đường Lê Lợi").
_STREET_WORDS = (
    "street|st|avenue|ave|av|road|rd|boulevard|blvd|lane|ln|drive|dr|way|court|ct|place|pl|terrace|"
    "ter|square|sq|circle|cir|highway|hwy|parkway|pkwy|apt|apartment|unit|suite"
)
_ADDRESS = re.compile(
    rf"\b\d{{1,6}}[a-z]?\s+(?:[^\W\d_]+\.?\s+){{0,4}}(?:{_STREET_WORDS})\b\.?"
    r"|\b(?:calle|avenida|camino|rua|travessa|ri|lari|rue)\s+(?:[^\W\d_]+,?\s+){0,4}(?:#|n[oº°]\.?)?\s*\d{1,6}\b"
    r"|\b\d{1,6}\s+(?:đường|duong|phố|pho|hẻm|hem)\b"
    # A Chinese or Korean street number ends the address, or is followed by 号/번(지): "资料路700万"
    # and "세금자료로 700만명" ("by tax data, 7 million people") are counts, not addresses.
    r"|[\u4e00-\u9fff]{1,4}(?:路|街|大道|大街)\s*\d{1,6}(?:\s*[号號]|(?![\u4e00-\u9fff\d]))"
    r"|[\uac00-\ud7a3]{1,8}(?:로|길|대로)\s*\d{1,6}(?:-\d{1,4})?(?:번지?|(?![\uac00-\ud7a3\d-]))",
    re.IGNORECASE,
)

PLACEHOLDER = "#"
_DIGIT = re.compile(r"\d")


def redact(text: str) -> tuple[str, bool]:
    """Text with identifying numbers, emails and street addresses replaced by ``#``, and whether any were.

    Everything a person writes passes through here before it is matched, shown
    to staff or kept as an unanswered question.
    """
    found = False
    # Every pattern but the email's needs a digit, and the email's an @: most messages have neither.
    patterns: tuple[re.Pattern[str], ...] = (_EMAIL,) if "@" in text else ()
    if _DIGIT.search(text):
        patterns += (_ADDRESS, _A_NUMBER, _LONG_NUMBER)
    for pattern in patterns:
        text, count = pattern.subn(PLACEHOLDER, text)
        found = found or bool(count)
    return text, found


# Where someone is, short of a full address: a named street ("calle Bennington", "Maple St", "đường
# Pine"), a corner ("Broadway y la 5ta", "Main and 3rd", "kwen Washington", "Broadway同Chestnut街口",
# "하버드애비뉴랑 ... 사거리"), a floor ("3rd fl", "piso 4", "3 andar", "2층", "lầu 2", "三楼") or a flat
# ("apt 3B", "3B"). Not redacted (no one is found by it), but with a plea for help in a few words it
# says where help must come (bot.urgency, ADDRESS).
_WHERE = re.compile(
    r"\b(?:calle|avenida|rua|lari|rue|duong|đường)\s+[^\W\d_]{3,}"
    r"|\b[^\W\d_]{3,}\s+(?:street|st|avenue|ave|av|road|rd)\b"
    r"|\b[^\W\d_]{3,}\s+(?:y|and|&|e|ak)\s+(?:la\s+|a\s+|o\s+)?\d{1,3}(?:st|nd|rd|th|ta|va|ra|da|a|o)\b"
    r"|\b(?:corner of|kwen|esquina(?:\s+(?:de|con|da))?|góc|goc)\s+(?:(?:la|el|a|the)\s+)?[^\W\d_]{3,}"
    r"|\b\d{1,2}(?:st|nd|rd|th|er|[eè]m|y[eè]m|[oaº°ª])?\.?\s*(?:fl|floor|piso|andar|etaj)\b"
    r"|\b(?:floor|piso|andar|etaj)\s*\d{1,2}\b"
    r"|\b(?:apt|apto|apartment|apartamento|apatman|unit)\.?\s*#?\s*\d{1,4}[a-z]?\b|\b\d{1,3}[a-h]\b"
    r"|\d{1,2}\s*층|\bl[aầ]u\s*\d{1,2}\b|[\d一二三四五六七八九十]\s*[楼樓]"
    r"|[^\W\d_]{2,}\s*(?:街口|路口)|애비뉴|스트릿|스트리트|사거리",
    re.IGNORECASE,
)


def has_address(text: str) -> bool:
    """Whether ``text`` says where someone is: a street address as :func:`redact` finds them, a named
    street or a floor (see bot.urgency, ADDRESS)."""
    full = bool(_DIGIT.search(text)) and _ADDRESS.search(text) is not None
    return full or _WHERE.search(text) is not None


def user_key(secret: bytes, channel: str, user_id: str) -> str:
    """A stable pseudonym for one person on one channel; the id itself is never kept.

    HMAC-SHA256 with a server secret: without the secret, a list of phone numbers
    cannot be hashed and compared against stored keys.
    """
    mac = hmac.new(secret, f"{channel}:{user_id}".encode(), hashlib.sha256)
    return mac.hexdigest()[:32]
