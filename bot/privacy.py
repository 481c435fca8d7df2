"""Keeping as little as possible about the people who write in.

Owns: redacting numbers that look like an SSN, ITIN, A-number or phone number
before any text goes further, and turning channel user ids into keyed hashes.
Must not: store or log anything itself.
"""

from __future__ import annotations

import hashlib
import hmac
import re

# A-numbers: "A" then 8 or 9 digits, maybe spaced ("A 123-456-789", "a#12345678").
_A_NUMBER = re.compile(r"(?<![^\W\d_])a\s*[#:-]?\s*(?:\d[\s.-]?){7,8}\d(?!\d)", re.IGNORECASE)
# Seven or more digits, with the spaces, dots, dashes and brackets people put between them:
# SSNs and ITINs (9), phone numbers (10-11), account numbers. Shorter runs (years, "47,289",
# "6103") are facts people ask about and stay.
_LONG_NUMBER = re.compile(r"\+?\(?\d(?:[\s().-]{0,2}\d){6,}")

PLACEHOLDER = "#"


def redact(text: str) -> tuple[str, bool]:
    """Text with identifying numbers replaced by ``#``, and whether any were found."""
    out, count_a = _A_NUMBER.subn(PLACEHOLDER, text)
    out, count_n = _LONG_NUMBER.subn(PLACEHOLDER, out)
    return out, bool(count_a or count_n)


def user_key(secret: bytes, channel: str, user_id: str) -> str:
    """A stable pseudonym for one person on one channel; the id itself is never kept.

    HMAC-SHA256 with a server secret: without the secret, a list of phone numbers
    cannot be hashed and compared against stored keys.
    """
    mac = hmac.new(secret, f"{channel}:{user_id}".encode(), hashlib.sha256)
    return mac.hexdigest()[:32]
