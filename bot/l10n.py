"""UI strings from ``locales/<lang>/bot.ftl``, with English as the safety net.

Fluent quietly turns syntax errors into "Junk" and prints a message's id when a
string is missing. Users must never see either, so this module checks every
file up front (Junk, missing messages, mismatched variables) and, at run time,
falls back to the source language, then to a fixed plain sentence.
Must not: decide what to say; it only renders what the conversation asks for.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import babel
import babel.core
import babel.dates
import babel.localedata
from fluent.runtime import FluentBundle
from fluent.syntax import FluentParser, ast
from fluent.syntax.visitor import Visitor

from bot.errors import Problem

log = logging.getLogger(__name__)

FTL_FILE = "bot.ftl"
LAST_RESORT = "Sorry, something went wrong. Please try again."
# Optional, per language: how it writes a date, for languages whose Babel data is
# missing or reads machine-made (Haitian Creole "2026 M11 22", Vietnamese "22 thg 11").
# Without it, Babel's medium date is used.
DATE_MESSAGE = "date-format"
DATE_VARIABLES = frozenset({"day", "month", "year"})

Args = Mapping[str, str | int | float]
RENDERED = 4096  # rendered strings a Strings remembers (a few hundred in use)
# Babel keeps all of CLDR's data for each locale it loads. Strings read plural rules, number
# symbols and patterns, and date patterns and month names; these tables, most of that memory,
# are names and formats nothing here asks for (forget_unused_locale_data).
UNUSED_LOCALE_DATA = (
    "languages",
    "territories",
    "scripts",
    "variants",
    "currency_names",
    "currency_names_plural",
    "unit_patterns",
    "unit_display_names",
    "compound_unit_patterns",
    "time_zones",
    "meta_zones",
    "date_fields",
    "interval_formats",
    "datetime_skeletons",
    "compact_decimal_formats",
    "compact_currency_formats",
)


@dataclass(frozen=True)
class Catalog:
    """Parsed messages of one language: id → (line, variable names)."""

    lang: str
    path: Path
    text: str
    messages: Mapping[str, tuple[int, frozenset[str]]]
    # The parsed file itself, which the bundles render from: parsing it again cost a fifth of a start.
    resource: ast.Resource = field(compare=False, repr=False, default_factory=ast.Resource)


def parse_catalog(lang: str, path: Path, problems: list[Problem]) -> Catalog | None:
    """Parse one ``bot.ftl`` with fluent.syntax, reporting Junk as ``path:line``."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        problems.append(
            Problem(
                path,
                1,
                f"missing {FTL_FILE} for language {lang!r}: copy the source language's "
                f"{FTL_FILE} here and translate it",
            )
        )
        return None
    except UnicodeDecodeError:
        problems.append(Problem(path, 1, "file is not UTF-8 text; save it as UTF-8"))
        return None
    resource = FluentParser(with_spans=True).parse(text)
    messages: dict[str, tuple[int, frozenset[str]]] = {}
    before = len(problems)
    for item in resource.body:
        line = _line(text, item.span.start if item.span else 0)
        if isinstance(item, ast.Junk):
            note = item.annotations[0].message if item.annotations else "cannot be read"
            problems.append(
                Problem(
                    path,
                    line,
                    f"Fluent syntax error: {note}; each message is `id = text`, "
                    "and a continued line starts with spaces",
                )
            )
        elif isinstance(item, ast.Message):
            if item.id.name in messages:
                problems.append(
                    Problem(path, line, f"message {item.id.name!r} is defined twice: delete one of them")
                )
            if item.value is None:
                problems.append(
                    Problem(path, line, f"message {item.id.name!r} has no text: write it after the =")
                )
            messages[item.id.name] = (line, frozenset(_variables(item)))
            if item.id.name == DATE_MESSAGE and not _variables(item) <= DATE_VARIABLES:
                unknown = ", ".join(sorted("$" + n for n in _variables(item) - DATE_VARIABLES))
                problems.append(
                    Problem(
                        path,
                        line,
                        f"{DATE_MESSAGE} uses {unknown}: a date has only {{ $day }}, {{ $month }} "
                        "(a number, 1 to 12) and { $year }",
                    )
                )
    if len(problems) > before:
        return None
    _SpanDropper().visit(resource)  # kept for serving, where lines no longer matter (0.4 MB)
    return Catalog(lang, path, text, messages, resource)


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


class _SpanDropper(Visitor):
    """Takes the source positions off a parsed file once its problems have been reported."""

    def generic_visit(self, node: ast.BaseNode) -> None:
        if isinstance(node, ast.SyntaxNode):
            node.span = None
        super().generic_visit(node)


def _variables(node: ast.BaseNode) -> set[str]:
    found: set[str] = set()

    class Collect(Visitor):
        def visit_VariableReference(self, child: ast.VariableReference) -> None:  # noqa: N802
            found.add(child.id.name)

    Collect().visit(node)
    return found


def compare_catalogs(reference: Catalog, other: Catalog, problems: list[Problem]) -> None:
    """Every message of the source language must exist, with the same variables."""
    for msg_id, (_, names) in reference.messages.items():
        if msg_id not in other.messages:
            problems.append(
                Problem(
                    other.path,
                    1,
                    f"message {msg_id!r} is missing (copy it from {reference.path} and translate)",
                )
            )
            continue
        line, theirs = other.messages[msg_id]
        if theirs - names:
            unknown = ", ".join(sorted("$" + n for n in theirs - names))
            problems.append(
                Problem(
                    other.path,
                    line,
                    f"{msg_id!r} uses unknown variable {unknown}: use only the "
                    "{ $names } the source message uses",
                )
            )
        if names - theirs:
            lost = ", ".join(sorted("$" + n for n in names - theirs))
            problems.append(Problem(other.path, line, f"{msg_id!r} should use {lost}", level="warning"))


class Strings:
    """Renders UI strings for any configured language, never failing in front of a user."""

    def __init__(self, catalogs: Mapping[str, Catalog], fallback: str) -> None:
        self._fallback = fallback
        self._bundles: dict[str, FluentBundle] = {}
        for lang, catalog in catalogs.items():
            # use_isolating=False: bidi marks U+2068/9 would push SMS into UCS-2.
            bundle = FluentBundle([lang], use_isolating=False)
            bundle.add_resource(catalog.resource)
            self._bundles[lang] = bundle
        # Rendered strings by language, id and arguments: Fluent renders in Python, and the same
        # few (the contacts' heading, a numbered choice, the fallback) end most replies.
        self._rendered: dict[tuple[str, str, tuple[tuple[str, object, type], ...]], str] = {}

    def get(self, lang: str, msg_id: str, args: Args | None = None) -> str:
        """The string in ``lang``, else in the fallback language, else a safe sentence."""
        given = tuple((name, value, type(value)) for name, value in args.items()) if args else ()
        key = (lang, msg_id, given)
        found = self._rendered.get(key)
        if found is None:
            found = self._render(lang, msg_id, args)
            if found is not LAST_RESORT:  # a failure is logged each time it happens
                if len(self._rendered) >= RENDERED:
                    self._rendered.clear()
                self._rendered[key] = found
        return found

    def _render(self, lang: str, msg_id: str, args: Args | None) -> str:
        for code in (lang, self._fallback):
            bundle = self._bundles.get(code)
            if bundle is None or not bundle.has_message(msg_id):
                continue
            message = bundle.get_message(msg_id)
            if message.value is None:
                continue
            text, errors = bundle.format_pattern(message.value, dict(args or {}))
            if not errors:
                return str(text)
            log.error("string %s/%s failed to render: %s", code, msg_id, errors[0])
        log.error("string %s missing in %s and %s", msg_id, lang, self._fallback)
        return LAST_RESORT

    def date(self, lang: str, day: dt.date) -> str:
        """``day`` as ``lang`` writes it: its own ``date-format`` when it has one, else Babel's.

        Only the language's own file counts (never the fallback's): a language
        without the message is one Babel writes well.
        """
        bundle = self._bundles.get(lang)
        if bundle is not None and bundle.has_message(DATE_MESSAGE):
            message = bundle.get_message(DATE_MESSAGE)
            if message.value is not None:
                # The year as text: as a number Fluent would group it ("2.026", "2 026").
                args = {"day": day.day, "month": day.month, "year": str(day.year)}
                text, errors = bundle.format_pattern(message.value, args)
                if not errors:
                    return str(text)
                log.error("string %s/%s failed to render: %s", lang, DATE_MESSAGE, errors[0])
        return format_date(day, lang)


def forget_unused_locale_data() -> None:
    """Drop what Babel loaded that rendering strings never reads: about 8 MB for 7 languages.

    Babel loads a locale's data once per process and keeps it; the tables in
    :data:`UNUSED_LOCALE_DATA` are removed from it. Its global data (locale
    aliases, currencies by territory...) is needed only to load a locale or parse
    a language code, and Babel reads it again when asked, so it is let go too.
    Call once content is loaded (serving does, at start and after each reload).
    """
    for data in getattr(babel.localedata, "_cache", {}).values():
        for key in UNUSED_LOCALE_DATA:
            data.pop(key, None)
    if hasattr(babel.core, "_global_data"):
        babel.core._global_data = None


@lru_cache(maxsize=256)
def format_date(day: dt.date, lang: str) -> str:
    """Babel's short, local way to write a date ("Nov 22, 2026", "22 nov 2026").

    Use :meth:`Strings.date`, which prefers a language's own ``date-format``.
    """
    try:
        return str(babel.dates.format_date(day, "medium", locale=lang))
    except (babel.UnknownLocaleError, ValueError):
        return day.isoformat()
