"""The contacts directory staff keep in ``faq/contacts.toml``, and choosing from it.

The file lists the organisations the bot sends people to (phone, web, languages,
hours, region, when staff last checked them), the fixed list of help topics,
which topics each FAQ answer needs, and the towns people may name. This module
reads and checks it, and picks the few contacts one reply should carry: those
for the topic, in the person's language first, open ones before closed ones,
local ones when the person named a town, and always one that answers day and
night or nationwide.
Owns: the file format, its problems as ``path:line``, freshness warnings, the
choice of contacts and finding a town in a message.
Must not: hold any contact, topic or town in code, write text for people (that
is :mod:`bot.referral`), or keep the town a person named.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import babel

from bot.errors import Problem, toml_line
from bot.faq import ID_PATTERN, Entry, Faq
from bot.hours import Hours, ZoneError, parse_hours
from bot.text import fold, has_cjk, is_han, is_hangul, runs

CONTACTS_FILE = "contacts.toml"
NO_ANSWER = "_no-answer"  # [topics] key for replies where the bot has no answer
NATIONAL = "national"  # region of a contact that serves the whole country
TABLES = ("help-topics", "topics", "places", "contact")
FIELDS = (
    "name",
    "topics",
    "phone",
    "web",
    "languages",
    "interpreters",
    "hours",
    "timezone",
    "region",
    "emergency",
    "verified",
    "source",
    "unverified",
    "note",
)
CHECKABLE = ("topics", "phone", "web", "languages", "interpreters", "hours", "region", "emergency")
_LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
_KEY = re.compile(r"""^\s*(?:"([^"]*)"|'([^']*)'|([A-Za-z0-9_-]+))\s*=""")


@dataclass(frozen=True)
class Contact:
    """One organisation, exactly as far as its source says; empty means "not stated"."""

    name: str
    topics: tuple[str, ...]
    source: str
    line: int
    phone: str = ""
    web: str = ""
    languages: frozenset[str] = frozenset()
    interpreters: bool = False
    hours: Hours | None = None
    region: str = ""
    emergency: bool = False
    verified: dt.date | None = None
    unverified: tuple[str, ...] = ()
    note: str = ""
    lines: Mapping[str, int] = field(default_factory=dict)

    @property
    def reach(self) -> str:
        """How people reach it: the phone, else the web address, else nothing."""
        return self.phone or self.web

    @property
    def around_the_clock(self) -> bool:
        """Answers day and night, or serves the whole country: the one every list must have."""
        return self.region == NATIONAL or bool(self.hours and self.hours.always)

    def speaks(self, lang: str) -> bool | None:
        """True or False when the source says; None when it names no language."""
        if self.interpreters or lang in self.languages:
            return True
        return False if self.languages else None

    def line_of(self, key: str) -> int:
        return self.lines.get(key, self.line)


@dataclass(frozen=True)
class Place:
    """A town people may name, and the regions it lies in, most local first."""

    name: str
    regions: tuple[str, ...]


@dataclass(frozen=True)
class Directory:
    """Everything in ``contacts.toml``, checked."""

    path: Path
    contacts: tuple[Contact, ...]
    help_topics: Mapping[str, str]  # topic → what it means, for staff
    answers: Mapping[str, tuple[str, ...]]  # FAQ entry id, group or NO_ANSWER → topics
    places: Mapping[str, Place]  # folded name → place
    lines: Mapping[str, int] = field(default_factory=dict)  # [topics] key → line

    @cached_property
    def _longest_place(self) -> int:
        """Words in the longest town name: how far :func:`find_place` looks ahead."""
        return max((len(name.split()) for name in self.places), default=0)

    @cached_property
    def _place_starts(self) -> frozenset[str]:
        """First words of the town names: where :func:`find_place` starts reading a name."""
        return frozenset(name.split(" ")[0] for name in self.places)

    @cached_property
    def _unspaced_places(self) -> tuple[tuple[str, Place], ...]:
        """Chinese and Korean names, found anywhere in a message (those scripts need no spaces)."""
        return tuple((k, p) for k, p in self.places.items() if any(is_han(c) or is_hangul(c) for c in k))


def load_contacts(path: Path) -> tuple[Directory | None, list[Problem]]:
    """Read ``contacts.toml``; the directory is None when anything in it is an error."""
    problems: list[Problem] = []
    try:
        text = path.read_text(encoding="utf-8")
        raw = tomllib.loads(text)
    except FileNotFoundError:
        return None, [Problem(path, 1, f"missing {CONTACTS_FILE}: the bot needs it to send people to help")]
    except UnicodeDecodeError:
        return None, [Problem(path, 1, "file is not UTF-8 text; save it as UTF-8")]
    except tomllib.TOMLDecodeError as exc:
        return None, [
            Problem(
                path,
                toml_line(exc, text),
                f"not valid TOML: {exc}; look for a missing quote, bracket or comma here or just above",
            )
        ]
    tables, blocks = _layout(text)
    for name in raw.keys() - set(TABLES):
        problems.append(
            Problem(
                path,
                tables.get("", {}).get(name, 1),
                f"unknown table or setting {name!r}: check the spelling against the comments at the top",
            )
        )
    help_topics = _help_topics(path, raw.get("help-topics"), tables.get("help-topics", {}), problems)
    places = _places(path, raw.get("places"), tables.get("places", {}), problems)
    regions = {r for place in places.values() for r in place.regions} | {NATIONAL}
    answers = _answers(path, raw.get("topics"), tables.get("topics", {}), help_topics, problems)
    entries = raw.get("contact", [])
    if not isinstance(entries, list):
        entries = []
        problems.append(Problem(path, 1, "write each contact as a [[contact]] block"))
    contacts = []
    for number, item in enumerate(entries):
        lines = blocks[number] if number < len(blocks) else {}
        contact = _contact(path, item, lines, help_topics, regions, problems)
        if contact is not None:
            contacts.append(contact)
    if any(p.level == "error" for p in problems):
        return None, problems
    return Directory(path, tuple(contacts), help_topics, answers, places, tables.get("topics", {})), problems


def _layout(text: str) -> tuple[dict[str, dict[str, int]], list[dict[str, int]]]:
    """Line of every key: per plain table ("" before any table), and per [[contact]] block.

    A block's own line is stored under "", so a missing name can point at its header.
    """
    tables: dict[str, dict[str, int]] = {"": {}}
    blocks: list[dict[str, int]] = []
    current = tables[""]
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith("[["):
            current = {"": number}
            blocks.append(current)
        elif stripped.startswith("["):
            current = tables.setdefault(stripped.strip("[] "), {})
        else:
            m = _KEY.match(line)
            if m:
                current.setdefault(next(g for g in m.groups() if g is not None), number)
    return tables, blocks


def _help_topics(path: Path, raw: Any, lines: dict[str, int], problems: list[Problem]) -> dict[str, str]:
    if not isinstance(raw, dict) or not raw:
        problems.append(Problem(path, 1, "add a [help-topics] table: topic = what it means"))
        return {}
    topics: dict[str, str] = {}
    for name, meaning in raw.items():
        if not ID_PATTERN.match(name) or not isinstance(meaning, str) or not meaning.strip():
            problems.append(
                Problem(
                    path, lines.get(name, 1), f'write topics like ice-activity = "what it means" ({name!r})'
                )
            )
            continue
        topics[name] = meaning
    return topics


def _answers(
    path: Path, raw: Any, lines: dict[str, int], help_topics: Mapping[str, str], problems: list[Problem]
) -> dict[str, tuple[str, ...]]:
    if not isinstance(raw, dict):
        problems.append(Problem(path, 1, "add a [topics] table: FAQ entry or group = [help topics]"))
        return {}
    answers: dict[str, tuple[str, ...]] = {}
    for key, topics in raw.items():
        line = lines.get(key, 1)
        if _topic_list(path, line, topics, help_topics, problems, f"[topics] {key}"):
            answers[key] = tuple(topics)
    if NO_ANSWER not in answers and NO_ANSWER not in raw:
        problems.append(
            Problem(path, 1, f"[topics] needs {NO_ANSWER} = [...]: who helps when the bot cannot")
        )
    return answers


def _topic_list(
    path: Path, line: int, topics: Any, known: Mapping[str, str], problems: list[Problem], what: str
) -> bool:
    if not isinstance(topics, list) or not all(isinstance(t, str) for t in topics):
        problems.append(Problem(path, line, f"{what} must be a list of topics"))
        return False
    unknown = [t for t in topics if t not in known]
    for topic in unknown:
        problems.append(
            Problem(path, line, f"unknown topic {topic!r} in {what} (use one of: {', '.join(known)})")
        )
    return not unknown


def _places(path: Path, raw: Any, lines: dict[str, int], problems: list[Problem]) -> dict[str, Place]:
    places: dict[str, Place] = {}
    for name, regions in (raw or {}).items() if isinstance(raw, dict) else ():
        line = lines.get(name, 1)
        ok = isinstance(regions, list) and regions and all(isinstance(r, str) for r in regions)
        if not ok or not all(ID_PATTERN.match(r) for r in regions) or not fold(name):
            problems.append(
                Problem(path, line, 'write places like "New Bedford" = ["bristol-county", "massachusetts"]')
            )
            continue
        places[fold(name)] = Place(name, tuple(regions))
    return places


Report = Callable[[str, str], None]  # (setting, message): a problem on that setting's line


def _contact(
    path: Path,
    raw: Any,
    lines: dict[str, int],
    help_topics: Mapping[str, str],
    regions: set[str],
    problems: list[Problem],
) -> Contact | None:
    """One [[contact]] block; None (with every problem reported) when anything in it is wrong."""
    start = len(problems)
    header = lines.get("", 1)

    def bad(key: str, message: str) -> None:
        problems.append(Problem(path, lines.get(key, header), message))

    if not isinstance(raw, dict):
        bad("", "write each contact as a [[contact]] block")
        return None
    for key in raw.keys() - set(FIELDS):
        bad(key, f"unknown setting {key!r} (see the list at the top of this file)")
    text = _texts(raw, bad)
    name = text["name"] or "?"
    if not text["name"]:
        bad("", 'this contact has no name: add name = "..."')
    if not text["source"]:
        bad("", f'{name}: add source = "..." (where these details come from)')
    if "topics" not in raw:
        bad("", f"{name}: add topics = [...] (or [] to keep it on file without the bot offering it)")
    topics = raw.get("topics", [])
    _topic_list(path, lines.get("topics", header), topics, help_topics, problems, "topics")
    if text["region"] and text["region"] not in regions:
        bad("region", f"unknown region {text['region']!r}: use national or a region from [places]")
    languages = _languages(raw.get("languages", []), bad)
    flags = {k: raw.get(k, False) for k in ("interpreters", "emergency")}
    for key, value in flags.items():
        if not isinstance(value, bool):
            bad(key, f"{key} must be true or false")
    hours = _hours(raw, name, bad)
    verified = raw.get("verified")
    if verified is not None and (not isinstance(verified, dt.date) or isinstance(verified, dt.datetime)):
        bad("verified", "verified must be a date like 2026-11-22")
    unverified = raw.get("unverified", [])
    if not isinstance(unverified, list) or not all(x in CHECKABLE for x in unverified):
        bad("unverified", f"unverified lists settings still to confirm, from: {', '.join(CHECKABLE)}")
    if len(problems) > start:
        return None
    return Contact(
        name=name,
        topics=tuple(topics),
        source=text["source"],
        line=header,
        phone=text["phone"],
        web=text["web"],
        languages=languages,
        interpreters=flags["interpreters"],
        hours=hours,
        region=text["region"],
        emergency=flags["emergency"],
        verified=verified,
        unverified=tuple(unverified),
        note=text["note"],
        lines=lines,
    )


def _texts(raw: dict[str, Any], bad: Report) -> dict[str, str]:
    """The settings written as text, trimmed; "" when absent or not text (reported)."""
    found: dict[str, str] = {}
    for key in ("name", "phone", "web", "source", "note", "region"):
        value = raw.get(key, "")
        if not isinstance(value, str):
            bad(key, f"{key} must be text in quotes")
            value = ""
        found[key] = value.strip()
    return found


def _languages(value: Any, bad: Report) -> frozenset[str]:
    if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
        bad("languages", 'languages must be a list of codes like ["en", "es"]')
        return frozenset()
    for code in value:
        if not _known_language(code):
            bad("languages", f"unknown language code {code!r} (codes are like en, es, pt, ht, zh, vi, ko)")
    return frozenset(value)


def _hours(raw: dict[str, Any], name: str, bad: Report) -> Hours | None:
    if "hours" not in raw:
        return None
    try:
        return parse_hours(raw["hours"], raw.get("timezone"))
    except ZoneError as exc:
        bad("timezone" if "timezone" in raw else "hours", f"{name}: {exc}")
    except ValueError as exc:
        bad("hours", f"{name}: {exc}")
    return None


def _known_language(code: str) -> bool:
    if not _LANGUAGE_CODE.match(code):
        return False
    try:
        babel.Locale.parse(code.replace("-", "_"))
    except (babel.UnknownLocaleError, ValueError):
        return False
    return True


# Checking ---------------------------------------------------------------------------


def check_contacts(
    directory: Directory,
    faq: Faq,
    groups: Iterable[str],
    *,
    today: dt.date,
    max_age_days: int,
    strict: bool = False,
) -> list[Problem]:
    """What staff should fix or re-check: stale or unconfirmed details, and [topics] keys the FAQ lacks.

    ``today`` and ``max_age_days`` come from the caller, so the rule is
    configurable and tests do not depend on the calendar. With ``strict`` (the
    check before a release) an emergency line nobody has verified by a call is
    an error, not a warning.
    """
    problems: list[Problem] = []
    path = directory.path
    for contact in directory.contacts:
        problems.extend(_freshness(path, contact, today, max_age_days, strict))
        if contact.topics and not contact.reach:
            problems.append(
                Problem(
                    path,
                    contact.line,
                    f"{contact.name}: no phone or web address, so the bot never names it in a reply; add "
                    "one from a source, or do not send people to it",
                    level="warning",
                    kind="contact-unreachable",
                )
            )
    problems.extend(_unreachable_named(directory, faq))
    known = set(faq.entries) | set(groups) | set(faq.redirects) | {NO_ANSWER}
    for key in directory.answers:
        if key not in known:
            problems.append(
                Problem(
                    path,
                    directory.lines.get(key, 1),
                    f"[topics] {key!r} is not an FAQ entry, group or redirect (faq/_redirects/)",
                )
            )
    return problems


def _unreachable_named(directory: Directory, faq: Faq) -> list[Problem]:
    """Answers that send people to a contact by its name when the file gives no phone or web for it."""
    nowhere = [c for c in directory.contacts if not c.reach]
    problems = []
    for entry in faq.entries.values():
        for text in entry.texts.values():
            answer = f"{text.sms}\n{text.full}".casefold()
            for contact in nowhere:
                if contact.name.casefold() in answer:
                    problems.append(
                        Problem(
                            text.path,
                            text.line_of("sms" if contact.name.casefold() in text.sms.casefold() else "full"),
                            f"names {contact.name}, but faq/contacts.toml has no phone or web address for "
                            "it, so people cannot reach it from here: name help they can reach, or add "
                            "its phone or web address from a source",
                            level="warning",
                            kind="contact-unreachable-named",
                        )
                    )
    return problems


def called(contact: Contact) -> bool:
    """Someone on staff confirmed the details by a call: ``verified`` is set and is not a source's date.

    A date that also appears in ``source`` ("GBH News 2025-10-01") is when the
    source was written, which says nothing about whether the number still works.
    """
    return contact.verified is not None and contact.verified.isoformat() not in contact.source


def _freshness(
    path: Path, contact: Contact, today: dt.date, max_age_days: int, strict: bool
) -> list[Problem]:
    found = []
    name = contact.name
    call, done = _call(contact)
    then = f"then set verified = the date of that {done} (never a date from the source)"
    if contact.unverified:
        found.append(
            Problem(
                path,
                contact.line_of("unverified"),
                f"{name}: {', '.join(contact.unverified)} marked unverified (old, undated or unsure "
                f"source); {call}, confirm them, remove them from unverified and {then}",
                level="warning",
                kind="contact-unsure",
            )
        )
    verified = contact.verified
    confirm = f"{call}, confirm the details, hours and languages, {then}"
    if contact.emergency and not called(contact):
        why = "no verified date" if verified is None else f"verified = {verified} is its source's date"
        found.append(
            Problem(
                path,
                contact.line_of("verified"),
                f"{name}: emergency line not verified by a call ({why}); people in danger are sent "
                f"here: {confirm}",
                level="error" if strict else "warning",
                kind="emergency-unverified",
            )
        )
    elif verified is None:
        found.append(
            Problem(
                path,
                contact.line,
                f"{name}: never verified; {confirm}",
                level="warning",
                kind="contact-unverified",
            )
        )
    elif not called(contact):
        found.append(
            Problem(
                path,
                contact.line_of("verified"),
                f"{name}: verified = {verified} is the date of its source, not of a call; {confirm}",
                level="warning",
                kind="contact-source-date",
            )
        )
    elif verified > today:
        found.append(
            Problem(
                path,
                contact.line_of("verified"),
                f"{name}: verified is in the future; write the date of the call",
                level="warning",
                kind="contact-future",
            )
        )
    elif (today - verified).days > max_age_days:
        found.append(
            Problem(
                path,
                contact.line_of("verified"),
                f"{name}: last verified {verified.isoformat()}, more than {max_age_days} days ago; {confirm}",
                level="warning",
                kind="contact-old",
            )
        )
    return found


def _call(contact: Contact) -> tuple[str, str]:
    """What staff do to verify a contact, and what to call it: a call to its number, else a visit."""
    if contact.phone:
        return f"call {contact.phone}", "call"
    if contact.web:
        return f"open {contact.web} yourself (no phone on file)", "visit"
    return "find a source that gives its number and call it", "call"


# Choosing -------------------------------------------------------------------------------


def topics_for(directory: Directory, entry: Entry | None) -> tuple[str, ...]:
    """The help topics a reply needs: its entry's, else its group's, else the no-answer ones."""
    answers = directory.answers
    if entry is not None:
        for key in (entry.id, entry.group):
            if key in answers:
                return answers[key]
    return answers.get(NO_ANSWER, ())


def choose(
    directory: Directory,
    topics: str | Sequence[str],
    lang: str,
    now: dt.datetime,
    place: Place | None = None,
    limit: int = 3,
    *,
    urgent: bool = False,
    around_the_clock: bool = True,
) -> tuple[Contact, ...]:
    """At most ``limit`` contacts for ``topics``, best first, and (``around_the_clock``) always one
    that answers day and night or nationwide when the directory has one.

    Order: emergency lines first when ``urgent``; then those that speak ``lang``
    (then those whose languages are not stated); open now (or 24/7), then hours
    unknown, then closed; the most local to ``place``; the earlier topic; file order.
    Contacts that do not serve ``place`` and those with no phone or web are left out.
    """
    if now.tzinfo is None:
        raise ValueError("now must carry a time zone")
    wanted = (topics,) if isinstance(topics, str) else tuple(topics)
    usable = [c for c in directory.contacts if c.reach and c.topics and _serves(c, place)]

    def rank(contact: Contact) -> tuple[int, ...]:
        return _rank(contact, wanted, lang, now, place, urgent)

    ranked = sorted((c for c in usable if set(c.topics) & set(wanted)), key=rank)
    chosen = ranked[:limit]
    if around_the_clock and chosen and not any(c.around_the_clock for c in chosen):
        # Someone must answer tonight too: first from the topic, else any line that always answers.
        spare = [c for c in ranked[limit:] if c.around_the_clock] or sorted(
            (c for c in usable if c.around_the_clock), key=rank
        )
        if spare and len(chosen) < limit:
            chosen.append(spare[0])
        elif spare:
            chosen[-1] = spare[0]
    return tuple(chosen)


def candidates(
    directory: Directory, topics: Sequence[str], *, around_the_clock: bool = True
) -> list[Contact]:
    """Every contact :func:`choose` could return for ``topics``, wherever the person is and whenever.

    The topic's reachable contacts, plus every reachable one that always
    answers unless the topic has one that does so wherever the person is (the
    guarantee swaps those in).
    """
    usable = [c for c in directory.contacts if c.reach and c.topics]
    pool = [c for c in usable if set(c.topics) & set(topics)]
    if not around_the_clock or any(c.around_the_clock and _serves_anywhere(c) for c in pool):
        return pool
    return pool + [c for c in usable if c.around_the_clock and c not in pool]


def _serves(contact: Contact, place: Place | None) -> bool:
    return place is None or _serves_anywhere(contact) or contact.region in place.regions


def _serves_anywhere(contact: Contact) -> bool:
    """National, or region not stated: assume it serves; never drop help on a guess."""
    return not contact.region or contact.region == NATIONAL


def _rank(
    contact: Contact, topics: tuple[str, ...], lang: str, now: dt.datetime, place: Place | None, urgent: bool
) -> tuple[int, ...]:
    speaks = {True: 0, None: 1, False: 2}[contact.speaks(lang)]
    hours = contact.hours
    open_now = 1 if hours is None else 0 if hours.is_open(now) else 2
    local = 0
    if place is not None:
        local = place.regions.index(contact.region) if contact.region in place.regions else len(place.regions)
    topic = min((topics.index(t) for t in contact.topics if t in topics), default=len(topics))
    return (int(urgent and not contact.emergency), speaks, open_now, local, topic)


# Places ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mention:
    """A town found in a message, and the message without it (to see what else was asked)."""

    place: Place
    rest: str


def find_place(directory: Directory, folded: str) -> Mention | None:
    """The town a folded message names, if any; the longest name wins ("new bedford" over "bedford")."""
    found: list[tuple[int, Mention]] = []  # length of the name, mention
    if has_cjk(folded):  # the unspaced names are all Chinese or Korean
        for key, place in directory._unspaced_places:
            if key in folded:
                found.append((len(key), Mention(place, " ".join(runs(folded.replace(key, " ", 1))))))
    words = runs(folded)
    longest, starts = directory._longest_place, directory._place_starts
    for i in range(len(words)):
        if words[i] not in starts:
            continue
        for n in range(1, min(longest, len(words) - i) + 1):
            name = " ".join(words[i : i + n])
            town = directory.places.get(name)
            if town is not None:
                found.append((len(name), Mention(town, " ".join(words[:i] + words[i + n :]))))
    return max(found, key=lambda pair: pair[0])[1] if found else None
