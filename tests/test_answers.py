"""How answers are laid out: the checked date, the time-sensitive line, and what MORE sends."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from bot import answers
from bot.answers import continuation, first_answer, for_sms, more_parts, style_for
from bot.check import check
from bot.config import load_config
from bot.content import Content
from bot.faq import Entry

SMS, WEB = style_for("sms"), style_for("web")
# A space between two Chinese characters or pieces of Chinese punctuation.
SPACE_IN_CHINESE = re.compile(
    r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uff60] +[\u3000-\u303f\u4e00-\u9fff\uff00-\uff60]"
)


def an_entry(content: Content) -> Entry:
    """Any ordinary entry (not the emergency one) with a full answer in every language."""
    return next(
        e
        for e in content.faq.entries.values()
        if not e.urgent and all(lang in e.texts and e.texts[lang].full for lang in content.languages)
    )


def with_english(entry: Entry, sms: str, full: str, **changes: bool) -> Entry:
    text = dataclasses.replace(entry.texts["en"], sms=sms, full=full)
    return dataclasses.replace(entry, texts={"en": text}, **changes)


def test_a_time_sensitive_entry_says_the_information_ends_mid_2026_by_the_date_everywhere(
    content: Content,
) -> None:
    entry = an_entry(content)
    plain = dataclasses.replace(entry, time_sensitive=False)
    flagged = dataclasses.replace(entry, time_sensitive=True)
    english = content.strings.get("en", "answer-checked-time-sensitive", {"date": "Nov 22, 2026"})
    assert (
        english == "Info checked Nov 22, 2026. Our info ends mid-2026: court rulings may have changed since."
    )
    for lang in content.languages:
        date = content.strings.date(lang, entry.reviewed)
        line = content.strings.get(lang, "answer-checked-time-sensitive", {"date": date})
        assert date in line and "2026" in line.replace(date, "")
        for style in (SMS, WEB):
            assert line in first_answer(content, flagged, lang, style)[0], (lang, style.name)
            assert line not in first_answer(content, plain, lang, style)[0], (lang, style.name)


def test_the_sms_budget_check_counts_the_time_sensitive_line(project_copy: Path) -> None:
    """An SMS answer that fits with the plain date goes over once its entry is marked time-sensitive."""
    folder = project_copy / "faq" / "itin-what"
    answer = folder / "en.md"
    text = answer.read_text(encoding="utf-8")
    start, end = text.index("## SMS\n") + len("## SMS\n"), text.index("\n## Full")
    sms = ("An ITIN is a tax number from the IRS for people who file taxes. " * 7).strip()[:395]
    answer.write_text(text[:start] + sms + "\n" + text[end:], encoding="utf-8")
    meta = folder / "entry.toml"
    lines = meta.read_text(encoding="utf-8").splitlines(keepends=True)
    meta.write_text("".join(x for x in lines if not x.startswith("time-sensitive")), encoding="utf-8")
    config = load_config(project_copy / "bot.toml")

    def errors() -> list[str]:
        _, problems = check(config)
        return [p.message for p in problems if p.level == "error" and p.path == answer]

    assert errors() == []
    meta.write_text(meta.read_text(encoding="utf-8") + "time-sensitive = true\n", encoding="utf-8")
    (message,) = errors()
    assert message.startswith("SMS answer is 4 SMS segments")


def test_more_starts_after_the_opening_paragraphs_the_sms_already_said(content: Content) -> None:
    sms = (
        "An ITIN is a tax number from the IRS for people who cannot get a Social Security number. "
        "It does not give immigration status or a work permit."
    )
    said = "An ITIN is a tax number from the IRS for people who cannot get a Social Security number."
    said_too = "An ITIN does not give immigration status or a work permit."
    new_number = "An ITIN has 9 digits."
    new_sentence = "It is for taxes only. It is not an ID card and gives no Social Security benefits."
    entry = with_english(an_entry(content), sms, "\n".join([said, said_too, new_number, new_sentence, said]))
    # Later paragraphs are always sent, even one that repeats the SMS.
    assert continuation(content, entry, "en") == "\n".join([new_number, new_sentence, said])
    first, has_more = first_answer(content, entry, "en", SMS)
    assert has_more and first.endswith(content.strings.get("en", "more-prompt"))
    sent = " ".join(more_parts(content, entry, "en"))
    assert sent.startswith(new_number) and "not an ID card" in sent and said_too not in sent
    # Chat channels still get the whole full answer at once.
    assert said_too in first_answer(content, entry, "en", WEB)[0]


def test_a_paragraph_with_a_number_the_sms_lacks_is_sent(content: Content) -> None:
    sms = "An ITIN is a tax number from the IRS for people who cannot get a Social Security number."
    full = "An ITIN is a 9-digit tax number from the IRS for people who cannot get a Social Security number."
    entry = with_english(an_entry(content), sms, full)
    assert continuation(content, entry, "en") == full


def test_nothing_left_to_say_means_no_more_prompt(content: Content) -> None:
    sms = "An ITIN is a tax number from the IRS. It does not give immigration status."
    entry = with_english(an_entry(content), sms, sms)
    first, has_more = first_answer(content, entry, "en", SMS)
    assert not has_more and content.strings.get("en", "more-prompt") not in first
    assert more_parts(content, entry, "en") == []


def test_the_emergency_answer_is_continued_whole(content: Content) -> None:
    sms = "If ICE is at your door, do not open it. You can stay silent."
    full = "If ICE is at your door, do not open it.\nYou can stay silent."
    entry = with_english(an_entry(content), sms, full, urgent=True)
    assert continuation(content, entry, "en") == full


def test_chinese_answers_have_no_ascii_space_between_sentences(content: Content) -> None:
    for entry in content.faq.entries.values():
        first, _ = first_answer(content, entry, "zh", SMS)
        for message in (first, *more_parts(content, entry, "zh")):
            assert not SPACE_IN_CHINESE.search(message), (entry.id, message)
            assert for_sms(content, "zh", message).segments <= content.config.sms.max_segments


def test_continuations_kept_with_the_built_content_are_the_ones_worked_out_afresh(
    content: Content, tmp_path: Path
) -> None:
    pairs = [(entry, lang) for entry in content.faq.entries.values() for lang in content.languages]
    afresh = [answers._continuation(content, entry, lang) for entry, lang in pairs]
    for _ in range(2):  # built and kept, then read back
        answers._CONTINUATIONS.clear()
        answers.keep_continuations(content, tmp_path)
        assert [continuation(content, entry, lang) for entry, lang in pairs] == afresh
    assert len(list(tmp_path.glob("continuations-*"))) == 1
    # An answer edited in memory (same content version) is never served the kept continuation.
    entry = an_entry(content)
    edited = with_english(entry, entry.texts["en"].sms, "A new paragraph with 7 new words.")
    assert continuation(content, edited, "en") == "A new paragraph with 7 new words."
