"""Shared fixtures: the real configuration and content, and throwaway copies to break."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.check import load_checked
from bot.config import Config, load_config
from bot.content import Content
from bot.conversation import Conversation

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def config() -> Config:
    return load_config(ROOT / "bot.toml")


@pytest.fixture(scope="session")
def content(config: Config) -> Content:
    return load_checked(config)


@pytest.fixture(scope="session")
def conversation(content: Content) -> Conversation:
    return Conversation(content)


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A private copy of bot.toml, faq/ and locales/ that a test may edit or break."""
    for name in ("faq", "locales"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "bot.toml", tmp_path / "bot.toml")
    return tmp_path
