"""A learned second opinion on urgency, for emergencies in words no list holds.

The word rules (:mod:`bot.urgency`) are grown on every new round of
independently written emergencies, and each new round still finds words they
lack in about one emergency in eight ("the landlord says he calls
immigration Friday", "they only want to ask him a few questions"). This
model has read all of those rounds: a logistic regression over the character
2- to 4-grams of each folded word, hashed into a fixed number of buckets so it
needs no vocabulary in memory and no retraining when the FAQ changes. A
message it finds likely urgent gets the emergency reply where the words lean
that way, and one it finds surely urgent gets it where they say nothing either
way. And the other way, only at the far end: words that add up to an
emergency without any phrase that counts alone are no emergency when the
model finds the message surely calm; its reply still opens with the emergency
line when it names officers, custody or a court.

``make urgency-model`` (``bench/urgency_model.py``) trains it on the sets in
``tests/data`` that the word lists were grown on (never the held-out ones) and
chooses its thresholds by cross-validation; the file it writes,
``locales/urgency-model.npz``, holds the weights, the thresholds and a
fingerprint of the training sets, which a test compares with the sets in the
repository so a new set is never left out.

Owns: the features, loading the model file and scoring a folded message.
Must not: train (scikit-learn stays out of the serving process) or decide the
reply (the conversation's call).
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np

MODEL_FILE = "urgency-model.npz"
BITS = 18
BUCKETS = 1 << BITS  # 262,144: about three times the distinct n-grams of the training sets
GRAM_SIZES = (2, 3, 4)
_PRIME = np.uint32(1_000_003)
_MIX = np.uint32(0x9E3779B9)  # 2^32 / golden ratio: spreads the top bits (Fibonacci hashing)
_NO_BUCKETS = np.zeros(0, dtype=np.uint32)


def message_buckets(folded: str) -> np.ndarray:
    """The hashed character n-grams of each word, padded with a space on each side, for a whole message.

    In NumPy, every word at once (25 µs for 50 words): hashing n-gram by n-gram
    in Python cost a long message of new words a tenth of a millisecond. A
    polynomial hash of the characters (32 bits, wrapping), mixed by one
    multiplication, keeps the top bits; n-grams that would cross from one word
    to the next are dropped. The same in every process (Python's own str hash
    is not), so training and serving agree. Pictographs ("🚐", "👮", which folding keeps as words)
    are left to the word lists: the few the sets hold made the net noisier (34 more false
    emergencies over the grown sets, measured), not wiser.
    """
    padded = "".join(f"\0 {token} " for token in folded.split() if token.isalnum())
    if not padded:
        return _NO_BUCKETS
    codes = np.frombuffer(padded.encode("utf-32-le"), dtype=np.uint32)
    gap = codes == 0
    hashes, crossings = [], []
    hashed, crossing = codes, gap
    for size in range(2, GRAM_SIZES[-1] + 1):
        width = len(codes) - size + 1
        if width <= 0:
            break
        hashed = hashed[:width] * _PRIME + codes[size - 1 :]
        crossing = crossing[:width] | gap[size - 1 :]
        if size in GRAM_SIZES:
            hashes.append(hashed + np.uint32(size))
            crossings.append(crossing)
    if not hashes:
        return _NO_BUCKETS
    # One mask and one mix for every size at once: a message costs a few NumPy calls, not a few a size.
    kept: np.ndarray = np.concatenate(hashes)[~np.concatenate(crossings)]
    buckets: np.ndarray = (kept * _MIX) >> np.uint32(32 - BITS)
    return buckets


def term_frequencies(buckets: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct buckets of a message and their dampened counts (1 + log of the count)."""
    if not len(buckets):
        return buckets, np.zeros(0)
    ordered = np.sort(buckets)
    edges = np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1], [True])))
    return ordered[edges[:-1]], 1.0 + np.log(np.diff(edges))  # np.unique's result, fewer calls


class UrgencyModel:
    """Scores a folded message: the model's log-odds that someone is in danger now."""

    def __init__(
        self,
        idf: np.ndarray,
        coef: np.ndarray,
        intercept: float,
        threshold: float,
        calm_below: float = 0.0,
        sure_above: float = 1.0,
        line_above: float = 1.0,
    ) -> None:
        # A bucket's IDF and weight side by side in half precision (1 MB): a message's few hundred
        # buckets land all over the table, so one cache line a bucket instead of one in each of two
        # single-precision arrays (0.0186 -> 0.0176 ms a message over the held-out messages).
        self.table = np.stack([idf, coef], axis=1).astype(np.float16)
        self.intercept = intercept
        self._cut = math.log(threshold / (1 - threshold))  # ``threshold``, a probability, as log-odds
        # Below ``calm_below`` a combination of words is no emergency (0: never; see calm()).
        self._calm_cut = math.log(calm_below / (1 - calm_below)) if calm_below > 0 else -math.inf
        # At or above ``sure_above`` an emergency even where no word of danger leans (1: never; see sure()).
        self._sure_cut = math.log(sure_above / (1 - sure_above)) if sure_above < 1 else math.inf
        # At or above ``line_above`` the reply opens with the emergency line (1: never; see worrying()).
        self._line_cut = math.log(line_above / (1 - line_above)) if line_above < 1 else math.inf
        self._last: tuple[str, float] = ("", -math.inf)  # one message asked about several times

    @classmethod
    def load(cls, path: Path) -> UrgencyModel:
        """Read a file written by ``make urgency-model``; numbers in half precision (1 MB)."""
        with np.load(path) as data:
            return cls(
                data["idf"],
                data["coef"],
                float(data["intercept"]),
                float(data["threshold"]),
                float(data["calm_below"]) if "calm_below" in data.files else 0.0,  # older files: never
                float(data["sure_above"]) if "sure_above" in data.files else 1.0,  # older files: never
                float(data["line_above"]) if "line_above" in data.files else 1.0,  # older files: never
            )

    def log_odds(self, folded: str) -> float:
        """TF-IDF of the message's n-grams, scaled to length 1, times the weights, plus the intercept.

        The last message's score is kept: the conversation may ask "urgent?" and then "worrying?"
        of the same message, and a long one costs a few tens of microseconds to score."""
        if folded == self._last[0]:
            return self._last[1]
        buckets = message_buckets(folded)
        odds = self.score(*term_frequencies(buckets)) if len(buckets) else -math.inf
        self._last = (folded, odds)
        return odds

    def score(self, found: np.ndarray, tf: np.ndarray) -> float:
        """The log-odds of a message's distinct buckets and their dampened counts."""
        rows = self.table.take(found, axis=0).astype(np.float64)
        values = tf * rows[:, 0]
        norm = math.sqrt(float(np.dot(values, values))) or 1.0
        return float(np.dot(values, rows[:, 1])) / norm + self.intercept

    def urgent(self, folded: str) -> bool:
        return self.log_odds(folded) >= self._cut

    def sure(self, folded: str, at_least: float = 0.0) -> bool:
        """Surely an emergency, whatever the word lists find: "sleeping in my car since sunday, they went
        to the apartment asking for me" names no officer, custody or court, and each new round of
        writers sends such messages. The threshold is high enough that, cross-validated, it adds at
        most one false emergency in a thousand calm messages (``make urgency-model``); ``at_least``, a
        probability, raises it where the words hedge (:data:`bot.urgency.HEDGED_SURE`)."""
        cut = max(self._sure_cut, math.log(at_least / (1 - at_least))) if at_least > 0 else self._sure_cut
        return self.log_odds(folded) >= cut

    def worrying(self, folded: str) -> bool:
        """Likely enough an emergency that whatever the reply is, it opens with the emergency line: each
        new round of writers sends a few emergencies in words nothing else reads as one ("42 st, 3 cars,
        10 people, now"), and a number at the top of the first SMS is what such a person needs. The
        threshold is chosen cross-validated so that the line goes to few calm messages (``make
        urgency-model``; the figures are in the README, "How it answers")."""
        return self._line_cut != math.inf and self.log_odds(folded) >= self._line_cut

    def calm(self, folded: str) -> bool:
        """Surely no emergency: a message the model finds this unlike every emergency it has read.
        Never one it cannot read at all ("🚨🚐👮👮": no word, so no n-gram, to judge)."""
        odds = self.log_odds(folded)
        return odds != -math.inf and odds < self._calm_cut
