import datetime as dt
from pathlib import Path

import babel.localedata

from bot.content import Content
from bot.errors import Problem
from bot.l10n import (
    LAST_RESORT,
    UNUSED_LOCALE_DATA,
    Catalog,
    Strings,
    compare_catalogs,
    forget_unused_locale_data,
    format_date,
    parse_catalog,
)


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


HAITIAN_DATES = """date-format = { $day } { $month ->
    [1] janvye
    [2] fevriye
    [3] mas
    [4] avril
    [5] me
    [6] jen
    [7] jiyè
    [8] out
    [9] septanm
    [10] oktòb
    [11] novanm
   *[12] desanm
} { $year }
"""


def test_a_language_writes_its_own_dates_where_babel_cannot(tmp_path: Path) -> None:
    """Haitian Creole and Vietnamese from their bot.ftl; Spanish, which has no date-format, from Babel."""
    en = catalog(tmp_path, "en", "checked = Checked { $date }.\n")
    ht = catalog(tmp_path, "ht", HAITIAN_DATES)
    vi = catalog(tmp_path, "vi", "date-format = { $day }/{ $month }/{ $year }\n")
    es = catalog(tmp_path, "es", "checked = Revisado { $date }.\n")
    strings = Strings({"en": en, "ht": ht, "vi": vi, "es": es}, fallback="en")
    day = dt.date(2026, 11, 22)
    assert strings.date("ht", day) == "22 novanm 2026"
    assert strings.date("ht", dt.date(2025, 8, 7)) == "7 out 2025"
    assert strings.date("vi", day) == "22/11/2026"  # not "22 thg 11, 2026", and the year is not "2.026"
    assert strings.date("es", day) == "22 nov 2026"  # Babel's
    assert strings.date("en", day) == "Nov 22, 2026"
    assert format_date(day, "ht") == "2026 M11 22"  # what Babel alone gives: why ht has its own


def test_the_shipped_haitian_and_vietnamese_files_write_dates_naturally(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parent.parent / "locales"
    catalogs = {lang: parse_catalog(lang, root / lang / "bot.ftl", []) for lang in ("en", "ht", "vi")}
    strings = Strings({k: v for k, v in catalogs.items() if v is not None}, fallback="en")
    months = {strings.date("ht", dt.date(2026, m, 1)).split()[1] for m in range(1, 13)}
    assert len(months) == 12 and "novanm" in months
    assert strings.date("ht", dt.date(2026, 11, 22)) == "22 novanm 2026"
    assert strings.date("vi", dt.date(2026, 11, 22)) == "22/11/2026"


def test_a_date_format_with_an_unknown_variable_is_an_error(tmp_path: Path) -> None:
    problems: list[Problem] = []
    assert catalog(tmp_path, "ht", "date-format = { $jou } { $month } { $year }\n", problems) is None
    assert [p.line for p in problems] == [1]
    assert "$jou" in problems[0].message


def test_a_date_format_that_fails_to_render_falls_back_to_babel_never_to_the_last_resort(
    tmp_path: Path,
) -> None:
    en = catalog(tmp_path, "en", "checked = Checked { $date }.\n")
    vi = catalog(tmp_path, "vi", "date-format = { $day }/{ -missing-term }/{ $year }\n")
    strings = Strings({"en": en, "vi": vi}, fallback="en")
    assert strings.date("vi", dt.date(2026, 11, 22)) == format_date(dt.date(2026, 11, 22), "vi")


def test_numbers_are_written_with_each_languages_separators(tmp_path: Path) -> None:
    """Numbers passed to a string follow its language: Vietnamese "47.289", English "47,289"."""
    en = catalog(tmp_path, "en", "people = { $count } people\n")
    vi = catalog(tmp_path, "vi", "people = { $count } người\n")
    strings = Strings({"en": en, "vi": vi}, fallback="en")
    assert strings.get("vi", "people", {"count": 47289}) == "47.289 người"
    assert strings.get("en", "people", {"count": 47289}) == "47,289 people"


def test_strings_render_the_same_once_serving_lets_babels_unused_data_go(content: Content) -> None:
    """Every message of every language, given numbers and then text, and each language's dates."""
    day = dt.date(2026, 11, 22)

    def rendered() -> list[str]:
        strings = Strings(content.catalogs, fallback=content.config.content.source_language)
        out = []
        for lang, catalog in content.catalogs.items():
            for msg_id, (_, names) in catalog.messages.items():
                out += [strings.get(lang, msg_id, dict.fromkeys(names, value)) for value in (47289, "x")]
            out += [strings.date(lang, day), format_date.__wrapped__(day, lang)]
        return out

    # Babel remembers what it has read of a locale: let it go first, then read.
    babel.localedata.clear_caches()
    for lang in content.catalogs:
        babel.localedata.load(lang)
    forget_unused_locale_data()
    assert not any(key in data for data in babel.localedata._cache.values() for key in UNUSED_LOCALE_DATA)
    without = rendered()
    babel.localedata.clear_caches()  # all of Babel's data again, as when content is first loaded
    assert without == rendered()
