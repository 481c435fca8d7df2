"""Install the bot as docs/deploy.md does, and run it from outside the checkout.

Builds the sdist and the wheel (``python -m build``, in its own isolated
environment), installs the wheel with its dependencies into a fresh virtual
environment in a temporary folder, then, from that folder: ``taxbot faq check``
and ``taxbot ask`` against the checkout's bot.toml, and ``taxbot serve`` on a
copy of the content, fetching ``/healthz``, the page and its files on
loopback. Any step that fails stops with its output. Run by ``make
install-check`` (``.ci/run`` runs it beside the tests); it needs the package
index, as any install does.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STARTUP_SECONDS = 180  # the content's matcher is trained at start; slow CI machines take a while
PAGE_FILES = ("/", "/static/chat.js", "/static/chat.css", "/static/favicon.svg")


def main() -> int:
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="taxbot-install-") as folder:
        work = Path(folder)
        wheel = build(work / "dist")
        venv = install(wheel, work / "venv")
        taxbot = str(venv / "bin" / "taxbot")
        imported = run([str(venv / "bin" / "python"), "-c", "import bot; print(bot.__file__)"], work)
        if not imported.strip().startswith(str(venv)):
            return fail(f"bot was imported from {imported.strip()}, not from the new environment")
        config = str(ROOT / "bot.toml")
        print(run([taxbot, "faq", "check", "--config", config], work).splitlines()[-1])
        answer = run([taxbot, "ask", "--config", config, "what is an itin"], work)
        if "ITIN" not in answer:
            return fail(f"`taxbot ask` did not answer about ITINs:\n{answer}")
        print("ask: answered")
        serve(taxbot, work)
    print(f"install check passed in {time.monotonic() - started:.0f} s")
    return 0


def build(out: Path) -> Path:
    """sdist, then the wheel from the sdist: so the sdist is proven complete too."""
    run([sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)], ROOT)
    (wheel,) = out.glob("taxbot-*.whl")
    print(f"built {wheel.name}")
    return wheel


def install(wheel: Path, venv: Path) -> Path:
    run([sys.executable, "-m", "venv", str(venv)], venv.parent)
    run([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", str(wheel)], venv.parent)
    print(f"installed into a fresh environment in {venv}")
    return venv


def serve(taxbot: str, work: Path) -> None:
    """`taxbot serve` on a copy of the content (it writes var/ next to bot.toml), then SIGTERM."""
    content = work / "content"
    for name in ("faq", "locales"):
        shutil.copytree(ROOT / name, content / name)
    shutil.copy(ROOT / "bot.toml", content / "bot.toml")
    port = free_port()
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(work),
        "BOT_STORAGE_URL": f"sqlite:///{work / 'state' / 'taxbot.sqlite3'}",
    }
    log = (work / "serve.log").open("w")
    server = subprocess.Popen(
        [taxbot, "serve", "--config", str(content / "bot.toml"), "--port", str(port)],
        cwd=work,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        health = wait_for_health(port, server)
        print(f"serve: /healthz {health['status']}, content {health['content_version']}")
        for path in PAGE_FILES:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as response:
                if response.status != 200 or not response.read():
                    raise SystemExit(fail(f"GET {path} answered {response.status} or nothing"))
        print(f"serve: {', '.join(PAGE_FILES)} answered")
    finally:
        server.send_signal(signal.SIGTERM)
        code = server.wait(timeout=90)
        log.close()
    if code != 0:
        raise SystemExit(
            fail(f"taxbot serve exited {code} after SIGTERM:\n{(work / 'serve.log').read_text()}")
        )
    print("serve: stopped cleanly on SIGTERM")


def wait_for_health(port: int, server: subprocess.Popen[bytes]) -> dict[str, object]:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(fail(f"taxbot serve exited {server.returncode} before answering"))
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as response:
                health: dict[str, object] = json.loads(response.read())
                if health.get("status") != "ok":
                    raise SystemExit(fail(f"/healthz: {health}"))
                return health
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.5)
    raise SystemExit(fail(f"/healthz did not answer within {STARTUP_SECONDS} s"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def run(command: list[str], cwd: Path) -> str:
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(fail(f"{' '.join(command)} exited {done.returncode}:\n{done.stdout}\n{done.stderr}"))
    return done.stdout


def fail(reason: str) -> int:
    print(f"install check FAILED: {reason}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
