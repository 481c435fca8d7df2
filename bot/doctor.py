"""``taxbot doctor``: is this deployment ready to go live, and if not, what to fix.

Start-up already refuses what cannot work (a Telegram token without its
secret, a short key); the doctor also finds what starts but fails later or
quietly: a weak key, a webhook address Twilio or Telegram cannot call, a staff
group with no bot to post in it, a store that cannot be reached, content with
errors, an env file others can read. It reads the settings exactly as the
service would (``--env-file`` is the file systemd's ``EnvironmentFile=``
reads), prints one line per finding, and makes no network call except to the
store.
Owns: the checks and their wording. Must not: change anything (it opens an
SQLite file read-only and never creates one) or print a secret.
"""

from __future__ import annotations

import asyncio
import ipaddress
import math
import re
import sqlite3
import stat
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from bot.check import check
from bot.config import Config, ServiceConfig, load_config
from bot.environment import MIN_KEY_LENGTH, read_environment
from bot.errors import ConfigError
from bot.storage import Retention, StoreUnavailable, open_store

Level = Literal["ok", "note", "problem"]

# A key's strength is estimated from the characters it uses: a random key of 32 hex digits
# (128 bits) is the weakest that passes; a repeated pattern counts once.
MIN_KEY_BITS = 128
MAKE_KEY = 'python3 -c "import secrets; print(secrets.token_urlsafe(36))"'
MAKE_TELEGRAM_SECRET = 'python3 -c "import secrets; print(secrets.token_urlsafe(32))"'
# Twilio: Account SIDs are AC + 32 hex digits (https://www.twilio.com/docs/iam/api/authtoken);
# Auth Tokens are 32 hex digits (the Console shows them so; Twilio publishes no pattern for them).
TWILIO_SID = re.compile(r"AC[0-9a-fA-F]{32}")
TWILIO_TOKEN = re.compile(r"[0-9a-fA-F]{32}")
# BotFather's tokens are "<bot id>:<a long run of letters, digits, _ and ->", as in the Bot API's own
# example 123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11 (https://core.telegram.org/bots/api#authorizing-your-bot).
TELEGRAM_TOKEN = re.compile(r"[0-9]+:[A-Za-z0-9_-]{30,}")
# "Ports currently supported for webhooks: 443, 80, 88, 8443" (https://core.telegram.org/bots/api#setwebhook).
TELEGRAM_PORTS = (443, 80, 88, 8443)
# deploy/taxbot.env.example and the guides use these (RFC 2606): nobody can receive there.
EXAMPLE_DOMAINS = ("example.org", "example.com", "example.net")
BOT_ROUTES = ("/twilio/sms", "/telegram/webhook", "/healthz", "/api/message")


@dataclass(frozen=True)
class Finding:
    level: Level
    topic: str
    text: str

    def __str__(self) -> str:
        return f"{self.level.upper() if self.level == 'problem' else self.level:<8} {self.topic}: {self.text}"


def problem(topic: str, text: str) -> Finding:
    return Finding("problem", topic, text)


def note(topic: str, text: str) -> Finding:
    return Finding("note", topic, text)


def ok(topic: str, text: str) -> Finding:
    return Finding("ok", topic, text)


def examine(config_path: Path, env: Mapping[str, str], env_file: Path | None = None) -> list[Finding]:
    """Every check, in the order an operator fixes things: files, secrets, channels, store, content."""
    findings: list[Finding] = []
    if env_file is not None:
        findings += check_env_file(env_file)
    settings = {name: value.strip() for name, value in env.items() if value.strip()}
    try:
        config = load_config(config_path)
    except ConfigError as exc:  # the environment can still be checked; the rest needs the file
        return [*findings, problem("bot.toml", str(exc)), *check_settings(settings)]
    findings.append(ok("bot.toml", f"read {config_path}"))
    findings += check_service(config.service)
    findings += check_server(config)
    own = check_settings(settings, config.escalation.staff_chat_id)
    findings += own
    if not any(f.level == "problem" for f in own):
        findings += check_start(config_path, settings)
    findings += check_store(settings, config)
    findings += check_content(config)
    return findings


def check_settings(env: Mapping[str, str], staff_chat_in_toml: int | None = None) -> list[Finding]:
    """The environment alone: secrets present and strong, the public URL, Twilio and Telegram consistent."""
    return [
        *check_secret_key(env),
        *check_public_url(env),
        *check_twilio(env, staff_chat_in_toml),
        *check_telegram(env, staff_chat_in_toml),
    ]


def check_env_file(path: Path) -> list[Finding]:
    """The file holds every secret: only root (systemd reads it before dropping privileges) may read it."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        return [problem("env file", f"cannot read {path}: {exc.strerror}")]
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        return [problem("env file", f"{path} can be read by other users: sudo chmod 600 {path}")]
    return [ok("env file", f"{path} is readable by its owner only")]


def read_env_file(path: Path) -> dict[str, str]:
    """``KEY=value`` lines as systemd's ``EnvironmentFile=`` reads them (comments, blank lines, quotes)."""
    values: dict[str, str] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")) or "=" not in line:
            continue
        name, value = (part.strip() for part in line.split("=", 1))
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        values[name] = value
    return values


def key_bits(key: str) -> float:
    """A cautious strength estimate: the shortest repeating unit, times the bits of its character set."""
    unit = len(key)
    for period in range(1, len(key)):
        if all(key[i] == key[i + period] for i in range(len(key) - period)):
            unit = period
            break
    if re.fullmatch(r"[0-9]+", key):
        per_char = math.log2(10)
    elif re.fullmatch(r"[0-9a-fA-F]+", key):
        per_char = 4.0
    elif re.fullmatch(r"[0-9a-z]+", key) or re.fullmatch(r"[0-9A-Z]+", key):
        per_char = math.log2(36)
    else:
        per_char = 6.0
    return unit * per_char


def check_secret_key(env: Mapping[str, str]) -> list[Finding]:
    key, previous = env.get("BOT_SECRET_KEY"), env.get("BOT_PREVIOUS_SECRET_KEY")
    if key is None:
        return [
            problem(
                "BOT_SECRET_KEY",
                f"not set: opt-outs and sessions would be forgotten at every restart. Make one: {MAKE_KEY}",
            )
        ]
    findings = [_strength("BOT_SECRET_KEY", key, MAKE_KEY)]
    if previous is not None:
        if previous == key:
            findings.append(
                problem("BOT_PREVIOUS_SECRET_KEY", "equals BOT_SECRET_KEY: set it only while rotating")
            )
        else:
            findings.append(_strength("BOT_PREVIOUS_SECRET_KEY", previous, MAKE_KEY))
    return findings


def _strength(name: str, value: str, make: str) -> Finding:
    if len(value) < MIN_KEY_LENGTH:
        return problem(
            name, f"{len(value)} characters; it needs at least {MIN_KEY_LENGTH} random ones: {make}"
        )
    if key_bits(value) < MIN_KEY_BITS:
        return problem(name, f"too easy to guess (repeats itself or uses few characters); make one: {make}")
    return ok(name, f"set, {len(value)} characters")


def check_public_url(env: Mapping[str, str]) -> list[Finding]:
    """The base address Twilio signs over and Telegram posts to: https, public, no path, no query."""
    url = env.get("BOT_PUBLIC_URL")
    channels_on = "TWILIO_AUTH_TOKEN" in env or "TELEGRAM_BOT_TOKEN" in env
    if url is None:
        if channels_on:
            return [
                problem(
                    "BOT_PUBLIC_URL", "not set, but SMS or Telegram is on: set the https address they call"
                )
            ]
        return [note("BOT_PUBLIC_URL", "not set: only the web chat works (SMS and Telegram need it)")]
    parts = urlsplit(url)
    topic = "BOT_PUBLIC_URL"
    if not parts.hostname:
        return [problem(topic, f"{url!r} must be a full https address such as https://bot.example.org")]
    findings: list[Finding] = []
    if parts.scheme != "https":
        findings.append(
            problem(topic, "must start with https:// (Telegram calls only https; Twilio signs it)")
        )
    if parts.query or parts.fragment:
        findings.append(problem(topic, "remove the ?query or #fragment: it is the base address only"))
    path = parts.path.rstrip("/")
    route = next((r for r in BOT_ROUTES if path.endswith(r)), None)
    if route is not None:
        findings.append(
            problem(topic, f"remove {route!r}: it is the base address; the bot adds the path it received")
        )
    elif path:
        findings.append(
            note(
                topic,
                f"has the path {path!r}: right only if your proxy serves the bot under it and strips it",
            )
        )
    if any(parts.hostname == d or parts.hostname.endswith("." + d) for d in EXAMPLE_DOMAINS):
        findings.append(
            problem(topic, f"{parts.hostname} is the template's example: put the bot's own address")
        )
    if _private_host(parts.hostname):
        findings.append(
            problem(topic, f"{parts.hostname} cannot be reached from the internet by Twilio or Telegram")
        )
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        return [*findings, problem(topic, "the port after the host must be a number")]
    if "TELEGRAM_BOT_TOKEN" in env and port not in TELEGRAM_PORTS:
        findings.append(
            problem(
                topic, f"port {port}: Telegram calls webhooks only on {', '.join(map(str, TELEGRAM_PORTS))}"
            )
        )
    return findings or [ok(topic, url.rstrip("/"))]


def _private_host(host: str) -> bool:
    if host == "localhost" or host.endswith((".localhost", ".local", ".internal")):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return not address.is_global


def check_twilio(env: Mapping[str, str], staff_chat_in_toml: int | None = None) -> list[Finding]:
    token, sid = env.get("TWILIO_AUTH_TOKEN"), env.get("TWILIO_ACCOUNT_SID")
    findings: list[Finding] = []
    if sid is not None and not TWILIO_SID.fullmatch(sid):
        findings.append(
            problem(
                "TWILIO_ACCOUNT_SID", "should be AC followed by 32 hex digits (Twilio Console, Account Info)"
            )
        )
    if token is None:
        if sid is not None:
            findings.append(
                problem("TWILIO_AUTH_TOKEN", "TWILIO_ACCOUNT_SID is set but the Auth Token is not: set both")
            )
        return findings or [note("SMS", "off (no TWILIO_AUTH_TOKEN)")]
    findings += _twilio_token(token)
    if "TWILIO_API_BASE_URL" in env:
        findings.append(
            problem("TWILIO_API_BASE_URL", "is for tests only: remove it so replies go to Twilio")
        )
    staff = env.get("BOT_STAFF_CHAT_ID") is not None or staff_chat_in_toml is not None
    if sid is None and staff:
        findings.append(
            note("TWILIO_ACCOUNT_SID", "not set: people on SMS are not offered a legal-aid worker")
        )
    return findings or [
        ok("SMS", "on: TWILIO_AUTH_TOKEN" + (" and TWILIO_ACCOUNT_SID" if sid else "") + " set")
    ]


def _twilio_token(token: str) -> list[Finding]:
    topic = "TWILIO_AUTH_TOKEN"
    if TWILIO_TOKEN.fullmatch(token):
        return []
    if re.fullmatch(r"[A-Za-z0-9]{32}", token):
        return [
            problem(
                topic,
                "not hex, so not an Auth Token (an API Key secret?): signatures use the Auth Token "
                "from the Twilio Console, Account Info",
            )
        ]
    return [
        problem(
            topic, f"{len(token)} characters; a Twilio Auth Token is 32 hex digits (Console, Account Info)"
        )
    ]


def check_telegram(env: Mapping[str, str], staff_chat_in_toml: int | None = None) -> list[Finding]:
    token, secret = env.get("TELEGRAM_BOT_TOKEN"), env.get("TELEGRAM_WEBHOOK_SECRET")
    staff_text = env.get("BOT_STAFF_CHAT_ID")
    findings: list[Finding] = []
    if token is not None and not TELEGRAM_TOKEN.fullmatch(token):
        findings.append(
            problem("TELEGRAM_BOT_TOKEN", "should look like 123456789:AA... (the whole line @BotFather gave)")
        )
    if (token is None) != (secret is None):
        missing = "TELEGRAM_WEBHOOK_SECRET" if secret is None else "TELEGRAM_BOT_TOKEN"
        findings.append(
            problem(missing, "not set: Telegram needs the bot token and the webhook secret together")
        )
    if secret is not None:
        findings += _telegram_secret(secret)
    staff = _staff_chat(staff_text, staff_chat_in_toml, findings)
    if staff is not None and token is None:
        findings.append(
            problem(
                "staff group",
                "set (BOT_STAFF_CHAT_ID or [escalation] staff_chat_id) but Telegram is off: tickets "
                "go to the group through the bot, so set TELEGRAM_BOT_TOKEN or remove the group",
            )
        )
    elif staff is not None and staff > 0:
        findings.append(note("staff group", "a positive id is one person's chat; a group's id starts with -"))
    if findings:
        return findings
    if token is None:
        return [note("Telegram", "off (no TELEGRAM_BOT_TOKEN)")]
    return [ok("Telegram", "on" + (", staff group set" if staff is not None else ", no staff group"))]


def _telegram_secret(secret: str) -> list[Finding]:
    topic = "TELEGRAM_WEBHOOK_SECRET"
    if not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", secret):
        return [problem(topic, f"may hold only letters, digits, _ and -; make one: {MAKE_TELEGRAM_SECRET}")]
    weak = _strength(topic, secret, MAKE_TELEGRAM_SECRET)
    return [weak] if weak.level == "problem" else []


def _staff_chat(text: str | None, in_toml: int | None, findings: list[Finding]) -> int | None:
    if text is None:
        return in_toml
    if not re.fullmatch(r"-?[0-9]+", text):
        findings.append(problem("BOT_STAFF_CHAT_ID", "must be a whole number like -1001234567890"))
        return None
    return int(text)


def check_start(config_path: Path, env: Mapping[str, str]) -> list[Finding]:
    """What start-up itself says about the environment, for anything the checks above do not cover."""
    try:
        read_environment(config_path.resolve().parent, env)
    except ConfigError as exc:
        return [problem("start-up", str(exc))]
    return []


def check_service(service: ServiceConfig) -> list[Finding]:
    if service.name == ServiceConfig.name:
        return [
            note("[service] name", f"still {service.name!r}: put your organisation's name (HELP names it)")
        ]
    return [ok("[service] name", service.name)]


def check_server(config: Config) -> list[Finding]:
    host = config.server.host
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = host == "localhost"
    if not loopback:
        return [
            note("[server] host", f"{host}: listen on 127.0.0.1 and let the reverse proxy face the internet")
        ]
    if not config.server.trusted_proxies:
        return [
            note(
                "[server] trusted_proxies",
                "empty: behind a reverse proxy every web-chat visitor counts as one client "
                '(set trusted_proxies = ["127.0.0.1"])',
            )
        ]
    return [
        ok("[server]", f"{host}:{config.server.port}, proxies {', '.join(config.server.trusted_proxies)}")
    ]


def check_store(env: Mapping[str, str], config: Config) -> list[Finding]:
    """Reach the store the way the service will: Redis with one read; SQLite read-only, never created."""
    url = env.get("BOT_STORAGE_URL") or f"sqlite:///{config.path.resolve().parent / 'var' / 'taxbot.sqlite3'}"
    if url == "memory://":
        return [problem("BOT_STORAGE_URL", "memory:// keeps nothing: every opt-out is lost at restart")]
    if url.startswith("sqlite:///"):
        return check_sqlite(Path(url.removeprefix("sqlite:///")), named="BOT_STORAGE_URL" in env)
    try:
        return asyncio.run(_check_redis(url, Retention.of(config)))
    except ConfigError as exc:
        return [problem("BOT_STORAGE_URL", str(exc))]


def check_sqlite(path: Path, *, named: bool) -> list[Finding]:
    default = "" if named else " (BOT_STORAGE_URL not set: next to bot.toml)"
    if not path.exists():
        where = "" if path.parent.is_dir() else f"; {path.parent} does not exist yet"
        return [
            note(
                "store",
                f"SQLite {path}{default} will be created at the first start{where}. The service's "
                f"user must be able to write in {path.parent} (deploy/taxbot.service makes /var/lib/taxbot)",
            )
        ]
    try:
        # immutable=1: no lock and no -wal/-shm file, which root would otherwise own after this look.
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
        try:
            tables = connection.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[
                0
            ]
        finally:
            connection.close()
    except sqlite3.Error as exc:
        return [problem("store", f"SQLite {path} cannot be read: {exc}")]
    return [ok("store", f"SQLite {path}{default}, {tables} tables")]


async def _check_redis(url: str, retention: Retention) -> list[Finding]:
    from redis.exceptions import RedisError  # redis-py comes with the bot; imported only for Redis

    store = open_store(url, retention)
    try:
        await store.opted_out("taxbot-doctor")  # one read of a key that never exists
    except (StoreUnavailable, RedisError, OSError) as exc:
        return [problem("store", f"Redis cannot be reached: {_without_password(str(exc), url)}")]
    finally:
        await store.close()
    return [ok("store", "Redis answers")]


def _without_password(text: str, url: str) -> str:
    password = urlsplit(url).password
    return text.replace(password, "****") if password else text


def check_content(config: Config) -> list[Finding]:
    content, problems = check(config)
    errors = [p for p in problems if p.level == "error"]
    if content is None or errors:
        shown = "; ".join(p.shown(config.path.resolve().parent) for p in errors[:3])
        more = f" (and {len(errors) - 3} more)" if len(errors) > 3 else ""
        return [problem("content", f"{len(errors)} error(s), run `taxbot faq check`: {shown}{more}")]
    warnings = len(problems) - len(errors)
    return [
        ok(
            "content",
            f"{len(content.faq.entries)} entries in {', '.join(content.languages)}; {warnings} warning(s)",
        )
    ]


def report(findings: Iterable[Finding], write: Callable[[str], object] = print) -> int:
    """Print the findings, problems first, and the exit code: 1 when anything must be fixed."""
    order = {"problem": 0, "note": 1, "ok": 2}
    found = sorted(findings, key=lambda f: order[f.level])
    for finding in found:
        write(str(finding))
    problems = sum(f.level == "problem" for f in found)
    if problems:
        write(f"{problems} problem(s): fix them, then run `taxbot doctor` again.")
        return 1
    write("ready: no problems found.")
    return 0
