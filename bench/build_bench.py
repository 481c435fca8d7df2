"""Building and loading one language's matcher index with a synthetic FAQ ``--factor`` times today's.

What a first start and a reload after an edit pay for that language (the build,
most of it the SVM's fit), and what a restart or a reload back to known content
pays (reading the built index from ``var/cache/``). The languages build in
parallel processes (two at once on this machine), so a whole start costs about
the sum over languages divided by the cores. The FAQ is scaled as
``match_bench.py`` scales it. Each phase runs once, in this process:

* build: features, postings and the SVM's fit, from an empty cache;
* build, SVM cached: the same with the fitted lines read from the cache
  (the difference is the fit);
* save and load: pickling the index into the cache and reading it back, with
  its size on disk and the memory the loaded copy holds (tracemalloc).

    .venv/bin/python bench/build_bench.py [--factor 50] [--lang en]
"""

from __future__ import annotations

import argparse
import tempfile
import time
import tracemalloc
from pathlib import Path

from match_bench import scaled  # bench/ is on the path when run as a script

from bot.built import load, save
from bot.check import load_checked
from bot.config import load_config
from bot.matcher import LanguageIndex, _inputs

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--factor", type=int, default=50)
    parser.add_argument("--lang", default="en")
    args = parser.parse_args()
    content = load_checked(load_config(ROOT / "bot.toml"))
    if args.factor > 1:
        content = scaled(content, args.factor)
    faq, lexicon, lang = content.faq, content.lexicons[args.lang], args.lang
    with tempfile.TemporaryDirectory() as name:
        cache = Path(name)
        started = time.perf_counter()
        index = LanguageIndex(lang, faq, lexicon, cache)
        build = time.perf_counter() - started
        started = time.perf_counter()
        index = LanguageIndex(lang, faq, lexicon, cache)
        rebuild = time.perf_counter() - started
        inputs = _inputs(lang, faq, lexicon)
        started = time.perf_counter()
        save(cache, f"index-{lang}", inputs, index)
        saved = time.perf_counter() - started
        size = sum(f.stat().st_size for f in cache.glob(f"index-{lang}-*.pickle"))
        del index
        tracemalloc.start()
        started = time.perf_counter()
        loaded = load(cache, f"index-{lang}", inputs)
        loading = time.perf_counter() - started
        held = tracemalloc.get_traced_memory()[0]
        tracemalloc.stop()
        assert loaded is not None
    print(
        f"{lang}, {args.factor}x: {len(faq.entries)} entries, {len(loaded.feature_ids):,} features; "
        f"build {build:.1f} s (of which the SVM's fit {build - rebuild:.1f} s); "
        f"save {saved:.2f} s, {size / 2**20:.1f} MB on disk; "
        f"load {loading:.2f} s, {held / 2**20:.1f} MB in memory"
    )


if __name__ == "__main__":
    main()
