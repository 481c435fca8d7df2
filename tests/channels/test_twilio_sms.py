"""Twilio SMS and WhatsApp: recorded webhook forms, signed with twilio's validator, through the real app."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient
from hypothesis import example, given
from hypothesis import strategies as st
from twilio.request_validator import RequestValidator

from tests.helpers.webhooks import TWILIO_TOKEN, twilio_form, twilio_signature

PATH = "/twilio/sms"


@pytest.fixture
def client(app_client: TestClient) -> TestClient:
    return app_client


async def post(
    client: TestClient, form: dict[str, str], sign: str = "valid", path: str = PATH
) -> tuple[int, str]:
    headers = {}
    if sign == "valid":
        headers["X-Twilio-Signature"] = twilio_signature(path, form)
    elif sign == "invalid":
        headers["X-Twilio-Signature"] = twilio_signature(path, form, token="not-the-token")
    elif sign == "local-url":  # signed over the address the server sees, not the public one
        headers["X-Twilio-Signature"] = str(
            RequestValidator(TWILIO_TOKEN).compute_signature(str(client.make_url(path)), form)
        )
    response = await client.post(path, data=form, headers=headers)
    return response.status, await response.text()


@dataclass(frozen=True)
class Case:
    label: str
    fixture: str
    changes: dict[str, str] = field(default_factory=dict)
    sign: str = "valid"
    status: int = 200
    contains: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()
    messages: int | None = None


CASES = [
    Case(
        "plain English question",
        "plain_en",
        contains=("An ITIN is a 9-digit tax number", "Reply MORE"),
        messages=1,
    ),
    Case(
        "Spanish with accents, sent in GSM-7",
        "accented_es",
        contains=("Informacion revisada",),
        absent=("á", "í", "ó", "ú"),
    ),
    Case(
        "WhatsApp gets the full answer",
        "whatsapp_es",
        contains=("Quién lo recibe",),
        absent=("Responda MAS",),
    ),
    Case("media only asks for text", "media_only", contains=("Please type your question in words",)),
    Case("Twilio's own STOP gets an empty response", "stop", contains=("<Response />",), messages=0),
    Case(
        "status callback is acknowledged and ignored",
        "status_callback",
        contains=("<Response />",),
        messages=0,
    ),
    Case("HELP is Twilio's to answer", "plain_en", {"Body": "help"}, contains=("<Response />",), messages=0),
    Case(
        "language HELP names the service and STOP",
        "plain_en",
        {"Body": "ayuda"},
        contains=("Tax privacy helpline", "STOP", "617"),
    ),
    Case("unsigned request is refused", "plain_en", sign="none", status=403, absent=("ITIN",)),
    Case("wrong token is refused", "plain_en", sign="invalid", status=403),
    Case("signature over the local URL is refused", "plain_en", sign="local-url", status=403),
    Case("missing MessageSid is a bad request", "plain_en", {"MessageSid": ""}, status=400),
    Case(
        "urgent message gets contacts first",
        "plain_en",
        {"Body": "ICE is at my door right now"},
        contains=("617-370-5023",),
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.label)
async def test_webhook_cases(client: TestClient, case: Case) -> None:
    status, body = await post(client, twilio_form(case.fixture, **case.changes), case.sign)
    assert status == case.status
    for text in case.contains:
        assert text in body
    for text in case.absent:
        assert text not in body
    if case.messages is not None:
        assert body.count("<Message>") == case.messages


async def test_every_sms_part_fits_three_segments(client: TestClient) -> None:
    from xml.etree import ElementTree

    from bot.sms import measure

    for n, text in enumerate(["hola", "what is an itin", "MORE", "MORE", "MORE", "menu", "6", "5"]):
        form = twilio_form("plain_en", Body=text, MessageSid=f"SM{n:032d}")
        _, body = await post(client, form)
        for message in ElementTree.fromstring(body).iter("Message"):
            assert measure(message.text or "").segments <= 3


async def test_a_retried_delivery_gets_the_same_reply_and_one_state_change(client: TestClient) -> None:
    await post(client, twilio_form("plain_en", Body="menu", MessageSid="SM" + "1" * 32))
    pick = twilio_form("plain_en", Body="2", MessageSid="SM" + "2" * 32)
    first = await post(client, pick)
    retry = await post(client, pick)
    assert first == retry
    assert "1." in first[1]  # the ITIN topic list
    # Had the retry been handled again, "2" would now pick from the ITIN list instead.
    again = await post(client, twilio_form("plain_en", Body="1", MessageSid="SM" + "3" * 32))
    assert "An ITIN is" in again[1]


async def test_opt_out_silences_until_start_in_any_language(client: TestClient) -> None:
    def sms(text: str, n: int) -> dict[str, str]:
        return twilio_form("plain_en", Body=text, MessageSid=f"SM{n:032d}")

    _, stopped = await post(client, sms("PARAR", 1))
    assert "Responda START" in stopped
    _, silent = await post(client, sms("what is an itin", 2))
    assert silent.count("<Message>") == 0
    _, back = await post(client, sms("empezar", 3))
    assert "Bienvenido" in back
    _, answered = await post(client, sms("what is an itin", 4))
    assert "An ITIN is" in answered


async def test_twilio_keyword_stop_then_start(client: TestClient) -> None:
    await post(client, twilio_form("stop"))
    _, silent = await post(client, twilio_form("stop", Body="hello", MessageSid="SM" + "7" * 32))
    assert silent.count("<Message>") == 0
    await post(client, twilio_form("stop", Body="START", MessageSid="SM" + "8" * 32))
    _, answered = await post(client, twilio_form("stop", Body="what is an itin", MessageSid="SM" + "9" * 32))
    assert "An ITIN is" in answered


async def test_no_phone_number_or_message_text_is_stored_or_logged(
    client: TestClient, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    secret_question = "my itin is 912-78-1234 is it safe with my address on elm street"
    await post(client, twilio_form("plain_en", Body=secret_question))
    await post(client, twilio_form("whatsapp_es", Body="hola", MessageSid="SM" + "4" * 32))
    await post(client, twilio_form("plain_en", Body="PARAR", MessageSid="SM" + "5" * 32))
    stored = b"".join(p.read_bytes() for p in tmp_path.glob("state.sqlite3*"))
    assert stored  # the store was written to, so the search below means something
    logged = caplog.text
    for secret in ("5551230001", "5551230003", "912-78-1234", "elm street", "hola"):
        assert secret.encode() not in stored
        assert secret not in logged


def test_the_emergency_answer_is_sent_whole_within_its_own_budget(project_copy: Path) -> None:
    from bot.channels.twilio_sms import messages_for
    from bot.config import load_config
    from bot.content import read_content
    from bot.sms import measure

    content, _ = read_content(load_config(project_copy / "bot.toml"))
    assert content is not None
    # Vietnamese travels as UCS-2: 4 segments (at most 268 units) for the emergency answer, 3 for the rest.
    text = " ".join(f"Câu số {n}: đừng mở cửa, đừng ký gì." for n in range(7))
    assert (measure(text).encoding, measure(text).segments) == ("UCS-2", 4)
    assert len(messages_for(content, "sms", "vi", [text], urgent=True)) == 1
    assert len(messages_for(content, "sms", "vi", [text])) == 2
    # In GSM-7 the emergency budget is 3 segments, like any answer.
    plain = " ".join(f"Sentence {n}: do not open the door." for n in range(14))
    assert (measure(plain).encoding, measure(plain).segments) == ("GSM-7", 4)
    assert len(messages_for(content, "sms", "en", [plain], urgent=True)) == 2


@given(st.lists(st.text(), max_size=4))
@example(["It's <b>&amp; 3 > 2</b>", "", "移民局 ☎", "\ud800 lone surrogate", "\x00\r\n\t"])
def test_twiml_is_byte_for_byte_what_twilios_helper_writes(texts: list[str]) -> None:
    from twilio.twiml.messaging_response import MessagingResponse

    from bot.channels.twilio_sms import twiml

    response = MessagingResponse()
    for text in texts:
        response.message(text)
    assert twiml(texts) == str(response)
