"""Writing to a person by SMS or WhatsApp outside a webhook reply: twilio's REST client.

A legal-aid worker's reply arrives long after the person's last message, so
it cannot ride in TwiML; it goes through the Messages API with twilio's own
aiohttp-based client. Twilio has no idempotency key for messages, so a retry
must never risk a second copy: a 429 (Twilio refused it) or a failed connection
(nothing reached Twilio) is retried with back-off; after a 5xx or a timeout the
message may exist, so the sender first asks Twilio whether it was created and
retries only if it was not.
Owns: that sending rule. Must not: decide what to send.
References: https://www.twilio.com/docs/messaging/api/message-resource,
https://www.twilio.com/docs/usage/troubleshooting/debugging-your-application (429, 5xx)
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping
from typing import Any

import aiohttp
from twilio.base.exceptions import TwilioRestException
from twilio.http.async_http_client import AsyncTwilioHttpClient
from twilio.http.response import Response
from twilio.rest import Client

from bot.channels.twilio_sms import messages_for
from bot.content import Content
from bot.handoff import SendFailed
from bot.ticket import Ticket

log = logging.getLogger(__name__)

TWILIO_API = "https://api.twilio.com"
ATTEMPTS = 4
BACKOFF_SECONDS = 0.5  # doubled after each attempt: 0.5, 1, 2


class _HttpClient(AsyncTwilioHttpClient):  # type: ignore[misc]
    """twilio's async client, sent to another host when one is given (a stand-in in tests)."""

    def __init__(self, base_url: str | None) -> None:
        # twilio logs each request's URL and query at INFO, and those hold phone numbers.
        quiet = logging.getLogger(f"{__name__}.http")
        quiet.setLevel(logging.WARNING)
        super().__init__(timeout=10, logger=quiet)
        self._base = base_url

    async def request(self, method: str, url: str, *args: Any, **kwargs: Any) -> Response:
        if self._base and url.startswith(TWILIO_API):
            url = self._base + url.removeprefix(TWILIO_API)
        return await super().request(method, url, *args, **kwargs)


class TwilioSender:
    """The handoff's :class:`~bot.handoff.Sender` for the ``sms`` and ``whatsapp`` channels."""

    def __init__(
        self, account_sid: str, auth_token: str, content: Callable[[], Content], base_url: str | None = None
    ) -> None:
        self._credentials = (account_sid, auth_token)
        self._base_url = base_url
        self._content = content
        # twilio's async client opens an aiohttp session when it is made, which needs a running
        # event loop: it is made on the first send, never while the app is being built.
        self._http: _HttpClient | None = None
        self._rest: Client | None = None

    @property
    def _client(self) -> Client:
        if self._rest is None:
            self._http = _HttpClient(self._base_url)
            self._rest = Client(*self._credentials, http_client=self._http)
        return self._rest

    async def send(self, ticket: Ticket, address: Mapping[str, str], text: str) -> None:
        to, sender = address.get("user"), address.get("from")
        if not to or not sender:
            raise SendFailed("no address to write to")
        for piece in messages_for(self._content(), ticket.channel, ticket.lang, [text]):
            await self._send_once(to, sender, piece)

    async def close(self) -> None:
        if self._http is not None:
            await self._http.close()

    async def _send_once(self, to: str, sender: str, body: str) -> None:
        for attempt in range(ATTEMPTS):
            if attempt:
                await asyncio.sleep(BACKOFF_SECONDS * 2 ** (attempt - 1))
            try:
                await self._client.messages.create_async(to=to, from_=sender, body=body)
                return
            except TwilioRestException as exc:
                if exc.status == 429:
                    log.warning("twilio asked to slow down (attempt %d)", attempt + 1)
                    continue
                if exc.status < 500:
                    raise SendFailed(f"twilio refused the message ({exc.status}, code {exc.code})") from None
                log.warning("twilio answered %d (attempt %d)", exc.status, attempt + 1)
            except aiohttp.ClientConnectorError:
                log.warning("twilio unreachable (attempt %d)", attempt + 1)
                continue
            except (aiohttp.ClientError, TimeoutError):
                log.warning("no answer from twilio (attempt %d)", attempt + 1)
            created = await self._was_created(to, sender, body)
            if created is None:
                raise SendFailed("twilio may or may not have the message; not sending it twice")
            if created:
                return
        raise SendFailed(f"twilio did not take the message after {ATTEMPTS} attempts")

    async def _was_created(self, to: str, sender: str, body: str) -> bool | None:
        """Whether an attempt that failed on our side reached Twilio after all; None when unknown.

        The newest messages come first; a just-created one has no send date yet,
        so the list is not filtered by date.
        """
        try:
            recent = await self._client.messages.list_async(to=to, from_=sender, limit=20)
        except (TwilioRestException, aiohttp.ClientError, TimeoutError):
            return None
        return any(message.body == body for message in recent)
