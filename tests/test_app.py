"""The server as a whole: health, switched-off channels, size limits, error pages."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient

from bot.app import create_app
from bot.config import Config
from bot.content import Content
from bot.conversation import Conversation
from bot.environment import read_environment
from bot.storage import Retention, open_store
from tests.helpers.served import taxbot_serve
from tests.helpers.webhooks import environment, twilio_form, twilio_signature


@pytest.fixture
async def client(
    aiohttp_client, config: Config, content: Content, conversation: Conversation, tmp_path: Path
) -> TestClient:  # type: ignore[no-untyped-def]
    env = read_environment(tmp_path, {})
    return await aiohttp_client(
        create_app(
            config, content, env, store=open_store("memory://", Retention()), conversation=conversation
        )
    )


async def test_healthz_reports_the_content_version(client: TestClient, content: Content) -> None:
    response = await client.get("/healthz")
    assert response.status == 200
    body = await response.json()
    assert body["status"] == "ok" and body["content_version"] == content.version
    assert body["languages"] == list(content.languages) and body["last_reload_error"] is None


@pytest.mark.parametrize(
    ("path", "words"), [("/twilio/sms", "TWILIO_AUTH_TOKEN"), ("/telegram/webhook", "TELEGRAM")]
)
async def test_channels_without_credentials_are_off_with_a_reason(
    client: TestClient, path: str, words: str
) -> None:
    response = await client.post(path, data=b"Body=hello")
    assert response.status == 503
    text = await response.text()
    assert words in text and text.count("\n") == 1


async def test_oversized_bodies_are_refused(client: TestClient) -> None:
    response = await client.post("/api/message", data=b"x" * (65 * 1024))
    assert response.status == 413


async def test_unknown_routes_are_404_without_details(client: TestClient) -> None:
    response = await client.get("/admin")
    assert response.status == 404
    assert "Traceback" not in await response.text()


def test_a_server_without_telegram_or_handoff_loads_neither_client_nor_cryptography() -> None:
    """About 30 MB of a small server's memory, for what is off."""
    code = (
        "import sys\n"
        "from bot import app\n"
        "assert 'telegram' not in sys.modules, 'python-telegram-bot imported'\n"
        "assert 'twilio.rest' not in sys.modules, 'twilio REST client imported'\n"
        "assert 'cryptography' not in sys.modules, 'cryptography imported (only handoff seals)'\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr[-1000:]


async def test_the_access_log_has_refused_requests_only(project_copy: Path) -> None:
    """A line per message answered would say when each person wrote (and cost a tenth of the server's
    time under load); a refused request, here a forged signature, is what an operator needs to see."""
    env = environment(BOT_STORAGE_URL=f"sqlite:///{project_copy / 'state.sqlite3'}")
    form = twilio_form("plain_en", MessageSid="SM" + "a" * 32)
    signed = {"X-Twilio-Signature": twilio_signature("/twilio/sms", form)}
    async with taxbot_serve(project_copy / "bot.toml", env) as served:
        for headers, expected in ((signed, 200), ({"X-Twilio-Signature": "forged"}, 403)):
            async with served.http.post(served.url + "/twilio/sms", data=form, headers=headers) as reply:
                assert reply.status == expected
        deadline = time.monotonic() + 10
        while '" 403 ' not in served.log() and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
    logged = served.log()
    assert '"POST /twilio/sms HTTP/1.1" 403 ' in logged
    assert '" 200 ' not in logged
