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
# "2025.9.30" (Korean dates) is three numbers, not one.
DOTTED_DATE = re.compile(r"\b(\d{4})\.(\d{1,2})\.(\d{1,2})\b")
# Translations may write a month by its number ("8月", "tháng 8") where English names it.
MONTHS = {
    m: n
    for n, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1
    )
}
MONTH_WORDS = set(
    [
        "jan",
        "january",
        "feb",
        "february",
        "mar",
        "march",
        "apr",
        "april",
        "may",
        "jun",
        "june",
        "jul",
        "july",
        "aug",
        "august",
        "sep",
        "sept",
        "september",
        "oct",
        "october",
        "nov",
        "november",
        "dec",
        "december",
    ]
)
RANGE = re.compile(r"(\d+(?:\.\d+)?)\s*(?:to|–|-)\s*\$?\d+(?:\.\d+)?\s*(billion|million|B)\b")
WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
# Scale words of the seven languages, so "7 million" = "700万" = "700만" = "7 millones" = "7 triệu".
SCALES = {
    "mil millones": 1e9,
    "million": 1e6,
    "millions": 1e6,
    "millones": 1e6,
    "millón": 1e6,
    "milhões": 1e6,
    "milhão": 1e6,
    "milyon": 1e6,
    "triệu": 1e6,
    "billion": 1e9,
    "billions": 1e9,
    "bilhões": 1e9,
    "bilhão": 1e9,
    "milya": 1e9,
    "tỷ": 1e9,
    "b": 1e9,
    "m": 1e6,
    "千万": 1e7,
    "百万": 1e6,
    "万": 1e4,
    "亿": 1e8,
    "億": 1e8,
    "천만": 1e7,
    "백만": 1e6,
    "만": 1e4,
    "억": 1e8,
    "천": 1e3,
}
SCALED = re.compile(
    r"(\d+(?:[.,]\d+)?|\ba)\s*("
    + "|".join(sorted(map(re.escape, SCALES), key=len, reverse=True))
    + r")(?![a-zà-ỹ])",
    re.IGNORECASE,
)


def _amount(written: str) -> float:
    """ "3,130" and "3.130" are thousands when three digits follow; "1,28" and "1.28" are decimals."""
    whole, _, tail = written.replace(",", ".").partition(".")
    return float(whole + tail) if len(tail) == 3 else float(written.replace(",", "."))


def scaled_amounts(text: str) -> list[tuple[set[str], str]]:
    """Each amount with a scale word: the digit runs it is written with, and its value ("=650000000")."""
    amounts: list[tuple[set[str], str]] = []
    previous_end, previous_value = -10, 0.0
    for match in SCALED.finditer(text):
        amount = "1" if match.group(1) == "a" else match.group(1)  # "a million"
        digits = {re.sub(r"[,.]", "", amount)}
        value = _amount(amount) * SCALES[match.group(2).lower()]
        if amounts and text[previous_end : match.start()].strip() == "" and previous_value > value:
            earlier, _ = amounts.pop()  # "6억 5천만" is one amount
            digits |= earlier
            value += previous_value
        amounts.append((digits, f"={value:.0f}"))
        previous_end, previous_value = match.end(), value
    return amounts


def numbers(text: str) -> set[str]:
    """Every number in ``text`` in comparable forms.

    Digit runs lose their thousands and decimal marks (47,289 = 47.289, 1.28 = 1,28);
    scaled amounts also count by value; month names and small number words count
    by their digits; "2026–35" also means 2035.
    """
    text = DOTTED_DATE.sub(r"\1 \2 \3", text)
    found = {re.sub(r"[,.]", "", n) for n in NUMBER.findall(text)}
    found |= {value for _, value in scaled_amounts(text)}
    for low, unit in RANGE.findall(text):  # "$12 to $39 billion": both ends are billions
        found.add(f"={float(low) * SCALES[unit.lower()]:.0f}")
    for word in re.findall(r"[a-z]+", text.lower()):
        if len(word) >= 3 and word[:3] in MONTHS and word in MONTH_WORDS:
            found.add(str(MONTHS[word[:3]]))
        if word in WORDS:
            found.add(str(WORDS[word]))
    for century, _, end in re.findall(r"\b(\d{2})(\d{2})[–-](\d{2})\b", text):
        found.add(century + end)
    return found


FACT_NUMBERS = numbers(FACTS)


def untraceable(text: str, allowed: set[str]) -> set[str]:
    """Numbers in ``text`` not in ``allowed``; an amount whose value is allowed covers its digits."""
    text = DOTTED_DATE.sub(r"\1 \2 \3", text)
    bad, covered = set(), set()
    for digits, value in scaled_amounts(text):
        if value in allowed or digits <= allowed:
            covered |= digits
        else:
            bad.add(value)
    bare = {re.sub(r"[,.]", "", n) for n in NUMBER.findall(text)}
    return bad | {n for n in bare - covered if n not in allowed}


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
    problems = []
    for entry in content.faq.entries.values():
        for lang in content.languages:
            text = entry.texts[lang]
            for number in untraceable(f"{text.title} {text.sms} {text.full}", FACT_NUMBERS):
                problems.append(f"{text.path.relative_to(ROOT)}: {number}")
    assert problems == []


def test_translations_carry_no_number_their_source_lacks(content: Content) -> None:
    source = content.config.content.source_language
    problems = []
    for entry in content.faq.entries.values():
        original = numbers(f"{entry.texts[source].sms} {entry.texts[source].full}")
        for lang in content.languages:
            text = entry.texts[lang]
            extra = untraceable(f"{text.sms} {text.full}", original)
            if extra:
                problems.append(f"{text.path.relative_to(ROOT)}: {sorted(extra)}")
    assert problems == []


def test_the_urgent_entry_fits_its_own_sms_budget_with_the_three_numbers(content: Content) -> None:
    from bot.answers import first_answer, for_sms, style_for
    from bot.check import EMERGENCY_MUST_SAY

    urgent = [e for e in content.faq.entries.values() if e.urgent]
    assert [e.id for e in urgent] == ["ice-contact-urgent"]
    for lang in content.languages:
        message, _ = first_answer(content, urgent[0], lang, style_for("sms"))
        encoded = for_sms(content, lang, message)
        # 3 segments in GSM-7, 4 in UCS-2 ([sms] urgent_max_segments_*): the same help in every language.
        assert encoded.segments <= content.config.sms.segments_for(encoded.encoding, urgent=True), lang
        assert all(must in encoded.text for must in EMERGENCY_MUST_SAY), lang


def test_asking_an_entrys_own_title_gets_that_entry(content: Content) -> None:
    from bot.conversation import Conversation, Inbound
    from bot.session import Session

    conversation = Conversation(content)
    wrong = []
    for entry in content.faq.entries.values():
        for lang in content.languages:
            title = entry.texts[lang].title
            reply, _ = conversation.respond(Inbound(title), Session())
            if reply.entry_id != entry.id:
                wrong.append(f"{lang} {entry.id}: {title!r} -> {reply.entry_id}")
    assert wrong == []
