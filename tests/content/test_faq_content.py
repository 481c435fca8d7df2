"""The real FAQ: every required entry, in every language, with sources and traceable numbers."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from bot.content import Content

ROOT = Path(__file__).resolve().parents[2]
# docs/faq-topics.md lists the ids the bot must carry (copied from the project brief).
REQUIRED = re.findall(r"^- `([a-z0-9-]+)`", (ROOT / "docs" / "faq-topics.md").read_text(), re.MULTILINE)
# docs/facts.md is the sourced fact sheet every answer is written from.
FACTS = (ROOT / "docs" / "facts.md").read_text(encoding="utf-8")
NUMBER = re.compile(r"\d(?:[\d,.]*\d)?")


def numbers(text: str) -> set[str]:
    """Digit runs with thousands and decimal marks removed, so 47,289 / 47.289 / 1,28 / 1.28 compare."""
    return {re.sub(r"[,.]", "", n) for n in NUMBER.findall(text)}


FACT_NUMBERS = numbers(FACTS)


def test_every_required_topic_exists_in_every_language(content: Content) -> None:
    assert len(REQUIRED) == 22
    for entry_id in REQUIRED:
        entry = content.faq.get(entry_id)
        assert entry is not None, entry_id
        assert set(content.languages) <= set(entry.texts), entry_id


def test_every_entry_cites_sources_and_was_reviewed(content: Content) -> None:
    for entry in content.faq.entries.values():
        assert entry.sources
        assert entry.reviewed <= dt.date.today()


def test_translations_are_marked_until_a_native_speaker_reviews_them(content: Content) -> None:
    source = content.config.content.source_language
    for entry in content.faq.entries.values():
        for lang, text in entry.texts.items():
            expected = {"source"} if lang == source else {"needs-review", "reviewed"}
            assert text.status in expected, text.path


def test_every_number_in_an_answer_comes_from_the_fact_sheet(content: Content) -> None:
    untraceable = []
    for entry in content.faq.entries.values():
        for lang in content.languages:
            text = entry.texts[lang]
            for number in numbers(f"{text.title} {text.sms} {text.full}"):
                if number not in FACT_NUMBERS:
                    untraceable.append(f"{text.path.relative_to(ROOT)}: {number}")
    assert untraceable == []


def test_translations_carry_the_same_numbers_as_the_source(content: Content) -> None:
    source = content.config.content.source_language
    for entry in content.faq.entries.values():
        original = numbers(f"{entry.texts[source].sms} {entry.texts[source].full}")
        for lang in content.languages:
            text = entry.texts[lang]
            extra = numbers(f"{text.sms} {text.full}") - original
            assert not extra, f"{text.path.relative_to(ROOT)} has numbers the source does not: {extra}"


def test_the_urgent_entry_fits_two_sms_segments(content: Content) -> None:
    from bot.answers import first_answer, for_sms, style_for

    urgent = [e for e in content.faq.entries.values() if e.urgent]
    assert [e.id for e in urgent] == ["ice-contact-urgent"]
    for lang in content.languages:
        message, _ = first_answer(content, urgent[0], lang, style_for("sms"))
        assert for_sms(content, lang, message).segments <= 2, lang
