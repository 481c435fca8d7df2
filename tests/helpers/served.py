"""A real ``taxbot serve`` process on a free loopback port, for faults that need one."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

from aiohttp import ClientSession

from tests.helpers.redis_server import free_port


@dataclass
class Served:
    url: str
    process: subprocess.Popen[str]
    http: ClientSession
    lines: list[str] = field(default_factory=list)

    async def health(self) -> tuple[int, dict[str, object]]:
        async with self.http.get(self.url + "/healthz") as response:
            return response.status, await response.json()

    def log(self) -> str:
        """Everything the server logged so far (its stderr, read through a pipe: no file limit applies)."""
        return "".join(self.lines)


@asynccontextmanager
async def taxbot_serve(
    config: Path, env: dict[str, str], preexec: Callable[[], None] | None = None
) -> AsyncIterator[Served]:
    """Start it, wait for /healthz to answer, stop it with SIGTERM; its stderr goes to ``log()``."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "serve", "--config", str(config), "--port", str(port)],
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=preexec,  # only resource limits, set before exec
    )
    url = f"http://127.0.0.1:{port}"
    try:
        async with ClientSession() as http:
            served = Served(url, process, http)
            assert process.stderr is not None
            threading.Thread(target=served.lines.extend, args=(process.stderr,), daemon=True).start()
            deadline = time.monotonic() + 60
            while True:
                if process.poll() is not None:
                    raise AssertionError(f"taxbot serve exited {process.returncode}: {served.log()}")
                try:
                    await served.health()
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise AssertionError("taxbot serve did not start") from None
                    await asyncio.sleep(0.2)
            yield served
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
