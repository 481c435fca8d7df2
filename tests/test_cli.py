"""The `taxbot` command as staff and the evaluation script use it, run as a real process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def taxbot(*args: str, stdin: str = "", cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
    )


def test_ask_json_reads_one_message_per_line_and_answers_each_independently() -> None:
    lines = ["what is an itin", "ICE is knocking at my door", "", "what is the weather tomorrow", "español"]
    run = taxbot("ask", "--json", "-", stdin="\n".join(lines) + "\n")
    assert run.returncode == 0, run.stderr
    rows = [json.loads(line) for line in run.stdout.splitlines()]
    assert len(rows) == len(lines)
    for row in rows:
        assert {"id", "lang", "score", "urgent", "escalate", "suggestions", "reply"} <= row.keys()
    assert rows[0]["id"] == "itin-what" and rows[0]["lang"] == "en"
    assert rows[1]["id"] == "ice-contact-urgent" and rows[1]["urgent"] and rows[1]["escalate"]
    assert rows[2]["id"] is None and rows[2]["reply"]
    assert rows[3]["id"] is None and rows[3]["escalate"]
    assert rows[4]["lang"] == "es"


def test_ask_with_a_language_answers_in_it() -> None:
    run = taxbot("ask", "--lang", "es", "what is an itin")
    assert run.returncode == 0
    assert run.stdout.startswith("Un ITIN es")


def test_faq_list_json_has_every_entry_with_languages_dates_and_sources() -> None:
    run = taxbot("faq", "list", "--json")
    rows = json.loads(run.stdout)
    assert len(rows) >= 22
    for row in rows:
        assert set(row["languages"]) >= {"en", "es"}
        assert row["reviewed"] and row["sources"]


def test_faq_check_passes_and_fails_with_path_line_and_exit_code(tmp_path: Path) -> None:
    assert taxbot("faq", "check").returncode == 0
    copy = tmp_path / "faq"
    subprocess.run(["cp", "-r", str(ROOT / "faq"), str(copy)], check=True)
    broken = copy / "itin-what" / "en.md"
    broken.write_text(broken.read_text().replace("translation: source", "translation: maybe"))
    run = taxbot("faq", "check", str(copy))
    assert run.returncode == 1
    assert f"{broken}:3: error:" in run.stdout


def test_any_folder_any_config(project_copy: Path, tmp_path: Path) -> None:
    """Content folders are found next to the config file, wherever the command runs."""
    run = taxbot("ask", "--config", str(project_copy / "bot.toml"), "what is an itin", cwd=tmp_path)
    assert run.returncode == 0 and "ITIN" in run.stdout


def test_bad_config_stops_with_one_clear_line(tmp_path: Path) -> None:
    (tmp_path / "bot.toml").write_text("[content]\nlanguages = []\n")
    run = taxbot("faq", "check", "--config", str(tmp_path / "bot.toml"))
    assert run.returncode == 2
    assert run.stderr.strip().count("\n") == 0 and "languages" in run.stderr


def test_chat_keeps_state_between_lines() -> None:
    run = taxbot("chat", stdin="hola\n2\n1\nmas\n")
    assert run.returncode == 0
    assert "1. Datos del IRS y ICE" in run.stdout
    assert "Un ITIN es" in run.stdout
    assert run.stdout.count("bot>") == 4


def test_a_reader_that_leaves_early_ends_the_command_quietly() -> None:
    """`taxbot faq list | head`: the pipe closes before taxbot writes; no traceback, SIGPIPE's status.

    Every command's output goes through the same `main`, so `faq preview ... | head` ends the same way.
    """
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader has already gone, as `head` has after its lines
    try:
        run = subprocess.run(
            [sys.executable, "-m", "bot", "faq", "list"],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            timeout=120,
        )
    finally:
        os.close(write_end)
    assert "Traceback" not in run.stderr and "BrokenPipeError" not in run.stderr, run.stderr
    assert run.returncode == 141
