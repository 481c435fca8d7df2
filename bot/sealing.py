"""Sealing the one thing the bot must keep to write back: where a person with an open ticket is.

A legal-aid worker's reply must reach the person on their own channel, so an
open ticket keeps their address (phone number or chat id). It is kept sealed
with AES-GCM under a key derived from ``BOT_SECRET_KEY``, which never lives in
the store: a copy of the store alone reveals no address. It is deleted with
the ticket (closed, STOP, "forget me", or expiry).
Owns: sealing and opening small JSON values. Must not: decide what is sealed.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
from collections.abc import Sequence
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

_PURPOSE = b"taxbot seal v1"  # a key used only for this, not the one that makes user keys


class Sealer:
    def __init__(self, secrets: Sequence[bytes]) -> None:
        """``secrets``: the current key first, then any previous one still being phased out."""
        self._keys = [AESGCM(hmac.new(s, _PURPOSE, hashlib.sha256).digest()) for s in secrets]

    def seal(self, value: dict[str, Any]) -> str:
        nonce = os.urandom(12)
        sealed = self._keys[0].encrypt(nonce, json.dumps(value).encode(), None)
        return base64.urlsafe_b64encode(nonce + sealed).decode()

    def open(self, token: str) -> dict[str, Any] | None:
        """The value, or None when no key opens it (a rotated-away key, or damage)."""
        try:
            raw = base64.urlsafe_b64decode(token.encode())
        except ValueError:
            return None
        for key in self._keys:
            try:
                value = json.loads(key.decrypt(raw[:12], raw[12:], None))
            except (InvalidTag, ValueError):
                continue
            return value if isinstance(value, dict) else None
        return None
