"""Emergencies are found before anything else; calm questions that mention ICE are not emergencies."""

import pytest

from bot.conversation import Conversation, Inbound
from bot.session import Session
from bot.text import fold
from bot.urgency import THRESHOLD, urgency_score


def urgent(conversation: Conversation, text: str) -> bool:
    reply, _ = conversation.respond(Inbound(text=text), Session())
    return reply.urgent


@pytest.mark.parametrize(
    "text",
    [
        "ICE is outside our building right now",
        "they took my husband this morning at work",
        "i have my immigration hearing tomorrow and no lawyer",
        "la migra esta tocando la puerta",
        "detuvieron a mi hermano ayer",
        "redada!!",  # one word: its language is unclear, the phrase alone is enough
    ],
)
def test_danger_now_is_urgent(conversation: Conversation, text: str) -> None:
    assert urgent(conversation, text)


@pytest.mark.parametrize(
    "text",
    [
        "can ice get my address from my tax return",
        "my friend got detained years ago, does the irs share data now",
        "what did the court decide in the lawsuit",
        "si declaro impuestos me puede deportar la migra?",
    ],
)
def test_calm_questions_about_ice_are_not_urgent(conversation: Conversation, text: str) -> None:
    assert not urgent(conversation, text)


def test_kinds_of_words_add_up_per_language() -> None:
    found = {"en:urgent:enforcer", "en:urgent:nearby", "es:urgent:topic"}
    assert urgency_score(found, "en") >= THRESHOLD
    assert urgency_score(found | {"en:urgent:topic"}, "en") < THRESHOLD
    assert urgency_score(found, "es") < 0


def test_data_handed_over_weighs_against_urgency_apart_from_tax_talk(conversation: Conversation) -> None:
    """A relative deported months ago "through the address on the taxes" is a question about records."""
    past = {f"pt:urgent:{kind}" for kind in ("detention", "enforcer", "person", "topic")}
    assert urgency_score(past, "pt") >= THRESHOLD
    assert urgency_score(past | {"pt:urgent:news"}, "pt") < THRESHOLD
    found = conversation._phrases(fold("meu primo foi deportado e dizem que foi pelo endereco do imposto"))
    assert "pt:urgent:news" in found
