"""The helpline joins conversation and store: what it keeps about unanswered questions."""

from __future__ import annotations

import dataclasses
import datetime as dt

from bot.config import Config
from bot.content import Content
from bot.conversation import Conversation
from bot.helpline import Helpline, Message
from bot.storage import Retention, open_store

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
