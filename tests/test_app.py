import pytest
from aiohttp.test_utils import TestClient

from bot.app import create_app
from bot.config import Config
from bot.content import Content


@pytest.fixture
async def client(aiohttp_client, config: Config, content: Content) -> TestClient:  # type: ignore[no-untyped-def]
    return await aiohttp_client(create_app(config, content))


async def test_healthz_reports_the_content_version(client: TestClient, content: Content) -> None:
    response = await client.get("/healthz")
    assert response.status == 200
    body = await response.json()
    assert body == {"status": "ok", "content_version": content.version, "languages": list(content.languages)}


async def test_unknown_routes_are_404_without_details(client: TestClient) -> None:
    response = await client.get("/admin")
    assert response.status == 404
    assert "Traceback" not in await response.text()
