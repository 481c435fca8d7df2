"""The whole handoff loop through the real app, with stand-ins for Telegram's Bot API and Twilio's REST API.

A person (SMS, Telegram or web chat) gets the offer, says YES; staff see a
redacted ticket in their group, reply to it; the reply reaches the person;
the person's answer reaches the thread; /close ends it. Nothing identifying
crosses to staff, the logs or the state store.
"""

from __future__ import annotations

import asyncio
import logging
import time
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
from tests.helpers.fake_twilio import Failure, FakeTwilioApi
from tests.helpers.webhooks import (
    TELEGRAM_SECRET,
    telegram_environment,
    telegram_update,
    twilio_form,
    twilio_signature,
)

STAFF_CHAT = -100777
PHONE = "+15557654321"
OUR_NUMBER = "+15550000000"
TG_USER = 888000111
ITIN = "617-555-0199"
UNANSWERABLE = f"where can i buy cheap bus tickets to new york? call me at {ITIN}"


@dataclass
class Rig:
    client: TestClient
    telegram: FakeBotApi
    twilio: FakeTwilioApi
    state: Path
    sids: int = 0

    async def sms(self, text: str) -> str:
        self.sids += 1
        form = twilio_form("plain_en", Body=text, From=PHONE, To=OUR_NUMBER, MessageSid=f"SM{self.sids:032d}")
        response = await self.client.post(
            "/twilio/sms", data=form, headers={"X-Twilio-Signature": twilio_signature("/twilio/sms", form)}
        )
        assert response.status == 200
        return await response.text()

    async def telegram_update(self, update: dict[str, Any]) -> None:
        response = await self.client.post(
            "/telegram/webhook", json=update, headers={"X-Telegram-Bot-Api-Secret-Token": TELEGRAM_SECRET}
        )
        assert response.status == 200

    async def person_on_telegram(self, text: str) -> None:
        self.sids += 1
        update = telegram_update("private_text")
        update["update_id"] = 50_000 + self.sids
        update["message"] = {
            **update["message"],
            "message_id": 100 + self.sids,
            "chat": {"id": TG_USER, "type": "private", "first_name": "Ana"},
            "from": {"id": TG_USER, "is_bot": False, "first_name": "Ana", "language_code": "en"},
            "text": text,
        }
        await self.telegram_update(update)

    async def staff_reply(self, to_message: int, text: str) -> None:
        self.sids += 1
        await self.telegram_update(
            {
                "update_id": 90_000 + self.sids,
                "message": {
                    "message_id": 9_000 + self.sids,
                    "date": 1767225600,
                    "chat": {"id": STAFF_CHAT, "type": "supergroup", "title": "Legal aid staff"},
                    "from": {"id": 31337, "is_bot": False, "first_name": "Worker"},
                    "text": text,
                    "reply_to_message": {
                        "message_id": to_message,
                        "date": 1767225600,
                        "chat": {"id": STAFF_CHAT, "type": "supergroup", "title": "Legal aid staff"},
                        "from": {
                            "id": 4242,
                            "is_bot": True,
                            "first_name": "Tax Help",
                            "username": "TaxHelpBot",
                        },
                        "text": "Ticket",
                    },
                },
            }
        )

    def staff_messages(self) -> list[dict[str, Any]]:
        return [m for m in self.telegram.sent() if int(m["chat_id"]) == STAFF_CHAT]

    async def wait_staff(self, count: int) -> list[dict[str, Any]]:
        for _ in range(300):
            if len(self.staff_messages()) >= count:
                break
            await asyncio.sleep(0.02)
        return self.staff_messages()

    def ticket_message_id(self, index: int = 0) -> int:
        """The message id the stand-in gave the ticket post (its position in the call log)."""
        posts = [
            n
            for n, (method, p) in enumerate(self.telegram.calls, 1)
            if method == "sendMessage" and int(p["chat_id"]) == STAFF_CHAT
        ]
        return posts[index]


@pytest.fixture
async def rig(
    aiohttp_client,
    aiohttp_server,
    config: Config,
    content: Content,
    conversation: Conversation,
    tmp_path: Path,
) -> AsyncIterator[Rig]:  # type: ignore[no-untyped-def]
    telegram, twilio = FakeBotApi(), FakeTwilioApi()
    telegram_server: TestServer = await aiohttp_server(telegram.app)
    twilio_server: TestServer = await aiohttp_server(twilio.app)
    state = tmp_path / "state.sqlite3"
    env = read_environment(
        tmp_path,
        telegram_environment(
            telegram_server.port,
            TWILIO_API_BASE_URL=f"http://127.0.0.1:{twilio_server.port}",
            BOT_STAFF_CHAT_ID=str(STAFF_CHAT),
            BOT_STORAGE_URL=f"sqlite:///{state}",
        ),
    )
    client = await aiohttp_client(create_app(config, content, env, conversation=conversation))
    yield Rig(client, telegram, twilio, state)


def nothing_identifying(rig: Rig, caplog: pytest.LogCaptureFixture, *secrets: str) -> None:
    staff_text = "\n".join(str(m.get("text", "")) for m in rig.staff_messages())
    stored = b"".join(p.read_bytes() for p in rig.state.parent.glob("state.sqlite3*"))
    for secret in secrets:
        digits = "".join(c for c in secret if c.isdigit())
        for form in {secret, digits, digits[-10:]}:
            assert form not in staff_text, form
            assert form.encode() not in stored, form
            assert form not in caplog.text, form


async def test_sms_person_and_staff_the_whole_loop(rig: Rig, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)  # what `taxbot serve` logs
    offered = await rig.sms(UNANSWERABLE)
    assert "Reply YES" in offered and "shown to legal-aid staff" in offered
    opened = await rig.sms("YES")
    assert "sent your question to legal-aid staff" in opened
    [ticket] = await rig.wait_staff(1)
    assert (
        ticket["text"].startswith("Ticket #1")
        and "sms" in ticket["text"]
        and "language: en" in ticket["text"]
    )
    assert "bus tickets" in ticket["text"] and ITIN not in ticket["text"]

    await rig.staff_reply(rig.ticket_message_id(), "Hello, we can help. Call our office at 617-371-1234.")
    [sent] = await rig.twilio.wait_for_messages(1)
    assert sent["to"] == PHONE and sent["from"] == OUR_NUMBER
    assert sent["body"] == "Legal-aid worker: Hello, we can help. Call our office at 617-371-1234."

    answer = await rig.sms("thank you, my ITIN is 912701234, tomorrow is fine")
    assert "Sent to the legal-aid worker" in answer
    relayed = (await rig.wait_staff(2))[1]
    assert relayed["text"].startswith("#1 (en):") and "tomorrow is fine" in relayed["text"]
    assert relayed["reply_parameters"]["message_id"] == rig.ticket_message_id()

    await rig.staff_reply(rig.ticket_message_id(), "/close")
    closed = await rig.twilio.wait_for_messages(2)
    assert "closed this conversation" in closed[1]["body"]
    assert "Ticket #1 closed" in (await rig.wait_staff(3))[2]["text"]
    assert "An ITIN is" in await rig.sms("what is an itin")  # the bot answers again
    nothing_identifying(rig, caplog, PHONE, ITIN, "912701234")


async def test_no_yes_no_ticket(rig: Rig) -> None:
    await rig.sms(UNANSWERABLE)
    await rig.sms("what is an itin")  # anything else withdraws the offer
    await rig.sms("YES")
    await asyncio.sleep(0.2)
    assert rig.staff_messages() == []


async def test_telegram_person_forget_me_ends_the_ticket(rig: Rig, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)  # what `taxbot serve` logs
    await rig.person_on_telegram(UNANSWERABLE)
    await rig.person_on_telegram("yes")
    [ticket] = await rig.wait_staff(1)
    assert "telegram" in ticket["text"] and str(TG_USER) not in ticket["text"]
    await rig.staff_reply(rig.ticket_message_id(), "We can talk on Monday.")
    for _ in range(200):
        to_person = [m for m in rig.telegram.sent() if int(m["chat_id"]) == TG_USER]
        if any("Monday" in m["text"] for m in to_person):
            break
        await asyncio.sleep(0.02)
    assert any(m["text"] == "Legal-aid worker: We can talk on Monday." for m in to_person)
    await rig.person_on_telegram("forget me")
    ended = (await rig.wait_staff(2))[1]
    assert "ended by the person" in ended["text"]
    for _ in range(200):
        told = [m["text"] for m in rig.telegram.sent() if int(m["chat_id"]) == TG_USER]
        if "Your conversation with legal-aid staff is closed." in told:
            break
        await asyncio.sleep(0.02)
    assert "Your conversation with legal-aid staff is closed." in told
    await rig.staff_reply(rig.ticket_message_id(), "Are you there?")
    assert "closed or expired" in (await rig.wait_staff(3))[2]["text"]
    nothing_identifying(rig, caplog, str(TG_USER), ITIN)


async def test_web_chat_person_collects_the_reply_by_polling(rig: Rig) -> None:
    session = {"session": "web-handoff-session-0001"}
    for text in (UNANSWERABLE, "yes"):
        response = await rig.client.post("/api/message", json={**session, "text": text})
        reply = await response.json()
    assert reply["kind"] == "handoff"
    await rig.wait_staff(1)
    await rig.staff_reply(rig.ticket_message_id(), "We read your question.")
    for _ in range(200):
        body = await (await rig.client.post("/api/poll", json=session)).json()
        if body["messages"]:
            break
        await asyncio.sleep(0.02)
    assert body["messages"] == ["Legal-aid worker: We read your question."]
    assert (await (await rig.client.post("/api/poll", json=session)).json())["messages"] == []


async def test_tickets_expire_and_are_deleted(rig: Rig, monkeypatch: pytest.MonkeyPatch) -> None:
    await rig.sms(UNANSWERABLE)
    await rig.sms("YES")
    await rig.wait_staff(1)
    store = rig.client.app[HELPLINE].store
    later = time.time() + 15 * 24 * 3600
    monkeypatch.setattr(store, "_clock", lambda: later)
    assert await store.purge() >= 1
    await rig.staff_reply(rig.ticket_message_id(), "Still need help?")
    assert "closed or expired" in (await rig.wait_staff(2))[1]["text"]
    assert rig.twilio.messages == []


@pytest.mark.parametrize(
    ("failures", "posts"),
    [
        ([Failure(429)], 2),  # refused: sent again
        ([Failure(500, created_anyway=True)], 1),  # Twilio has it: not sent twice
        ([Failure(503)], 2),  # Twilio does not have it: sent again
    ],
    ids=["429", "500-but-created", "503-not-created"],
)
async def test_outbound_sms_retries_never_send_twice(rig: Rig, failures: list[Failure], posts: int) -> None:
    await rig.sms(UNANSWERABLE)
    await rig.sms("YES")
    await rig.wait_staff(1)
    rig.twilio.fail_next = list(failures)
    await rig.staff_reply(rig.ticket_message_id(), "One reply, once.")
    messages = await rig.twilio.wait_for_messages(1)
    await asyncio.sleep(1.0)  # time for any (wrong) second attempt
    assert [m["body"] for m in messages] == ["Legal-aid worker: One reply, once."]
    assert rig.twilio.posts == posts


async def test_a_refused_sms_is_reported_to_staff(rig: Rig) -> None:
    await rig.sms(UNANSWERABLE)
    await rig.sms("YES")
    await rig.wait_staff(1)
    rig.twilio.fail_next = [Failure(400)]
    await rig.staff_reply(rig.ticket_message_id(), "Hello?")
    assert "could not be delivered" in (await rig.wait_staff(2))[1]["text"]


URGENT = {
    "en": "ICE is at my door right now",
    "es": "la migra esta en mi puerta ahora mismo",
    "pt": "o ICE esta na minha porta agora",
    "ht": "ICE nan pòt mwen kounye a",
    "zh": "移民局现在在我家门口",
    "vi": "ICE đang ở trước cửa nhà tôi",
    "ko": "지금 ICE가 우리 집 문 앞에 있어요",
}


YES = {"en": "yes", "es": "si", "pt": "sim", "ht": "wi", "zh": "是", "vi": "có", "ko": "네"}


@pytest.mark.parametrize("lang", list(URGENT))
async def test_urgent_sms_gets_emergency_numbers_first_then_the_offer(rig: Rig, lang: str) -> None:
    from xml.etree import ElementTree

    from bot.answers import for_sms
    from bot.sms import measure

    twiml = await rig.sms(URGENT[lang])
    messages = [m.text or "" for m in ElementTree.fromstring(twiml).iter("Message")]
    content = rig.client.app[HELPLINE].content
    assert "617-370-5023" in messages[0]  # the LUCE hotline, in the very first SMS
    first = measure(messages[0])  # whole, within the emergency budget (3 segments GSM-7, 4 UCS-2)
    assert all(must in messages[0] for must in ("617-370-5023", "1-800-898-7180", "locator.ice.gov"))
    assert first.segments <= content.config.sms.segments_for(first.encoding, urgent=True)
    assert messages[-1] == for_sms(content, lang, content.strings.get(lang, "handoff-offer")).text
    await rig.sms(YES[lang])
    [ticket] = await rig.wait_staff(1)
    assert f"language: {lang}" in ticket["text"] and "topic: ice-contact-urgent" in ticket["text"]


async def test_stop_by_sms_ends_the_ticket(rig: Rig) -> None:
    """STOP is one of Twilio's own keywords, handled before the conversation: it must still end the ticket."""
    await rig.sms(UNANSWERABLE)
    await rig.sms("YES")
    await rig.wait_staff(1)
    assert "<Message>" not in await rig.sms("STOP")  # Twilio answers STOP itself
    ended = (await rig.wait_staff(2))[1]
    assert "ended by the person" in ended["text"]
    assert len(rig.staff_messages()) == 2  # told once
    await rig.staff_reply(rig.ticket_message_id(), "Hello?")
    assert "closed or expired" in (await rig.wait_staff(3))[2]["text"]
    assert rig.twilio.messages == []
