"""`taxbot faq check` on copies of the real content, broken the way hurried editors break things."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from bot.check import check
from bot.config import load_config


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
    config = load_config(project_copy / "bot.toml")
    content, problems = check(config, today=dt.date(2026, 11, 22))
    assert content is not None
    stale = [str(p) for p in problems if "more than 90 days ago" in p.message]
    assert any("faq/contacts.toml:" in s and "CEDC" in s and ": warning: " in s for s in stale)
    _, problems = check(config, today=dt.date(2025, 10, 2))
    assert not any("CEDC" in p.message and "days ago" in p.message for p in problems)
