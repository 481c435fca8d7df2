"""``taxbot faq stamp``: record that a translation now follows the current source answer.

Each translation's header carries ``made-from: <fingerprint>``, the fingerprint
of the source-language answer it was made from. When someone changes the
English answer, its fingerprint changes and ``taxbot faq check`` lists every
translation still made from the old one. Once a translator has updated a file,
stamping it records the new fingerprint, so the warning goes away.
Owns: rewriting that one header line (and, on request, the review status).
Must not: touch anything else in the file, or stamp a file that does not parse.
"""

from __future__ import annotations

import re
from pathlib import Path

from bot.config import Config
from bot.errors import BotError, Problem
from bot.faq import ENTRY_FILE, REDIRECTS, Translation, parse_translation

_TRANSLATION = re.compile(r"^\s*translation\s*:", re.IGNORECASE)
_MADE_FROM = re.compile(r"^\s*made-from\s*:", re.IGNORECASE)


class StampError(BotError):
    """The entry or language does not exist, or a file is broken; nothing was written."""


def stamp(config: Config, entry_id: str, lang: str, *, reviewed: bool = False) -> tuple[Path, str]:
    """Write the current source fingerprint into ``<entry>/<lang>.md``; returns the file and fingerprint.

    ``entry_id`` may also name a redirect (``faq/_redirects/<kind>``), whose reply is translated too.
    """
    cfg = config.content
    folder, form = cfg.faq_dir / entry_id, "entry"
    if not (folder / ENTRY_FILE).is_file():
        folder, form = cfg.faq_dir / REDIRECTS / entry_id, "redirect"
    if not folder.is_dir() or entry_id.startswith((".", "_")) or "/" in entry_id:
        raise StampError(f"no entry or redirect {entry_id!r} in {cfg.faq_dir} (see `taxbot faq list`)")
    if lang == cfg.source_language:
        raise StampError(f"{lang} is the source language: translations are stamped, not the source")
    source = _parsed(folder / f"{cfg.source_language}.md", form)
    target = folder / f"{lang}.md"
    _parsed(target, form)
    fingerprint = source.fingerprint
    lines = target.read_text(encoding="utf-8").splitlines(keepends=True)
    target.write_text("".join(_stamped(lines, fingerprint, reviewed)), encoding="utf-8")
    return target, fingerprint


def _parsed(path: Path, form: str) -> Translation:
    if not path.is_file():
        raise StampError(f"{path}: file not found")
    problems: list[Problem] = []
    text = parse_translation(path, problems, form=form)
    if text is None:
        raise StampError("fix these first:\n" + "\n".join(str(p) for p in problems))
    return text


def _stamped(lines: list[str], fingerprint: str, reviewed: bool) -> list[str]:
    """The file's lines with ``made-from`` set under ``translation:`` (and that set to reviewed)."""
    out = [line for line in lines if not _MADE_FROM.match(line)]
    at = next(i for i, line in enumerate(out) if _TRANSLATION.match(line))
    newline = "\r\n" if out[at].endswith("\r\n") else "\n"
    if reviewed:
        out[at] = f"translation: reviewed{newline}"
    out.insert(at + 1, f"made-from: {fingerprint}{newline}")
    return out
