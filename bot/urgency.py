"""Is someone in danger right now? (ICE at the door, a detention, a hearing.)

Missing an emergency is the worst mistake this bot can make, so urgent
messages are found before any FAQ matching, and the rules lean towards
"urgent". Each language's ``language.toml`` lists kinds of urgent words:

* ``alone``: phrases that alone mean danger now ("at the door", "lo detuvieron");
* ``enforcer``, ``nearby``, ``detention``, ``court``, ``person``: words that
  together mean danger ("ICE" + "outside", "detained" + "my husband");
* ``hypothetical`` and ``topic``: words of a calm question ("if", "taxes"),
  which weigh against the combinations but never against an ``alone`` phrase.

Owns: those rules. Must not: know any language's words.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from bot.lexicon import Lexicon
from bot.text import PhraseFinder

# Weight of each kind of word found; a message is urgent at THRESHOLD or more.
WEIGHTS = {
    "enforcer": 1.0,
    "nearby": 1.0,
    "detention": 1.5,
    "court": 1.0,
    "person": 0.5,
    "hypothetical": -0.75,
    "topic": -1.0,
}
THRESHOLD = 2.0


class UrgencyDetector:
    def __init__(self, lexicons: Mapping[str, Lexicon]) -> None:
        self._alone = PhraseFinder({lang: lex.urgent["alone"] for lang, lex in lexicons.items()})
        self._kinds = {
            lang: PhraseFinder({k: lex.urgent[k] for k in WEIGHTS}) for lang, lex in lexicons.items()
        }

    def score(self, folded: str, lang: str) -> float:
        """Sum of the weights of the kinds of urgent words in ``lang`` found in the message."""
        finder = self._kinds.get(lang)
        return sum(WEIGHTS[kind] for kind in finder(folded)) if finder else 0.0

    def is_urgent(self, folded: str, langs: Iterable[str]) -> bool:
        """Urgent if any language's emergency phrase occurs, or a likely language's words add up.

        Emergency phrases are checked in every language because a frightened
        person's message may be too short to tell its language.
        """
        if self._alone(folded):
            return True
        return any(self.score(folded, lang) >= THRESHOLD for lang in langs)
