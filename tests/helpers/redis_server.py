"""A private redis-server for tests: loopback only, a free port, no persistence, stoppable at will.

Redis tests skip with a reason when the binary is missing, except where
``TAXBOT_REQUIRE_REDIS=1`` (CI sets it), where a missing binary fails them:
a green CI must mean the Redis backend was tested.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

BINARY = "redis-server"


def redis_server_binary() -> str:
    """The path of redis-server, or a skip (a failure when Redis is required)."""
    found = shutil.which(BINARY)
    if found:
        return found
    reason = "redis-server is not installed (apt-get install redis-server)"
    if os.environ.get("TAXBOT_REQUIRE_REDIS") == "1":
        pytest.fail(f"{reason}, and TAXBOT_REQUIRE_REDIS=1 requires it")
    pytest.skip(reason)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class RedisServer:
    """One redis-server process in ``folder``; ``stop``/``start`` keep the port, so clients reconnect."""

    def __init__(self, binary: str, folder: Path, port: int | None = None) -> None:
        self.binary = binary
        self.folder = folder
        self.port = port or free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                self.binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.folder),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2) as conn:
                    conn.sendall(b"PING\r\n")
                    if conn.recv(16).startswith(b"+PONG"):
                        return
            except OSError:
                time.sleep(0.02)
        self.stop()
        raise RuntimeError(f"redis-server did not start on port {self.port}")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(10)
            self.process = None

    def restart(self) -> None:
        self.stop()
        self.start()

    def flush(self) -> None:
        with socket.create_connection(("127.0.0.1", self.port), timeout=2) as conn:
            conn.sendall(b"FLUSHALL\r\n")
            assert conn.recv(16).startswith(b"+OK")
