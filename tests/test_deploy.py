"""The files in deploy/ do what docs/deploy.md says they do.

systemd accepts the units (``systemd-analyze verify``, warnings included); the
env-file template names every variable the bot reads; the backup unit's own
command line makes a readable copy of a live SQLite store; and the content
update script fast-forwards and reloads only what passes the check, against a
real git repository and the real ``taxbot faq check``.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

from bot.app import SHUTDOWN_SECONDS
from bot.environment import read_environment

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
UNITS = sorted(p.name for p in DEPLOY.iterdir() if p.suffix in (".service", ".timer"))
SYSTEM_UNITS = Path("/usr/lib/systemd/system")


def executables(unit: str) -> set[str]:
    """The programs a unit runs: the first word of each Exec*= line, without systemd's prefixes."""
    found = set()
    for line in (DEPLOY / unit).read_text(encoding="utf-8").splitlines():
        match = re.match(r"Exec\w+=([-+!@:]*)(\S+)", line)
        if match:
            found.add(match.group(2))
    return found


@pytest.fixture(scope="module")
def system_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A file-system root holding systemd's own units, ours, and a stand-in for each program they run."""
    if shutil.which("systemd-analyze") is None or not SYSTEM_UNITS.is_dir():
        pytest.skip("needs systemd-analyze and systemd's units (apt-get install systemd)")
    root = tmp_path_factory.mktemp("root")
    shutil.copytree(SYSTEM_UNITS, root / SYSTEM_UNITS.relative_to("/"), symlinks=True)
    ours = root / "etc" / "systemd" / "system"
    ours.mkdir(parents=True)
    for unit in UNITS:
        shutil.copy(DEPLOY / unit, ours / unit)
        for program in executables(unit):
            stand_in = root / program.lstrip("/")
            stand_in.parent.mkdir(parents=True, exist_ok=True)
            stand_in.write_text("#!/bin/sh\n")
            stand_in.chmod(0o755)
    return root


def test_deploy_has_the_units_the_guide_names() -> None:
    assert UNITS == [
        "taxbot-backup.service",
        "taxbot-backup.timer",
        "taxbot-update.service",
        "taxbot-update.timer",
        "taxbot.service",
    ]


@pytest.mark.parametrize("unit", UNITS)
def test_systemd_accepts_the_unit_without_a_warning(system_root: Path, unit: str) -> None:
    run = subprocess.run(
        ["systemd-analyze", "verify", f"--root={system_root}", unit],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0 and run.stderr == "" and run.stdout == "", run.stdout + run.stderr


def test_the_service_is_hardened_as_the_guide_says() -> None:
    lines = set((DEPLOY / "taxbot.service").read_text(encoding="utf-8").splitlines())
    for setting in (
        "User=taxbot",
        "ProtectSystem=strict",
        "PrivateTmp=yes",
        "NoNewPrivileges=yes",
        "Restart=on-failure",
        "EnvironmentFile=/etc/taxbot/env",
        "ReadWritePaths=/opt/taxbot/app/var",
        "StateDirectory=taxbot",
    ):
        assert setting in lines
    # Longer than the server's own shutdown (requests in flight get 60 s), so systemd never kills it mid-way.
    (stop,) = [int(line.split("=")[1]) for line in lines if line.startswith("TimeoutStopSec=")]
    assert stop > SHUTDOWN_SECONDS + 15


class Recording(Mapping[str, str]):
    """An environment that remembers every variable the bot asked for."""

    def __init__(self, values: dict[str, str]) -> None:
        self.values, self.asked = values, set[str]()

    def __getitem__(self, name: str) -> str:
        self.asked.add(name)
        return self.values[name]

    def get(self, name: str, default: object = None) -> object:  # type: ignore[override]
        self.asked.add(name)
        return self.values.get(name, default)

    def __iter__(self) -> Iterator[str]:
        return iter(self.values)

    def __len__(self) -> int:
        return len(self.values)


def test_the_env_template_names_every_variable_the_bot_reads(tmp_path: Path) -> None:
    env = Recording({})
    read_environment(tmp_path, env)
    template = (DEPLOY / "taxbot.env.example").read_text(encoding="utf-8")
    listed = set(re.findall(r"^#?([A-Z][A-Z0-9_]+)=", template, flags=re.MULTILINE))
    assert len(env.asked) >= 11
    assert env.asked - listed == set(), "missing from deploy/taxbot.env.example"
    assert listed - env.asked == set(), "in the template but never read"


def test_the_backup_command_copies_a_live_store(tmp_path: Path) -> None:
    if shutil.which("sqlite3") is None:
        pytest.skip("needs the sqlite3 command (apt-get install sqlite3)")
    (line,) = [
        line
        for line in (DEPLOY / "taxbot-backup.service").read_text().splitlines()
        if line.startswith("ExecStart=")
    ]
    state, backups = tmp_path / "state", tmp_path / "backups"
    state.mkdir()
    backups.mkdir()
    command = (
        line.removeprefix("ExecStart=")
        .replace("%%", "%")
        .replace("/var/lib/taxbot", str(state))
        .replace("/var/backups/taxbot", str(backups))
    )
    live = sqlite3.connect(state / "taxbot.sqlite3", isolation_level=None)
    live.execute("PRAGMA journal_mode=WAL")
    live.execute("CREATE TABLE optouts (key TEXT PRIMARY KEY)")
    live.execute("INSERT INTO optouts VALUES ('a-pseudonym')")  # still open, as the bot keeps it
    try:
        subprocess.run(shlex.split(command), check=True, timeout=60)
    finally:
        live.close()
    (copy,) = backups.iterdir()
    assert re.fullmatch(r"taxbot-[1-7]\.sqlite3", copy.name)
    assert sqlite3.connect(copy).execute("SELECT key FROM optouts").fetchall() == [("a-pseudonym",)]


# ---------------------------------------------------------------- content updates (deploy/taxbot-update)


def git(cwd: Path, *args: str) -> str:
    run = subprocess.run(
        ["git", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "GIT_AUTHOR_NAME": "Staff", "GIT_AUTHOR_EMAIL": "staff@example.org"}
        | {"GIT_COMMITTER_NAME": "Staff", "GIT_COMMITTER_EMAIL": "staff@example.org"},
    )
    return run.stdout.strip()


class Server:
    """A checkout served by a stand-in bot that counts SIGHUPs, and the repository staff merge into."""

    def __init__(self, tmp: Path) -> None:
        self.origin, self.app, self.bin = tmp / "origin", tmp / "app", tmp / "bin"
        self.hups = tmp / "hups"
        self.origin.mkdir()
        for name in ("faq", "locales"):
            shutil.copytree(ROOT / name, self.origin / name)
        shutil.copy(ROOT / "bot.toml", self.origin / "bot.toml")
        git(self.origin, "init", "--quiet", "--initial-branch=main")
        git(self.origin, "add", ".")
        git(self.origin, "commit", "--quiet", "-m", "content")
        git(tmp, "clone", "--quiet", str(self.origin), str(self.app))
        self.bot = subprocess.Popen(
            [sys.executable, "-c", STAND_IN, str(self.hups)], stdout=subprocess.PIPE, text=True
        )
        assert self.bot.stdout is not None and self.bot.stdout.readline().strip() == "ready"
        # systemctl, as far as the script asks it: the main process of the unit.
        self.bin.mkdir()
        systemctl = self.bin / "systemctl"
        systemctl.write_text(f'#!/bin/sh\n[ "$4" = taxbot.service ] && echo {self.bot.pid} || echo 0\n')
        systemctl.chmod(0o755)

    def merge(self, path: str, change: tuple[str, str] | None = None) -> str:
        """A staff edit merged on GitHub: one replacement (or a blank line added) in one file."""
        page = self.origin / path
        text = page.read_text(encoding="utf-8")
        if change is None:
            page.write_text(text + "\n", encoding="utf-8")
        else:
            assert change[0] in text
            page.write_text(text.replace(change[0], change[1], 1), encoding="utf-8")
        git(self.origin, "commit", "--quiet", "-am", f"edit {path}")
        return git(self.origin, "rev-parse", "HEAD")

    def update(self) -> subprocess.CompletedProcess[str]:
        env = {
            "PATH": f"{self.bin}:{os.environ.get('PATH', '/usr/bin:/bin')}",
            "TAXBOT_APP": str(self.app),
            "TAXBOT_BIN": str(Path(sys.executable).parent / "taxbot"),
        }
        return subprocess.run(
            [str(DEPLOY / "taxbot-update")], capture_output=True, text=True, env=env, timeout=180
        )

    def reloads(self, expected: int) -> int:
        """How many SIGHUPs the bot got, waiting (up to 10 s) for ``expected`` of them to be handled."""
        deadline = time.monotonic() + 10
        while self.count() < expected and time.monotonic() < deadline:
            time.sleep(0.05)
        return self.count()

    def count(self) -> int:
        return len(self.hups.read_text()) if self.hups.exists() else 0

    def head(self) -> str:
        return git(self.app, "rev-parse", "HEAD")

    def stop(self) -> None:
        self.bot.send_signal(signal.SIGTERM)
        self.bot.wait(timeout=10)


# Counts each SIGHUP with one character in a file, as the real bot would reload once per signal.
STAND_IN = """
import signal, sys, time
path = sys.argv[1]
signal.signal(signal.SIGHUP, lambda *_: open(path, "a").write("h"))
signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
print("ready", flush=True)
while True:
    time.sleep(1)
"""


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    if shutil.which("git") is None:
        pytest.skip("needs git")
    running = Server(tmp_path)
    yield running
    running.stop()


def test_a_good_edit_is_fast_forwarded_and_reloaded(server: Server) -> None:
    first = server.update()
    assert first.returncode == 0 and "up to date" in first.stdout, first.stderr
    assert "asked" not in first.stdout and server.count() == 0
    new = server.merge("faq/itin-what/en.md")
    run = server.update()
    assert run.returncode == 0, run.stdout + run.stderr
    assert server.head() == new
    assert "updated" in run.stdout and "asked taxbot.service" in run.stdout
    assert server.reloads(expected=1) == 1


def test_a_broken_edit_changes_nothing_and_says_why(server: Server) -> None:
    before = server.head()
    server.merge("faq/itin-what/en.md", ("translation: source", "translation: maybe"))
    run = server.update()
    assert run.returncode == 1
    assert server.head() == before  # the served files stay the last good ones
    assert "still serving" in run.stderr
    assert "faq/itin-what/en.md:3: error:" in run.stderr  # the path as staff know it, not the temporary copy
    assert "asked" not in run.stdout and server.count() == 0
    # Fixing it on GitHub lets the next run through.
    fixed = server.merge("faq/itin-what/en.md", ("translation: maybe", "translation: source"))
    assert server.update().returncode == 0 and server.head() == fixed


def test_changes_made_on_the_server_are_never_overwritten(server: Server) -> None:
    page = server.app / "bot.toml"
    page.write_text(page.read_text() + "\n# edited on the server\n")
    server.merge("faq/itin-what/en.md")
    run = server.update()
    assert run.returncode == 1 and "changed on the server" in run.stderr
    assert page.read_text().endswith("# edited on the server\n")
