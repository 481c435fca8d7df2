"""Finding the FAQ entry a message asks about, in one language: a score per class, best first.

People rarely use the FAQ's words. Each entry is described by everything
written for it (title, example questions, keywords), seen through several
views of the text that each forgive a different kind of difference:

* whole words, after shorthand and synonyms are rewritten to one form
  ("q" → "que", "la migra" → "ice");
* word pairs, for phrases such as "social security";
* character n-grams inside words, which survive typos and word endings
  ("declare", "declarar", "declaracion"); for Chinese and Korean, written
  without spaces, character pairs play the part of words;
* a word the FAQ never uses is first mapped to the closest word it does use,
  with RapidFuzz, when they are close enough to be a typo.

What the FAQ does *not* cover competes too: each redirect kind (tax
preparation, immigration cases...) and the other not-covered examples are one
class each, like an entry. Each view is weighted TF-IDF style over classes, so
a word found in every class ("tax") counts for almost nothing and a word found
in one ("nixon") counts a lot. A class's score adds three things: the cosine
between message and class, the share of the message's information the class
covers (BM25-style), and the message's margin on a linear SVM learnt from every
example, which knows which words tell neighbouring classes apart. Scores are
comparable within one content version only; ``make calibrate`` chooses the
thresholds that turn them into decisions.

Owns: building a per-language index from the FAQ and scoring messages.
Must not: decide whether to answer, suggest or give up (the conversation's
call, with thresholds from ``bot.toml``) or do any I/O (the SVM's fit and its
cache are :mod:`bot.svm`'s).
"""

from __future__ import annotations

import math
import multiprocessing
import os
import sys
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, process

from bot.built import load, save
from bot.faq import NOT_COVERED, REDIRECTS, Faq, Translation
from bot.lexicon import Lexicon
from bot.svm import fit_lines
from bot.text import Rewriter, fold, is_hangul, runs, script_of, starts_cjk

# How much each view of the text counts; tuned on the development sets
# (README, "Matching quality").
WORD, PAIR, GRAM = 1.0, 0.8, 0.2
VIEW_WEIGHT = {"w": WORD, "p": PAIR, "g": GRAM}  # by a feature key's first letter
NGRAM_SIZES = (3, 4)
# Words the FAQ never uses still count toward a message's length, so a message
# mostly about something else scores low; this is how much, per view.
UNKNOWN_SHARE = {"w": 0.5, "p": 0.15, "g": 0.25}
MIX_COVERAGE = 1.0  # weight of the BM25 coverage view next to the cosine view
BM25_K1, BM25_B = 1.2, 0.5
FUZZY_WORD_CUTOFF = 82  # RapidFuzz ratio for "this unknown word is a typo of that one"
TITLE_WEIGHT = 2.0
SEPARATION = 0.3  # how much the separating weights count next to the similarity scores
LIMIT = 5  # entries returned per match
# A feature in at least this share of the classes is scored from a dense row (Postings).
DENSE_SHARE = 0.25
TOKEN_CACHE = 2048  # words per language remembered with their correction and features
_A = ord("a")

Vector = dict[str, float]


@dataclass(frozen=True)
class Match:
    """Classes ranked best first, with their scores (higher is likelier).

    ``entries`` are FAQ entries; ``outside`` the out-of-scope classes: each
    redirect (:func:`redirect_class`) and :data:`bot.faq.NOT_COVERED`.
    """

    entries: tuple[tuple[str, float], ...] = ()
    outside: tuple[tuple[str, float], ...] = ()

    def without(self, name: str) -> Match:
        """The ranking without one class (an entry or an out-of-scope class).

        Built directly: dataclasses.replace reads every field first, at several times the cost.
        """
        return Match(
            tuple([pair for pair in self.entries if pair[0] != name]),
            tuple([pair for pair in self.outside if pair[0] != name]),
        )

    @classmethod
    def of(cls, scores: Mapping[str, float]) -> Match:
        ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
        return cls(tuple(p for p in ranked if is_entry(p[0])), tuple(p for p in ranked if not is_entry(p[0])))

    @classmethod
    def ranking(cls, names: list[str], entry: list[bool], scores: np.ndarray) -> Match:
        """:meth:`of` for a score array in the order of ``names`` (``entry``: which names are entries)."""
        values = scores.tolist()
        order = sorted(range(len(values)), key=values.__getitem__, reverse=True)
        return cls(
            tuple([(names[i], values[i]) for i in order if entry[i]]),
            tuple([(names[i], values[i]) for i in order if not entry[i]]),
        )

    @property
    def ranked(self) -> tuple[tuple[str, float], ...]:
        return tuple(sorted((*self.entries, *self.outside), key=lambda kv: kv[1], reverse=True))


def redirect_class(kind: str) -> str:
    """The class name a redirect competes under; it can never be an entry's id."""
    return f"{REDIRECTS}/{kind}"


def is_entry(class_name: str) -> bool:
    return not class_name.startswith("_")


def features(text: str) -> Vector:
    """Term frequencies of every view of an already folded, rewritten text."""
    found: Vector = defaultdict(float)
    latin: list[str] = []
    for token in runs(text):
        is_latin = script_of(token) == "latin"
        if not is_latin:
            _add_pairs(found, latin)
            latin = []
        for key in run_features(token, is_latin):
            found[key] += VIEW_WEIGHT[key[0]]
        if is_latin:
            latin.append(token)
    _add_pairs(found, latin)
    return found


def run_features(token: str, is_latin: bool) -> list[str]:
    """The word and character features of one run from :func:`bot.text.runs`, repeats kept.

    Word pairs span runs, so :func:`features` adds them.
    """
    if is_latin:
        found = ["w:" + token]
        if len(token) >= 4 and not token.isdigit():
            padded = f"<{token}>"
            for n in NGRAM_SIZES:
                found += ["g:" + padded[i : i + n] for i in range(len(padded) - n + 1)]
        return found
    found = ["w:" + token] if len(token) == 1 else []
    found += ["w:" + token[i : i + 2] for i in range(len(token) - 1)]
    if is_hangul(token[0]):
        found.append("w:" + token)
    found += ["g:" + char for char in token]
    return found


def _add_pairs(found: Vector, latin: list[str]) -> None:
    for first, second in zip(latin, latin[1:], strict=False):
        found[f"p:{first}_{second}"] += PAIR


class Postings:
    """Sparse matrices over the same rows and features (views), stored by feature (compressed columns).

    Scoring a message touches only the cells of the features it contains, and
    the additions happen in ``bincount`` calls rather than a Python loop. A
    feature found in many rows ("tax", "<ta") is kept as a dense row instead:
    most of a message's cells are such features', and one matrix product adds
    them far faster than gathering them cell by cell.
    """

    def __init__(self, views: list[list[Vector]], ids: Mapping[str, int]) -> None:
        by_feature: dict[int, dict[int, list[float]]] = defaultdict(dict)
        for view, vectors in enumerate(views):
            for row, vec in enumerate(vectors):
                for key, value in vec.items():
                    by_feature[ids[key]].setdefault(row, [0.0] * len(views))[view] = value
        self.rows = len(views[0])
        self.start = np.zeros(len(ids) + 1, dtype=np.int64)
        rows: list[int] = []
        values: list[list[float]] = []
        for feature in range(len(ids)):
            cells = by_feature.get(feature, {})
            self.start[feature + 1] = self.start[feature] + len(cells)
            rows.extend(cells)
            values.extend(cells.values())
        self.length = np.diff(self.start).astype(np.int32)
        self.row = np.array(rows, dtype=np.int32)
        self.value = (
            np.array(values, dtype=np.float32).reshape(len(rows), len(views)).T.copy()
        )  # views x cells
        frequent = np.flatnonzero(self.length >= max(1.0, DENSE_SHARE * self.rows))
        self.slot = np.full(len(ids), -1, dtype=np.int32)  # a feature's dense row, or -1
        self.slot[frequent] = np.arange(len(frequent))
        self.dense = np.zeros((len(frequent), len(views), self.rows), dtype=np.float32)
        for slot, feature in enumerate(frequent.tolist()):
            span = slice(self.start[feature], self.start[feature + 1])
            self.dense[slot][:, self.row[span]] = self.value[:, span]
        # Only the rare features' cells are ever gathered: the dense rows' are not kept twice (1.6 MB).
        rare = self.slot.repeat(self.length) < 0
        # Kept in rows (C order): indexing the cells' axis leaves them in columns (Fortran order),
        # and a gather from that layout cost a long message 35 µs where it takes 1.
        self.row, self.value = self.row[rare], np.ascontiguousarray(self.value[:, rare])
        self.length[frequent] = 0
        self.start = np.concatenate(([0], self.length.cumsum()))

    def dot(self, features: np.ndarray, weights: np.ndarray) -> np.ndarray:
        """Each row's dot product with the query, summed over views, all in NumPy.

        ``features``: the query's feature ids; ``weights``: their weight in each view (features x views).
        """
        slot = self.slot.take(features)
        frequent = (slot >= 0).nonzero()[0]
        dense = np.dot(
            weights.take(frequent, axis=0).ravel(),
            self.dense.take(slot.take(frequent), axis=0).reshape(-1, self.rows),
        )
        rare = (slot < 0).nonzero()[0]
        ids = features.take(rare)
        lengths = self.length.take(ids)
        ends = lengths.cumsum()
        # Where each cell of each rare feature is, and that feature's weights for it, without a Python loop.
        offsets = np.arange(ends[-1] if len(ends) else 0) + (self.start.take(ids) - ends + lengths).repeat(
            lengths
        )
        per_cell = weights.take(rare, axis=0).repeat(lengths, axis=0)
        value = self.value.take(offsets, axis=1)
        # Two views written out: einsum's general loop cost three times as much, for the same sums.
        cells = value[0] * per_cell[:, 0] + value[1] * per_cell[:, 1]
        result: np.ndarray = dense + np.bincount(self.row.take(offsets), weights=cells, minlength=self.rows)
        return result


class LanguageIndex:
    """Everything needed to score messages in one language."""

    def __init__(self, lang: str, faq: Faq, lexicon: Lexicon, cache: Path | None = None) -> None:
        self.lang = lang
        self.rewrite = Rewriter({**lexicon.synonyms, **_abbreviations(lexicon)})
        texts: list[tuple[str, Translation]] = [
            (entry.id, entry.texts[lang]) for entry in faq.entries.values() if lang in entry.texts
        ]
        texts += [(redirect_class(r.kind), r.texts[lang]) for r in faq.redirects.values() if lang in r.texts]
        if lang in faq.not_covered:
            texts.append((NOT_COVERED, faq.not_covered[lang]))
        self.entry_ids = [entry_id for entry_id, _ in texts]
        self._is_entry = [is_entry(entry_id) for entry_id in self.entry_ids]
        # Every phrasing's features, once: summed per class for similarity, one by one for the SVM.
        per_class = [[features(self.prepare(p)) for p in _phrasings(text)] for _, text in texts]
        tf = [_merge(_title_first(counts)) for counts in per_class]
        idf = _idf(tf)  # by feature name: for building only, the arrays below keep it by id
        self.max_idf = math.log(1 + (len(texts) + 0.5) / 0.5)
        self.feature_ids = {key: n for n, key in enumerate(idf)}
        self.idf_array = np.fromiter(idf.values(), dtype=np.float64, count=len(idf))
        self.view_weight = np.fromiter((VIEW_WEIGHT[k[0]] for k in idf), dtype=np.float64, count=len(idf))
        # The words a typo may be corrected to: only a Latin-script word is ever corrected
        # (_closest), and a Chinese or Korean word shares no character with it, so cannot reach
        # the cutoff. Those are most of the Chinese and Korean words: 1.6 MB not kept.
        self.vocabulary = sorted(k[2:] for k in idf if k.startswith("w:") and script_of(k[2:]) == "latin")
        self._tokens: dict[str, _Token] = {}
        self._letters: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None  # see _candidates
        # Two views of the same cells: the cosine profiles and the BM25 coverage.
        self.postings = Postings(
            [[_weigh(vector, idf) for vector in tf], _saturate(tf, idf)], self.feature_ids
        )
        examples = [vector for counts in per_class for vector in counts]
        labels = [i for i, counts in enumerate(per_class) for _ in counts]
        self.separator = Separator(examples, labels, len(texts), self.feature_ids, cache)

    def prepare(self, text: str) -> str:
        """Fold, then rewrite shorthand and synonyms to their canonical words."""
        return self.rewrite(fold(text))

    def _closest(self, token: str) -> str:
        """The token, or the closest word the FAQ uses when the token is unknown and close enough.

        A known word is one with a word feature (an ASCII word is in :attr:`vocabulary` exactly when
        it has one): looked up there rather than in a set of the vocabulary, 1.7 MB not kept.
        """
        if len(token) < 4 or not token.isalpha() or not token.isascii() or f"w:{token}" in self.feature_ids:
            return token
        candidates = self._candidates(token)
        if not candidates:
            return token
        hit = process.extractOne(token, candidates, scorer=fuzz.ratio, score_cutoff=FUZZY_WORD_CUTOFF)
        return hit[0] if hit else token

    def _candidates(self, token: str) -> list[str]:
        """The vocabulary words that may reach the fuzzy cutoff against an ASCII ``token``, in vocabulary
        order: usually a few dozen of the thousands, for RapidFuzz to compare.

        RapidFuzz's ratio is 100 × (1 − indel distance / sum of lengths), and the
        distance is at least the sum of the lengths less twice the letters the
        words share. They share at most the token's letters that the word has
        too, each as often as the token has it: a word whose bound keeps it under
        the cutoff cannot be near, and leaving it out changes no result. The
        words are kept by length with a bit per letter they hold, so a few NumPy
        calls rule out the rest.
        """
        masks, weighted, index = self._letters or self._letter_masks()
        cut = FUZZY_WORD_CUTOFF
        size = len(token)
        # Only the words whose length lets them reach the cutoff, 200 × shorter ≥ cut × (sum of lengths).
        first = int(np.searchsorted(weighted, cut * (cut * size // (200 - cut))))
        last = int(np.searchsorted(weighted, cut * -(-(200 - cut) * size // cut), "right"))
        letters = [c for c in token if "a" <= c <= "z"]
        distinct = set(letters)
        mask = sum(1 << (ord(c) - _A) for c in distinct)
        # Near only if 200 × shared ≥ cut × (sum of lengths); shared ≤ letters in common + token's repeats.
        needed = (weighted[first:last] + (cut * size - 200 * (len(letters) - len(distinct)) + 199)) // 200
        near = np.bitwise_count(masks[first:last] & mask) >= needed
        found = np.sort(index[first:last][near])
        return [self.vocabulary[i] for i in found.tolist()]

    def _letter_masks(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """For the vocabulary words with a letter from a to z, shortest first: a bit for each letter they
        hold, their lengths times the fuzzy cutoff, and their places in the vocabulary. Worked out on
        the first fuzzy look-up, in a few NumPy calls."""
        words = self.vocabulary
        lengths = np.fromiter(map(len, words), dtype=np.int32, count=len(words))
        chars = np.frombuffer("".join(words).encode("utf-32-le"), dtype=np.uint32).astype(np.int64) - _A
        word_of = np.repeat(np.arange(len(words)), lengths)
        is_letter = (chars >= 0) & (chars < 26)
        masks = np.zeros(len(words), dtype=np.uint32)
        np.bitwise_or.at(masks, word_of[is_letter], np.left_shift(1, chars[is_letter]).astype(np.uint32))
        # Chinese and Korean words share no letter with the token: never near.
        index = np.flatnonzero(masks)
        index = index[np.argsort(lengths[index], kind="stable")]
        self._letters = (masks[index], lengths[index] * np.int32(FUZZY_WORD_CUTOFF), index.astype(np.int32))
        return self._letters

    def _token(self, token: str) -> _Token:
        """A space-separated word of a rewritten message, corrected, split into runs, its features looked up.

        Remembered: people reuse words far more often than they write new ones, so most
        of a message's words were worked out before.
        """
        chain: list[str | None] = []
        known: list[int] = []
        unknown: list[str] = []
        for run in runs(self._closest(token)):
            is_latin = not starts_cjk(run)
            chain.append(run if is_latin else None)
            for key in run_features(run, is_latin):
                found = self.feature_ids.get(key)
                if found is None:
                    unknown.append(key)
                else:
                    known.append(found)
        result = (tuple(chain), array("I", known), tuple(unknown))  # ids as 4 bytes each, not objects
        if len(self._tokens) >= TOKEN_CACHE:
            self._tokens.clear()  # crude but bounded; words repeat within hours, not forever
        self._tokens[token] = result
        return result

    def _counts(self, rewritten: str) -> tuple[np.ndarray, np.ndarray, Counter[str]]:
        """The known features :func:`features` would find in the message, by id (ascending), how often
        each occurs, and how often each unknown one does. Typos are corrected to the FAQ's words first.

        Ids are gathered as 4-byte integers and counted by sorting them: a Counter of
        a long message's few hundred ids, turned into arrays, cost twice as much.
        """
        known = array("I")
        unknown: list[str] = []
        last: str | None = None  # the latin run before, for word pairs
        for token in rewritten.split(" "):
            chain, ids, others = self._tokens.get(token) or self._token(token)
            known += ids
            if others:
                unknown += others
            for run in chain:
                if last is not None and run is not None:
                    key = f"p:{last}_{run}"
                    pair = self.feature_ids.get(key)
                    if pair is None:
                        unknown.append(key)
                    else:
                        known.append(pair)
                last = run
        found, counts = _tally(np.frombuffer(known, dtype=np.uint32)) if known else _NO_IDS
        return found, counts, Counter(unknown)

    def match(self, folded: str) -> Match:
        """Score a folded message against every entry in this language.

        Two views are added: the cosine between the message and each entry, and
        the share of the message's information the entry covers (BM25-style,
        saturating, so one word repeated in many examples cannot dominate).
        """
        ids, counts, unknown = self._counts(self.rewrite(folded))
        if not len(ids):
            return Match()
        # Occurrences times each view's weight (words 1, pairs 0.8, character n-grams 0.2).
        raw = counts * self.view_weight.take(ids)
        damped = np.where(raw >= 1, np.log(raw) + 1, raw)
        # TF-IDF with dampened counts; a feature the FAQ never uses counts toward the
        # message's length and information only, so a message mostly about something else scores low.
        weighted = damped * self.idf_array.take(ids)
        outside = [
            _damp(count * VIEW_WEIGHT[key[0]]) * self.max_idf * UNKNOWN_SHARE[key[0]]
            for key, count in unknown.items()
        ]
        information = float(np.add.reduce(weighted)) + sum(outside)
        norm = math.sqrt(float(np.dot(weighted, weighted)) + sum(w * w for w in outside))
        half = 1 / (1 + MIX_COVERAGE)
        views = np.empty((len(ids), 2))
        np.multiply(weighted, half / norm, out=views[:, 0])  # the cosine
        np.multiply(damped, MIX_COVERAGE * half / information, out=views[:, 1])  # the coverage
        scores = self.postings.dot(ids, views)
        scores += SEPARATION * self.separator.margins(ids, damped)
        return Match.ranking(self.entry_ids, self._is_entry, scores)


def _tally(found: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct values of a non-empty array, ascending, and how often each occurs (np.unique's
    result in a third of its time, which is mostly its own Python)."""
    found = np.sort(found)
    first = np.empty(len(found), dtype=bool)
    first[0] = True
    np.not_equal(found[1:], found[:-1], out=first[1:])
    starts = np.flatnonzero(first)
    ends = np.empty_like(starts)
    ends[:-1] = starts[1:]
    ends[-1] = len(found)
    return found.take(starts), ends - starts


_NO_IDS = (np.zeros(0, dtype=np.uint32), np.zeros(0, dtype=np.int64))

# A word of a message worked out once: its runs in order (None for a Chinese or Korean run, which
# no word pair spans), the ids of its word and character features, and its features the FAQ never uses.
_Token = tuple[tuple[str | None, ...], "array[int]", tuple[str, ...]]


class Separator:
    """How far a message lies on each class's side of a line learnt from the examples (a linear SVM).

    Similarity alone weighs a word by how rare it is among entries; the SVM
    learns which words tell neighbours apart ("refund" means tax preparation,
    "ice" means this FAQ). Examples are TF-IDF vectors over examples, scaled to
    length 1; scikit-learn's LinearSVC fits one line per class. Scoring a
    message is then a look-up of its features' rows: a few dozen multiply-adds.
    """

    def __init__(
        self,
        examples: list[Vector],
        labels: list[int],
        classes: int,
        feature_ids: Mapping[str, int],
        cache: Path | None = None,
    ) -> None:
        self.idf = np.zeros(len(feature_ids))
        # Half precision: a margin needs about three digits (over every set message, not one reply
        # changed against float32), and these lines are the index's largest part (11 MB in float32).
        self.weights = np.zeros((len(feature_ids), classes), dtype=np.float16)
        self.bias = np.zeros(classes)
        if len(set(labels)) < 2:
            return
        rows = np.repeat(np.arange(len(examples)), [len(v) for v in examples])
        cols = np.fromiter((feature_ids[k] for v in examples for k in v), dtype=np.int64, count=len(rows))
        tf = np.fromiter((_damp(x) for v in examples for x in v.values()), dtype=np.float64, count=len(rows))
        df = np.bincount(cols, minlength=len(feature_ids))
        self.idf = np.log(1 + len(examples) / (1 + df))
        data = tf * self.idf[cols]
        norms = np.sqrt(np.bincount(rows, weights=data * data, minlength=len(examples)))
        data /= np.maximum(norms[rows], 1e-12)
        shape = (len(examples), len(feature_ids))
        found, coef, intercept = fit_lines(rows, cols, data, shape, np.asarray(labels), cache)
        self.weights[:, found] = coef.T
        self.bias[found] = intercept

    def margins(self, ids: np.ndarray, damped: np.ndarray) -> np.ndarray:
        """Each class's margin for a message's known features (ids) and their dampened counts."""
        values = damped * self.idf.take(ids)
        margins: np.ndarray = np.dot(values, self.weights.take(ids, axis=0))
        margins *= 1 / (math.sqrt(float(np.dot(values, values))) or 1.0)
        margins += self.bias
        return margins


def _title_first(counts: list[Vector]) -> Iterable[Vector]:
    """A class's phrasings for its summed vector: the title, the entry's own question, counts more."""
    yield {key: value * TITLE_WEIGHT for key, value in counts[0].items()}
    yield from counts[1:]


def _phrasings(text: Translation) -> Iterable[str]:
    """The title first, then the questions and keywords."""
    yield text.title
    yield from text.questions
    yield from text.keywords


def _abbreviations(lexicon: Lexicon) -> dict[str, str]:
    """Shorthand expands straight to the canonical synonym when there is one."""
    return {k: lexicon.synonyms.get(v, v) for k, v in lexicon.abbreviations.items()}


def _idf(tf: list[Vector]) -> dict[str, float]:
    """BM25-style inverse document frequency over entries: words in every entry weigh ~0."""
    df: dict[str, int] = defaultdict(int)
    for vector in tf:
        for key in vector:
            df[key] += 1
    n = len(tf)
    return {key: math.log(1 + (n - d + 0.5) / (d + 0.5)) for key, d in df.items()}


def _saturate(tf: list[Vector], idf: Mapping[str, float]) -> list[Vector]:
    """BM25 weights: idf times a count that levels off, shorter entries counting a bit more."""
    lengths = [sum(vector.values()) for vector in tf]
    average = sum(lengths) / max(len(lengths), 1)
    out = []
    for vector, length in zip(tf, lengths, strict=True):
        level = BM25_K1 * (1 - BM25_B + BM25_B * length / average)
        out.append({key: idf[key] * count / (count + level) for key, count in vector.items()})
    return out


def _damp(count: float) -> float:
    return (1 + math.log(count)) if count >= 1 else count


def _merge(vectors: Iterable[Vector]) -> Vector:
    merged: Vector = defaultdict(float)
    for vec in vectors:
        for key, value in vec.items():
            merged[key] += value
    return merged


def _weigh(tf: Mapping[str, float], idf: Mapping[str, float]) -> Vector:
    """TF-IDF with dampened counts, scaled to length 1 (the content's own phrasings: every feature known)."""
    vec = {key: _damp(count) * idf[key] for key, count in tf.items()}
    norm = math.sqrt(sum(v * v for v in vec.values()))
    return {k: v / norm for k, v in vec.items()} if norm else {}


def _inputs(lang: str, faq: Faq, lexicon: Lexicon) -> object:
    """Everything :class:`LanguageIndex` reads, in its order: the key of its cached copy."""
    texts = [(e.id, e.texts[lang]) for e in faq.entries.values() if lang in e.texts]
    texts += [(redirect_class(r.kind), r.texts[lang]) for r in faq.redirects.values() if lang in r.texts]
    if lang in faq.not_covered:
        texts.append((NOT_COVERED, faq.not_covered[lang]))
    return (
        lang,
        [(name, tuple(_phrasings(text))) for name, text in texts],
        tuple(lexicon.synonyms.items()),
        tuple(lexicon.abbreviations.items()),
    )


def _build(lang: str, faq: Faq, lexicon: Lexicon, cache: Path | None) -> LanguageIndex:
    """Build one language's index and keep it in ``cache`` (run in a build process)."""
    index = LanguageIndex(lang, faq, lexicon, cache)
    save(cache, f"index-{lang}", _inputs(lang, faq, lexicon), index)
    return index


def _indexes(faq: Faq, lexicons: Mapping[str, Lexicon], cache: Path | None) -> dict[str, LanguageIndex]:
    """Every language's index: read from ``cache`` when built before, otherwise built.

    With a cache, missing languages are built in other processes, several at once:
    the SVM's fit imports scikit-learn and SciPy (about 100 MB and most of a
    second), which the serving process then never holds, and a machine's other
    cores build the other languages meanwhile.
    """
    found = {lang: load(cache, f"index-{lang}", _inputs(lang, faq, lex)) for lang, lex in lexicons.items()}
    missing = [lang for lang, index in found.items() if index is None]
    if cache is None or not missing or not _main_is_taxbot():
        return {lang: index or _build(lang, faq, lexicons[lang], cache) for lang, index in found.items()}
    workers = min(len(missing), os.cpu_count() or 1)
    context = multiprocessing.get_context("spawn")  # never fork: a reload builds from a thread
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        futures = {lang: pool.submit(_build, lang, faq, lexicons[lang], cache) for lang in missing}
        return {lang: index or futures[lang].result() for lang, index in found.items()}


def _share_feature_keys(indexes: Iterable[LanguageIndex]) -> None:
    """One object for each feature name and each id, whichever languages have it.

    Each index is read from its own file, so each holds its own copies: of the
    98,000 feature names of today's 7 languages, 24,000 are another language's
    too ("<tax", "w:itin"), and every id above 256 is a separate int object.
    Sharing them keeps 3.5 MB less; the dictionaries are the same.
    """
    names: dict[str, str] = {}
    ids = list(range(max((len(index.feature_ids) for index in indexes), default=0)))
    for index in indexes:
        index.feature_ids = {names.setdefault(key, key): ids[n] for key, n in index.feature_ids.items()}


def _main_is_taxbot() -> bool:
    """Whether this process runs the ``taxbot`` command (its console script or ``python -m bot``).

    A spawned build process imports the parent's main module again; the bot's own
    entry points guard against that. Any other program that builds a conversation
    (a staff member's script, a notebook, a test runner) builds in its own process
    rather than have its top-level code run again in each build process, unless it
    sets ``BUILD_APART = True`` at its top level to say that code is guarded (the
    benchmarks do, so they measure the process a server runs).
    """
    main = sys.modules.get("__main__")
    spec = getattr(main, "__spec__", None)
    if spec is not None and spec.name == "bot.__main__":
        return True
    # A program whose top level is guarded by ``if __name__ == "__main__"`` may say so.
    return (
        getattr(main, "BUILD_APART", False) is True
        or Path(getattr(main, "__file__", "") or "").name == "taxbot"
    )


class Matcher:
    """One :class:`LanguageIndex` per configured language."""

    def __init__(self, faq: Faq, lexicons: Mapping[str, Lexicon], cache: Path | None = None) -> None:
        """``cache``: where built indexes and SVM lines are kept between starts (None: build every time).

        Each language's index is kept apart, keyed by what it is built from, so an
        edit in one language rebuilds that language only.
        """
        self.indexes = _indexes(faq, lexicons, cache)
        _share_feature_keys(self.indexes.values())

    def match(self, folded: str, lang: str) -> Match:
        index = self.indexes.get(lang)
        return index.match(folded) if index else Match()
