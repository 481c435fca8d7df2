"""What each language's ``locales/<lang>/language.toml`` tells the bot.

A language is files only: its name in its own script, the words that pick it,
its command words (MORE, MENU, HELP, forget me...), SMS shorthand, synonyms,
the words that signal an emergency, the words of taxes and of immigration
(a message with both is about this FAQ), the words of ads, everyday words that help recognise
it, and ways of saying where one lives ("moro em", said with a town).
Owns: reading and checking that file.
Must not: hold any language's words in code.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.errors import Problem, toml_line
from bot.text import fold

LANGUAGE_FILE = "language.toml"
COMMANDS = (
    "more",
    "menu",
    "help",
    "language",
    "privacy",
    "forget",
    "thanks",
    "greeting",
    "stop",
    "start",
    "yes",
)
URGENT_KINDS = (
    "alone",
    "enforcer",
    "nearby",
    "detention",
    "court",
    "person",
    "hypothetical",
    "topic",
    "news",
    "settled",
    "now",
    "calm",
    "turn",
    "plea",
    "instant",
    "spot",
)
# Words of the two worlds this FAQ joins: a message with words of both is about it (see bot.decision).
SCOPE_KINDS = ("tax", "immigration")
# Words of ads: what they promise and how they ask to be answered (an offer with a way to take it up
# is an ad, whatever else it names; see Conversation._faq).
AD_KINDS = ("offer", "reply")


@dataclass(frozen=True)
class Lexicon:
    """One language's words, already folded (lower case, no accents) for matching."""

    lang: str
    name: str
    plain_sms_letters: bool
    names: frozenset[str]
    commands: Mapping[str, frozenset[str]]
    abbreviations: Mapping[str, str]
    synonyms: Mapping[str, str]
    urgent: Mapping[str, tuple[str, ...]]
    words: frozenset[str]
    place_phrases: frozenset[str] = frozenset()  # "i live in": with a town, a whole message
    path: Path = field(default=Path())
    name_intros: tuple[str, ...] = ()  # "my name is": what follows is cut from kept gap questions
    scope: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # SCOPE_KINDS → words
    ads: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # AD_KINDS → words

    def command(self, folded_message: str) -> str | None:
        """The command this whole message is, if any ("mas" → "more")."""
        for name, phrases in self.commands.items():
            if folded_message in phrases:
                return name
        return None


def load_lexicon(lang: str, path: Path, problems: list[Problem]) -> Lexicon | None:
    """Read one ``language.toml``; report problems as ``path:line``."""
    try:
        text = path.read_text(encoding="utf-8")
        raw = tomllib.loads(text)
    except FileNotFoundError:
        problems.append(
            Problem(
                path,
                1,
                f"missing {LANGUAGE_FILE} for language {lang!r}: copy locales/en/{LANGUAGE_FILE} here "
                "and translate it",
            )
        )
        return None
    except tomllib.TOMLDecodeError as exc:
        problems.append(
            Problem(
                path,
                toml_line(exc, text),
                f"not valid TOML: {exc}; look for a missing quote, bracket or comma here or just above",
            )
        )
        return None
    before = len(problems)
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        problems.append(Problem(path, 1, 'add name = "..." (the language\'s name in its own words)'))
    lexicon = Lexicon(
        lang=lang,
        name=str(name),
        plain_sms_letters=bool(raw.get("plain_sms_letters", False)),
        # The language's own name always chooses it (the web page's picker sends it).
        names=frozenset([*_folded_list(path, raw, "names", problems), fold(str(name))]),
        commands={
            c: frozenset(_folded_list(path, raw.get("commands", {}), c, problems, f"[commands] {c}"))
            for c in COMMANDS
        },
        abbreviations=_abbreviations(path, raw.get("abbreviations", {}), problems),
        synonyms=_synonyms(path, raw.get("synonyms", {}), problems),
        urgent={
            k: tuple(_folded_list(path, raw.get("urgent", {}), k, problems, f"[urgent] {k}"))
            for k in URGENT_KINDS
        },
        words=frozenset(_folded_list(path, raw.get("detect", {}), "words", problems, "[detect] words")),
        place_phrases=frozenset(
            _folded_list(path, raw.get("places", {}), "phrases", problems, "[places] phrases")
        ),
        path=path,
        name_intros=tuple(
            _folded_list(path, raw.get("privacy", {}), "name_intros", problems, "[privacy] name_intros")
        ),
        scope={
            k: tuple(_folded_list(path, raw.get("scope", {}), k, problems, f"[scope] {k}"))
            for k in SCOPE_KINDS
        },
        ads={k: tuple(_folded_list(path, raw.get("ads", {}), k, problems, f"[ads] {k}")) for k in AD_KINDS},
    )
    if not lexicon.names:
        problems.append(
            Problem(
                path, 1, 'names must list the words that choose this language, like ["espanol", "spanish"]'
            )
        )
    if not lexicon.urgent["alone"]:
        problems.append(
            Problem(
                path,
                1,
                "[urgent] alone must list at least one emergency phrase (see locales/en/language.toml)",
            )
        )
    return lexicon if len(problems) == before else None


def _folded_list(
    path: Path, table: Any, key: str, problems: list[Problem], label: str | None = None
) -> list[str]:
    value = table.get(key, []) if isinstance(table, dict) else []
    if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
        problems.append(Problem(path, _line_of(path, key), f"{label or key} must be a list of words"))
        return []
    return [f for f in (_fold_phrase(x) for x in value) if f]


def _fold_phrase(phrase: str) -> str:
    """Fold like messages are folded, keeping a trailing ``*`` wildcard."""
    stem = fold(phrase.rstrip("*").strip())
    return stem + "*" if stem and phrase.rstrip().endswith("*") else stem


def _abbreviations(path: Path, table: Any, problems: list[Problem]) -> dict[str, str]:
    out: dict[str, str] = {}
    for short, full in table.items() if isinstance(table, dict) else ():
        if not isinstance(full, str):
            problems.append(Problem(path, _line_of(path, short), f"[abbreviations] {short} needs text"))
            continue
        out[fold(short)] = fold(full)
    return out


def _synonyms(path: Path, table: Any, problems: list[Problem]) -> dict[str, str]:
    """Invert ``canonical = [variants]`` into variant → canonical."""
    out: dict[str, str] = {}
    for canonical, variants in table.items() if isinstance(table, dict) else ():
        if not isinstance(variants, list) or not all(isinstance(v, str) for v in variants):
            problems.append(
                Problem(path, _line_of(path, canonical), f"[synonyms] {canonical} must be a list")
            )
            continue
        for variant in variants:
            out[fold(variant)] = fold(canonical)
    return out


def _line_of(path: Path, key: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith((f"{key} ", f"{key}=", f'"{key}"')):
            return number
    return 1
