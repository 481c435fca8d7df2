"""`taxbot faq check` as staff read it: errors in full, warnings counted by kind, --verbose, --strict."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from tests.test_cli import taxbot

NEEDS_REVIEW = ": warning: needs review by a native speaker"
TEST_LINE = """
[[contact]]
name = "Test Line"
topics = ["ice-activity"]
phone = "617-555-0100"
emergency = true
source = "test"
"""


def faq_check(project: Path, *args: str) -> tuple[int, list[str]]:
    run = taxbot("faq", "check", "--config", str(project / "bot.toml"), *args, cwd=project)
    return run.returncode, run.stdout.splitlines()


def test_warnings_are_one_line_per_kind_and_each_one_with_verbose(project_copy: Path) -> None:
    _, lines = faq_check(project_copy)
    summary = r"warning: needs review by a native speaker: (\d+) files \(run with --verbose to list them\)"
    counts = [int(m.group(1)) for m in map(re.compile(summary).fullmatch, lines) if m]
    assert len(counts) == 1 and counts[0] > 0
    assert not [line for line in lines if NEEDS_REVIEW in line]
    _, lines = faq_check(project_copy, "--verbose")
    assert len([line for line in lines if NEEDS_REVIEW in line]) == counts[0]
    assert f"warning: needs review by a native speaker: {counts[0]} files" in lines


def test_errors_are_always_listed_in_full(project_copy: Path) -> None:
    broken = project_copy / "faq" / "itin-what" / "en.md"
    broken.write_text(broken.read_text().replace("translation: source", "translation: maybe"))
    code, lines = faq_check(project_copy)
    assert code == 1
    assert any(line.startswith("faq/itin-what/en.md:3: error:") for line in lines)


def test_strict_fails_on_an_emergency_contact_not_verified_by_a_call(project_copy: Path) -> None:
    contacts = project_copy / "faq" / "contacts.toml"
    before = contacts.read_text(encoding="utf-8")
    contacts.write_text(before + TEST_LINE, encoding="utf-8")
    line = len(before.splitlines()) + 2  # the new block's [[contact]]
    where = f"faq/contacts.toml:{line}:"
    _, lines = faq_check(project_copy)
    assert not [text for text in lines if text.startswith(where)]  # a warning: only counted
    assert any(text.startswith("warning: emergency lines not verified by a call:") for text in lines)
    _, lines = faq_check(project_copy, "--verbose")
    assert any(text.startswith(f"{where} warning: Test Line: emergency line not verified") for text in lines)
    code, lines = faq_check(project_copy, "--strict")
    assert code == 1
    error = next(text for text in lines if text.startswith(f"{where} error: Test Line:"))
    assert "not verified by a call" in error and "call 617-555-0100" in error


def test_strict_is_not_stopped_by_translations_waiting_for_a_native_speaker(project_copy: Path) -> None:
    """Most translations wait months for a reviewer; that must not block fixing an answer."""
    contacts = project_copy / "faq" / "contacts.toml"
    text = contacts.read_text(encoding="utf-8")
    verified = re.sub(r"(?m)^(emergency = true)$", r'\1\nverified = 2026-11-30', text)
    contacts.write_text(verified, encoding="utf-8")
    code, lines = faq_check(project_copy, "--strict")
    assert any("needs review by a native speaker" in line for line in lines)
    assert code == 0, lines


def test_a_clean_check_builds_what_serving_loads_so_the_next_start_is_quick(project_copy: Path) -> None:
    """The index is built once per content version: by the check staff run before publishing."""
    cache = project_copy / "var" / "cache"
    shutil.rmtree(cache)  # a fresh checkout: nothing built yet
    code, _ = faq_check(project_copy)
    assert code == 0
    built = {path.name.split("-")[1] for path in cache.glob("index-*.pickle")}
    assert built == {"en", "es", "pt", "ht", "zh", "vi", "ko"}
