"""The helpline's rules: key rotation, store outages, once-only deliveries, gaps kept, rate limits."""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import logging
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot import helpline as helpline_module
from bot.config import Config
from bot.content import Content
from bot.conversation import Conversation
from bot.helpline import Helpline, Message
from bot.privacy import user_key
from bot.session import Session
from bot.storage import Retention, Store, StoreUnavailable, open_store
from tests.helpers.fake_staff import FakeStaff

OLD, NEW = b"o" * 40, b"n" * 40
NUMBER = "+15551230001"


class Flaky:
    """A store that raises StoreUnavailable on every call while ``down``, like an unreachable Redis."""

    def __init__(self, inner: Store) -> None:
        self.inner = inner
        self.down = False
        self.calls = 0

    def __getattr__(self, name: str) -> Any:
        method = getattr(self.inner, name)

        async def call(*args: Any) -> Any:
            self.calls += 1
            if self.down:
                raise StoreUnavailable("Redis: Error 111 connecting to 127.0.0.1:6379. Connection refused.")
            return await method(*args)

        return call


@pytest.fixture
async def store() -> AsyncIterator[Store]:
    opened = open_store("memory://", Retention())
    yield opened
    await opened.close()


def rotated(content: Content, conversation: Conversation, store: Store) -> Helpline:
    return Helpline(content, store, NEW, conversation, previous_key=OLD)


def sms(text: str) -> Message:
    return Message("sms", NUMBER, text)


async def test_an_opt_out_under_the_previous_key_is_honoured_and_carried_forward(
    content: Content, conversation: Conversation, store: Store
) -> None:
    await store.set_opted_out(user_key(OLD, "sms", NUMBER), True)
    assert await rotated(content, conversation, store).answer(sms("what is an itin")) is None
    # Once the previous key is dropped, the copy under the new key keeps the person silent.
    after_rotation = Helpline(content, store, NEW, conversation)
    assert await after_rotation.answer(sms("what is an itin")) is None


async def test_start_clears_the_opt_out_under_both_keys(
    content: Content, conversation: Conversation, store: Store
) -> None:
    await store.set_opted_out(user_key(OLD, "sms", NUMBER), True)
    helpline = rotated(content, conversation, store)
    reply = await helpline.answer(sms("empezar"))
    assert reply is not None and reply.optin
    assert not await store.opted_out(user_key(OLD, "sms", NUMBER))
    assert not await store.opted_out(user_key(NEW, "sms", NUMBER))
    assert await helpline.answer(sms("what is an itin")) is not None


async def test_a_session_under_the_previous_key_moves_to_the_new_one(
    content: Content, conversation: Conversation, store: Store
) -> None:
    await store.save(user_key(OLD, "sms", NUMBER), Session(lang="es", lang_chosen=True))
    reply = await rotated(content, conversation, store).answer(sms("menu"))
    assert reply is not None and reply.lang == "es"
    assert await store.load(user_key(OLD, "sms", NUMBER)) == Session()
    assert (await store.load(user_key(NEW, "sms", NUMBER))).lang == "es"


async def test_forget_me_erases_under_both_keys(
    content: Content, conversation: Conversation, store: Store
) -> None:
    await store.save(user_key(OLD, "sms", NUMBER), Session(lang="es", lang_chosen=True))
    await store.save(user_key(NEW, "sms", NUMBER), Session(lang="pt"))
    reply = await rotated(content, conversation, store).answer(sms("forget me"))
    assert reply is not None and reply.forget
    assert await store.load(user_key(OLD, "sms", NUMBER)) == Session()
    assert await store.load(user_key(NEW, "sms", NUMBER)) == Session()


async def test_an_outage_answers_statelessly_with_one_warning_then_recovers(
    content: Content,
    conversation: Conversation,
    store: Store,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(helpline_module, "STORE_RETRY_SECONDS", 0.0)  # try the store on every call
    flaky = Flaky(store)
    helpline = Helpline(content, flaky, NEW, conversation)  # type: ignore[arg-type]
    await helpline.answer(sms("español"))
    flaky.down = True
    caplog.set_level(logging.INFO, logger="bot.helpline")
    for n in range(5):
        reply = await helpline.answer(sms("what is an itin"))
        assert reply is not None and reply.lang == "en"  # no session: the chosen Spanish is not known
        answered = await helpline.once("twilio", f"SM{n}", lambda: asyncio.sleep(0, "<Response/>"))
        assert answered == "<Response/>"
    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warnings) == 1 and "store unreachable" in warnings[0].getMessage()
    assert "Traceback" not in caplog.text and NUMBER not in caplog.text
    flaky.down = False
    reply = await helpline.answer(sms("menu"))
    assert reply is not None and reply.lang == "es"  # the session is back
    assert [r.getMessage() for r in caplog.records][-1].startswith("store reachable again")


async def test_an_unreachable_store_is_retried_at_most_once_a_second(
    content: Content, conversation: Conversation, store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    flaky = Flaky(store)
    flaky.down = True
    helpline = Helpline(content, flaky, NEW, conversation)  # type: ignore[arg-type]
    for _ in range(10):
        assert await helpline.answer(sms("what is an itin")) is not None
    assert flaky.calls == 1  # the rest did without the store at once


async def test_a_delivery_retried_to_two_processes_is_produced_once(
    content: Content, conversation: Conversation, tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'state.sqlite3'}"
    stores = [open_store(url, Retention()), open_store(url, Retention())]
    first, second = (Helpline(content, s, NEW, conversation) for s in stores)
    runs: list[str] = []

    async def produce(name: str) -> str:
        runs.append(name)
        await asyncio.sleep(0.2)  # still answering when the retry arrives
        return f"<Response>{name}</Response>"

    results = await asyncio.gather(
        first.once("twilio", "SM1", lambda: produce("first")),
        second.once("twilio", "SM1", lambda: produce("second")),
    )
    assert len(runs) == 1 and results[0] == results[1] == f"<Response>{runs[0]}</Response>"
    # Later retries, to either process, get the stored answer.
    assert await second.once("twilio", "SM1", lambda: produce("late")) == results[0]
    for opened in stores:
        await opened.close()


UNANSWERABLE = "My name is Ana Souza, can I pay my parking ticket 4455667788 at the office?"


async def test_an_unanswered_question_is_kept_redacted_per_language_and_day(
    content: Content, conversation: Conversation
) -> None:
    store = open_store("memory://", Retention())
    helpline = Helpline(content, store, b"k" * 32, conversation)
    reply = await helpline.answer(Message("sms", "+15550001111", UNANSWERABLE))
    assert reply is not None and reply.kind == "fallback"
    await helpline.answer(Message("sms", "+15550002222", UNANSWERABLE))
    await helpline.answer(Message("sms", "+15550001111", "what is an itin"))  # answered: not kept
    [gap] = await store.gaps()
    assert (gap.lang, gap.count, gap.last_day) == ("en", 2, dt.date.today().isoformat())
    assert "ana" not in gap.text and "souza" not in gap.text and "4455667788" not in gap.text
    assert "parking ticket" in gap.text


async def test_redirected_questions_are_kept_too(content: Content, conversation: Conversation) -> None:
    """A redirect is no FAQ answer: staff should see what people ask that the FAQ leaves to others."""
    store = open_store("memory://", Retention())
    helpline = Helpline(content, store, b"k" * 32, conversation)
    reply = await helpline.answer(
        Message("sms", "+15550001111", "where do i put my 1099 from lyft on the tax form")
    )
    assert reply is not None and reply.kind == "redirect"
    assert [gap.text for gap in await store.gaps()] == ["where do i put my # from lyft on the tax form"]


async def test_gaps_off_keeps_nothing(config: Config, content: Content, conversation: Conversation) -> None:
    off = dataclasses.replace(config, privacy=dataclasses.replace(config.privacy, gaps=False))
    quiet = dataclasses.replace(content, config=off)
    store = open_store("memory://", Retention())
    helpline = Helpline(quiet, store, b"k" * 32, Conversation(quiet))
    reply = await helpline.answer(Message("sms", "+15550001111", UNANSWERABLE))
    assert reply is not None and reply.kind == "fallback"
    assert await store.gaps() == []


def limited(content: Content, **limits: int) -> Content:
    config = dataclasses.replace(content.config, limits=dataclasses.replace(content.config.limits, **limits))
    return dataclasses.replace(content, config=config)


async def test_past_the_limit_one_polite_slow_down_then_silence_but_stop_still_works(
    content: Content,
) -> None:
    small = limited(content, per_user=3)
    store = open_store("memory://", Retention())
    helpline = Helpline(small, store, b"k" * 32, Conversation(small))
    person = Message("sms", "+15550003333", "what is an itin")
    replies = [await helpline.answer(person) for _ in range(5)]
    assert [r.kind if r else None for r in replies] == ["answer", "answer", "answer", "limited", None]
    assert replies[3] is not None and "wait a few minutes" in replies[3].parts[0]
    other = await helpline.answer(Message("sms", "+15550004444", "what is an itin"))
    assert other is not None and other.kind == "answer"  # one person's limit is theirs alone
    stop = await helpline.answer(Message("sms", "+15550003333", "stop"))
    assert stop is not None and stop.optout
    assert await store.opted_out(helpline.key("sms", "+15550003333"))


async def test_the_global_limit_covers_everyone_together(content: Content) -> None:
    small = limited(content, global_per_minute=2)
    helpline = Helpline(small, open_store("memory://", Retention()), b"k" * 32, Conversation(small))
    kinds = []
    for n in range(4):
        reply = await helpline.answer(Message("sms", f"+1555000{n:04d}", "what is an itin"))
        kinds.append(reply.kind if reply else None)
    assert kinds == ["answer", "answer", "limited", "limited"]


def with_handoff(helpline: Helpline, staff: FakeStaff, *keys: bytes) -> Helpline:
    from bot.handoff import Handoff
    from bot.sealing import Sealer

    helpline.handoff = Handoff(
        helpline.store, Sealer(list(keys)), staff, {"sms": object()}, lambda: helpline.content
    )  # type: ignore[dict-item]
    return helpline


async def test_an_open_ticket_survives_a_key_rotation(content: Content, conversation: Conversation) -> None:
    store, staff = open_store("memory://", Retention()), FakeStaff()
    before = with_handoff(Helpline(content, store, OLD, conversation), staff, OLD)
    await before.answer(Message("sms", NUMBER, "where can i buy cheap bus tickets to new york"))
    opened = await before.answer(Message("sms", NUMBER, "yes"))
    assert opened is not None and opened.kind == "handoff" and len(staff.posts) == 1
    after = with_handoff(Helpline(content, store, NEW, conversation, previous_key=OLD), staff, NEW, OLD)
    relayed = await after.answer(Message("sms", NUMBER, "are you there"))
    assert relayed is not None and relayed.kind == "relayed" and after.handoff is not None
    await after.handoff.drain()  # staff notices go out in the background
    assert staff.posts[-1][0].endswith("are you there")
    stop = await after.answer(Message("sms", NUMBER, "parar"))
    assert stop is not None and stop.optout
    await after.handoff.drain()
    assert "ended by the person" in staff.posts[-1][0]


class Counting:
    """A store that counts the calls that write, to show that refused messages write nothing."""

    # acquire/release are left out: a per-person lock lives seconds and is gone after the reply.
    WRITES = (
        "save", "forget", "set_opted_out", "remember", "claim", "add_gap",
        "open_ticket", "update_ticket", "link", "close_ticket", "post",
    )

    def __init__(self, inner: Store) -> None:
        self.inner = inner
        self.writes = 0

    def __getattr__(self, name: str) -> Any:
        method = getattr(self.inner, name)
        if name in self.WRITES:
            self.writes += 1
        return method


async def test_a_flood_on_one_channel_leaves_the_others_and_emergencies_alone(content: Content) -> None:
    small = limited(content, global_per_minute=3, per_client=1000)
    helpline = Helpline(small, open_store("memory://", Retention()), b"k" * 32, Conversation(small))
    flood = [
        await helpline.answer(Message("web", f"session-{n}", "what is an itin", client=f"203.0.113.{n}"))
        for n in range(6)
    ]
    assert [r.kind if r else None for r in flood][3:] == ["limited", "limited", "limited"]
    sms_reply = await helpline.answer(Message("sms", "+15550007777", "what is an itin"))
    assert sms_reply is not None and sms_reply.kind == "answer"  # each channel has its own allowance
    urgent = await helpline.answer(Message("web", "session-99", "ICE is at my door", client="203.0.113.99"))
    assert urgent is not None and urgent.urgent  # the flooded channel still gets emergencies through


async def test_an_indirect_emergency_past_the_limit_still_gets_the_emergency_answer(content: Content) -> None:
    small = limited(content, per_user=1)
    helpline = Helpline(small, open_store("memory://", Retention()), b"k" * 32, Conversation(small))
    person = "+15550008888"
    await helpline.answer(Message("sms", person, "what is an itin"))
    words = "my husband is at the police station and they say they will hand him to immigration"
    reply = await helpline.answer(Message("sms", person, words))
    assert reply is not None and reply.urgent


async def test_the_web_chat_counts_each_client_address_apart(content: Content) -> None:
    small = limited(content, per_client=2)
    helpline = Helpline(small, open_store("memory://", Retention()), b"k" * 32, Conversation(small))
    # New session ids from one address do not make a new person.
    same = [
        await helpline.answer(Message("web", f"fresh-{n}", "what is an itin", client="198.51.100.7"))
        for n in range(3)
    ]
    assert [r.kind if r else None for r in same] == ["answer", "answer", "limited"]
    other = await helpline.answer(Message("web", "fresh-x", "what is an itin", client="198.51.100.8"))
    assert other is not None and other.kind == "answer"


async def test_refused_messages_write_nothing(content: Content) -> None:
    small = limited(content, per_user=2)
    store = Counting(open_store("memory://", Retention()))
    helpline = Helpline(small, store, b"k" * 32, Conversation(small))  # type: ignore[arg-type]
    person = Message("sms", "+15550009999", "where can i buy bus tickets")  # an unanswered question
    for _ in range(2):
        await helpline.answer(person)
    before = store.writes
    for _ in range(50):
        await helpline.answer(person)
    assert store.writes == before


async def test_an_opted_out_person_past_the_limit_hears_nothing_not_even_slow_down(content: Content) -> None:
    small = limited(content, per_user=2)
    helpline = Helpline(small, open_store("memory://", Retention()), b"k" * 32, Conversation(small))
    person = "+15550001212"
    assert (await helpline.answer(Message("sms", person, "stop"))) is not None
    replies = [await helpline.answer(Message("sms", person, "what is an itin")) for _ in range(5)]
    assert replies == [None] * 5


async def test_forget_me_after_stop_erases_and_confirms_once(
    content: Content, conversation: Conversation
) -> None:
    store = open_store("memory://", Retention())
    helpline = Helpline(content, store, b"k" * 32, conversation)
    person = "+15550003434"
    await helpline.answer(Message("sms", person, "que es un itin"))
    await helpline.answer(Message("sms", person, "stop"))
    key = helpline.key("sms", person)
    assert (await store.load(key)) != Session()
    forgot = await helpline.answer(Message("sms", person, "forget me"))
    assert forgot is not None and len(forgot.parts) == 1
    assert await store.load(key) == Session()
    assert await helpline.answer(Message("sms", person, "what is an itin")) is None  # still opted out


@pytest.mark.parametrize("backend", ["memory", "redis"])
async def test_three_quick_yes_to_two_processes_open_one_ticket(
    content: Content, conversation: Conversation, backend: str, request: pytest.FixtureRequest
) -> None:
    url = "memory://" if backend == "memory" else request.getfixturevalue("redis_url")
    first_store = open_store(url, Retention())
    second_store = first_store if backend == "memory" else open_store(url, Retention())
    staff = FakeStaff()
    one = with_handoff(Helpline(content, first_store, NEW, conversation), staff, NEW)
    two = with_handoff(Helpline(content, second_store, NEW, conversation), staff, NEW)
    await one.answer(Message("sms", NUMBER, "where can i buy cheap bus tickets to new york"))
    replies = await asyncio.gather(
        one.answer(Message("sms", NUMBER, "yes")),
        two.answer(Message("sms", NUMBER, "yes")),
        one.answer(Message("sms", NUMBER, "yes")),
    )
    assert sum(1 for text, _ in staff.posts if text.startswith("Ticket #")) == 1
    assert sum(1 for r in replies if r is not None and r.kind == "handoff") == 1
    for opened in {id(first_store): first_store, id(second_store): second_store}.values():
        await opened.close()


async def test_forget_me_sent_with_another_message_is_never_undone(
    content: Content, conversation: Conversation, redis_url: str
) -> None:
    """Two processes on one Redis: the other message may come first or second, never across the erasing."""
    stores = [open_store(redis_url, Retention()) for _ in range(2)]
    one, two = (Helpline(content, store, NEW, conversation) for store in stores)
    for n in range(10):
        person = f"+1555004{n:04d}"
        await one.answer(Message("sms", person, "espanol"))  # a choice only this session remembers
        await asyncio.gather(
            two.answer(Message("sms", person, "olvidame")),
            one.answer(Message("sms", person, "y como renuevo el itin")),
        )
        # Before the erasing, it is erased with the rest; after it, it starts from nothing.
        session = await stores[0].load(one.key("sms", person))
        assert not session.lang_chosen, session
    for store in stores:
        await store.close()
