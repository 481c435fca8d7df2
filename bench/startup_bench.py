"""Start-up and memory: time from ``taxbot serve`` to the first 200 from /healthz, and RSS after traffic.

This is how issue 15 judges start-up and memory. Each round starts the real
``taxbot serve`` (the real ``bot.toml`` and content, SMS on, SQLite in a
temporary folder) on a loopback port and times from the process's start to
the first ``/healthz`` that answers 200. Its state folder (``var/``: the
build cache and the last good copy) lives next to a copy of ``bot.toml`` in
that temporary folder, so a **cold** start (a fresh clone: nothing cached)
and a **cached** start (a restart with the same content) are measured apart,
alternating, ``--rounds`` times each; medians are reported.

After the last cached start it sends ``--messages`` Twilio-signed webhooks
(distinct senders, new MessageSids, messages from tests/data/messages/, 8 in
flight) and reads the server's resident memory from /proc: at the first
/healthz and after the traffic. Every address is on the loopback interface.

    .venv/bin/python bench/startup_bench.py [--rounds 5] [--messages 3000]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import aiohttp
from load_soak import PATH, PUBLIC, TOKEN, free_port, inbound_sms, messages, rss_kb  # bench/ is on the path
from twilio.request_validator import RequestValidator
from unlimited import unlimited_config

ROOT = Path(__file__).resolve().parent.parent
TAXBOT = Path(sys.executable).parent / "taxbot"


def start(folder: Path, port: int) -> subprocess.Popen[bytes]:
    """``taxbot serve`` with the copy of bot.toml in ``folder`` (its var/ is that folder's)."""
    env = {
        **os.environ,
        "TWILIO_AUTH_TOKEN": TOKEN,
        "BOT_PUBLIC_URL": PUBLIC,
        "BOT_SECRET_KEY": "s" * 40,
        "BOT_STORAGE_URL": f"sqlite:///{folder}/bench.sqlite3",
    }
    argv = [str(TAXBOT), "serve", "--config", str(folder / "bot.toml"), "--port", str(port)]
    log = (folder / "serve.log").open("ab")
    return subprocess.Popen(argv, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=folder)


def until_healthy(server: subprocess.Popen[bytes], port: int, started: float) -> float:
    """Seconds from ``started`` to the first 200 from /healthz (polled every 10 ms)."""
    url = f"http://127.0.0.1:{port}/healthz"
    while server.poll() is None:
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                if response.status == 200:
                    return time.perf_counter() - started
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.01)
    raise RuntimeError(f"taxbot serve exited with {server.returncode}")


def stop(server: subprocess.Popen[bytes]) -> None:
    server.terminate()
    server.wait(30)


def one_start(folder: Path, cold: bool) -> tuple[float, int]:
    """Seconds to the first healthy /healthz and the RSS then (kB); ``cold``: nothing in var/ first."""
    if cold:
        shutil.rmtree(folder / "var", ignore_errors=True)
    port = free_port()
    started = time.perf_counter()
    server = start(folder, port)
    try:
        seconds = until_healthy(server, port, started)
        return seconds, rss_kb(server.pid)
    finally:
        stop(server)


async def traffic(port: int, count: int) -> int:
    """Send ``count`` signed SMS webhooks, 8 in flight; the number that did not answer 200."""
    url = f"http://127.0.0.1:{port}{PATH}"
    validator = RequestValidator(TOKEN)
    texts = messages()
    sids = itertools.count()
    failed = 0

    async def worker(session: aiohttp.ClientSession) -> None:
        nonlocal failed
        while (n := next(sids)) < count:
            form = inbound_sms(n, f"+1555{n % 5000:07d}", texts[n % len(texts)])
            headers = {"X-Twilio-Signature": validator.compute_signature(PUBLIC + PATH, form)}
            async with session.post(url, data=form, headers=headers) as response:
                await response.read()
                failed += response.status != 200

    async with aiohttp.ClientSession() as session:
        await asyncio.gather(*(worker(session) for _ in range(8)))
    return failed


def memory(folder: Path, count: int) -> tuple[int, int, int]:
    """RSS (kB) at the first /healthz and after ``count`` messages, and how many failed (cached start)."""
    port = free_port()
    server = start(folder, port)
    try:
        until_healthy(server, port, time.perf_counter())
        at_start = rss_kb(server.pid)
        failed = asyncio.run(traffic(port, count))
        return at_start, rss_kb(server.pid), failed
    finally:
        stop(server)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="cold and cached starts each")
    parser.add_argument("--messages", type=int, default=3000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        unlimited_config(folder)
        one_start(folder, cold=True)  # warm the OS's file cache and Python's bytecode
        times: dict[bool, list[float]] = {True: [], False: []}
        for _ in range(args.rounds):
            for cold in (True, False):
                times[cold].append(one_start(folder, cold)[0])
        at_start, after, failed = memory(folder, args.messages)
    for cold in (True, False):
        runs = " ".join(f"{t:.2f}" for t in times[cold])
        print(
            f"{'cold' if cold else 'cached'} start to first /healthz: median "
            f"{statistics.median(times[cold]):.2f} s ({runs})"
        )
    print(
        f"RSS at first /healthz {at_start / 1024:.1f} MB; after {args.messages} messages "
        f"{after / 1024:.1f} MB ({failed} not answered 200)"
    )


if __name__ == "__main__":
    main()
