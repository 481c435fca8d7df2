"""The conversation core, driven the way a person would, one message at a time."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from bot import answers
from bot.content import Content
from bot.conversation import Conversation, Inbound, Reply
from bot.matcher import Match
from bot.session import Session
from bot.text import fold


def talk(
    conversation: Conversation, *messages: str, channel: str = "sms", can_hand_off: bool = False
) -> list[Reply]:
    session = Session()
    replies = []
    for text in messages:
        inbound = Inbound(text=text, channel=channel, can_hand_off=can_hand_off)
        reply, session = conversation.respond(inbound, session)
        replies.append(reply)
    return replies


def test_a_clear_question_gets_its_entry_with_the_review_date(conversation: Conversation) -> None:
    (reply,) = talk(conversation, "what is an itin")
    assert reply.entry_id == "itin-what"
    assert reply.kind == "answer"
    assert "Info checked Nov 22, 2026." in reply.parts[0]
    assert "Reply MORE" in reply.parts[0]


def test_unaccented_spanish_with_shorthand_is_answered_in_spanish(conversation: Conversation) -> None:
    (reply,) = talk(conversation, "q es el itin y pa q sirve")
    assert (reply.entry_id, reply.lang) == ("itin-what", "es")
    assert "Información revisada" in reply.parts[0]


def test_more_walks_through_the_full_answer_then_says_there_is_no_more(conversation: Conversation) -> None:
    first, *rest = talk(conversation, "what is an itin", "more", "MORE", "more", "more", "more")
    assert first.kind == "answer"
    kinds = [r.kind for r in rest]
    assert kinds[0] == "more" and rest[0].parts[0] != first.parts[0]
    assert "more" in kinds and rest[-1].parts == (conversation.content.strings.get("en", "more-none"),)


def test_greeting_shows_welcome_and_numbered_menu_and_numbers_pick(conversation: Conversation) -> None:
    menu, group, answer = talk(conversation, "hola", "2", "1")
    assert menu.lang == "es" and menu.kind == "menu"
    assert [c.action for c in menu.choices][:2] == ["group:mou", "group:itin"]
    assert menu.choices[-1].action == "menu:language"
    assert group.choices[0].action == "entry:itin-what"
    assert answer.entry_id == "itin-what" and answer.lang == "es"


def test_a_number_with_nothing_offered_asks_for_a_valid_choice(conversation: Conversation) -> None:
    (reply,) = talk(conversation, "7")
    assert reply.parts == (conversation.content.strings.get("en", "choice-invalid"),)


def test_a_chosen_language_sticks_for_short_replies(conversation: Conversation) -> None:
    switched, answer, more = talk(conversation, "español", "itin?", "mas")
    assert switched.lang == "es" and switched.parts[0].startswith("Listo")
    assert answer.lang == "es" and more.lang == "es"


def test_after_a_mistap_a_question_clearly_in_another_language_is_answered_in_it(
    conversation: Conversation,
) -> None:
    """Someone picks 中文 by mistake, then writes in Spanish: the answer must be readable."""
    *_, chosen, question, follow_up = talk(
        conversation, "menu", "6", "5", "hola, quiero saber si el IRS le da mi direccion a ICE", "more"
    )
    assert chosen.lang == "zh"
    assert question.lang == "es" and question.kind == "answer"
    assert follow_up.lang == "es"


def test_language_menu_lists_each_language_in_its_own_words(conversation: Conversation) -> None:
    _, menu, chosen = talk(conversation, "menu", "6", "2")
    assert [c.label for c in menu.choices] == [
        "English",
        "Español",
        "Português",
        "Kreyòl ayisyen",
        "中文",
        "Tiếng Việt",
        "한국어",
    ]
    assert chosen.lang == "es"


def test_urgent_messages_win_and_put_contacts_first(conversation: Conversation) -> None:
    for text in ("ICE is at my door right now", "la migra se llevo a mi esposo esta mañana"):
        (reply,) = talk(conversation, text)
        assert reply.urgent and reply.escalate
        assert reply.entry_id == "ice-contact-urgent"
        assert reply.parts[0].split(".")[0].count("617-370-5023") or "617-370-5023" in reply.parts[0][:80]


def test_an_emergency_that_asks_a_tax_question_gets_the_emergency_reply_then_the_answer(
    conversation: Conversation,
) -> None:
    """Words that add up to an emergency, none of which counts alone, around a question the FAQ surely
    answers: the emergency reply first and whole, then that answer; MORE continues the emergency."""
    (emergency,) = talk(conversation, "ICE is at my door right now")
    text = "la migra agarro a mi esposo hoy en la mañana, usan los datos de impuestos para encontrar gente?"
    (reply,) = talk(conversation, text)
    assert reply.urgent and reply.escalate and reply.kind == "answer"
    assert reply.entry_id not in (None, "ice-contact-urgent")
    assert len(reply.parts) == 2 and "617-370-5023" in reply.parts[0]
    (at_the_door,) = talk(conversation, "la migra esta en mi puerta")
    assert reply.parts[0] == at_the_door.parts[0]
    assert "MORE" not in reply.parts[1] and "MAS" not in fold(reply.parts[1]).upper()
    _, session = conversation.respond(Inbound(text=text, can_hand_off=True), Session())
    assert session.more is not None and session.more.entry_id == emergency.entry_id
    assert session.offer is not None and session.offer.topic == emergency.entry_id  # staff see an emergency
    # A phrase that counts alone ("at my door") keeps the emergency reply alone, tax words or not.
    (alone,) = talk(conversation, "ICE is at my door right now, is it because of my tax return?")
    assert alone.entry_id == "ice-contact-urgent" and len(alone.parts) == 1


def test_out_of_scope_gets_the_honest_fallback_with_help(conversation: Conversation) -> None:
    (reply,) = talk(conversation, "what will the weather be like in boston this weekend")
    assert reply.entry_id is None and reply.kind == "fallback"
    assert reply.escalate
    assert "617" in reply.parts[0]


def test_forget_me_erases_state_and_explains_privacy(conversation: Conversation) -> None:
    session = Session(lang="es", lang_chosen=True, choices=("entry:itin-what",))
    reply, after = conversation.respond(Inbound(text="borra lo que te mandé por favor"), session)
    assert reply.forget and after == Session()
    assert reply.entry_id == "bot-privacy"
    assert "MAS" not in reply.parts[-1]


def test_identifying_numbers_get_a_warning_and_are_never_echoed(conversation: Conversation) -> None:
    (reply,) = talk(conversation, "my itin is 912-78-1234, what is an itin")
    assert reply.entry_id == "itin-what"
    assert "912" not in " ".join(reply.parts)
    assert reply.parts[-1] == conversation.content.strings.get("en", "sensitive-warning")


def test_chat_channels_get_the_full_answer_at_once(conversation: Conversation) -> None:
    (reply,) = talk(conversation, "what is an itin", channel="telegram")
    full = conversation.content.faq.entries["itin-what"].texts["en"].full
    assert reply.parts[0].startswith(full.split("\n")[0])
    assert "Reply MORE" not in reply.parts[0]


def test_session_keeps_no_message_text(conversation: Conversation) -> None:
    session = Session()
    for text in ("hola", "my ssn is 123-45-6789 is my itin safe"):
        _, session = conversation.respond(Inbound(text=text), session)
    stored = repr(session.to_dict())
    assert "123" not in stored and "itin safe" not in stored


def test_group_chats_keep_no_choices(conversation: Conversation) -> None:
    reply, session = conversation.respond(Inbound(text="menu", group=True), Session())
    assert reply.choices and session.choices == ()


LANGUAGE_NAMES = {
    "en": "english",
    "es": "espanol",
    "pt": "portugues",
    "ht": "kreyol",
    "zh": "中文",
    "vi": "tieng viet",
    "ko": "한국어",
}


@pytest.mark.parametrize(("lang", "name"), LANGUAGE_NAMES.items())
def test_every_language_can_be_chosen_by_name_and_by_number(
    conversation: Conversation, lang: str, name: str
) -> None:
    (by_name,) = talk(conversation, name)
    assert by_name.lang == lang and by_name.kind == "menu"
    number = conversation.content.languages.index(lang) + 1
    *_, by_number = talk(conversation, "menu", "6", str(number))
    assert by_number.lang == lang


@pytest.mark.parametrize(
    ("lang", "asked"),
    [
        ("en", "English please"),
        ("es", "en español por favor"),
        ("es", "habla español?"),
        ("pt", "fala português?"),
        ("ht", "ou pale kreyòl?"),
        ("zh", "请用中文"),
        ("vi", "có tiếng Việt không"),
        ("ko", "한국어 되나요?"),
    ],
)
def test_asking_for_a_language_in_a_few_words_chooses_it(
    conversation: Conversation, lang: str, asked: str
) -> None:
    """ "en español por favor" once got the free-tax-sites answer, "English please" the fallback."""
    (reply,) = talk(conversation, asked)
    assert reply.lang == lang and reply.kind == "menu"


def test_an_emoji_alone_gets_the_honest_fallback(conversation: Conversation) -> None:
    (reply,) = talk(conversation, "🙏")
    assert reply.kind == "fallback" and reply.entry_id is None


@pytest.mark.parametrize("text", ["🚨🚐👮👮", "🚐🚐👮‍♂️ afuera 😭", "👮👮 门口 😭😭"])
def test_police_and_van_pictographs_are_read_as_an_alert(conversation: Conversation, text: str) -> None:
    """People post alerts so from cheap phones; the words alone said nothing urgent."""
    (reply,) = talk(conversation, text)
    assert reply.urgent and reply.kind == "urgent"


@pytest.mark.parametrize("lang", ["en", "es", "pt", "ht", "zh", "vi", "ko"])
def test_stop_and_start_words_work_in_every_language(conversation: Conversation, lang: str) -> None:
    lexicons = conversation.content.lexicons

    def own(kind: str) -> str:
        """A word only this language uses, so the reply's language is known."""
        others = [lex.commands[kind] for code, lex in lexicons.items() if code != lang]
        return next(w for w in sorted(lexicons[lang].commands[kind]) if not any(w in o for o in others))

    stop_word = own("stop")
    reply, session = conversation.respond(Inbound(text=stop_word), Session())
    assert reply.optout and reply.lang == lang
    start_word = own("start")
    back, _ = conversation.respond(Inbound(text=start_word, opted_out=True), session)
    assert back.optin
    hello, _ = conversation.respond(Inbound(text=start_word), Session())
    assert not hello.optin and hello.kind == "menu"  # from someone who never stopped, it is a hello


def test_a_person_is_offered_only_when_staff_can_take_it(conversation: Conversation) -> None:
    question = "where can i buy cheap bus tickets to new york"
    (without,) = talk(conversation, question)
    assert not without.offered and "Reply YES" not in " ".join(without.parts)
    offered, yes = talk(conversation, question, "yes", can_hand_off=True)
    assert offered.offered and offered.parts[-1].startswith("Want a person to help? Reply YES")
    assert "shown to legal-aid staff" in offered.parts[-1]
    assert yes.kind == "handoff" and yes.handoff is not None and yes.handoff.topic == ""


def test_yes_counts_only_right_after_the_offer(conversation: Conversation) -> None:
    *_, late_yes = talk(
        conversation, "where can i buy cheap bus tickets to new york", "menu", "yes", can_hand_off=True
    )
    assert late_yes.handoff is None
    (plain_yes,) = talk(conversation, "yes", can_hand_off=True)
    assert plain_yes.handoff is None


def test_a_plain_answer_offers_nobody(conversation: Conversation) -> None:
    (reply,) = talk(conversation, "what is an itin", can_hand_off=True)
    assert reply.kind == "answer" and not reply.offered


@pytest.mark.parametrize(
    ("lang", "yes"), [("es", "si"), ("pt", "sim"), ("ht", "wi"), ("zh", "是"), ("vi", "có"), ("ko", "네")]
)
def test_yes_in_every_language(conversation: Conversation, lang: str, yes: str) -> None:
    session = Session(lang=lang, lang_chosen=True)
    offered, session = conversation.respond(Inbound(text="zzzz qqqq", can_hand_off=True), session)
    assert offered.offered and offered.lang == lang
    reply, _ = conversation.respond(Inbound(text=yes, can_hand_off=True), session)
    assert reply.kind == "handoff" and reply.lang == lang


@pytest.mark.parametrize(
    "text",
    [
        "yes",
        "no",
        "ok",
        "i am scared",
        "hello",
        "thanks",
        "you are a stupid useless bot",
        "Congratulations! You won a $500 gift card, claim it at bit.ly/free-card",
        "will it snow in boston tomorrow",
        "when is the next bus to lynn",
        "quien gano el partido anoche",
        "vai chover amanha em framingham?",
        "明天波士頓會下雪嗎",
        "내일 날씨 어때요",
        "mesi anpil",
        # Fear alone, with no officer, custody, court, place or relative: close to the
        # emergency entry's examples, but neither an emergency nor a question.
        "我真的好害怕",
        "estoy muy asustada",
        "너무 무서워요",
        # Worry and a bare yes, in several languages: each scored near some entry.
        "im really worried",
        "tengo un poco de miedo",
        "estou muito preocupada",
        "mwen pe anpil anpil",
        "我真的很担心",
        "정말 무서워요",
        "sí",
        "claro",
        # "vale" is Spanish for okay, and also Portuguese "is worth" as in "vale a pena declarar".
        "vale",
        "dale",
        "你们真没用",
        # "I don't know" and "I don't understand" with nothing else: "nao entendi" once got the
        # thanks reply ("entendi" is "got it"), "m pa konnen" the ITIN answer, "听不懂" the rights one.
        "i really dont understand",
        "no entiendo nada",
        "eu nao entendi nada",
        "nao entendi",
        "m pa konprann anyen",
        "mwen pa konnen",
        "我看不懂",
        "tôi không hiểu gì hết",
        "잘 모르겠어요",
        # A vague request for help or a question about the service, with no topic: once a benefits
        # redirect ("i need help"), an immigration-case one ("可以帮我吗") or an answer ("거기 누구 있어요").
        "i need some help",
        "me pueden ayudar por favor",
        "você pode me ajudar",
        "你可以帮我吗",
        "quanto custa isso",
        "거기 누구 없어요?",
        "is this free?",
    ],
)
def test_small_talk_spam_and_everyday_questions_never_get_an_faq_answer(
    conversation: Conversation, text: str
) -> None:
    (reply,) = talk(conversation, text)
    assert reply.kind != "answer" and reply.entry_id is None and not reply.urgent


@pytest.mark.parametrize("text", ["nao entendi", "não entendi nada", "i dont get it"])
def test_not_understanding_is_not_thanks(conversation: Conversation, text: str) -> None:
    """ "entendi" is "got it", a thanks; "não entendi" is the opposite, and "you're welcome" would mock it."""
    (reply,) = talk(conversation, text)
    assert reply.kind == "redirect" and reply.redirect == "small-talk"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("wheres my refund?? its been 6 weeks", "tax-preparation"),
        ("como pongo el 1099 de uber en mis taxes", "tax-preparation"),
        ("how do i renew my tps", "immigration-case"),
        ("quanto custa o pedido de green card pelo casamento", "immigration-case"),
        ("can my citizen kids get food stamps", "public-benefits"),
        # A green card case with taxes in it is still a question about the case.
        (
            "how much does the green card renewal cost and do they check my tax returns for it",
            "immigration-case",
        ),
        ("cuanto cuesta renovar la green card y revisan mis taxes para eso", "immigration-case"),
    ],
)
def test_questions_the_faq_does_not_cover_get_a_redirect_naming_a_real_contact(
    conversation: Conversation, text: str, kind: str
) -> None:
    (reply,) = talk(conversation, text)
    assert (reply.kind, reply.redirect, reply.entry_id) == ("redirect", kind, None)
    text_sent = "\n".join(reply.parts)
    topics = set(conversation.content.contacts.answers[kind])
    named = [c for c in conversation.content.contacts.contacts if c.reach and c.reach in text_sent]
    assert named and all(set(c.topics) & topics for c in named)


@pytest.mark.parametrize("text", ["estoy preocupada por el itin", "i am worried about my taxes"])
def test_worry_about_a_topic_of_the_faq_is_not_small_talk(conversation: Conversation, text: str) -> None:
    """Fear alone gets the polite small-talk line; fear about taxes or the ITIN gets the FAQ's help."""
    (reply,) = talk(conversation, text)
    assert reply.kind in ("answer", "suggest") and reply.redirect is None


@pytest.mark.parametrize(
    "text",
    ["WIN FREE iphone http://x.co", "click here bit.ly/cash-now", "GANA un premio www.premios-ya.com"],
)
def test_a_link_with_no_word_of_taxes_or_immigration_gets_the_spam_reply(
    conversation: Conversation, text: str
) -> None:
    """A link's letters ("x.co") once made an ad read as Vietnamese and offered the free-tax-sites answer."""
    (reply,) = talk(conversation, text)
    assert (reply.kind, reply.redirect, reply.entry_id, reply.choices) == ("redirect", "spam", None, ())


def test_a_link_next_to_a_question_about_tax_data_is_answered(conversation: Conversation) -> None:
    (reply,) = talk(
        conversation, "mi tia me mando esto www.facebook.com/post, dice que el IRS manda direcciones a ICE"
    )
    assert reply.kind == "answer" and reply.redirect is None


@pytest.mark.parametrize(
    "text",
    [
        "Your ITIN refund GUARANTEED in 3 days, no SSN needed, dm me on whatsapp",
        "reembolso garantizado con su ITIN aunque no tenga papeles, escribanos al whatsapp",
        "报税包过 ITIN 没身份也可以 加微信详询",
        "ITIN 세금환급 수익보장 신분 상관없음 카톡 문의",
    ],
)
def test_an_offer_with_a_way_to_take_it_up_gets_the_spam_reply_even_when_it_names_taxes(
    conversation: Conversation, text: str
) -> None:
    """Ads for the very things the FAQ covers scored close to its entries and got one (an ad for a
    "guaranteed refund" got what the IRS may share)."""
    (reply,) = talk(conversation, text)
    assert (reply.kind, reply.redirect, reply.entry_id) == ("redirect", "spam", None)


@pytest.mark.parametrize(
    "text",
    [
        "my cousin sent me on whatsapp that ice gets our itin data now, is it true?",
        "can you guarantee that the irs will not give my address to immigration?",
    ],
)
def test_an_offer_word_or_a_way_to_reply_alone_is_not_an_ad(conversation: Conversation, text: str) -> None:
    (reply,) = talk(conversation, text)
    assert reply.redirect != "spam"


def test_a_long_message_that_names_deleting_is_a_question_not_a_request_to_forget(
    conversation: Conversation,
) -> None:
    """Only a short request erases: a story that mentions deleting gets the FAQ's answer."""
    (short,) = talk(conversation, "please delete my data")
    assert short.kind == "forget"
    (long,) = talk(
        conversation,
        "a man at the flea market says he knows people at the irs and can delete my data for 400 dollars, "
        "is that real or is he lying to me",
    )
    assert long.kind != "forget" and not long.forget


def test_a_message_word_for_word_one_of_a_redirects_examples_gets_that_redirect(
    conversation: Conversation,
) -> None:
    """ "si" is "if" in many Spanish questions, so it scores near several entries: staff listed it."""
    examples = conversation.content.faq.redirects["small-talk"].texts["es"].questions
    assert "si" in examples
    (reply,) = talk(conversation, "¡Sí!")
    assert (reply.kind, reply.redirect, reply.choices) == ("redirect", "small-talk", ())


def test_small_talk_and_spam_redirects_name_nobody(conversation: Conversation) -> None:
    (reply,) = talk(conversation, "Congratulations! You won a $500 gift card, claim it at bit.ly/free-card")
    assert reply.kind == "redirect" and reply.redirect == "spam"
    assert not any(c.reach and c.reach in reply.parts[0] for c in conversation.content.contacts.contacts)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("ICE在門口", "zh"),
        ("移民局來了", "zh"),
        ("我阿哥今朝喺工地俾人捉咗", "zh"),
        ("ICE嚟咗我哋屋企", "zh"),
        ("ICE la a", "ht"),
        ("meu primo caiu na imigracao", "pt"),
        ("mari m nan lajol", "ht"),
        ("anh em bi tom roi", "vi"),
    ],
)
def test_emergencies_in_both_chinese_scripts_cantonese_and_slang(
    conversation: Conversation, text: str, lang: str
) -> None:
    (reply,) = talk(conversation, text)
    assert reply.urgent and reply.lang == lang
    assert "617-370-5023" in reply.parts[0]


def test_talk_of_custody_that_is_not_an_emergency_still_carries_the_emergency_line(content: Content) -> None:
    # Tuesday 24 November 2026, 10:00 in Boston: the LUCE hotline is open (5am-9pm).
    daytime = Conversation(content, clock=lambda: dt.datetime(2026, 11, 24, 15, 0, tzinfo=dt.UTC))
    question = "my cousin was in jail last year, can ice use his old tax returns"
    (reply,) = talk(daytime, question)
    assert not reply.urgent
    assert reply.parts[0] == (
        "If someone is detained or ICE is at the door now, call LUCE Immigrant Justice Network of MA: "
        "617-370-5023 (open now)"
    )
    (calm,) = talk(daytime, "can ice get my address from my tax return")
    assert "617-370-5023" not in calm.parts[0]
    # Officers with no tax or court-case talk around them: whatever the reply, the line comes first.
    (officers,) = talk(daytime, "should i carry my passport in case the police stop me")
    assert "617-370-5023" in officers.parts[0]


def test_at_night_the_emergency_line_never_names_a_closed_line(content: Content) -> None:
    night = Conversation(content, clock=lambda: dt.datetime(2026, 11, 25, 4, 30, tzinfo=dt.UTC))
    (reply,) = talk(night, "my cousin was in jail last year, can ice use his old tax returns")
    line = reply.parts[0]
    assert line.startswith("If someone is detained or ICE is at the door now, call ")
    assert "closed now" not in line and "LUCE" not in line


# Tuesday 24 November 2026, 10:00 in Boston.
TUESDAY_MORNING = dt.datetime(2026, 11, 24, 15, 0, tzinfo=dt.UTC)
# At most this many SMS segments for HELP (before: 5 to 9, in 2 or 3 messages).
HELP_SEGMENTS = {"en": 2, "es": 2, "pt": 2, "ht": 2, "zh": 2, "vi": 3, "ko": 3}


@pytest.fixture(scope="module")
def morning(content: Content) -> Conversation:
    return Conversation(content, clock=lambda: TUESDAY_MORNING)


@pytest.mark.parametrize("lang", sorted(HELP_SEGMENTS))
def test_sms_help_is_one_short_message_with_the_service_a_contact_and_stop(
    morning: Conversation, lang: str
) -> None:
    """What US carriers require of a HELP reply, and nothing more on the person's bill."""
    content = morning.content
    word = sorted(content.lexicons[lang].commands["help"])[0]
    reply, _ = morning.respond(Inbound(text=word, lang=lang), Session())
    (text,) = reply.parts
    assert reply.kind == "command" and reply.lang == lang
    assert content.config.service.name in text and "STOP" in text
    assert any(contact.reach and contact.reach in text for contact in content.contacts.contacts)
    assert answers.for_sms(content, lang, text).segments <= HELP_SEGMENTS[lang]


def test_help_in_a_chat_explains_the_commands(morning: Conversation) -> None:
    reply, _ = morning.respond(Inbound(text="help", channel="web", lang="en"), Session())
    assert reply.parts == (morning.content.strings.get("en", "help"),)


@pytest.mark.parametrize("channel", ["sms", "web"])
def test_forget_me_confirms_without_asking_the_person_to_send_forget_me_again(
    conversation: Conversation, channel: str
) -> None:
    strings = conversation.content.strings
    for lang in conversation.content.languages:
        word = sorted(conversation.content.lexicons[lang].commands["forget"])[0]
        reply, _ = conversation.respond(Inbound(text=word, channel=channel, lang=lang), Session(lang=lang))
        assert reply.kind == "forget" and reply.lang == lang
        done, privacy = reply.parts
        assert done == strings.get(lang, "forget-done")
        assert strings.get(lang, "answer-checked", {"date": ""}).split()[0] in privacy  # the answer is there
        said = f" {fold(privacy)} "
        phrases = [fold(p) for lex in conversation.content.lexicons.values() for p in lex.commands["forget"]]
        assert not [p for p in phrases if f" {p} " in said], (lang, channel, privacy)  # names no "forget me"


def test_more_continues_the_address_answer_instead_of_repeating_it(conversation: Conversation) -> None:
    """Reading "can the IRS give my address to ICE?" to the end cost 12 SMS segments when MORE repeated it."""
    content = conversation.content
    first, *rest = talk(conversation, "can the IRS give my address to ICE?", *["more"] * 8)
    more = [r for r in rest if r.kind == "more" and r.entry_id]
    entry = content.faq.entries[first.entry_id or ""]
    kept = answers.continuation(content, entry, "en").split("\n")
    left_out = [p for p in answers.text_of(content, entry, "en").full.split("\n") if p not in kept]
    sent = " ".join(part for reply in more for part in reply.parts)
    assert left_out and all(paragraph not in sent for paragraph in left_out)
    cost = sum(answers.for_sms(content, "en", part).segments for r in (first, *more) for part in r.parts)
    assert cost < 12


@pytest.mark.parametrize(("behind", "urgent"), [(0.05, True), (0.5, False)])
def test_the_emergency_entry_in_second_place_counts_only_close_to_the_first(
    conversation: Conversation, monkeypatch: pytest.MonkeyPatch, behind: float, urgent: bool
) -> None:
    """Second place catches emergencies the word rules missed; far behind a clear answer it is calm.
    The learned net (tests/test_urgency_model.py) is left out: this is the matcher's net."""
    ranking = {"legal-help": 0.6, "ice-contact-urgent": 0.6 - behind, "_not-covered": -0.3}
    monkeypatch.setattr(conversation.matcher, "match", lambda folded, lang: Match.of(ranking))
    without_net = dataclasses.replace(conversation.content, urgency_model=None)
    monkeypatch.setattr(conversation, "content", without_net)
    (reply,) = talk(conversation, "my husband needs a lawyer, where do i find one")
    assert reply.urgent is urgent
    assert reply.entry_id == ("ice-contact-urgent" if urgent else "legal-help")


def test_a_long_chinese_paragraph_that_opens_with_hello_is_a_question_not_a_greeting(
    conversation: Conversation,
) -> None:
    """Chinese has no spaces: counted by them, a whole paragraph is one "word" and looked like small talk."""
    text = (
        "你好，我用税号报税已经很多年了，现在听说国税局会把我们的地址交给移民局，我的税号资料会不会被分享出去"
    )
    (reply,) = talk(conversation, text)
    assert reply.kind != "menu"
    assert reply.lang == "zh"


@pytest.mark.parametrize(
    "text",
    [
        "is my tax data shared?",
        "mis datos de impuestos se comparten con ICE?",
        "meus dados do imposto vão pro ICE?",
        "我的税务资料会给ICE吗",
        "thông tin thuế của tôi có chuyển cho ICE không",
        "제 세금 정보 ICE한테 가요?",
    ],
)
def test_the_question_this_helpline_exists_for_gets_a_data_sharing_answer(
    conversation: Conversation, text: str
) -> None:
    """ "Is my tax data shared with ICE?" once got the Boston lawsuit's answer."""
    (reply,) = talk(conversation, text)
    sharing = {"mou-what-shared", "itin-shared", "data-already-shared"}
    assert reply.kind == "answer" and reply.entry_id in sharing
