"""Signed SMS webhook throughput and latency, next to two reference handlers, in the same run.

Each server runs as a separate process on 127.0.0.1, one worker each; the
client (this process) sends pre-signed Twilio forms from thousands of distinct
senders, with messages from tests/data/messages/, at a fixed concurrency.
The bare handler parses the same form and returns an empty TwiML response; the
**protocol floor** does what every Twilio webhook must (parse, check the
signature with twilio's ``RequestValidator``, build TwiML with
``MessagingResponse``); taxbot also de-duplicates, loads and saves state,
answers. Target (issue 15): taxbot at least half the protocol floor.

    .venv/bin/python bench/webhook_bench.py [--seconds 10] [--concurrency 16]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp
from load_soak import free_port, inbound_sms, messages  # bench/ is on the path when run as a script
from twilio.request_validator import RequestValidator
from unlimited import unlimited_config

TOKEN = "bench-auth-token-0123456789abcde"  # 32 characters, like a real Twilio token
PUBLIC = "https://bench.example.org"
BARE = """
import sys
from aiohttp import web
async def sms(request):
    await request.post()
    return web.Response(text='<?xml version="1.0" encoding="UTF-8"?><Response />', content_type="text/xml")
app = web.Application()
app.router.add_post("/twilio/sms", sms)
web.run_app(app, host="127.0.0.1", port=int(sys.argv[1]), access_log=None, print=None)
"""
PROTOCOL = """
import os, sys
from aiohttp import web
from twilio.request_validator import RequestValidator
from twilio.twiml.messaging_response import MessagingResponse
validator = RequestValidator(os.environ["TWILIO_AUTH_TOKEN"])
url = os.environ["BOT_PUBLIC_URL"] + "/twilio/sms"
async def sms(request):
    form = dict(await request.post())
    if not validator.validate(url, form, request.headers.get("X-Twilio-Signature", "")):
        return web.Response(status=403)
    reply = MessagingResponse()
    reply.message("An ITIN is a 9-digit tax number from the IRS.")
    return web.Response(text=str(reply), content_type="text/xml")
app = web.Application()
app.router.add_post("/twilio/sms", sms)
web.run_app(app, host="127.0.0.1", port=int(sys.argv[1]), access_log=None, print=None)
"""


def requests(count: int) -> list[tuple[dict[str, str], str]]:
    """Pre-signed forms: distinct senders, distinct MessageSids, real-style messages."""
    texts = messages()
    validator = RequestValidator(TOKEN)
    out = []
    for n in range(count):
        form = inbound_sms(n, f"+1555{n % 5000:07d}", texts[n % len(texts)])
        out.append((form, validator.compute_signature(PUBLIC + "/twilio/sms", form)))
    return out


async def drive(
    port: int, batch: list[tuple[dict[str, str], str]], seconds: float, concurrency: int
) -> dict[str, float]:
    url = f"http://127.0.0.1:{port}/twilio/sms"
    latencies: list[float] = []
    errors = 0
    position = 0
    deadline = time.perf_counter() + seconds

    async def worker(session: aiohttp.ClientSession) -> None:
        nonlocal position, errors
        while time.perf_counter() < deadline:
            form, signature = batch[position % len(batch)]
            position += 1
            started = time.perf_counter()
            async with session.post(url, data=form, headers={"X-Twilio-Signature": signature}) as response:
                await response.read()
                errors += response.status != 200
            latencies.append((time.perf_counter() - started) * 1000)

    connector = aiohttp.TCPConnector(limit=concurrency)
    async with aiohttp.ClientSession(connector=connector) as session:
        started = time.perf_counter()
        await asyncio.gather(*(worker(session) for _ in range(concurrency)))
        elapsed = time.perf_counter() - started
    latencies.sort()
    return {
        "requests": len(latencies),
        "per_second": len(latencies) / elapsed,
        "p50_ms": statistics.median(latencies),
        "p99_ms": latencies[int(len(latencies) * 0.99) - 1],
        "errors": errors,
    }


async def wait_until_up(port: int) -> None:
    for _ in range(200):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            await asyncio.sleep(0.05)
    raise RuntimeError(f"server on port {port} did not start")


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--concurrency", type=int, default=16)
    args = parser.parse_args()
    batch = requests(60_000)
    results = {}
    with tempfile.TemporaryDirectory() as state:
        env = {
            **os.environ,
            "TWILIO_AUTH_TOKEN": TOKEN,
            "BOT_PUBLIC_URL": PUBLIC,
            "BOT_SECRET_KEY": "b" * 40,
            "BOT_STORAGE_URL": f"sqlite:///{state}/bench.sqlite3",
        }
        servers = {
            "bare aiohttp": [sys.executable, "-c", BARE],
            "protocol floor": [sys.executable, "-c", PROTOCOL],
            "taxbot": [sys.executable, "-m", "bot", "serve", "--config", str(unlimited_config(Path(state)))],
        }
        for name, command in servers.items():
            port = free_port()
            argv = [*command, "--port", str(port)] if name == "taxbot" else [*command, str(port)]
            process = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            try:
                await wait_until_up(port)
                await drive(port, batch[-200:], 1.0, args.concurrency)  # warm up, distinct ids
                results[name] = await drive(port, batch, args.seconds, args.concurrency)
            finally:
                process.terminate()
                process.wait(10)
    print(f"{'server':<16}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}")
    for name, row in results.items():
        print(
            f"{name:<16}{row['per_second']:>9.0f}{row['p50_ms']:>9.2f}{row['p99_ms']:>9.2f}{row['errors']:>8.0f}"
        )
    taxbot = results["taxbot"]["per_second"]
    print(
        f"taxbot throughput = {taxbot / results['protocol floor']['per_second']:.2f} x the protocol floor "
        f"(target >= 0.50), {taxbot / results['bare aiohttp']['per_second']:.2f} x bare; "
        f"concurrency {args.concurrency}, {args.seconds:.0f} s each"
    )


if __name__ == "__main__":
    asyncio.run(main())
