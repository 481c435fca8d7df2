"""Counts an operator can watch: what ``GET /metrics`` serves in the Prometheus text format.

Messages by channel, outcome and language; how long replies take; content
reloads by result; store failures; whether the store answers now; open
tickets. Each app has its own ``CollectorRegistry`` (never the library's global
one), so tests and several apps in one process never mix their counts.
Owns: the instruments, their label values and the text a scrape gets.
Must not: carry anything that could single out a person: no user key, session
or chat id, phone number, message text, and no FAQ entry id (an entry id per
message plus the scrape time says what one person asked). Label values come
from small fixed sets, and anything else is counted as ``other``. Must not
import aiohttp: the route and the localhost rule live in :mod:`bot.app`.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import re
from collections.abc import Iterable, Mapping

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Gauge, Histogram
from prometheus_client.exposition import generate_latest
from prometheus_client.metrics_core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from bot.storage import Store, StoreUnavailable

log = logging.getLogger(__name__)

CONTENT_TYPE = CONTENT_TYPE_LATEST
# Replies take milliseconds; a ticket opening waits for Telegram (up to 8 s, bot.handoff) and
# Twilio gives up on a webhook after 15 s, so the buckets run from 5 ms to 15 s.
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 15.0)
# A label value must look like a code word ("web", "suggest", "pt"): never digits, spaces or
# punctuation, so a phone number, a hash or a sentence can never become one.
LABEL = re.compile(r"[a-z][a-z_]{0,23}")
# Silences: a message that gets no reply at all, and why.
OPTED_OUT = "opted_out"  # the person said STOP earlier
LIMITED = "limited"  # past a limit (bot.limits), after the one "slow down"
NO_LANGUAGE = "none"  # a silence is not in any language
RELOAD_RESULTS = ("loaded", "unchanged", "refused")
# Headers a reverse proxy adds: a request carrying one came from outside, whatever its peer.
FORWARDING_HEADERS = ("Forwarded", "X-Forwarded-For", "X-Real-IP")
STORE_SECONDS = 1.0  # a scrape never waits longer than this for each store call
PROBE_KEY = "metrics-probe"  # read at each scrape to see whether the store answers; never written


class Metrics:
    """The instruments of one app, registered in their own registry."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.messages = Counter(
            "taxbot_messages",
            "Messages handled, by channel, outcome (the reply's kind, or why there was none) and language.",
            ("channel", "outcome", "lang"),
            registry=self.registry,
        )
        self.latency = Histogram(
            "taxbot_reply_seconds",
            "Time from a message reaching the helpline to its reply being ready, by channel.",
            ("channel",),
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.reloads = Counter(
            "taxbot_reloads",
            "Content reloads by result: loaded (new content), unchanged, refused (errors, old content kept).",
            ("result",),
            registry=self.registry,
        )
        for result in RELOAD_RESULTS:  # at 0 from the start, so the first refusal is an increase
            self.reloads.labels(result)
        self.store_errors = Counter(
            "taxbot_store_errors",
            "Store calls that failed or took too long (the helpline then answers without memory).",
            registry=self.registry,
        )
        self.store_up = Gauge(
            "taxbot_store_up",
            "1 when the store answered a read at this scrape, 0 when it failed or was slow.",
            registry=self.registry,
        )
        self.content_ok = Gauge(
            "taxbot_content_ok",
            "1 when the content served is the files' own; 0 when the last edit was refused "
            "or the server started from its last good copy (see /healthz).",
            registry=self.registry,
        )
        self.open_tickets = _OpenTickets()
        self.registry.register(self.open_tickets)

    def replied(self, channel: str, outcome: str, lang: str, seconds: float) -> None:
        """One message answered: ``outcome`` is the reply's kind (answer, suggest, urgent...)."""
        self.messages.labels(_label(channel), _label(outcome), _label(lang)).inc()
        self.latency.labels(_label(channel)).observe(max(seconds, 0.0))

    def silenced(self, channel: str, outcome: str) -> None:
        """One message that gets no reply (``OPTED_OUT`` or ``LIMITED``); no latency, nothing was sent."""
        self.messages.labels(_label(channel), _label(outcome), NO_LANGUAGE).inc()

    def reloaded(self, result: str) -> None:
        """One reload attempt: one of ``RELOAD_RESULTS``."""
        self.reloads.labels(_label(result)).inc()

    def store_failed(self) -> None:
        self.store_errors.inc()

    async def exposition(self, store: Store, content_ok: bool) -> bytes:
        """The scrape's text, with the gauges read now.

        The store is asked at each scrape rather than taken from the helpline's
        view, which only changes when a message comes: a blip at night would
        otherwise show the store down until morning, and an outage with no
        traffic would not show at all.
        """
        up = await _answers(store)
        self.store_up.set(1 if up else 0)
        self.content_ok.set(1 if content_ok else 0)
        counted = await _open_tickets(store) if up else None
        self.open_tickets.count = counted  # set in one step: scrapes may overlap
        return generate_latest(_WithoutCreated(self.registry))


class _OpenTickets(Collector):
    """Open handoff tickets as the store counted them at this scrape; absent when it could not say.

    Absent rather than 0: a 0 from a store that cannot count, or is down, would
    tell staff that nobody waits for them.
    """

    def __init__(self) -> None:
        self.count: int | None = None

    def collect(self) -> Iterable[Metric]:
        if self.count is not None:
            yield GaugeMetricFamily("taxbot_open_tickets", "Handoff tickets open now.", value=self.count)


class _WithoutCreated(Collector):
    """The registry less its ``*_created`` samples.

    The library adds, per label set, the time it was first counted: the time of
    the first urgent message in Korean, say. That is a moment about one person,
    not a count, and Prometheus has no use for it in this text format.
    """

    def __init__(self, registry: CollectorRegistry) -> None:
        self._registry = registry

    def collect(self) -> Iterable[Metric]:
        for metric in self._registry.collect():
            metric.samples = [s for s in metric.samples if s.name != metric.name + "_created"]
            yield metric


async def _answers(store: Store) -> bool:
    """Whether the store answers one read of a key nobody has, in time."""
    try:
        async with asyncio.timeout(STORE_SECONDS):
            await store.opted_out(PROBE_KEY)
    except (StoreUnavailable, TimeoutError):
        return False
    return True


async def _open_tickets(store: Store) -> int | None:
    """The store's count, or None when it fails or is slow (a scrape must not hang on it)."""
    try:
        async with asyncio.timeout(STORE_SECONDS):
            return await store.count_open_tickets()
    except (StoreUnavailable, TimeoutError) as exc:
        log.warning("metrics: could not count open tickets: %s", exc or "no answer in time")
        return None


def _label(value: str) -> str:
    return value if LABEL.fullmatch(value) else "other"


def local_request(peer: str | None, headers: Mapping[str, str]) -> bool:
    """Whether a request comes from this machine itself: a loopback peer, not relayed by a proxy.

    Behind a reverse proxy every peer is the proxy (often loopback), so the
    proxy's forwarding headers also mark a request as outside; the proxy
    should not pass ``/metrics`` on in the first place (docs/deploy.md).
    """
    if any(name in headers for name in FORWARDING_HEADERS):
        return False
    try:
        address = ipaddress.ip_address((peer or "").split("%", 1)[0])
    except ValueError:  # no address (a Unix socket peer is ""), so not known to be this machine
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:  # a dual-stack listener
        address = address.ipv4_mapped
    return address.is_loopback
