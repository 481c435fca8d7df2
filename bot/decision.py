"""Answer, suggest, redirect or admit not knowing: what a match's scores are sure enough for.

For a frightened family a confident wrong answer is worse than "I don't know,
here is who can help", so a score must mean something. The matcher ranks
every FAQ entry and every out-of-scope class (each redirect kind, and the
other not-covered examples) for a message; this module turns that ranking
into one of four outcomes, in this order:

1. **answer** the best entry, when its score reaches ``answer``, it beats the
   next entry by ``margin`` and no out-of-scope class comes close
   (``outside_margin``); or, whatever its score, when it stands clearly apart:
   ahead of the next entry by ``clear_margin`` and of every out-of-scope class
   by ``clear_outside_margin`` (a long message spreads its score over many
   words the FAQ never uses, so its best entry scores low even when nothing
   else comes near);
2. **suggest** up to ``max_suggestions`` entries, when the best entry reaches
   ``suggest`` but not the rest of 1 (the person picks by number);
3. **redirect**, when the best out-of-scope class is a redirect kind scoring
   at least ``redirect`` (tax preparation, an immigration case...);
4. otherwise the honest **fallback** with who can help.

The thresholds live in ``bot.toml`` ``[matcher]``; ``make calibrate`` chose them
on messages written apart from the FAQ so that an answer is right at least 19
times in 20 (README, "How the thresholds were chosen").
Owns: that decision. Must not: score text (:mod:`bot.matcher`) or write replies.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from bot.config import MatcherConfig
from bot.faq import REDIRECTS
from bot.matcher import Match


@dataclass(frozen=True)
class Decision:
    """What to do with a message: ``kind`` is answer, suggest, redirect or fallback."""

    kind: str
    score: float
    entry_id: str | None = None
    suggestions: tuple[str, ...] = ()
    redirect: str | None = None


def decide(match: Match, cfg: MatcherConfig, *, in_scope: bool = False) -> Decision:
    """``in_scope``: the message talks of both taxes or data and immigration enforcement, which is
    what this FAQ is about, so no out-of-scope class may win ("if i amend my return will ice see it").
    """
    entries = match.entries
    outside = () if in_scope else match.outside
    top_id, top = entries[0] if entries else ("", 0.0)
    # With no runner-up, nothing stands near the best: it is apart from all of them.
    second = entries[1][1] if len(entries) > 1 else -math.inf
    out_id, out = outside[0] if outside else ("", -math.inf)
    sure = top >= cfg.answer and top - second >= cfg.margin and top - out >= cfg.outside_margin
    clear = top - second >= cfg.clear_margin and top - out >= cfg.clear_outside_margin
    if entries and (sure or clear):
        return Decision("answer", top, entry_id=top_id)
    close = [name for name, score in entries if score >= cfg.suggest]
    if close and top > out:
        return Decision("suggest", top, suggestions=tuple(close[: cfg.max_suggestions]))
    if out_id.startswith(f"{REDIRECTS}/") and out >= cfg.redirect:
        return Decision("redirect", out, redirect=out_id.removeprefix(f"{REDIRECTS}/"))
    return Decision("fallback", max(top, out))
