"""Property-based tests: arbitrary text, sessions and webhook bodies never break the bot.

Hypothesis makes up the inputs (control characters, right-to-left marks, emoji,
long runs, digits, mixed scripts, wrongly typed JSON); each test states what
must hold for every one of them. The conversation and the apps are built once
(session and per-test fixtures), never per example. A failing input that once
found a real bug stays as an ``@example``.
"""

from __future__ import annotations

import json
import math
import re
import string
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from aiohttp.test_utils import TestClient, TestServer
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz, process

from bot import sms
from bot.app import create_app
from bot.cli import CHANNELS
from bot.config import Config, load_config
from bot.content import Content
from bot.conversation import Conversation, Inbound
from bot.language import LanguageDetector
from bot.lexicon import COMMANDS
from bot.matcher import FUZZY_WORD_CUTOFF
from bot.privacy import redact, user_key
from bot.session import More, Session
from bot.text import _RUNS as RUNS
from bot.text import _fold_any, _fold_ascii, fold, runs
from tests.helpers.fake_telegram import FakeBotApi
from tests.helpers.webhooks import (
    TELEGRAM_SECRET,
    telegram_environment,
    twilio_form,
    twilio_signature,
)

SEVEN_DIGITS = re.compile(r"\d{7,}")
LANGUAGES = load_config(Path(__file__).resolve().parent.parent / "bot.toml").content.languages
FAST = settings(max_examples=150, deadline=None)
# A body over the app's 64 KiB limit (a long run of emoji, JSON-escaped) is a 413: refused, not a failure.
APP = settings(
    max_examples=40,
    deadline=None,
    # The app fixture is built once per test and shared by its examples on purpose.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Text ---------------------------------------------------------------------------------------------

PIECES = [
    "ITIN",
    "irs",
    "ICE is at my door",
    "la migra",
    "¿Qué pasa con mis impuestos?",
    "meu marido foi preso",
    "Èske IRS ap pataje",
    "我的税号会被分享吗",
    "내 정보가 공유되나요",
    "thuế của tôi",
    "MORE",
    "menu",
    "STOP",
    "forget me",
    "olvidame",
    "español",
    "1",
    " 2. ",
    "#3",
    "123-45-6789",
    "(617) 555-0134",
    "A123456789",
    "47,289",
    "6103",
    "\u200f",  # right-to-left mark
    "\u202e",  # right-to-left override
    "\u2066\u2069",  # isolates
    "\u200b",  # zero-width space
    "\ufeff",
    "\u0301",  # a lone combining accent
    "مرحبا",
    "שלום",
    "Привет",
    "🙂",
    "👨‍👩‍👧",
    "🇺🇸",
    "١٢٣٤٥٦٧٨٩",  # Arabic-Indic digits
    "１２３４５６７８",  # full-width digits
    "²³",
    "\x00",
    "\x1b[31m",
    "\r\n",
    "\t",
    "  ",
    "'",
    "*",
    "…",
]
long_runs = st.builds(
    lambda c, n: c * n,
    st.sampled_from(["a", "9", "ñ", "税", "🙂", " ", "\n", "itin "]),
    st.integers(50, 2000),
)
digit_runs = st.integers(0, 10**16).map(str)
messages = st.one_of(
    st.text(max_size=200),
    st.lists(
        st.one_of(st.sampled_from(PIECES), st.text(max_size=12), digit_runs, long_runs),
        max_size=8,
    ).map("".join),
    st.lists(st.sampled_from(PIECES), min_size=1, max_size=6).map(" ".join),
)

# Sessions -----------------------------------------------------------------------------------------

ENTRY_IDS = [
    "itin-what",
    "itin-shared",
    "mou-what",
    "ice-contact-urgent",
    "bot-privacy",
    "_not-covered",
    "no-such-entry",
]
langs_or_junk = st.one_of(st.none(), st.sampled_from([*LANGUAGES, "xx", "", "EN"]), st.text(max_size=4))
actions = st.one_of(
    st.builds(lambda e: f"entry:{e}", st.sampled_from(ENTRY_IDS)),
    st.builds(lambda g: f"group:{g}", st.sampled_from(["mou", "itin", "filing", "lawsuits", "help", "x"])),
    st.builds(lambda code: f"lang:{code}", st.sampled_from([*LANGUAGES, "xx"])),
    st.just("menu:language"),
    st.text(max_size=20),
)
sessions = st.builds(
    Session,
    lang=langs_or_junk,
    lang_chosen=st.booleans(),
    choices=st.lists(actions, max_size=8).map(tuple),
    more=st.one_of(
        st.none(),
        st.builds(
            More,
            entry_id=st.one_of(st.sampled_from(ENTRY_IDS), st.text(max_size=10)),
            lang=st.one_of(st.sampled_from(LANGUAGES), st.text(max_size=4)),
            part=st.integers(0, 20),
        ),
    ),
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
more_shaped = st.fixed_dictionaries(
    {}, optional={"entry_id": json_values, "lang": json_values, "part": json_values, "other": json_values}
)
session_shaped = st.fixed_dictionaries(
    {},
    optional={
        "lang": st.one_of(st.sampled_from(LANGUAGES), json_values),
        "lang_chosen": json_values,
        "choices": st.one_of(st.lists(actions), json_values),
        "more": st.one_of(more_shaped, json_values),
        "extra": json_values,
    },
)
session_data = st.one_of(json_values, session_shaped)


@pytest.fixture(scope="module")
def own_numbers(content: Content) -> set[str]:
    """7+-digit runs the bot may say on its own (phone numbers in its answers and strings)."""
    texts = [t.sms + t.full + t.title for e in content.faq.entries.values() for t in e.texts.values()]
    texts += [catalog.text for catalog in content.catalogs.values()]
    return {run for text in texts for run in SEVEN_DIGITS.findall(re.sub(r"[\s().-]", "", text))}


# The conversation core ----------------------------------------------------------------------------


@FAST
@given(
    text=messages,
    channel=st.sampled_from(CHANNELS),
    group=st.booleans(),
    opted_out=st.booleans(),
    session=sessions,
    lang_hint=langs_or_junk,
    command=st.one_of(st.none(), st.sampled_from([*COMMANDS, "start", "bogus"])),
)
@example(
    text="more",
    channel="sms",
    group=False,
    opted_out=False,
    lang_hint=None,
    command=None,
    session=Session(more=More("itin-what", "xx", 0)),
)
def test_respond_never_raises_and_always_says_something(
    conversation: Conversation,
    text: str,
    channel: str,
    group: bool,
    opted_out: bool,
    session: Session,
    lang_hint: str | None,
    command: str | None,
) -> None:
    inbound = Inbound(text, channel, group, lang_hint, command, opted_out)
    reply, after = conversation.respond(inbound, session)
    assert reply.parts
    assert all(isinstance(part, str) and part.strip() for part in reply.parts)
    assert reply.lang in conversation.content.languages
    assert isinstance(after, Session)
    assert Session.from_dict(json.loads(json.dumps(after.to_dict()))) == after


@FAST
@given(text=messages, session=sessions, prefix=st.sampled_from(["", "my ssn is ", "llámame al ", "A"]))
@example(text="617 555 0134 and 123456789", session=Session(), prefix="")
def test_sms_replies_never_repeat_a_long_number_from_the_message(
    conversation: Conversation, own_numbers: set[str], text: str, session: Session, prefix: str
) -> None:
    message = prefix + text
    reply, _ = conversation.respond(Inbound(message, "sms"), session)
    said = re.sub(r"[\s().-]", "", "\n".join(reply.parts))
    for run in SEVEN_DIGITS.findall(re.sub(r"[\s().-]", "", message)):
        leaked = [run[i : i + 7] for i in range(len(run) - 6) if run[i : i + 7] in said]
        assert all(any(piece in mine for mine in own_numbers) for piece in leaked), (run, reply.parts)


@FAST
@given(data=session_data)
@example(data={"more": {"entry_id": [], "lang": "en", "part": 0}})
@example(data={"more": {"entry_id": "itin-what", "lang": "en", "part": "0"}})
@example(data={"more": {"entry_id": "itin-what", "lang": {}, "part": 0}})
@example(data={"more": {"entry_id": "itin-what", "lang": "xx", "part": 0}})
@example(data={"choices": 7})
def test_any_stored_session_data_loads_and_can_be_answered(conversation: Conversation, data: Any) -> None:
    session = Session.from_dict(data)
    for text in ("more", "1", "what is an itin"):
        reply, _ = conversation.respond(Inbound(text, "sms"), session)
        assert reply.parts and all(p.strip() for p in reply.parts)
        assert reply.lang in conversation.content.languages


# Privacy ------------------------------------------------------------------------------------------


@FAST
@given(text=messages)
@example(text="a 1234 5678 9")
@example(text="+1 (617) 555-0134")
def test_redact_is_idempotent_and_leaves_no_long_digit_run(text: str) -> None:
    once, found = redact(text)
    assert redact(once) == (once, False)
    assert not SEVEN_DIGITS.search(once)
    assert found == (once != text)


@FAST
@given(
    channel=st.sampled_from(CHANNELS),
    first=st.text(max_size=30),
    second=st.text(max_size=30),
    secret=st.binary(min_size=1, max_size=64),
)
def test_user_key_is_stable_and_distinct(channel: str, first: str, second: str, secret: bytes) -> None:
    key = user_key(secret, channel, first)
    assert key == user_key(secret, channel, first)
    assert re.fullmatch(r"[0-9a-f]{32}", key)
    if first != second:
        assert key != user_key(secret, channel, second)
    for other in CHANNELS:
        if other != channel:
            assert key != user_key(secret, other, first)


# SMS arithmetic -------------------------------------------------------------------------------------

sms_text = st.one_of(
    st.text(max_size=600),
    st.text(alphabet=string.ascii_letters + " .!?\n", max_size=1500),
    st.lists(st.one_of(st.sampled_from(PIECES), long_runs, st.text(max_size=30)), max_size=10).map(" ".join),
)


@FAST
@given(text=sms_text, plain=st.booleans())
def test_measure_and_prepare_follow_the_segment_maths(text: str, plain: bool) -> None:
    encoded = sms.prepare(text, plain_letters=plain)
    again = sms.measure(encoded.text)
    assert again == encoded
    if encoded.encoding == "GSM-7":
        assert all(c in sms.GSM7 or c in sms.GSM7_EXT for c in encoded.text)
        single, multi = sms.GSM_SINGLE, sms.GSM_MULTI
    else:
        single, multi = sms.UCS_SINGLE, sms.UCS_MULTI
    units = encoded.units
    if units == 0:
        assert encoded.segments == 0
    elif units <= single:
        assert encoded.segments == 1
    else:
        assert (encoded.segments - 1) * multi < units <= encoded.segments * multi


@FAST
@given(text=sms_text, segments=st.integers(1, 3), plain=st.booleans(), reserve=st.integers(0, 30))
@example(text="word " + "x" * 500 + " end", segments=1, plain=False, reserve=0)
@example(text="0" * 51 + "\x0b " + "0" * 50, segments=1, plain=False, reserve=19)
def test_split_parts_fit_and_lose_no_words(text: str, segments: int, plain: bool, reserve: int) -> None:
    parts = sms.split(text, max_segments=segments, plain_letters=plain, reserve=reserve)
    for part in parts:
        assert part.strip()
        assert sms.prepare(part + " " * reserve, plain_letters=plain).segments <= segments, part
    # Nothing is lost or reordered: the same characters, apart from spacing.
    assert "".join("".join(parts).split()) == "".join(text.split())


# Folding, matching and language detection ---------------------------------------------------------------


@FAST
@given(text=messages)
@example(text="Ǽ")  # its accent goes, leaving "æ", which folds on to "ae" (found by Hypothesis in CI)
def test_fold_is_clean_and_idempotent(text: str) -> None:
    folded = fold(text)
    assert fold(folded) == folded
    assert folded == folded.strip()
    assert "  " not in folded
    assert all(token for token in runs(folded))


@FAST
@given(text=st.text(st.characters(max_codepoint=127)))
def test_ascii_text_folds_as_any_text_does(text: str) -> None:
    """ASCII text takes a shortcut (one bytes.translate); the folding is the same."""
    assert _fold_ascii(text) == _fold_any(text)


@FAST
@given(text=messages, folded=st.booleans())
@example(text="ı̇ ǅ ²³ １２ a_b", folded=False)
def test_runs_are_what_the_pattern_finds(text: str, folded: bool) -> None:
    """Most messages take a shortcut (letters and digits between spaces: split); the runs are the same."""
    text = fold(text) if folded else text
    assert runs(text) == tuple(RUNS.findall(text))


@FAST
@given(text=messages, lang=st.sampled_from(LANGUAGES))
def test_matcher_and_detector_take_any_text(conversation: Conversation, text: str, lang: str) -> None:
    match = conversation.matcher.match(fold(text), lang)
    assert all(math.isfinite(score) for _, score in match.ranked)
    detector: LanguageDetector = conversation.detector
    detection = detector.detect(text)
    assert detection.lang in LANGUAGES
    assert 0.0 <= detection.probability <= 1.0
    assert abs(sum(p for _, p in detection.ranking) - 1.0) < 1e-6



LETTERS = string.ascii_lowercase
# A word as people mistype one: a word of the FAQ's (or any letters) with letters changed, dropped or added.
typed_words = st.one_of(
    st.text(alphabet=string.ascii_lowercase, min_size=4, max_size=30),
    st.tuples(
        st.sampled_from(LANGUAGES),
        st.integers(0, 10**6),
        st.lists(st.tuples(st.integers(0, 40), st.sampled_from("sdi"), st.sampled_from(LETTERS)), max_size=4),
    ),
)


@FAST
@given(typed=typed_words)
@example(typed="a" * 300)
@example(typed="abcdefghijklmnopqrstuvwxyz" * 3)
def test_a_typo_is_corrected_as_against_every_faq_word(conversation: Conversation, typed: Any) -> None:
    """The fuzzy search looks only at words with enough letters in common; the result is as if it
    looked at every word of the vocabulary."""
    for lang, index in conversation.matcher.indexes.items():
        word = typed if isinstance(typed, str) else _mistyped(index.vocabulary, *typed[1:])
        if not (len(word) >= 4 and word.isascii() and word.isalpha()) or word in index.vocabulary:
            continue
        hit = process.extractOne(word, index.vocabulary, scorer=fuzz.ratio, score_cutoff=FUZZY_WORD_CUTOFF)
        assert index._closest(word) == (hit[0] if hit else word), lang


def _mistyped(vocabulary: list[str], pick: int, edits: list[tuple[int, str, str]]) -> str:
    word = vocabulary[pick % len(vocabulary)]
    for place, edit, letter in edits:
        at = place % (len(word) + 1)
        word = {"s": word[:at] + letter + word[at + 1 :], "d": word[:at] + word[at + 1 :]}.get(
            edit, word[:at] + letter + word[at:]
        )
    return word

# HTTP routes ------------------------------------------------------------------------------------------


@pytest.fixture
async def client(
    aiohttp_client,
    aiohttp_server,
    config: Config,
    content: Content,
    conversation: Conversation,
    tmp_path: Path,
) -> AsyncIterator[TestClient]:  # type: ignore[no-untyped-def]
    """Every channel on, Telegram talking to a stand-in Bot API on 127.0.0.1."""
    api = FakeBotApi()
    server: TestServer = await aiohttp_server(api.app)
    env = telegram_environment(
        server.port,
        BOT_STORAGE_URL="memory://",
    )
    from bot.environment import read_environment

    app = create_app(config, content, read_environment(tmp_path, env), conversation=conversation)
    yield await aiohttp_client(app)


web_sessions = st.one_of(
    st.text(alphabet=string.ascii_letters + string.digits + "-_", min_size=16, max_size=64),
    st.text(max_size=70),
)


@APP
@given(body=st.binary(max_size=300))
@example(body=b"[" * 60_000)
@example(body=b'{"session": "abcdefghijklmnop", "text": "\\ud800"}')
async def test_web_message_takes_any_bytes(client: TestClient, body: bytes) -> None:
    response = await client.post("/api/message", data=body, headers={"Content-Type": "application/json"})
    assert response.status in (200, 400, 413), await response.text()


@APP
@given(
    data=st.one_of(
        json_values,
        st.fixed_dictionaries(
            {"session": web_sessions, "text": st.one_of(messages, json_values)},
            optional={"lang": json_values},
        ),
    )
)
@example(data={"session": "abcdefghijklmnop", "text": "x" * 1001})
@example(data={"session": "abcdefghijklmnop", "text": "ICE is at my door 617 555 0134"})
async def test_web_message_takes_any_json(client: TestClient, data: Any) -> None:
    response = await client.post("/api/message", json=data)
    body = await response.text()
    assert response.status in (200, 400, 413), body
    if response.status == 200:
        reply = json.loads(body)
        if reply["kind"] != "silent":  # silent: this session said STOP in an earlier example
            assert reply["lang"] in LANGUAGES and reply["parts"]


@APP
@given(query=st.dictionaries(st.sampled_from(["lang", "x", ""]), st.text(max_size=10), max_size=2))
async def test_web_ui_takes_any_query(client: TestClient, query: dict[str, str]) -> None:
    response = await client.get("/api/ui", params=query)
    assert response.status == 200
    assert (await response.json())["lang"] in LANGUAGES


form_text = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=40)
twilio_shaped = st.builds(
    lambda base, body, extra: {**base, **body, **extra},
    st.sampled_from(["plain_en", "accented_es", "whatsapp_es", "media_only", "stop", "status_callback"]).map(
        twilio_form
    ),
    st.fixed_dictionaries(
        {},
        optional={
            "Body": st.one_of(messages.filter(lambda t: "\ud800" not in t), form_text),
            "From": form_text,
            "MessageSid": form_text,
            "NumMedia": form_text,
            "MessageStatus": form_text,
        },
    ),
    st.dictionaries(form_text, form_text, max_size=3),
)
# Encoded by hand as Twilio does: aiohttp's client refuses some field names a server must still take.
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
any_form = st.one_of(twilio_shaped, st.dictionaries(form_text, form_text, max_size=6))


@APP
@given(form=any_form)
@example(form=twilio_form("plain_en", Body="my number is 617 555 0134"))
@example(form=twilio_form("plain_en", Body="🙂" * 6000))
async def test_twilio_signed_forms_never_fail(client: TestClient, form: dict[str, str]) -> None:
    headers = {"X-Twilio-Signature": twilio_signature("/twilio/sms", form), **FORM}
    response = await client.post("/twilio/sms", data=urlencode(form), headers=headers)
    body = await response.text()
    assert response.status in (200, 400, 413), body
    if response.status == 200:
        assert body.startswith("<?xml") and "<Response" in body


@APP
@given(form=any_form, signature=st.one_of(st.none(), st.text(alphabet=string.printable.strip(), max_size=40)))
async def test_twilio_unsigned_forms_are_refused(
    client: TestClient, form: dict[str, str], signature: str | None
) -> None:
    headers = {"X-Twilio-Signature": signature, **FORM} if signature is not None else FORM
    response = await client.post("/twilio/sms", data=urlencode(form), headers=headers)
    assert response.status in (403, 413)


@APP
@given(
    body=st.binary(max_size=300),
    content_type=st.sampled_from(
        [
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=xyz",
            "text/plain",
            "application/json",
        ]
    ),
)
@example(body=b"\x80", content_type="application/x-www-form-urlencoded")
@example(body=b"Body=%FF%FE&From=x", content_type="application/x-www-form-urlencoded")
async def test_twilio_takes_any_bytes(client: TestClient, body: bytes, content_type: str) -> None:
    headers = {"Content-Type": content_type, "X-Twilio-Signature": "bm90LWEtc2lnbmF0dXJl"}
    response = await client.post("/twilio/sms", data=body, headers=headers)
    assert response.status in (400, 403, 413), await response.text()


def _message_shaped(text: Any, chat: Any, sender: Any, date: Any, extra: dict[str, Any]) -> dict[str, Any]:
    return {"message_id": 5, "date": date, "chat": chat, "from": sender, "text": text, **extra}


update_parts = st.one_of(
    json_values, st.sampled_from(["", "/start", "/ask@TaxHelpBot itin", "hola"]), messages
)
chats = st.one_of(
    st.fixed_dictionaries(
        {
            "id": st.one_of(st.integers(-(10**12), 10**12), json_values),
            "type": st.one_of(st.sampled_from(["private", "group", "supergroup", "channel"]), json_values),
        }
    ),
    json_values,
)
senders = st.one_of(
    st.fixed_dictionaries(
        {
            "id": st.one_of(st.integers(1, 10**10), json_values),
            "is_bot": json_values,
            "first_name": json_values,
        },
        optional={"language_code": json_values, "username": json_values},
    ),
    json_values,
)
dates = st.one_of(st.just(1767225600), st.integers(), json_values)
telegram_updates = st.one_of(
    json_values,
    st.fixed_dictionaries(
        {"update_id": st.one_of(st.integers(0, 2**40), json_values)},
        optional={
            "message": st.one_of(
                st.builds(
                    _message_shaped,
                    update_parts,
                    chats,
                    senders,
                    dates,
                    st.dictionaries(st.text(max_size=8), json_values, max_size=2),
                ),
                json_values,
            ),
            "edited_message": json_values,
            "callback_query": st.one_of(
                st.fixed_dictionaries(
                    {"id": json_values, "from": senders, "chat_instance": json_values},
                    optional={"data": update_parts, "message": json_values},
                ),
                json_values,
            ),
        },
    ),
)


@APP
@given(update=telegram_updates)
@example(update={"update_id": 1, "message": "not a message"})
@example(
    update={
        "update_id": 2,
        "message": {"message_id": 1, "date": "soon", "chat": {"id": 1, "type": "private"}},
    }
)
@example(update={"update_id": "three", "callback_query": []})
@example(
    update={
        "update_id": 0,
        "message": {"message_id": 5, "date": 67_768_036_191_676_800, "chat": None, "from": {"id": 1}},
    }
)
async def test_telegram_takes_any_json(client: TestClient, update: Any) -> None:
    headers = {"X-Telegram-Bot-Api-Secret-Token": TELEGRAM_SECRET}
    response = await client.post("/telegram/webhook", json=update, headers=headers)
    assert response.status in (200, 400, 413), await response.text()


@APP
@given(body=st.binary(max_size=300))
@example(body=b"[" * 60_000)
async def test_telegram_takes_any_bytes(client: TestClient, body: bytes) -> None:
    headers = {"X-Telegram-Bot-Api-Secret-Token": TELEGRAM_SECRET, "Content-Type": "application/json"}
    response = await client.post("/telegram/webhook", data=body, headers=headers)
    assert response.status in (200, 400, 413), await response.text()
