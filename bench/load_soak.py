"""Load and soak: minutes of signed SMS webhooks against a real ``taxbot serve``, on SQLite and on Redis.

For each backend this starts ``python -m bot serve`` with the real ``bot.toml``
and a full SMS configuration (TWILIO_AUTH_TOKEN, BOT_PUBLIC_URL, BOT_SECRET_KEY,
BOT_STORAGE_URL) on 127.0.0.1, and for Redis a private ``redis-server`` on a
free loopback port (AOF on, as docs/deploy.md recommends). The client (this
process) sends Twilio-signed forms from thousands of distinct senders, each
with a new MessageSid and a message from tests/data/messages/, with a fixed
number in flight, for ``--seconds``. Every second it samples the server's
resident memory. It reports throughput, p50/p99 latency, errors (anything but
a 200, or a failed connection: must be 0) and memory in the first and the last
minute (must be flat). ``--restart-redis-at S`` stops Redis S seconds in and
starts it again ``--redis-down`` seconds later: requests must keep succeeding,
answered without memory meanwhile.

Every address is on the loopback interface and the run ends by itself.

    .venv/bin/python bench/load_soak.py [--seconds 180] [--backend sqlite|redis|both]
        [--concurrency 16] [--senders 5000] [--restart-redis-at 30 --redis-down 3]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp
from twilio.request_validator import RequestValidator
from unlimited import unlimited_config  # bench/ is on the path when run as a script

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "soak-auth-token-0123456789abcdef"
PUBLIC = "https://soak.example.org"
PATH = "/twilio/sms"


@dataclass
class Run:
    """What one backend's run measured."""

    backend: str
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)  # ms, successful requests
    errors: int = 0
    rss: list[tuple[float, int]] = field(default_factory=list)  # (seconds since start, kB)
    outage: tuple[float, float] | None = None  # when Redis was down, seconds since start
    during_outage: int = 0  # requests answered while Redis was down
    warnings: list[str] = field(default_factory=list)  # the server's log lines at WARNING


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def messages() -> list[str]:
    return [
        json.loads(line)["text"]
        for path in sorted((ROOT / "tests" / "data" / "messages").glob("*.jsonl"))
        for line in path.open(encoding="utf-8")
        if line.strip()
    ]


def inbound_sms(sid: int, sender: str, body: str) -> dict[str, str]:
    """An incoming SMS webhook's form, as Twilio posts it (the benchmarks sign it themselves)."""
    return {
        "MessageSid": f"SM{sid:032d}",
        "AccountSid": "AC" + "0" * 32,
        "From": sender,
        "To": "+15550000000",
        "Body": body,
        "NumMedia": "0",
    }


class RedisProcess:
    """A private redis-server on loopback with its files in ``folder``; stop and start keep the port."""

    def __init__(self, folder: Path) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            sys.exit("load_soak: redis-server is not installed (apt-get install redis-server)")
        self.argv = [
            binary,
            "--port",
            str(free_port()),
            "--bind",
            "127.0.0.1",
            "--dir",
            str(folder),
            "--save",
            "",
            "--appendonly",
            "yes",
            "--appendfsync",
            "everysec",
        ]
        self.url = f"redis://127.0.0.1:{self.argv[2]}/0"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(self.argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_for_port(int(self.argv[2]))

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(10)
            self.process = None


def wait_for_port(port: int) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listens on port {port}")


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


async def drive(run: Run, port: int, args: argparse.Namespace, pid: int, redis: RedisProcess | None) -> None:
    url = f"http://127.0.0.1:{port}{PATH}"
    validator = RequestValidator(TOKEN)
    texts = messages()
    senders = [f"+1555{n:07d}" for n in range(args.senders)]
    sids = itertools.count()
    rng = random.Random(7)
    started = time.monotonic()
    deadline = started + args.seconds

    async def worker(session: aiohttp.ClientSession) -> None:
        while time.monotonic() < deadline:
            form = inbound_sms(next(sids), rng.choice(senders), rng.choice(texts))
            headers = {"X-Twilio-Signature": validator.compute_signature(PUBLIC + PATH, form)}
            sent = time.monotonic()
            try:
                async with session.post(url, data=form, headers=headers) as response:
                    await response.read()
                    ok = response.status == 200
            except (TimeoutError, aiohttp.ClientError):
                ok = False
            done = time.monotonic()
            if not ok:
                run.errors += 1
                continue
            run.latencies.append((done - sent) * 1000)
            if run.outage and run.outage[0] <= sent - started:
                run.during_outage += run.outage[1] < 0 or done - started <= run.outage[1]

    async def sample() -> None:
        while time.monotonic() < deadline:
            run.rss.append((time.monotonic() - started, rss_kb(pid)))
            await asyncio.sleep(1)

    async def restart_redis() -> None:
        assert redis is not None
        await asyncio.sleep(args.restart_redis_at)
        down = time.monotonic() - started
        run.outage = (down, -1.0)
        await asyncio.to_thread(redis.stop)
        await asyncio.sleep(args.redis_down)
        await asyncio.to_thread(redis.start)
        run.outage = (down, time.monotonic() - started)

    timeout = aiohttp.ClientTimeout(total=15)  # Twilio's own limit for a webhook
    connector = aiohttp.TCPConnector(limit=args.concurrency)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
        tasks = [worker(session) for _ in range(args.concurrency)] + [sample()]
        if redis is not None and args.restart_redis_at is not None:
            tasks.append(restart_redis())
        await asyncio.gather(*tasks)
    run.seconds = time.monotonic() - started


async def soak(backend: str, args: argparse.Namespace) -> Run:
    run = Run(backend)
    with tempfile.TemporaryDirectory() as folder:
        redis = RedisProcess(Path(folder)) if backend == "redis" else None
        if redis is not None:
            redis.start()
        storage = redis.url if redis is not None else f"sqlite:///{folder}/soak.sqlite3"
        env = {
            **os.environ,
            "TWILIO_AUTH_TOKEN": TOKEN,
            "BOT_PUBLIC_URL": PUBLIC,
            "BOT_SECRET_KEY": "s" * 40,
            "BOT_STORAGE_URL": storage,
        }
        port = free_port()
        log = Path(folder) / "serve.log"
        with log.open("wb") as out:
            config = str(unlimited_config(Path(folder)))
            argv = [sys.executable, "-m", "bot", "serve", "--config", config, "--port", str(port)]
            server = subprocess.Popen(argv, env=env, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT)
        try:
            wait_for_port(port)
            await drive(run, port, args, server.pid, redis)
        finally:
            server.terminate()
            server.wait(10)
            if redis is not None:
                redis.stop()
        run.warnings = [line for line in log.read_text().splitlines() if "WARNING" in line or "ERROR" in line]
    return run


def window_mb(run: Run, first: bool, width: float) -> float:
    end = run.rss[-1][0]
    kept = [kb for t, kb in run.rss if (t < width if first else t >= end - width)]
    return statistics.mean(kept) / 1024


def report(runs: list[Run]) -> None:
    width = min(60.0, max(r.seconds for r in runs) / 3)
    print(f"\nconcurrency {ARGS.concurrency}, {ARGS.senders} senders, memory windows of {width:.0f} s\n")
    print("| backend | seconds | requests | per second | p50 | p99 | errors | RSS first | RSS last |", end="")
    print(" growth |\n" + "|---" * 10 + "|")
    for run in runs:
        lat = sorted(run.latencies)
        first, last = window_mb(run, True, width), window_mb(run, False, width)
        print(
            f"| {run.backend} | {run.seconds:.0f} | {len(lat):,} | {len(lat) / run.seconds:,.0f} "
            f"| {statistics.median(lat):.1f} ms | {lat[int(len(lat) * 0.99) - 1]:.1f} ms | {run.errors} "
            f"| {first:.1f} MB | {last:.1f} MB | {(last - first) / first:+.1%} |"
        )
    for run in runs:
        marks = range(0, int(run.rss[-1][0]), 30)
        trace = " ".join(f"{next(kb for t, kb in run.rss if t >= mark) / 1024:.0f}" for mark in marks)
        print(f"\n{run.backend}: RSS every 30 s, MB: {trace}")
        if run.outage:
            start, end = run.outage
            print(
                f"\n{run.backend}: Redis down from {start:.1f} s to {end:.1f} s; "
                f"{run.during_outage:,} requests answered meanwhile; errors in the whole run: {run.errors}"
            )
        for line in run.warnings:
            print(f"{run.backend} server log: {line}")


async def main() -> None:
    runs = []
    for backend in ("sqlite", "redis") if ARGS.backend == "both" else (ARGS.backend,):
        print(f"{backend}: {ARGS.seconds:.0f} s ...", flush=True)
        runs.append(await soak(backend, ARGS))
    report(runs)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=180)
    parser.add_argument("--backend", choices=("sqlite", "redis", "both"), default="both")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--senders", type=int, default=5000)
    parser.add_argument("--restart-redis-at", type=float, help="stop Redis this many seconds in")
    parser.add_argument("--redis-down", type=float, default=3.0, help="seconds Redis stays down")
    ARGS = parser.parse_args()
    asyncio.run(main())
