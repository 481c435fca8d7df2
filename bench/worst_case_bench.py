"""No message may hold the event loop for long: the core on worst-case texts (``make bench``).

Each text of ``tests/data/worst_cases.json`` (the inputs that once made a
regular expression quadratic), cut to Telegram's longest message (4,096
characters), goes through the whole core as a first message. The target is
50 ms for the slowest one: while it runs, no other person is answered.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from bot.check import load_checked
from bot.config import DEFAULT_CONFIG, load_config
from bot.conversation import Conversation, Inbound
from bot.reload import freeze_content
from bot.session import Session

CASES = Path(__file__).resolve().parent.parent / "tests" / "data" / "worst_cases.json"
LONGEST = 4096
TARGET_MS = 50.0
ROUNDS = 5


def main() -> int:
    conversation = Conversation(load_checked(load_config(DEFAULT_CONFIG)))
    freeze_content()  # as `taxbot serve` does once content is loaded: no full collection walks it
    cases = json.loads(CASES.read_text(encoding="utf-8"))
    worst = 0.0
    print(f"{'text':<20}{'slowest of ' + str(ROUNDS) + ' (ms)':>22}")
    for case in cases:
        text = (case.get("prefix", "") + case["unit"] * case["times"])[:LONGEST]
        times = []
        for _ in range(ROUNDS):
            started = time.perf_counter()
            conversation.respond(Inbound(text, channel="telegram"), Session())
            times.append((time.perf_counter() - started) * 1000)
        worst = max(worst, max(times))
        print(f"{case['name']:<20}{max(times):>22.1f}")
    verdict = "within" if worst <= TARGET_MS else "OVER"
    print(f"slowest {worst:.1f} ms: {verdict} the {TARGET_MS:.0f} ms target")
    return 0 if worst <= TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
