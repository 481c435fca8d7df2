"""FAQ entries: the plain-text files legal-aid staff edit, read into checked objects.

Layout (see docs/faq-format.md for the staff guide)::

    faq/<entry-id>/entry.toml   shared facts: group, reviewed date, sources, related, urgent,
                                time-sensitive
    faq/<entry-id>/<lang>.md    one language: title, translation status, SMS and full
                                answers, example questions, keywords
    faq/_redirects/<kind>/<lang>.md
                                what people ask that the FAQ does not cover (tax
                                preparation, immigration cases...): a short reply that
                                says so and where to go, and example messages
    faq/_not-covered/<lang>.md  examples of anything else the bot must not answer

Owns: parsing those files and reporting every problem as ``path:line: message``.
Must not: decide whether an answer fits an SMS (that needs UI strings, see
:mod:`bot.check`) or match messages (:mod:`bot.matcher`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.errors import Problem, toml_line

ENTRY_FILE = "entry.toml"
NOT_COVERED = "_not-covered"  # folder of examples the bot must not answer
REDIRECTS = "_redirects"  # folder of kinds of message the FAQ does not cover, each with a reply
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
STATUSES = ("source", "needs-review", "reviewed")
SECTIONS = {"sms": "SMS", "full": "Full", "questions": "Questions", "keywords": "Keywords", "reply": "Reply"}
# Which sections each kind of file has, and which of them it must have.
FORMS = {
    "entry": (("sms", "full", "questions", "keywords"), ("sms", "questions", "keywords")),
    "examples": (("questions", "keywords"), ("questions",)),
    "redirect": (("reply", "questions", "keywords"), ("reply", "questions")),
}
HEADER_KEYS = ("translation", "made-from")
MIN_QUESTIONS = 3
DEFAULT_ORDER = 100  # entries without an order come last in their group's menu


@dataclass(frozen=True)
class Translation:
    """One language of one entry, as written in ``faq/<id>/<lang>.md``."""

    lang: str
    title: str
    status: str
    sms: str
    full: str
    questions: tuple[str, ...]
    keywords: tuple[str, ...]
    path: Path
    lines: Mapping[str, int] = field(default_factory=dict)
    made_from: str = ""  # fingerprint of the source-language answer this translation was made from
    reply: str = ""  # a redirect's reply (entries answer with ``sms`` and ``full``)

    def line_of(self, section: str) -> int:
        return self.lines.get(section, 1)

    @property
    def fingerprint(self) -> str:
        """A short hash of what a translation must follow: title and answers, not the phrasings.

        Example questions and keywords differ per language on purpose, so
        editing them in English does not make every translation stale.
        """
        parts = (self.title, self.sms, self.full, *((self.reply,) if self.reply else ()))
        answer = "\n".join(parts)
        return hashlib.sha256(answer.encode("utf-8")).hexdigest()[:10]


@dataclass(frozen=True)
class Entry:
    """One FAQ entry with every language it has."""

    id: str
    group: str
    reviewed: dt.date
    sources: tuple[str, ...]
    related: tuple[str, ...]
    urgent: bool
    escalate: bool
    order: int
    texts: Mapping[str, Translation]
    path: Path
    # States what a court ordered or what the agencies may do now: every answer says
    # the information ends mid-2026 and rulings may have changed (``time-sensitive = true``).
    time_sensitive: bool = False


@dataclass(frozen=True)
class Redirect:
    """A kind of message the FAQ does not cover, with the reply that says so and points elsewhere.

    Its contacts come from ``faq/contacts.toml`` ``[topics]``, keyed by the kind's name.
    """

    kind: str
    texts: Mapping[str, Translation]
    path: Path


@dataclass(frozen=True)
class Faq:
    """Every entry, in a stable order (folder name), plus what it does not cover."""

    entries: Mapping[str, Entry]
    not_covered: Mapping[str, Translation] = field(default_factory=dict)
    redirects: Mapping[str, Redirect] = field(default_factory=dict)

    def get(self, entry_id: str) -> Entry | None:
        return self.entries.get(entry_id)


def load_faq(faq_dir: Path) -> tuple[Faq, list[Problem]]:
    """Read every entry folder; return what parsed cleanly and every problem found."""
    problems: list[Problem] = []
    entries: dict[str, Entry] = {}
    if not faq_dir.is_dir():
        return Faq({}), [Problem(faq_dir, 1, "FAQ folder not found: check faq_dir in bot.toml")]
    for folder in sorted(p for p in faq_dir.iterdir() if p.is_dir()):
        if folder.name.startswith((".", "_")):
            continue
        entry = _load_entry(folder, problems)
        if entry is not None:
            entries[entry.id] = entry
    _check_related(entries, faq_dir, problems)
    not_covered = _load_languages(faq_dir / NOT_COVERED, problems, "examples")
    redirects = _load_redirects(faq_dir / REDIRECTS, set(entries), problems)
    return Faq(entries, not_covered, redirects), problems


def _load_languages(folder: Path, problems: list[Problem], form: str) -> dict[str, Translation]:
    """Every ``<lang>.md`` of a folder of examples (``_not-covered``) or of one redirect kind.

    Examples teach the matcher what lies outside the FAQ, so such messages get a
    redirect or the honest fallback instead of the nearest-sounding answer.
    """
    found: dict[str, Translation] = {}
    for md in sorted(folder.glob("*.md")) if folder.is_dir() else ():
        text = parse_translation(md, problems, form=form)
        if text is not None:
            found[text.lang] = text
    return found


def _load_redirects(folder: Path, entry_ids: set[str], problems: list[Problem]) -> dict[str, Redirect]:
    redirects: dict[str, Redirect] = {}
    for kind in sorted(p for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else ():
        if kind.name.startswith("."):
            continue
        if not ID_PATTERN.match(kind.name) or kind.name in entry_ids:
            problems.append(
                Problem(
                    kind,
                    1,
                    "a redirect's folder name uses lowercase letters, digits and - and is not an entry's "
                    "id: rename the folder, e.g. tax-preparation",
                )
            )
            continue
        redirects[kind.name] = Redirect(kind.name, _load_languages(kind, problems, "redirect"), kind)
    return redirects


def _load_entry(folder: Path, problems: list[Problem]) -> Entry | None:
    meta_path = folder / ENTRY_FILE
    if not ID_PATTERN.match(folder.name):
        problems.append(
            Problem(
                folder,
                1,
                "entry folder names use lowercase letters, digits and -: rename the folder, e.g. itin-what",
            )
        )
        return None
    if not meta_path.is_file():
        problems.append(Problem(meta_path, 1, f"missing {ENTRY_FILE} (group, reviewed, sources)"))
        return None
    meta = _read_meta(meta_path, problems)
    texts: dict[str, Translation] = {}
    for md in sorted(folder.glob("*.md")):
        text = parse_translation(md, problems)
        if text is not None:
            texts[text.lang] = text
    if meta is None:
        return None
    return Entry(id=folder.name, texts=texts, path=folder, **meta)


def _read_meta(path: Path, problems: list[Problem]) -> dict[str, Any] | None:
    try:
        text = path.read_text(encoding="utf-8")
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        problems.append(
            Problem(
                path,
                toml_line(exc, text),
                f"not valid TOML: {exc}; look for a missing quote, bracket or comma here or just above",
            )
        )
        return None
    except UnicodeDecodeError:
        problems.append(Problem(path, 1, "file is not UTF-8 text; save it as UTF-8"))
        return None
    lines = _key_lines(path)
    start = len(problems)
    known = {"group", "order", "reviewed", "sources", "related", "urgent", "escalate", "time-sensitive"}
    for key in raw.keys() - known:
        problems.append(
            Problem(
                path,
                lines.get(key, 1),
                f"unknown setting {key!r}: check the spelling (allowed: {', '.join(sorted(known))})",
            )
        )
    group = raw.get("group")
    if not isinstance(group, str) or not ID_PATTERN.match(group or ""):
        problems.append(Problem(path, lines.get("group", 1), 'group must be a name like "itin"'))
    reviewed = raw.get("reviewed")
    if not isinstance(reviewed, dt.date) or isinstance(reviewed, dt.datetime):
        problems.append(Problem(path, lines.get("reviewed", 1), "reviewed must be a date like 2026-11-22"))
    sources = raw.get("sources")
    if not _str_list(sources) or not sources:
        problems.append(
            Problem(path, lines.get("sources", 1), "sources must list at least one URL or source")
        )
    related = raw.get("related", [])
    if not _str_list(related):
        problems.append(
            Problem(path, lines.get("related", 1), 'related must be a list of ids, like ["itin-what"]')
        )
    flags = {k: raw.get(k, False) for k in ("urgent", "escalate", "time-sensitive")}
    for key, value in flags.items():
        if not isinstance(value, bool):
            problems.append(Problem(path, lines.get(key, 1), f"{key} must be true or false"))
    order = raw.get("order", DEFAULT_ORDER)
    if not isinstance(order, int) or isinstance(order, bool):
        problems.append(Problem(path, lines.get("order", 1), "order must be a whole number"))
    if len(problems) > start:
        return None
    return {
        "group": group,
        "order": order,
        "reviewed": reviewed,
        "sources": tuple(sources or ()),
        "related": tuple(related),
        **{key.replace("-", "_"): value for key, value in flags.items()},
    }


def _str_list(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(x, str) and x.strip() for x in value)


def key_line(path: Path, key: str) -> int:
    """The line where a top-level key of a TOML file is set (1 when it is not)."""
    return _key_lines(path).get(key, 1)


def _key_lines(path: Path) -> dict[str, int]:
    """Line of each top-level key, so a bad value is reported where it is written."""
    found: dict[str, int] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        m = re.match(r"\s*([A-Za-z_-]+)\s*=", line)
        if m:
            found.setdefault(m.group(1), number)
    return found


def parse_translation(path: Path, problems: list[Problem], *, form: str = "entry") -> Translation | None:
    """Parse ``<lang>.md``; append problems and return None when it cannot be used.

    ``form`` is the kind of file (see :data:`FORMS`): an ``entry``'s language, the
    not-covered ``examples``, or a ``redirect``'s language.
    """
    lang = path.stem
    try:
        raw_lines = path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError:
        problems.append(Problem(path, 1, "file is not UTF-8 text; save it as UTF-8"))
        return None
    start = len(problems)
    allowed, required = FORMS[form]
    title, header, sections, lines = _split(path, raw_lines, problems, allowed)
    status = header.get("translation", "")
    if not title:
        problems.append(Problem(path, 1, "the first line must be the title, like: # What is an ITIN?"))
    if status not in STATUSES:
        problems.append(
            Problem(
                path,
                lines.get("translation", 1),
                "add a line 'translation: source', 'translation: needs-review' "
                "or 'translation: reviewed' under the title",
            )
        )
    for key in required:
        if key not in sections:
            problems.append(Problem(path, len(raw_lines) or 1, f"missing section '## {SECTIONS[key]}'"))
    sms = _paragraphs(sections.get("sms", []))
    if "sms" in sections and not sms:
        problems.append(
            Problem(path, lines["sms"], "the SMS answer is empty: write the short answer under '## SMS'")
        )
    reply = _paragraphs(sections.get("reply", []))
    if "reply" in sections and not reply:
        problems.append(Problem(path, lines["reply"], "the reply is empty: write it under '## Reply'"))
    questions = _bullets(path, sections.get("questions", []), problems, split_commas=False)
    keywords = _bullets(path, sections.get("keywords", []), problems, split_commas=True)
    if "questions" in sections and len(questions) < MIN_QUESTIONS:
        problems.append(
            Problem(path, lines["questions"], f"write at least {MIN_QUESTIONS} example questions")
        )
    if len(problems) > start:
        return None
    return Translation(
        lang=lang,
        title=title,
        status=status,
        sms=sms,
        full=_paragraphs(sections.get("full", [])),
        questions=tuple(questions),
        keywords=tuple(keywords),
        path=path,
        lines=lines,
        made_from=header.get("made-from", ""),
        reply=reply,
    )


Numbered = list[tuple[int, str]]


def _split(
    path: Path, raw_lines: list[str], problems: list[Problem], allowed: tuple[str, ...]
) -> tuple[str, dict[str, str], dict[str, Numbered], dict[str, int]]:
    """Cut a file into title, header fields and sections, keeping line numbers."""
    title = ""
    header: dict[str, str] = {}
    sections: dict[str, Numbered] = {}
    lines: dict[str, int] = {}
    current: str | None = None
    for number, line in _without_comments(raw_lines):
        stripped = line.strip()
        if not title and current is None and not header:
            if stripped.startswith("# "):
                title = stripped[2:].strip()
                continue
            if not stripped:
                continue
        if stripped.startswith("## "):
            name = stripped[3:].strip().lower()
            if name not in allowed:
                names = ", ".join(f"'## {SECTIONS[s]}'" for s in allowed)
                problems.append(Problem(path, number, f"unknown section '{stripped}' (use {names})"))
                current = _SKIP
                sections[_SKIP] = []
                continue
            if name in sections:
                problems.append(Problem(path, number, f"section '## {SECTIONS[name]}' appears twice"))
            current = name
            sections[name] = []
            lines[name] = number
            continue
        if current is None:
            if not stripped:
                continue
            key, sep, value = stripped.partition(":")
            key = key.strip().lower()
            if sep and key in HEADER_KEYS:
                header[key] = value.strip().lower() if key == "translation" else value.strip()
                lines[key] = number
            elif sep and re.fullmatch(r"[a-z-]+", key):
                keys = " and ".join(f"'{k}:'" for k in HEADER_KEYS)
                problems.append(Problem(path, number, f"unknown header line '{key}:' (only {keys} go here)"))
            else:
                problems.append(
                    Problem(path, number, "text before the first '## ' section; move it into a section")
                )
            continue
        sections[current].append((number, line))
    sections.pop(_SKIP, None)
    return title, header, sections, lines


_SKIP = "\0skip"  # body of an unknown section: reported once, not line by line


def _without_comments(raw_lines: list[str]) -> Iterable[tuple[int, str]]:
    """Drop ``<!-- staff notes -->``, which may span lines."""
    inside = False
    for number, line in enumerate(raw_lines, 1):
        out = ""
        rest = line
        while rest:
            if inside:
                end = rest.find("-->")
                if end < 0:
                    rest = ""
                else:
                    inside, rest = False, rest[end + 3 :]
            else:
                begin = rest.find("<!--")
                if begin < 0:
                    out, rest = out + rest, ""
                else:
                    out, rest, inside = out + rest[:begin], rest[begin + 4 :], True
        if out.strip() or not line.strip():
            yield number, out


def _paragraphs(body: Numbered) -> str:
    """Join wrapped lines into paragraphs; a blank line starts a new paragraph."""
    paragraphs: list[list[str]] = [[]]
    for _, line in body:
        if line.strip():
            paragraphs[-1].append(line.strip())
        elif paragraphs[-1]:
            paragraphs.append([])
    return "\n".join(" ".join(p) for p in paragraphs if p)


def _bullets(path: Path, body: Numbered, problems: list[Problem], *, split_commas: bool) -> list[str]:
    items: list[str] = []
    for number, line in body:
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith(("- ", "* ")):
            problems.append(Problem(path, number, "start each line of this list with '- '"))
            continue
        text = stripped[2:].strip()
        parts = text.split(",") if split_commas else [text]
        items.extend(p.strip() for p in parts if p.strip())
    return items


def _check_related(entries: Mapping[str, Entry], faq_dir: Path, problems: list[Problem]) -> None:
    for entry in entries.values():
        for other in entry.related:
            # An entry that exists but failed to load is reported in its own file, not here.
            if other not in entries and not (faq_dir / other / ENTRY_FILE).is_file():
                problems.append(
                    Problem(
                        entry.path / ENTRY_FILE,
                        key_line(entry.path / ENTRY_FILE, "related"),
                        f"related entry {other!r} does not exist: fix the id (see `taxbot faq list`) "
                        "or remove it",
                    )
                )
