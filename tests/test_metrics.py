"""GET /metrics: counts of a real web-chat conversation, with nothing in them that names a person."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import replace
from pathlib import Path
from typing import cast

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient
from prometheus_client.exposition import generate_latest
from prometheus_client.parser import text_string_to_metric_families

from bot.app import HELPLINE, RELOADER, create_app
from bot.check import load_checked
from bot.config import Config, MetricsConfig, load_config
from bot.content import Content
from bot.conversation import Conversation
from bot.environment import read_environment
from bot.metrics import Metrics, local_request
from bot.storage import Retention, SqliteStore, Store, StoreUnavailable, open_store

SESSION = "metrics-test-session-4f9c2b7e"
PHONE = "617-555-0142"
CONVERSATION = (
    "hello",
    "what is an itin",
    f"my number is {PHONE} and ICE is at my door right now",
    "¿Pueden darle mi dirección a ICE si declaro mis impuestos?",
    "STOP",
    "are you still there",
)
ROOT = Path(__file__).resolve().parent.parent
ALERTS = ROOT / "deploy" / "alerts.yml"
OUTSIDE = "203.0.113.9"  # TEST-NET-3: an address no test machine has
Samples = dict[tuple[str, frozenset[tuple[str, str]]], float]
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def build(
    config: Config,
    content: Content,
    conversation: Conversation,
    tmp_path: Path,
    *,
    peer: str | None = None,
    store: Store | None = None,
) -> web.Application:
    """The real app; ``peer`` makes every request look as if it came from that address."""
    app = create_app(
        config,
        content,
        read_environment(tmp_path, {}),
        store=store or open_store("memory://", Retention()),
        conversation=conversation,
    )
    if peer is not None:
        app.middlewares.insert(0, _seen_from(peer))
    return app


def _seen_from(address: str) -> Callable[[web.Request, Handler], Awaitable[web.StreamResponse]]:
    @web.middleware
    async def middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
        return await handler(request.clone(remote=address))

    return middleware


def with_metrics(config: Config, **settings: bool) -> Config:
    return replace(config, metrics=MetricsConfig(**settings))


def parse(body: str) -> Samples:
    """Every sample of a scrape, by name and labels (the parser also proves the format is valid)."""
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(body)
        for sample in family.samples
    }


def messages(samples: Samples, channel: str, outcome: str, lang: str) -> float:
    labels = frozenset({"channel": channel, "outcome": outcome, "lang": lang}.items())
    return samples.get(("taxbot_messages_total", labels), 0.0)


async def scrape(client: TestClient) -> str:
    response = await client.get("/metrics")
    assert response.status == 200, await response.text()
    assert response.headers["Content-Type"].startswith("text/plain")
    return await response.text()


async def say(client: TestClient, text: str, session: str = SESSION) -> dict[str, object]:
    response = await client.post("/api/message", json={"session": session, "text": text})
    assert response.status == 200, await response.text()
    body: dict[str, object] = await response.json()
    return body


async def test_a_web_chat_conversation_is_counted_without_identifiers(
    aiohttp_client, config: Config, content: Content, conversation: Conversation, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    client = await aiohttp_client(build(config, content, conversation, tmp_path))
    replies = [await say(client, text) for text in CONVERSATION]
    kinds = [(reply["kind"], reply["lang"]) for reply in replies]
    # What the conversation was, so the counts below are checked against something real.
    assert kinds[0] == ("menu", "en") and kinds[1] == ("answer", "en") and kinds[2] == ("urgent", "en")
    assert kinds[3] == ("answer", "es") and kinds[4][0] == "optout" and kinds[5] == ("silent", None)

    body = await scrape(client)
    samples = parse(body)
    for kind, lang in kinds[:5]:
        assert messages(samples, "web", str(kind), str(lang)) == kinds.count((kind, lang))
    assert messages(samples, "web", "opted_out", "none") == 1  # the message after STOP got nothing
    total = sum(v for (name, _), v in samples.items() if name == "taxbot_messages_total")
    assert total == len(CONVERSATION)
    # Each reply was timed once; a silence is not a reply.
    web_only = frozenset({"channel": "web"}.items())
    assert samples[("taxbot_reply_seconds_count", web_only)] == len(CONVERSATION) - 1
    assert samples[("taxbot_store_up", frozenset())] == 1
    assert samples[("taxbot_store_errors_total", frozenset())] == 0

    helpline = client.app[HELPLINE]
    key = helpline.key("web", SESSION)
    secrets = [SESSION, PHONE, PHONE.replace("-", ""), "555-0142", key, key[:12]]
    secrets += [text for text in CONVERSATION if len(text) > 4]
    secrets += ["itin", "ICE", "dirección", "_created"]  # words of the texts, and first-seen times
    for secret in secrets:
        assert secret not in body, secret
    # No FAQ entry ids: one per message, with the scrape's time, says what a person asked.
    for entry_id in helpline.content.faq.entries:
        assert entry_id not in body


async def test_metrics_turned_off_is_a_404(
    aiohttp_client, config: Config, content: Content, conversation: Conversation, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    off = with_metrics(config, enabled=False)
    client = await aiohttp_client(build(off, content, conversation, tmp_path))
    await say(client, "what is an itin")
    response = await client.get("/metrics")
    assert response.status == 404
    assert "taxbot_" not in await response.text()


@pytest.mark.parametrize(
    ("peer", "headers"),
    [
        (OUTSIDE, {}),
        (OUTSIDE, {"X-Forwarded-For": "127.0.0.1"}),  # a forged header does not make it local
        ("127.0.0.1", {"X-Forwarded-For": OUTSIDE}),  # came through a reverse proxy on this machine
        ("127.0.0.1", {"Forwarded": f"for={OUTSIDE}"}),
    ],
    ids=["outside-peer", "outside-forging-local", "proxied-xff", "proxied-forwarded"],
)
async def test_a_request_from_elsewhere_gets_404(
    aiohttp_client,
    config: Config,
    content: Content,
    conversation: Conversation,
    tmp_path: Path,
    peer: str,
    headers: dict[str, str],
) -> None:  # type: ignore[no-untyped-def]
    client = await aiohttp_client(build(config, content, conversation, tmp_path, peer=peer))
    response = await client.get("/metrics", headers=headers)
    assert response.status == 404
    assert "taxbot_" not in await response.text()
    assert (await client.get("/healthz")).status == 200  # only /metrics is kept in


async def test_localhost_only_off_serves_any_peer(
    aiohttp_client, config: Config, content: Content, conversation: Conversation, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    anywhere = with_metrics(config, enabled=True, localhost_only=False)
    client = await aiohttp_client(build(anywhere, content, conversation, tmp_path, peer=OUTSIDE))
    assert "taxbot_messages_total" in await scrape(client)


@pytest.mark.parametrize(
    ("peer", "headers", "local"),
    [
        ("127.0.0.1", {}, True),
        ("127.8.9.10", {}, True),
        ("::1", {}, True),
        ("::ffff:127.0.0.1", {}, True),  # IPv4 loopback on a dual-stack listener
        ("10.0.0.5", {}, False),
        ("192.168.1.20", {}, False),
        ("2001:db8::1", {}, False),
        ("", {}, False),  # a Unix socket: no address at all
        (None, {}, False),
        ("not an address", {}, False),
        ("127.0.0.1", {"X-Real-IP": "10.0.0.5"}, False),
    ],
)
def test_which_requests_count_as_this_machine(peer: str | None, headers: dict[str, str], local: bool) -> None:
    assert local_request(peer, headers) is local


async def test_after_the_limit_silences_count_as_limited(
    aiohttp_client, config: Config, content: Content, conversation: Conversation, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    client = await aiohttp_client(build(config, content, conversation, tmp_path))
    allowed = content.config.limits.per_user
    kinds = [(await say(client, "what is an itin"))["kind"] for _ in range(allowed + 3)]
    assert kinds[allowed:] == ["limited", "silent", "silent"]  # one "slow down", then nothing
    samples = parse(await scrape(client))
    assert messages(samples, "web", "limited", "en") == 1
    assert messages(samples, "web", "limited", "none") == 2
    assert messages(samples, "web", "answer", "en") == allowed


class _DownStore:
    """A store whose every call fails, as SQLite's do on a full disk (so no timing decides the test)."""

    async def close(self) -> None:
        return None

    def __getattr__(self, name: str) -> Callable[..., Awaitable[None]]:
        async def fail(*_: object, **__: object) -> None:
            raise StoreUnavailable("SQLite: disk I/O error")

        return fail


async def test_store_failures_are_counted_and_the_store_shown_down(
    aiohttp_client, config: Config, content: Content, conversation: Conversation, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    store = cast(Store, _DownStore())
    client = await aiohttp_client(build(config, content, conversation, tmp_path, store=store))
    assert (await say(client, "what is an itin"))["kind"] == "answer"  # answered without memory
    samples = parse(await scrape(client))
    assert samples[("taxbot_store_errors_total", frozenset())] >= 1
    assert samples[("taxbot_store_up", frozenset())] == 0


class _FlakyStore(SqliteStore):
    """A SQLite store that can be switched off and on again."""

    down = False

    async def opted_out(self, key: str) -> bool:
        if self.down:
            raise StoreUnavailable("SQLite: database is locked")
        return await super().opted_out(key)


async def test_the_store_is_asked_at_each_scrape_not_only_when_people_write(
    aiohttp_client, config: Config, content: Content, conversation: Conversation, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    store = _FlakyStore(":memory:", Retention())
    client = await aiohttp_client(build(config, content, conversation, tmp_path, store=store))
    up = ("taxbot_store_up", frozenset())
    assert parse(await scrape(client))[up] == 1
    store.down = True
    assert parse(await scrape(client))[up] == 0  # an outage shows with nobody writing
    store.down = False
    assert parse(await scrape(client))[up] == 1  # and so does its end


class _CountingStore(SqliteStore):
    """A store with the one-query count the metrics look for ."""

    def __init__(self, count: int | Exception) -> None:
        super().__init__(":memory:", Retention())
        self.count = count

    async def count_open_tickets(self) -> int:
        if isinstance(self.count, Exception):
            raise self.count
        return self.count


@pytest.mark.parametrize(
    ("store", "shown"),
    [
        (lambda: _CountingStore(3), "taxbot_open_tickets 3.0"),
        (lambda: _CountingStore(StoreUnavailable("Redis: connection refused")), None),
        (lambda: SqliteStore(":memory:", Retention()), "taxbot_open_tickets 0.0"),
    ],
    ids=["counted", "store-failing", "sqlite"],
)
async def test_open_tickets_are_the_stores_count_or_absent(
    aiohttp_client,
    config: Config,
    content: Content,
    conversation: Conversation,
    tmp_path: Path,
    store: Callable[[], SqliteStore],
    shown: str | None,
) -> None:  # type: ignore[no-untyped-def]
    client = await aiohttp_client(build(config, content, conversation, tmp_path, store=store()))
    body = await scrape(client)
    lines = [line for line in body.splitlines() if line.startswith("taxbot_open_tickets")]
    # Absent, never 0, when the store cannot say: 0 would tell staff nobody is waiting.
    assert lines == ([shown] if shown else [])


async def test_reloads_are_counted_by_result(aiohttp_client, project_copy: Path) -> None:  # type: ignore[no-untyped-def]
    config = load_config(project_copy / "bot.toml")
    app = create_app(
        config,
        load_checked(config),
        read_environment(project_copy, {}),
        store=open_store("memory://", Retention()),
    )
    client = await aiohttp_client(app)
    reloader = client.app[RELOADER]
    content_ok = ("taxbot_content_ok", frozenset())
    assert await reloader.reload("test")  # nothing changed
    entry = project_copy / "faq" / "itin-what" / "entry.toml"
    good = entry.read_text(encoding="utf-8")
    entry.write_text(good.replace('group = "itin"', 'group = "itin', 1), encoding="utf-8")
    assert not await reloader.reload("test")
    assert parse(await scrape(client))[content_ok] == 0  # staff's edit is not live: someone should look
    entry.write_text(good, encoding="utf-8")
    en = project_copy / "faq" / "itin-what" / "en.md"
    text = en.read_text(encoding="utf-8")
    assert "do not apply for an ITIN" in text
    en.write_text(text.replace("do not apply for an ITIN", "do not ask for an ITIN", 1), encoding="utf-8")
    assert await reloader.reload("test")
    samples = parse(await scrape(client))
    for result in ("unchanged", "refused", "loaded"):
        assert samples[("taxbot_reloads_total", frozenset({"result": result}.items()))] == 1
    assert samples[content_ok] == 1


def test_label_values_that_could_name_someone_become_other() -> None:
    metrics = Metrics()
    metrics.replied("+15551234567", "I am scared", "es-MX", 0.01)
    metrics.silenced("web", "4f9c2b7e0a1d")
    samples = parse(generate(metrics))
    other = frozenset({"channel": "other", "outcome": "other", "lang": "other"}.items())
    assert samples[("taxbot_messages_total", other)] == 1
    assert messages(samples, "web", "other", "none") == 1


def test_reply_times_fall_in_millisecond_to_second_buckets() -> None:
    metrics = Metrics()
    for seconds in (0.003, 0.3, 7.0, 40.0):
        metrics.replied("sms", "answer", "en", seconds)
    samples = parse(generate(metrics))

    def below(le: str) -> float:
        return samples[("taxbot_reply_seconds_bucket", frozenset({"channel": "sms", "le": le}.items()))]

    assert (below("0.005"), below("0.25"), below("0.5"), below("5.0"), below("10.0")) == (1, 1, 2, 2, 3)
    assert (below("15.0"), below("+Inf")) == (3, 4)


def test_each_app_counts_on_its_own() -> None:
    first, second = Metrics(), Metrics()
    first.reloaded("refused")
    assert parse(generate(second))[("taxbot_reloads_total", frozenset({"result": "refused"}.items()))] == 0


def generate(metrics: Metrics) -> str:
    return generate_latest(metrics.registry).decode()


def test_the_guide_shows_the_shipped_alert_rules() -> None:
    """docs/deploy.md prints deploy/alerts.yml whole; the two must not drift apart."""
    guide = (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", guide, flags=re.DOTALL)
    shipped = ALERTS.read_text(encoding="utf-8")
    assert shipped in blocks


async def test_every_metric_the_alerts_use_is_served(
    aiohttp_client, config: Config, content: Content, conversation: Conversation, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """A renamed metric would leave an alert that never fires, silently."""
    client = await aiohttp_client(build(config, content, conversation, tmp_path))
    await say(client, "what is an itin")
    served = {name for name, _ in parse(await scrape(client))}
    used = set(re.findall(r"\btaxbot_[a-z_]+", ALERTS.read_text(encoding="utf-8")))
    assert used and used <= served, used - served
