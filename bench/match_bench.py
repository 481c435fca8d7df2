"""Matching speed: per-message time with today's FAQ and with a synthetic FAQ ``--factor`` times larger.

Run with `make bench` (or `.venv/bin/python bench/match_bench.py`). It answers the
messages in tests/data/messages/ through the whole conversation core (language
detection, urgency rules, matching, reply text) and reports median and p99 per
message, so growth with content size is visible. Targets (README): median under
0.5 ms with today's content, and growth well below the factor for larger content.
``--ask`` times the command line instead, as a reviewer would: one `taxbot ask
--json -` over all the messages less one with none, per message. ``--once``
answers each message once in one process loaded as `taxbot ask` loads, and
``--held-out`` takes the distinct messages of every held-out and tuning set
(how the issue times the core) instead of tests/data/messages/.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bot.check import load_checked
from bot.cli import JSON_LINE, as_json
from bot.config import load_config
from bot.content import Content
from bot.conversation import Conversation, Inbound
from bot.faq import Faq
from bot.reload import freeze_content
from bot.session import Session
from bot.svm import fit_cache

ROOT = Path(__file__).resolve().parent.parent
# Builds run in other processes as in `taxbot serve` (this file's top level is guarded), so
# the timed process holds what a server holds (bot.matcher._main_is_taxbot).
BUILD_APART = True


def messages(path: Path | None = None, held_out: bool = False) -> list[str]:
    """tests/data/messages/, or one message per line of ``path`` (``--messages``), or with ``held_out``
    the distinct texts of every held-out and tuning set, seven languages (``--held-out``): how the
    issue times the core, with messages the bench never saw, many of them long."""
    if path is not None:
        return [line.rstrip("\n") for line in path.open(encoding="utf-8") if line.strip()]
    data = ROOT / "tests" / "data"
    files = [*data.glob("heldout*/*.jsonl"), *data.glob("tuning*/*.jsonl")] if held_out else []
    texts = []
    for path in sorted(files or (data / "messages").glob("*.jsonl")):
        texts += [json.loads(line)["text"] for line in path.open(encoding="utf-8") if line.strip()]
    return list(dict.fromkeys(" ".join(text.split()) for text in texts)) if held_out else texts


def scaled(content: Content, factor: int, seed: int = 1) -> Content:
    """Each entry copied ``factor`` times, each copy's examples shuffled with words from other entries.

    The copies share most vocabulary with the originals, as new entries on related
    topics would, so the index grows in entries, postings and vocabulary at once.
    """
    rnd = random.Random(seed)
    vocab: dict[str, list[str]] = {}
    for entry in content.faq.entries.values():
        for lang, text in entry.texts.items():
            vocab.setdefault(lang, []).extend(w for q in text.questions for w in q.split())
    entries = dict(content.faq.entries)

    def noisy(phrase: str, lang: str) -> str:
        words = phrase.split()
        for _ in range(2):
            words.insert(rnd.randrange(len(words) + 1), rnd.choice(vocab[lang]))
        return " ".join(words)

    for copy in range(1, factor):
        for entry in content.faq.entries.values():
            texts = {
                lang: dataclasses.replace(
                    text,
                    questions=tuple(noisy(q, lang) for q in text.questions),
                    keywords=tuple(noisy(k, lang) for k in text.keywords),
                )
                for lang, text in entry.texts.items()
            }
            clone = dataclasses.replace(entry, id=f"{entry.id}-{copy}", texts=texts, related=())
            entries[clone.id] = clone
    return dataclasses.replace(content, faq=Faq(entries, content.faq.not_covered))


def measure(content: Content, texts: list[str], rounds: int) -> dict[str, float]:
    """Build with an empty cache (a first start), then again from it (a restart), then answer."""
    with tempfile.TemporaryDirectory() as folder:
        # The build cache is var/cache/ next to bot.toml: a fresh folder is a first start.
        config = dataclasses.replace(content.config, path=Path(folder) / "bot.toml")
        content = dataclasses.replace(content, config=config)
        started = time.perf_counter()
        Conversation(content)
        cold = time.perf_counter() - started
        before = _rss_mib()
        started = time.perf_counter()
        conversation = Conversation(content)
        build = time.perf_counter() - started
        memory = _rss_mib() - before
    freeze_content()  # as `taxbot serve` does once content is loaded
    for entry in content.faq.entries.values():  # warm up; not the measured messages
        for text in entry.texts.values():
            conversation.respond(Inbound(text.title), Session())
    timings = []
    for _ in range(rounds):
        for text in texts:
            t0 = time.perf_counter()
            conversation.respond(Inbound(text), Session())
            timings.append((time.perf_counter() - t0) * 1000)
    timings.sort()
    return {
        "entries": len(content.faq.entries),
        "cold_s": cold,
        "build_s": build,
        "index_mib": memory,
        "median_ms": statistics.median(timings),
        "p99_ms": timings[int(len(timings) * 0.99) - 1],
        "messages": len(timings),
    }


def each_once(texts: list[str]) -> str:
    """Per-message CPU time in one process that loads content as `taxbot ask` does and answers each
    message once (every cache starts empty), with its line of JSON: mean, median and p99."""
    config = load_config(ROOT / "bot.toml")
    conversation = Conversation(load_checked(config, fit_cache(config.path)))
    freeze_content()
    timings = []
    for text in texts:
        started = time.process_time()
        reply, _ = conversation.respond(Inbound(text), Session())
        JSON_LINE.encode(as_json(reply))
        timings.append((time.process_time() - started) * 1000)
    mean, timings = statistics.mean(timings), sorted(timings)
    return (
        f"each of {len(timings)} messages once, in process: mean {mean:.3f}, "
        f"median {statistics.median(timings):.3f}, p99 {timings[int(len(timings) * 0.99) - 1]:.3f} ms"
    )


def ask_cost(path: Path, rounds: int) -> str:
    """What `taxbot ask --json -` costs a message read from ``path``, as a reviewer would time it.

    One fresh process answers every line once (the caches start empty, so each
    new word and each answer's first composition is paid), less what the same
    command costs with no input (its start-up). CPU time, the best of
    ``rounds`` runs, so other work on the machine weighs less.
    """
    count = sum(1 for line in path.open(encoding="utf-8") if line.strip())
    full = min(_ask_seconds(path) for _ in range(rounds))
    empty = min(_ask_seconds(Path(os.devnull)) for _ in range(rounds))
    return f"taxbot ask --json - over {count} messages: {(full - empty) / count * 1000:.3f} ms a message"


def _ask_seconds(path: Path) -> float:
    """CPU seconds (user and system) of one `taxbot ask --json -` with ``path`` as its input."""
    with path.open("rb") as stdin:
        command = [sys.executable, "-m", "bot", "ask", "--json", "-"]
        process = subprocess.Popen(command, cwd=ROOT, stdin=stdin, stdout=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
    if status != 0:
        raise SystemExit(f"taxbot ask failed ({status})")
    return usage.ru_utime + usage.ru_stime


def _joined(texts: list[str], folder: Path) -> Path:
    """The messages one a line (a message's own line breaks become spaces), in a file for `ask`."""
    path = folder / "messages.txt"
    path.write_text("".join(" ".join(text.split()) + "\n" for text in texts), encoding="utf-8")
    return path


def _rss_mib() -> float:
    """Resident memory of this process now (Linux), to see what an index adds."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize() / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    # 10, not 50: the SVM behind the matcher trains one line per class over every example, so its
    # build time grows with classes x examples (README, "Speed"); at 50x it takes most of an hour.
    parser.add_argument("--factor", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=1, help="times each message is answered")
    parser.add_argument(
        "--messages", type=Path, help="a file of messages, one a line (default: tests/data/messages)"
    )
    parser.add_argument(
        "--held-out",
        action="store_true",
        help="the distinct messages of tests/data/heldout*/ and tuning*/ (instead of tests/data/messages)",
    )
    parser.add_argument(
        "--once",
        action="store_true",
        help="in one process as `taxbot ask` loads, each message once: CPU a message (mean, median, p99)",
    )
    parser.add_argument(
        "--ask",
        action="store_true",
        help="time `taxbot ask --json -` over the messages, each once, less its start-up (CPU a message)",
    )
    args = parser.parse_args()
    texts = messages(args.messages, args.held_out)
    if args.once:
        print(each_once(texts))
        return
    if args.ask:
        with tempfile.TemporaryDirectory() as folder:
            print(ask_cost(args.messages or _joined(texts, Path(folder)), max(args.rounds, 3)))
        return
    content = load_checked(load_config(ROOT / "bot.toml"))
    base = measure(content, texts, args.rounds)
    big = measure(scaled(content, args.factor), texts, args.rounds)
    header = f"{'FAQ':<12}{'entries':>8}{'cold s':>8}{'cached s':>9}{'+RSS MiB':>9}"
    print(f"{header}{'median ms':>11}{'p99 ms':>9}")
    for name, row in (("today", base), (f"{args.factor}x", big)):
        print(
            f"{name:<12}{row['entries']:>8}{row['cold_s']:>8.2f}{row['build_s']:>9.2f}{row['index_mib']:>9.1f}"
            f"{row['median_ms']:>11.3f}{row['p99_ms']:>9.3f}"
        )
    print(
        f"growth for {args.factor}x content: median x{big['median_ms'] / base['median_ms']:.1f}, "
        f"p99 x{big['p99_ms'] / base['p99_ms']:.1f} ({base['messages']} + {big['messages']} answers)"
    )


if __name__ == "__main__":
    main()
