"""The web chat's JSON API and its static page, without a browser."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient

from bot.app import STATIC, create_app
from bot.channels.web_chat import MAX_TEXT, WEB_STRINGS
from bot.config import Config
from bot.content import Content
from bot.conversation import Conversation
from bot.environment import read_environment
from bot.storage import Retention, open_store

SESSION = "web-test-session-0123456789_abc"
# Building an app costs a second or two (the matcher), so the bad cases of one kind share one.
BAD_SESSIONS = (
    "short",
    "a" * 15,
    "a" * 65,
    "has spaces in it ok",
    "semi;colon;0123456789",
    "ünïcödé-0123456789",
    "",
    None,
    12345,
)
# A //host.tld (with or without a scheme) anywhere, or src=/href=/action= pointing off the site.
EXTERNAL = re.compile(
    r"(?:https?:)?//[A-Za-z0-9.-]+\.[A-Za-z]{2,}"
    r"|(?:src|href|action)\s*=\s*[\"']?\s*(?:[A-Za-z][A-Za-z0-9+.-]*:|//)"
)


@pytest.fixture
async def client(
    aiohttp_client, config: Config, content: Content, conversation: Conversation, tmp_path: Path
) -> TestClient:  # type: ignore[no-untyped-def]
    app = create_app(
        config,
        content,
        read_environment(tmp_path, {}),
        store=open_store("memory://", Retention()),
        conversation=conversation,
    )
    return await aiohttp_client(app)


async def _say(client: TestClient, text: str, session: str = SESSION) -> dict[str, object]:
    response = await client.post("/api/message", json={"session": session, "text": text})
    assert response.status == 200, await response.text()
    body: dict[str, object] = await response.json()
    return body


async def test_a_question_gets_an_answer(client: TestClient) -> None:
    body = await _say(client, "what is an ITIN")
    assert set(body) == {"lang", "kind", "parts", "choices", "urgent"}
    assert body["lang"] == "en"
    assert body["kind"] == "answer"
    assert body["urgent"] is False
    parts = body["parts"]
    assert isinstance(parts, list) and parts
    assert all(isinstance(part, str) for part in parts)
    assert any("ITIN" in part for part in parts)


async def test_menu_choices_are_numbered_and_a_number_picks_one(client: TestClient) -> None:
    menu = await _say(client, "menu")
    choices = menu["choices"]
    assert isinstance(choices, list) and choices
    assert [c["number"] for c in choices] == list(range(1, len(choices) + 1))
    assert all(isinstance(c["label"], str) and c["label"] for c in choices)
    picked = await _say(client, "1")
    assert picked["parts"] and picked["parts"] != menu["parts"]


async def test_choosing_a_language_by_its_name(client: TestClient) -> None:
    body = await _say(client, "Español")
    assert body["lang"] == "es"


async def test_an_emergency_is_marked_urgent(client: TestClient) -> None:
    body = await _say(client, "ICE is at my door right now")
    assert body["urgent"] is True


async def test_sessions_are_separate(client: TestClient) -> None:
    await _say(client, "Español", session="a" * 16)
    body = await _say(client, "menu", session="b" * 16)
    assert body["lang"] == "en"


async def test_bad_session_ids_are_refused(client: TestClient) -> None:
    for session in BAD_SESSIONS:
        response = await client.post("/api/message", json={"session": session, "text": "hello"})
        assert response.status == 400, session
        assert "session" in await response.text()
    response = await client.post("/api/message", json={"text": "hello"})
    assert response.status == 400


async def test_the_longest_and_shortest_session_ids_are_accepted(client: TestClient) -> None:
    for session in ("A" * 16, "z-_9" * 16):
        await _say(client, "menu", session=session)


async def test_non_json_is_refused(client: TestClient) -> None:
    for body in (b"not json", b"{", b"", "é".encode("latin-1"), b"session=abc&text=hi"):
        response = await client.post("/api/message", data=body, headers={"Content-Type": "application/json"})
        assert response.status == 400, body
        assert "JSON" in await response.text()


async def test_json_that_is_not_an_object_is_refused(client: TestClient) -> None:
    for body in ([], "text", 3, [{"session": SESSION, "text": "hi"}]):
        response = await client.post("/api/message", json=body)
        assert response.status == 400, body


async def test_too_long_text_is_refused(client: TestClient) -> None:
    response = await client.post("/api/message", json={"session": SESSION, "text": "a" * (MAX_TEXT + 1)})
    assert response.status == 400
    assert str(MAX_TEXT) in await response.text()


async def test_text_at_the_limit_is_accepted(client: TestClient) -> None:
    await _say(client, "tax " * (MAX_TEXT // 4))


async def test_text_that_is_not_a_string_is_refused(client: TestClient) -> None:
    for text in (None, 5, ["what is an ITIN"]):
        response = await client.post("/api/message", json={"session": SESSION, "text": text})
        assert response.status == 400, text
    response = await client.post("/api/message", json={"session": SESSION})
    assert response.status == 400


async def test_ui_strings_in_the_asked_language(client: TestClient, content: Content) -> None:
    response = await client.get("/api/ui", params={"lang": "es"})
    assert response.status == 200
    body = await response.json()
    assert body["lang"] == "es"
    assert body["strings"] == {key: content.strings.get("es", key) for key in WEB_STRINGS}
    assert [item["code"] for item in body["languages"]] == list(content.languages)
    assert {"code": "es", "name": "Español"} in body["languages"]


async def test_ui_falls_back_to_the_default_language(client: TestClient, config: Config) -> None:
    response = await client.get("/api/ui", params={"lang": "xx"})
    assert (await response.json())["lang"] == config.content.default_language


async def test_the_page_is_served_with_no_external_urls(client: TestClient) -> None:
    response = await client.get("/")
    assert response.status == 200
    assert response.content_type == "text/html"
    page = await response.text()
    assert 'role="log"' in page
    assert 'aria-live="polite"' in page
    assert not EXTERNAL.search(page), EXTERNAL.search(page)
    for name in re.findall(r"(?:src|href)=\"([^\"]+)\"", page):
        asset = await client.get("/" + name.lstrip("/"))
        assert asset.status == 200, name
        assert not EXTERNAL.search(await asset.text()), name


def test_the_script_never_parses_html() -> None:
    """Every string is untrusted: rendered with textContent or text nodes only."""
    script = (STATIC / "chat.js").read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert sink not in script, sink
    assert "localStorage" not in script
    assert "document.cookie" not in script
