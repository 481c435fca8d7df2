"""How an FAQ answer is laid out for each kind of channel.

SMS answers are short, cost money per segment and continue with MORE; chat
channels (Telegram, web) get the full answer at once. MORE continues the SMS
answer: it sends the full answer without the opening paragraphs that only say
again what the SMS said, so nobody pays twice for them. Every answer carries
the date its facts were last checked and, for a time-sensitive entry, that the
information ends mid-2026. The checker uses these same functions, so what it
measures is exactly what people receive.
Owns: the per-channel styles and composing answer text.
Must not: choose which entry to answer (that is :mod:`bot.conversation`).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bot import sms
from bot.built import cached
from bot.content import Content
from bot.faq import Entry, Translation
from bot.text import fold, has_cjk

# MORE starts after the full answer's opening paragraphs that only restate the
# SMS answer. Such a paragraph has no number the SMS lacks, at least this share
# of its words in the SMS (the language's everyday [detect] words aside, plurals
# folded), and no sentence of MIN_WORDS words or more with less than
# SENTENCE_SAID of them there. Later paragraphs are always sent: that is where
# new details live. Chosen by reading, entry by entry and language by language,
# what each setting left out: at 0.6, or with every paragraph judged rather
# than the opening ones, real details went too (what the bot keeps in pt and
# ht bot-privacy, the EITC in itin-what).
ALREADY_SAID = 0.65
SENTENCE_SAID = 0.5
MIN_WORDS = 4
MAX_CONTINUATIONS = 10_000  # entries × languages, with room for a reload or two
SOURCE_BACKED = 0.4  # the share that is enough where the source answer's paragraph restates its SMS
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


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
    """ "Info checked <date>.", and for a time-sensitive entry that the information ends mid-2026."""
    message = "answer-checked-time-sensitive" if entry.time_sensitive else "answer-checked"
    return content.strings.get(lang, message, {"date": content.strings.date(lang, entry.reviewed)})


def first_answer(
    content: Content,
    entry: Entry,
    lang: str,
    style: Style,
    *,
    offer_more: bool = True,
    leave_out: Callable[[str], bool] | None = None,
) -> tuple[str, bool]:
    """The answer's first message and whether MORE has something left to send.

    ``leave_out`` drops the sentences it is true for (after "forget me", the
    ones that tell the person to send "forget me").
    """
    text = text_of(content, entry, lang)
    checked = checked_line(content, entry, lang)
    if not style.paged:
        body = text.full or text.sms
        return f"{without(body, leave_out)}\n\n{checked}", False
    has_more = offer_more and bool(continuation(content, entry, lang))
    tail = content.strings.get(lang, "more-prompt") if has_more else ""
    return f"{without(text.sms, leave_out)}\n{sms.join(checked, tail)}", has_more


def more_parts(content: Content, entry: Entry, lang: str) -> list[str]:
    """What MORE sends after the SMS answer, cut into SMS-sized messages, each but the last inviting MORE."""
    prompt = content.strings.get(lang, "more-prompt")
    limit = content.config.sms.max_segments
    plain = plain_letters(content, lang)
    rest = continuation(content, entry, lang)
    pieces = sms.split(rest, max_segments=limit, plain_letters=plain, reserve=len(prompt) + 1)
    return [p if i == len(pieces) - 1 else sms.join(p, prompt) for i, p in enumerate(pieces)]


def continuation(content: Content, entry: Entry, lang: str) -> str:
    """What MORE sends (see :func:`_continuation`), worked out once per content version.

    Every SMS answer asks whether anything is left for MORE; comparing words
    each time cost more than matching the message.
    """
    key = _continuation_key(content, entry, lang)
    found = _CONTINUATIONS.get(key)
    if found is None:
        if len(_CONTINUATIONS) >= MAX_CONTINUATIONS:  # an old content version's, after reloads
            _CONTINUATIONS.clear()
        found = _CONTINUATIONS[key] = _continuation(content, entry, lang)
    return found


def keep_continuations(content: Content, cache: Path | None) -> None:
    """Every entry's :func:`continuation` in every language, worked out now or read from ``cache``.

    They depend on the content alone, so they are built once per content version
    with the rest of what content builds (:mod:`bot.built`): otherwise each of a new
    process's first answers in an entry and language paid for comparing words
    (about 130 µs each, 154 of them today).
    """
    pairs = [(entry, lang) for entry in content.faq.entries.values() for lang in content.languages]
    # What they are worked out from, as a digest: the texts' repr took 4 ms of a start, this 1.
    parts = [str(part) for entry, lang in pairs for part in _continuation_key(content, entry, lang)[1:]]
    parts += [f"{lang}:{' '.join(sorted(lexicon.words))}" for lang, lexicon in content.lexicons.items()]
    inputs = hashlib.blake2b("\0".join(parts).encode(), digest_size=16).hexdigest()
    found = cached(cache, "continuations", inputs, lambda: [_continuation(content, *pair) for pair in pairs])
    if len(_CONTINUATIONS) + len(pairs) > MAX_CONTINUATIONS:
        _CONTINUATIONS.clear()
    for (entry, lang), rest in zip(pairs, found, strict=True):
        _CONTINUATIONS[_continuation_key(content, entry, lang)] = rest


_Key = tuple[str, str, bool, str, str, str, str, str]


def _continuation_key(content: Content, entry: Entry, lang: str) -> _Key:
    """Everything :func:`_continuation` reads of an entry in ``lang``. The texts themselves are in it
    (Python keeps each string's hash), so an edited answer is never served an old continuation,
    whatever its version says."""
    text = text_of(content, entry, lang)
    source = entry.texts.get(content.config.content.source_language)
    origin = (source.sms, source.full) if source else ("", "")
    return (content.version, lang, entry.urgent, text.lang, text.sms, text.full, *origin)


def _continuation(content: Content, entry: Entry, lang: str) -> str:
    """The full answer from where the SMS answer stopped: without its opening paragraphs
    that only restate the SMS (see :data:`ALREADY_SAID`).

    A translation that follows the source answer paragraph for paragraph also
    skips what the source skips: word overlap is a weaker guess in some
    languages (Chinese, Korean) and in freer translations, and the paragraphs
    say the same thing. The emergency answer is continued whole: a safety step
    said twice costs less than one left out.
    """
    text = text_of(content, entry, lang)
    if entry.urgent or not text.full:
        return text.full
    paragraphs = text.full.split("\n")
    source = entry.texts.get(content.config.content.source_language)
    backed = 0
    if source is not None and source is not text and len(source.full.split("\n")) == len(paragraphs):
        backed = _restated(content, source)
    return "\n".join(paragraphs[_restated(content, text, backed) :])


def _restated(content: Content, text: Translation, backed: int = 0) -> int:
    """How many of the full answer's opening paragraphs only restate the SMS answer.

    The first ``backed`` paragraphs restate it in the source language: for
    them a lower share of words is enough (:data:`SOURCE_BACKED`), but never a
    number the SMS lacks, so a translation whose SMS had to be cut keeps them.
    """
    lexicon = content.lexicons.get(text.lang)
    everyday = lexicon.words if lexicon else frozenset()
    said = set(_words(text.sms, everyday))
    numbers = _numbers(text.sms)
    paragraphs = text.full.split("\n")
    start = 0
    while start < len(paragraphs) and _already_said(
        paragraphs[start], said, numbers, everyday, backed=start < backed
    ):
        start += 1
    return start


_CONTINUATIONS: dict[_Key, str] = {}


def without(text: str, leave_out: Callable[[str], bool] | None) -> str:
    """``text`` without the sentences ``leave_out`` picks, paragraphs kept."""
    if leave_out is None:
        return text
    paragraphs = []
    for paragraph in text.split("\n"):
        kept = [s for s in sms.sentences(paragraph) if not leave_out(s)]
        if kept:
            joined = kept[0]
            for sentence in kept[1:]:
                joined = sms.join(joined, sentence)
            paragraphs.append(joined)
    return "\n".join(paragraphs)


def _already_said(
    paragraph: str, said: set[str], numbers: set[str], everyday: frozenset[str], *, backed: bool = False
) -> bool:
    if not _numbers(paragraph) <= numbers:
        return False
    known = total = 0
    for sentence in sms.sentences(paragraph):
        words = _words(sentence, everyday)
        found = sum(w in said for w in words)
        if not backed and len(words) >= MIN_WORDS and found / len(words) < SENTENCE_SAID:
            return False
        known, total = known + found, total + len(words)
    return total >= MIN_WORDS and known / total >= (SOURCE_BACKED if backed else ALREADY_SAID)


def _words(text: str, everyday: frozenset[str]) -> list[str]:
    """Words to compare, folded; Chinese and Korean as pairs of characters (they are not spaced as words)."""
    words = []
    folded = fold(text)
    cjk = has_cjk(folded)  # most answers have none: then no word is looked at for it
    for word in folded.split():
        if cjk and has_cjk(word):
            words.extend([word[i : i + 2] for i in range(len(word) - 1)] or [word])
        elif word not in everyday:
            words.append(word[:-1] if len(word) > 3 and word.endswith("s") else word)
    return words


def _numbers(text: str) -> set[str]:
    """Every number in ``text`` without its separators, so "47,289" and "47.289" are one number."""
    return {re.sub(r"[.,]", "", n) for n in _NUMBER.findall(text)}


def plain_letters(content: Content, lang: str) -> bool:
    lexicon = content.lexicons.get(lang)
    return bool(lexicon and lexicon.plain_sms_letters)


def for_sms(content: Content, lang: str, text: str) -> sms.Encoded:
    """``text`` as an SMS in ``lang`` would carry it."""
    return sms.prepare(text, plain_letters=plain_letters(content, lang))
