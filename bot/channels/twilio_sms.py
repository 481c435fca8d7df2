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
from collections.abc import Sequence

from aiohttp import web
from aiohttp.web_request import FileField
from multidict import MultiDictProxy
from twilio.request_validator import RequestValidator
from twilio.twiml.messaging_response import MessagingResponse

from bot import sms
from bot.answers import for_sms, plain_letters
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


class TwilioChannel:
    def __init__(self, auth_token: str, public_url: str) -> None:
        self._validator = RequestValidator(auth_token)
        self._public_url = public_url

    def authentic(
        self, request: web.Request, form: MultiDictProxy[str | bytes | bytearray | FileField]
    ) -> bool:
        """Signature over the public URL Twilio called, compared in constant time by twilio's validator."""
        signature = request.headers.get("X-Twilio-Signature")
        if not signature:
            return False
        return bool(self._validator.validate(self._public_url + request.raw_path, form, signature))

    async def handle(self, request: web.Request, helpline: Helpline) -> web.Response:
        try:
            form = await request.post()
        except ValueError:  # not UTF-8, or not a form at all: Twilio never sends that
            raise web.HTTPBadRequest(text="send a form\n") from None
        if not self.authentic(request, form):
            raise web.HTTPForbidden(text="signature does not match\n")
        sid, sender = form.get("MessageSid"), form.get("From")
        if not isinstance(sid, str) or not isinstance(sender, str) or not sid or not sender:
            raise web.HTTPBadRequest(text="MessageSid and From are required\n")
        if "MessageStatus" in form and "Body" not in form:
            return web.Response(text=EMPTY, content_type="text/xml")  # a delivery receipt, not a message
        body = form.get("Body", "")
        text = body if isinstance(body, str) else ""
        media = str(form.get("NumMedia", "0"))
        channel = "whatsapp" if sender.startswith(WHATSAPP_PREFIX) else "sms"

        to = form.get("To")
        own = to if isinstance(to, str) else ""  # our number: a worker's reply is sent from it

        async def produce() -> str:
            message = Message(channel, sender, text, reply_from=own)
            return await self._respond(helpline, message, has_media=media != "0")

        twiml = await helpline.once("twilio", sid, produce)
        return web.Response(text=twiml, content_type="text/xml")

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
        response = MessagingResponse()
        for piece in messages_for(helpline.content, channel, lang, parts, urgent=urgent):
            response.message(piece)
        return str(response)


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
