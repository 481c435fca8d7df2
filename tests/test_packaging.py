"""The wheel holds the whole bot: every module, every package and the web chat's files.

A plain (not editable) ``pip install`` once left out ``bot/channels`` and
``bot/static``, so every command failed. This builds the wheel from the files a
build reads, offline and without build isolation, and compares it with the
source tree. ``.ci/install_check.py`` goes further in CI: it installs the wheel
into a fresh virtual environment and runs the commands from there.
"""

from __future__ import annotations

import email
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BUILD_INPUTS = ("pyproject.toml", "README.md", "bot")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The built wheel and the build's own output (for its warnings)."""
    source = tmp_path_factory.mktemp("source")
    for name in BUILD_INPUTS:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(path, source / name)
    out = tmp_path_factory.mktemp("dist")
    run = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--verbose", "--no-deps", "--no-index"]
        + ["--no-build-isolation", "--wheel-dir", str(out), str(source)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    (built,) = out.glob("taxbot-*.whl")
    return built, run.stdout + run.stderr


def test_every_module_and_static_file_is_in_the_wheel(wheel: tuple[Path, str]) -> None:
    path, _ = wheel
    names = set(zipfile.ZipFile(path).namelist())
    sources = {
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / "bot").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    assert {"bot/channels/twilio_sms.py", "bot/static/index.html", "bot/static/favicon.svg"} <= sources
    assert sources - names == set(), "left out of the wheel"


def test_metadata_names_the_license_and_the_command(wheel: tuple[Path, str]) -> None:
    path, _ = wheel
    with zipfile.ZipFile(path) as archive:
        (meta,) = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
        metadata = email.message_from_bytes(archive.read(meta))
        (entry,) = [n for n in archive.namelist() if n.endswith(".dist-info/entry_points.txt")]
        entry_points = archive.read(entry).decode()
    assert metadata["License-Expression"] == "AGPL-3.0-or-later"
    assert "taxbot = bot.cli:main" in entry_points


def test_the_build_warns_about_nothing_deprecated(wheel: tuple[Path, str]) -> None:
    """setuptools' license-table and package-data warnings are gone (they turn into errors in 2027)."""
    _, output = wheel
    for warning in ("deprecat", "is absent from the `packages` configuration", "license classifiers"):
        assert warning not in output.lower()
