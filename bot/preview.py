"""``taxbot faq preview``: an answer exactly as one channel would send it, and what it costs.

Staff edit in a text file; people read on a phone. The preview runs the same
code the channels run (answer layout, SMS cleaning and splitting, Telegram's
escaping and length limit), so what it shows is what goes out, with each SMS
message's encoding and segment count: one accent outside GSM-7 can double
the price of an answer.
Owns: assembling that picture. Must not: format anything differently from
the channels; it calls their own functions.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot import answers
from bot.content import Content
from bot.errors import BotError
from bot.sms import measure

CHANNELS = ("sms", "whatsapp", "telegram", "web")


@dataclass(frozen=True)
class Sent:
    """One message as the provider receives it."""

    step: str  # "answer", or "MORE 1", "MORE 2"... for what each MORE reply sends
    text: str
    encoding: str | None = None  # SMS only
    segments: int | None = None


def preview(content: Content, entry_id: str, lang: str, channel: str) -> list[Sent]:
    """Every message the answer to ``entry_id`` takes on ``channel``, MORE replies included."""
    entry = content.faq.get(entry_id)
    if entry is None:
        raise BotError(f"no entry {entry_id!r} (see `taxbot faq list`)")
    if lang not in content.languages:
        raise BotError(f"language {lang!r} is not one of {', '.join(content.languages)}")
    if channel not in CHANNELS:
        raise BotError(f"channel {channel!r} is not one of {', '.join(CHANNELS)}")
    first, has_more = answers.first_answer(content, entry, lang, answers.style_for(channel))
    steps = [("answer", first)]
    if has_more:
        steps += [(f"MORE {n}", part) for n, part in enumerate(answers.more_parts(content, entry, lang), 1)]
    return [
        sent
        for step, text in steps
        # The emergency answer's first SMS has its own budget ([sms] in bot.toml), as when sent.
        for sent in _as_sent(content, channel, lang, step, text, urgent=entry.urgent and step == "answer")
    ]


def _as_sent(
    content: Content, channel: str, lang: str, step: str, text: str, *, urgent: bool = False
) -> list[Sent]:
    # The channels bring aiohttp, twilio and python-telegram-bot: every `taxbot` command
    # imports this module, and only a preview needs them.
    from bot.channels import telegram_bot, twilio_sms

    if channel in ("sms", "whatsapp"):
        pieces = twilio_sms.messages_for(content, channel, lang, [text], urgent=urgent)
        if channel == "sms":
            return [Sent(step, p, measure(p).encoding, measure(p).segments) for p in pieces]
        return [Sent(step, p) for p in pieces]
    if channel == "telegram":
        return [Sent(step, p) for p in telegram_bot.messages_for([text])]
    return [Sent(step, text)]
