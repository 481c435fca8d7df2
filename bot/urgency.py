"""Is someone in danger right now? (ICE at the door, a detention, a hearing.)

Missing an emergency is the worst mistake this bot can make, so urgent
messages are found before any FAQ matching, and the rules lean towards
"urgent". Each language's ``language.toml`` lists kinds of urgent words:

* ``alone``: phrases that alone mean danger now ("at the door", "lo detuvieron");
* ``enforcer``, ``nearby``, ``detention``, ``court``, ``person``: words that
  together mean danger ("ICE" + "outside", "detained" + "my husband");
* ``hypothetical``, ``topic`` and ``news``: words of a calm question ("if",
  "taxes", "an article said a judge blocked..."), which weigh against the
  combinations but never against an ``alone`` phrase;
* ``settled``: an arrest that is over ("was released", "the case was
  closed"), traffic court or a record check for a job, and ``now``: words of
  today ("right now", "tonight", "still in detention"). Settled words with no
  word of today take from ``alone`` phrases their power to decide alone: "they
  arrested my cousin, he was released and has papers now, should he file?" is
  a question, and "he was released, but this morning they took him again"
  stays an emergency. The reply to a settled message that names custody still
  carries the emergency line (:func:`mentions_danger`). Years and "last year"
  are no such words: people name past tax years all the time, in emergencies too;
* ``calm``: the person says it is no emergency ("not urgent, just curious").
  Nothing makes such a message urgent; its reply still carries the emergency
  line when it names officers, custody or a court;
* ``plea``: a cry for help ("help me", "socorro"), which with a street address
  and little else is an alert (:func:`short_alert`);
* ``instant``: a bare "now" ("ahora", "kounya", "现在"), in too many questions to weigh
  anything ("itin 现在危险吗"), but with a named town or street and little else an alert people
  post so ("Mattapan. kounya. 2 van.", "Lowell. trước cửa tiệm. bây giờ."; :func:`short_alert`);
* ``spot``: a named store or spot where people are taken ("Market Basket", "超市", "the parking lot"):
  with a bare "now" and little else, it says where as a town or a street does ("福源超市 now");
* ``turn``: where a long message turns to something else ("...my W-2. But
  right now two vans are outside", "otra cosa"): the words after each
  turn are weighed alone too (:func:`after_turns`), or the tax question before
  them would calm the emergency. Weighs nothing itself.

Owns: those rules. Must not: know any language's words.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from bot.lexicon import URGENT_KINDS, Lexicon

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
    "settled": -1.5,
}
THRESHOLD = 1.75
# An ``alone`` phrase in a settled message still counts, as one strong word among the others.
ALONE_WHEN_SETTLED = 1.0
# Kinds of words that say who or what, where "nearby" says only when or where (leans_urgent).
SIGNS_OF_DANGER = frozenset({"enforcer", "detention", "court", "person"})
# "ICE on Broadway NOW": a message this short naming officers, with nothing calm in it, is an alert.
SHORT_ALERT_WORDS = 5
# The label the conversation adds when a plea or, in a few words, officers or a bare "now" come with a
# street address ("45 Elm St apt 3, help"; "Elm St 👮🚐"): someone is telling where help must come.
ADDRESS = "address"
# A street, a town, a floor and a plea fill more words than "ICE on Broadway NOW".
ADDRESS_PLEA_WORDS = 8
# The label the conversation adds when a message with a bare "now" names a town or a street: "Lowell.
# trước cửa tiệm. bây giờ." (Lowell, in front of the shop, now), in a few words, is an alert; as many
# as a street, a town and a plea ("东波士顿 超市后门 现在 四个人" counts seven).
PLACE = "place"
INSTANT_WORDS = 8
# The fewest words the learned net reads alone, and the kinds of words that keep it from deciding
# alone (net_may_decide_alone): a tax, rights or news question. Not "if" or "should": frightened people
# ask what to do ("o trong hay chay", stay inside or run?).
NET_ALONE_WORDS = 6
CALM_QUESTION = frozenset({"topic", "hypothetical", "news"})
NET_ALONE_BLOCKERS = frozenset({"topic", "news"})
# With such a word ("if", "can", "hay"), a question about what could happen as often as a cry for help,
# the net alone must be nearly certain: "người có lệnh trục xuất từ lâu mà chưa đi có bị nhắm tới không"
# (are people with an old removal order targeted?) scored 0.92.
HEDGED_SURE = 0.99


def urgent_phrases(lexicons: Mapping[str, Lexicon]) -> dict[str, tuple[str, ...]]:
    """Every language's urgent words, labelled ``"<lang>:urgent:<kind>"`` for a :class:`PhraseFinder`."""
    return {
        f"{lang}:urgent:{kind}": lexicon.urgent[kind]
        for lang, lexicon in lexicons.items()
        for kind in URGENT_KINDS
    }


class _Reading:
    """One message's urgent-word labels grouped by language and kind, and its frame, worked out once.

    Every rule below looks at the same labels, several rules a message: the
    labels read last are grouped once, not again in each rule.
    """

    __slots__ = ("by_lang", "anywhere", "frame")

    def __init__(self, found: Iterable[str]) -> None:
        self.by_lang: dict[str, set[str]] = {}
        for label in found:
            lang, urgent, kind = label.partition(":urgent:")
            if urgent:
                self.by_lang.setdefault(lang, set()).add(kind)
        self.anywhere: set[str] = set().union(*self.by_lang.values())
        self.frame = _frame_of(self.anywhere)

    def kinds(self, langs: Iterable[str]) -> set[str]:
        return set().union(*(self.by_lang.get(lang, ()) for lang in langs))


_last: list[tuple[frozenset[str], _Reading]] = []  # the last labels read and their reading


def _read(found: Iterable[str]) -> _Reading:
    """The reading of ``found``: the one kept when these are the labels read last (one message's
    rules follow each other), else a new one, kept instead."""
    labels = frozenset(found)
    last = _last[0] if _last else None  # one read: another thread may replace it, never change it
    if last is not None and last[0] == labels:
        return last[1]
    reading = _Reading(labels)
    _last[:] = [(labels, reading)]
    return reading


def _kinds(found: Iterable[str], langs: Iterable[str]) -> set[str]:
    """The kinds of urgent words found in any of ``langs``, counted together."""
    return _read(found).kinds(langs)


def declared_calm(found: Iterable[str]) -> bool:
    """The person says, in any language, that this is no emergency."""
    return "calm" in _read(found).anywhere


def _frame(found: Iterable[str]) -> str | None:
    """How the message frames its emergency words, from all languages' words: ``"settled"`` (an
    arrest that is over), ``"heard"`` (news of raids elsewhere asked about tax data) or None.
    Either takes an ``alone`` phrase's power to decide, unless a word of today is there.
    """
    return _read(found).frame


def _frame_of(kinds: set[str]) -> str | None:
    """:func:`_frame` from the kinds of urgent words found in any language."""
    if "now" in kinds:
        return None
    if "settled" in kinds:
        return "settled"
    return "heard" if {"news", "topic"} <= kinds else None


def settled(found: Iterable[str]) -> bool:
    """Words of a settled past or an everyday court matter, in any language, and none of today."""
    return _frame(found) == "settled"


def heard_of(found: Iterable[str]) -> bool:
    """News of raids somewhere, asked about tax data ("saw on the news ICE raids in Chicago, was
    that from tax info?"), with no word of today: a question about others, not one's own danger.
    News with only a question of what could happen is not enough: "if" and "can" are in every
    kind of message, and "hearing Monday, no lawyer; last time the judge said if I'm not ready..."
    (urgency56) is an emergency whose "judge said" reads as news.
    """
    return _frame(found) == "heard"


def urgency_score(found: Iterable[str], lang: str) -> float:
    """Sum of the weights of the kinds of ``lang``'s urgent words among the labels found.

    In a settled message (:func:`settled`, any language's words) the settled weight
    counts once, and ``lang``'s ``alone`` phrases count as one strong word; in news
    heard of (:func:`heard_of`) they count so too.
    """
    labels = set(found)
    return _score(labels, lang, _frame(labels))


def _score(labels: set[str], lang: str, frame: str | None) -> float:
    """:func:`urgency_score`, with the :func:`_frame` already found (the same for every language)."""
    kinds = _read(labels).by_lang.get(lang, set()) - {"settled"}
    score = sum(WEIGHTS.get(kind, 0.0) for kind in kinds)
    if frame == "settled":
        score += WEIGHTS["settled"]
    if frame is not None:
        score += ALONE_WHEN_SETTLED * ("alone" in kinds)
    return score


def mentions_danger(found: set[str], langs: Iterable[str]) -> bool:
    """Talks of custody, a court, or officers, without adding up to an emergency.

    Such a reply still carries the emergency line: the rules may have missed a
    person in danger, and one short line costs little. The likely languages'
    words count together: French tax talk ("impots") calms a French "ICE" even
    where Spanish, the runner-up reading, has no word for it.
    """
    kinds = _kinds(found, langs)
    # A judge in a question about the lawsuits is not a hearing of one's own, and ICE in a
    # question about tax data is not an officer at the door; without such talk, either is.
    calm_talk = bool(kinds & {"topic", "news"})
    court = "court" in kinds and not calm_talk
    officers = "enforcer" in kinds and (bool(kinds & {"nearby", "person"}) or not calm_talk)
    return "detention" in kinds or court or officers


def has_danger_words(found: set[str], langs: Iterable[str]) -> bool:
    """Any word of officers, custody, a court, a place or a relative, in a likely language.

    A message with none ("I'm so scared") is no emergency for the matcher to find,
    however close its words come to the emergency entry's examples; nor is a
    settled one ("my cousin was detained and released"), which the word rules weighed.
    """
    if settled(found) or declared_calm(found):
        return False
    return any(WEIGHTS.get(kind, 0.0) > 0 for kind in _kinds(found, langs))


def has_alone_phrase(found: Iterable[str]) -> bool:
    """An emergency phrase that counts alone, in any language ("at the door", "lo detuvieron"):
    the learned net may never overrule one."""
    return "alone" in _read(found).anywhere


def leans_urgent(found: set[str], langs: Iterable[str]) -> bool:
    """A likely language's words weigh towards an emergency, short of :data:`THRESHOLD` or not, and
    name officers, custody, a court or a relative (a time or a place alone is no sign: "will it rain
    tomorrow in Framingham?") in a message neither settled nor said to be calm: where the learned
    net (:mod:`bot.urgency_model`) may add an emergency the words missed. A relative alone in a tax
    question ("should I get my wife an ITIN now?") leans nowhere: cross-validated over 102 sets, recall
    the same to four places (0.9995) and false urgent 0.0458 -> 0.0452; of the grown sets' messages it
    keeps from the net, 4 are emergencies (of 3,304), each caught by the rest of the conversation."""
    langs = list(langs)
    kinds = _kinds(found, langs)
    signs = kinds & SIGNS_OF_DANGER
    if not signs or declared_calm(found):
        return False  # most calm messages stop here, at one look at each label
    if signs == {"person"} and "topic" in kinds:
        return False  # a tax question asked for a relative
    frame = _frame(found)
    return frame != "settled" and any(_score(found, lang, frame) > 0 for lang in langs)


def net_may_decide_alone(found: set[str], langs: Iterable[str], words: int) -> bool:
    """Where no word of danger leans, whether the learned net may still call the message surely
    urgent: where the words say nothing either way. Not said to be calm, not settled, no word of a
    tax or news question in a likely language ("taxes", "the news": "BAY GIO TOA CAM CHUA..." asks
    where the court case stands; an "if" or a "should" no longer keeps it out: urgency45's bakery
    workers asked "stay inside or run?"), and at least :data:`NET_ALONE_WORDS` words: a few give it too
    little to read ("lawyer?", "내일 날씨 어때요", "estoy en Chelsea" scored as surely urgent as a
    detention), and the emergencies it alone caught in a new round were seven words or more."""
    if words < NET_ALONE_WORDS or declared_calm(found) or settled(found):
        return False
    return not _kinds(found, langs) & NET_ALONE_BLOCKERS


def hedged(found: set[str], langs: Iterable[str]) -> bool:
    """A word of a question about what could happen ("if", "can", "có bị"), in a likely language."""
    return "hypothetical" in _kinds(found, langs)


def short_alert(found: set[str], langs: Iterable[str], words: int) -> bool:
    """A few words naming officers and nothing calm ("migra at market basket"): people post alerts so.
    So are a street address and a plea ("47 Maple St apt 2, help"), the words left once the address
    is taken out: someone saying where help must come, and a named town or street with a bare "now"
    ("revere, shirley ave. agora"). The plea and the "now" are any language's: so few words tell no
    language."""
    if words > ADDRESS_PLEA_WORDS or declared_calm(found) or settled(found):
        return False
    kinds = _kinds(found, langs)
    if kinds & CALM_QUESTION:
        return False
    anywhere = _read(found).anywhere
    if ADDRESS in found and "plea" in anywhere:
        return True
    if words <= INSTANT_WORDS and PLACE in found and "instant" in anywhere:
        return True
    return words <= SHORT_ALERT_WORDS and "enforcer" in kinds


def placed_alert(found: set[str], langs: Iterable[str], words: int) -> bool:
    """An alert in a few words that says where: a plea and where help must come ("ajuda, 2 andar"), a
    street and a bare "now" ("Mass Ave y Columbia Rd. ahora"), or officers with the street, their words
    adding up to an emergency ("norfolk st kwen an 👮🚐😰"). Judged on its words alone, for the learned
    net reads too little in so few to call it surely calm. A town and "now" is not among them: "is the
    red line running to quincy now" is a question the net may calm."""
    if ADDRESS not in found or words > ADDRESS_PLEA_WORDS:
        return False
    if _read(found).anywhere & {"plea", "instant"}:
        return short_alert(found, langs, words)
    officers = "enforcer" in _kinds(found, langs)
    return officers and (short_alert(found, langs, words) or is_urgent(found, langs))


def is_urgent(found: set[str], langs: Iterable[str]) -> bool:
    """Urgent if any language's emergency phrase occurs, or a likely language's words add up.

    Emergency phrases count in every language because a frightened person's
    message may be too short to tell its language; in a settled message they
    count with the other words instead.
    """
    if declared_calm(found):
        return False
    frame = _frame(found)  # found once, not again for each language
    if frame is None and "alone" in _read(found).anywhere:
        return True
    return any(_score(found, lang, frame) >= THRESHOLD for lang in langs)


def after_turns(folded: str, found: set[str], turns: Iterable[str]) -> list[str]:
    """The words after each place ``folded`` turns to something else, first turn first, when one of
    ``turns`` is in it (``found`` holds a ``turn`` label) and the message is not settled. News heard of
    before the turn ("lo que sale en las noticias... y otra cosa, a mi cuñado lo pararon") does not calm
    what follows: the words after the turn are weighed with their own frame. Every turn, not only the
    first: "also, can we get the child credit? also the men who came this morning took my brother"
    turns twice, and only the last words are the emergency.

    A Latin-script turn counts as whole words ("also", not "also" inside "falsely");
    a Chinese or Korean one anywhere, as their phrases are found.
    """
    if not any(label.endswith(":urgent:turn") for label in found) or _frame(found) == "settled":
        return []
    padded = f" {folded} "  # " also " is at the same index in padded as "also " in folded
    places: set[int] = set()
    for turn in turns:
        needle, text = (f" {turn} ", padded) if turn.isascii() else (turn, folded)
        at = text.find(needle)
        while at != -1:
            places.add(at)
            at = text.find(needle, at + 1)
    return [folded[at:] for at in sorted(places) if at > 0]  # a turn opening the message turns nothing
