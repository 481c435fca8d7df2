"""Putting the web chat on another site: framing only from ``[web] embed_origins``; ``[service]`` links."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from bot.app import STATIC
from bot.channels.web_chat import PAGE_POLICY
from bot.config import Config, WebConfig, load_config
from bot.content import Content
from bot.conversation import Conversation
from bot.errors import ConfigError
from tests.channels.test_web_chat import client_with

PAGES = ("/", "/privacy?lang=es")
ORIGINS = ("https://community.example.org", "https://*.example.net:8443")


def _directives(policy: str) -> dict[str, str]:
    return {d.split(" ", 1)[0]: d.split(" ", 1)[1] for d in (p.strip() for p in policy.split(";")) if d}


@pytest.mark.parametrize("path", PAGES)
async def test_no_site_may_frame_the_pages_by_default(
    aiohttp_client, config: Config, content: Content, conversation: Conversation, tmp_path: Path, path: str
) -> None:  # type: ignore[no-untyped-def]
    client = await client_with(aiohttp_client, config, content, conversation, tmp_path)
    response = await client.get(path)
    assert response.status == 200
    policy = _directives(response.headers["Content-Security-Policy"])
    assert policy["frame-ancestors"] == "'none'"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert policy["script-src"] == "'self'" and policy["default-src"] == "'none'"


@pytest.mark.parametrize("path", PAGES)
async def test_only_the_configured_sites_may_frame_the_pages(
    aiohttp_client, config: Config, content: Content, conversation: Conversation, tmp_path: Path, path: str
) -> None:  # type: ignore[no-untyped-def]
    embedding = replace(config, web=WebConfig(embed_origins=ORIGINS))
    client = await client_with(aiohttp_client, embedding, content, conversation, tmp_path)
    response = await client.get(path)
    policy = _directives(response.headers["Content-Security-Policy"])
    assert policy["frame-ancestors"] == "'self' https://community.example.org https://*.example.net:8443"
    # X-Frame-Options cannot list sites; sent at all, it would block the embed in older browsers.
    assert "X-Frame-Options" not in response.headers


def test_the_page_policy_in_the_header_is_the_one_in_the_page() -> None:
    """The page's <meta> policy holds if a proxy serves the file itself; the header adds frame-ancestors."""
    page = (STATIC / "index.html").read_text(encoding="utf-8")
    meta = re.search(r'http-equiv="Content-Security-Policy"\s+content="([^"]+)"', page)
    assert meta is not None
    assert _directives(meta.group(1)) == _directives(PAGE_POLICY)


def _config_with(tmp_path: Path, extra: str) -> Config:
    root = Path(__file__).resolve().parents[2]
    text = (root / "bot.toml").read_text(encoding="utf-8")
    text = re.sub(r"(?ms)^\[web\].*?(?=^\[|\Z)", "", text)
    text = re.sub(r"(?ms)^\[service\].*?(?=^\[|\Z)", "", text)
    path = tmp_path / "bot.toml"
    path.write_text(text + "\n" + extra, encoding="utf-8")
    return load_config(path)


def test_the_settings_are_read(tmp_path: Path) -> None:
    config = _config_with(
        tmp_path,
        '[service]\nname = "Example Legal Aid"\nurl = "https://legal-aid.example.org"\n'
        'privacy_url = "https://legal-aid.example.org/privacy"\n\n'
        '[web]\nembed_origins = ["https://community.example.org", "http://localhost:8000"]\n',
    )
    assert config.service.name == "Example Legal Aid"
    assert config.service.url == "https://legal-aid.example.org"
    assert config.service.privacy_url == "https://legal-aid.example.org/privacy"
    assert config.web.embed_origins == ("https://community.example.org", "http://localhost:8000")


def test_the_settings_are_optional(tmp_path: Path) -> None:
    config = _config_with(tmp_path, "")
    assert config.service.url == config.service.privacy_url == ""
    assert config.web.embed_origins == ()


@pytest.mark.parametrize(
    "value",
    [
        '"javascript:alert(1)"',
        '"legal-aid.example.org"',
        '"https://"',
        '"https://legal aid.example.org"',
        "5",
    ],
)
def test_a_service_address_that_is_not_a_web_address_is_refused(tmp_path: Path, value: str) -> None:
    with pytest.raises(ConfigError, match=r"\[service\] privacy_url must be a full web address"):
        _config_with(tmp_path, f"[service]\nprivacy_url = {value}\n")


@pytest.mark.parametrize(
    "value",
    [
        '"https://example.org"',  # not a list
        '["https://example.org/chat"]',  # a path
        '["example.org"]',  # no scheme
        '["*"]',
        "[\"https://example.org; script-src 'unsafe-inline'\"]",  # would end the header's directive
        '["https://example.org https://evil.example"]',
        "['self']",
        "[5]",
    ],
)
def test_an_embed_origin_that_is_not_an_origin_is_refused(tmp_path: Path, value: str) -> None:
    with pytest.raises(ConfigError, match=r"\[web\] embed_origins"):
        _config_with(tmp_path, f"[web]\nembed_origins = {value}\n")
