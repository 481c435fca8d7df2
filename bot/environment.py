"""Secrets and per-deployment values, read from environment variables only.

``bot.toml`` is shared and committed; tokens and keys never go there. This
module reads the variables listed in the README, checks that they make sense
together (a Telegram token without its webhook secret is refused, say), and
wraps secrets so they never show up in a log line or a traceback.
Owns: the environment contract. Must not: read files other than through the
storage URL it passes on.
"""

from __future__ import annotations

import logging
import os
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from bot.errors import ConfigError

log = logging.getLogger(__name__)

_TELEGRAM_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
MIN_KEY_LENGTH = 32
# A Twilio Auth Token is 32 characters (hex digits in the Console). Any other length cannot be one,
# and would quietly turn every SMS away with 403, so start-up refuses it; `taxbot doctor` also
# checks that it is hex (an API Key secret has the same length but is not what signs webhooks).
TWILIO_TOKEN_LENGTH = 32


class Secret:
    """A string that prints as ``Secret('****')`` so it cannot leak through repr or logs."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "Secret('****')"

    __str__ = __repr__


@dataclass(frozen=True)
class Environment:
    twilio_auth_token: Secret | None
    twilio_account_sid: str | None
    telegram_bot_token: Secret | None
    telegram_webhook_secret: Secret | None
    telegram_api_base_url: str | None
    public_url: str | None
    secret_key: Secret
    storage_url: str = field(repr=False)  # a redis:// URL may hold a password
    previous_secret_key: Secret | None = None  # the key before a rotation, still tried for look-ups
    staff_chat_id: int | None = None  # overrides [escalation] staff_chat_id
    twilio_api_base_url: str | None = None  # a stand-in for api.twilio.com (tests)


def read_environment(config_dir: Path, env: Mapping[str, str] | None = None) -> Environment:
    """Build the :class:`Environment` from ``env`` (default ``os.environ``); one clear line on error."""
    env = os.environ if env is None else env

    def value(name: str) -> str | None:
        raw = env.get(name, "").strip()
        return raw or None

    twilio = value("TWILIO_AUTH_TOKEN")
    telegram = value("TELEGRAM_BOT_TOKEN")
    webhook_secret = value("TELEGRAM_WEBHOOK_SECRET")
    public_url = value("BOT_PUBLIC_URL")
    key = value("BOT_SECRET_KEY")
    sid = value("TWILIO_ACCOUNT_SID")
    if telegram and not webhook_secret:
        raise ConfigError("TELEGRAM_BOT_TOKEN is set but TELEGRAM_WEBHOOK_SECRET is not: set both or neither")
    if webhook_secret and not telegram:
        raise ConfigError("TELEGRAM_WEBHOOK_SECRET is set but TELEGRAM_BOT_TOKEN is not: set both or neither")
    if webhook_secret and not _TELEGRAM_SECRET.match(webhook_secret):
        raise ConfigError("TELEGRAM_WEBHOOK_SECRET may hold only letters, digits, _ and - (1 to 256 of them)")
    if (twilio or telegram) and not public_url:
        raise ConfigError(
            "BOT_PUBLIC_URL is required when Twilio or Telegram is on: signatures and webhooks use it"
        )
    if public_url:
        public_url = _checked_url("BOT_PUBLIC_URL", public_url)
    if twilio:
        _check_twilio_token(twilio)
    if sid and not sid.startswith("AC"):
        raise ConfigError("TWILIO_ACCOUNT_SID should start with AC (find it in the Twilio console)")
    if key is None:
        if twilio or telegram:
            raise ConfigError(
                "BOT_SECRET_KEY is required when Twilio or Telegram is on, so opt-outs survive restarts"
            )
        log.warning("BOT_SECRET_KEY is not set: using a random key, so web chats reset on restart")
        key = secrets.token_urlsafe(MIN_KEY_LENGTH)
    elif len(key) < MIN_KEY_LENGTH:
        raise ConfigError(f"BOT_SECRET_KEY must be at least {MIN_KEY_LENGTH} characters of random text")
    previous = value("BOT_PREVIOUS_SECRET_KEY")
    if previous is not None:
        _check_previous_key(previous, value("BOT_SECRET_KEY"))
    base_url = value("TELEGRAM_API_BASE_URL")
    twilio_base = value("TWILIO_API_BASE_URL")
    staff = value("BOT_STAFF_CHAT_ID")
    if staff and not re.fullmatch(r"-?\d+", staff):
        raise ConfigError("BOT_STAFF_CHAT_ID must be a Telegram chat id, a whole number like -1001234567890")
    return Environment(
        twilio_auth_token=Secret(twilio) if twilio else None,
        twilio_account_sid=sid,
        telegram_bot_token=Secret(telegram) if telegram else None,
        telegram_webhook_secret=Secret(webhook_secret) if webhook_secret else None,
        telegram_api_base_url=_checked_url("TELEGRAM_API_BASE_URL", base_url) if base_url else None,
        public_url=public_url,
        secret_key=Secret(key),
        storage_url=value("BOT_STORAGE_URL") or f"sqlite:///{config_dir / 'var' / 'taxbot.sqlite3'}",
        previous_secret_key=Secret(previous) if previous else None,
        staff_chat_id=int(staff) if staff else None,
        twilio_api_base_url=_checked_url("TWILIO_API_BASE_URL", twilio_base) if twilio_base else None,
    )


def _check_twilio_token(token: str) -> None:
    """Refuse what cannot be an Auth Token: another length, or a space or quote copied along with it."""
    if len(token) != TWILIO_TOKEN_LENGTH or re.search(r"[\s\"']", token):
        raise ConfigError(
            f"TWILIO_AUTH_TOKEN is not a Twilio Auth Token ({len(token)} characters, not "
            f"{TWILIO_TOKEN_LENGTH} letters and digits): copy it again from the Twilio Console, Account Info"
        )


def _check_previous_key(previous: str, key: str | None) -> None:
    """The key before a rotation: only next to a new key, and as strong as a key must be."""
    if key is None:
        raise ConfigError("BOT_PREVIOUS_SECRET_KEY is set but BOT_SECRET_KEY is not: set the new key too")
    if previous == key:
        raise ConfigError("BOT_PREVIOUS_SECRET_KEY equals BOT_SECRET_KEY: set it only while rotating")
    if len(previous) < MIN_KEY_LENGTH:
        raise ConfigError(f"BOT_PREVIOUS_SECRET_KEY must be at least {MIN_KEY_LENGTH} characters too")


def _checked_url(name: str, url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigError(f"{name} must be a full URL such as https://bot.example.org")
    return url.rstrip("/")
