"""The conversation core: one message in, the reply parts out. No channel knows more.

Order of precedence for each message, most important first:

1. a command the whole message spells (a number from the last list, MORE,
   MENU, HELP, a language's name...);
2. an emergency (someone detained, ICE at the door, a hearing): the urgent
   entry with contacts first, always; where its words (none that counts alone)
   come with a tax question the FAQ surely answers, that answer follows it;
3. "forget me": erase this person's state, then explain what the bot keeps;
4. a FAQ answer when the matcher is confident, numbered suggestions when it
   is not sure, and an honest fallback with where to get help otherwise.

A reply that sends people to help ends with the contacts for its topic and,
when a staff group can take it, the offer of a legal-aid worker; YES as the
very next message accepts (the ticket itself is :mod:`bot.handoff`'s).

Owns: that order, the language of the reply, and session changes.
Must not: import aiohttp, twilio, telegram or storage; channels adapt to this.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from bot import answers, referral
from bot.contacts import Mention, choose, find_place, topics_for
from bot.content import Content
from bot.decision import Decision, decide
from bot.faq import REDIRECTS, Entry
from bot.language import Detection, LanguageDetector
from bot.lexicon import SCOPE_KINDS
from bot.matcher import Match, Matcher
from bot.privacy import has_address, redact
from bot.session import More, Offer, Session
from bot.svm import fit_cache
from bot.text import PhraseFinder, Rewriter, fold, without_links, word_count
from bot.urgency import (
    ADDRESS,
    ADDRESS_PLEA_WORDS,
    HEDGED_SURE,
    PLACE,
    SHORT_ALERT_WORDS,
    after_turns,
    has_alone_phrase,
    has_danger_words,
    hedged,
    is_urgent,
    leans_urgent,
    mentions_danger,
    net_may_decide_alone,
    placed_alert,
    short_alert,
    urgent_phrases,
)

# The web chat's page (bot/channels/web_chat.py): strings it loads as they are, strings it
# formats with the server's values, and those only the privacy page shows.
WEB_PAGE_MESSAGES = (
    "web-title",
    "web-intro",
    "web-input-label",
    "web-send",
    "web-language",
    "web-error",
    "web-run-by",
    "web-privacy",
    "web-emergency",
)
WEB_FORMATTED_MESSAGES = ("web-too-long", "web-org-privacy")
PRIVACY_PAGE_MESSAGES = ("web-privacy-browser", "web-back")
UI_MESSAGES = tuple(
    [
        "welcome",
        "menu-intro",
        "choice-line",
        "menu-language",
        "group-intro",
        "language-menu",
        "language-set",
        "suggest-intro",
        "suggest-pick",
        "choice-invalid",
        "fallback",
        "contacts-intro",
        "contact-line",
        "contact-line-hours",
        "contact-always",
        "contact-open",
        "contact-closed",
        "danger-line",
        "help",
        "optout-confirm",
        "optin-confirm",
        "privacy-notice",
        "forget-done",
        "answer-checked",
        "answer-checked-time-sensitive",
        "more-prompt",
        "more-none",
        "sensitive-warning",
        "thanks-reply",
        "error-generic",
        "error-empty",
        "text-only",
        "sms-help",
        "group-private",
        "group-hint",
        "command-start",
        "command-help",
        "command-language",
        "command-privacy",
        "command-forget",
        *(WEB_PAGE_MESSAGES + WEB_FORMATTED_MESSAGES + PRIVACY_PAGE_MESSAGES),
        "handoff-offer",
        "handoff-opened",
        "handoff-relayed",
        "handoff-closed",
        "handoff-ended",
        "handoff-staff-label",
        "slow-down",
        "staff-ticket",
        "staff-from-person",
        "staff-closed",
        "staff-ended",
        "staff-no-ticket",
        "staff-not-sent",
    ]
)
# Strings sent as a whole SMS on their own, so each must fit the segment budget.
SMS_MESSAGES = tuple(
    [
        "welcome",
        "fallback",
        "help",
        "optout-confirm",
        "optin-confirm",
        "privacy-notice",
        "forget-done",
        "more-none",
        "sensitive-warning",
        "thanks-reply",
        "error-generic",
        "error-empty",
        "choice-invalid",
        "text-only",
        "sms-help",
        "handoff-offer",
        "handoff-opened",
        "handoff-relayed",
        "handoff-closed",
        "handoff-ended",
        "slow-down",
    ]
)
_NUMBER = re.compile(r"^\s*#?\s*(\d{1,2})\s*[.)]?\s*$")
SECOND_LANGUAGE = 0.2  # a runner-up language this likely is matched too
# "delete my data please" is a request; a long message that names deleting ("a man says he can get
# my records deleted from the IRS, can I trust him?") is a question for the FAQ, and erasing the
# person's state on it would be a surprise.
FORGET_WORDS = 8
SMALL_TALK = "small-talk"  # the redirect kind of greetings, thanks, worry and insults with no topic
SPAM = "spam"  # the redirect kind of ads and links
LINK = "link"  # a label added to the phrases found when the message held a link
SMALL_TALK_WORDS = 8  # longer messages with "hi" in them are questions, not greetings
SHORT_SMALL_TALK = 3  # this short, thanks or a greeting wins over any answer
UNSURE = ("suggest", "fallback")  # replies that do not know what was asked
# A language picked from the menu gives way only to a message this surely in another one.
SWITCH_CHOSEN = 0.97
# Phrases that only a language's own file lists: evidence that a message is in that language.
LANGUAGE_PHRASES = (":urgent:alone", ":forget", ":greeting", ":thanks")


@dataclass(frozen=True)
class Inbound:
    """A message as the core sees it: text and where it came from, nothing identifying."""

    text: str
    channel: str = "sms"
    group: bool = False
    lang_hint: str | None = None  # a language the channel reports, e.g. Telegram's app language
    command: str | None = None  # a command the channel already recognised (Telegram's /help)
    opted_out: bool = False  # the person said STOP earlier; only a START word is heard
    can_hand_off: bool = False  # a legal-aid worker may be offered (staff group set, no open ticket)
    lang: str | None = None  # answer in this language whatever the message says (`taxbot ask --lang`)


@dataclass(frozen=True)
class Choice:
    number: int
    label: str
    action: str  # "entry:<id>", "group:<name>", "lang:<code>", "menu:language"


@dataclass(frozen=True)
class Reply:
    """What to send back, in order, plus what happened (for logs, tests and `ask --json`)."""

    parts: tuple[str, ...]
    lang: str
    kind: str  # answer, urgent, suggest, redirect, fallback, contacts, menu, more, command, forget
    entry_id: str | None = None
    redirect: str | None = None  # the kind of out-of-scope message a redirect answered
    score: float = 0.0
    urgent: bool = False
    escalate: bool = False
    suggestions: tuple[str, ...] = ()
    choices: tuple[Choice, ...] = ()
    forget: bool = False
    optout: bool = False  # the person asked to get no more messages
    optin: bool = False  # the person asked to get messages again
    offered: bool = False  # ends with the offer of a legal-aid worker
    handoff: Offer | None = None  # the person said YES to that offer: open a ticket


class Conversation:
    """Answers messages from one content snapshot; build a new one when content changes."""

    def __init__(self, content: Content, clock: Callable[[], dt.datetime] | None = None) -> None:
        self.content = content
        # Whether a contact is open now; tests pass a fixed time.
        self._clock = clock or (lambda: dt.datetime.now(dt.UTC))
        cache = fit_cache(content.config.path)
        self.matcher = Matcher(content.faq, content.lexicons, cache)
        answers.keep_continuations(content, cache)
        self.detector = LanguageDetector(content.faq, content.lexicons, content.languages, cache)
        # Every phrase list (urgent words, "forget me", greetings, thanks) in one
        # finder, so each message is scanned once.
        labelled = urgent_phrases(content.lexicons)
        for lang, lexicon in content.lexicons.items():
            for kind in ("forget", "greeting", "thanks"):
                labelled[f"{lang}:{kind}"] = tuple(lexicon.commands[kind])
            for kind, words in lexicon.scope.items():
                labelled[f"{lang}:scope:{kind}"] = words
            for kind, words in lexicon.ads.items():
                labelled[f"{lang}:ad:{kind}"] = words
        self._phrases = PhraseFinder(labelled)
        # "Bonjour, c'est quoi un ITIN ?" is a question, not small talk: greetings around a
        # question are left out of matching, or they would pull it to the small-talk redirect.
        self._greetings = Rewriter(
            {p: "" for lexicon in content.lexicons.values() for p in lexicon.commands["greeting"]}
        )
        self._urgent_entry = next((e for e in content.faq.entries.values() if e.urgent), None)
        # "But now", "otra cosa": every language's, as a Spanglish message may turn in English.
        turns = (turn for lexicon in content.lexicons.values() for turn in lexicon.urgent["turn"])
        self._turns = tuple(dict.fromkeys(turns))
        self._referrals = referral.Referrals(content)
        self._privacy_entry = content.faq.get("bot-privacy")
        # A message that is word for word one of a redirect's examples ("sí", "tengo miedo")
        # gets that redirect: staff wrote it there, and a word so short scores near any entry.
        self._redirect_examples = {
            (lang, fold(question)): kind
            for kind, redirect in content.faq.redirects.items()
            for lang, text in redirect.texts.items()
            for question in text.questions
        }
        # Every command word and language name of every language: most messages are neither.
        self._command_words = frozenset(
            p for lexicon in content.lexicons.values() for ps in lexicon.commands.values() for p in ps
        )
        self._language_names = frozenset(n for lexicon in content.lexicons.values() for n in lexicon.names)
        # Each answer's first message, composed once per entry, language and channel style: it
        # depends on this content alone, and composing it cost more than matching the message.
        self._first_answers: dict[tuple[str, str, str], tuple[str, bool]] = {}
        # Without spaces, so "我住在 附近" and "i m in" match however they were spaced.
        self._place_phrases = frozenset(
            p.replace(" ", "") for lexicon in content.lexicons.values() for p in lexicon.place_phrases
        )

    def respond(self, inbound: Inbound, session: Session) -> tuple[Reply, Session]:
        """Reply to one message; the returned session replaces the old one."""
        if inbound.command:
            reply, session = self._channel_command(inbound, session)
        else:
            reply, session = self._respond_to_text(inbound, session)
        reply, session = self._offer_help(reply, session, inbound)
        if not reply.forget:
            # Short follow-ups ("1", "ok", "MORE") keep the language of the last reply.
            session = _changed(session, lang=session.lang if session.lang_chosen else reply.lang)
        if inbound.group:
            session = _changed(session, choices=(), more=None)
        return reply, session

    def never_limited(self, text: str, command: str | None = None) -> bool:
        """Emergencies, STOP, START, HELP and "forget me" always get through, even past a rate limit.

        Leans towards letting through: an emergency in any language's words counts. The helpline
        asks only about messages already past a limit, so a flood pays for the full core only then.
        """
        if command in ("forget", "help"):
            return True
        folded = fold(text)
        for lexicon in self.content.lexicons.values():
            if any(folded in lexicon.commands[name] for name in ("stop", "start", "help")):
                return True
        found = self._phrases(folded)
        if any(label.endswith(":forget") for label in found) or is_urgent(found, self.content.languages):
            return True
        # Emergencies in words no list holds: the whole core decides, as for any first message.
        return self.respond(Inbound(text), Session())[0].urgent

    def _offer_help(self, reply: Reply, session: Session, inbound: Inbound) -> tuple[Reply, Session]:
        """After an answer that sends people to help, offer a person; any other message drops the offer.

        The offer says plainly that staff will see the question; nothing is
        shared unless the next message is YES.
        """
        if reply.handoff is None and reply.escalate and inbound.can_hand_off and not inbound.group:
            offer = self.content.strings.get(reply.lang, "handoff-offer")
            reply = replace(reply, parts=(*reply.parts, offer), offered=True)
            entry = self._topic_of(reply)
            return reply, replace(session, offer=Offer(entry.id if entry else ""))
        return reply, _changed(session, offer=None)

    def _respond_to_text(self, inbound: Inbound, session: Session) -> tuple[Reply, Session]:
        text, sensitive = redact(inbound.text)
        text, links = without_links(text)  # whether there was one is kept (see _faq)
        folded = fold(text)
        if not any(ch.isalnum() for ch in folded) and not self._alarming_pictographs(folded):
            # Nothing but emoji or punctuation is still a message: say honestly what the bot does.
            lang = self._fallback_lang(session, inbound)
            if inbound.text.strip():
                reply, session = self._fallback(lang, session, 0.0)
                return self._refer(reply, None, inbound.channel), session
            return self._say(lang, "command", "error-empty"), session
        # Emergency and command words are read before redaction: "court" or "my son" after a number
        # ("the 3 at the court", "route 1 my son drives that way") would go with an address that is
        # not one. Nothing read here is kept; what is kept or shown is the redacted text.
        found = self._phrases(fold(without_links(inbound.text)[0]) if sensitive else folded)
        detection = self.detector.detect_folded(folded, _phrases_by_language(found))
        if links:
            found = found | {LINK}
        lang = self._reply_lang(session, detection, inbound)
        if session.lang_chosen and lang != session.lang:
            session = replace(session, lang=lang)  # they now write in another language: follow them
        # A town named in this message shapes this reply's contacts only; it is never kept.
        mention = find_place(self.content.contacts, folded)
        found = with_whereabouts(found, inbound.text, folded, mention is not None)
        reply, session = self._route(folded, lang, detection, inbound, session, found, mention)
        reply = self._refer(reply, mention, inbound.channel)
        if sensitive:
            warning = self.content.strings.get(reply.lang, "sensitive-warning")
            reply = replace(reply, parts=(*reply.parts, warning))
        return reply, session

    def _route(
        self,
        folded: str,
        lang: str,
        detection: Detection,
        inbound: Inbound,
        session: Session,
        found: set[str],
        mention: Mention | None,
    ) -> tuple[Reply, Session]:
        style = answers.style_for(inbound.channel)
        command = self._command(folded, session, lang, style, inbound.opted_out)
        if command is not None:
            return command
        likely = self._likely_languages(lang, detection)
        # A plea or officers with where it is are judged on their words alone: the net reads too little
        # in so few to call them surely calm ("ed. kwen Washington ak Columbia. kounye a" scored 0.09),
        # and one emergency it would calm lowers its threshold for every message (bench/urgency_model.py).
        words = word_count(folded)
        alert = placed_alert(found, likely, words) or (
            (
                is_urgent(found, likely)
                or short_alert(found, likely, words)
                or self._learned_alert(folded, found, likely)
            )
            and not self._surely_calm(folded, found)
        )
        alert = alert or self._urgent_after_turn(folded, found, likely)
        if self._urgent_entry and alert:
            reply, session = self._urgent(self._urgent_entry, lang, style, session, 1.0)
            if any(f"{code}:scope:tax" in found for code in likely) and not has_alone_phrase(found):
                reply = self._also_answered(reply, folded, likely, style, found)
            return reply, session
        if any(label.endswith(":forget") for label in found) and word_count(folded) <= FORGET_WORDS:
            return self._forget_me(lang, style)
        if mention and self._only_place(mention):
            # "I'm in New Bedford" (say, after a fallback): the contacts near there are the reply.
            reply = Reply(parts=(), lang=lang, kind="contacts", escalate=True)
            return reply, _changed(session, choices=(), more=None)
        reply, session = self._faq(folded, lang, likely, style, session, found)
        if (
            mentions_danger(found, likely)
            or (reply.kind in UNSURE and has_danger_words(found, likely))
            or self._worrying(folded)
        ):
            # Custody, a court or officers nearby, not judged urgent: the emergency line still comes first.
            # So it does before numbered choices or "I don't know" for a message naming a relative, a
            # place or a time: an emergency in words no list holds lands there, the bot unsure what is asked.
            # And so it does wherever the learned net finds an emergency likely enough, whatever the words.
            line = self._referrals.danger_line(reply.lang, now=self._clock())
            if line and reply.parts[:1] != (line,):
                reply = replace(reply, parts=(line, *reply.parts))
        return reply, session

    def _alarming_pictographs(self, folded: str) -> bool:
        """A message of emoji alone that the emergency lists read as an alert ("🚨🚐👮👮"): it takes
        the emergency path like words would. Any other (🙏, 😭) gets the honest fallback."""
        found = self._phrases(folded)
        langs = self.content.languages
        return bool(folded) and (is_urgent(found, langs) or short_alert(found, langs, word_count(folded)))

    def _learned_alert(self, folded: str, found: set[str], likely: list[str]) -> bool:
        """The learned net (:mod:`bot.urgency_model`): an emergency in words the lists lack ("the
        landlord says he calls immigration Friday"), at its ordinary threshold where the words lean
        that way (:func:`bot.urgency.leans_urgent`), at its far higher "surely" one anywhere else
        ("a car followed me from work, I'm lying in the back seat"). Cross-validated while
        urgency28's 44 emergencies were still missed by the lists, the ordinary threshold gated so
        added 25 of them and 51 false alarms; asked wherever any word of danger appeared, 33 and 122
        ("lawyer?", "will it snow tomorrow in Lowell?"). The surely-urgent one, measured on urgency40
        before the net read it, caught 10 of the 22 emergencies everything else missed and no calm one."""
        model = self.content.urgency_model
        if model is None:
            return False
        if leans_urgent(found, likely):
            return model.urgent(folded)
        if _is_ad(found):  # "GANA $500 DIARIOS... entra aqui bit.ly/...": scored as sure as a raid
            return False
        if not net_may_decide_alone(found, likely, word_count(folded)):
            return False
        return model.sure(folded, HEDGED_SURE if hedged(found, likely) else 0.0)

    def _worrying(self, folded: str) -> bool:
        """The learned net's fourth threshold (:meth:`bot.urgency_model.UrgencyModel.worrying`). Measured
        before it existed, over seventeen rounds of new messages (urgency40 to 56), each scored by a net
        trained only on the rounds before it: 40 emergencies the bot missed at first had no number in
        their first SMS; at the threshold chosen (0.2), 37 of them would have had the emergency line,
        and so would 1.4 % of those rounds' calm messages (1.8 % of all grown sets', cross-validated)."""
        model = self.content.urgency_model
        return model is not None and model.worrying(folded)

    def _surely_calm(self, folded: str, found: set[str]) -> bool:
        """Words that add up to an emergency, none of them a phrase that counts alone, in a message
        the learned net finds surely calm: no emergency. Its threshold is chosen cross-validated so
        that it and the next candidate up take away none of the sets' emergencies (`make
        urgency-model`; the figures are in the README, "How it answers")."""
        model = self.content.urgency_model
        return model is not None and not has_alone_phrase(found) and model.calm(folded)

    def _urgent_after_turn(self, folded: str, found: set[str], likely: list[str]) -> bool:
        """A long message that asks about taxes, then turns to what is happening ("otra cosa, ahorita
        mismo hay un carro..."): the words after a turn, weighed alone, make an emergency, unless the
        learned net finds them surely calm. The net reading the whole message hears mostly the tax
        question: it may calm a turn only to what is not said to be today ("a lockdown drill today;
        but would the school give ICE our data?"), never "my husband was taken this afternoon"."""
        urgent = []
        for tail in after_turns(folded, found, self._turns):
            said = self._phrases(tail)
            if is_urgent(said, likely) and not self._surely_calm(tail, said):
                urgent.append(said)
        if any(label.endswith(":urgent:now") for said in urgent for label in said):
            return True
        # The whole message's verdict, asked once and only when a turn's words need it.
        return bool(urgent) and not self._surely_calm(folded, found)

    def _only_place(self, mention: Mention) -> bool:
        """The message is a town alone or with a way of saying "I live in" from a language file.

        The matcher would answer "moro em Framingham" with whatever entry
        names a town, so saying where you are is recognised before matching.
        """
        return not mention.rest or mention.rest.replace(" ", "") in self._place_phrases

    # Language -----------------------------------------------------------------

    def _reply_lang(self, session: Session, detection: Detection, inbound: Inbound) -> str:
        """The conversation's language, unless the message is confidently in another one.

        Also after a choice from the language menu: one mis-tap must never leave
        someone with answers they cannot read.
        """
        if inbound.lang in self.content.languages:
            return inbound.lang
        if session.lang in self.content.languages:
            chosen_and_sure = session.lang_chosen and detection.probability >= SWITCH_CHOSEN
            if not detection.confident or (session.lang_chosen and not chosen_and_sure):
                return session.lang
        if detection.confident or detection.probability >= 0.5:
            return detection.lang
        return self._fallback_lang(session, inbound)

    def _fallback_lang(self, session: Session, inbound: Inbound) -> str:
        for lang in (session.lang, inbound.lang_hint):
            if lang in self.content.languages:
                return lang
        return self.content.config.content.default_language

    def _likely_languages(self, lang: str, detection: Detection) -> list[str]:
        likely = [lang]
        for other, probability in detection.ranking[:2]:
            if other not in likely and probability >= SECOND_LANGUAGE:
                likely.append(other)
        return likely

    # Commands -------------------------------------------------------------------

    def _channel_command(self, inbound: Inbound, session: Session) -> tuple[Reply, Session]:
        """/start, /help, /language, /privacy, /forget: no text to detect a language from."""
        lang = self._fallback_lang(session, inbound)
        style = answers.style_for(inbound.channel)
        name = {"start": "greeting"}.get(inbound.command or "", inbound.command or "")
        found = self._run_command(name, lang, session, style, inbound.opted_out)
        return found or self._menu(lang, session, welcome=True)

    def _command(
        self, folded: str, session: Session, lang: str, style: answers.Style, opted_out: bool = False
    ) -> tuple[Reply, Session] | None:
        if session.offer is not None:
            found = self._command_named(folded, lang, prefer="yes")
            if found and found[0] == "yes":
                opened = self._say(found[1], "handoff", "handoff-opened")
                return replace(opened, handoff=session.offer), replace(session, offer=None)
        number = _NUMBER.match(folded)
        if number:
            return self._pick(int(number.group(1)), session, lang, style)
        chosen = self._language_named(folded)
        if chosen:
            return self._set_language(chosen, session)
        found = self._command_named(folded, lang, prefer="start" if opted_out else None)
        if found is None:
            return None
        name, lang = found
        return self._run_command(name, lang, session, style, opted_out)

    def _run_command(
        self, name: str, lang: str, session: Session, style: answers.Style, opted_out: bool = False
    ) -> tuple[Reply, Session] | None:
        if name == "more":
            return self._more(session, lang)
        if name == "menu":
            return self._menu(lang, session, welcome=False)
        if name == "greeting":
            return self._menu(lang, session, welcome=True)
        if name == "language":
            return self._language_menu(lang, session)
        if name == "forget":
            return self._forget_me(lang, style)
        if name == "stop":
            return replace(self._say(lang, "optout", "optout-confirm"), optout=True), session
        if name == "start":
            if not opted_out:  # "empezar" from someone who never stopped is a hello
                return self._menu(lang, session, welcome=True)
            return replace(self._say(lang, "optin", "optin-confirm"), optin=True), session
        if name == "help":
            return self._help(lang, style), session
        if name == "thanks":
            return self._say(lang, "command", "thanks-reply"), session
        if name == "privacy":
            days = self.content.config.privacy.session_days
            return self._say(lang, "command", "privacy-notice", days=days), session
        return None

    def _help(self, lang: str, style: answers.Style) -> Reply:
        """How to use the bot; on SMS also who runs it, where to get help and how to stop.

        On SMS that is all, in one message: US carriers require the service's
        name, a way to get help and STOP (https://www.twilio.com/docs/api/errors/30540),
        and every segment more is on the person's bill.
        """
        strings = self.content.strings
        carrier = strings.get(lang, "sms-help", {"service": self.content.config.service.name})
        if style.paged:
            return Reply(parts=(self._sms_help(carrier, lang),), lang=lang, kind="command")
        parts: tuple[str, ...] = (strings.get(lang, "help"),)
        if style.name == "whatsapp":
            parts = (*referral.refer(self.content, (carrier,), None, lang, style, now=self._clock()), *parts)
        return Reply(parts=parts, lang=lang, kind="command")

    def _sms_help(self, carrier: str, lang: str) -> str:
        """The carrier text and one contact, after "People who can help:" unless that costs a segment."""
        line = self._help_contact(lang)
        if line is None:
            return carrier
        intro = self.content.strings.get(lang, "contacts-intro")
        full, short = f"{carrier}\n{intro}\n{line}", f"{carrier}\n{line}"
        cost = [answers.for_sms(self.content, lang, text).segments for text in (full, short)]
        return full if cost[0] <= cost[1] else short

    def _help_contact(self, lang: str) -> str | None:
        """The one contact an SMS HELP names: the best for this language and hour."""
        directory, now = self.content.contacts, self._clock()
        found = choose(directory, topics_for(directory, None), lang, now, None, 1, around_the_clock=False)
        if not found:
            return None
        contact, strings = found[0], self.content.strings
        args: dict[str, str | int | float] = {"name": contact.name, "reach": contact.reach}
        if contact.hours is None:
            line = strings.get(lang, "contact-line", args)
        else:
            status = "contact-open" if contact.hours.is_open(now) else "contact-closed"
            status = "contact-always" if contact.hours.always else status
            line = strings.get(lang, "contact-line-hours", {**args, "hours": strings.get(lang, status)})
        return line

    def _command_named(self, folded: str, lang: str, prefer: str | None = None) -> tuple[str, str] | None:
        """A command word, preferring the reply language; a word from another language answers in it.

        ``prefer`` wins over other commands spelt the same ("volver" is MENU, but START after a STOP).
        """
        if folded not in self._command_words:
            return None
        order = [lang, *(other for other in self.content.languages if other != lang)]
        if prefer:
            for code in order:
                if folded in self.content.lexicons[code].commands[prefer]:
                    return prefer, code
        for code in order:
            name = self.content.lexicons[code].command(folded)
            if name:
                return name, code
        return None

    def _language_named(self, folded: str) -> str | None:
        if folded not in self._language_names:
            return None
        for code in self.content.languages:
            if folded in self.content.lexicons[code].names:
                return code
        return None

    def _pick(self, number: int, session: Session, lang: str, style: answers.Style) -> tuple[Reply, Session]:
        if not 1 <= number <= len(session.choices):
            return self._say(lang, "command", "choice-invalid"), session
        kind, _, value = session.choices[number - 1].partition(":")
        if kind == "entry" and (entry := self.content.faq.get(value)):
            return self._answer(entry, lang, style, session, 1.0)
        if kind == "group":
            return self._group(value, lang, session)
        if kind == "lang" and value in self.content.languages:
            return self._set_language(value, session)
        if kind == "menu":
            return self._language_menu(lang, session)
        return self._say(lang, "command", "choice-invalid"), replace(session, choices=())

    def _set_language(self, lang: str, session: Session) -> tuple[Reply, Session]:
        session = replace(session, lang=lang, lang_chosen=True, choices=())
        reply, session = self._menu(lang, session, welcome=False)
        intro = self.content.strings.get(lang, "language-set")
        return replace(reply, parts=(intro, *reply.parts)), session

    # Menus ------------------------------------------------------------------------

    def _menu(self, lang: str, session: Session, *, welcome: bool) -> tuple[Reply, Session]:
        strings = self.content.strings
        choices = [
            (strings.get(lang, f"group-{group}"), f"group:{group}")
            for group in self.content.config.content.groups
            if any(e.group == group for e in self.content.faq.entries.values())
        ]
        choices.append((strings.get(lang, "menu-language"), "menu:language"))
        head = [strings.get(lang, "welcome")] if welcome else []
        return self._list(lang, "menu", [*head, strings.get(lang, "menu-intro")], choices, session)

    def _group(self, group: str, lang: str, session: Session) -> tuple[Reply, Session]:
        entries = sorted(
            (e for e in self.content.faq.entries.values() if e.group == group),
            key=lambda e: (e.order, e.id),
        )
        choices = [(answers.text_of(self.content, e, lang).title, f"entry:{e.id}") for e in entries]
        label = self.content.strings.get(lang, f"group-{group}")
        intro = self.content.strings.get(lang, "group-intro", {"group": label})
        return self._list(lang, "menu", [intro], choices, session)

    def _language_menu(self, lang: str, session: Session) -> tuple[Reply, Session]:
        choices = [(self.content.lexicons[code].name, f"lang:{code}") for code in self.content.languages]
        intro = self.content.strings.get(lang, "language-menu")
        return self._list(lang, "menu", [intro], choices, session)

    def _list(
        self,
        lang: str,
        kind: str,
        head: list[str],
        choices: list[tuple[str, str]],
        session: Session,
        tail: list[str] | None = None,
    ) -> tuple[Reply, Session]:
        numbered = tuple(Choice(n, label, action) for n, (label, action) in enumerate(choices, 1))
        lines = [
            self.content.strings.get(lang, "choice-line", {"number": c.number, "label": c.label})
            for c in numbered
        ]
        text = "\n".join([*head, *lines, *(tail or [])])
        session = replace(session, choices=tuple(c.action for c in numbered), more=None)
        return Reply(parts=(text,), lang=lang, kind=kind, choices=numbered), session

    # Answers ------------------------------------------------------------------------

    def _faq(
        self,
        folded: str,
        lang: str,
        likely: list[str],
        style: answers.Style,
        session: Session,
        found: set[str],
    ) -> tuple[Reply, Session]:
        if word_count(folded) <= SHORT_SMALL_TALK:
            # "valeu, obrigada" is thanks even if "valeu" looks like "vale a pena".
            small_talk = self._small_talk_reply(folded, found, likely, session)
            if small_talk:
                return small_talk
        exact = next((k for code in likely if (k := self._redirect_examples.get((code, folded)))), None)
        if exact is not None:
            return self._redirect(exact, lang, session, 1.0)
        if SPAM in self.content.faq.redirects and _is_ad(found):
            return self._redirect(SPAM, lang, session, 1.0)
        match = self._ranking(folded, found, likely)
        if has_danger_words(found, likely):
            near_urgent = self._near_urgent(match)
            urgent_entry = self._urgent_entry
            if near_urgent is not None and urgent_entry and not self._surely_calm(folded, found):
                return self._urgent(urgent_entry, lang, style, session, near_urgent)
        decision = self._decide(match, found, likely)
        if decision.kind == "answer" and decision.entry_id:
            entry = self.content.faq.entries[decision.entry_id]
            return self._answer(entry, lang, style, session, decision.score)
        small_talk = self._small_talk_reply(folded, found, likely, session)
        if small_talk:
            return small_talk
        if decision.kind == "suggest":
            return self._suggest(list(decision.suggestions), lang, session, decision.score)
        if decision.kind == "redirect" and decision.redirect:
            return self._redirect(decision.redirect, lang, session, decision.score)
        return self._fallback(lang, session, decision.score)

    def _decide(self, match: Match, found: set[str], likely: list[str]) -> Decision:
        """The ordinary answer rules (:func:`bot.decision.decide`), the emergency entry left out."""
        match = self._without_emergency(match)
        if any(f"{code}:scope:tax" in found for code in likely):
            # "estoy preocupada por el itin" is worry about a topic the FAQ covers, not small talk:
            # close entries are offered, or another redirect or the fallback, never only the polite line.
            match = match.without(f"{REDIRECTS}/{SMALL_TALK}")
        both = all(any(f"{code}:scope:{kind}" in found for code in likely) for kind in SCOPE_KINDS)
        return decide(match, self.content.config.matcher, in_scope=both)

    def _also_answered(
        self, reply: Reply, folded: str, likely: list[str], style: answers.Style, found: set[str]
    ) -> Reply:
        """The emergency reply, then the answer to a tax question the FAQ surely answers, in a message
        whose words add up to an emergency with none that counts alone ("a raid in Framingham last
        week, all over the news: was it from tax data?"). The words may have read a past raid or a
        settled hearing as one happening now: the person then gets what they asked as well; whoever
        is in danger gets the emergency reply first, as always. MORE still continues the emergency."""
        decision = self._decide(self._ranking(folded, found, likely), found, likely)
        if decision.kind != "answer" or decision.entry_id is None:
            return reply
        entry = self.content.faq.entries[decision.entry_id]
        text, _ = answers.first_answer(self.content, entry, reply.lang, style, offer_more=False)
        parts = (*reply.parts, text)
        return replace(reply, parts=parts, kind="answer", entry_id=entry.id, score=decision.score)

    def _near_urgent(self, match: Match) -> float | None:
        """The emergency entry's score when it is the likeliest entry, or a close second, reaching ``urgent``.

        The word rules miss phrasings nobody listed; the emergency entry's own
        example questions catch many of them. Missing a detention costs far more
        than showing the emergency numbers to a calm question, so a close second
        place will do; far behind a clear first (a one-word "lawyer?") it will not.
        """
        if self._urgent_entry is None:
            return None
        cfg = self.content.config.matcher
        outside = match.outside[0][1] if match.outside else -math.inf
        score = dict(match.entries[:2]).get(self._urgent_entry.id)
        if score is None or score < cfg.urgent or score < outside:
            return None  # "no" alone is small talk, even though the emergency answer says "do not"
        if match.entries[0][1] - score > cfg.urgent_gap:
            return None
        return score

    def _without_emergency(self, match: Match) -> Match:
        """The ranking without the emergency entry, once :meth:`_near_urgent` has had its say.

        The emergency entry is given only as an emergency, at its own threshold
        (``urgent``), never by the ordinary answer rules, whose ``answer`` may sit
        lower. And "I'm so scared" is close to its examples, but nobody is in
        custody or at the door: it is small talk, not an emergency nor an answer.
        """
        if self._urgent_entry is None:
            return match
        return match.without(self._urgent_entry.id)

    def _urgent(
        self, entry: Entry, lang: str, style: answers.Style, session: Session, score: float
    ) -> tuple[Reply, Session]:
        reply, session = self._answer(entry, lang, style, session, score)
        return replace(reply, kind="urgent", urgent=True, escalate=True), session

    def _without_greetings(self, folded: str, found: set[str], likely: list[str]) -> str:
        if not any(f"{code}:greeting" in found for code in likely):
            return folded
        rest = " ".join(self._greetings(folded).split())
        return rest or folded

    def _small_talk_reply(
        self, folded: str, found: set[str], likely: list[str], session: Session
    ) -> tuple[Reply, Session] | None:
        """ "hey good morning how r u" is a greeting, not an unanswerable question.

        Only the likely languages' words count: "vale" thanks in Spanish but
        means "is worth" in Portuguese.
        """
        if word_count(folded) > SMALL_TALK_WORDS:
            return None
        lang = likely[0]
        if any(f"{code}:greeting" in found for code in likely):
            return self._menu(lang, session, welcome=True)
        if any(f"{code}:thanks" in found for code in likely):
            return self._say(lang, "command", "thanks-reply"), session
        return None

    def _ranking(self, folded: str, found: set[str], likely: list[str]) -> Match:
        """Every entry and out-of-scope class ranked for the message, greetings around it left out."""
        return self._best_match(self._without_greetings(folded, found, likely), likely)

    def _best_match(self, folded: str, langs: list[str]) -> Match:
        """Match in each likely language; an entry keeps its best score from any of them."""
        if len(langs) == 1:
            return self.matcher.match(folded, langs[0])
        best: dict[str, float] = {}
        for lang in langs:
            match = self.matcher.match(folded, lang)
            for entry_id, score in (*match.entries, *match.outside):
                best[entry_id] = max(score, best.get(entry_id, -math.inf))
        return Match.of(best)

    def _answer(
        self, entry: Entry, lang: str, style: answers.Style, session: Session, score: float
    ) -> tuple[Reply, Session]:
        key = (entry.id, lang, style.name)
        found = self._first_answers.get(key)
        if found is None:
            found = self._first_answers[key] = answers.first_answer(self.content, entry, lang, style)
        text, has_more = found
        more = More(entry.id, lang, 0) if has_more else None
        reply = Reply(
            parts=(text,),
            lang=lang,
            kind="answer",
            entry_id=entry.id,
            score=score,
            urgent=entry.urgent,
            escalate=entry.escalate or entry.urgent,
        )
        return reply, _changed(session, more=more, choices=())

    def _more(self, session: Session, lang: str) -> tuple[Reply, Session]:
        more = session.more
        entry = self.content.faq.get(more.entry_id) if more else None
        if more is None or entry is None:
            return self._say(lang, "more", "more-none"), replace(session, more=None)
        if more.lang not in self.content.languages:  # saved before its language left bot.toml
            more = replace(more, lang=lang)
        parts = answers.more_parts(self.content, entry, more.lang)
        if more.part >= len(parts):
            return self._say(more.lang, "more", "more-none"), replace(session, more=None)
        following = More(more.entry_id, more.lang, more.part + 1) if more.part + 1 < len(parts) else None
        reply = Reply(parts=(parts[more.part],), lang=more.lang, kind="more", entry_id=entry.id)
        return reply, replace(session, more=following)

    def _suggest(self, ids: list[str], lang: str, session: Session, top: float) -> tuple[Reply, Session]:
        strings = self.content.strings
        choices = [
            (answers.text_of(self.content, self.content.faq.entries[i], lang).title, f"entry:{i}")
            for i in ids
        ]
        reply, session = self._list(
            lang,
            "suggest",
            [strings.get(lang, "suggest-intro")],
            choices,
            session,
            tail=[strings.get(lang, "suggest-pick")],
        )
        return replace(reply, suggestions=tuple(ids), score=top), session

    def _redirect(self, kind: str, lang: str, session: Session, score: float) -> tuple[Reply, Session]:
        """Say plainly that this helpline does not cover it; :meth:`_refer` adds who does."""
        redirect = self.content.faq.redirects[kind]
        text = redirect.texts.get(lang) or redirect.texts[self.content.config.content.source_language]
        reply = Reply(parts=(text.reply,), lang=lang, kind="redirect", redirect=kind, score=score)
        return reply, _changed(session, choices=(), more=None)

    def _fallback(self, lang: str, session: Session, top: float) -> tuple[Reply, Session]:
        """No answer; :meth:`_refer` adds who can help, as to every reply marked ``escalate``."""
        text = self.content.strings.get(lang, "fallback")
        reply = Reply(parts=(text,), lang=lang, kind="fallback", score=top, escalate=True)
        return reply, _changed(session, choices=(), more=None)

    def _refer(self, reply: Reply, mention: Mention | None, channel: str) -> Reply:
        """End a reply that sends people to help with contacts for its topic, language and town.

        A redirect names the contacts its kind has in ``[topics]`` of ``faq/contacts.toml``
        (none for small talk or spam).
        """
        topics = self.content.contacts.answers.get(reply.redirect) if reply.redirect else None
        if not reply.escalate and not topics:
            return reply
        parts = self._referrals.refer(
            reply.parts,
            self._topic_of(reply),
            reply.lang,
            answers.style_for(channel),
            now=self._clock(),
            place=mention.place if mention else None,
            topics=topics,
        )
        # A directory with nobody to offer must still leave the person an answer.
        return replace(reply, parts=parts or (self.content.strings.get(reply.lang, "fallback"),))

    def _topic_of(self, reply: Reply) -> Entry | None:
        """The entry a reply is referred and offered to staff under: an emergency's reply is the
        emergency's, also where it answers a tax question too (:meth:`_also_answered`)."""
        return self._urgent_entry if reply.urgent else self.content.faq.get(reply.entry_id or "")

    def _forget_me(self, lang: str, style: answers.Style) -> tuple[Reply, Session]:
        """Erase the person's state first, then say what the bot keeps and that it is gone.

        The privacy answer goes without its sentences that say to send "forget me":
        the person just did.
        """
        parts = [self.content.strings.get(lang, "forget-done")]
        entry_id = None
        if self._privacy_entry:
            # No MORE offer: nothing is kept that could remember where the answer stopped.
            text, _ = answers.first_answer(
                self.content,
                self._privacy_entry,
                lang,
                style,
                offer_more=False,
                leave_out=self._names_forget,
            )
            parts.append(text)
            entry_id = self._privacy_entry.id
        reply = Reply(parts=tuple(parts), lang=lang, kind="forget", entry_id=entry_id, forget=True)
        return reply, Session()

    def _names_forget(self, sentence: str) -> bool:
        """The sentence names a "forget me" phrase of any language ("Reply FORGET ME to erase it now.")."""
        return any(label.endswith(":forget") for label in self._phrases(fold(sentence)))

    def _say(self, lang: str, kind: str, message: str, **args: str | int) -> Reply:
        return Reply(parts=(self.content.strings.get(lang, message, args),), lang=lang, kind=kind)


def with_whereabouts(found: set[str], text: str, folded: str, names_town: bool) -> set[str]:
    """The labels with where the person is, when their words make that part of an emergency.

    An address after a cry for help, or beside officers or a bare "now" in a few words, is where help
    must come (ADDRESS), and so is a store or a town with a cry for help and little else ("market
    basket chelsea. help"); a town, a street or a named store with a bare "now" is where it is
    happening ("Mattapan. kounya. 2 van.", "Market Basket AHORA", PLACE). The address is looked for
    only where it can matter: it costs a pattern search over the raw ``text``. Words are counted in
    ``folded`` as the short alert counts them (Chinese by its characters, pictographs side by side as
    one word), so a Chinese paragraph is never "a few words"; also only where it can matter. Shared
    with the test that the word rules alone find the emergencies, so the two cannot drift apart.
    """
    plea = any(label.endswith(":urgent:plea") for label in found)
    instant = any(label.endswith(":urgent:instant") for label in found)
    officers = any(label.endswith(":urgent:enforcer") for label in found)
    if not (plea or instant or officers):  # most messages: nothing more to look for
        return found
    spot = any(label.endswith(":urgent:spot") for label in found)
    words = word_count(folded)
    few = words <= ADDRESS_PLEA_WORDS
    where = (plea or instant or few) and has_address(text)
    # "market basket chelsea. help": a store or a town is where help must come in so few words.
    named = plea and words <= SHORT_ALERT_WORDS and (names_town or spot)
    if named or (where and (plea or few)):
        found = found | {ADDRESS}
    if instant and (names_town or spot or where):
        found = found | {PLACE}
    return found


def _is_ad(found: set[str]) -> bool:
    """ "WIN a FREE iphone http://x.co": a link with no word of taxes or immigration is an ad. So is an
    offer with a way to take it up ("refund GUARANTEED, ITIN ok, add me on WhatsApp"), whatever it
    names: ads for the very things this FAQ is about scored close to its entries and got one. The
    words are each language's ``[ads]`` (any language's: ads mix them)."""
    if LINK in found and not any(":scope:" in label for label in found):
        return True
    kinds = {label.rsplit(":", 1)[1] for label in found if ":ad:" in label}
    return "offer" in kinds and ("reply" in kinds or LINK in found)


def _phrases_by_language(found: set[str]) -> dict[str, int]:
    """How many kinds of each language's own phrases a message contains ("ht:urgent:alone" → ht)."""
    counts: dict[str, int] = {}
    for label in found:
        if label.endswith(LANGUAGE_PHRASES):
            lang = label.split(":", 1)[0]
            counts[lang] = counts.get(lang, 0) + 1
    return counts


def _changed(session: Session, **changes: object) -> Session:
    """``replace``, but the same session when nothing changes: most messages change little, and
    building a frozen dataclass again costs more than comparing a few fields."""
    for name, value in changes.items():
        if getattr(session, name) != value:
            return replace(session, **changes)  # type: ignore[arg-type]
    return session
