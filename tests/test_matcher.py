"""The matcher on a tiny FAQ built in the test, so each behaviour is visible."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

from bot.faq import NOT_COVERED, Entry, Faq, Translation
from bot.lexicon import Lexicon
from bot.matcher import Matcher
from bot.text import fold


def text(title: str, questions: list[str], keywords: list[str]) -> Translation:
    return Translation("en", title, "source", "answer", "", tuple(questions), tuple(keywords), Path("x.md"))


def entry(entry_id: str, t: Translation) -> Entry:
    return Entry(entry_id, "g", dt.date(2026, 1, 1), ("s",), (), False, False, 1, {"en": t}, Path("x"))


LEXICON = Lexicon(
    lang="en",
    name="English",
    plain_sms_letters=True,
    names=frozenset(),
    commands={},
    abbreviations={"u": "you"},
    synonyms={"ice": "ice", "la migra": "ice"},
    urgent={},
    words=frozenset(),
)
FAQ = Faq(
    {
        "itin-what": entry(
            "itin-what",
            text("What is an ITIN?", ["what is an itin", "who can get an itin number"], ["tax id number"]),
        ),
        "file-or-not": entry(
            "file-or-not",
            text(
                "Should I file?",
                ["should i still file my taxes", "is it safe to file a return"],
                ["file taxes"],
            ),
        ),
        "ssa": entry(
            "ssa",
            text(
                "Social Security sharing",
                ["does social security share data with ice"],
                ["social security office"],
            ),
        ),
    },
    {
        "en": text(
            "Not covered",
            ["how do i renew my passport", "whats the weather tomorrow"],
            ["passport", "weather"],
        )
    },
)


def best(message: str) -> str:
    return Matcher(FAQ, {"en": LEXICON}).match(fold(message), "en").ranked[0][0]


def test_words_and_typos_find_the_entry() -> None:
    assert best("wat is a ITIN") == "itin-what"
    assert best("shuold i stil file my taxs this year") == "file-or-not"


def test_synonyms_are_rewritten_before_matching() -> None:
    assert best("does the social security office give my info to la migra") == "ssa"


def test_not_covered_examples_win_for_other_topics() -> None:
    assert best("passport renewal appointment") == NOT_COVERED


def test_scores_run_from_0_to_1_best_first() -> None:
    ranked = Matcher(FAQ, {"en": LEXICON}).match(fold("what is an itin"), "en").ranked
    scores = [score for _, score in ranked]
    assert scores == sorted(scores, reverse=True)
    assert 0 < scores[0] <= 1


def test_a_message_of_unknown_words_scores_nothing() -> None:
    ranked = Matcher(FAQ, {"en": LEXICON}).match(fold("zzzz qqqq"), "en").ranked
    assert all(score == 0 for _, score in ranked)


def test_a_restart_reads_the_index_back_and_ranks_the_same(tmp_path: Path) -> None:
    built = Matcher(FAQ, {"en": LEXICON}, tmp_path)
    assert list(tmp_path.glob("index-en-*.pickle"))
    again = Matcher(FAQ, {"en": LEXICON}, tmp_path)
    for message in ("what is an itin", "la migra at the social security office", "weather"):
        assert again.match(fold(message), "en") == built.match(fold(message), "en")


def test_an_edited_entry_builds_its_language_anew(tmp_path: Path) -> None:
    Matcher(FAQ, {"en": LEXICON}, tmp_path)
    edited = Faq(
        {**FAQ.entries, "ssa": entry("ssa", text("Social Security", ["is ssa safe"], []))}, FAQ.not_covered
    )
    assert Matcher(edited, {"en": LEXICON}, tmp_path).match(fold("is ssa safe"), "en").ranked[0][0] == "ssa"
    assert len(list(tmp_path.glob("index-en-*.pickle"))) == 2


def test_a_script_that_builds_at_its_top_level_runs_once_and_answers(project_copy: Path) -> None:
    """Build processes re-import their parent's main module: only taxbot's own guarded entry
    points use them, so a staff member's script is neither run twice nor broken."""
    script = project_copy / "ask_once.py"
    script.write_text(
        "from pathlib import Path\n"
        "from bot.check import load_checked\n"
        "from bot.config import load_config\n"
        "from bot.conversation import Conversation, Inbound\n"
        "from bot.session import Session\n"
        "conversation = Conversation(load_checked(load_config(Path('bot.toml'))))\n"
        "print(conversation.respond(Inbound('what is an itin'), Session())[0].entry_id)\n",
        encoding="utf-8",
    )
    run = subprocess.run(
        [sys.executable, str(script)], cwd=project_copy, capture_output=True, text=True, timeout=300
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.split() == ["itin-what"]
    assert list((project_copy / "var" / "cache").glob("index-*.pickle"))
