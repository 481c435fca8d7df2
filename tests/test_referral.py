"""Contacts at the end of replies that send people to help, as people on each channel get them."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.answers import for_sms
from bot.content import Content
from bot.conversation import Conversation, Inbound, Reply
from bot.session import Session

LANGUAGES = ["en", "es", "pt", "ht", "zh", "vi", "ko"]
# Tuesday 24 November 2026 in Boston: 10:00 (the LUCE hotline is open 5am-9pm) and 23:30 (closed).
DAY = dt.datetime(2026, 11, 24, 15, 0, tzinfo=dt.UTC)
NIGHT = dt.datetime(2026, 11, 25, 4, 30, tzinfo=dt.UTC)
LUCE = "617-370-5023"
WEATHER = "what will the weather be like this weekend"
EMOJI = "🙏"  # no words: the honest fallback in the conversation's language


class Clock:
    def __init__(self) -> None:
        self.now = DAY

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture(scope="module")
def clock() -> Clock:
    return Clock()


@pytest.fixture(scope="module")
def bot(content: Content, clock: Clock) -> Conversation:
    return Conversation(content, clock=clock)


@pytest.fixture(autouse=True)
def daytime(clock: Clock) -> None:
    clock.now = DAY


def say(bot: Conversation, text: str, channel: str = "sms", lang: str | None = None) -> tuple[Reply, Session]:
    session = Session(lang=lang, lang_chosen=True) if lang else Session()
    return bot.respond(Inbound(text=text, channel=channel), session)


def intro(bot: Conversation, lang: str) -> str:
    return bot.content.strings.get(lang, "contacts-intro")


def segments(bot: Conversation, lang: str, text: str) -> int:
    return for_sms(bot.content, lang, text).segments


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_fallback_ends_with_contacts_in_the_persons_language(bot: Conversation, lang: str) -> None:
    reply, _ = say(bot, EMOJI, lang=lang)
    assert reply.kind == "fallback" and reply.lang == lang
    text = "\n".join(reply.parts)
    assert text.startswith(bot.content.strings.get(lang, "fallback"))
    tail = text.split(intro(bot, lang) + "\n", 1)[1].splitlines()
    assert 1 <= len(tail) <= 3
    assert tail[0].startswith("Greater Boston Legal Services")  # it works with interpreters: any language
    assert all(segments(bot, lang, part) <= 3 for part in reply.parts)
    assert "Greater Boston Legal Services (617) 371-1234." not in text  # the old fixed string is gone


def test_open_or_closed_now_follows_the_hotlines_hours(bot: Conversation, clock: Clock) -> None:
    reply, _ = say(bot, WEATHER)
    assert f"LUCE Immigrant Justice Network of MA: {LUCE} (open now)" in reply.parts[-1]
    clock.now = NIGHT
    reply, _ = say(bot, WEATHER)
    assert "(open now)" not in reply.parts[-1]
    night = reply.parts[-1].split(intro(bot, "en") + "\n", 1)[1].splitlines()
    assert f"LUCE Immigrant Justice Network of MA: {LUCE} (closed now)" not in night[:1]
    assert any("National Immigration Legal Services Directory" in line for line in night)


def test_the_hours_are_read_again_each_minute(bot: Conversation, clock: Clock) -> None:
    """A reply's list is remembered for the minute it was chosen in (bot.referral.Referrals), and no longer:
    the hotline, open until 21:00 in Boston, is open a second before and not from then on."""
    clock.now = dt.datetime(2026, 11, 25, 1, 59, 59, tzinfo=dt.UTC)
    assert f"{LUCE} (open now)" in say(bot, WEATHER)[0].parts[-1]
    clock.now += dt.timedelta(seconds=1)
    assert f"{LUCE} (open now)" not in say(bot, WEATHER)[0].parts[-1]


def test_spanish_status_words_come_from_the_spanish_strings(bot: Conversation) -> None:
    reply, _ = say(bot, EMOJI, lang="es")
    assert f"{LUCE} (abierto ahora)" in reply.parts[-1]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_escalated_answer_on_sms_sends_its_contacts_in_budget(bot: Conversation, lang: str) -> None:
    entry = bot.content.faq.entries["legal-help"]
    reply, _ = say(bot, entry.texts[lang].title, lang=lang)
    assert reply.entry_id == "legal-help" and reply.escalate
    assert intro(bot, lang) in reply.parts[-1]
    assert all(segments(bot, lang, part) <= bot.content.config.sms.max_segments for part in reply.parts)


def test_chat_channels_get_the_list_under_the_full_answer(bot: Conversation) -> None:
    reply, _ = say(bot, "where can i get free legal help", channel="web")
    assert reply.entry_id == "legal-help" and len(reply.parts) == 1
    answer, contacts = reply.parts[0].split("\n\n" + intro(bot, "en") + "\n")
    assert "Info checked" in answer
    assert contacts.splitlines()[0] == "Greater Boston Legal Services: (617) 371-1234"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_urgent_sms_stays_within_its_budget_and_relies_on_its_own_numbers(
    bot: Conversation, lang: str
) -> None:
    entry = bot.content.faq.entries["ice-contact-urgent"]
    reply, _ = say(bot, entry.texts[lang].title, lang=lang)
    assert reply.urgent and reply.entry_id == "ice-contact-urgent"
    assert len(reply.parts) == 1
    encoded = for_sms(bot.content, lang, reply.parts[0])
    # 3 segments in GSM-7, 4 in UCS-2 ([sms] urgent_max_segments_*): the same help in every language.
    assert encoded.segments <= bot.content.config.sms.segments_for(encoded.encoding, urgent=True)
    assert LUCE in reply.parts[0]


def test_the_urgent_answer_in_chat_lists_emergency_lines_first(bot: Conversation, clock: Clock) -> None:
    reply, _ = say(bot, "ICE is at my door right now", channel="telegram")
    lines = reply.parts[0].split(intro(bot, "en") + "\n", 1)[1].splitlines()
    assert lines[0] == f"LUCE Immigrant Justice Network of MA: {LUCE} (open now)"
    assert lines[1].startswith("United We Dream hotline")
    clock.now = NIGHT  # the hotline is closed: the national line that has no stated hours leads
    reply, _ = say(bot, "ICE is at my door right now", channel="telegram")
    lines = reply.parts[0].split(intro(bot, "en") + "\n", 1)[1].splitlines()
    assert lines[0].startswith("United We Dream hotline")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("I'm in New Bedford", "en"),
        ("Worcester", "en"),
        ("vivo en Worcester", "es"),
        ("estoy en Chelsea", "es"),
        ("moro em Framingham", "pt"),
        ("eu moro em Marlborough", "pt"),
        ("mwen rete Brockton", "ht"),
        ("我住在波士顿", "zh"),
        ("저는 보스턴에 살아요", "ko"),
    ],
)
def test_a_message_that_only_says_where_someone_is_gets_the_contacts(
    bot: Conversation, text: str, lang: str
) -> None:
    after_fallback = Session(lang=lang)
    reply, session = bot.respond(Inbound(text=text), after_fallback)
    assert reply.kind == "contacts" and reply.lang == lang and reply.escalate
    assert reply.parts[0].startswith(intro(bot, lang) + "\n")
    town = text.split()[-1].lower()
    assert town not in repr(session.to_dict()).lower()


def test_a_question_with_a_town_is_still_answered(bot: Conversation) -> None:
    reply, _ = say(bot, "how do i renew my itin, i live in lowell")
    assert reply.kind == "answer" and reply.entry_id == "itin-apply-renew"


def test_the_sms_help_reply_names_the_service_and_where_to_get_help(bot: Conversation) -> None:
    reply, _ = say(bot, "ayuda", lang="es")
    text = "\n".join(reply.parts)
    # "Quién le puede ayudar:" only when it costs no extra segment (HELP is kept short).
    assert "STOP" in text and "(617) 371-1234" in text
    assert all(segments(bot, "es", part) <= 3 for part in reply.parts)
