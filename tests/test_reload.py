"""Live reload while serving: good edits swap in whole, broken ones leave the last good content serving."""

from __future__ import annotations

import asyncio
import gc
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from aiohttp import ClientSession
from aiohttp.test_utils import TestClient

from bot.app import RELOADER, create_app
from bot.check import load_checked
from bot.config import load_config
from bot.environment import read_environment
from bot.storage import Retention, open_store

OLD = "If you have an SSN, or can get one, do not apply for an ITIN."
NEW = "If you have an SSN or can get one, do not ask for an ITIN."


async def start(aiohttp_client, project: Path, *, live: bool = False) -> TestClient:  # type: ignore[no-untyped-def]
    config = load_config(project / "bot.toml")
    app = create_app(
        config,
        load_checked(config),
        read_environment(project, {}),
        store=open_store("memory://", Retention()),
        live_reload=live,
    )
    return await aiohttp_client(app)


async def ask(client: TestClient, text: str, session: str = "reload-test-session-01") -> str:
    response = await client.post("/api/message", json={"session": session, "text": text})
    assert response.status == 200
    return "\n".join((await response.json())["parts"])


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


async def health(client: TestClient) -> dict[str, object]:
    response = await client.get("/healthz")
    body: dict[str, object] = await response.json()
    return body


async def test_a_good_edit_is_served_after_reload(aiohttp_client, project_copy: Path) -> None:  # type: ignore[no-untyped-def]
    client = await start(aiohttp_client, project_copy)
    before = (await health(client))["content_version"]
    assert OLD in await ask(client, "what is an itin")
    edit(project_copy / "faq" / "itin-what" / "en.md", OLD, NEW)
    gc.unfreeze()
    assert await client.app[RELOADER].reload("test")
    assert NEW in await ask(client, "what is an itin")
    after = await health(client)
    assert after["content_version"] != before and after["last_reload_error"] is None
    # What was loaded is out of the garbage collector's way until the next reload.
    assert gc.get_freeze_count() > 0


@pytest.mark.parametrize(
    ("path", "old", "new", "named"),
    [
        ("faq/itin-what/entry.toml", 'group = "itin"', 'group = "itin', "faq/itin-what/entry.toml:2: error"),
        (
            "faq/itin-what/es.md",
            "## SMS\n",
            "## SMS\n" + "Una frase larga más. " * 25 + "\n",
            "faq/itin-what/es.md:",
        ),
        ("locales/en/bot.ftl", "more-prompt =", "more-prompt", "locales/en/bot.ftl:"),
    ],
    ids=["broken-toml", "overlong-sms", "broken-ftl"],
)
async def test_a_broken_edit_keeps_the_last_good_content_serving(
    aiohttp_client,
    project_copy: Path,
    path: str,
    old: str,
    new: str,
    named: str,  # type: ignore[no-untyped-def]
) -> None:
    client = await start(aiohttp_client, project_copy)
    version = (await health(client))["content_version"]
    edit(project_copy / "faq" / "itin-what" / "en.md", OLD, NEW)  # a good change, in the same reload
    edit(project_copy / path, old, new)
    assert not await client.app[RELOADER].reload("test")
    assert OLD in await ask(client, "what is an itin")
    body = await health(client)
    assert body["content_version"] == version
    errors = body["last_reload_error"]
    assert isinstance(errors, list) and any(line.startswith(named) for line in errors), errors
    assert not any(line.startswith("/") for line in errors)  # no server paths in a public response


async def test_a_missing_language_file_is_refused(aiohttp_client, project_copy: Path) -> None:  # type: ignore[no-untyped-def]
    client = await start(aiohttp_client, project_copy)
    (project_copy / "faq" / "mou-what" / "vi.md").unlink()
    assert not await client.app[RELOADER].reload("test")
    errors = (await health(client))["last_reload_error"]
    assert any("faq/mou-what/vi.md:1: error: missing" in line for line in errors)  # type: ignore[union-attr]
    assert "MOU" in await ask(client, "what is the MOU between IRS and ICE")


async def test_no_request_sees_half_loaded_content(aiohttp_client, project_copy: Path) -> None:  # type: ignore[no-untyped-def]
    """Requests keep flowing while the content flips between two versions: each gets one whole answer."""
    client = await start(aiohttp_client, project_copy)
    en = project_copy / "faq" / "itin-what" / "en.md"
    reloader = client.app[RELOADER]

    async def flip() -> None:
        for n in range(2):
            old, new = (OLD, NEW) if n % 2 == 0 else (NEW, OLD)
            edit(en, old, new)
            assert await reloader.reload("test")

    replies, _ = await asyncio.gather(
        asyncio.gather(*(ask(client, "what is an itin", f"reload-test-session-{n:03d}") for n in range(40))),
        flip(),
    )
    for reply in replies:
        assert (OLD in reply) != (NEW in reply)


# A reload builds the whole index; on a busy machine that can take many seconds. Only an upper
# bound: the tests go on as soon as the reload shows.
RELOAD_POLLS = 1200  # × 0.1 s


async def test_saving_a_file_reloads_by_itself(aiohttp_client, project_copy: Path) -> None:  # type: ignore[no-untyped-def]
    client = await start(aiohttp_client, project_copy, live=True)
    await asyncio.sleep(0.3)  # let the watcher start
    version = (await health(client))["content_version"]
    edit(project_copy / "faq" / "itin-what" / "en.md", OLD, NEW)
    for _ in range(RELOAD_POLLS):
        if (await health(client))["content_version"] != version:
            break
        await asyncio.sleep(0.1)
    else:
        pytest.fail("the saved edit was never loaded")
    assert NEW in await ask(client, "what is an itin")
    edit(project_copy / "faq" / "itin-what" / "entry.toml", 'group = "itin"', 'group = "itin')
    for _ in range(RELOAD_POLLS):
        if (await health(client))["last_reload_error"]:
            break
        await asyncio.sleep(0.1)
    assert NEW in await ask(client, "what is an itin")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def test_taxbot_serve_reloads_on_sighup(project_copy: Path) -> None:
    """The real command: `taxbot serve` in its own process, then `kill -HUP`."""
    port = free_port()
    env = {**os.environ, "BOT_STORAGE_URL": "memory://"}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "bot",
            "serve",
            "--config",
            str(project_copy / "bot.toml"),
            "--port",
            str(port),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        async with ClientSession() as http:
            first = await _wait_for_health(http, url)
            # Watching would also catch this; SIGHUP must work alone (e.g. on file systems without events).
            edit(project_copy / "faq" / "itin-what" / "entry.toml", 'group = "itin"', 'group = "itin')
            server.send_signal(signal.SIGHUP)
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline:
                async with http.get(url + "/healthz") as response:
                    body = await response.json()
                if body["last_reload_error"]:
                    break
                await asyncio.sleep(0.2)
            assert body["content_version"] == first["content_version"]
            assert any("itin-what/entry.toml:2" in line for line in body["last_reload_error"])
    finally:
        server.send_signal(signal.SIGTERM)
        _, stderr = server.communicate(timeout=20)
    assert "content reload" in stderr and "itin-what/entry.toml:2: error" in stderr


async def _wait_for_health(http: ClientSession, url: str) -> dict[str, object]:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            async with http.get(url + "/healthz") as response:
                body: dict[str, object] = await response.json()
                return body
        except OSError:
            await asyncio.sleep(0.2)
    raise AssertionError("taxbot serve did not start")


async def test_bot_toml_is_read_again_so_a_new_language_needs_no_restart(
    aiohttp_client,
    project_copy: Path,  # type: ignore[no-untyped-def]
) -> None:
    client = await start(aiohttp_client, project_copy)
    toml = project_copy / "bot.toml"
    edit(toml, 'languages = ["en", "es", "pt", "ht", "zh", "vi", "ko"]', 'languages = ["en", "es"]')
    assert await client.app[RELOADER].reload("test")
    assert (await health(client))["languages"] == ["en", "es"]
    edit(toml, 'languages = ["en", "es"]', 'languages = ["en", "xx"]')
    assert not await client.app[RELOADER].reload("test")
    errors = (await health(client))["last_reload_error"]
    assert any("bot.toml" in line or "locales/xx" in line for line in errors)  # type: ignore[union-attr]
    assert (await health(client))["languages"] == ["en", "es"]


async def test_a_hurried_edit_while_taxbot_serve_runs(project_copy: Path) -> None:
    """The issue's own trial: a changed English answer, a broken file, a missing language and an
    overlong SMS answer, saved while the real server runs. It keeps the last good content, `faq check`
    names each problem with its file and line, and the stale translations are listed."""
    port = free_port()
    env = {**os.environ, "BOT_STORAGE_URL": "memory://"}
    toml = project_copy / "bot.toml"
    server = subprocess.Popen(
        [sys.executable, "-m", "bot", "serve", "--config", str(toml), "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    faq = project_copy / "faq"
    try:
        async with ClientSession() as http:
            first = await _wait_for_health(http, url)
            edit(faq / "itin-what" / "en.md", OLD, NEW)  # a good edit: served once saved
            good = await _wait_for(
                http, url, lambda body: body["content_version"] != first["content_version"]
            )
            assert good["last_reload_error"] is None
            edit(faq / "mou-what" / "entry.toml", 'group = "mou"', 'group = "mou')  # broken TOML
            (faq / "lawsuit-boston" / "vi.md").unlink()  # a missing language
            edit(faq / "ssa-sharing" / "es.md", "## SMS\n", "## SMS\n" + "Una frase larga más. " * 25 + "\n")
            broken = await _wait_for(http, url, lambda body: len(body["last_reload_error"] or []) >= 3)
            assert broken["content_version"] == good["content_version"]
            async with http.post(
                url + "/api/message", json={"session": "hurried-editor-session", "text": "what is an itin"}
            ) as response:
                assert NEW in "\n".join((await response.json())["parts"])  # the last good content
    finally:
        server.terminate()
        server.wait(timeout=20)
    check = subprocess.run(
        [sys.executable, "-m", "bot", "faq", "check", "--config", str(toml), "--verbose"],
        capture_output=True,
        text=True,
        cwd=project_copy,
        timeout=120,
    )
    assert check.returncode == 1
    out = check.stdout
    assert "faq/mou-what/entry.toml:2: error: not valid TOML" in out
    assert "faq/lawsuit-boston/vi.md:1: error: missing" in out
    assert re.search(r"faq/ssa-sharing/es\.md:\d+: error: SMS answer is \d+ SMS segments", out)
    stale = [line for line in out.splitlines() if ": warning: stale:" in line]
    assert sorted(line.split(":")[0] for line in stale) == [
        f"faq/itin-what/{lang}.md" for lang in sorted(["es", "pt", "ht", "zh", "vi", "ko"])
    ]


async def _wait_for(http: ClientSession, url: str, done: Callable[[dict[str, Any]], bool]) -> dict[str, Any]:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        async with http.get(url + "/healthz") as response:
            body: dict[str, Any] = await response.json()
        if done(body):
            return body
        await asyncio.sleep(0.2)
    raise AssertionError(f"gave up waiting; last /healthz: {body}")


async def test_bot_toml_saved_by_replacing_the_file_is_noticed_every_time(
    aiohttp_client,
    project_copy: Path,  # type: ignore[no-untyped-def]
) -> None:
    """Editors and `git pull` write a new file and rename it over the old one; each save must count."""
    client = await start(aiohttp_client, project_copy, live=True)
    await asyncio.sleep(0.3)
    toml = project_copy / "bot.toml"
    for languages in ('["en", "es"]', '["en", "es", "pt"]'):
        text = re.sub(
            r"^languages = .*$", f"languages = {languages}", toml.read_text(encoding="utf-8"), flags=re.M
        )
        replacement = project_copy / "bot.toml.tmp"
        replacement.write_text(text, encoding="utf-8")
        os.replace(replacement, toml)
        wanted = json.loads(languages)
        for _ in range(RELOAD_POLLS):
            if (await health(client))["languages"] == wanted:
                break
            await asyncio.sleep(0.1)
        else:
            pytest.fail(f"bot.toml with languages = {languages} was never loaded")
