"""The small error tree every part of taxbot raises.

Owns: the exception types and how a content problem is printed.
Must not: hold any recovery logic; callers decide what an error means.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path


class BotError(Exception):
    """Base of every error taxbot raises on purpose."""


class ConfigError(BotError):
    """``bot.toml`` or the environment is wrong; start-up stops with one line."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a content file, printed as ``path:line: level: message``.

    ``kind`` names the rule that found it (e.g. ``needs-review``), so ``taxbot
    faq check`` can count warnings by kind; "" when nobody named one.
    """

    path: Path
    line: int
    message: str
    level: str = "error"
    kind: str = ""

    def __str__(self) -> str:
        return f"{_shown(self.path)}:{self.line}: {self.level}: {self.message}"

    def shown(self, base: Path) -> str:
        """The problem with its path relative to ``base`` (the content's home), as /healthz shows it."""
        try:
            path = str(self.path.resolve().relative_to(base.resolve()))
        except ValueError:
            path = self.path.name
        return f"{path}:{self.line}: {self.level}: {self.message}"


def _shown(path: Path) -> str:
    """The path as the reader typed it: relative to where they stand when possible."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


class ContentError(BotError):
    """FAQ or UI-string files are broken; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def toml_line(exc: Exception, text: str) -> int:
    """The line tomllib names in its message ("... (at line 3, column 5)").

    An error "at end of document" (an unclosed list, say) points at the last line.
    """
    m = re.search(r"line (\d+)", str(exc))
    if m:
        return int(m.group(1))
    return max(1, len(text.splitlines())) if "end of document" in str(exc) else 1
