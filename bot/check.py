"""``taxbot faq check``: is this content safe to put in front of people?

Beyond what each file's own parser catches, this checks that the files agree:
every entry in every configured language, every topic group named and listed,
every UI string the conversation uses present, and every SMS reply within the
segment budget (measured on the exact text people would receive), and the
emergency answer's first SMS within its own budget and carrying the numbers
every family in danger needs. It also warns about what needs a person's
attention: translations made from an older source answer (stale), translations
not yet reviewed by a native speaker, entries not reviewed for longer than
``[review] reviewed_days``, English answers above the reading grade, and
contacts nobody has verified by a call. Every warning names its kind, so staff
see counts by kind and a new kind of problem stands out.
Owns: those cross-file rules, the problem lines they print and the kinds of warnings.
Must not: change content; it only reports.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path

from bot import referral
from bot.answers import first_answer, for_sms, more_parts, style_for
from bot.built import cached
from bot.config import Config
from bot.contacts import Directory, check_contacts
from bot.content import Content, read_content
from bot.conversation import SMS_MESSAGES, UI_MESSAGES
from bot.errors import ContentError, Problem
from bot.faq import ENTRY_FILE, Translation, key_line
from bot.sms import Encoded

DANGER_LINE_SEGMENTS = 2  # the emergency line put before replies that mention danger

EMERGENCY_MUST_SAY = ("617-370-5023", "1-800-898-7180", "locator.ice.gov")
"""What the emergency answer's first SMS carries in every language, written exactly so.

The LUCE rapid-response line, the immigration court line (EOIR) and the ICE
detainee locator (docs/facts.md, faq/contacts.toml; issue 12). If one changes
in faq/contacts.toml after a call, the check says so until it changes here too.
"""

SMS_GRADE = 7
"""Highest Flesch-Kincaid grade of an English ``## SMS`` answer (plain words: about grade 6)."""
FULL_GRADE = 8
"""Highest Flesch-Kincaid grade of an English ``## Full`` answer."""
GRADED_LANGUAGE = "en"  # textstat's Flesch-Kincaid formula and syllable counts are for English

# Left out before grading: a link, an email address or a phone number is read, not parsed as words.
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_LINK = re.compile(r"\b(?:https?://|www\.)\S*[^\s.,;:!?)\]]")  # https://www.irs.gov/..., www.gbls.org
_DOMAIN = re.compile(r"\b(?:[A-Za-z0-9-]+\.)+[a-z]{2,}\b(?:/\S*[^\s.,;:!?)\]])?")  # locator.ice.gov/odls
_PHONE = re.compile(r"(?<![\w-])(?:\+?1[-. ]?)?(?:\(\d{3}\) ?|\d{3}[-. ])\d{3}[-. ]\d{4}(?![\w-])")

# Warnings that also fail `taxbot faq check --strict`, the check before publishing: what people
# would read wrong or hard to read. "Needs review by a native speaker" and contacts not yet
# called stay warnings: they are true of most files for months and would block every fix.
STRICT_KINDS = frozenset(
    {
        "reading-grade",
        "stale",
        "unstamped",
        "marked-source",
        "contact-source-date",
        "contact-future",
        "contact-unreachable-named",
    }
)

# Every kind of warning, most urgent first: what one line of the summary says, and what it counts.
WARNING_KINDS: dict[str, tuple[str, str, str]] = {
    "urgency-model": ("no learned urgency net: emergencies rest on the word lists alone", "file", "files"),
    "emergency-unverified": ("emergency lines not verified by a call", "contact", "contacts"),
    "reading-grade": (
        f"English answers above the reading grade (SMS {SMS_GRADE}, full {FULL_GRADE})",
        "section",
        "sections",
    ),
    "stale": ("stale: the source answer changed after the translation", "file", "files"),
    "unstamped": ("no record of which source answer the translation follows", "file", "files"),
    "marked-source": ("translations marked 'translation: source'", "file", "files"),
    "review-age": ("entries not reviewed within [review] reviewed_days", "entry", "entries"),
    "contact-source-date": ("contacts whose verified date is a source's date", "contact", "contacts"),
    "contact-future": ("contacts verified in the future", "contact", "contacts"),
    "contact-old": ("contacts not verified within [review] contact_days", "contact", "contacts"),
    "contact-unreachable-named": ("answers that name a contact with no phone or web", "file", "files"),
    "contact-unreachable": ("contacts with no phone or web address (never named)", "contact", "contacts"),
    "contact-unsure": ("contacts with details marked unverified", "contact", "contacts"),
    "contact-unverified": ("contacts never verified", "contact", "contacts"),
    "unused-language": ("files in a language bot.toml does not list", "file", "files"),
    "empty-group": ("groups with no entries", "group", "groups"),
    "language-name": ("languages named like another", "language", "languages"),
    "needs-review": ("needs review by a native speaker", "file", "files"),
}
OTHER = ("other warnings", "warning", "warnings")  # a problem whose rule named no kind


def check(
    config: Config,
    faq_dir: Path | None = None,
    today: dt.date | None = None,
    *,
    strict: bool = False,
    warnings: bool = True,
) -> tuple[Content | None, list[Problem]]:
    """Read all content and run every check; the snapshot is None if anything is an error.

    ``today`` (default: the real date) decides which reviews and contacts are due.
    ``strict`` is the check before a release: an emergency contact nobody has
    verified by a call is an error. ``warnings=False`` leaves out the rules that
    can only warn (reading grades, translations, language names, review ages):
    serving and reloading need only the verdict, and grading loads a 70 MB
    pronouncing dictionary and takes half a second.
    """
    content, problems = read_content(config, faq_dir)
    if content is None:
        return None, problems
    problems.extend(_rules(content, today or dt.date.today(), strict, warnings))
    if any(p.level == "error" for p in problems):
        return None, problems
    return content, problems


def serving_check(config: Config, cache: Path | None = None) -> tuple[Content | None, list[Problem]]:
    """:func:`check` without the rules that only warn, for serving and reloading.

    ``cache``: where each verdict is kept (:mod:`bot.built`), so content that
    passed today with this code and this bot.toml is read again but not checked
    again: a restart or a reload back to it saves half a second.
    """
    content, problems = read_content(config)
    if content is None:
        return None, problems
    today = dt.date.today()
    key = (content.version, str(config.path.resolve()), today.isoformat())
    problems.extend(cached(cache, "verdict", key, lambda: _errors(_rules(content, today, False, False))))
    if any(p.level == "error" for p in problems):
        return None, problems
    return content, problems


def _errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.level == "error"]


def _rules(content: Content, today: dt.date, strict: bool, warnings: bool) -> list[Problem]:
    """Every rule that spans files, on content that was read."""
    problems = _completeness(content)
    problems.extend(_groups(content))
    problems.extend(_ui_messages(content))
    problems.extend(_sms_budget(content))
    problems.extend(_emergency_sms(content))
    problems.extend(_must_say_in_contacts(content.contacts))
    if warnings:
        problems.extend(_reading_grades(content))
        problems.extend(_translations(content))
        problems.extend(_language_names(content))
        problems.extend(_review_age(content, today))
    problems.extend(
        check_contacts(
            content.contacts,
            content.faq,
            content.config.content.groups,
            today=today,
            max_age_days=content.config.review.contact_days,
            strict=strict,
        )
    )
    problems.extend(referral.sms_problems(content))
    problems.extend(referral.danger_line_problems(content, DANGER_LINE_SEGMENTS))
    return problems


def load_checked(config: Config, cache: Path | None = None) -> Content:
    """Content for serving; raises :class:`ContentError` listing every error.

    ``cache``: where verdicts are kept (:func:`serving_check`); None checks every time.
    """
    content, problems = serving_check(config, cache)
    if content is None:
        raise ContentError(_errors(problems))
    return content


def _translated(content: Content) -> list[tuple[str, Path, Mapping[str, Translation]]]:
    """Everything written in every language: each entry and each redirect, named, with its folder."""
    units = [(f"entry {e.id!r}", e.path, e.texts) for e in content.faq.entries.values()]
    units += [(f"redirect {r.kind!r}", r.path, r.texts) for r in content.faq.redirects.values()]
    return units


def _completeness(content: Content) -> list[Problem]:
    problems = []
    wanted = content.languages
    source = content.config.content.source_language
    for name, folder, texts in _translated(content):
        for lang in wanted:
            # A file that exists but did not parse is already reported at its own line.
            if lang not in texts and not (folder / f"{lang}.md").is_file():
                problems.append(
                    Problem(
                        folder / f"{lang}.md",
                        1,
                        f"missing: {name} has no {lang}.md; copy {source}.md to {lang}.md, "
                        "translate it "
                        "and mark it 'translation: needs-review'",
                    )
                )
        for lang, text in texts.items():
            if lang not in wanted:
                problems.append(
                    Problem(
                        text.path,
                        1,
                        f"language {lang!r} is not in bot.toml, so this file is not used: add it to "
                        "languages in bot.toml, or delete the file",
                        level="warning",
                        kind="unused-language",
                    )
                )
    return problems


def _groups(content: Content) -> list[Problem]:
    problems = []
    groups = content.config.content.groups
    for entry in content.faq.entries.values():
        if entry.group not in groups:
            problems.append(
                Problem(
                    entry.path / ENTRY_FILE,
                    1,
                    f"group {entry.group!r} is not one of {', '.join(groups)} (see bot.toml)",
                )
            )
    for group in groups:
        if not any(e.group == group for e in content.faq.entries.values()):
            problems.append(
                Problem(
                    content.config.path,
                    1,
                    f"group {group!r} has no entries: give an entry group = {group!r}, "
                    "or take it out of groups",
                    level="warning",
                    kind="empty-group",
                )
            )
    return problems


def _ui_messages(content: Content) -> list[Problem]:
    source = content.catalogs[content.config.content.source_language]
    needed = list(UI_MESSAGES) + [f"group-{g}" for g in content.config.content.groups]
    return [
        Problem(
            source.path,
            1,
            f"message {msg_id!r} is used by the bot but missing here: add a line {msg_id} = ...",
        )
        for msg_id in needed
        if msg_id not in source.messages
    ]


def _translations(content: Content) -> list[Problem]:
    """Stale and unreviewed translations: each one a person must look at, named with its fix."""
    problems = []
    source_lang = content.config.content.source_language
    for _, folder, texts in _translated(content):
        name = folder.name
        source = texts.get(source_lang)
        if source is None:
            continue
        for lang, text in texts.items():
            if lang == source_lang or lang not in content.languages:
                continue
            stamp = f"`taxbot faq stamp {name} {lang}`"
            if text.status == "source":
                problems.append(
                    Problem(
                        text.path,
                        text.line_of("translation"),
                        f"marked 'translation: source', but {source_lang}.md is the source: write "
                        "'translation: needs-review' until a native speaker has checked it",
                        level="warning",
                        kind="marked-source",
                    )
                )
            if not text.made_from:
                problems.append(
                    Problem(
                        text.path,
                        text.line_of("translation"),
                        f"no record of which {source_lang}.md answer this translation follows: compare it "
                        f"with {source_lang}.md, update it if needed, then run {stamp}",
                        level="warning",
                        kind="unstamped",
                    )
                )
            elif text.made_from != source.fingerprint:
                problems.append(
                    Problem(
                        text.path,
                        text.line_of("made-from"),
                        f"stale: {source_lang}.md changed after this translation was made; make this file "
                        f"say what {source_lang}.md says now, then run {stamp}",
                        level="warning",
                        kind="stale",
                    )
                )
            if text.status == "needs-review":
                problems.append(
                    Problem(
                        text.path,
                        text.line_of("translation"),
                        "needs review by a native speaker; once they have checked it, run "
                        f"`taxbot faq stamp {name} {lang} --reviewed`",
                        level="warning",
                        kind="needs-review",
                    )
                )
    return problems


def _language_names(content: Content) -> list[Problem]:
    """A language file copied from another and not yet renamed would show two "English" in the menu."""
    problems = []
    seen: dict[str, str] = {}
    for lang in content.languages:
        lexicon = content.lexicons[lang]
        if lexicon.name in seen:
            problems.append(
                Problem(
                    lexicon.path,
                    key_line(lexicon.path, "name"),
                    f"name {lexicon.name!r} is also the name of {seen[lexicon.name]!r}: write this "
                    "language's own name in its own words",
                    level="warning",
                    kind="language-name",
                )
            )
        seen.setdefault(lexicon.name, lang)
    return problems


def _review_age(content: Content, today: dt.date) -> list[Problem]:
    limit = content.config.review.reviewed_days
    problems = []
    for entry in content.faq.entries.values():
        age = (today - entry.reviewed).days
        if age > limit:
            meta = entry.path / ENTRY_FILE
            problems.append(
                Problem(
                    meta,
                    key_line(meta, "reviewed"),
                    f"last reviewed {entry.reviewed.isoformat()}, {age} days ago (limit {limit}): check "
                    f"the answer against current sources and courts, then set reviewed = {today.isoformat()}",
                    level="warning",
                    kind="review-age",
                )
            )
    return problems


def _sms_budget(content: Content) -> list[Problem]:
    """Every answer and every SMS-bound UI string must fit the configured segments.

    The emergency answer's first SMS has its own budget: see :func:`_emergency_sms`.
    """
    problems = []
    limit = content.config.sms.max_segments
    sms_style = style_for("sms")
    for entry in content.faq.entries.values():
        for lang in content.languages:
            text = entry.texts.get(lang)
            if text is None:
                continue
            message, _ = first_answer(content, entry, lang, sms_style)
            encoded = for_sms(content, lang, message)
            if encoded.segments > limit and not entry.urgent:
                problems.append(
                    Problem(text.path, text.line_of("sms"), _too_long("SMS answer", encoded, limit))
                )
            if text.full:
                for part in more_parts(content, entry, lang):
                    encoded = for_sms(content, lang, part)
                    if encoded.segments > limit:
                        problems.append(
                            Problem(
                                text.path,
                                text.line_of("full"),
                                _too_long("a sentence of the full answer", encoded, limit),
                            )
                        )
    for lang in content.languages:
        catalog = content.catalogs[lang]
        for msg_id in SMS_MESSAGES:
            if msg_id not in catalog.messages:
                continue
            args: dict[str, str | int | float] = {
                "days": content.config.privacy.session_days,
                "service": content.config.service.name,
            }
            encoded = for_sms(content, lang, content.strings.get(lang, msg_id, args))
            if encoded.segments > limit:
                problems.append(
                    Problem(catalog.path, catalog.messages[msg_id][0], _too_long(msg_id, encoded, limit))
                )
    return problems


def _too_long(what: str, encoded: Encoded, limit: int) -> str:
    return (
        f"{what} is {encoded.segments} SMS segments ({encoded.encoding}, {encoded.units} characters "
        f"with the date and MORE prompt); the limit is {limit}: shorten it"
    )


def _emergency_sms(content: Content) -> list[Problem]:
    """The emergency answer's first SMS, exactly as people get it, in every language.

    It fits ``[sms] urgent_max_segments_gsm`` or ``urgent_max_segments_ucs2``
    (whichever encoding it travels in), so every language has room for the same
    advice, and carries every one of :data:`EMERGENCY_MUST_SAY`.
    """
    problems = []
    budget = content.config.sms
    for entry in content.faq.entries.values():
        if not entry.urgent:
            continue
        for lang in content.languages:
            text = entry.texts.get(lang)
            if text is None:
                continue
            message, _ = first_answer(content, entry, lang, style_for("sms"))
            encoded = for_sms(content, lang, message)
            limit = budget.segments_for(encoded.encoding, urgent=True)
            line = text.line_of("sms")
            if encoded.segments > limit:
                rule = (
                    f"{budget.urgent_max_segments_gsm} in GSM-7, {budget.urgent_max_segments_ucs2} in UCS-2"
                )
                problems.append(
                    Problem(text.path, line, _too_long(f"the emergency SMS ({rule})", encoded, limit))
                )
            missing = [must for must in EMERGENCY_MUST_SAY if must.lower() not in encoded.text.lower()]
            if missing:
                problems.append(
                    Problem(
                        text.path,
                        line,
                        f"the emergency SMS must give {', '.join(missing)}, written exactly so, in "
                        f"every language (it gives {', '.join(EMERGENCY_MUST_SAY)}): add it to ## SMS",
                    )
                )
    return problems


def _must_say_in_contacts(directory: Directory) -> list[Problem]:
    """Each number the emergency SMS must give is still a contact's: a changed number changes both."""
    reaches = [c.phone for c in directory.contacts] + [c.web.lower() for c in directory.contacts]
    return [
        Problem(
            directory.path,
            1,
            f"the emergency SMS must give {must} (EMERGENCY_MUST_SAY in bot/check.py), but no contact "
            "here has it: if it changed after a call, ask an engineer to change it there and in "
            "every faq/ice-contact-urgent/*.md",
        )
        for must in EMERGENCY_MUST_SAY
        if not any(reach.startswith(must.lower()) for reach in reaches)
    ]


def _reading_grades(content: Content) -> list[Problem]:
    """English answers above :data:`SMS_GRADE` or :data:`FULL_GRADE` (Flesch-Kincaid).

    Only English: the formula and its syllable counts are made for English text.
    """
    if GRADED_LANGUAGE not in content.languages:
        return []
    problems = []
    for entry in content.faq.entries.values():
        text = entry.texts.get(GRADED_LANGUAGE)
        if text is None:
            continue
        for section, body, limit in (("sms", text.sms, SMS_GRADE), ("full", text.full, FULL_GRADE)):
            grade = reading_grade(body) if body else 0.0
            if grade > limit:
                what = "an SMS answer" if section == "sms" else "a full answer"
                problems.append(
                    Problem(
                        text.path,
                        text.line_of(section),
                        f"reading grade {grade:.1f} (Flesch-Kincaid, without links, emails and phone "
                        f"numbers); {what} should be at most grade {limit}: use shorter sentences "
                        "and everyday words",
                        level="warning",
                        kind="reading-grade",
                    )
                )
    return problems


def reading_grade(text: str) -> float:
    """The Flesch-Kincaid grade of English ``text``, without web addresses, emails and phone numbers."""
    import textstat  # loads its pronouncing dictionary (about a second), so only when grading

    for pattern in (_EMAIL, _LINK, _DOMAIN, _PHONE):
        text = pattern.sub("", text)
    return float(textstat.flesch_kincaid_grade(text))


def warning_summary(problems: Iterable[Problem], *, hint: bool = True) -> list[str]:
    """One line per kind of warning, with how many there are, most urgent kind first."""
    counts = Counter(p.kind for p in problems if p.level == "warning")
    lines = []
    for kind in sorted(counts, key=_kind_order):
        label, one, many = WARNING_KINDS.get(kind, OTHER if not kind else (kind, "warning", "warnings"))
        n = counts[kind]
        more = f" (run with --verbose to list {'it' if n == 1 else 'them'})" if hint else ""
        lines.append(f"warning: {label}: {n} {one if n == 1 else many}{more}")
    return lines


def by_kind(problem: Problem) -> tuple[int, str, str, int]:
    """Sort key: kinds in the order of :data:`WARNING_KINDS`, then file and line."""
    return (*_kind_order(problem.kind), str(problem.path), problem.line)


def _kind_order(kind: str) -> tuple[int, str]:
    order = list(WARNING_KINDS)
    if kind in WARNING_KINDS:
        return order.index(kind), kind
    return (len(order), kind) if kind else (len(order) + 1, "")
