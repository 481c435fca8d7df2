"""The conversation core, driven the way a person would, one message at a time."""

from __future__ import annotations

import pytest

from bot.conversation import Conversation, Inbound, Reply
from bot.session import Session


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


def test_switching_language_by_name_sticks_even_for_english_questions(conversation: Conversation) -> None:
    switched, answer = talk(conversation, "español", "what is an itin")
    assert switched.lang == "es" and switched.parts[0].startswith("Listo")
    assert (answer.entry_id, answer.lang) == ("itin-what", "es")


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


def test_an_emoji_alone_gets_the_honest_fallback(conversation: Conversation) -> None:
    (reply,) = talk(conversation, "🙏")
    assert reply.kind == "fallback" and reply.entry_id is None


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
