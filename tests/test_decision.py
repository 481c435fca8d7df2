"""The four outcomes of a ranked match, each shown on scores made up to sit on either side of a threshold."""

from __future__ import annotations

from bot.config import MatcherConfig
from bot.decision import decide
from bot.faq import NOT_COVERED
from bot.matcher import Match, redirect_class

CFG = MatcherConfig(
    answer=0.10, suggest=0.05, margin=0.02, outside_margin=0.0, redirect=0.1, max_suggestions=3
)
TAX_PREP = redirect_class("tax-preparation")


def ranked(*pairs: tuple[str, float]) -> Match:
    return Match.of(dict(pairs))


def test_a_clear_best_entry_is_answered() -> None:
    decision = decide(ranked(("itin-what", 0.30), ("itin-shared", 0.12), (TAX_PREP, 0.05)), CFG)
    assert (decision.kind, decision.entry_id, decision.score) == ("answer", "itin-what", 0.30)


def test_two_entries_too_close_to_call_are_offered_as_choices() -> None:
    decision = decide(ranked(("itin-what", 0.30), ("itin-shared", 0.29), ("mou-what", 0.06)), CFG)
    assert decision.kind == "suggest"
    assert decision.suggestions == ("itin-what", "itin-shared", "mou-what")


def test_suggestions_stop_at_the_suggest_threshold_and_the_limit() -> None:
    few = decide(ranked(("a", 0.08), ("b", 0.07), ("c", 0.01)), CFG)
    assert few.suggestions == ("a", "b")
    many = decide(ranked(*((name, 0.09) for name in "abcde")), CFG)
    assert len(many.suggestions) == 3


def test_an_out_of_scope_kind_that_scores_higher_gets_its_redirect() -> None:
    decision = decide(ranked((TAX_PREP, 0.40), ("file-or-not", 0.30)), CFG)
    assert (decision.kind, decision.redirect, decision.entry_id) == ("redirect", "tax-preparation", None)


def test_an_entry_no_better_than_an_out_of_scope_class_is_not_answered() -> None:
    strict = MatcherConfig(answer=0.10, suggest=0.05, margin=0.0, outside_margin=0.05, redirect=0.1)
    decision = decide(ranked(("file-or-not", 0.30), (TAX_PREP, 0.27)), strict)
    assert decision.kind != "answer"


def test_not_covered_or_too_weak_a_redirect_is_the_honest_fallback() -> None:
    assert decide(ranked((NOT_COVERED, 0.5), ("itin-what", 0.2)), CFG).kind == "fallback"
    assert decide(ranked((TAX_PREP, 0.08), ("itin-what", 0.01)), CFG).kind == "fallback"
    assert decide(Match(), CFG).kind == "fallback"


def test_a_message_about_taxes_and_enforcement_both_is_never_redirected() -> None:
    match = ranked((TAX_PREP, 0.40), ("file-or-not", 0.30))
    decision = decide(match, CFG, in_scope=True)
    assert (decision.kind, decision.entry_id) == ("answer", "file-or-not")


def test_a_low_scoring_entry_far_ahead_of_every_other_class_is_answered() -> None:
    """A long message spreads its score over words the FAQ never uses; standing clearly apart still counts."""
    apart = ranked(("file-or-not", -0.01), ("itin-what", -0.13), (TAX_PREP, -0.20))
    decision = decide(apart, CFG)
    assert (decision.kind, decision.entry_id) == ("answer", "file-or-not")


def test_a_low_score_not_clearly_apart_is_not_answered() -> None:
    near_entry = ranked(("file-or-not", -0.01), ("itin-what", -0.08), (TAX_PREP, -0.20))
    near_outside = ranked(("file-or-not", -0.01), ("itin-what", -0.13), (TAX_PREP, -0.12))
    assert decide(near_entry, CFG).kind != "answer"
    assert decide(near_outside, CFG).kind != "answer"


def test_a_message_in_scope_has_no_out_of_scope_class_to_stand_apart_from() -> None:
    """With the out-of-scope classes set aside, the best entry is apart from them by any distance."""
    match = ranked(("mou-what-shared", 0.02), ("itin-shared", -0.13), (TAX_PREP, 0.01))
    assert decide(match, CFG).kind != "answer"
    decision = decide(match, CFG, in_scope=True)
    assert (decision.kind, decision.entry_id) == ("answer", "mou-what-shared")


def test_a_message_with_no_known_word_is_never_offered_an_empty_list() -> None:
    """An empty ranking scores 0.0, which reaches a suggest threshold of 0.0 (bot.toml's)."""
    at_zero = MatcherConfig(answer=0.05, suggest=0.0, margin=0.0, outside_margin=0.05, redirect=-0.1)
    assert decide(Match(), at_zero).kind == "fallback"
    assert decide(Match(), at_zero, in_scope=True).kind == "fallback"
