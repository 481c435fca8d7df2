"""Telegram through the real app, with python-telegram-bot pointed at a stand-in Bot API on 127.0.0.1."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.app import HELPLINE, create_app
from bot.config import Config
from bot.content import Content
from bot.conversation import Conversation
from bot.environment import read_environment
from tests.helpers.fake_telegram import FakeBotApi
from tests.helpers.webhooks import TELEGRAM_SECRET, TELEGRAM_TOKEN, telegram_environment, telegram_update

PATH = "/telegram/webhook"


@dataclass
class Rig:
    client: TestClient
    api: FakeBotApi
    state: Path


@pytest.fixture
async def rig(
    aiohttp_client,
    aiohttp_server,
    config: Config,
    content: Content,
    conversation: Conversation,
    tmp_path: Path,
) -> AsyncIterator[Rig]:  # type: ignore[no-untyped-def]
    api = FakeBotApi()
    server: TestServer = await aiohttp_server(api.app)
    state = tmp_path / "state.sqlite3"
    env = read_environment(
        tmp_path,
        telegram_environment(
            server.port,
            BOT_STORAGE_URL=f"sqlite:///{state}",
        ),
    )
    client = await aiohttp_client(create_app(config, content, env, conversation=conversation))
    yield Rig(client, api, state)


async def deliver(rig: Rig, update: dict[str, Any], secret: str | None = TELEGRAM_SECRET) -> int:
    headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret is not None else {}
    response = await rig.client.post(PATH, json=update, headers=headers)
    return response.status


async def test_the_bot_starts_by_asking_the_stand_in_who_it_is(rig: Rig) -> None:
    assert rig.api.calls[0][0] == "getMe"


@pytest.mark.parametrize(("secret", "status"), [(None, 403), ("wrong", 403), (TELEGRAM_SECRET + "x", 403)])
async def test_wrong_or_missing_secret_is_refused_and_nothing_is_sent(
    rig: Rig, secret: str | None, status: int
) -> None:
    assert await deliver(rig, telegram_update("private_text"), secret) == status
    await asyncio.sleep(0.3)
    assert rig.api.sent() == []


async def test_garbage_body_is_a_bad_request(rig: Rig) -> None:
    response = await rig.client.post(
        PATH, data=b"{not json", headers={"X-Telegram-Bot-Api-Secret-Token": TELEGRAM_SECRET}
    )
    assert response.status == 400


async def test_private_question_is_answered_in_the_persons_language(rig: Rig) -> None:
    assert await deliver(rig, telegram_update("private_text")) == 200
    (sent,) = await rig.api.wait_for_sends(1)
    assert int(sent["chat_id"]) == 777000001
    assert sent["text"].startswith("El ITIN")
    assert sent["parse_mode"] == "HTML"


async def test_start_command_shows_the_menu_as_buttons_in_the_app_language(rig: Rig) -> None:
    await deliver(rig, telegram_update("start_command"))
    (sent,) = await rig.api.wait_for_sends(1)
    assert "1. " in sent["text"]
    buttons = [row[0] for row in sent["reply_markup"]["inline_keyboard"]]
    assert buttons[0]["callback_data"] == "pick:1"
    assert len(buttons) == 6
    assert "中" in sent["text"] or "菜单" in sent["text"] or "题" in sent["text"]


async def test_a_button_press_picks_the_choice(rig: Rig) -> None:
    await deliver(
        rig,
        telegram_update(
            "private_text", message={**telegram_update("private_text")["message"], "text": "menu"}
        ),
    )
    await rig.api.wait_for_sends(1)
    await deliver(rig, telegram_update("callback_pick"))
    sent = await rig.api.wait_for_sends(2)
    assert "ITIN" in sent[1]["text"]
    assert any(method == "answerCallbackQuery" for method, _ in rig.api.calls)


async def test_a_retried_update_is_handled_once(rig: Rig) -> None:
    update = telegram_update("private_text")
    assert await deliver(rig, update) == 200
    assert await deliver(rig, update) == 200
    await rig.api.wait_for_sends(2, timeout=1.5)
    assert len(rig.api.sent()) == 1


@pytest.mark.parametrize(
    "fixture", ["edited_message", "sticker", "photo_no_text", "member_change", "unknown_type"]
)
async def test_updates_the_bot_does_not_handle_are_acknowledged_and_ignored(rig: Rig, fixture: str) -> None:
    assert await deliver(rig, telegram_update(fixture)) == 200
    await asyncio.sleep(0.3)
    assert rig.api.sent() == []


async def test_groups_answer_only_when_addressed_and_reply_to_the_message(rig: Rig) -> None:
    await deliver(rig, telegram_update("group_unaddressed"))
    await asyncio.sleep(0.3)
    assert rig.api.sent() == []
    for fixture in ("group_ask", "group_mention", "group_reply_to_bot"):
        await deliver(rig, telegram_update(fixture))
    sent = await rig.api.wait_for_sends(3)
    assert len(sent) == 3
    for message in sent:
        assert message.get("reply_to_message_id") or message.get("reply_parameters")
        assert message["text"].endswith("https://t.me/TaxHelpBot?start=private")
        assert "reply_markup" not in message or not message["reply_markup"]
        assert "912-78-1234" not in message["text"]


async def test_429_backs_off_and_the_message_still_arrives(rig: Rig) -> None:
    rig.api.rate_limit_next = 1
    await deliver(rig, telegram_update("private_text"))
    sent = await rig.api.wait_for_sends(2, timeout=8)
    assert len(sent) == 2 and sent[0]["text"] == sent[1]["text"]


async def test_html_is_escaped(rig: Rig) -> None:
    question = {**telegram_update("private_text")["message"], "text": "<b>what</b> is an itin & why"}
    await deliver(rig, telegram_update("private_text", message=question))
    (sent,) = await rig.api.wait_for_sends(1)
    assert "<b>" not in sent["text"]


async def test_no_chat_id_or_text_in_state_or_logs(rig: Rig, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    await deliver(rig, telegram_update("private_text"))
    await deliver(rig, telegram_update("group_ask"))
    await rig.api.wait_for_sends(2)
    stored = b"".join(p.read_bytes() for p in rig.state.parent.glob("state.sqlite3*"))
    assert stored
    for secret in ("777000001", "777000003", "1001234567890", "Qué es"):
        assert secret.encode() not in stored
        assert secret not in caplog.text


async def test_set_webhook_registers_secret_updates_and_command_menus(aiohttp_server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import json
    import os
    import sys

    api = FakeBotApi()
    server: TestServer = await aiohttp_server(api.app)
    env = {
        **os.environ,
        **telegram_environment(
            server.port,
        ),
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "telegram",
        "set-webhook",
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode == 0, err.decode()
    assert json.loads(out)["webhook"] == "https://bot.example.org/telegram/webhook"
    (hook,) = [params for method, params in api.calls if method == "setWebhook"]
    assert hook["url"] == "https://bot.example.org/telegram/webhook"
    assert hook["secret_token"] == TELEGRAM_SECRET
    assert set(hook["allowed_updates"]) == {"message", "callback_query"}
    menus = [params for method, params in api.calls if method == "setMyCommands"]
    assert {m.get("language_code") for m in menus} == {None, "es", "pt", "ht", "zh", "vi", "ko"}
    assert all(
        {c["command"] for c in m["commands"]} == {"start", "help", "language", "privacy", "forget"}
        for m in menus
    )
    assert TELEGRAM_TOKEN not in err.decode()


async def test_a_bare_ask_in_a_group_explains_how_to_ask(rig: Rig) -> None:
    message = {**telegram_update("group_ask")["message"], "text": "/ask@TaxHelpBot"}
    await deliver(rig, telegram_update("group_ask", message=message))
    (sent,) = await rig.api.wait_for_sends(1)
    assert rig.client.app is not None
    assert sent["text"] == rig.client.app[HELPLINE].content.strings.get("en", "group-hint")


async def test_shutting_down_still_answers_what_was_queued(
    aiohttp_server, config: Config, content: Content, conversation: Conversation, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """A deploy (SIGTERM) must not drop updates Telegram was already told were received."""
    api = FakeBotApi()
    server: TestServer = await aiohttp_server(api.app)
    env = read_environment(
        tmp_path,
        telegram_environment(
            server.port,
            BOT_STORAGE_URL="memory://",
        ),
    )
    client = TestClient(TestServer(create_app(config, content, env, conversation=conversation)))
    await client.start_server()
    for n in range(5):
        update = telegram_update("private_text", update_id=7000 + n)
        response = await client.post(
            PATH, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": TELEGRAM_SECRET}
        )
        assert response.status == 200
    await client.close()  # cleanup: PTB's stop() works through its queue before returning
    assert len(api.sent()) == 5
