"""The web chat's JSON API and its static page, without a browser."""

from __future__ import annotations

import copy
import datetime as dt
import re
from dataclasses import replace
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient

from bot import referral
from bot.app import STATIC, WEB_CHAT, create_app
from bot.channels.web_chat import MAX_TEXT
from bot.channels.web_links import Links
from bot.config import Config, ServiceConfig
from bot.content import Content
from bot.conversation import PRIVACY_PAGE_MESSAGES, WEB_FORMATTED_MESSAGES, WEB_PAGE_MESSAGES, Conversation
from bot.environment import read_environment
from bot.storage import Retention, open_store
from tests.test_new_language import FRENCH

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
SVG_NAMESPACE = 'xmlns="http://www.w3.org/2000/svg"'  # a name, never fetched


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


def _text(line: list[dict[str, str]]) -> str:
    return "".join(run["text"] for run in line)


def _links(body: dict[str, object]) -> list[tuple[str, str]]:
    blocks = body["blocks"]
    assert isinstance(blocks, list)
    return [(run["text"], run["href"]) for block in blocks for line in block for run in line if "href" in run]


async def test_a_question_gets_an_answer(client: TestClient) -> None:
    body = await _say(client, "what is an ITIN")
    assert set(body) == {"lang", "kind", "parts", "blocks", "choices", "urgent"}
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


@pytest.mark.parametrize("words", ["menu", "language", "6"])
async def test_a_menu_says_each_choice_once_as_a_button(client: TestClient, words: str) -> None:
    """Written out as text and again as buttons, a screen reader read every choice twice."""
    if words == "6":
        await _say(client, "menu")  # 6 is "Language / Idioma": the language menu
    body = await _say(client, words)
    choices = body["choices"]
    assert isinstance(choices, list) and len(choices) >= 5
    shown = "\n".join(_text(line) for block in body["blocks"] for line in block)
    assert shown.strip()  # the menu's own words are still there
    for choice in choices:
        assert choice["label"] not in shown, choice
    assert not re.search(r"^\d+\. ", shown, re.MULTILINE)
    assert "\n".join(body["parts"]) == shown


async def test_an_answer_keeps_its_paragraphs_and_links_the_contents_numbers(
    client: TestClient, content: Content
) -> None:
    body = await _say(client, "where can i get free legal help")
    assert body["kind"] == "answer"
    blocks = body["blocks"]
    assert isinstance(blocks, list)
    assert len(blocks[0]) >= 4  # the full answer, one paragraph per line
    assert len(blocks) >= 3  # then the "checked" date and the contacts, each set apart
    assert "\n\n".join("\n".join(_text(line) for line in block) for block in blocks) == "\n\n".join(
        body["parts"]
    )
    linked = _links(body)
    assert ("(617) 371-1234", "tel:6173711234") in linked
    assert ("877-777-4778", "tel:8777774778") in linked
    assert (
        "immigrationadvocates.org/nonprofit/legaldirectory",
        "https://immigrationadvocates.org/nonprofit/legaldirectory",
    ) in linked
    assert set(linked) <= set(Links.of(content).targets.items())


async def test_an_emergency_reply_has_tap_to_call_numbers(client: TestClient) -> None:
    body = await _say(client, "ICE is at my door right now")
    hrefs = {href for _, href in _links(body)}
    assert {"tel:6173705023", "tel:18443631423"} <= hrefs


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


async def test_too_long_text_is_refused_not_cut(client: TestClient) -> None:
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


async def test_ui_strings_in_the_asked_language(client: TestClient, content: Content, config: Config) -> None:
    response = await client.get("/api/ui", params={"lang": "es"})
    assert response.status == 200
    body = await response.json()
    assert body["lang"] == "es"
    strings = body["strings"]
    assert {key: strings[key] for key in WEB_PAGE_MESSAGES} == {
        key: content.strings.get("es", key) for key in WEB_PAGE_MESSAGES
    }
    assert strings["web-too-long"] == content.strings.get("es", "web-too-long", {"limit": MAX_TEXT})
    assert re.search(r"\b1[.\u00a0 ]?000\b", strings["web-too-long"])  # the limit, written the Spanish way
    name = config.service.name
    assert strings["web-org-privacy"] == content.strings.get("es", "web-org-privacy", {"service": name})
    assert body["max_text"] == MAX_TEXT
    assert body["service"] == {"name": name, "url": "", "privacy_url": ""}
    assert body["privacy"] == "privacy?lang=es"
    assert [item["code"] for item in body["languages"]] == list(content.languages)
    assert {"code": "es", "name": "Español"} in body["languages"]


async def test_ui_falls_back_to_the_default_language(client: TestClient, config: Config) -> None:
    response = await client.get("/api/ui", params={"lang": "xx"})
    assert (await response.json())["lang"] == config.content.default_language


# 10:00 and 22:00 in Boston: LUCE (5am to 9pm) is open, then closed and the 24/7 line comes first.
DAY = dt.datetime(2026, 12, 1, 15, 0, tzinfo=dt.UTC)
NIGHT = dt.datetime(2026, 12, 2, 3, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("when", "lang", "number", "href"),
    [
        (DAY, "en", "617-370-5023", "tel:6173705023"),
        (DAY, "zh", "617-370-5023", "tel:6173705023"),
        (NIGHT, "en", "1-844-363-1423", "tel:18443631423"),
        (NIGHT, "es", "1-844-363-1423", "tel:18443631423"),
    ],
)
async def test_the_emergency_line_comes_before_any_question_in_the_chosen_language(
    client: TestClient, content: Content, when: dt.datetime, lang: str, number: str, href: str
) -> None:
    """The same line, with the same first emergency contact, that a message about danger gets."""
    client.server.app[WEB_CHAT].clock = lambda: when
    body = await (await client.get("/api/ui", params={"lang": lang})).json()
    emergency = body["emergency"]
    assert len(emergency) == 1 and len(emergency[0]) == 1
    line = emergency[0][0]
    assert _text(line) == referral.danger_line(content, lang, now=when)
    assert {"text": number, "href": href} in line


def test_every_page_string_is_in_every_language_and_the_french_fixture(content: Content) -> None:
    french = (FRENCH / "locales" / "fr" / "bot.ftl").read_text(encoding="utf-8")
    for key in (*WEB_PAGE_MESSAGES, *WEB_FORMATTED_MESSAGES, *PRIVACY_PAGE_MESSAGES):
        for lang in content.languages:
            assert key in content.catalogs[lang].messages, (lang, key)
        assert re.search(rf"^{key} = \S", french, re.MULTILINE), ("fr", key)


# The privacy page --------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "es", "zh"])
async def test_the_privacy_page_is_the_bot_privacy_answer_in_the_persons_language(
    client: TestClient, content: Content, config: Config, lang: str
) -> None:
    response = await client.get("/privacy", params={"lang": lang})
    assert response.status == 200
    assert response.content_type == "text/html"
    page = await response.text()
    entry = content.faq.entries["bot-privacy"].texts[lang]
    assert f'<html lang="{lang}">' in page
    assert f"<h1>{entry.title}</h1>" in page
    first = entry.full.split("\n")[0]
    assert first.split(":")[0] in page
    assert content.strings.get(lang, "web-privacy-browser") in page
    assert content.strings.get(lang, "web-run-by") in page and config.service.name in page
    assert f'href="./?lang={lang}"' in page  # back to the chat, in the same language
    assert "<script" not in page


async def test_the_privacy_page_falls_back_to_the_default_language(
    client: TestClient, content: Content
) -> None:
    page = await (await client.get("/privacy", params={"lang": "xx"})).text()
    assert f"<h1>{content.faq.entries['bot-privacy'].texts['en'].title}</h1>" in page


async def test_the_privacy_page_links_the_organisation_and_escapes_its_name(
    aiohttp_client, config: Config, content: Content, conversation: Conversation, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    service = ServiceConfig(
        name='Legal <Aid> & "Friends"',
        url="https://legal-aid.example.org",
        privacy_url="https://legal-aid.example.org/privacy",
    )
    client = await client_with(
        aiohttp_client, replace(config, service=service), content, conversation, tmp_path
    )
    page = await (await client.get("/privacy", params={"lang": "es"})).text()
    assert "Legal &lt;Aid&gt; &amp; &quot;Friends&quot;" in page and "<Aid>" not in page
    assert '<a href="https://legal-aid.example.org" target="_blank" rel="noopener noreferrer">' in page
    assert '<a href="https://legal-aid.example.org/privacy" target="_blank"' in page
    ui = await (await client.get("/api/ui", params={"lang": "es"})).json()
    assert ui["service"] == {
        "name": service.name,
        "url": service.url,
        "privacy_url": service.privacy_url,
    }


async def client_with(
    aiohttp_client, config: Config, content: Content, conversation: Conversation, tmp_path: Path
) -> TestClient:  # type: ignore[no-untyped-def]
    """An app serving ``content`` with other settings (the pages read the settings of the content served).

    The conversation is a copy of the shared one with its content swapped:
    building the matcher again would cost seconds for settings it never reads.
    """
    swapped = replace(content, config=config)
    talk = copy.copy(conversation)
    talk.content = swapped
    env = read_environment(tmp_path, {})
    app = create_app(config, swapped, env, store=open_store("memory://", Retention()), conversation=talk)
    client: TestClient = await aiohttp_client(app)
    return client


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
        assert not EXTERNAL.search((await asset.text()).replace(SVG_NAMESPACE, "")), name


def test_the_script_never_parses_html() -> None:
    """Every string is untrusted: rendered with textContent or text nodes only."""
    script = (STATIC / "chat.js").read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert sink not in script, sink
    assert "localStorage" not in script
    assert "document.cookie" not in script
