"""What content builds (the matcher's index per language, the language model), kept between starts.

Building takes seconds (thousands of phrasings to split into features, the
SVM); loading what was built takes milliseconds.
So each built structure is kept in ``var/cache/`` next to ``bot.toml`` (the
folder :func:`bot.svm.fit_cache` names), one file per language and content
version, and a restart, a reload back to known content, or a reload that
changed one language loads the rest instead of building it again.

A file's name is a hash of everything its contents depend on: the inputs the
builder reads, the source of every module in this package and the versions of
Python and the libraries whose objects it holds. Any change builds afresh;
nothing is ever invalidated by hand. Files are written whole or not at all
(processes may start together), a file that cannot be read is rebuilt, and
only the newest :data:`KEEP` stay. The files are pickles: ``var/`` must be
writable only by the bot's own user, like its SQLite file (docs/deploy.md).
Owns: naming, reading and writing those files. Must not: build anything
itself (callers pass the builder) or decide what goes into a key beyond the
code and library versions.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import TypeVar

log = logging.getLogger(__name__)

KEEP = 5  # files kept of each kind (each language's index, ...): a few content versions
LIBRARIES = ("numpy", "scikit-learn", "rapidfuzz", "opencc")  # their objects or results are kept

T = TypeVar("T")
# What unpickling a truncated, corrupt or outdated file raises.
UNREADABLE = (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError)


def cached(folder: Path | None, kind: str, inputs: object, build: Callable[[], T], keep: int = KEEP) -> T:
    """``build()``, or what it returned before for the same ``inputs`` and code.

    ``inputs``: everything the builder reads, as a value whose repr is the same in
    every process (no sets). ``keep``: how many files of this kind stay.
    ``folder`` None: always build (tests, tools that start once).
    """
    found: T | None = load(folder, kind, inputs)
    if found is not None:
        return found
    built = build()
    save(folder, kind, inputs, built, keep)
    return built


def load(folder: Path | None, kind: str, inputs: object) -> T | None:
    """What was built before from ``inputs`` with this code, or None."""
    if folder is None:
        return None
    path = _path(folder, kind, inputs)
    try:
        with path.open("rb") as saved:
            built: T = pickle.load(saved)
        with contextlib.suppress(OSError):
            os.utime(path)  # in use: the newest files are the ones kept
        return built
    except FileNotFoundError:
        return None
    except UNREADABLE as exc:
        log.warning("rebuilding %s: its cached copy could not be read (%s)", kind, type(exc).__name__)
        return None


def save(folder: Path | None, kind: str, inputs: object, built: object, keep: int = KEEP) -> None:
    """Keep ``built`` for the next :func:`load` of the same inputs (``folder`` None: nowhere)."""
    if folder is not None:
        _save(_path(folder, kind, inputs), built, keep)


def _path(folder: Path, kind: str, inputs: object) -> Path:
    digest = hashlib.sha256(code_version().encode())
    digest.update(repr(inputs).encode())
    return folder / f"{kind}-{digest.hexdigest()[:32]}.pickle"


@cache
def code_version() -> str:
    """This package's source and the versions of Python and of the libraries whose results are kept."""
    digest = hashlib.sha256(sys.version.encode())
    for name in LIBRARIES:
        digest.update(f"{name}={metadata.version(name)}".encode())
    package = Path(__file__).parent
    for source in sorted(package.rglob("*.py")):
        digest.update(str(source.relative_to(package)).encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()


def _save(path: Path, built: object, keep: int) -> None:
    """Write whole or not at all; a read-only or full disk only costs the next start its time."""
    name = ""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".tmp", delete=False) as out:
            name = out.name
            pickle.dump(built, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(name, path)
        kind = path.name.rsplit("-", 1)[0]
        kept = sorted(path.parent.glob(f"{kind}-*.pickle"), key=lambda f: f.stat().st_mtime, reverse=True)
        for old in kept[keep:]:
            old.unlink(missing_ok=True)
    except OSError as exc:
        log.warning("could not keep the built %s in %s: %s", path.name.rsplit("-", 1)[0], path.parent, exc)
        if name:
            with contextlib.suppress(OSError):
                os.unlink(name)
