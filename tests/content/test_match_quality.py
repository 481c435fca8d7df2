"""How well the real FAQ answers messages written independently of it (tests/data/messages/).

These sets were written by people who never saw the FAQ's example questions,
in the style of real texts. The floors guard against regressions; the dev-set
figures in the README come from the separate evaluation script.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.content import Content
from bot.conversation import Conversation, Inbound
from bot.session import Session

MESSAGES = Path(__file__).resolve().parents[1] / "data" / "messages"
LANGUAGES = sorted(p.stem for p in MESSAGES.glob("*.jsonl"))


def rows(lang: str) -> list[dict[str, object]]:
    with (MESSAGES / f"{lang}.jsonl").open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_independent_messages(conversation: Conversation, content: Content, lang: str) -> None:
    if lang not in content.languages:
        pytest.skip(f"{lang} is not enabled in bot.toml")
    right = asked = answered_oos = oos = urgent_hit = urgent = false_urgent = calm = lang_ok = 0
    misses = []
    for row in rows(lang):
        reply, _ = conversation.respond(Inbound(text=str(row["text"])), Session())
        lang_ok += reply.lang == lang
        if row["urgent"]:
            urgent += 1
            urgent_hit += reply.urgent
            if not reply.urgent:
                misses.append(f"missed urgent: {row['text']}")
            continue
        calm += 1
        false_urgent += reply.urgent
        if row["id"] is None:
            oos += 1
            answered_oos += reply.entry_id is not None
            continue
        asked += 1
        ok = reply.entry_id == row["id"] or reply.entry_id in (row.get("alt") or [])
        right += ok
    assert urgent_hit == urgent, misses
    assert false_urgent / calm <= 0.05
    assert right / asked >= 0.85, f"top-1 {right / asked:.3f}"
    assert answered_oos / oos <= 0.20
    assert lang_ok / (asked + oos + urgent) >= 0.95
