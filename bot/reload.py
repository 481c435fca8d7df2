"""Live reload: new content is checked in full, then swapped in at once, or not at all.

Staff edit files while the bot serves. ``taxbot serve`` watches the content
folders (watchfiles, which uses the OS's file events and waits for a burst of
saves to settle) and also reloads on SIGHUP. Each reload runs the same checks
as ``taxbot faq check`` and builds the new matcher off the event loop; only a
snapshot with no errors replaces the old one, by swapping one reference, so a
request sees either the old content or the new, never half of each. A broken
edit leaves the last good content serving and is logged as ``path:line``
lines, which ``/healthz`` also shows until the next good reload. Content that
passes is also kept as the last good copy for the next start (:mod:`bot.snapshot`). ``bot.toml`` is
read again too, so content settings (languages, groups, gaps, limits) follow;
where the server listens and which store it uses need a restart.
Owns: when to reload, the reload status and its count by result (:mod:`bot.metrics`).
Must not: change content or answer messages.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import gc
import logging
from dataclasses import dataclass, field
from pathlib import Path

from watchfiles import Change, awatch

from bot import snapshot
from bot.check import serving_check
from bot.config import Config, load_config
from bot.content import Content
from bot.conversation import Conversation
from bot.errors import ConfigError, Problem
from bot.helpline import Helpline
from bot.l10n import forget_unused_locale_data
from bot.svm import fit_cache

log = logging.getLogger(__name__)


@dataclass
class ReloadStatus:
    """What ``/healthz`` reports about content: which version, since when, and the last failure."""

    version: str
    loaded_at: str
    last_attempt: str | None = None
    errors: list[str] = field(default_factory=list)  # empty when the last attempt succeeded
    fallback: str | None = None  # why the last good copy is served instead of the files (bot.snapshot)

    def as_json(self) -> dict[str, object]:
        return {
            "content_version": self.version,
            "content_loaded_at": self.loaded_at,
            "content_from_last_good_copy": self.fallback,
            "last_reload_attempt": self.last_attempt,
            "last_reload_error": self.errors or None,
        }


class Reloader:
    def __init__(
        self, config: Config, helpline: Helpline, source: Path | None = None, fallback: str | None = None
    ) -> None:
        """``source``: the real bot.toml, when ``config`` is the last good copy's (``fallback`` says why)."""
        self._config = config
        self._source = source or config.path
        self._helpline = helpline
        self._lock = asyncio.Lock()
        self.status = ReloadStatus(helpline.content.version, _now(), fallback=fallback)

    async def reload(self, reason: str) -> bool:
        """Check everything, then swap; False (and the old content kept) when anything is wrong."""
        async with self._lock:  # one reload at a time; a burst of saves queues up here
            self.status.last_attempt = _now()
            try:
                config = await asyncio.to_thread(load_config, self._source)
            except ConfigError as exc:
                content, problems = None, [Problem(self._source, 1, str(exc).split(": ", 1)[-1])]
            else:
                content, problems = await asyncio.to_thread(serving_check, config, fit_cache(config.path))
            if content is None:
                self.status.errors = [
                    problem.shown(self._source.resolve().parent)
                    for problem in problems
                    if problem.level == "error"
                ]
                log.error(
                    "content reload (%s) refused; still serving %s:\n%s",
                    reason,
                    self.status.version,
                    "\n".join(self.status.errors),
                )
                self._helpline.metrics.reloaded("refused")
                return False
            self.status.errors = []
            self._config = config
            await asyncio.to_thread(keep_last_good, config, content)
            fixed, self.status.fallback = self.status.fallback is not None, None
            if content.version == self.status.version:
                if fixed:
                    log.info("content files are good again (%s)", reason)
                self._helpline.metrics.reloaded("unchanged")
                return True
            conversation = await asyncio.to_thread(Conversation, content)
            self._helpline.conversation = conversation  # the one atomic swap
            freeze_content()
            self.status.version, self.status.loaded_at = content.version, _now()
            log.info("content reloaded (%s): now serving %s", reason, content.version)
            self._helpline.metrics.reloaded("loaded")
            return True

    async def watch(self, stop: asyncio.Event) -> None:
        """Reload after each settled burst of changes in the FAQ and locale folders or bot.toml."""
        await asyncio.gather(self._watch(stop, *self._folders()), self._watch_config(stop))

    def _folders(self) -> list[Path]:
        """The content folders the real bot.toml names (its default ones while it is itself broken)."""
        try:
            cfg = load_config(self._source).content
            folders = [cfg.faq_dir, cfg.locales_dir]
        except ConfigError:
            folders = [self._source.resolve().parent / name for name in ("faq", "locales")]
        return [folder for folder in folders if folder.is_dir()]

    async def _watch(self, stop: asyncio.Event, *folders: Path) -> None:
        async for _ in awatch(*folders, stop_event=stop, debounce=800, step=100):
            await self.reload("files changed")

    async def _watch_config(self, stop: asyncio.Event) -> None:
        """bot.toml through its folder: editors and git save by replacing the file, which ends a file watch.

        Only that folder's own entries are watched (not the tree below it, which may hold a venv).
        """
        path = self._source.resolve()

        def is_config(_: Change, changed: str) -> bool:
            return Path(changed) == path

        async for _ in awatch(
            path.parent, stop_event=stop, watch_filter=is_config, recursive=False, debounce=800, step=100
        ):
            await self.reload("bot.toml changed")


def freeze_content() -> None:
    """Move what is loaded now out of the garbage collector's way until the next reload.

    The content (indexes, phrase tries, composed answers) lives until it is
    replaced; left in the collected generations, every full collection walks all
    of it while a message waits (pauses of 20 ms were measured). What the
    replaced content left behind in reference cycles is collected first, and
    what loading needed of Babel's data but rendering never reads is let go.
    """
    forget_unused_locale_data()
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def keep_last_good(config: Config, content: Content) -> None:
    """Keep a copy of content that passed the check for the next start; a copy that fails is no reason
    to stop serving."""
    try:
        snapshot.save(config, content)
    except OSError as exc:
        log.warning("could not keep a copy of the last good content in %s: %s", snapshot.FOLDER, exc)


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
