"""Two server processes on one Redis, as behind a load balancer: one conversation, one answer per delivery.

Each app is a full ``create_app`` with its own helpline and Redis connection
pool, exactly what two ``taxbot serve`` processes would hold; only the event
loop is shared, which is what lets a test send one delivery to both at once.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from bot import helpline as helpline_module
from bot.app import create_app
from bot.config import Config
from bot.content import Content
from bot.conversation import Conversation
from bot.environment import read_environment
from tests.channels.test_twilio_sms import post
from tests.helpers.redis_server import RedisServer
from tests.helpers.webhooks import environment, twilio_form

Instances = Callable[[str], Awaitable[tuple[TestClient, TestClient]]]


@pytest.fixture
def instances(
    aiohttp_client, config: Config, content: Content, conversation: Conversation, tmp_path: Path
) -> Instances:  # type: ignore[no-untyped-def]
    async def start(redis_url: str) -> tuple[TestClient, TestClient]:
        env = read_environment(tmp_path, environment(BOT_STORAGE_URL=redis_url))
        first = await aiohttp_client(create_app(config, content, env, conversation=conversation))
        second = await aiohttp_client(create_app(config, content, env, conversation=conversation))
        return first, second

    return start


def sms(text: str, n: int) -> dict[str, str]:
    return twilio_form("plain_en", Body=text, MessageSid=f"SM{n:032d}")


async def test_a_language_chosen_through_one_is_honoured_by_the_other(
    instances: Instances, redis_url: str
) -> None:
    first, second = await instances(redis_url)
    await post(first, sms("español", 1))
    _, body = await post(second, sms("menu", 2))  # a word of every language: the session decides
    assert "Elija un tema" in body


async def test_a_delivery_retried_to_both_is_answered_once(
    instances: Instances, redis_url: str, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = await instances(redis_url)
    await post(first, sms("menu", 1))
    answer = helpline_module.Helpline.answer

    async def slow_answer(self: helpline_module.Helpline, *args: Any) -> Any:
        await asyncio.sleep(0.2)  # the retry reaches the other process while this one still works
        return await answer(self, *args)

    monkeypatch.setattr(helpline_module.Helpline, "answer", slow_answer)
    pick = sms("2", 2)
    caplog.set_level(logging.DEBUG, logger="bot.helpline")
    one, other = await asyncio.gather(post(first, pick), post(second, pick))
    assert one == other
    assert sum(r.getMessage().startswith("answered") for r in caplog.records) == 1
    assert "1." in one[1]  # the ITIN topic list
    # Had either process handled "2" a second time, "1" would now pick from another list.
    _, again = await post(second, sms("1", 3))
    assert "An ITIN is" in again


@pytest.mark.parametrize("stop", ["PARAR", "STOP"])
async def test_stop_on_one_silences_both(instances: Instances, redis_url: str, stop: str) -> None:
    first, second = await instances(redis_url)
    await post(first, sms(stop, 1))
    _, silent = await post(second, sms("what is an itin", 2))
    assert silent.count("<Message>") == 0
    await post(second, sms("START", 3))
    _, answered = await post(first, sms("what is an itin", 4))
    assert "An ITIN is" in answered


async def test_redis_stopped_mid_conversation_then_back(
    instances: Instances,
    own_redis: RedisServer,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(helpline_module, "STORE_RETRY_SECONDS", 0.0)  # notice the return at once
    first, second = await instances(own_redis.url)
    await post(first, sms("español", 1))
    caplog.set_level(logging.INFO)
    own_redis.stop()
    for n in range(2, 6):
        status, body = await post(first, sms("what is an itin", n))
        assert status == 200 and "An ITIN is" in body  # answered, without the chosen language
    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert [r.name for r in warnings] == ["bot.helpline"]
    assert "store unreachable" in warnings[0].getMessage()
    assert "Traceback" not in caplog.text
    health = await (await first.get("/healthz")).json()
    assert health["store"].startswith("unreachable")
    own_redis.start()  # empty: this test server keeps nothing on disk
    await post(first, sms("español", 6))
    _, body = await post(second, sms("menu", 7))
    assert "Elija un tema" in body
    assert any(r.getMessage().startswith("store reachable again") for r in caplog.records)
    assert (await (await second.get("/healthz")).json())["store"] == "ok"
