"""Recorded provider payloads and the means to sign them like the provider does."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

from twilio.request_validator import RequestValidator

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
TWILIO_TOKEN = "test-auth-token-0123456789abcdef"
PUBLIC_URL = "https://bot.example.org"
TELEGRAM_TOKEN = "123456:TEST-token"
TELEGRAM_SECRET = "test-webhook-secret"
SECRET_KEY = "k" * 40


def twilio_form(name: str, **changes: str) -> dict[str, str]:
    """A recorded Twilio form (scrubbed: +1555 numbers), with some fields replaced."""
    text = (FIXTURES / "twilio_sms" / f"{name}.form").read_text(encoding="utf-8").strip()
    return {**dict(parse_qsl(text, keep_blank_values=True)), **changes}


def twilio_signature(path: str, form: dict[str, str], token: str = TWILIO_TOKEN) -> str:
    """The X-Twilio-Signature Twilio would send, computed by twilio's own validator."""
    return str(RequestValidator(token).compute_signature(PUBLIC_URL + path, form))


def telegram_update(name: str, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        (FIXTURES / "telegram_bot" / f"{name}.json").read_text(encoding="utf-8")
    )
    data.update(changes)
    return data


def environment(**extra: str) -> dict[str, str]:
    """Environment variables for a fully configured test deployment."""
    return {
        "TWILIO_AUTH_TOKEN": TWILIO_TOKEN,
        "TWILIO_ACCOUNT_SID": "AC" + "0" * 32,
        "BOT_PUBLIC_URL": PUBLIC_URL,
        "BOT_SECRET_KEY": SECRET_KEY,
        **extra,
    }


def telegram_environment(api_port: int, **extra: str) -> dict[str, str]:
    """:func:`environment` with Telegram on, its Bot API being the stand-in listening on ``api_port``."""
    return environment(
        TELEGRAM_BOT_TOKEN=TELEGRAM_TOKEN,
        TELEGRAM_WEBHOOK_SECRET=TELEGRAM_SECRET,
        TELEGRAM_API_BASE_URL=f"http://127.0.0.1:{api_port}/bot",
        **extra,
    )
