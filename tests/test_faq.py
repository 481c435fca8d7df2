from pathlib import Path

from bot.errors import Problem
from bot.faq import load_faq, parse_translation

GOOD = """# What is an ITIN?

translation: source
<!-- a note for staff,
     over two lines -->

## SMS
An ITIN is a tax number.
It is for taxes only.

## Full
First paragraph.

Second paragraph.

## Questions
- what is an itin
- who gets one
- is it an id

## Keywords
- itin, tax id
- w-7
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_good_file_parses_into_sections(tmp_path: Path) -> None:
    problems: list[Problem] = []
    text = parse_translation(write(tmp_path / "en.md", GOOD), problems)
    assert problems == []
    assert text is not None
    assert text.title == "What is an ITIN?"
    assert text.status == "source"
    assert text.sms == "An ITIN is a tax number. It is for taxes only."
    assert text.full == "First paragraph.\nSecond paragraph."
    assert text.questions == ("what is an itin", "who gets one", "is it an id")
    assert text.keywords == ("itin", "tax id", "w-7")
    assert text.line_of("sms") == 7


def test_problems_name_the_line(tmp_path: Path) -> None:
    broken = GOOD.replace("## Full", "## Answer").replace("- who gets one", "who gets one")
    broken = broken.replace("translation: source", "translation: done")
    problems: list[Problem] = []
    assert parse_translation(write(tmp_path / "es.md", broken), problems) is None
    lines = sorted((p.line, p.message.split(" ")[0]) for p in problems)
    assert (3, "add") in lines  # bad translation status, on its line
    assert (11, "unknown") in lines  # unknown section
    assert (18, "start") in lines  # list item without "- "
    assert len(problems) == 4  # and the too-short question list; no cascade from the bad section


def test_missing_sections_and_too_few_questions_are_reported(tmp_path: Path) -> None:
    text = "# Title\n\ntranslation: source\n\n## SMS\nHi.\n\n## Questions\n- one\n"
    problems: list[Problem] = []
    assert parse_translation(write(tmp_path / "en.md", text), problems) is None
    messages = " | ".join(p.message for p in problems)
    assert "missing section '## Keywords'" in messages
    assert "at least 3 example questions" in messages


def test_entry_folder_needs_valid_metadata(tmp_path: Path) -> None:
    write(tmp_path / "faq" / "itin-what" / "en.md", GOOD)
    write(
        tmp_path / "faq" / "itin-what" / "entry.toml",
        'group = "itin"\nreviewed = "last week"\nsources = ["https://irs.gov"]\nrelated = ["nope"]\n',
    )
    faq, problems = load_faq(tmp_path / "faq")
    assert "itin-what" not in faq.entries
    assert [(p.line, "reviewed" in p.message) for p in problems] == [(2, True)]


def test_toml_syntax_errors_carry_their_line(tmp_path: Path) -> None:
    write(tmp_path / "faq" / "itin-what" / "en.md", GOOD)
    write(
        tmp_path / "faq" / "itin-what" / "entry.toml", 'group = "itin"\nreviewed = 2026-11-22\nsources = [\n'
    )
    _, problems = load_faq(tmp_path / "faq")
    assert len(problems) == 1
    assert problems[0].line >= 3
    assert "not valid TOML" in problems[0].message


def test_related_ids_must_exist(tmp_path: Path) -> None:
    write(tmp_path / "faq" / "itin-what" / "en.md", GOOD)
    write(
        tmp_path / "faq" / "itin-what" / "entry.toml",
        'group = "itin"\nreviewed = 2026-11-22\nsources = ["https://irs.gov"]\nrelated = ["nope"]\n',
    )
    faq, problems = load_faq(tmp_path / "faq")
    assert "itin-what" in faq.entries
    assert [(p.line, p.message) for p in problems] == [
        (4, "related entry 'nope' does not exist: fix the id (see `taxbot faq list`) or remove it")
    ]


REDIRECT = """# Tax preparation questions

translation: source

## Reply
I answer questions about tax privacy. For refunds or tax forms, ask free tax help:

## Questions
- wheres my refund
- how do i fix my w2
- do i owe tax on my 1099
"""


def test_a_redirect_has_a_reply_and_examples(tmp_path: Path) -> None:
    write(tmp_path / "faq" / "_redirects" / "tax-preparation" / "en.md", REDIRECT)
    faq, problems = load_faq(tmp_path / "faq")
    assert problems == []
    text = faq.redirects["tax-preparation"].texts["en"]
    assert text.reply.startswith("I answer questions about tax privacy.")
    assert text.questions[0] == "wheres my refund"


def test_a_redirect_without_its_reply_or_with_an_answer_section_names_the_line(tmp_path: Path) -> None:
    broken = REDIRECT.replace(
        "## Reply\nI answer questions about tax privacy. For refunds or tax forms, ask free tax help:\n",
        "## SMS\nHi.\n",
    )
    write(tmp_path / "faq" / "_redirects" / "tax-preparation" / "en.md", broken)
    faq, problems = load_faq(tmp_path / "faq")
    assert "tax-preparation" not in faq.redirects or "en" not in faq.redirects["tax-preparation"].texts
    found = [(p.line, p.message) for p in problems]
    assert (5, "unknown section '## SMS' (use '## Reply', '## Questions', '## Keywords')") in found
    assert any("missing section '## Reply'" in message for _, message in found)


def test_a_redirect_folder_may_not_take_an_entrys_id(tmp_path: Path) -> None:
    write(tmp_path / "faq" / "itin-what" / "en.md", GOOD)
    write(
        tmp_path / "faq" / "itin-what" / "entry.toml",
        'group = "itin"\nreviewed = 2026-11-22\nsources = ["x"]\n',
    )
    write(tmp_path / "faq" / "_redirects" / "itin-what" / "en.md", REDIRECT)
    faq, problems = load_faq(tmp_path / "faq")
    assert faq.redirects == {}
    assert ["is not an entry's id" in p.message for p in problems] == [True]


def test_time_sensitive_is_read_from_entry_toml_and_is_false_unless_set(tmp_path: Path) -> None:
    meta = 'group = "itin"\nreviewed = 2026-11-22\nsources = ["https://irs.gov"]\n'
    for folder, extra in (
        ("plain", ""),
        ("ruling", "time-sensitive = true\n"),
        ("bad", 'time-sensitive = "yes"\n'),
    ):
        write(tmp_path / "faq" / folder / "en.md", GOOD)
        write(tmp_path / "faq" / folder / "entry.toml", meta + extra)
    faq, problems = load_faq(tmp_path / "faq")
    assert faq.entries["plain"].time_sensitive is False
    assert faq.entries["ruling"].time_sensitive is True
    assert "bad" not in faq.entries
    assert [(p.path.parent.name, p.line, p.message) for p in problems] == [
        ("bad", 4, "time-sensitive must be true or false")
    ]
