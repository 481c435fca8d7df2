"""The "who can help" list at the end of replies that send people to a person.

Replies with no answer, answers whose entry has ``escalate``, and the emergency
answer end with a few contacts from ``faq/contacts.toml``, chosen for the
reply's topic, the person's language, the time and any town they named. Each
contact is one line, "Name: phone" (or its web address), with "24/7", "open
now" or "closed now" when its hours are known; every word around the names
comes from ``locales/<lang>/bot.ftl``.

On SMS the list joins the reply's last message when the whole still fits the
segment budget, and is a message of its own otherwise; it keeps only as many
contacts as fit one message, always keeping the one that answers day and night
or nationwide. The emergency answer's SMS gets no list: its own text already
leads with the hotline, the detainee locator and the court line, and it must
arrive whole within its own budget (``[sms] urgent_max_segments_gsm`` and
``urgent_max_segments_ucs2``). Chat channels get the list after it.

Owns: rendering and placing the list, and measuring it for ``taxbot faq check``
on the same code path people get.
Must not: choose contacts (:func:`bot.contacts.choose` does) or keep the town.
"""

from __future__ import annotations

import datetime as dt
import weakref
from itertools import combinations
from pathlib import Path

from bot.answers import Style, first_answer, for_sms, style_for
from bot.contacts import Contact, Place, candidates, choose, topics_for
from bot.content import Content
from bot.errors import Problem
from bot.faq import Entry
from bot.l10n import Catalog, Strings
from bot.sms import Encoded

CONTACTS_PER_REPLY = 3
REMEMBERED = 4096  # replies with their lists, per minute (entries x languages x channels x towns)
Line = tuple[Contact, str]  # a contact and its rendered line


def refer(
    content: Content,
    parts: tuple[str, ...],
    entry: Entry | None,
    lang: str,
    style: Style,
    *,
    now: dt.datetime,
    place: Place | None = None,
    topics: tuple[str, ...] | None = None,
) -> tuple[str, ...]:
    """``parts`` followed by the contacts for ``entry`` (None: the bot had no answer).

    ``topics`` replaces the entry's help topics: a redirect names its own, and
    only those (no line that answers at night: nobody is in danger).
    """
    if not _carries_list(entry, style):
        return parts
    directory = content.contacts
    urgent = bool(entry and entry.urgent)
    wanted = topics if topics is not None else topics_for(directory, entry)
    chosen = choose(
        directory,
        wanted,
        lang,
        now,
        place,
        CONTACTS_PER_REPLY,
        urgent=urgent,
        around_the_clock=topics is None,
    )
    lines = [(c, _render_line(content, c, lang, _status(c, now))) for c in chosen]
    return _attach(content, parts, lines, lang, style)


def danger_line(content: Content, lang: str, *, now: dt.datetime) -> str | None:
    """One line with the first emergency contact, for replies that talk of danger but are not urgent.

    The contact is the one the emergency answer would name first (its entry's topics).
    """
    chosen = _danger_contacts(content, lang, now)[:1]
    if not chosen:
        return None
    line = _render_line(content, chosen[0], lang, _status(chosen[0], now))
    return content.strings.get(lang, "danger-line", {"line": line})


def _danger_contacts(content: Content, lang: str, now: dt.datetime) -> tuple[Contact, ...]:
    urgent = next((e for e in content.faq.entries.values() if e.urgent), None)
    directory = content.contacts
    return choose(directory, topics_for(directory, urgent), lang, now, None, CONTACTS_PER_REPLY, urgent=True)


class Referrals:
    """:func:`refer` and :func:`danger_line` for one content version, remembered for the current minute.

    Both depend on the time only through which contacts are open, and that is
    read to the minute (hours are written in whole minutes, and time zones are
    whole minutes off UTC). The same few replies end most messages; choosing,
    ranking and measuring their lists again cost more than matching a message.
    """

    def __init__(self, content: Content) -> None:
        self.content = content
        self._minute: dt.datetime | None = None
        self._lists: dict[tuple[object, ...], tuple[str, ...]] = {}
        self._danger_lines: dict[str, str | None] = {}

    def refer(
        self,
        parts: tuple[str, ...],
        entry: Entry | None,
        lang: str,
        style: Style,
        *,
        now: dt.datetime,
        place: Place | None = None,
        topics: tuple[str, ...] | None = None,
    ) -> tuple[str, ...]:
        """:func:`refer`, remembered."""
        self._this_minute(now)
        key = (parts, entry.id if entry else None, lang, style, place, topics)
        found = self._lists.get(key)
        if found is None:
            found = refer(self.content, parts, entry, lang, style, now=now, place=place, topics=topics)
            self._lists[key] = found
        return found

    def danger_line(self, lang: str, *, now: dt.datetime) -> str | None:
        """:func:`danger_line`, remembered."""
        self._this_minute(now)
        if lang not in self._danger_lines:
            self._danger_lines[lang] = danger_line(self.content, lang, now=now)
        return self._danger_lines[lang]

    def _this_minute(self, now: dt.datetime) -> None:
        """A new minute (or a full memory) starts afresh."""
        minute = now.replace(second=0, microsecond=0)
        if minute != self._minute or len(self._lists) >= REMEMBERED:
            self._minute = minute
            self._lists.clear()
            self._danger_lines.clear()


def danger_line_problems(content: Content, limit: int) -> list[Problem]:
    """The emergency line, with any contact it could name, must fit ``limit`` segments in every language."""
    problems = []
    for lang in content.languages:
        catalog = content.catalogs[lang]
        for contact in _danger_contacts(content, lang, dt.datetime.now(dt.UTC)):
            text = content.strings.get(lang, "danger-line", {"line": _longest_line(content, contact, lang)})
            encoded = for_sms(content, lang, text)
            if encoded.segments > limit:
                problems.append(
                    Problem(
                        catalog.path,
                        _line_of(catalog, "danger-line"),
                        f"danger-line with {contact.name} is {encoded.segments} SMS segments "
                        f"({encoded.encoding}); the limit is {limit}: shorten it",
                    )
                )
    return problems


def _carries_list(entry: Entry | None, style: Style) -> bool:
    """Everything that sends people to help carries the list, except the emergency SMS (see above)."""
    return not (entry is not None and entry.urgent and style.paged)


def _render_line(content: Content, contact: Contact, lang: str, status: str | None) -> str:
    """ "Name: phone" with the status string ``status`` (a message id) when there is one.

    Each line is formatted once per set of strings (a content version): the same
    few contacts end many replies, and Fluent formatting cost more than choosing them.
    """
    lines = _LINES.setdefault(content.strings, {})
    key = (lang, contact.name, contact.reach, status)
    line = lines.get(key)
    if line is None:
        args: dict[str, str | int | float] = {"name": contact.name, "reach": contact.reach}
        if status is None:
            line = content.strings.get(lang, "contact-line", args)
        else:
            hours = content.strings.get(lang, status)
            line = content.strings.get(lang, "contact-line-hours", {**args, "hours": hours})
        lines[key] = line
    return line


# Rendered contact lines per Strings object (dropped with it): contacts x languages x 4 statuses at most.
_LINES: weakref.WeakKeyDictionary[Strings, dict[tuple[str, str, str, str | None], str]] = (
    weakref.WeakKeyDictionary()
)


def _status(contact: Contact, now: dt.datetime) -> str | None:
    if contact.hours is None:
        return None
    if contact.hours.always:
        return "contact-always"
    return "contact-open" if contact.hours.is_open(now) else "contact-closed"


def _attach(
    content: Content, parts: tuple[str, ...], lines: list[Line], lang: str, style: Style
) -> tuple[str, ...]:
    """Add the list to ``parts``: joined to the last part, or on SMS as its own message if it must be."""
    if not lines:
        return parts
    intro = content.strings.get(lang, "contacts-intro")
    if not style.paged:
        block = "\n".join([intro, *(text for _, text in lines)])
        return (*parts[:-1], f"{parts[-1]}\n\n{block}") if parts else (block,)
    limit = content.config.sms.max_segments
    lines = _fitting(content, lang, intro, lines, limit)
    block = "\n".join([intro, *(text for _, text in lines)])
    if parts:
        joined = f"{parts[-1]}\n{block}"
        if for_sms(content, lang, joined).segments <= limit:
            return (*parts[:-1], joined)
    return (*parts, block)


def _fitting(content: Content, lang: str, intro: str, lines: list[Line], limit: int) -> list[Line]:
    """Drop contacts from the end until the list fits one SMS; keep the one that always answers."""
    lines = list(lines)
    while len(lines) > 1 and _measure(content, lang, [intro, *(t for _, t in lines)]).segments > limit:
        always = [i for i, (c, _) in enumerate(lines) if c.around_the_clock]
        drop = next(i for i in reversed(range(len(lines))) if always != [i])
        del lines[drop]
    return lines


def _measure(content: Content, lang: str, lines: list[str]) -> Encoded:
    return for_sms(content, lang, "\n".join(lines))


# Checking ------------------------------------------------------------------------------


def sms_problems(content: Content) -> list[Problem]:
    """Every SMS that carries a contacts list, measured for every list the bot could choose.

    The lists are all combinations of up to :data:`CONTACTS_PER_REPLY` contacts
    that could be chosen for the reply's topics, each line with its longest
    status, put in place by :func:`_attach` exactly as for people. The emergency
    SMS carries no list; :mod:`bot.check` measures it as it is.
    """
    problems: list[Problem] = []
    limit = content.config.sms.max_segments
    for lang in content.languages:
        for path, line, base, topics, guarantee in _sms_cases(content, lang):
            worst = _worst(
                content, lang, base, candidates(content.contacts, topics, around_the_clock=guarantee)
            )
            if worst is not None and worst.segments > limit:
                problems.append(
                    Problem(
                        path,
                        line,
                        f"with its contacts list this reply can send an SMS of {worst.segments} segments "
                        f"({worst.encoding}, {worst.units} characters); the limit is {limit}: shorten "
                        "the contact names or the contacts strings",
                    )
                )
    return problems


# Where a reply is written, its text before the list, its topics, and whether a 24/7 line is added.
Case = tuple[Path, int, tuple[str, ...], tuple[str, ...], bool]


def _sms_cases(content: Content, lang: str) -> list[Case]:
    """Each SMS reply that carries a list: where it is written, its text before the list, its topics."""
    catalog = content.catalogs[lang]
    service = {"service": content.config.service.name}
    no_answer = topics_for(content.contacts, None)
    cases: list[Case] = [
        (
            catalog.path,
            _line_of(catalog, "fallback"),
            (content.strings.get(lang, "fallback"),),
            no_answer,
            True,
        ),
        (
            catalog.path,
            _line_of(catalog, "sms-help"),
            (content.strings.get(lang, "sms-help", service),),
            no_answer,
            True,
        ),
    ]
    style = style_for("sms")
    for entry in content.faq.entries.values():
        text = entry.texts.get(lang)
        if entry.escalate and text is not None and _carries_list(entry, style):
            answer = (first_answer(content, entry, lang, style)[0],)
            cases.append((text.path, text.line_of("sms"), answer, topics_for(content.contacts, entry), True))
    for redirect in content.faq.redirects.values():
        text = redirect.texts.get(lang)
        topics = content.contacts.answers.get(redirect.kind)
        if text is not None and topics:
            cases.append((text.path, text.line_of("reply"), (text.reply,), topics, False))
    return cases


def _line_of(catalog: Catalog, msg_id: str) -> int:
    return catalog.messages[msg_id][0] if msg_id in catalog.messages else 1


def _worst(content: Content, lang: str, base: tuple[str, ...], pool: list[Contact]) -> Encoded | None:
    """The longest SMS the list adds or changes, over every list from ``pool`` attached to ``base``."""
    style = style_for("sms")
    worst: Encoded | None = None
    for size in range(1, min(CONTACTS_PER_REPLY, len(pool)) + 1):
        for combo in combinations(pool, size):
            lines = [(c, _longest_line(content, c, lang)) for c in combo]
            for part in _attach(content, base, lines, lang, style):
                if part in base:
                    continue  # unchanged, measured by the answer's own check
                encoded = for_sms(content, lang, part)
                if worst is None or encoded.segments > worst.segments:
                    worst = encoded
    return worst


def _longest_line(content: Content, contact: Contact, lang: str) -> str:
    if contact.hours is None:
        statuses: list[str | None] = [None]
    elif contact.hours.always:
        statuses = ["contact-always"]
    else:
        statuses = ["contact-open", "contact-closed"]
    rendered = [_render_line(content, contact, lang, s) for s in statuses]
    return max(rendered, key=lambda text: for_sms(content, lang, text).units)
