"""Staff tools on a copy of the content: stale translations, stamp, age, strict, stats, preview, gaps."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from pathlib import Path

import pytest

from bot.check import check
from bot.cli import main
from bot.config import load_config
from bot.gaps import normalise
from bot.preview import preview
from bot.sms import measure
from bot.stamp import StampError, stamp
from bot.stats import stats


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def warnings(project: Path, today: dt.date | None = None) -> list[str]:
    content, problems = check(load_config(project / "bot.toml"), today=today)
    assert content is not None, [str(p) for p in problems if p.level == "error"]
    return [str(p) for p in problems if p.level == "warning"]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(list(args))
    return code, capsys.readouterr().out


def test_changing_the_english_answer_makes_every_translation_stale_until_stamped(project_copy: Path) -> None:
    faq = project_copy / "faq" / "itin-what"
    assert not [w for w in warnings(project_copy) if "stale" in w]
    edit(faq / "en.md", "It is only for taxes.", "It is for taxes only.")
    stale = [w for w in warnings(project_copy) if "stale" in w]
    assert len(stale) == 6
    es_line = next(w for w in stale if "itin-what/es.md" in w)
    assert ":4: warning: stale:" in es_line and "taxbot faq stamp itin-what es" in es_line
    path, fingerprint = stamp(load_config(project_copy / "bot.toml"), "itin-what", "es")
    assert f"made-from: {fingerprint}\n" in path.read_text(encoding="utf-8")
    assert len([w for w in warnings(project_copy) if "stale" in w]) == 5


def test_new_example_questions_in_english_do_not_make_translations_stale(project_copy: Path) -> None:
    edit(
        project_copy / "faq" / "itin-what" / "en.md", "## Questions\n", "## Questions\n- whats an itin for\n"
    )
    assert not [w for w in warnings(project_copy) if "stale" in w]


def test_stamp_reviewed_clears_the_review_warning_and_keeps_the_rest_of_the_file(project_copy: Path) -> None:
    target = project_copy / "faq" / "itin-what" / "pt.md"
    before = target.read_text(encoding="utf-8")
    stamp(load_config(project_copy / "bot.toml"), "itin-what", "pt", reviewed=True)
    after = target.read_text(encoding="utf-8")
    assert "translation: reviewed\n" in after
    assert after.replace("translation: reviewed", "translation: needs-review") == before
    assert not [w for w in warnings(project_copy) if "itin-what/pt.md" in w]


def test_stamp_refuses_unknown_entries_the_source_language_and_broken_files(project_copy: Path) -> None:
    config = load_config(project_copy / "bot.toml")
    with pytest.raises(StampError, match="no entry"):
        stamp(config, "no-such-entry", "es")
    with pytest.raises(StampError, match="source language"):
        stamp(config, "itin-what", "en")
    edit(project_copy / "faq" / "itin-what" / "es.md", "## SMS\n", "## Respuesta\n")
    with pytest.raises(StampError, match="es.md:"):
        stamp(config, "itin-what", "es")


def test_a_translation_with_no_record_is_named_with_its_fix(project_copy: Path) -> None:
    edit(project_copy / "faq" / "mou-what" / "ko.md", "made-from:", "made-fro:")
    content, problems = check(load_config(project_copy / "bot.toml"))
    assert content is None
    assert any("mou-what/ko.md:4: error: unknown header line 'made-fro:'" in str(p) for p in problems)
    target = project_copy / "faq" / "mou-what" / "ko.md"
    target.write_text(
        "".join(
            line for line in target.read_text(encoding="utf-8").splitlines(True) if "made-fro" not in line
        ),
        encoding="utf-8",
    )
    lines = [w for w in warnings(project_copy) if "mou-what/ko.md" in w and "no record" in w]
    assert lines and "taxbot faq stamp mou-what ko" in lines[0]


def test_old_reviews_and_unreviewed_translations_are_warnings_with_hints(project_copy: Path) -> None:
    later = dt.date(2027, 6, 1)
    found = warnings(project_copy, today=later)
    aged = [w for w in found if "days ago" in w and "entry.toml" in w]
    assert len(aged) == 22
    assert any("itin-what/entry.toml:4: warning: last reviewed 2026-11-22" in w for w in aged)
    assert all("set reviewed = 2027-06-01" in w for w in aged)
    review = [w for w in found if "needs review by a native speaker" in w]
    assert len(review) == (22 + 5) * 6 and all("--reviewed" in w for w in review)  # entries and redirects


def test_strict_turns_warnings_into_a_failing_exit(
    project_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = str(project_copy / "bot.toml")
    assert run(capsys, "faq", "check", "--config", config)[0] == 0
    assert run(capsys, "faq", "check", "--strict", "--config", config)[0] == 1


def test_errors_are_listed_before_warnings(project_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(project_copy / "faq" / "itin-what" / "entry.toml", 'group = "itin"', 'group = "itin')
    code, out = run(capsys, "faq", "check", "--config", str(project_copy / "bot.toml"))
    assert code == 1
    lines = out.splitlines()
    assert lines == [line for line in lines if ": error: " in line] + [
        line for line in lines if ": error: " not in line
    ]
    assert any("itin-what/entry.toml:2: error: not valid TOML" in line for line in lines)
    assert not any("does not exist" in line for line in lines)  # the broken entry is named once


def test_stats_count_per_language(project_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(project_copy / "faq" / "itin-what" / "en.md", "It is only for taxes.", "It is for taxes only.")
    code, out = run(capsys, "faq", "stats", "--json", "--config", str(project_copy / "bot.toml"))
    assert code == 0
    data = json.loads(out)
    rows = {row["lang"]: row for row in data["languages"]}
    assert data["entries"] == 22 and rows["en"]["needs_review"] == 0 and rows["en"]["stale"] == 0
    assert rows["es"]["stale"] == 1 and rows["es"]["needs_review"] == 22 and rows["es"]["entries"] == 22
    assert rows["ko"]["questions"] > 3 * 22
    code, table = run(capsys, "faq", "stats", "--config", str(project_copy / "bot.toml"))
    assert "needs review" in table.splitlines()[0] and "한국어" in table


def test_stats_of_the_real_content(content: object) -> None:
    rows = {row.lang: row for row in stats(content)}  # type: ignore[arg-type]
    assert rows["en"].missing == 0 and rows["vi"].entries == 22


def test_preview_shows_what_sms_sends_with_its_cost(content: object) -> None:
    sent = preview(content, "itin-what", "es", "sms")  # type: ignore[arg-type]
    assert sent[0].step == "answer" and sent[-1].step.startswith("MORE")
    for message in sent:
        assert measure(message.text).segments == message.segments <= 3
        assert message.encoding in ("GSM-7", "UCS-2")
    assert "MAS" in sent[0].text


def test_preview_per_channel(content: object, capsys: pytest.CaptureFixture[str]) -> None:
    telegram = preview(content, "mou-what", "en", "telegram")  # type: ignore[arg-type]
    assert len(telegram) == 1 and telegram[0].segments is None
    code, out = run(capsys, "faq", "preview", "ice-contact-urgent", "--lang", "zh")
    assert code == 0 and "UCS-2" in out and "segment(s) for the answer" in out
    assert main(["faq", "preview", "no-such-entry"]) == 2


def test_gaps_keep_no_numbers_emails_links_or_names() -> None:
    kept = normalise(
        "Hi, my name is Maria Lopez, SSN 123-45-6789, mail maria@example.com, see https://x.org/a",
        ["my name is"],
    )
    assert kept == "hi my name is # # mail # see #"
    assert normalise("Me llamo José García y quiero saber de la lotería", ["me llamo"]) == (
        "me llamo # quiero saber de la loteria"
    )
    assert normalise("12345", []) == "" and normalise("😀", []) == ""


async def test_faq_gaps_lists_the_most_frequent_first(
    project_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from bot.storage import Retention, open_store

    url = f"sqlite:///{project_copy / 'var' / 'state.sqlite3'}"
    store = open_store(url, Retention())
    today = dt.date.today().isoformat()
    for text, lang, times in (
        ("can i pay a parking ticket", "en", 1),
        ("se puede pagar con tarjeta", "es", 3),
    ):
        for _ in range(times):
            await store.add_gap(today, lang, text)
    await store.close()
    monkeypatch.setenv("BOT_STORAGE_URL", url)
    config = str(project_copy / "bot.toml")
    code, out = await asyncio.to_thread(run, capsys, "faq", "gaps", "--config", config)
    lines = out.splitlines()
    assert code == 0 and "3  es" in lines[2] and "se puede pagar con tarjeta" in lines[2]
    assert "parking ticket" in lines[3]
    code, out = await asyncio.to_thread(
        run, capsys, "faq", "gaps", "--json", "--lang", "en", "--config", config
    )
    assert [g["text"] for g in json.loads(out)] == ["can i pay a parking ticket"]
