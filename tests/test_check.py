"""`taxbot faq check` on copies of the real content, broken the way hurried editors break things."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import bot.check
from bot.answers import first_answer, for_sms, style_for
from bot.check import (
    EMERGENCY_MUST_SAY,
    FULL_GRADE,
    SMS_GRADE,
    WARNING_KINDS,
    check,
    reading_grade,
    serving_check,
    warning_summary,
)
from bot.config import load_config
from bot.content import read_content
from bot.errors import Problem
from bot.sms import Encoded


def problems_after(project: Path, path: str, old: str, new: str) -> list[str]:
    target = project / path
    text = target.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    content, problems = check(load_config(project / "bot.toml"))
    errors = [str(p) for p in problems if p.level == "error"]
    assert content is None and errors
    return errors


def test_the_real_content_passes(project_copy: Path) -> None:
    content, problems = check(load_config(project_copy / "bot.toml"))
    assert content is not None
    assert [p for p in problems if p.level == "error"] == []


def test_an_overlong_sms_answer_is_named_with_file_line_and_segments(project_copy: Path) -> None:
    errors = problems_after(
        project_copy, "faq/itin-what/es.md", "## SMS\n", "## SMS\n" + "Una frase larga más. " * 20 + "\n"
    )
    assert any(
        e.startswith("faq/itin-what/es.md:") and "SMS answer is" in e and "limit is 3" in e
        for e in (_relative(x, project_copy) for x in errors)
    )


def test_a_missing_language_file_is_named(project_copy: Path) -> None:
    (project_copy / "faq" / "itin-what" / "es.md").unlink()
    content, problems = check(load_config(project_copy / "bot.toml"))
    assert content is None
    assert any("itin-what/es.md:1: error: missing" in str(p) for p in problems)


def test_a_broken_fluent_string_is_named_with_its_line(project_copy: Path) -> None:
    errors = problems_after(project_copy, "locales/es/bot.ftl", "thanks-reply = ", "thanks-reply = { $oops ")
    assert any("locales/es/bot.ftl:" in e and "Fluent syntax error" in e for e in errors)


def test_a_ui_string_missing_from_a_language_is_reported(project_copy: Path) -> None:
    errors = problems_after(project_copy, "locales/es/bot.ftl", "thanks-reply = ", "thanks-replyx = ")
    assert any("'thanks-reply' is missing" in e for e in errors)


def test_an_unknown_group_is_reported(project_copy: Path) -> None:
    errors = problems_after(project_copy, "faq/itin-what/entry.toml", 'group = "itin"', 'group = "itins"')
    assert any("group 'itins' is not one of" in e for e in errors)


def test_a_check_of_another_folder_uses_that_folder(project_copy: Path, tmp_path: Path) -> None:
    config = load_config(project_copy / "bot.toml")
    content, problems = check(config, tmp_path / "nowhere")
    assert content is None
    assert any("FAQ folder not found" in str(p) for p in problems)


def _relative(line: str, project: Path) -> str:
    return line.replace(str(project.resolve()) + "/", "")


def test_a_mistake_in_the_contacts_file_is_named_with_its_line(project_copy: Path) -> None:
    errors = problems_after(
        project_copy, "faq/contacts.toml", 'topics = ["ice-activity"]', 'topics = ["ice"]'
    )
    line = next(
        n
        for n, text in enumerate((project_copy / "faq/contacts.toml").read_text().splitlines(), 1)
        if text == 'topics = ["ice"]'
    )
    assert any(
        f"faq/contacts.toml:{line}: error: unknown topic 'ice'" in _relative(e, project_copy) for e in errors
    )


def test_a_contact_name_too_long_for_an_sms_is_an_error(project_copy: Path) -> None:
    long_name = "Greater Boston Legal Services " + "and Partners " * 30
    errors = problems_after(
        project_copy, "faq/contacts.toml", 'name = "Greater Boston Legal Services"', f'name = "{long_name}"'
    )
    assert any("with its contacts list this reply can send an SMS of" in e for e in errors)


def test_contacts_due_for_checking_are_warnings_that_depend_on_the_date(project_copy: Path) -> None:
    contacts = project_copy / "faq" / "contacts.toml"
    name = 'name = "Lawyers for Civil Rights"'
    assert name in contacts.read_text()
    contacts.write_text(contacts.read_text().replace(name, f"{name}\nverified = 2026-08-01"))
    config = load_config(project_copy / "bot.toml")
    _, problems = check(config, today=dt.date(2026, 11, 22))
    stale = [str(p) for p in problems if "more than 90 days ago" in p.message]
    assert any("faq/contacts.toml:" in s and "Civil Rights" in s and ": warning: " in s for s in stale)
    _, problems = check(config, today=dt.date(2026, 9, 1))
    assert not any("Lawyers for Civil Rights" in p.message and "days ago" in p.message for p in problems)


# Reading grade ------------------------------------------------------------------------

HARD = (
    "Organizations representing immigrant communities challenged the agreement, arguing unauthorized "
    "disclosure violates confidentiality protections."
)
# Above the SMS limit (7), within the full answer's (8).
MIDDLE = (
    "The IRS gives this number to people who must pay taxes but cannot get a Social Security number. "
    "It is only for taxes."
)


def set_section(project: Path, path: str, section: str, text: str) -> int:
    """Replace the body of ``## <section>`` in ``path``; the heading's line number."""
    target = project / path
    lines = target.read_text(encoding="utf-8").splitlines()
    start = lines.index(f"## {section}")
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    lines[start + 1 : end] = [text, ""]
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return start + 1


def grade_warnings(project: Path) -> list[str]:
    _, problems = check(load_config(project / "bot.toml"))
    return [_relative(str(p), project) for p in problems if p.kind == "reading-grade"]


def test_reading_grade_leaves_out_links_emails_and_phone_numbers() -> None:
    plain = "Call or or visit or or write today."  # the same words, with nothing in their place
    assert reading_grade(
        "Call 1-800-898-7180 or (617) 371-1234 or visit immigrationadvocates.org/nonprofit/legaldirectory "
        "or https://www.irs.gov/individuals or write help@example.org today."
    ) == pytest.approx(reading_grade(plain))
    assert reading_grade(HARD) > FULL_GRADE


def test_a_hard_english_answer_is_a_warning_at_its_section(project_copy: Path) -> None:
    assert SMS_GRADE < reading_grade(MIDDLE) <= FULL_GRADE
    sms_line = set_section(project_copy, "faq/itin-what/en.md", "SMS", MIDDLE)
    full_line = set_section(project_copy, "faq/itin-what/en.md", "Full", MIDDLE)
    found = [w for w in grade_warnings(project_copy) if w.startswith("faq/itin-what/")]
    # The same words are too hard for an SMS answer and fine for a full one.
    assert len(found) == 1 and found[0].startswith(f"faq/itin-what/en.md:{sms_line}: warning: reading grade")
    set_section(project_copy, "faq/itin-what/en.md", "Full", HARD)
    found = [w for w in grade_warnings(project_copy) if w.startswith("faq/itin-what/")]
    assert any(w.startswith(f"faq/itin-what/en.md:{full_line}: warning:") for w in found)


def test_only_english_is_graded(project_copy: Path) -> None:
    set_section(project_copy, "faq/itin-what/es.md", "SMS", HARD)
    assert not [w for w in grade_warnings(project_copy) if "/es.md:" in w]


# The emergency SMS ----------------------------------------------------------------------

EMERGENCY = "faq/ice-contact-urgent"


def emergency_sms(project: Path, lang: str) -> Encoded:
    """The emergency answer's first SMS in ``lang`` as people get it, measured."""
    content, _ = read_content(load_config(project / "bot.toml"))
    assert content is not None
    message, _ = first_answer(content, content.faq.entries["ice-contact-urgent"], lang, style_for("sms"))
    return for_sms(content, lang, message)


def emergency_errors(project: Path) -> list[str]:
    _, problems = check(load_config(project / "bot.toml"))
    return [
        _relative(str(p), project)
        for p in problems
        if p.level == "error" and p.path.parent.name == "ice-contact-urgent"
    ]


def padded(project: Path, lang: str, body: str, pad: str, units: int) -> None:
    """Give ``lang``'s emergency SMS ``body`` plus ``pad`` characters, so the SMS has ``units`` units."""
    set_section(project, f"{EMERGENCY}/{lang}.md", "SMS", body)
    missing = units - emergency_sms(project, lang).units
    assert missing >= 0
    set_section(project, f"{EMERGENCY}/{lang}.md", "SMS", body + pad * missing)
    assert emergency_sms(project, lang).units == units


def test_the_emergency_sms_gets_four_segments_in_ucs2(project_copy: Path) -> None:
    body = "LUCE 617-370-5023。法庭 1-800-898-7180。找人 locator.ice.gov。"
    padded(project_copy, "zh", body, "好", 4 * 67)
    encoded = emergency_sms(project_copy, "zh")
    assert (encoded.encoding, encoded.segments) == ("UCS-2", 4)
    assert not [e for e in emergency_errors(project_copy) if "/zh.md:" in e]
    padded(project_copy, "zh", body, "好", 4 * 67 + 1)
    errors = [e for e in emergency_errors(project_copy) if "/zh.md:" in e]
    assert len(errors) == 1 and "the emergency SMS" in errors[0] and "the limit is 4" in errors[0]


def test_the_emergency_sms_gets_three_segments_in_gsm7(project_copy: Path) -> None:
    body = "Call LUCE 617-370-5023. Court dates: 1-800-898-7180. Find a detained person: locator.ice.gov. P"
    padded(project_copy, "en", body, "x", 3 * 153)
    assert not [e for e in emergency_errors(project_copy) if "/en.md:" in e]
    padded(project_copy, "en", body, "x", 3 * 153 + 1)
    line = (project_copy / EMERGENCY / "en.md").read_text().splitlines().index("## SMS") + 1
    errors = [e for e in emergency_errors(project_copy) if "/en.md:" in e]
    assert len(errors) == 1
    assert errors[0].startswith(f"{EMERGENCY}/en.md:{line}: error: the emergency SMS")
    assert "GSM-7" in errors[0] and "the limit is 3" in errors[0]


@pytest.mark.parametrize("lang", ["en", "vi"])
@pytest.mark.parametrize("must", EMERGENCY_MUST_SAY)
def test_the_emergency_sms_must_give_the_three_numbers(project_copy: Path, lang: str, must: str) -> None:
    others = [m for m in EMERGENCY_MUST_SAY if m != must]
    line = set_section(project_copy, f"{EMERGENCY}/{lang}.md", "SMS", " ".join(others) + " ...")
    errors = emergency_errors(project_copy)
    assert any(
        e.startswith(f"{EMERGENCY}/{lang}.md:{line}: error: the emergency SMS must give {must}")
        for e in errors
    ), errors


def test_a_changed_number_in_the_contacts_file_is_caught(project_copy: Path) -> None:
    errors = problems_after(project_copy, "faq/contacts.toml", '"617-370-5023"', '"617-555-0100"')
    assert any("contacts.toml:1: error: the emergency SMS must give 617-370-5023" in e for e in errors)


def test_the_real_emergency_sms_fits_and_gives_the_three_numbers_in_every_language(
    project_copy: Path,
) -> None:
    assert emergency_errors(project_copy) == []
    config = load_config(project_copy / "bot.toml")
    for lang in config.content.languages:
        text = emergency_sms(project_copy, lang).text
        assert all(must in text for must in EMERGENCY_MUST_SAY), (lang, text)


# Warnings staff can read ----------------------------------------------------------------


def test_warnings_are_counted_by_kind_most_urgent_first() -> None:
    def warning(kind: str, n: int = 1) -> Problem:
        return Problem(Path(f"faq/x/{n}.md"), 3, "...", level="warning", kind=kind)

    problems = [
        *(warning("needs-review", n) for n in range(3)),
        warning("emergency-unverified"),
        warning(""),
        Problem(Path("faq/x/en.md"), 1, "broken"),  # errors are never summarised
    ]
    assert warning_summary(problems) == [
        "warning: emergency lines not verified by a call: 1 contact (run with --verbose to list it)",
        "warning: needs review by a native speaker: 3 files (run with --verbose to list them)",
        "warning: other warnings: 1 warning (run with --verbose to list it)",
    ]
    assert warning_summary(problems, hint=False)[1] == "warning: needs review by a native speaker: 3 files"


def test_every_warning_the_real_content_gives_has_a_known_kind(project_copy: Path) -> None:
    _, problems = check(load_config(project_copy / "bot.toml"), today=dt.date(2026, 11, 22))
    assert {p.kind for p in problems if p.level == "warning"} <= set(WARNING_KINDS)


def test_an_answer_that_names_a_contact_people_cannot_reach_is_warned_about(project_copy: Path) -> None:
    contacts = project_copy / "faq" / "contacts.toml"
    contacts.write_text(
        contacts.read_text() + '\n[[contact]]\nname = "Nowhere Test Clinic"\ntopics = ["legal-aid"]\n'
        'source = "test"\n'
    )
    line = set_section(project_copy, "faq/itin-what/es.md", "Full", "Llame a Nowhere Test Clinic.")
    _, problems = check(load_config(project_copy / "bot.toml"))
    named = [_relative(str(p), project_copy) for p in problems if p.kind == "contact-unreachable-named"]
    assert [n for n in named if "Nowhere Test Clinic" in n] == [
        f"faq/itin-what/es.md:{line}: warning: names Nowhere Test Clinic, but faq/contacts.toml has no "
        "phone or web address for it, so people cannot reach it from here: name help they can reach, or "
        "add its phone or web address from a source"
    ]


def test_serving_keeps_the_verdict_and_checks_edited_content_again(
    project_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config, cache = load_config(project_copy / "bot.toml"), project_copy / "var" / "cache"
    content, problems = serving_check(config, cache)
    assert content is not None and problems == []
    monkeypatch.setattr(bot.check, "_sms_budget", _no_rule)  # a second check would fail here
    assert serving_check(config, cache)[0] is not None
    target = project_copy / "faq" / "itin-what" / "es.md"
    target.write_text(target.read_text(encoding="utf-8").replace("## SMS\n", "## SMS\nOtra frase.\n", 1))
    with pytest.raises(AssertionError, match="checked again"):
        serving_check(config, cache)


def test_a_verdict_against_content_is_kept_too(project_copy: Path) -> None:
    problems_after(
        project_copy, "faq/itin-what/es.md", "## SMS\n", "## SMS\n" + "Una frase larga más. " * 20 + "\n"
    )
    config, cache = load_config(project_copy / "bot.toml"), project_copy / "var" / "cache"
    first = serving_check(config, cache)
    assert first[0] is None and serving_check(config, cache) == first


def _no_rule(*args: object) -> list[Problem]:
    raise AssertionError("checked again")
