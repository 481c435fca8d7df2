"""``taxbot faq check``: is this content safe to put in front of people?

Beyond what each file's own parser catches, this checks that the files agree:
every entry in every configured language, every topic group named and listed,
every UI string the conversation uses present, and every SMS reply within the
segment budget (measured on the exact text people would receive). It also
warns about what needs a person's attention: translations made from an older
source answer (stale), translations not yet reviewed by a native speaker, and
entries not reviewed for longer than ``[review] reviewed_days``.
Owns: those cross-file rules and the problem lines they print.
Must not: change content; it only reports.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path

from bot import referral
from bot.answers import first_answer, for_sms, more_parts, style_for
from bot.config import Config
from bot.contacts import check_contacts
from bot.content import Content, read_content
from bot.conversation import SMS_MESSAGES, UI_MESSAGES
from bot.errors import ContentError, Problem
from bot.faq import ENTRY_FILE, Translation, key_line
from bot.sms import Encoded

URGENT_SEGMENTS = 2  # the emergency answer's first SMS, contacts included


def check(
    config: Config, faq_dir: Path | None = None, today: dt.date | None = None
) -> tuple[Content | None, list[Problem]]:
    """Read all content and run every check; the snapshot is None if anything is an error.

    ``today`` (default: the real date) decides which reviews and contacts are due.
    """
    content, problems = read_content(config, faq_dir)
    if content is None:
        return None, problems
    today = today or dt.date.today()
    problems.extend(_completeness(content))
    problems.extend(_groups(content))
    problems.extend(_ui_messages(content))
    problems.extend(_sms_budget(content))
    problems.extend(_translations(content))
    problems.extend(_language_names(content))
    problems.extend(_review_age(content, today))
    problems.extend(
        check_contacts(
            content.contacts,
            content.faq,
            config.content.groups,
            today=today,
            max_age_days=config.review.contact_days,
        )
    )
    problems.extend(referral.sms_problems(content))
    problems.extend(referral.danger_line_problems(content, URGENT_SEGMENTS))
    if any(p.level == "error" for p in problems):
        return None, problems
    return content, problems


def load_checked(config: Config) -> Content:
    """Content for serving; raises :class:`ContentError` listing every error."""
    content, problems = check(config)
    if content is None:
        raise ContentError([p for p in problems if p.level == "error"])
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
                )
            )
    return problems


def _sms_budget(content: Content) -> list[Problem]:
    """Every answer and every SMS-bound UI string must fit the configured segments."""
    problems = []
    limit = content.config.sms.max_segments
    sms_style = style_for("sms")
    for entry in content.faq.entries.values():
        # Emergency numbers must arrive at once, in as few pieces as possible.
        first_limit = min(limit, URGENT_SEGMENTS) if entry.urgent else limit
        for lang in content.languages:
            text = entry.texts.get(lang)
            if text is None:
                continue
            message, _ = first_answer(content, entry, lang, sms_style)
            encoded = for_sms(content, lang, message)
            if encoded.segments > first_limit:
                problems.append(
                    Problem(text.path, text.line_of("sms"), _too_long("SMS answer", encoded, first_limit))
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
