"""SMS and WhatsApp through one Twilio webhook: signed form in, TwiML out.

Twilio signs each request over the URL it called; behind a proxy that URL is
``BOT_PUBLIC_URL`` plus the path, never what aiohttp sees locally
(https://www.twilio.com/docs/usage/webhooks/webhooks-security). Twilio retries
with the same ``MessageSid``, so each delivery is answered once and a retry
gets the same TwiML. Twilio itself answers its own keywords (STOP, START,
HELP...); the bot records those and replies with an empty ``<Response/>``.
Owns: the provider format. Must not: decide what to say (that is the helpline's).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Sequence

from aiohttp import web
from multidict import MultiDictProxy
from twilio.request_validator import RequestValidator
from twilio.twiml.messaging_response import MessagingResponse

from bot import sms
from bot.answers import for_sms, plain_letters
from bot.channels import body
from bot.content import Content
from bot.helpline import Helpline, Message

log = logging.getLogger(__name__)

PATH = "/twilio/sms"
# Keywords Twilio handles on its own and still forwards (whole message, any case):
# https://help.twilio.com/articles/223134027
TWILIO_STOP = frozenset({"stop", "stopall", "unsubscribe", "cancel", "end", "quit", "revoke", "optout"})
TWILIO_START = frozenset({"start", "yes", "unstop"})
TWILIO_HELP = frozenset({"help", "info"})
WHATSAPP_PREFIX = "whatsapp:"
EMPTY = str(MessagingResponse())  # no reply at all
WHATSAPP_LIMIT = 1600  # characters per WhatsApp message through Twilio
# A wrong BOT_PUBLIC_URL or token refuses every message: say so, but at most once a minute.
REFUSAL_LOG_SECONDS = 60.0


class TwilioChannel:
    def __init__(self, auth_token: str, public_url: str, clock: Callable[[], float] = time.monotonic) -> None:
        self._validator = RequestValidator(auth_token)
        self._public_url = public_url
        self._clock = clock
        self._last_logged: float | None = None
        self._unlogged = 0  # refusals since the last log line

    def authentic(self, request: web.Request, form: MultiDictProxy[str]) -> bool:
        """Signature over the public URL Twilio called, compared in constant time by twilio's validator."""
        signature = request.headers.get("X-Twilio-Signature")
        if not signature:
            return False
        return bool(self._validator.validate(self._public_url + request.raw_path, form, signature))

    async def handle(self, request: web.Request, helpline: Helpline) -> web.Response:
        form = await body.form(request)
        if not self.authentic(request, form):
            self._log_refusal()
            raise web.HTTPForbidden(text="signature does not match\n")
        sid, sender = form.get("MessageSid", ""), form.get("From", "")
        if not sid or not sender:
            raise web.HTTPBadRequest(text="MessageSid and From are required\n")
        if "MessageStatus" in form and "Body" not in form:
            return web.Response(text=EMPTY, content_type="text/xml")  # a delivery receipt, not a message
        text = form.get("Body", "")
        media = form.get("NumMedia", "0")
        channel = "whatsapp" if sender.startswith(WHATSAPP_PREFIX) else "sms"
        own = form.get("To", "")  # our number: a worker's reply is sent from it

        async def produce() -> str:
            message = Message(channel, sender, text, reply_from=own)
            return await self._respond(helpline, message, has_media=media != "0")

        twiml = await helpline.once("twilio", sid, produce)
        return web.Response(text=twiml, content_type="text/xml")

    def _log_refusal(self) -> None:
        """One warning a minute with what to check; nothing from the request (it may not be Twilio's)."""
        now = self._clock()
        if self._last_logged is not None and now - self._last_logged < REFUSAL_LOG_SECONDS:
            self._unlogged += 1
            return
        since = f" ({self._unlogged} more since the last warning)" if self._unlogged else ""
        self._last_logged, self._unlogged = now, 0
        log.warning(
            "refused an SMS webhook with 403: its X-Twilio-Signature does not match %s%s%s. If real texts "
            "get no answer, check that BOT_PUBLIC_URL is exactly the address in the number's webhook "
            "(https, host, no path; `taxbot doctor`) and that TWILIO_AUTH_TOKEN is the account's Auth Token. "
            "Further refusals this minute are counted, not logged.",
            self._public_url,
            PATH,
            since,
        )

    async def _respond(self, helpline: Helpline, message: Message, *, has_media: bool) -> str:
        keyword = message.text.strip().lower()
        channel, user = message.channel, message.user_id
        if keyword in TWILIO_STOP | TWILIO_START | TWILIO_HELP and not await _consents(
            helpline, message, keyword
        ):
            # Twilio already sent its own reply; record the choice and stay silent.
            if keyword in TWILIO_STOP:
                await helpline.set_opted_out(channel, user, True)
            elif keyword in TWILIO_START:
                await helpline.set_opted_out(channel, user, False)
            return EMPTY
        if not message.text.strip() and has_media:
            if await helpline.opted_out(channel, user):
                return EMPTY
            session = await helpline.session(channel, user)
            lang = session.lang or helpline.content.config.content.default_language
            return self._twiml(
                helpline, message.channel, lang, (helpline.content.strings.get(lang, "text-only"),)
            )
        reply = await helpline.answer(message)
        if reply is None:
            return EMPTY
        return self._twiml(helpline, message.channel, reply.lang, reply.parts, urgent=reply.urgent)

    def _twiml(
        self, helpline: Helpline, channel: str, lang: str, parts: tuple[str, ...], *, urgent: bool = False
    ) -> str:
        return twiml(messages_for(helpline.content, channel, lang, parts, urgent=urgent))


def twiml(messages: Iterable[str]) -> str:
    """What ``str()`` of a ``MessagingResponse`` with one ``message()`` per text gives, byte for byte.

    Written out directly: building it with twilio's helper (xml.etree) cost a
    tenth of each webhook. Same escaping (``&``, ``<``, ``>``), same empty
    elements, and characters UTF-8 cannot carry as character references, as
    ``ElementTree.tostring(encoding="utf-8")`` writes them; a test compares the two.
    """
    body = "".join(f"<Message>{_escape(text)}</Message>" if text else "<Message />" for text in messages)
    xml = f"<Response>{body}</Response>" if body else "<Response />"
    return _XML_DECLARATION + xml.encode("utf-8", "xmlcharrefreplace").decode("utf-8")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>'


async def _consents(helpline: Helpline, message: Message, keyword: str) -> bool:
    """YES is also Twilio's opt-in word; from someone who was not opted out, it answers our offer.

    Twilio may still send its own opt-in confirmation for it; docs/deploy.md
    says how to take YES off the Messaging Service's opt-in list.
    """
    return keyword == "yes" and not await helpline.opted_out(message.channel, message.user_id)


def messages_for(
    content: Content, channel: str, lang: str, parts: Sequence[str], *, urgent: bool = False
) -> list[str]:
    """Reply parts as the messages Twilio sends (also what ``taxbot faq preview`` shows).

    ``urgent`` (the emergency answer) gives each part the emergency budget of ``[sms]``.
    """
    return [piece for part in parts for piece in _pieces(content, channel, lang, part, urgent)]


def _pieces(content: Content, channel: str, lang: str, text: str, urgent: bool = False) -> list[str]:
    """One reply part as the messages to send: within the SMS budget, cheapest encoding."""
    if channel == "whatsapp":
        return _split_chars(text, WHATSAPP_LIMIT)
    encoded = for_sms(content, lang, text)
    limit = content.config.sms.segments_for(encoded.encoding, urgent=urgent)
    if encoded.segments <= limit:
        return [encoded.text]
    pieces = sms.split(text, max_segments=limit, plain_letters=plain_letters(content, lang))
    return [for_sms(content, lang, p).text for p in pieces]


def _split_chars(text: str, limit: int) -> list[str]:
    if len(text) <= limit:
        return [text]
    pieces, current = [], ""
    for paragraph in text.split("\n"):
        candidate = f"{current}\n{paragraph}" if current else paragraph
        if len(candidate) <= limit:
            current = candidate
            continue
        if current:
            pieces.append(current)
        current = paragraph[:limit]
    if current:
        pieces.append(current)
    return pieces
