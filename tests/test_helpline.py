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
