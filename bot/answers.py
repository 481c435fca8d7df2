"""How an FAQ answer is laid out for each kind of channel.

SMS answers are short, cost money per segment and continue with MORE; chat
channels (Telegram, web) get the full answer at once. Every answer carries the
date its facts were last checked. The checker uses these same functions, so
what it measures is exactly what people receive.
Owns: the per-channel styles and composing answer text.
Must not: choose which entry to answer (that is :mod:`bot.conversation`).
"""

from __future__ import annotations

from dataclasses import dataclass

from bot import sms
from bot.content import Content
from bot.faq import Entry, Translation
from bot.l10n import format_date


@dataclass(frozen=True)
class Style:
    """What a channel can carry. ``paged`` channels get short answers plus MORE."""

    name: str
    paged: bool


STYLES = {
    "sms": Style("sms", paged=True),
    "whatsapp": Style("whatsapp", paged=False),
    "telegram": Style("telegram", paged=False),
    "web": Style("web", paged=False),
}


def style_for(channel: str) -> Style:
    """Unknown channels (the command line, tests) read like SMS, the strictest."""
    return STYLES.get(channel, STYLES["sms"])


def text_of(content: Content, entry: Entry, lang: str) -> Translation:
    """The entry in ``lang``, or in the source language when a translation is missing."""
    return entry.texts.get(lang) or entry.texts[content.config.content.source_language]


def checked_line(content: Content, entry: Entry, lang: str) -> str:
    return content.strings.get(lang, "answer-checked", {"date": format_date(entry.reviewed, lang)})


def first_answer(
    content: Content, entry: Entry, lang: str, style: Style, *, offer_more: bool = True
) -> tuple[str, bool]:
    """The answer's first message and whether MORE has something left to send."""
    text = text_of(content, entry, lang)
    checked = checked_line(content, entry, lang)
    if not style.paged:
        body = text.full or text.sms
        return f"{body}\n\n{checked}", False
    has_more = bool(text.full) and offer_more
    tail = f" {content.strings.get(lang, 'more-prompt')}" if has_more else ""
    return f"{text.sms}\n{checked}{tail}", has_more


def more_parts(content: Content, entry: Entry, lang: str) -> list[str]:
    """The full answer cut into SMS-sized messages, each but the last inviting MORE."""
    text = text_of(content, entry, lang)
    prompt = content.strings.get(lang, "more-prompt")
    limit = content.config.sms.max_segments
    plain = plain_letters(content, lang)
    pieces = sms.split(text.full, max_segments=limit, plain_letters=plain, reserve=len(prompt) + 1)
    return [p if i == len(pieces) - 1 else f"{p} {prompt}" for i, p in enumerate(pieces)]


def plain_letters(content: Content, lang: str) -> bool:
    lexicon = content.lexicons.get(lang)
    return bool(lexicon and lexicon.plain_sms_letters)


def for_sms(content: Content, lang: str, text: str) -> sms.Encoded:
    """``text`` as an SMS in ``lang`` would carry it."""
    return sms.prepare(text, plain_letters=plain_letters(content, lang))
