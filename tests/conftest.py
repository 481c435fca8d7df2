"""Shared fixtures: the real configuration and content, and throwaway copies to break."""

from __future__ import annotations

import datetime as dt
import gc
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient

from bot.app import create_app
from bot.check import load_checked
from bot.config import Config, load_config
from bot.content import Content
from bot.conversation import Conversation
from bot.environment import read_environment
from bot.svm import fit_cache
from tests.helpers.redis_server import RedisServer, redis_server_binary
from tests.helpers.webhooks import environment

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def config() -> Config:
    return load_config(ROOT / "bot.toml")


@pytest.fixture(scope="session")
def content(config: Config) -> Content:
    return load_checked(config)


# A weekday morning in Massachusetts: which contacts are open (the emergency line names the first one open
# now) is an input of the tests, never the hour CI happens to run at (after 9pm the LUCE line is closed).
WEEKDAY_MORNING = dt.datetime(2026, 11, 24, 15, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="session")
def conversation(content: Content) -> Conversation:
    return Conversation(content, clock=lambda: WEEKDAY_MORNING)


def _copy_project(target: Path) -> Path:
    for name in ("faq", "locales"):
        shutil.copytree(ROOT / name, target / name)
    shutil.copy(ROOT / "bot.toml", target / "bot.toml")
    return target


@pytest.fixture(scope="session")
def built_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """What serving builds from the shipped content (indexes, SVM lines), made once per test process.

    Most tests that copy the project start ``taxbot serve`` or ``faq check``;
    each would otherwise fit the SVM again (4 s a time on a small machine).
    """
    project = _copy_project(tmp_path_factory.mktemp("built"))
    config = load_config(project / "bot.toml")
    Conversation(load_checked(config, fit_cache(config.path)))
    return fit_cache(config.path)


@pytest.fixture
def project_copy(tmp_path: Path, built_cache: Path) -> Path:
    """A private copy of bot.toml, faq/ and locales/ that a test may edit or break.

    It comes with a copy of what serving builds from the unedited content, as
    ``make run`` leaves it after ``taxbot faq check``: a test of a cold start
    removes ``var/cache`` first.
    """
    _copy_project(tmp_path)
    shutil.copytree(built_cache, fit_cache(tmp_path / "bot.toml"))
    return tmp_path


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    """One private redis-server for the whole run (skips, or fails in CI, without the binary)."""
    server = RedisServer(redis_server_binary(), tmp_path_factory.mktemp("redis"))
    server.start()
    yield server
    server.stop()


@pytest.fixture
def redis_url(redis_server: RedisServer) -> str:
    """The shared server, emptied for this test."""
    redis_server.flush()
    return redis_server.url


@pytest.fixture
def own_redis(tmp_path: Path) -> Iterator[RedisServer]:
    """A redis-server of this test's own, which it may stop and start."""
    server = RedisServer(redis_server_binary(), tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture
async def app_client(
    aiohttp_client, config: Config, content: Content, conversation: Conversation, tmp_path: Path
) -> TestClient:  # type: ignore[no-untyped-def]
    """The real app, every channel on with the test credentials, a SQLite store of its own."""
    env = read_environment(tmp_path, environment(BOT_STORAGE_URL=f"sqlite:///{tmp_path / 'state.sqlite3'}"))
    return await aiohttp_client(create_app(config, content, env, conversation=conversation))


@pytest.fixture(autouse=True)
def _collector_sees_everything() -> Iterator[None]:
    """A reload freezes the loaded content out of the garbage collector's way (bot.reload);
    the next test in this process starts with a collector that sees everything again."""
    yield
    gc.unfreeze()

