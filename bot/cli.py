"""The ``taxbot`` command: serve, ask, chat, and the staff's ``faq`` tools.

Owns: argument parsing and turning results into terminal output and exit codes.
Must not: contain conversation or content logic; it calls the modules that do.
"""

from __future__ import annotations

import argparse
import gc
import json
import logging
import os
import sys
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path

from bot import snapshot, stats
from bot.check import STRICT_KINDS, by_kind, check, load_checked, warning_summary
from bot.config import DEFAULT_CONFIG, Config, load_config
from bot.content import read_content
from bot.conversation import Conversation, Inbound, Reply
from bot.environment import read_environment
from bot.errors import BotError, ConfigError, ContentError
from bot.preview import CHANNELS, preview
from bot.session import Session
from bot.stamp import stamp
from bot.storage import Gap
from bot.svm import fit_cache

log = logging.getLogger(__name__)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    quiet_libraries()
    try:
        code = int(args.run(args))
        sys.stdout.flush()  # a reader that left early shows here when the output fit in the buffer
        return code
    except BotError as exc:
        print(f"taxbot: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return _reader_left()


# What a program killed by SIGPIPE returns (128 + 13): `taxbot faq list | head` is a normal early end.
BROKEN_PIPE = 141


def _reader_left() -> int:
    """The reader of our output (``| head``) has gone: stop quietly, without a traceback.

    Python flushes stdout again at exit, which would raise once more; pointing it at
    /dev/null first is what https://docs.python.org/3/library/signal.html#note-on-sigpipe advises.
    """
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return BROKEN_PIPE


# Libraries that log what identifies people or unlocks the bot: httpx logs every Bot API URL at
# INFO (with the token in it); python-telegram-bot logs whole updates (chat ids, names, text) and
# requests (the token) at DEBUG. They stay at WARNING and INFO whatever level the rest logs at.
QUIET_LOGGERS = {
    "httpx": logging.WARNING,
    "httpcore": logging.INFO,
    "telegram": logging.INFO,
    "hpack": logging.INFO,
}


def quiet_libraries() -> None:
    for name, level in QUIET_LOGGERS.items():
        logging.getLogger(name).setLevel(level)


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--config", type=Path, default=DEFAULT_CONFIG, help="path to bot.toml (default: ./bot.toml)"
    )
    parser = argparse.ArgumentParser(prog="taxbot", description=__doc__.splitlines()[0], parents=[common])
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    serve = commands.add_parser("serve", parents=[common], help="run the web server")
    serve.add_argument("--host", help="address to listen on (default from bot.toml)")
    serve.add_argument("--port", type=int, help="port to listen on (default from bot.toml)")
    serve.set_defaults(run=_serve)

    ask = commands.add_parser(
        "ask", parents=[common], help="answer one message, or one per stdin line with -"
    )
    ask.add_argument("text", nargs="+", help="the message, or - to read one message per line from stdin")
    ask.add_argument("--lang", help="answer in this language instead of detecting it")
    ask.add_argument("--json", action="store_true", help="print one JSON object per message")
    ask.add_argument("--channel", choices=CHANNELS, default="sms", help="format the reply for this channel")
    ask.set_defaults(run=_ask)

    chat = commands.add_parser("chat", parents=[common], help="talk to the bot in the terminal")
    chat.add_argument("--channel", choices=CHANNELS, default="sms", help="format replies for this channel")
    chat.set_defaults(run=_chat)

    doctor = commands.add_parser(
        "doctor", parents=[common], help="check a deployment before going live; exit 1 on a problem"
    )
    doctor.add_argument(
        "--env-file",
        type=Path,
        help="read the settings from this file (the unit's EnvironmentFile=) instead of the environment",
    )
    doctor.set_defaults(run=_doctor)

    telegram = commands.add_parser("telegram", parents=[common], help="Telegram set-up")
    telegram_commands = telegram.add_subparsers(required=True, metavar="ACTION")
    hook = telegram_commands.add_parser(
        "set-webhook", parents=[common], help="register the webhook, its secret and the command menus"
    )
    hook.set_defaults(run=_set_webhook)

    faq = commands.add_parser("faq", parents=[common], help="tools for the people who write the answers")
    faq_commands = faq.add_subparsers(required=True, metavar="ACTION")
    listing = faq_commands.add_parser(
        "list", parents=[common], help="every entry, its languages, date and sources"
    )
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(run=_faq_list)
    checking = faq_commands.add_parser("check", parents=[common], help="find problems before publishing")
    checking.add_argument("dir", nargs="?", type=Path, help="a FAQ folder (default: the configured one)")
    checking.add_argument(
        "--strict",
        action="store_true",
        help="before publishing: an emergency contact not verified by a call is an error, and "
        "stale or unstamped translations, hard-to-read answers and bad contact dates fail too (exit 1)",
    )
    checking.add_argument(
        "-v", "--verbose", action="store_true", help="list every warning (default: a count of each kind)"
    )
    checking.set_defaults(run=_faq_check)
    stamping = faq_commands.add_parser(
        "stamp", parents=[common], help="record that a translation now follows the current source answer"
    )
    stamping.add_argument("id", help="the entry, e.g. itin-what")
    stamping.add_argument("langs", nargs="+", metavar="LANG", help="one or more languages, e.g. es pt")
    stamping.add_argument("--reviewed", action="store_true", help="also mark it reviewed by a native speaker")
    stamping.set_defaults(run=_faq_stamp)
    counting = faq_commands.add_parser("stats", parents=[common], help="how complete each language is")
    counting.add_argument("--json", action="store_true")
    counting.set_defaults(run=_faq_stats)
    previewing = faq_commands.add_parser(
        "preview", parents=[common], help="an answer exactly as a channel sends it, with SMS cost"
    )
    previewing.add_argument("id", help="the entry, e.g. itin-what")
    previewing.add_argument("--lang", help="language (default: the source language)")
    previewing.add_argument("--channel", choices=CHANNELS, default="sms")
    previewing.set_defaults(run=_faq_preview)
    gaps = faq_commands.add_parser(
        "gaps", parents=[common], help="the questions people asked that got no answer, most frequent first"
    )
    gaps.add_argument("--lang", help="only this language")
    gaps.add_argument("--limit", type=int, default=30, help="how many to list (default 30)")
    gaps.add_argument("--json", action="store_true")
    gaps.set_defaults(run=_faq_gaps)
    return parser


def _config(args: argparse.Namespace) -> Config:
    return load_config(args.config)


def _serve(args: argparse.Namespace) -> int:
    """Serve the content, or (when its files have errors) the last good copy of it, reporting why."""
    from bot.app import run  # aiohttp is only needed here
    from bot.reload import keep_last_good

    _one_malloc_arena()
    fallback = None
    try:
        config = _config(args)
        content = load_checked(config, fit_cache(config.path))
    except (ConfigError, ContentError) as exc:
        saved = snapshot.load(args.config)
        if saved is None:
            raise
        config, content, when = saved
        fallback = f"the files have errors; serving the last good copy, checked {when:%Y-%m-%d %H:%M} UTC"
        log.error("%s:\n%s", fallback, exc)
    else:
        keep_last_good(config, content)
    env = read_environment(args.config.resolve().parent)
    run(config, content, env, host=args.host, port=args.port, source=args.config, fallback=fallback)
    return 0


def _one_malloc_arena() -> None:
    """Every thread of the server allocates from one malloc arena (glibc; elsewhere nothing changes).

    Content is read and built in threads besides the event loop's (a build's
    results arrive on the process pool's thread, a reload runs in a worker), and
    glibc gives each thread an arena of its own, which keeps what it held: 10 MB
    more after a first start or a reload. The server's threads rarely allocate
    at the same moment, so sharing one arena costs nothing measurable.
    """
    import contextlib
    import ctypes

    m_arena_max = -8  # from glibc's malloc.h
    with contextlib.suppress(OSError, AttributeError):  # not glibc: no such setting, nothing to do
        ctypes.CDLL(None).mallopt(m_arena_max, 1)


def _doctor(args: argparse.Namespace) -> int:
    """Findings for the config and the environment (or the env file the service reads)."""
    from bot import doctor

    if args.env_file is not None:
        try:
            env = doctor.read_env_file(args.env_file)
        except OSError as exc:
            print(f"taxbot: cannot read {args.env_file}: {exc.strerror}", file=sys.stderr)
            return 2
    else:
        env = dict(os.environ)
    return doctor.report(doctor.examine(args.config, env, args.env_file))


def _set_webhook(args: argparse.Namespace) -> int:
    """Register the webhook and per-language command menus with Telegram (or a local Bot API server)."""
    import asyncio

    from bot.channels.telegram_bot import build_application, register_webhook
    from bot.helpline import Helpline
    from bot.storage import Retention, open_store

    config = _config(args)
    env = read_environment(config.path.resolve().parent)
    token, secret, public_url = env.telegram_bot_token, env.telegram_webhook_secret, env.public_url
    if token is None or secret is None or public_url is None:
        print(
            "taxbot: set TELEGRAM_BOT_TOKEN, TELEGRAM_WEBHOOK_SECRET and BOT_PUBLIC_URL first",
            file=sys.stderr,
        )
        return 2
    helpline = Helpline(
        load_checked(config), open_store("memory://", Retention()), env.secret_key.reveal().encode()
    )
    application = build_application(token.reveal(), env.telegram_api_base_url)

    async def register() -> dict[str, object]:
        async with application.bot:
            return await register_webhook(application.bot, public_url, secret.reveal(), helpline)

    print(json.dumps(asyncio.run(register())))
    return 0


def _ask(args: argparse.Namespace) -> int:
    config = _config(args)
    conversation = Conversation(load_checked(config, fit_cache(config.path)))
    if args.lang and args.lang not in config.content.languages:
        print(
            f"taxbot: --lang {args.lang} is not one of {', '.join(config.content.languages)}", file=sys.stderr
        )
        return 2
    session = Session(lang=args.lang, lang_chosen=True) if args.lang else Session()
    # The loaded content out of the collector's way, as `taxbot serve` does (bot.reload.freeze_content):
    # otherwise each full collection walks every index while messages wait. A process that ends
    # after these messages need not collect what loading left behind first.
    gc.freeze()
    messages = sys.stdin if args.text == ["-"] else [" ".join(args.text)]
    for line in messages:
        text = line.rstrip("\n")
        reply, _ = conversation.respond(Inbound(text=text, channel=args.channel, lang=args.lang), session)
        if args.json:
            print(JSON_LINE.encode(as_json(reply)), flush=True)
        else:
            print("\n\n".join(reply.parts), flush=True)
    return 0


# One encoder for every line of `ask --json` (json.dumps with an option builds one per call). A
# reply's dictionary holds no cycles, and looking for them was a third of encoding it.
JSON_LINE = json.JSONEncoder(ensure_ascii=False, check_circular=False)


def as_json(reply: Reply) -> dict[str, object]:
    """A reply as one line of `taxbot ask --json` shows it (bench/match_bench.py times the same)."""
    return {
        "id": reply.entry_id,
        "lang": reply.lang,
        "score": round(reply.score, 3),
        "urgent": reply.urgent,
        "escalate": reply.escalate,
        "kind": reply.kind,
        "redirect": reply.redirect,
        "suggestions": list(reply.suggestions),
        "reply": "\n\n".join(reply.parts),
    }


def _chat(args: argparse.Namespace) -> int:
    """A conversation kept in memory only, for staff to try the bot."""
    conversation = Conversation(load_checked(_config(args)))
    session = Session()
    print("taxbot chat: type a message (Ctrl-D to quit). Try MENU, a number, MORE, or 'forget me'.")
    while True:
        try:
            text = input("you> ")
        except EOFError:
            print()
            break
        reply, session = conversation.respond(Inbound(text=text, channel=args.channel), session)
        for part in reply.parts:
            print(f"bot> {part}\n")
        if reply.forget:
            session = Session()
    return 0


def _faq_list(args: argparse.Namespace) -> int:
    content = load_checked(_config(args))
    rows = [
        {
            "id": entry.id,
            "group": entry.group,
            "languages": sorted(entry.texts),
            "reviewed": entry.reviewed.isoformat(),
            "translations": {lang: t.status for lang, t in sorted(entry.texts.items())},
            "sources": list(entry.sources),
        }
        for entry in content.faq.entries.values()
    ]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    for row in rows:
        print(f"{row['id']:<24} {row['group']:<9} {row['reviewed']}  {' '.join(row['languages'])}")
        for source in row["sources"]:
            print(f"{'':<24} source: {source}")
    return 0


def _faq_check(args: argparse.Namespace) -> int:
    config = _config(args)
    content, problems = check(config, args.dir, strict=args.strict)
    # Errors first and always in full: they stop publishing. Warnings after, as a count of each
    # kind (a new kind stands out among hundreds of "needs review"), or each one with --verbose.
    errors = sorted((p for p in problems if p.level == "error"), key=lambda p: (str(p.path), p.line))
    warned = [p for p in problems if p.level != "error"]
    for problem in errors:
        print(problem)
    if args.verbose:
        for problem in sorted(warned, key=by_kind):
            print(problem)
    for line in warning_summary(warned, hint=not args.verbose):
        print(line)
    if content is None or errors:
        print(
            f"{len(errors)} error(s): fix the lines above, then run `taxbot faq check` again.",
            file=sys.stderr,
        )
        return 1
    entries = len(content.faq.entries)
    # What serving builds from this content (each language's index, the language model) is
    # built now and kept in var/cache/, so the next start or reload loads it instead.
    Conversation(content)
    print(f"ok: {entries} entries in {', '.join(content.languages)}; {len(warned)} warning(s)")
    blocking = [p for p in warned if p.kind in STRICT_KINDS]
    if args.strict and blocking:
        print(f"--strict: {len(blocking)} warning(s) of a kind that stops publishing.", file=sys.stderr)
        return 1
    return 0


def _faq_stamp(args: argparse.Namespace) -> int:
    config = _config(args)
    for lang in args.langs:
        path, fingerprint = stamp(config, args.id, lang, reviewed=args.reviewed)
        status = "reviewed, " if args.reviewed else ""
        print(f"{path}: {status}made-from {fingerprint}")
    return 0


def _faq_stats(args: argparse.Namespace) -> int:
    content = load_checked(_config(args))
    rows = stats.stats(content)
    if args.json:
        print(json.dumps(stats.as_json(content, rows), ensure_ascii=False, indent=2))
    else:
        print(stats.as_table(content, rows))
    return 0


def _faq_preview(args: argparse.Namespace) -> int:
    """Works on content with check errors too (an SMS too long is exactly what one previews)."""
    config = _config(args)
    content, problems = check(config)
    if content is None:
        content, _ = read_content(config)
        if content is None:
            raise ContentError([p for p in problems if p.level == "error"])
        print(
            "note: `taxbot faq check` finds errors; this preview is of the files as they are.",
            file=sys.stderr,
        )
    lang = args.lang or content.config.content.source_language
    messages = preview(content, args.id, lang, args.channel)
    for n, sent in enumerate(messages, 1):
        cost = f", {sent.segments} SMS segment(s), {sent.encoding}" if sent.segments is not None else ""
        print(f"--- message {n} of {len(messages)} ({sent.step}{cost}, {len(sent.text)} characters) ---")
        print(sent.text)
    if args.channel == "sms":
        first = sum(s.segments or 0 for s in messages if s.step == "answer")
        total = sum(s.segments or 0 for s in messages)
        print(f"--- cost: {first} segment(s) for the answer, {total} if they reply MORE until the end ---")
    return 0


def _faq_gaps(args: argparse.Namespace) -> int:
    """What the bot could not answer, from the running bot's store (BOT_STORAGE_URL)."""
    import asyncio

    from bot.storage import Retention, open_store

    config = _config(args)
    env = read_environment(config.path.resolve().parent)

    async def read() -> list[Gap]:
        store = open_store(env.storage_url, Retention.of(config))
        try:
            await store.purge()
            return await store.gaps()
        finally:
            await store.close()

    found = [g for g in asyncio.run(read()) if args.lang in (None, g.lang)][: args.limit]
    if args.json:
        print(json.dumps([asdict(g) for g in found], ensure_ascii=False, indent=2))
        return 0
    if not config.privacy.gaps:
        print("Unanswered questions are not kept: [privacy] gaps = false in bot.toml.")
    if not found:
        print("No unanswered questions kept.")
        return 0
    days = config.privacy.gap_days
    print(f"Questions with no answer in the last {days} days (redacted), most frequent first:")
    print(f"{'times':>5}  lang  last day    question")
    for gap in found:
        print(f"{gap.count:>5}  {gap.lang:<4}  {gap.last_day}  {gap.text}")
    return 0
