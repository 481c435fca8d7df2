"""Which of the configured languages a message is written in.

Short, unaccented, misspelt and mixed messages defeat general-purpose
detectors on their own, and FAQ words such as ITIN, ICE or IRS appear in every
language. Three kinds of evidence are combined:

* a word model built from this bot's own files: each language's FAQ questions,
  keywords and answers plus the everyday words in its ``language.toml``.
  Words common to several languages (loanwords) carry little weight there;
* the phrases of a language's own file found in the message (an emergency
  phrase, a greeting, "forget me"): "ICE la a" is three words that Spanish
  could also spell, but "ice la a" is a Haitian Creole emergency phrase;
* the script: how much of each language's files is written in Latin, Chinese
  or Korean script. A word no file uses still weighs by its script, and Chinese
  or Korean characters among English words pick the language that writes them.

A general-purpose detector (py3langid) was another opinion until its advice,
measured on every labelled set in ``tests/data`` and both development sets,
changed no answer and no language for the worse (one set's language figure
rose without it, 0.993 to 0.996), while its model held 40 MB of the serving
process's memory and a second of a first start.

Owns: scoring languages for one message.
Must not: decide whether to switch a conversation's language (the conversation
does that, using :attr:`Detection.confident`).
"""

from __future__ import annotations

import math
import operator
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import repeat
from operator import itemgetter
from pathlib import Path

from bot.built import cached
from bot.faq import Faq
from bot.lexicon import Lexicon
from bot.text import fold, has_cjk, runs, script_of, starts_cjk

SMOOTHING = 0.5
LEXICON_WORD_COUNT = 5  # a word from language.toml counts like this many FAQ uses
CONFIDENT = 0.85  # probability needed to call a message's language with confidence
MIN_CONFIDENT_WORDS = 3
PHRASE_EVIDENCE = 2.0  # log-odds a language gains for each of its own phrases in the message
SCRIPTS = ("latin", "han", "hangul")  # bot.text.script_of's


@dataclass(frozen=True)
class Detection:
    """The likeliest language, its probability, and every language's probability."""

    lang: str
    probability: float
    ranking: tuple[tuple[str, float], ...]
    words: int

    @property
    def confident(self) -> bool:
        return self.probability >= CONFIDENT and self.words >= MIN_CONFIDENT_WORDS


class LanguageDetector:
    def __init__(
        self,
        faq: Faq,
        lexicons: Mapping[str, Lexicon],
        languages: Iterable[str],
        cache: Path | None = None,
    ) -> None:
        """``cache``: where the word model is kept between starts (None: build it)."""
        self.languages = tuple(languages)
        self._order = {lang: n for n, lang in enumerate(self.languages)}
        inputs = [_word_sources(faq, lexicons[lang], lang) for lang in self.languages]
        model = cached(cache, "words", inputs, lambda: _word_model(inputs))
        self._unknown, self._scripts, self._log_p = model
        self._unknown_latin = self._unknown["latin"]

    def detect(self, text: str, phrases_of: Mapping[str, int] | None = None) -> Detection:
        """``phrases_of``: how many of each language's own phrases the message contains."""
        return self.detect_folded(fold(text), phrases_of)

    def detect_folded(self, folded: str, phrases_of: Mapping[str, int] | None = None) -> Detection:
        """:meth:`detect` for a message already folded (:func:`bot.text.fold`): the conversation has
        folded it once, and folding again cost a message about 4 % of the core's time."""
        tokens, cjk = _tokens_cjk(folded)
        if tokens:
            # Each language's total, token by token in order: one row per token, summed by column.
            if cjk:  # a Chinese or Korean token says which languages write its script, known or not
                rows: Iterable[tuple[float, ...]] = [*map(self._row, tokens), *self._script_rows(tokens)]
            else:
                rows = map(self._log_p.get, tokens, repeat(self._unknown_latin))
            totals = [sum(column) for column in zip(*rows, strict=True)]
        else:
            totals = [0.0] * len(self.languages)
        for lang, count in (phrases_of or {}).items():
            if lang in self._order:
                totals[self._order[lang]] += PHRASE_EVIDENCE * count
        ranking = _softmax(self.languages, totals)
        lang, probability = ranking[0]
        words = len(folded.split()) if not cjk else max(3, len(tokens))
        return Detection(lang, probability, ranking, words)

    def _script_rows(self, tokens: Sequence[str]) -> list[tuple[float, ...]]:
        """Once for each of Chinese and Korean script in the message: how much of each language's files
        is written in it. Whoever types Chinese characters among English words reads Chinese."""
        return [self._scripts[script] for script in {script_of(token) for token in tokens} - {"latin"}]

    def _row(self, token: str) -> tuple[float, ...]:
        """Each language's log-probability of one token; an unknown one's by its script."""
        row = self._log_p.get(token)
        return row if row is not None else self._unknown[script_of(token)]


def _tokens(folded: str) -> Sequence[str]:
    """Words for Latin script; single characters and pairs for Chinese and Korean."""
    return _tokens_cjk(folded)[0]


def _tokens_cjk(folded: str) -> tuple[Sequence[str], bool]:
    """:func:`_tokens`, and whether the text has any Chinese or Korean."""
    found = runs(folded)
    if not has_cjk(folded):
        return found, False
    out: list[str] = []
    for token in found:
        if not starts_cjk(token):
            out.append(token)
        else:
            out.extend(token)
            out.extend(map(operator.add, token, token[1:]))  # each character with the next
    return out, True


WordSources = tuple[list[str], list[str]]


def _word_sources(faq: Faq, lexicon: Lexicon, lang: str) -> WordSources:
    """One language's FAQ phrases and its own words, repeats kept (sorted: a cache key must not
    depend on set order)."""
    phrases = [
        phrase
        for entry in faq.entries.values()
        if (text := entry.texts.get(lang)) is not None
        for phrase in (text.title, text.sms, text.full, *text.questions, *text.keywords)
    ]
    words = sorted([*lexicon.words, *lexicon.names, *(p for ps in lexicon.commands.values() for p in ps)])
    return phrases, words


Rows = dict[str, tuple[float, ...]]


def _word_model(sources: list[WordSources]) -> tuple[Rows, Rows, Rows]:
    """Every language's log-probability of an unknown word of each script, of each script (its share of
    the language's files), and of each known word, worked out once.

    A word none of the files use still tells its script: an unknown Chinese character
    ("喺", Cantonese) is likely in a language whose files are written in Chinese and
    all but impossible in English, so each language's unknown-word probability is
    shared out among the scripts in the proportion its own files use them.
    """
    counts = [_word_counts(phrases, words) for phrases, words in sources]
    vocabulary = set().union(*counts) if counts else set()
    denominators = [sum(c.values()) + SMOOTHING * (len(vocabulary) + 1) for c in counts]
    scripts = {script: tuple(math.log(_share(c, script)) for c in counts) for script in SCRIPTS}
    base = [math.log(SMOOTHING / d) for d in denominators]
    unknown = {script: tuple(map(operator.add, base, shares)) for script, shares in scripts.items()}
    pairs = list(zip(counts, denominators, strict=True))
    # Most words have the counts of many others (used once, in one language's FAQ): one tuple per
    # distinct row, shared, keeps the model 5 MB smaller in memory (19,345 words, 1,608 rows).
    rows: dict[tuple[float, ...], tuple[float, ...]] = {}
    model: dict[str, tuple[float, ...]] = {}
    for word in vocabulary:
        row = tuple(math.log((c.get(word, 0) + SMOOTHING) / d) for c, d in pairs)
        model[word] = rows.setdefault(row, row)
    return unknown, scripts, model


def _share(counts: Counter[str], script: str) -> float:
    """The share of a language's word uses in ``script``, smoothed so that no script is impossible."""
    used = sum(n for word, n in counts.items() if script_of(word) == script)
    return (used + 1) / (sum(counts.values()) + len(SCRIPTS))


def _word_counts(phrases: list[str], words: list[str]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for phrase in phrases:
        counts.update(_tokens(fold(phrase)))
    for phrase in words:
        for token in _tokens(phrase):
            counts[token] += LEXICON_WORD_COUNT
    return counts


def _softmax(names: Sequence[str], scores: list[float]) -> tuple[tuple[str, float], ...]:
    """Each name with its probability, likeliest first (ties in the order of ``names``)."""
    top = max(scores)
    exp = [math.exp(v - top) for v in scores]
    total = sum(exp)
    probabilities = [(name, v / total) for name, v in zip(names, exp, strict=True)]
    return tuple(sorted(probabilities, key=itemgetter(1), reverse=True))
