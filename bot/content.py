"""One consistent snapshot of everything the bot says: FAQ, contacts, UI strings, language files.

The conversation only ever reads a :class:`Content` built here, so a later
reload can swap one snapshot for another without a request seeing half of each.
Owns: loading every content file named by the config and running every check
that decides whether the snapshot is safe to serve.
Must not: read anything outside the folders ``bot.toml`` names.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from bot.config import Config
from bot.contacts import CONTACTS_FILE, Directory, load_contacts
from bot.errors import Problem
from bot.faq import Faq, load_faq
from bot.l10n import FTL_FILE, Catalog, Strings, compare_catalogs, parse_catalog
from bot.lexicon import LANGUAGE_FILE, Lexicon, load_lexicon
from bot.urgency_model import MODEL_FILE, UrgencyModel


@dataclass(frozen=True)
class Content:
    """Everything the conversation needs to answer, checked and frozen."""

    config: Config
    faq: Faq
    strings: Strings
    lexicons: Mapping[str, Lexicon]
    catalogs: Mapping[str, Catalog]
    version: str
    contacts: Directory
    # The learned urgency net (locales/urgency-model.npz); None without the file: the rules alone decide.
    urgency_model: UrgencyModel | None = None

    @property
    def languages(self) -> tuple[str, ...]:
        return self.config.content.languages


def read_content(config: Config, faq_dir: Path | None = None) -> tuple[Content | None, list[Problem]]:
    """Load every content file and report each file's own problems.

    The snapshot holds what parsed (a broken entry is left out), so the checks
    that build on it can still name every other problem in the same run; it is
    None only when a language's own files are unreadable. Whether the snapshot
    is fit to serve is :func:`bot.check.check` 's call: any error, and it is not.
    """
    problems: list[Problem] = []
    cfg = config.content
    lexicons: dict[str, Lexicon] = {}
    catalogs: dict[str, Catalog] = {}
    for lang in cfg.languages:
        folder = cfg.locales_dir / lang
        lexicon = load_lexicon(lang, folder / LANGUAGE_FILE, problems)
        catalog = parse_catalog(lang, folder / FTL_FILE, problems)
        if lexicon:
            lexicons[lang] = lexicon
        if catalog:
            catalogs[lang] = catalog
    source = catalogs.get(cfg.source_language)
    if source:
        for lang, catalog in catalogs.items():
            if lang != cfg.source_language:
                compare_catalogs(source, catalog, problems)
    faq, faq_problems = load_faq(faq_dir or cfg.faq_dir)
    problems.extend(faq_problems)
    contacts, contact_problems = load_contacts((faq_dir or cfg.faq_dir) / CONTACTS_FILE)
    problems.extend(contact_problems)
    whole = len(lexicons) == len(catalogs) == len(cfg.languages)
    if not whole or not source or contacts is None:
        return None, problems
    content = Content(
        config=config,
        faq=faq,
        strings=Strings(catalogs, fallback=cfg.source_language),
        lexicons=lexicons,
        catalogs=catalogs,
        version=_version(config, faq_dir or cfg.faq_dir),
        contacts=contacts,
        urgency_model=_urgency_model(cfg.locales_dir / MODEL_FILE, problems),
    )
    return content, problems


def _urgency_model(path: Path, problems: list[Problem]) -> UrgencyModel | None:
    """The learned urgency net, or None (a warning: emergencies then rest on the word rules alone)."""
    if not path.is_file():
        problems.append(Problem(path, 0, "missing: run make urgency-model", "warning", "urgency-model"))
        return None
    try:
        return UrgencyModel.load(path)
    except (OSError, ValueError, KeyError) as error:
        problems.append(Problem(path, 0, f"unreadable urgency model ({error}): run make urgency-model"))
        return None


def _version(config: Config, faq_dir: Path) -> str:
    """A short fingerprint of every content file and bot.toml, shown by /healthz and in logs."""
    digest = hashlib.sha256()
    if config.path.is_file():
        digest.update(config.path.read_bytes())
    for root in (faq_dir, config.content.locales_dir):
        for path in sorted(root.rglob("*")):
            if path.is_file() and not path.name.startswith("."):
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]
