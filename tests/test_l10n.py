import datetime as dt
from pathlib import Path

from bot.errors import Problem
from bot.l10n import LAST_RESORT, Catalog, Strings, compare_catalogs, format_date, parse_catalog


def catalog(tmp_path: Path, lang: str, text: str, problems: list[Problem] | None = None) -> Catalog:
    path = tmp_path / lang / "bot.ftl"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    parsed = parse_catalog(lang, path, problems if problems is not None else [])
    return parsed  # type: ignore[return-value]


def test_junk_is_reported_with_its_line(tmp_path: Path) -> None:
    problems: list[Problem] = []
    assert catalog(tmp_path, "es", "hello = Hola\nbroken = { $x\nbye = Adios\n", problems) is None
    assert [p.line for p in problems] == [2]
    assert "Fluent syntax error" in problems[0].message


def test_missing_messages_and_unknown_variables_are_found(tmp_path: Path) -> None:
    en = catalog(tmp_path, "en", "a = A { $days }\nb = B\n")
    es = catalog(tmp_path, "es", "a = A { $dias }\n")
    problems: list[Problem] = []
    compare_catalogs(en, es, problems)
    text = " | ".join(p.message for p in problems)
    assert "'b' is missing" in text
    assert "unknown variable $dias" in text


def test_a_string_missing_in_one_language_falls_back_to_english_never_to_its_id(tmp_path: Path) -> None:
    en = catalog(tmp_path, "en", "welcome = Hi { $name }\nonly-en = English only\n")
    es = catalog(tmp_path, "es", "welcome = Hola { $name }\n")
    strings = Strings({"en": en, "es": es}, fallback="en")
    assert strings.get("es", "welcome", {"name": "Ana"}) == "Hola Ana"
    assert strings.get("es", "only-en") == "English only"
    assert strings.get("es", "no-such-message") == LAST_RESORT
    assert strings.get("es", "welcome") == LAST_RESORT  # a missing variable never shows as "name"


def test_no_bidi_isolation_marks_reach_sms_text(tmp_path: Path) -> None:
    en = catalog(tmp_path, "en", "checked = Checked { $date }.\n")
    text = Strings({"en": en}, fallback="en").get("en", "checked", {"date": "Nov 22"})
    assert text == "Checked Nov 22."


def test_dates_are_written_the_local_way() -> None:
    day = dt.date(2026, 11, 22)
    assert format_date(day, "en") == "Nov 22, 2026"
    assert format_date(day, "es") == "22 nov 2026"
    assert format_date(day, "xx-nope") == "2026-11-22"
