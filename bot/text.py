"""Text normalisation shared by language detection, matching and commands.

People type on cheap phones: no accents, odd capitals, curly apostrophes,
shorthand ("q", "pq", "ppl"), Chinese and Korean without spaces and with
English words mixed in, Chinese in Traditional or Simplified characters.
Everything that compares text first passes it through :func:`fold`, so
"Migración", "migracion" and "MIGRACION" are one word, and so are "移民局來了"
and "移民局来了" (OpenCC's Traditional-to-Simplified tables, not a table of ours).
Owns: folding, script-aware tokenising, taking web addresses out, and the
phrase rewriter built from a language's shorthand and synonyms.
Must not: know any language's words (those live in ``locales/<lang>/language.toml``).
"""

from __future__ import annotations

import functools
import operator
import re
import unicodedata
from collections.abc import Iterable, Mapping
from itertools import islice
from typing import Any

import opencc

_APOSTROPHES = "'’ʼ`´‘"
# Web addresses in a message: "https://...", "www....", or a name before a common ending ("x.co/abc",
# "bit.ly"). The name is matched only from its start and possessively: with "\b[\w-]+\." a 4,096-character
# "x-x-x-..." with no dot was read again from every letter, 90 ms of one message (bench/worst_case_bench.py).
_LINK = re.compile(
    r"(?:https?://|www\.)\S+|(?<![\w-])[\w-]++\.(?:com|co|ly|net|org|io|me|info|biz|xyz|link|app|gl|to)\b(?:/\S*)?",
    re.IGNORECASE,
)
_SPECIAL = {"đ": "d", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "ł": "l", "ı": "i"}


def without_links(text: str) -> tuple[str, int]:
    """``text`` with each web address replaced by a space, and how many there were.

    A link's letters ("x.co", "bit.ly") say nothing about the question and mislead
    language detection; whether there was one still matters (a bare link is spam).
    """
    return _LINK.subn(" ", text)


def is_han(char: str) -> bool:
    code = ord(char)
    return 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0xF900 <= code <= 0xFAFF


def is_hangul(char: str) -> bool:
    code = ord(char)
    return 0xAC00 <= code <= 0xD7A3 or 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F


class _FoldTable(dict[int, str]):
    """``str.translate`` table that works out and remembers each character's folding."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        self[code] = out = _fold_char(char)
        return out


def _fold_char(char: str) -> str:
    if char in _APOSTROPHES:
        return ""
    if is_han(char) or is_hangul(char):
        return char
    if char in _SPECIAL:
        return _SPECIAL[char]
    if unicodedata.category(char) == "So" and ord(char) > 0x2000:
        # A pictograph is a word of its own: "🚐🚐👮 outside" is an alert, and a language's lists may
        # name one. Punctuation-like symbols below U+2000 ("°", "©") stay spaces.
        return f" {char} "
    if char.isalnum():
        base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
        # What is left may itself be special: "Ǽ" loses its accent to "Æ", which folds to "ae".
        base = "".join(_SPECIAL.get(c, c) for c in base.lower())
        return base if base.isalnum() else " "
    return " "


_TABLE = _FoldTable()


def _ascii_table() -> tuple[bytes, bytes]:
    """:data:`_TABLE` for ASCII text as ``bytes.translate`` takes it: each byte's folding (after
    casefold) and the bytes it deletes (apostrophes). Every ASCII character folds to one or none."""
    table, delete = bytearray(range(256)), bytearray()
    for code in range(128):
        out = _fold_char(chr(code).casefold())
        if out:
            table[code] = ord(out)
        else:
            delete.append(code)
    return bytes(table), bytes(delete)


_ASCII_TABLE, _ASCII_DELETE = _ascii_table()


@functools.lru_cache(maxsize=64)
def fold(text: str) -> str:
    """Lower-case, accent-free, punctuation-free text with single spaces, Chinese in Simplified.

    Vietnamese loses its tone marks too: people type it both ways, and folding
    both the message and the FAQ alike lets either form match. Chinese is
    written without spaces, so the spaces voice typing puts between its words
    ("被 移民局 抓 走 了") go. Remembered for the last few texts: the
    conversation and language detection fold the same message.
    """
    return _fold_ascii(text) if text.isascii() else _fold_any(text)


def _fold_ascii(text: str) -> str:
    """:func:`_fold_any` for ASCII text (most messages), where normalising changes nothing, casefold
    is lower-case, and one ``bytes.translate`` does what ``str.translate`` did a character at a time."""
    return " ".join(text.encode("ascii").translate(_ASCII_TABLE, _ASCII_DELETE).decode("ascii").split())


def _fold_any(text: str) -> str:
    folded = " ".join(unicodedata.normalize("NFKC", text).casefold().translate(_TABLE).split())
    if not has_han(folded):
        return folded
    simplified: str = _simplified().convert(_SPACE_IN_HAN.sub("", folded))
    return simplified


@functools.cache
def _simplified() -> opencc.OpenCC:
    """OpenCC's Traditional-to-Simplified converter (phrases, then characters), built on first use.

    Its Taiwan form ("tw2s"), not the plain one ("t2s"): Taiwan and Hong Kong write the particle of
    "拿著照片", "有人跟著我" with 著, which the plain tables keep (著 is Simplified too, as in 著名), so
    no phrase written "拿着" or "跟着" found them. Over the 12,035 messages with Chinese characters in
    the project's sets the two differ in that character alone.
    """
    return opencc.OpenCC("tw2s")


_HAN = "\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff"
_HANGUL = "\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f"
_ANY_HAN = re.compile(f"[{_HAN}]")
_SPACE_IN_HAN = re.compile(f"(?<=[{_HAN}]) (?=[{_HAN}])")
_ANY_CJK = re.compile(f"[{_HAN}{_HANGUL}]")
_RUNS = re.compile(rf"[{_HAN}]+|[{_HANGUL}]+|[^\W_{_HAN}{_HANGUL}]+|[^\w\s]")  # the last: a kept pictograph


def has_cjk(text: str) -> bool:
    """Whether any Chinese or Korean character is in ``text``.

    Most folded messages are ASCII, which Python knows of a string without reading it.
    """
    return not text.isascii() and _ANY_CJK.search(text) is not None


def has_han(text: str) -> bool:
    """Whether any Chinese character is in ``text`` (see :func:`has_cjk`)."""
    return not text.isascii() and _ANY_HAN.search(text) is not None


@functools.lru_cache(maxsize=64)
def runs(folded: str) -> tuple[str, ...]:
    """Split folded text into words, keeping a run of Chinese or Korean characters whole.

    "我的itin会被分享吗" → ("我的", "itin", "会被分享吗"). Remembered for the last few
    texts: language detection, phrase finding, matching and town finding all
    split the same message.
    """
    if folded.replace(" ", "").isalnum() and not has_cjk(folded):
        # Letters and digits between single spaces, as fold leaves most messages: the runs are the
        # words (str.isalnum is what the pattern's \w tests), found by one split instead of the pattern.
        return tuple(folded.split())
    return tuple(_RUNS.findall(folded))


# Characters of Chinese text that count as one word when judging a message's length.
HAN_CHARS_PER_WORD = 2


def word_count(folded: str) -> int:
    """How many words a message has, Chinese included, where no spaces mark them.

    "你好" is a greeting, but a 90-character Chinese paragraph that opens with
    it is a question: counted by spaces it would be one word long. Pictographs side by side are one
    word: "👮🏽‍♂️🚓🚓 Stop & Shop Lynn 😰" is as short an alert as "police stop and shop lynn" (its
    police officer is a pictograph, a skin tone and a sign joined into one).
    """
    if folded.isascii():  # most messages: no Chinese, no pictographs
        return len(runs(folded))
    count, after_pictograph = 0, False
    for token in runs(folded):
        pictograph = not token[0].isalnum()
        if pictograph:
            count += not after_pictograph
        else:
            count += -(-len(token) // HAN_CHARS_PER_WORD) if is_han(token[0]) else 1
        after_pictograph = pictograph
    return count


def starts_cjk(token: str) -> bool:
    """Whether a run from :func:`runs` is Chinese or Korean (:func:`script_of` is not "latin"): one C call."""
    return _ANY_CJK.match(token) is not None


def script_of(token: str) -> str:
    """ "han", "hangul" or "latin" (anything else spaced by words) for a run from :func:`runs`."""
    first = token[0]
    if is_han(first):
        return "han"
    if is_hangul(first):
        return "hangul"
    return "latin"


class _Node:
    """One word of a phrase trie: the words that may follow it, and what the phrase so far means.

    Walking a message's words down the trie finds every phrase that starts at a
    word with one dictionary look-up per word, however many phrases there are.
    """

    __slots__ = ("after", "labels", "replacement", "stems")

    def __init__(self) -> None:
        # Most nodes end a phrase and have neither: they share one empty dict, never written to
        # (add and add_stem give a node its own first), which keeps 1 MB of empty dicts out of memory.
        # Most of the others go on with one word only: a _One, not a dict (1.3 MB less).
        self.after: dict[str, _Node] | _One = _NOTHING_AFTER
        self.replacement: str | None = None  # a Rewriter's canonical form for the phrase ending here
        self.labels: frozenset[str] = frozenset()  # a PhraseFinder's labels for the phrase ending here
        # Wildcard words that may follow, by their stem's first two letters: (stem, label).
        self.stems: dict[str, list[tuple[str, str]]] = _NO_STEMS

    def add(self, words: Iterable[str], spellings: dict[str, str] | None = None) -> _Node:
        """The node ending ``words``, made as needed. ``spellings``: one string for each word across
        the trie ("my", "the" and "ice" begin or continue hundreds of phrases): 0.7 MB less at load,
        RSS after 3,000 webhooks 120.0 -> 119.2 MB (sixteenth session)."""
        node = self
        for word in words:
            child = node.after.get(word)
            if child is None:
                key = word if spellings is None else spellings.setdefault(word, word)
                child = _Node()
                if node.after is _NOTHING_AFTER:
                    node.after = _One(key, child)
                else:  # a dict from the second word that may follow
                    after = dict(node.after.items()) if isinstance(node.after, _One) else node.after
                    after[key] = child
                    node.after = after
            node = child
        return node

    def add_stem(self, stem: str, label: str) -> None:
        if self.stems is _NO_STEMS:
            self.stems = {}
        self.stems.setdefault(stem[:2], []).append((stem, label))


class _One:
    """The one word that may follow a trie node, and its node: what a one-entry dict does for the
    phrase walks (``get``, ``[]``, ``items``), in 48 bytes instead of a dict's 184."""

    __slots__ = ("key", "node")

    def __init__(self, key: str, node: _Node) -> None:
        self.key = key
        self.node = node

    def get(self, word: str) -> _Node | None:
        return self.node if word == self.key else None

    def __getitem__(self, word: str) -> _Node:
        if word != self.key:
            raise KeyError(word)
        return self.node

    def items(self) -> tuple[tuple[str, _Node]]:
        return ((self.key, self.node),)


_NOTHING_AFTER: dict[str, _Node] = {}
_NO_STEMS: dict[str, list[tuple[str, str]]] = {}


class Rewriter:
    """Replaces shorthand and synonyms with one canonical form, longest phrase first.

    Latin-script phrases replace whole words only ("q" must not touch "que");
    Chinese and Korean phrases are replaced wherever they occur.
    """

    def __init__(self, mapping: Mapping[str, str]) -> None:
        self._words = _Node()
        self._anywhere: list[tuple[str, str]] = []
        for phrase, canonical in mapping.items():
            if not phrase or phrase == canonical:
                continue
            if any(is_han(c) or is_hangul(c) for c in phrase):
                self._anywhere.append((phrase, canonical))
            elif phrase.split():
                self._words.add(phrase.split()).replacement = canonical
        self._anywhere.sort(key=lambda pair: len(pair[0]), reverse=True)

    def __call__(self, folded: str) -> str:
        if self._anywhere and has_cjk(folded):  # these phrases all hold a Chinese or Korean character
            for phrase, canonical in self._anywhere:
                if phrase in folded:
                    folded = folded.replace(phrase, f" {canonical} ")
        words = runs(folded)  # "我的tax return" → 我的, tax, return
        first = self._words.after
        out: list[str] = []
        i = 0
        while i < len(words):
            node = first.get(words[i])
            if node is None:
                out.append(words[i])
                i += 1
                continue
            # The longest phrase that starts here wins.
            end, replacement = i + 1, node.replacement
            j = i + 1
            while j < len(words) and (node := node.after.get(words[j])) is not None:
                j += 1
                if node.replacement is not None:
                    end, replacement = j, node.replacement
            out.append(words[i] if replacement is None else replacement)
            i = end
        return " ".join(out)


WORD_CACHE = 4096  # words a PhraseFinder remembers the phrases of
_NOTHING: tuple[frozenset[str], None] = (frozenset(), None)  # most words: shared, not one tuple each


class PhraseFinder:
    """Tells which labelled phrases occur in folded text (e.g. which kinds of urgent words).

    Latin-script phrases are looked up by walking the message's words down a
    trie of phrases, which stays fast however many phrases a language lists; a
    trailing ``*`` matches any ending of the last word. Chinese and Korean
    phrases match anywhere.
    """

    def __init__(self, labelled: Mapping[str, Iterable[str]]) -> None:
        self._words = _Node()
        # Chinese and Korean phrases by their first two characters (one-character phrases by
        # that character): only the keys among a message's characters and pairs are looked at.
        self._anywhere: dict[str, list[tuple[str, str]]] = {}
        self._starts: dict[str, tuple[frozenset[str], _Node | None]] = {}  # see _start
        # Nodes with the same labels share one set: 7,821 labelled nodes hold 307 different sets
        # (twelfth session), 216 bytes each kept once instead of once a node (1.6 MB).
        shared: dict[frozenset[str], frozenset[str]] = {}
        spellings: dict[str, str] = {}
        for label, phrases in labelled.items():
            for phrase in phrases:
                self._add(phrase, label, shared, spellings)
        self._anywhere_keys = frozenset(self._anywhere)

    def _add(
        self, phrase: str, label: str, shared: dict[frozenset[str], frozenset[str]], spellings: dict[str, str]
    ) -> None:
        stem = phrase.rstrip("*")
        if any(is_han(c) or is_hangul(c) for c in stem):
            self._anywhere.setdefault(stem[:2], []).append((stem, label))
            return
        words = runs(stem)
        if not words:
            return
        if phrase.endswith("*"):
            node = self._words.add(words[:-1], spellings)
            node.add_stem(words[-1], label)
        else:
            node = self._words.add(words, spellings)
            labels = node.labels | {label}
            node.labels = shared.setdefault(labels, labels)

    def __call__(self, folded: str) -> set[str]:
        found: set[str] = set()
        if self._anywhere and has_cjk(folded):
            # One set intersection finds the keys the text holds, instead of a look-up per character.
            pairs = set(map(operator.add, folded, folded[1:]))  # each character with the next
            for key in self._anywhere_keys.intersection(pairs.union(folded)):
                for phrase, label in self._anywhere[key]:
                    if phrase in folded:
                        found.add(label)
        words = runs(folded)
        starts = self._starts
        for i, word in enumerate(words):
            start = starts.get(word) or self._start(word)
            if start is _NOTHING:  # most words: no phrase has them
                continue
            labels, node = start
            if labels:
                found |= labels
            j = i + 1
            while node is not None and j < len(words):
                if node.stems:
                    _add_stems(found, node.stems, words[j])
                node = node.after.get(words[j])
                if node is not None and node.labels:
                    found |= node.labels
                j += 1
        return found

    def _start(self, word: str) -> tuple[frozenset[str], _Node | None]:
        """What a word alone says (its one-word phrases and wildcards) and the longer phrases it begins.

        Remembered per word, as the matcher remembers words: most of a message's words were seen before.
        """
        found: set[str] = set()
        if self._words.stems:
            _add_stems(found, self._words.stems, word)
        node = self._words.after.get(word)
        labels = found | node.labels if node else found
        result = (frozenset(labels), node) if labels or node else _NOTHING
        if len(self._starts) >= WORD_CACHE:
            _forget_older_half(self._starts)  # bounded; the words of the last few messages stay
        self._starts[word] = result
        return result


def _forget_older_half(cache: dict[str, Any]) -> None:
    """Drop the first half of a word cache in insertion order. Clearing it all made every everyday
    word of the next messages new again: over 4,000 varied messages half the look-ups were repeats."""
    for word in list(islice(cache, len(cache) // 2)):
        del cache[word]


def _add_stems(found: set[str], stems: Mapping[str, list[tuple[str, str]]], word: str) -> None:
    """The labels of the wildcard stems ``word`` starts with (stems keyed by their first two letters)."""
    for stem, label in stems.get(word[:2], ()):
        if word.startswith(stem):
            found.add(label)
    if len(word) > 1:
        for stem, label in stems.get(word[0], ()):
            if word.startswith(stem):
                found.add(label)
