"""`taxbot doctor` and the other start-up diagnostics an operator meets before going live.

The doctor's checks run on tables of settings (no network, no content); a few
runs go through the real command with a temporary bot.toml and env file, as an
IT volunteer would. Also here: start-up refusing a Twilio token that cannot be
one, and the bad-signature warning that points at BOT_PUBLIC_URL.
"""

from __future__ import annotations

import logging
import os
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from bot import doctor
from bot.app import TWILIO, create_app
from bot.channels import twilio_sms
from bot.config import Config, load_config
from bot.content import Content
from bot.conversation import Conversation
from bot.doctor import Finding
from bot.environment import read_environment
from bot.errors import ConfigError
from bot.storage import Retention, open_store
from tests.helpers.webhooks import PUBLIC_URL, TWILIO_TOKEN, environment, twilio_form

ROOT = Path(__file__).resolve().parent.parent
# Fixed stand-ins of the right forms (never real credentials).
STRONG_KEY = "q3Vh0bX9mZrT_aL7pW2sKc8NdYe4Fg1Ju6Hi5Mo-RvB"  # the shape of secrets.token_urlsafe(32)
HEX_KEY = "9f86d081884c7d659a2feaa0c55ad015"  # 32 hex digits: 128 bits, the weakest that passes
AUTH_TOKEN = "0123456789abcdef0123456789abcdef"
ACCOUNT_SID = "AC" + "0123456789abcdef" * 2
BOT_TOKEN = "110201543:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"
WEBHOOK_SECRET = "Zk3_pQ8vLr2-Xw9mTn4sBy7cHd1gFj6eKa0oUi5"
PUBLIC = "https://help.legalaid-test.org"
TOKEN_ONLY = {"TELEGRAM_BOT_TOKEN": BOT_TOKEN}
SECRET_ONLY = {"TELEGRAM_WEBHOOK_SECRET": WEBHOOK_SECRET}
STAFF = {"BOT_STAFF_CHAT_ID": "-1001234567890"}


def found(findings: list[Finding], topic: str) -> list[str]:
    """The levels of the findings about ``topic``."""
    return [f.level for f in findings if f.topic == topic]


def problems(findings: list[Finding]) -> dict[str, str]:
    return {f.topic: f.text for f in findings if f.level == "problem"}


@pytest.mark.parametrize(
    ("key", "level"),
    [
        (STRONG_KEY, "ok"),
        (HEX_KEY, "ok"),
        ("k" * 40, "problem"),
        ("password" * 5, "problem"),
        ("0123456789abcdef" * 2, "problem"),  # a pattern, repeated
        ("changeme-changeme-changeme-change", "problem"),  # repeated, then cut short
        ("short-but-random-Xy9", "problem"),
    ],
)
def test_the_secret_key_must_be_long_and_random(key: str, level: str) -> None:
    assert found(doctor.check_secret_key({"BOT_SECRET_KEY": key}), "BOT_SECRET_KEY") == [level]


def test_a_missing_key_is_a_problem_with_the_command_that_makes_one() -> None:
    (finding,) = doctor.check_secret_key({})
    assert finding.level == "problem" and finding.topic == "BOT_SECRET_KEY"
    assert "secrets.token_urlsafe" in finding.text


def test_the_previous_key_is_checked_too() -> None:
    same = doctor.check_secret_key({"BOT_SECRET_KEY": STRONG_KEY, "BOT_PREVIOUS_SECRET_KEY": STRONG_KEY})
    weak = doctor.check_secret_key({"BOT_SECRET_KEY": STRONG_KEY, "BOT_PREVIOUS_SECRET_KEY": "k" * 40})
    assert "equals" in problems(same)["BOT_PREVIOUS_SECRET_KEY"]
    assert found(weak, "BOT_PREVIOUS_SECRET_KEY") == ["problem"]


@pytest.mark.parametrize(
    ("url", "telegram", "levels", "says"),
    [
        (PUBLIC, True, ["ok"], ""),
        (PUBLIC + "/", False, ["ok"], ""),
        ("http://help.legalaid-test.org", False, ["problem"], "https://"),
        (PUBLIC + "/twilio/sms", False, ["problem"], "remove '/twilio/sms'"),
        (PUBLIC + "/telegram/webhook", True, ["problem"], "remove '/telegram/webhook'"),
        (PUBLIC + "/helpline", False, ["note"], "strips it"),
        (PUBLIC + "?x=1", False, ["problem"], "query"),
        ("help.legalaid-test.org", False, ["problem"], "full https address"),
        ("https://bot.example.org", False, ["problem"], "example"),
        ("https://127.0.0.1", False, ["problem"], "internet"),
        ("https://localhost:8443", True, ["problem"], "internet"),
        (PUBLIC + ":8080", True, ["problem"], "port 8080"),
        (PUBLIC + ":8080", False, ["ok"], ""),
        (PUBLIC + ":8443", True, ["ok"], ""),
    ],
)
def test_public_url_form(url: str, telegram: bool, levels: list[str], says: str) -> None:
    env = {"BOT_PUBLIC_URL": url, **({"TELEGRAM_BOT_TOKEN": BOT_TOKEN} if telegram else {})}
    findings = doctor.check_public_url(env)
    assert found(findings, "BOT_PUBLIC_URL") == levels
    assert says in " ".join(f.text for f in findings)


def test_public_url_is_needed_once_a_channel_is_on() -> None:
    assert found(doctor.check_public_url({"TWILIO_AUTH_TOKEN": AUTH_TOKEN}), "BOT_PUBLIC_URL") == ["problem"]
    assert found(doctor.check_public_url({}), "BOT_PUBLIC_URL") == ["note"]


@pytest.mark.parametrize(
    ("env", "topic", "says"),
    [
        ({"TWILIO_ACCOUNT_SID": ACCOUNT_SID}, "TWILIO_AUTH_TOKEN", "set both"),
        ({"TWILIO_AUTH_TOKEN": "abc"}, "TWILIO_AUTH_TOKEN", "3 characters"),
        ({"TWILIO_AUTH_TOKEN": "SKaBcDeFgHiJkLmNoPqRsTuVwXyZ012345"[2:]}, "TWILIO_AUTH_TOKEN", "API Key"),
        ({"TWILIO_AUTH_TOKEN": AUTH_TOKEN, "TWILIO_ACCOUNT_SID": "AC123"}, "TWILIO_ACCOUNT_SID", "32 hex"),
        (
            {"TWILIO_AUTH_TOKEN": AUTH_TOKEN, "TWILIO_API_BASE_URL": "http://127.0.0.1:9"},
            "TWILIO_API_BASE_URL",
            "tests only",
        ),
    ],
)
def test_twilio_settings_that_cannot_work(env: dict[str, str], topic: str, says: str) -> None:
    assert says in problems(doctor.check_twilio(env))[topic]


def test_twilio_settings_that_work() -> None:
    findings = doctor.check_twilio({"TWILIO_AUTH_TOKEN": AUTH_TOKEN, "TWILIO_ACCOUNT_SID": ACCOUNT_SID})
    assert [f.level for f in findings] == ["ok"]
    # Without the SID, SMS works but a worker cannot write back by SMS.
    alone = doctor.check_twilio({"TWILIO_AUTH_TOKEN": AUTH_TOKEN, **STAFF})
    assert found(alone, "TWILIO_ACCOUNT_SID") == ["note"]


@pytest.mark.parametrize(
    ("env", "in_toml", "topic", "says"),
    [
        (STAFF, None, "staff group", "Telegram is off"),
        ({}, -1001234567890, "staff group", "Telegram is off"),
        (TOKEN_ONLY, None, "TELEGRAM_WEBHOOK_SECRET", "together"),
        (SECRET_ONLY, None, "TELEGRAM_BOT_TOKEN", "together"),
        ({**SECRET_ONLY, "TELEGRAM_BOT_TOKEN": "12345"}, None, "TELEGRAM_BOT_TOKEN", ":AA"),
        ({**TOKEN_ONLY, "TELEGRAM_WEBHOOK_SECRET": "abc"}, None, "TELEGRAM_WEBHOOK_SECRET", "at least"),
        ({**TOKEN_ONLY, "TELEGRAM_WEBHOOK_SECRET": "a b"}, None, "TELEGRAM_WEBHOOK_SECRET", "only"),
        ({"BOT_STAFF_CHAT_ID": "the-group"}, None, "BOT_STAFF_CHAT_ID", "whole number"),
    ],
)
def test_telegram_settings_that_cannot_work(
    env: dict[str, str], in_toml: int | None, topic: str, says: str
) -> None:
    assert says in problems(doctor.check_telegram(env, in_toml))[topic]


def test_telegram_settings_that_work() -> None:
    env = {**TOKEN_ONLY, **SECRET_ONLY}
    assert [f.level for f in doctor.check_telegram(env)] == ["ok"]
    assert [f.level for f in doctor.check_telegram({**env, **STAFF})] == ["ok"]
    assert [f.level for f in doctor.check_telegram({})] == ["note"]  # off is a choice, not a problem


def test_an_sqlite_store_is_read_without_being_changed(tmp_path: Path, config: Config) -> None:
    path = tmp_path / "taxbot.sqlite3"
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("CREATE TABLE optouts (key TEXT PRIMARY KEY)")
    connection.close()
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    findings = doctor.check_store({"BOT_STORAGE_URL": f"sqlite:///{path}"}, config)
    assert [f.level for f in findings] == ["ok"]
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before  # no -wal, no -shm, same bytes


def test_a_missing_sqlite_file_is_a_note_and_is_not_created(tmp_path: Path, config: Config) -> None:
    path = tmp_path / "state" / "taxbot.sqlite3"
    findings = doctor.check_store({"BOT_STORAGE_URL": f"sqlite:///{path}"}, config)
    assert [f.level for f in findings] == ["note"] and "first start" in findings[0].text
    assert not path.parent.exists()


def test_a_broken_sqlite_file_is_a_problem(tmp_path: Path, config: Config) -> None:
    path = tmp_path / "taxbot.sqlite3"
    path.write_bytes(b"this is not a database, it is long enough to have a header" * 10)
    assert found(doctor.check_store({"BOT_STORAGE_URL": f"sqlite:///{path}"}, config), "store") == ["problem"]


def test_a_memory_store_keeps_nothing(config: Config) -> None:
    assert found(doctor.check_store({"BOT_STORAGE_URL": "memory://"}, config), "BOT_STORAGE_URL") == [
        "problem"
    ]


def test_redis_that_does_not_answer_is_a_problem_without_its_password(config: Config) -> None:
    with socket.socket() as sock:  # a loopback port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    findings = doctor.check_store({"BOT_STORAGE_URL": f"redis://taxbot:hunter2@127.0.0.1:{port}/0"}, config)
    assert found(findings, "store") == ["problem"]
    assert "hunter2" not in findings[0].text


def test_redis_that_answers(redis_url: str, config: Config) -> None:
    assert found(doctor.check_store({"BOT_STORAGE_URL": redis_url}, config), "store") == ["ok"]


def test_env_file_must_be_private_and_is_read_as_systemd_reads_it(tmp_path: Path) -> None:
    env = tmp_path / "env"
    env.write_text(
        "# a comment\n; another\n\nBOT_SECRET_KEY='quoted-value'\n"
        'BOT_PUBLIC_URL="https://a.org"\nTWILIO_AUTH_TOKEN = spaced\n'
    )
    env.chmod(0o644)
    assert [f.level for f in doctor.check_env_file(env)] == ["problem"]
    env.chmod(0o600)
    assert [f.level for f in doctor.check_env_file(env)] == ["ok"]
    assert doctor.read_env_file(env) == {
        "BOT_SECRET_KEY": "quoted-value",
        "BOT_PUBLIC_URL": "https://a.org",
        "TWILIO_AUTH_TOKEN": "spaced",
    }


def test_broken_content_is_a_problem(project_copy: Path) -> None:
    page = project_copy / "faq" / "itin-what" / "en.md"
    page.write_text(page.read_text(encoding="utf-8").replace("translation: source", "translation: maybe"))
    findings = doctor.check_content(load_config(project_copy / "bot.toml"))
    assert found(findings, "content") == ["problem"]
    assert "faq/itin-what/en.md:3" in findings[0].text


def test_a_broken_bot_toml_still_gets_the_environment_checked(tmp_path: Path) -> None:
    (tmp_path / "bot.toml").write_text("[content]\nlanguages = []\n")
    findings = doctor.examine(tmp_path / "bot.toml", {"BOT_PUBLIC_URL": "http://a.org/twilio/sms"})
    assert set(problems(findings)) == {"bot.toml", "BOT_SECRET_KEY", "BOT_PUBLIC_URL"}
    assert "languages" in problems(findings)["bot.toml"]


def doctor_command(config: Path, env_file: Path) -> subprocess.CompletedProcess[str]:
    """The real command, with nothing from this process's environment."""
    return subprocess.run(
        [sys.executable, "-m", "bot", "doctor", "--config", str(config), "--env-file", str(env_file)],
        capture_output=True,
        text=True,
        cwd=config.parent,
        env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PYTHONPATH": str(ROOT)},
        timeout=180,
    )


def write_env(path: Path, **values: str) -> Path:
    path.write_text("".join(f"{name}={value}\n" for name, value in values.items()))
    path.chmod(0o600)
    return path


def test_doctor_names_a_missing_secret_and_a_bad_public_url(project_copy: Path, tmp_path: Path) -> None:
    env = write_env(
        tmp_path / "env",
        BOT_PUBLIC_URL="https://help.legalaid-test.org/twilio/sms",
        TWILIO_AUTH_TOKEN=AUTH_TOKEN,
        BOT_STORAGE_URL=f"sqlite:///{tmp_path / 'taxbot.sqlite3'}",
    )
    run = doctor_command(project_copy / "bot.toml", env)
    assert run.returncode == 1, run.stdout + run.stderr
    lines = run.stdout.splitlines()
    assert any(line.startswith("PROBLEM") and "BOT_SECRET_KEY: not set" in line for line in lines)
    assert any(
        line.startswith("PROBLEM") and "BOT_PUBLIC_URL: remove '/twilio/sms'" in line for line in lines
    )
    assert "problem(s): fix them" in lines[-1]
    assert AUTH_TOKEN not in run.stdout + run.stderr  # secrets are named, never shown


def test_doctor_passes_a_complete_deployment(project_copy: Path, tmp_path: Path) -> None:
    toml = project_copy / "bot.toml"
    text = toml.read_text(encoding="utf-8")
    text = text.replace('name = "Tax privacy helpline"', 'name = "Legal Aid Test Office"')
    toml.write_text(text.replace("[server]", '[server]\ntrusted_proxies = ["127.0.0.1"]', 1))
    store = tmp_path / "taxbot.sqlite3"
    sqlite3.connect(store).close()
    env = write_env(
        tmp_path / "env",
        BOT_SECRET_KEY=STRONG_KEY,
        BOT_PUBLIC_URL=PUBLIC,
        BOT_STORAGE_URL=f"sqlite:///{store}",
        TWILIO_AUTH_TOKEN=AUTH_TOKEN,
        TWILIO_ACCOUNT_SID=ACCOUNT_SID,
        TELEGRAM_BOT_TOKEN=BOT_TOKEN,
        TELEGRAM_WEBHOOK_SECRET=WEBHOOK_SECRET,
        BOT_STAFF_CHAT_ID="-1001234567890",
    )
    run = doctor_command(toml, env)
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.splitlines()[-1] == "ready: no problems found."
    assert not [line for line in run.stdout.splitlines() if line.startswith(("PROBLEM", "note"))]


@pytest.mark.parametrize("token", ["abc", AUTH_TOKEN + "0", f'"{AUTH_TOKEN[:30]}"', AUTH_TOKEN[:31] + " "])
def test_start_up_refuses_a_twilio_token_that_cannot_be_one(tmp_path: Path, token: str) -> None:
    with pytest.raises(ConfigError) as caught:
        read_environment(tmp_path, environment(TWILIO_AUTH_TOKEN=token))
    assert "TWILIO_AUTH_TOKEN" in str(caught.value) and "Twilio Console" in str(caught.value)


def test_start_up_accepts_a_twilio_token_of_the_right_form(tmp_path: Path) -> None:
    env = read_environment(tmp_path, environment(TWILIO_AUTH_TOKEN=AUTH_TOKEN))
    assert env.twilio_auth_token is not None and env.twilio_auth_token.reveal() == AUTH_TOKEN


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def test_a_bad_signature_is_logged_once_a_minute_with_the_hint(
    aiohttp_client: Any,
    config: Config,
    content: Content,
    conversation: Conversation,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    env = read_environment(tmp_path, environment())
    store = open_store("memory://", Retention())
    app = create_app(config, content, env, store=store, conversation=conversation)
    clock = Clock()
    app[TWILIO] = twilio_sms.TwilioChannel(TWILIO_TOKEN, PUBLIC_URL, clock=clock)
    client = await aiohttp_client(app)
    form = twilio_form("plain_en")

    async def post() -> int:
        response = await client.post(twilio_sms.PATH, data=form, headers={"X-Twilio-Signature": "forged"})
        return int(response.status)

    with caplog.at_level(logging.INFO):
        assert [await post() for _ in range(3)] == [403, 403, 403]
        clock.now += twilio_sms.REFUSAL_LOG_SECONDS
        assert await post() == 403
    warnings = [r.getMessage() for r in caplog.records if r.name == twilio_sms.__name__]
    assert len(warnings) == 2
    assert "BOT_PUBLIC_URL" in warnings[0] and f"{PUBLIC_URL}{twilio_sms.PATH}" in warnings[0]
    assert "2 more since the last warning" in warnings[1]
    logged = " ".join(r.getMessage() for r in caplog.records)
    for value in (form["From"], form["Body"], form["MessageSid"]):
        assert value not in logged
