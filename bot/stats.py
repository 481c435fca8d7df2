"""``taxbot faq stats``: how complete and how current the content is, per language.

Owns: counting entries, example questions, translations awaiting native
review, stale and missing translations. Must not: judge them; `faq check`
says what to fix, this says how much there is.
"""

from __future__ import annotations

import unicodedata
from dataclasses import asdict, dataclass
from typing import Any

from bot.content import Content


@dataclass(frozen=True)
class LanguageStats:
    lang: str
    name: str
    entries: int  # entries with a file in this language
    missing: int  # entries without one
    questions: int  # example questions the matcher learns from
    needs_review: int
    stale: int  # made from an older source answer, or with no record of which


def stats(content: Content) -> list[LanguageStats]:
    source_lang = content.config.content.source_language
    rows = []
    for lang in content.languages:
        entries = content.faq.entries.values()
        texts = [(e, e.texts[lang]) for e in entries if lang in e.texts]
        stale = sum(
            1
            for entry, text in texts
            if lang != source_lang
            and source_lang in entry.texts
            and text.made_from != entry.texts[source_lang].fingerprint
        )
        rows.append(
            LanguageStats(
                lang=lang,
                name=content.lexicons[lang].name,
                entries=len(texts),
                missing=len(content.faq.entries) - len(texts),
                questions=sum(len(text.questions) for _, text in texts),
                needs_review=sum(text.status == "needs-review" for _, text in texts),
                stale=stale,
            )
        )
    return rows


def as_json(content: Content, rows: list[LanguageStats]) -> dict[str, Any]:
    return {
        "entries": len(content.faq.entries),
        "content_version": content.version,
        "languages": [asdict(row) for row in rows],
    }


COLUMNS = (
    ("lang", "language"),
    ("name", "name"),
    ("entries", "entries"),
    ("missing", "missing"),
    ("questions", "questions"),
    ("needs_review", "needs review"),
    ("stale", "stale"),
)


def as_table(content: Content, rows: list[LanguageStats]) -> str:
    """A plain table for a terminal: numbers right-aligned, one language per line."""
    header = [label for _, label in COLUMNS]
    body = [[str(getattr(row, field)) for field, _ in COLUMNS] for row in rows]
    widths = [max(_width(cell) for cell in column) for column in zip(header, *body, strict=True)]

    def line(cells: list[str]) -> str:
        padded = (
            " " * (w - _width(cell)) + cell if i >= 2 else cell + " " * (w - _width(cell))
            for i, (cell, w) in enumerate(zip(cells, widths, strict=True))
        )
        return "  ".join(padded).rstrip()

    total = f"{len(content.faq.entries)} entries, content version {content.version}"
    return "\n".join([line(header), *(line(cells) for cells in body), "", total])


def _width(text: str) -> int:
    """Columns a terminal gives ``text``: Chinese and Korean letters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
