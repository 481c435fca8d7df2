"""Settings from ``bot.toml``, checked once at start-up.

Owns: reading the TOML file into frozen dataclasses, resolving content folders
relative to the file, and refusing bad values with one clear line.
Must not: read secrets (those come from environment variables, never the file)
or touch content; loading FAQ and strings is :mod:`bot.content`'s job.
"""

from __future__ import annotations

import ipaddress
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from bot.errors import ConfigError

DEFAULT_CONFIG = Path("bot.toml")


@dataclass(frozen=True)
class ContentConfig:
    faq_dir: Path
    locales_dir: Path
    source_language: str
    default_language: str
    languages: tuple[str, ...]
    groups: tuple[str, ...]


@dataclass(frozen=True)
class MatcherConfig:
    """When to answer, suggest or redirect (see :mod:`bot.decision`).

    The defaults are the calibrated values of the shipped ``bot.toml`` (a test
    keeps them equal), so a deployment whose own ``bot.toml`` leaves ``[matcher]``
    out answers exactly as sure as the README's figures say.
    """

    answer: float = -0.05
    suggest: float = -0.2
    margin: float = 0.0
    outside_margin: float = 0.1
    redirect: float = -0.1
    urgent: float = 0.0
    urgent_gap: float = 0.1
    clear_margin: float = 0.1
    clear_outside_margin: float = 0.15
    max_suggestions: int = 3


@dataclass(frozen=True)
class SmsConfig:
    """How many segments one SMS may cost.

    The emergency answer has its own budget per encoding, so it carries the same
    numbers and advice in every language: UCS-2 (Chinese, Korean, Vietnamese,
    often Portuguese) fits 70 characters a segment, 67 when split, against
    GSM-7's 160 and 153.
    """

    max_segments: int = 3
    urgent_max_segments_gsm: int = 3
    urgent_max_segments_ucs2: int = 4

    def segments_for(self, encoding: str, *, urgent: bool = False) -> int:
        """The most segments one message in ``encoding`` ("GSM-7" or "UCS-2") may use."""
        if not urgent:
            return self.max_segments
        return self.urgent_max_segments_gsm if encoding == "GSM-7" else self.urgent_max_segments_ucs2


@dataclass(frozen=True)
class ServerConfig:
    host: str = "127.0.0.1"
    port: int = 8080
    # Reverse proxies whose X-Forwarded-For names the web-chat client (docs/deploy.md).
    trusted_proxies: tuple[str, ...] = ()


@dataclass(frozen=True)
class PrivacyConfig:
    session_days: int = 30
    gaps: bool = True  # keep redacted, day-level counts of unanswered questions
    gap_days: int = 14


@dataclass(frozen=True)
class ReviewConfig:
    """When ``taxbot faq check`` calls an answer or a contact old."""

    reviewed_days: int = 90
    contact_days: int = 90


@dataclass(frozen=True)
class LimitsConfig:
    """Replies cost money and a flood must not starve everyone else (see :mod:`bot.limits`)."""

    per_user: int = 20  # messages one person may send per `per_user_minutes`
    per_user_minutes: int = 10
    per_client: int = 60  # web-chat messages from one client address per `per_user_minutes`
    global_per_minute: int = 600  # messages from everyone together, per channel


@dataclass(frozen=True)
class EscalationConfig:
    staff_chat_id: int | None = None  # the staff Telegram group; no handoff offers without one
    ticket_days: int = 14
    staff_language: str = "en"  # the language of the bot's messages in the staff group


@dataclass(frozen=True)
class ServiceConfig:
    """Who runs the service: named in the SMS HELP reply and at the top of the web chat."""

    name: str = "Tax privacy helpline"
    url: str = ""  # the organisation's own web site, linked from the web chat ("": no link)
    privacy_url: str = ""  # the organisation's own privacy page, linked beside the bot's notice


@dataclass(frozen=True)
class WebConfig:
    """The web chat page. Other sites may show it in an iframe only from ``embed_origins``."""

    embed_origins: tuple[str, ...] = ()


@dataclass(frozen=True)
class MetricsConfig:
    """``GET /metrics`` for Prometheus (see :mod:`bot.metrics`); answered only on this machine by default."""

    enabled: bool = True
    localhost_only: bool = True  # 404 to any peer that is not loopback, or came through a proxy


@dataclass(frozen=True)
class Config:
    path: Path
    content: ContentConfig
    matcher: MatcherConfig
    sms: SmsConfig
    server: ServerConfig
    privacy: PrivacyConfig
    service: ServiceConfig
    review: ReviewConfig = ReviewConfig()
    limits: LimitsConfig = LimitsConfig()
    escalation: EscalationConfig = EscalationConfig()
    metrics: MetricsConfig = MetricsConfig()
    web: WebConfig = WebConfig()


def load_config(path: Path | str = DEFAULT_CONFIG) -> Config:
    """Read and validate ``bot.toml``; raise :class:`ConfigError` naming the bad setting."""
    path = Path(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found (pass --config PATH)") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: {exc}") from None
    base = path.resolve().parent
    return Config(
        path=path,
        content=_content(path, base, _table(path, raw, "content")),
        matcher=_matcher(path, _table(path, raw, "matcher")),
        sms=SmsConfig(
            max_segments=_int(path, raw, "sms", "max_segments", 3, low=1, high=10),
            urgent_max_segments_gsm=_int(path, raw, "sms", "urgent_max_segments_gsm", 3, low=1, high=10),
            urgent_max_segments_ucs2=_int(path, raw, "sms", "urgent_max_segments_ucs2", 4, low=1, high=10),
        ),
        server=ServerConfig(
            host=_str(path, _table(path, raw, "server"), "server", "host", "127.0.0.1"),
            port=_int(path, raw, "server", "port", 8080, low=1, high=65535),
            trusted_proxies=_addresses(path, _table(path, raw, "server").get("trusted_proxies", [])),
        ),
        privacy=PrivacyConfig(
            session_days=_int(path, raw, "privacy", "session_days", 30, low=1, high=365),
            gaps=_bool(path, raw, "privacy", "gaps", True),
            gap_days=_int(path, raw, "privacy", "gap_days", 14, low=1, high=90),
        ),
        service=_service(path, _table(path, raw, "service")),
        review=ReviewConfig(
            reviewed_days=_int(path, raw, "review", "reviewed_days", 90, low=1, high=3650),
            contact_days=_int(path, raw, "review", "contact_days", 90, low=1, high=3650),
        ),
        limits=LimitsConfig(
            per_user=_int(path, raw, "limits", "per_user", 20, low=1, high=10_000),
            per_user_minutes=_int(path, raw, "limits", "per_user_minutes", 10, low=1, high=1440),
            per_client=_int(path, raw, "limits", "per_client", 60, low=1, high=100_000),
            global_per_minute=_int(path, raw, "limits", "global_per_minute", 600, low=1, high=1_000_000),
        ),
        escalation=_escalation(path, _table(path, raw, "escalation"), raw),
        metrics=MetricsConfig(
            enabled=_bool(path, raw, "metrics", "enabled", True),
            localhost_only=_bool(path, raw, "metrics", "localhost_only", True),
        ),
        web=WebConfig(embed_origins=_origins(path, _table(path, raw, "web").get("embed_origins", []))),
    )


def _service(path: Path, table: dict[str, Any]) -> ServiceConfig:
    return ServiceConfig(
        name=_str(path, table, "service", "name", "Tax privacy helpline"),
        url=_web_address(path, table, "url"),
        privacy_url=_web_address(path, table, "privacy_url"),
    )


def _web_address(path: Path, table: dict[str, Any], key: str) -> str:
    """An optional http(s) address shown as a link on the page: anything else (``javascript:``) is refused."""
    value = table.get(key, "")
    if value == "":
        return ""
    if isinstance(value, str) and not _SPACE.search(value):
        parts = urlsplit(value)
        if parts.scheme in ("https", "http") and parts.netloc:
            return value
    raise ConfigError(f"{path}: [service] {key} must be a full web address like https://example.org/privacy")


# scheme://host[:port], the host optionally starting with "*." (any subdomain): exactly what CSP
# frame-ancestors accepts as a host source, and nothing that could end the header value.
_ORIGIN = re.compile(r"https?://(\*\.)?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*(:[0-9]{1,5})?")
_SPACE = re.compile(r"\s")


def _origins(path: Path, value: Any) -> tuple[str, ...]:
    """Sites allowed to show the web chat in an iframe (``Content-Security-Policy: frame-ancestors``)."""
    if not isinstance(value, list):
        raise ConfigError(f'{path}: [web] embed_origins must be a list like ["https://example.org"]')
    for item in value:
        if not isinstance(item, str) or not _ORIGIN.fullmatch(item):
            raise ConfigError(
                f"{path}: [web] embed_origins: {item!r} is not an origin like https://example.org "
                "(scheme and host, an optional :port, no path)"
            )
    return tuple(value)


def _addresses(path: Path, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise ConfigError(f"{path}: [server] trusted_proxies must be a list of IP addresses")
    for item in value:
        try:
            ipaddress.ip_address(item)
        except (ValueError, TypeError):
            raise ConfigError(f"{path}: [server] trusted_proxies: {item!r} is not an IP address") from None
    return tuple(value)


def _escalation(path: Path, table: dict[str, Any], raw: dict[str, Any]) -> EscalationConfig:
    chat = table.get("staff_chat_id")
    if chat is not None and (not isinstance(chat, int) or isinstance(chat, bool)):
        raise ConfigError(f"{path}: [escalation] staff_chat_id must be a Telegram chat id (a whole number)")
    languages = (
        raw.get("content", {}).get("languages", ["en"]) if isinstance(raw.get("content"), dict) else []
    )
    staff_language = _str(path, table, "escalation", "staff_language", languages[0] if languages else "en")
    if staff_language not in languages:
        raise ConfigError(f"{path}: [escalation] staff_language {staff_language!r} is not in languages")
    return EscalationConfig(
        staff_chat_id=chat,
        ticket_days=_int(path, raw, "escalation", "ticket_days", 14, low=1, high=90),
        staff_language=staff_language,
    )


def _bool(path: Path, raw: dict[str, Any], section: str, key: str, default: bool) -> bool:
    value = _table(path, raw, section).get(key, default)
    if not isinstance(value, bool):
        raise ConfigError(f"{path}: [{section}] {key} must be true or false")
    return value


def _content(path: Path, base: Path, table: dict[str, Any]) -> ContentConfig:
    languages = table.get("languages", ["en"])
    if (
        not isinstance(languages, list)
        or not languages
        or not all(isinstance(x, str) and x for x in languages)
    ):
        raise ConfigError(f"{path}: [content] languages must be a non-empty list of codes")
    source = _str(path, table, "content", "source_language", languages[0])
    default = _str(path, table, "content", "default_language", source)
    for name, value in (("source_language", source), ("default_language", default)):
        if value not in languages:
            raise ConfigError(f"{path}: [content] {name} {value!r} is not in languages")
    groups = table.get("groups", [])
    if not isinstance(groups, list) or not groups or not all(isinstance(g, str) for g in groups):
        raise ConfigError(f"{path}: [content] groups must list the topic groups, in menu order")
    return ContentConfig(
        groups=tuple(groups),
        faq_dir=base / _str(path, table, "content", "faq_dir", "faq"),
        locales_dir=base / _str(path, table, "content", "locales_dir", "locales"),
        source_language=source,
        default_language=default,
        languages=tuple(languages),
    )


MATCHER_SCORES = (
    "answer",
    "suggest",
    "margin",
    "outside_margin",
    "redirect",
    "urgent",
    "urgent_gap",
    "clear_margin",
    "clear_outside_margin",
)


def _matcher(path: Path, table: dict[str, Any]) -> MatcherConfig:
    default = MatcherConfig()
    cfg = MatcherConfig(
        **{key: _float(path, table, key, getattr(default, key)) for key in MATCHER_SCORES},
        max_suggestions=int(table.get("max_suggestions", default.max_suggestions)),
    )
    if cfg.suggest > cfg.answer:
        raise ConfigError(f"{path}: [matcher] suggest must not be above answer")
    if not 1 <= cfg.max_suggestions <= 9:
        raise ConfigError(f"{path}: [matcher] max_suggestions must be between 1 and 9")
    return cfg


def _table(path: Path, raw: dict[str, Any], name: str) -> dict[str, Any]:
    value = raw.get(name, {})
    if not isinstance(value, dict):
        raise ConfigError(f"{path}: [{name}] must be a table")
    return value


def _str(path: Path, table: dict[str, Any], section: str, key: str, default: str) -> str:
    value = table.get(key, default)
    if not isinstance(value, str) or not value:
        raise ConfigError(f"{path}: [{section}] {key} must be a non-empty string")
    return value


def _int(
    path: Path, raw: dict[str, Any], section: str, key: str, default: int, *, low: int, high: int
) -> int:
    value = _table(path, raw, section).get(key, default)
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise ConfigError(f"{path}: [{section}] {key} must be a whole number from {low} to {high}")
    return value


def _float(path: Path, table: dict[str, Any], key: str, default: float) -> float:
    value = table.get(key, default)
    if not isinstance(value, (int, float)) or isinstance(value, bool) or not -1 <= value <= 1:
        raise ConfigError(f"{path}: [matcher] {key} must be a number from -1 to 1")
    return float(value)
