"""How well the bot answers messages it was never tuned on (``make eval``).

Each labelled set is JSON lines: ``{"text", "lang", "id", "alt", "urgent"}`` and,
for out-of-scope messages, ``"kind"`` (tax-preparation, immigration-case,
public-benefits, small-talk, spam, other). Every message is answered alone,
as a first SMS, through the same core as ``taxbot ask --json -``.

Printed per set and per language:

* **top-1**: in-scope questions answered with the right entry (or an accepted ``alt``);
* **reach**: the right entry answered or offered among the numbered suggestions;
* **precision**: of all FAQ answers given (in-scope and out-of-scope), the share that is right;
* **oos-ans**: out-of-scope messages answered with an FAQ entry (want: none);
* **redir**: out-of-scope messages of a redirect kind that got that redirect;
* **urgent** and **false-urg**: urgent recall, and calm messages treated as urgent;
* **phone**: urgent messages whose first SMS carries a phone number;
* **lang**: language right, on messages of 3+ words (every Chinese and Korean one).

A row of kind ``calm`` is labelled only as not urgent (the ``urgency`` set): it
counts for false-urg and nothing else.

Sets: every folder in ``tests/data`` (README, "Answer quality", says what each is): the tuning
ones (``calibration``, ``tuning`` to ``tuning5``, ``messages``) that thresholds and content were
grown on, the held-out ones (``heldout``, ``heldout2``, ``heldout3``) never used to choose
anything, and ``urgency`` to ``urgency5`` (indirect emergencies and calm look-alikes, used to
grow the ``[urgent]`` lists);
``--set FILE`` (repeatable) measures other sets instead, such as a development set
outside the repository.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

from bot.check import load_checked
from bot.config import DEFAULT_CONFIG, load_config
from bot.conversation import Conversation, Inbound, Reply
from bot.session import Session

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"


def every_set() -> list[Path]:
    """Every folder of ``.jsonl`` files in ``tests/data``: a new set is measured once it is there."""
    return sorted(path for path in DATA.iterdir() if path.is_dir() and any(path.glob("*.jsonl")))
PHONE = re.compile(r"\d{3}\D{0,2}\d{3}\D?\d{4}")
COLUMNS = ("top-1", "reach", "precision", "oos-ans", "redir", "urgent", "false-urg", "phone", "lang")


def load_set(path: Path) -> list[dict[str, object]]:
    """A set is one ``.jsonl`` file or a folder of them (one per language)."""
    files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
    return [
        json.loads(line) for f in files for line in f.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


def answer_all(conversation: Conversation, items: Iterable[dict[str, object]]) -> list[Reply]:
    return [conversation.respond(Inbound(text=str(item["text"])), Session())[0] for item in items]


def tally(items: list[dict[str, object]], replies: list[Reply]) -> dict[str, Counter[str]]:
    """Counts per language (and ``all``) from which every figure is a ratio."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for item, reply in zip(items, replies, strict=True):
        wanted = {item["id"], *item.get("alt", [])} - {None}  # type: ignore[misc]
        urgent = bool(item.get("urgent"))
        for key in (str(item["lang"]), "all"):
            c = counts[key]
            if urgent:
                c["urgent"] += 1
                c["urgent_hit"] += reply.urgent
                c["phone"] += bool(PHONE.search(reply.parts[0] if reply.parts else ""))
            else:
                c["calm"] += 1
                c["false_urgent"] += reply.urgent
            if item.get("kind") == "calm":
                continue
            if reply.entry_id is not None and reply.kind == "answer":
                # An emergency's reply may also answer the tax question asked (bot.conversation,
                # _also_answered): with the emergency first, it is right for an emergency.
                c["answers"] += 1
                c["answers_right"] += reply.entry_id in wanted or (urgent and reply.urgent)
            if item["id"] is None:
                c["oos"] += 1
                c["oos_answered"] += reply.kind == "answer"
                kind = str(item.get("kind", "other"))
                if kind != "other":
                    c["redirectable"] += 1
                    c["redirected"] += redirected(reply, kind)
            elif not urgent:
                c["in"] += 1
                right = reply.kind == "answer" and reply.entry_id in wanted
                c["top1"] += right
                c["reach"] += right or bool(wanted & set(reply.suggestions))
            if len(str(item["text"]).split()) >= 3 or item["lang"] in ("zh", "ko"):
                c["lang_n"] += 1
                c["lang_ok"] += reply.lang == item["lang"]
    return counts


def redirected(reply: Reply, kind: str) -> bool:
    """The reply a redirect kind should get; "hi" and "thanks" get their own polite commands."""
    return reply.redirect == kind or (kind == "small-talk" and reply.kind in ("menu", "command"))


def figures(c: Counter[str]) -> dict[str, float | None]:
    def ratio(num: str, den: str) -> float | None:
        return c[num] / c[den] if c[den] else None

    return {
        "top-1": ratio("top1", "in"),
        "reach": ratio("reach", "in"),
        "precision": ratio("answers_right", "answers"),
        "oos-ans": ratio("oos_answered", "oos"),
        "redir": ratio("redirected", "redirectable"),
        "urgent": ratio("urgent_hit", "urgent"),
        "false-urg": ratio("false_urgent", "calm"),
        "phone": ratio("phone", "urgent"),
        "lang": ratio("lang_ok", "lang_n"),
    }


def table(name: str, counts: dict[str, Counter[str]]) -> str:
    head = f"{name:<14}" + "".join(f"{col:>10}" for col in COLUMNS) + f"{'n':>6}"
    rows = [head]
    for lang in sorted(counts, key=lambda k: (k == "all", k)):
        values = figures(counts[lang])
        cells = "".join(f"{'-' if v is None else f'{v:.3f}':>10}" for v in values.values())
        rows.append(f"{lang:<14}{cells}{sum(counts[lang][k] for k in ('in', 'oos', 'urgent')):>6}")
    return "\n".join(rows)


def misses(items: list[dict[str, object]], replies: list[Reply]) -> Iterable[str]:
    for item, reply in zip(items, replies, strict=True):
        wanted = {item["id"], *item.get("alt", [])} - {None}  # type: ignore[misc]
        if item.get("urgent"):
            bad = not reply.urgent
        elif item.get("kind") == "calm":
            bad = False
        elif item["id"] is None:
            kind = str(item.get("kind", "other"))
            bad = reply.kind == "answer" or (kind != "other" and not redirected(reply, kind))
        else:
            bad = not (reply.kind == "answer" and reply.entry_id in wanted)
        if bad or (reply.urgent and not item.get("urgent")):
            got = reply.redirect or reply.entry_id or ",".join(reply.suggestions)
            want = item["id"] or item.get("kind")
            print_text = " ".join(str(item["text"]).split())[:110]
            yield f"  [{item['lang']}] want {want} got {reply.kind}:{got} ({reply.score:.2f}) {print_text}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", type=Path, default=DEFAULT_CONFIG)
    parser.add_argument("--set", action="append", type=Path, help="a .jsonl file or a folder of them")
    parser.add_argument("--show", type=int, default=0, help="print up to N wrong replies per set")
    parser.add_argument("--json", action="store_true", help="the figures as JSON")
    args = parser.parse_args(argv)
    conversation = Conversation(load_checked(load_config(args.config)))
    sets = args.set or every_set()
    report: dict[str, dict[str, dict[str, float | None]]] = {}
    for path in sets:
        items = load_set(path)
        replies = answer_all(conversation, items)
        counts = tally(items, replies)
        report[path.stem] = {lang: figures(c) for lang, c in counts.items()}
        if not args.json:
            print(table(path.stem, counts))
            for line in list(misses(items, replies))[: args.show]:
                print(line)
            print()
    if args.json:
        print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
