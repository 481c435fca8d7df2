"""Finding the FAQ entry a message asks about, in one language, with a score from 0 to 1.

People rarely use the FAQ's words. The matcher therefore compares a message
with every example question and keyword of every entry through several views
that each forgive a different kind of difference:

* whole words after shorthand and synonyms are rewritten to one form
  ("q" → "que", "la migra" → "ice"), weighted so rare words count more;
* word pairs, for phrases such as "social security";
* character n-grams inside words, which survive typos and word endings
  ("declare", "declarar", "declaracion"); for Chinese and Korean, written
  without spaces, character pairs play the part of words;
* misspelt words are mapped to the closest known word with RapidFuzz, and the
  best candidates are re-ranked with RapidFuzz's token-set similarity.

Owns: building a per-language index from the FAQ and scoring messages.
Must not: decide whether to answer, suggest or give up (that is the
conversation's call, using thresholds from ``bot.toml``) or do any I/O.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot.faq import NOT_COVERED, Faq
from bot.lexicon import Lexicon
from bot.text import Rewriter, fold, runs, script_of

# How much each view of the text counts; tuned on the development set
# (see bench/ and README "Matching quality").
WORD, PAIR, GRAM = 1.0, 0.8, 0.2
NGRAM_SIZES = (3, 4)
# Final score = weighted mix of the entry profile, the nearest example, and RapidFuzz.
MIX_PROFILE, MIX_NEAREST, MIX_FUZZ = 1.0, 0.0, 0.0
RERANK = 5  # candidates re-ranked with RapidFuzz
FUZZY_WORD_CUTOFF = 82  # RapidFuzz ratio for "this unknown word is a typo of that one"
NOT_COVERED_NEAREST = 0.3
KEYWORD_BOOST = 1.0  # a keyword says more than a word in an example question

Vector = dict[str, float]


@dataclass(frozen=True)
class Match:
    """Entries ranked best first, with scores from 0 to 1.

    The ranking may include :data:`bot.faq.NOT_COVERED`, the examples of what the
    FAQ does not cover: when it comes first, no entry should be answered.
    """

    ranked: tuple[tuple[str, float], ...]

    @property
    def best(self) -> tuple[str, float] | None:
        return self.ranked[0] if self.ranked else None


def features(text: str) -> Vector:
    """Term frequencies of every view of an already folded, rewritten text."""
    found: Vector = defaultdict(float)
    latin: list[str] = []
    for token in runs(text):
        script = script_of(token)
        if script == "latin":
            latin.append(token)
            found["w:" + token] += WORD
            if len(token) >= 4 and not token.isdigit():
                padded = f"<{token}>"
                for n in NGRAM_SIZES:
                    for i in range(len(padded) - n + 1):
                        found["g:" + padded[i : i + n]] += GRAM
            continue
        _close_latin_pairs(found, latin)
        latin = []
        if len(token) == 1:
            found["w:" + token] += WORD
        for i in range(len(token) - 1):
            found["w:" + token[i : i + 2]] += WORD
        if script == "hangul":
            found["w:" + token] += WORD
        for char in token:
            found["g:" + char] += GRAM
    _close_latin_pairs(found, latin)
    return found


def _close_latin_pairs(found: Vector, latin: list[str]) -> None:
    for first, second in zip(latin, latin[1:]):
        found[f"p:{first}_{second}"] += PAIR


class LanguageIndex:
    """Everything needed to score messages in one language."""

    def __init__(self, lang: str, faq: Faq, lexicon: Lexicon) -> None:
        self.lang = lang
        self.rewrite = Rewriter({**lexicon.synonyms, **_abbreviations(lexicon)})
        self.entry_ids: list[str] = []
        phrasings: list[tuple[int, Vector, str]] = []  # (entry index, features, text)
        texts = [(entry.id, entry.texts.get(lang)) for entry in faq.entries.values()]
        texts.append((NOT_COVERED, faq.not_covered.get(lang)))
        for entry_id, text in texts:
            if text is None:
                continue
            index = len(self.entry_ids)
            self.entry_ids.append(entry_id)
            for phrase, boost in _phrasings(text.title, text.questions, text.keywords):
                prepared = self.prepare(phrase)
                vec = {k: v * boost for k, v in features(prepared).items()}
                phrasings.append((index, vec, prepared))
        self.not_covered = self.entry_ids.index(NOT_COVERED) if NOT_COVERED in self.entry_ids else None
        self.idf = _idf(len(self.entry_ids), phrasings)
        self.max_idf = math.log(1 + (len(self.entry_ids) + 0.5) / 0.5)
        self.vocabulary = sorted({k[2:] for _, v, _ in phrasings for k in v if k.startswith("w:")})
        self._known = set(self.vocabulary)
        self.profiles = _postings(_profiles(len(self.entry_ids), phrasings, self.idf))
        self.examples = _postings([_weigh(v, self.idf) for _, v, _ in phrasings])
        self.example_entry = [i for i, _, _ in phrasings]
        self.example_text = [t for _, _, t in phrasings]
        self.examples_of: dict[int, list[int]] = defaultdict(list)
        for n, (i, _, _) in enumerate(phrasings):
            self.examples_of[i].append(n)

    def prepare(self, text: str) -> str:
        """Fold, then rewrite shorthand and synonyms to their canonical words."""
        return self.rewrite(fold(text))

    def correct(self, prepared: str) -> str:
        """Replace words the FAQ never uses with the closest word it does, when close enough."""
        out = []
        for token in prepared.split(" "):
            if len(token) < 4 or token in self._known or not token.isalpha() or not token.isascii():
                out.append(token)
                continue
            hit = process.extractOne(
                token, self.vocabulary, scorer=fuzz.ratio, score_cutoff=FUZZY_WORD_CUTOFF
            )
            out.append(hit[0] if hit else token)
        return " ".join(out)

    def match(self, folded: str, limit: int = RERANK) -> Match:
        """Score a folded message against every entry in this language."""
        prepared = self.correct(self.rewrite(folded))
        query = _weigh(features(prepared), self.idf, unknown=self.max_idf)
        if not query:
            return Match(())
        profile = _dot(query, self.profiles, len(self.entry_ids))
        nearest = [0.0] * len(self.entry_ids)
        for n, score in enumerate(_dot(query, self.examples, len(self.example_entry))):
            entry = self.example_entry[n]
            if score > nearest[entry]:
                nearest[entry] = score
        combined = [MIX_PROFILE * p + MIX_NEAREST * q for p, q in zip(profile, nearest)]
        if self.not_covered is not None:
            # What the FAQ does not cover is too varied for one profile: its
            # nearest single example speaks for it.
            i = self.not_covered
            combined[i] = max(combined[i], NOT_COVERED_NEAREST * nearest[i])
        order = sorted(range(len(combined)), key=combined.__getitem__, reverse=True)[:limit]
        ranked = []
        for i in order:
            texts = [self.example_text[n] for n in self.examples_of[i]]
            hit = process.extractOne(prepared, texts, scorer=fuzz.token_set_ratio)
            fuzzy = hit[1] / 100 if hit else 0.0
            ranked.append((self.entry_ids[i], combined[i] + MIX_FUZZ * fuzzy * nearest[i] ** 0.5))
        ranked.sort(key=lambda pair: pair[1], reverse=True)
        return Match(tuple((entry_id, round(score, 4)) for entry_id, score in ranked))


def _abbreviations(lexicon: Lexicon) -> dict[str, str]:
    """Shorthand expands straight to the canonical synonym when there is one."""
    return {k: lexicon.synonyms.get(v, v) for k, v in lexicon.abbreviations.items()}


def _phrasings(title: str, questions: Iterable[str], keywords: Iterable[str]) -> Iterable[tuple[str, float]]:
    yield title, 1.0
    for question in questions:
        yield question, 1.0
    for keyword in keywords:
        yield keyword, KEYWORD_BOOST


def _idf(entries: int, phrasings: list[tuple[int, Vector, str]]) -> dict[str, float]:
    """BM25-style inverse document frequency over entries: words in every entry weigh ~0."""
    seen: dict[str, set[int]] = defaultdict(set)
    for entry, vec, _ in phrasings:
        for key in vec:
            seen[key].add(entry)
    return {k: math.log(1 + (entries - len(v) + 0.5) / (len(v) + 0.5)) for k, v in seen.items()}


def _weigh(tf: Mapping[str, float], idf: Mapping[str, float], unknown: float = 0.0) -> Vector:
    """TF-IDF with dampened term counts, scaled to length 1.

    Words the FAQ never uses (``unknown``) still count toward the length, so a
    message mostly about something else scores low.
    """
    vec = {}
    norm = 0.0
    for key, count in tf.items():
        weight = (1 + math.log(count)) if count >= 1 else count
        known = idf.get(key)
        value = weight * (known if known is not None else unknown * _UNKNOWN_SHARE[key[0]])
        norm += value * value
        if known is not None and value > 0:
            vec[key] = value
    if norm == 0:
        return {}
    scale = 1 / math.sqrt(norm)
    return {k: v * scale for k, v in vec.items()}


# How much an unknown feature of each kind drags the score down.
_UNKNOWN_SHARE = {"w": 0.5, "p": 0.15, "g": 0.25}


def _profiles(entries: int, phrasings: list[tuple[int, Vector, str]], idf: Mapping[str, float]) -> list[Vector]:
    merged: list[Vector] = [defaultdict(float) for _ in range(entries)]
    for entry, vec, _ in phrasings:
        for key, value in vec.items():
            merged[entry][key] += value
    return [_weigh(m, idf) for m in merged]


def _postings(vectors: list[Vector]) -> dict[str, list[tuple[int, float]]]:
    index: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for n, vec in enumerate(vectors):
        for key, value in vec.items():
            index[key].append((n, value))
    return dict(index)


def _dot(query: Vector, postings: Mapping[str, list[tuple[int, float]]], size: int) -> list[float]:
    scores = [0.0] * size
    for key, weight in query.items():
        for n, value in postings.get(key, ()):
            scores[n] += weight * value
    return scores


class Matcher:
    """One :class:`LanguageIndex` per configured language."""

    def __init__(self, faq: Faq, lexicons: Mapping[str, Lexicon]) -> None:
        self.indexes = {lang: LanguageIndex(lang, faq, lex) for lang, lex in lexicons.items()}

    def match(self, folded: str, lang: str) -> Match:
        index = self.indexes.get(lang)
        return index.match(folded) if index else Match(())
