"""Is someone in danger right now? (ICE at the door, a detention, a hearing.)

Missing an emergency is the worst mistake this bot can make, so urgent
messages are found before any FAQ matching, and the rules lean towards
"urgent". Each language's ``language.toml`` lists kinds of urgent words:

* ``alone``: phrases that alone mean danger now ("at the door", "lo detuvieron");
* ``enforcer``, ``nearby``, ``detention``, ``court``, ``person``: words that
  together mean danger ("ICE" + "outside", "detained" + "my husband");
* ``hypothetical``, ``topic`` and ``news``: words of a calm question ("if",
  "taxes", "an article said a judge blocked..."), which weigh against the
  combinations but never against an ``alone`` phrase.

Owns: those rules. Must not: know any language's words.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from bot.lexicon import Lexicon

# Weight of each kind of word found; a message is urgent at THRESHOLD or more.
WEIGHTS = {
    "enforcer": 1.0,
    "nearby": 1.0,
    "detention": 1.5,
    "court": 1.0,
    "person": 0.5,
    "hypothetical": -0.75,
    "topic": -1.0,
    "news": -1.0,
}
THRESHOLD = 1.75


def urgent_phrases(lexicons: Mapping[str, Lexicon]) -> dict[str, tuple[str, ...]]:
    """Every language's urgent words, labelled ``"<lang>:urgent:<kind>"`` for a :class:`PhraseFinder`."""
    return {
        f"{lang}:urgent:{kind}": lexicon.urgent[kind]
        for lang, lexicon in lexicons.items()
        for kind in ("alone", *WEIGHTS)
    }


def urgency_score(found: Iterable[str], lang: str) -> float:
    """Sum of the weights of the kinds of ``lang``'s urgent words among the labels found."""
    prefix = f"{lang}:urgent:"
    kinds = {label[len(prefix) :] for label in found if label.startswith(prefix)}
    return sum(WEIGHTS.get(kind, 0.0) for kind in kinds)


def mentions_danger(found: set[str], langs: Iterable[str]) -> bool:
    """Talks of custody, a court, or officers, without adding up to an emergency.

    Such a reply still carries the emergency line: the rules may have missed a
    person in danger, and one short line costs little. The likely languages'
    words count together: French tax talk ("impots") calms a French "ICE" even
    where Spanish, the runner-up reading, has no word for it.
    """
    prefixes = tuple(f"{lang}:urgent:" for lang in langs)
    kinds = {label.rsplit(":", 1)[1] for label in found if label.startswith(prefixes)}
    # A judge in a question about the lawsuits is not a hearing of one's own, and ICE in a
    # question about tax data is not an officer at the door; without such talk, either is.
    calm_talk = bool(kinds & {"topic", "news"})
    court = "court" in kinds and not calm_talk
    officers = "enforcer" in kinds and (bool(kinds & {"nearby", "person"}) or not calm_talk)
    return "detention" in kinds or court or officers


def has_danger_words(found: set[str], langs: Iterable[str]) -> bool:
    """Any word of officers, custody, a court, a place or a relative, in a likely language.

    A message with none ("I'm so scared") is no emergency for the matcher to find,
    however close its words come to the emergency entry's examples.
    """
    prefixes = tuple(f"{lang}:urgent:" for lang in langs)
    return any(
        label.startswith(prefixes) and WEIGHTS.get(label.rsplit(":", 1)[1], 0.0) > 0 for label in found
    )


def is_urgent(found: set[str], langs: Iterable[str]) -> bool:
    """Urgent if any language's emergency phrase occurs, or a likely language's words add up.

    Emergency phrases count in every language because a frightened person's
    message may be too short to tell its language.
    """
    if any(label.endswith(":urgent:alone") for label in found):
        return True
    return any(urgency_score(found, lang) >= THRESHOLD for lang in langs)
