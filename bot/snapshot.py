"""The last content that passed the check, kept so a restart with broken files still answers.

A live edit that breaks a file is refused and the last good content keeps
serving (:mod:`bot.reload`). A restart (a crash, a reboot, a deploy) must not
lose that: every time content passes the check, ``bot.toml`` and the FAQ and
locale folders it names are copied to ``var/last-good/`` next to ``bot.toml``.
When the files have errors at start, ``taxbot serve`` logs them and serves that
copy; ``/healthz`` reports it until a good edit is loaded. Only a first start
with no good copy yet refuses to start.
Owns: writing and reading that copy. Must not: decide what is good (that is
:func:`bot.check.check`'s).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import tempfile
from pathlib import Path

from bot.check import check
from bot.config import Config, load_config
from bot.content import Content

FOLDER = Path("var") / "last-good"
VERSION_FILE = "content-version"


def folder_for(config_path: Path) -> Path:
    return config_path.resolve().parent / FOLDER


def save(config: Config, content: Content) -> None:
    """Copy the checked content (unless this version is the copy already), replacing the old copy at once."""
    target = folder_for(config.path)
    version = target / VERSION_FILE
    if version.is_file() and version.read_text(encoding="utf-8").strip() == content.version:
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".last-good-", dir=target.parent))
    shutil.copy2(config.path, staging / "bot.toml")
    shutil.copytree(config.content.faq_dir, staging / "faq")
    shutil.copytree(config.content.locales_dir, staging / "locales")
    (staging / VERSION_FILE).write_text(content.version + "\n", encoding="utf-8")
    old = target.with_name(target.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    staging.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def load(config_path: Path) -> tuple[Config, Content, dt.datetime] | None:
    """The copy's settings and content and when it was made, or None when there is no usable copy."""
    folder = folder_for(config_path)
    if not (folder / VERSION_FILE).is_file():
        return None
    copy = load_config(folder / "bot.toml")
    # The copy keeps its own folders: faq_dir and locales_dir of the original may point anywhere.
    config = dataclasses.replace(
        copy,
        content=dataclasses.replace(copy.content, faq_dir=folder / "faq", locales_dir=folder / "locales"),
    )
    content, _ = check(config, warnings=False)
    if content is None:
        return None
    saved = dt.datetime.fromtimestamp((folder / VERSION_FILE).stat().st_mtime, dt.UTC)
    return config, content, saved
