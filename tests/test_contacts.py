"""The contacts directory: reading faq/contacts.toml, its warnings, choosing contacts, finding towns."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from bot.contacts import (
    Directory,
    candidates,
    check_contacts,
    choose,
    find_place,
    load_contacts,
    topics_for,
)
from bot.errors import Problem
from bot.faq import Faq
from bot.hours import parse_hours
from bot.text import fold

ROOT = Path(__file__).resolve().parent.parent
FACTS = (ROOT / "docs" / "facts.md").read_text(encoding="utf-8")
UTC = dt.UTC
# Tuesday 24 November 2026: 15:00 UTC is 10:00 in Boston, 23:30 UTC is 18:30.
TUESDAY_MORNING = dt.datetime(2026, 11, 24, 15, 0, tzinfo=UTC)
TUESDAY_EVENING = dt.datetime(2026, 11, 24, 23, 30, tzinfo=UTC)

HEAD = """\
[help-topics]
legal = "legal help"
tax = "tax help"

[topics]
_no-answer = ["legal"]

[places]
"Lowell" = ["lowell", "middlesex-county", "massachusetts"]
"Worcester" = ["worcester-county", "massachusetts"]
"Bedford" = ["middlesex-county", "massachusetts"]
"New Bedford" = ["bristol-county", "massachusetts"]
"波士顿" = ["boston", "massachusetts"]
"""


def contact(name: str, *settings: str, topics: str = '["legal"]') -> str:
    lines = [f'name = "{name}"', f"topics = {topics}", 'source = "test"', *settings]
    return "\n[[contact]]\n" + "\n".join(lines) + "\n"


def load(tmp_path: Path, *contacts: str, head: str = HEAD) -> Directory:
    path = tmp_path / "contacts.toml"
    path.write_text(head + "".join(contacts), encoding="utf-8")
    directory, problems = load_contacts(path)
    assert directory is not None, [str(p) for p in problems]
    assert problems == []
    return directory


def names(directory: Directory, *args: object, **kwargs: object) -> list[str]:
    return [c.name for c in choose(directory, *args, **kwargs)]  # type: ignore[arg-type]


# Reading the file ----------------------------------------------------------------


BROKEN = (
    HEAD
    + """
[[contact]]
topics = ["legal"]
phone = "100"
source = "test"

[[contact]]
name = "Wrong Topic"
topics = ["legl"]
source = "test"

[[contact]]
name = "Bad Hours"
topics = ["legal"]
hours = "weekdays 9-5"
timezone = "America/New_York"
source = "test"

[[contact]]
name = "Bad Zone"
topics = ["legal"]
hours = "daily 05:00-21:00"
timezone = "Boston/Time"
source = "test"

[[contact]]
name = "No Zone"
topics = ["legal"]
hours = "mon-fri 09:00-17:00"
source = "test"

[[contact]]
name = "Bad Language"
topics = ["legal"]
languages = ["en", "spanish"]
source = "test"

[[contact]]
name = "Bad Region"
topics = ["legal"]
region = "worcester-conty"
source = "test"
phnoe = "100"
"""
)


def test_every_mistake_is_an_error_on_its_own_line(tmp_path: Path) -> None:
    path = tmp_path / "contacts.toml"
    path.write_text(BROKEN, encoding="utf-8")
    directory, problems = load_contacts(path)
    assert directory is None
    found = {(p.line, p.level) for p in problems}
    lines = BROKEN.splitlines()

    def line_of(text: str, after: str = "") -> int:
        start = lines.index(after) if after else 0
        return next(i for i, line in enumerate(lines[start:], start + 1) if line == text)

    by_line = {p.line: p.message for p in problems}
    assert "has no name" in by_line[line_of("[[contact]]")]
    assert "unknown topic 'legl'" in by_line[line_of('topics = ["legl"]')]
    assert "cannot read hours 'weekdays 9-5'" in by_line[line_of('hours = "weekdays 9-5"')]
    assert "unknown time zone 'Boston/Time'" in by_line[line_of('timezone = "Boston/Time"')]
    assert "need timezone" in by_line[line_of('hours = "mon-fri 09:00-17:00"')]
    assert "unknown language code 'spanish'" in by_line[line_of('languages = ["en", "spanish"]')]
    assert "unknown region 'worcester-conty'" in by_line[line_of('region = "worcester-conty"')]
    assert "unknown setting 'phnoe'" in by_line[line_of('phnoe = "100"')]
    assert all(level == "error" for _, level in found)
    assert all(str(p).startswith(f"{path}:{p.line}: error: ") for p in problems)


def test_bad_toml_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "contacts.toml"
    path.write_text(HEAD + '\n[[contact]]\nname = "Unclosed\n', encoding="utf-8")
    directory, problems = load_contacts(path)
    assert directory is None
    assert [(p.line, p.message.split(":")[0]) for p in problems] == [
        (len(HEAD.splitlines()) + 3, "not valid TOML")
    ]


def test_a_missing_file_and_a_missing_no_answer_line_are_errors(tmp_path: Path) -> None:
    directory, problems = load_contacts(tmp_path / "contacts.toml")
    assert directory is None and "missing contacts.toml" in problems[0].message
    path = tmp_path / "contacts.toml"
    path.write_text(HEAD.replace('_no-answer = ["legal"]', 'other = ["legal"]'), encoding="utf-8")
    directory, problems = load_contacts(path)
    assert directory is None and any("_no-answer" in p.message for p in problems)


def test_hours_read_like_a_door_sign() -> None:
    assert parse_hours("24/7", None).always
    weekend = parse_hours(["fri-mon 10:00-12:00"], "America/New_York").spans[0]
    assert weekend.days == {4, 5, 6, 0}
    for bad in ("daily 9:00-9:00", "daily 25:00-26:00", "someday 09:00-10:00", ""):
        with pytest.raises(ValueError):
            parse_hours(bad, "America/New_York")


def test_open_now_follows_the_contacts_own_clock_through_summer_time() -> None:
    hotline = parse_hours("daily 05:00-21:00", "America/New_York")
    # 01:30 UTC is 20:30 in Boston in January (UTC-5) but 21:30 in July (UTC-4).
    assert hotline.is_open(dt.datetime(2026, 1, 15, 1, 30, tzinfo=UTC))
    assert not hotline.is_open(dt.datetime(2026, 7, 15, 1, 30, tzinfo=UTC))
    late = parse_hours("tue 18:00-02:00", "America/New_York")
    assert late.is_open(TUESDAY_EVENING)
    assert late.is_open(
        dt.datetime(2026, 11, 25, 6, 30, tzinfo=UTC)
    )  # 01:30 Wednesday, still Tuesday's night
    assert not late.is_open(dt.datetime(2026, 11, 26, 6, 30, tzinfo=UTC))  # 01:30 Thursday


# Warnings --------------------------------------------------------------------------


def warnings(
    directory: Directory, today: dt.date, max_age_days: int = 90, *, strict: bool = False
) -> list[Problem]:
    return check_contacts(directory, Faq({}), [], today=today, max_age_days=max_age_days, strict=strict)


def test_unverified_details_and_old_or_missing_checks_are_warned_about(tmp_path: Path) -> None:
    directory = load(
        tmp_path,
        contact("Checked", 'phone = "100"', "verified = 2026-11-01"),
        contact("Never", 'phone = "200"'),
        contact("Stale", 'phone = "300"', "verified = 2026-01-10"),
        contact("Unsure", 'phone = "400"', "verified = 2026-11-01", 'unverified = ["phone"]'),
    )
    found = warnings(directory, dt.date(2026, 11, 22))
    assert all(p.level == "warning" for p in found)
    by_name = {p.message.split(":")[0]: p.message for p in found}
    assert "Checked" not in by_name
    assert "never verified" in by_name["Never"] and "call 200" in by_name["Never"]
    # The date to write is the day of the call, never the day the check happens to run.
    assert "verified = the date of that call" in by_name["Never"] and "2026-11-22" not in by_name["Never"]
    assert "more than 90 days ago" in by_name["Stale"]
    assert "phone marked unverified" in by_name["Unsure"]
    text = (tmp_path / "contacts.toml").read_text().splitlines()
    unsure = next(p for p in found if p.message.startswith("Unsure"))
    assert text[unsure.line - 1] == 'unverified = ["phone"]'


def test_an_emergency_line_never_verified_by_a_call_fails_only_the_strict_check(tmp_path: Path) -> None:
    directory = load(
        tmp_path,
        contact("Hotline", 'phone = "617-555-0100"', "emergency = true"),
        contact("Called Hotline", 'phone = "617-555-0101"', "emergency = true", "verified = 2026-11-01"),
        contact("Office", 'phone = "617-555-0102"'),
    )
    today = dt.date(2026, 11, 22)
    relaxed = [p for p in warnings(directory, today) if p.kind == "emergency-unverified"]
    strict = [p for p in warnings(directory, today, strict=True) if p.kind == "emergency-unverified"]
    assert [(p.level, p.message.split(":")[0]) for p in relaxed] == [("warning", "Hotline")]
    assert [(p.level, p.message.split(":")[0]) for p in strict] == [("error", "Hotline")]
    assert "call 617-555-0100" in strict[0].message and "date of that call" in strict[0].message
    text = (tmp_path / "contacts.toml").read_text().splitlines()
    assert text[strict[0].line - 1] == "[[contact]]"  # no verified line: the block's own line
    # Only emergency lines are errors: an ordinary contact never verified stays a warning.
    office = [p for p in warnings(directory, today, strict=True) if p.message.startswith("Office")]
    assert [(p.level, p.kind) for p in office] == [("warning", "contact-unverified")]


def test_a_verified_date_that_is_the_sources_date_is_not_a_call(tmp_path: Path) -> None:
    path = tmp_path / "contacts.toml"
    path.write_text(
        HEAD
        + "\n[[contact]]\n"
        + 'name = "Tax Site"\ntopics = ["tax"]\nphone = "617-555-0103"\n'
        + 'source = "GBH News 2025-10-01"\nverified = 2025-10-01\n'
        + "\n[[contact]]\n"
        + 'name = "Hotline"\ntopics = ["legal"]\nphone = "617-555-0104"\nemergency = true\n'
        + 'source = "petition of 2026-11-01"\nverified = 2026-11-01\n',
        encoding="utf-8",
    )
    directory, _ = load_contacts(path)
    assert directory is not None
    found = {p.message.split(":")[0]: p for p in warnings(directory, dt.date(2026, 11, 22), strict=True)}
    assert found["Tax Site"].kind == "contact-source-date" and found["Tax Site"].level == "warning"
    assert "2025-10-01 is the date of its source, not of a call" in found["Tax Site"].message
    assert path.read_text().splitlines()[found["Tax Site"].line - 1] == "verified = 2025-10-01"
    # An emergency line "verified" on its source's date counts as never called.
    assert (found["Hotline"].kind, found["Hotline"].level) == ("emergency-unverified", "error")


def test_a_contact_with_no_phone_or_web_is_warned_about_and_never_named(tmp_path: Path) -> None:
    directory = load(
        tmp_path,
        contact("Nowhere", 'hours = "24/7"', "emergency = true", 'region = "national"'),
        contact("Reachable", 'phone = "617-555-0105"'),
    )
    found = warnings(directory, dt.date(2026, 11, 22))
    unreachable = [p for p in found if p.kind == "contact-unreachable"]
    assert [p.message.split(":")[0] for p in unreachable] == ["Nowhere"]
    # Not as the emergency line, not as the line that always answers, not in what the check measures.
    assert names(directory, "legal", "en", TUESDAY_EVENING, urgent=True) == ["Reachable"]
    assert [c.name for c in candidates(directory, ["legal"])] == ["Reachable"]


def test_the_age_limit_is_the_callers(tmp_path: Path) -> None:
    directory = load(tmp_path, contact("Stale", 'phone = "300"', "verified = 2026-01-10"))
    assert warnings(directory, dt.date(2026, 11, 22), max_age_days=400) == []
    assert len(warnings(directory, dt.date(2026, 11, 22), max_age_days=300)) == 1


def test_topics_for_an_unknown_entry_are_reported(tmp_path: Path) -> None:
    head = HEAD.replace('_no-answer = ["legal"]', '_no-answer = ["legal"]\nitin-wat = ["tax"]')
    directory = load(tmp_path, contact("A", 'phone = "1"', "verified = 2026-11-01"), head=head)
    found = warnings(directory, dt.date(2026, 11, 22))
    assert [(p.level, p.line) for p in found] == [
        ("error", head.splitlines().index('itin-wat = ["tax"]') + 1)
    ]


# Choosing --------------------------------------------------------------------------


def test_those_who_speak_the_language_come_first(tmp_path: Path) -> None:
    directory = load(
        tmp_path,
        contact("English Desk", 'phone = "1"', 'languages = ["en"]'),
        contact("Unstated", 'phone = "2"'),
        contact("Spanish Desk", 'phone = "3"', 'languages = ["es", "pt"]'),
        contact("Interpreters", 'phone = "4"', "interpreters = true"),
    )
    assert names(directory, "legal", "es", TUESDAY_MORNING, limit=4) == [
        "Spanish Desk",
        "Interpreters",
        "Unstated",
        "English Desk",
    ]
    assert names(directory, "legal", "en", TUESDAY_MORNING, limit=2) == ["English Desk", "Interpreters"]


def test_open_ones_come_before_closed_ones_on_their_own_clock(tmp_path: Path) -> None:
    zone = 'timezone = "America/New_York"'
    directory = load(
        tmp_path,
        contact("Day", 'phone = "1"', 'hours = "mon-fri 09:00-17:00"', zone),
        contact("No Hours", 'phone = "2"'),
        contact("Evening", 'phone = "3"', 'hours = "daily 18:00-02:00"', zone),
        contact("Always", 'phone = "4"', 'hours = "24/7"'),
    )
    assert names(directory, "legal", "en", TUESDAY_MORNING, limit=4) == [
        "Day",
        "Always",
        "No Hours",
        "Evening",
    ]
    assert names(directory, "legal", "en", TUESDAY_EVENING, limit=4) == [
        "Evening",
        "Always",
        "No Hours",
        "Day",
    ]
    with pytest.raises(ValueError):
        choose(directory, "legal", "en", dt.datetime(2026, 11, 24, 10, 0))


def test_language_weighs_more_than_being_open(tmp_path: Path) -> None:
    zone = 'timezone = "America/New_York"'
    directory = load(
        tmp_path,
        contact("Open In English", 'phone = "1"', 'languages = ["en"]', 'hours = "24/7"'),
        contact(
            "Closed In Spanish", 'phone = "2"', 'languages = ["es"]', 'hours = "mon-fri 9:00-17:00"', zone
        ),
    )
    assert names(directory, "legal", "es", TUESDAY_EVENING) == ["Closed In Spanish", "Open In English"]


def test_at_most_the_limit_and_never_one_that_cannot_be_reached(tmp_path: Path) -> None:
    directory = load(
        tmp_path,
        contact("Nowhere", 'region = "massachusetts"'),
        *(contact(f"Line {n}", f'phone = "{n}"', 'region = "national"') for n in range(5)),
        contact("Kept On File", 'phone = "9"', topics="[]"),
    )
    chosen = names(directory, "legal", "en", TUESDAY_MORNING)
    assert chosen == ["Line 0", "Line 1", "Line 2"]
    assert "Nowhere" not in names(directory, "legal", "en", TUESDAY_MORNING, limit=9)
    assert "Kept On File" not in names(directory, "legal", "en", TUESDAY_MORNING, limit=9)


def test_one_that_answers_day_and_night_or_nationwide_is_always_there(tmp_path: Path) -> None:
    local = [
        contact(f"Local {n}", f'phone = "{n}"', 'languages = ["es"]', 'region = "massachusetts"')
        for n in range(4)
    ]
    directory = load(tmp_path, *local, contact("National", 'phone = "8"', 'region = "national"'))
    assert names(directory, "legal", "es", TUESDAY_MORNING) == ["Local 0", "Local 1", "National"]
    # When the topic has none, one from another topic that always answers is swapped in.
    directory = load(tmp_path, *local, contact("Tax Line", 'phone = "9"', 'hours = "24/7"', topics='["tax"]'))
    assert names(directory, "legal", "es", TUESDAY_MORNING) == ["Local 0", "Local 1", "Tax Line"]


def test_a_named_town_brings_local_help_first_and_drops_help_elsewhere(tmp_path: Path) -> None:
    directory = load(
        tmp_path,
        contact("Statewide", 'phone = "1"', 'region = "massachusetts"'),
        contact("Worcester Clinic", 'web = "worcester.example"', 'region = "worcester-county"'),
        contact("Lowell Clinic", 'phone = "3"', 'region = "lowell"'),
        contact("National", 'phone = "4"', 'region = "national"'),
    )
    worcester = find_place(directory, fold("vivo en Worcester"))
    lowell = find_place(directory, fold("i'm in Lowell"))
    assert worcester and lowell
    everyone = names(directory, "legal", "en", TUESDAY_MORNING, limit=4)
    assert everyone == ["Statewide", "Worcester Clinic", "Lowell Clinic", "National"]
    assert names(directory, "legal", "en", TUESDAY_MORNING, worcester.place, limit=4) == [
        "Worcester Clinic",
        "Statewide",
        "National",
    ]
    assert names(directory, "legal", "en", TUESDAY_MORNING, lowell.place, limit=4) == [
        "Lowell Clinic",
        "Statewide",
        "National",
    ]


def test_urgent_lists_put_emergency_lines_first(tmp_path: Path) -> None:
    directory = load(
        tmp_path,
        contact("Clinic", 'phone = "1"', "interpreters = true"),
        contact("Hotline", 'phone = "2"', "emergency = true", 'region = "national"'),
    )
    assert names(directory, "legal", "en", TUESDAY_MORNING) == ["Clinic", "Hotline"]
    assert names(directory, "legal", "en", TUESDAY_MORNING, urgent=True) == ["Hotline", "Clinic"]


# Towns ------------------------------------------------------------------------------


def test_the_longest_town_name_wins_and_the_rest_is_kept(tmp_path: Path) -> None:
    directory = load(tmp_path)
    mention = find_place(directory, fold("I'm in NEW BEDFORD!"))
    assert mention is not None and (mention.place.name, mention.rest) == ("New Bedford", "im in")
    mention = find_place(directory, fold("我住在波士顿"))
    assert mention is not None and (mention.place.name, mention.rest) == ("波士顿", "我住在")
    assert find_place(directory, fold("what is an itin")) is None


@pytest.fixture(scope="module")
def real() -> Directory:
    directory, problems = load_contacts(ROOT / "faq" / "contacts.toml")
    assert directory is not None
    assert [p for p in problems if p.level == "error"] == []
    return directory


@pytest.mark.parametrize(
    ("message", "town"),
    [
        ("I'm in New Bedford", "New Bedford"),
        ("i live in fall river", "Fall River"),
        ("moro em Framingham", "Framingham"),
        ("Eu moro em Marlborough", "Marlborough"),
        ("vivo en Worcester", "Worcester"),
        ("VIVO EN WÓRCESTER", "Worcester"),
        ("estoy en east boston", "East Boston"),
        ("we live in martha's vineyard", "Martha's Vineyard"),
    ],
)
def test_towns_are_found_in_english_spanish_and_portuguese(real: Directory, message: str, town: str) -> None:
    mention = find_place(real, fold(message))
    assert mention is not None and mention.place.name == town
    assert "massachusetts" in mention.place.regions


# The real file -------------------------------------------------------------------------


def test_the_real_file_loads_and_maps_the_answers_that_send_people_to_help(real: Directory) -> None:
    assert len(real.contacts) >= 20
    assert "_no-answer" in real.answers and "ice-contact-urgent" in real.answers
    for contact in real.contacts:
        assert contact.source, contact.name
    assert choose(real, topics_for(real, None), "en", TUESDAY_MORNING)


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def test_every_phone_and_web_address_comes_from_the_fact_sheet(real: Directory) -> None:
    fact_digits = {_digits(m) for m in re.findall(r"\(?\d[\d() .-]{1,}\d", FACTS)}
    for contact in real.contacts:
        if contact.phone:
            assert _digits(contact.phone) in fact_digits, contact.name
        if contact.web:
            assert contact.web in FACTS, contact.name


def test_numbers_the_fact_sheet_calls_old_or_undated_are_flagged(real: Directory) -> None:
    # "The GBLS, MLRI, TAS, VITA and ICE field-office numbers come from undated or older pages."
    flagged = {c.name for c in real.contacts if "phone" in c.unverified}
    for name in (
        "Greater Boston Legal Services",
        "Massachusetts Law Reform Institute",
        "IRS VITA site locator",
    ):
        assert name in flagged
    assert any("Taxpayer Advocate" in n for n in flagged) and any("ICE field office" in n for n in flagged)
    luce = next(c for c in real.contacts if c.name.startswith("LUCE"))
    assert "languages" in luce.unverified and not luce.languages  # the list was cut off in the source


def test_nothing_the_source_does_not_give_is_filled_in(real: Directory) -> None:
    # "not seen" in the fact sheet: no phone for these.
    for name in ("PAIR Project", "ACLU of Massachusetts", "Lawyers for Civil Rights", "Harvard LSC"):
        found = next(c for c in real.contacts if c.name.startswith(name))
        assert not found.phone
    # Only the LUCE hotline and the MIRA voicemail have hours in the source.
    with_hours = {c.name for c in real.contacts if c.hours is not None}
    assert with_hours == {"LUCE Immigrant Justice Network of MA", "MIRA Coalition advocate legal helpline"}
