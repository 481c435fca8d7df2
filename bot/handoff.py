"""A private human handoff: a legal-aid worker writes to a person through the bot.

Only after the person says YES to the offer is a ticket opened. Staff see it in
their Telegram group as one message: ticket number, language, channel, topic,
and the question with identifying numbers removed, never a phone number, chat
id or name. A staff member replies to that message; the bot relays the reply to
the person over their own channel, and relays the person's answers back as
replies in the same thread. ``/close`` in reply ends the ticket and tells the
person; STOP or "forget me" from the person ends it too; otherwise it expires
after ``[escalation] ticket_days`` and is deleted.
Owns: the ticket's life and what crosses between person and staff.
Must not: know provider formats (staff room and senders are adapters) or
keep anything beyond the ticket (see :mod:`bot.ticket`).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Callable, Coroutine, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Protocol

from bot.content import Content
from bot.errors import BotError
from bot.privacy import redact
from bot.session import Offer
from bot.storage import Store
from bot.ticket import Ticket

if TYPE_CHECKING:  # cryptography is imported only by a server with handoff (bot.app)
    from bot.sealing import Sealer

log = logging.getLogger(__name__)

CLOSE = "/close"
# Opening a ticket happens while the person's webhook waits (Twilio gives up after 15 s),
# so the staff group gets this long to take the ticket before the person is told to try later.
OPEN_SECONDS = 8.0


class SendFailed(BotError):
    """A message could not be delivered, and was not sent (retrying it cannot send it twice)."""


class StaffRoom(Protocol):
    """Where tickets are shown to staff (a Telegram group)."""

    async def post(self, text: str, reply_to: int | None = None) -> int:
        """Post ``text`` (as a reply to ``reply_to``); returns the new message's id."""


class Sender(Protocol):
    """Writes to a person out of band, on the channel they used."""

    async def send(self, ticket: Ticket, address: Mapping[str, str], text: str) -> None:
        """Deliver ``text`` or raise :class:`SendFailed`."""


class Handoff:
    def __init__(
        self,
        store: Store,
        sealer: Sealer,
        staff: StaffRoom,
        senders: Mapping[str, Sender],
        content: Callable[[], Content],
    ) -> None:
        self._store = store
        self._sealer = sealer
        self._staff = staff
        self._senders = senders
        self._content = content
        # Notices to staff that nobody waits for run here; the app drains them before shutting down.
        self._tasks: set[asyncio.Task[None]] = set()

    def reaches(self, channel: str) -> bool:
        """Whether a worker's reply can be delivered on ``channel`` (no offer otherwise)."""
        return channel in self._senders

    def seal_question(self, offer: Offer, text: str) -> Offer:
        """The offer with the question that led to it, redacted and sealed for the ticket."""
        return replace(offer, question=self._sealer.seal({"q": redact(text)[0]}))

    async def open(self, key: str, channel: str, address: Mapping[str, str], offer: Offer, lang: str) -> bool:
        """Open a ticket and show it to staff; False (and nothing kept) if staff cannot be reached."""
        opened = self._sealer.open(offer.question) if offer.question else None
        question = str(opened.get("q", "")) if opened else ""
        ticket = await self._store.open_ticket(
            Ticket(0, key, channel, lang, offer.topic, self._sealer.seal(dict(address)), _today())
        )
        text = self._staff_text(
            "staff-ticket",
            number=str(ticket.number),
            lang=lang,
            channel=channel,
            topic=offer.topic or "-",
            question=question or "-",
        )
        try:
            message = await asyncio.wait_for(self._staff.post(text), OPEN_SECONDS)
        except Exception:
            log.exception("could not post ticket %d to the staff group", ticket.number)
            await self._store.close_ticket(ticket.number)
            return False
        await self._store.update_ticket(replace(ticket, staff_message=message))
        await self._store.link(message, ticket.number)
        log.info("ticket %d opened channel=%s lang=%s topic=%s", ticket.number, channel, lang, offer.topic)
        return True

    async def from_person(self, ticket: Ticket, text: str) -> None:
        """Relay what the person wrote into the ticket's thread, numbers removed (in the background)."""
        line = self._staff_text(
            "staff-from-person", number=str(ticket.number), lang=ticket.lang, text=redact(text)[0]
        )

        async def relay() -> None:
            message = await self._staff.post(line, reply_to=ticket.staff_message)
            await self._store.link(message, ticket.number)

        self._later(relay(), f"relay to ticket {ticket.number}")

    async def end(self, ticket: Ticket) -> None:
        """The person said STOP or "forget me": delete the ticket, tell staff nothing more can be sent."""
        await self._store.close_ticket(ticket.number)
        notice = self._staff_text("staff-ended", number=str(ticket.number))

        async def tell() -> None:
            await self._staff.post(notice, reply_to=ticket.staff_message)

        self._later(tell(), f"tell staff that ticket {ticket.number} ended")
        log.info("ticket %d ended by the person", ticket.number)

    async def drain(self) -> None:
        """Wait for the staff notices still on their way (called before the app shuts down)."""
        while self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)

    def _later(self, work: Coroutine[None, None, None], what: str) -> None:
        async def logged() -> None:
            try:
                await work
            except Exception:
                log.exception("could not %s", what)

        task = asyncio.create_task(logged())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def from_staff(self, replied_to: int, text: str, message_id: int) -> None:
        """A staff message replying in a ticket's thread: relay it, or ``/close`` the ticket."""
        ticket = await self._store.ticket_at(replied_to)
        if ticket is None:
            await self._staff.post(self._staff_text("staff-no-ticket"), reply_to=message_id)
            return
        strings = self._content().strings
        if text.strip().lower().split("@")[0] == CLOSE:
            await self._deliver(ticket, strings.get(ticket.lang, "handoff-closed"))
            await self._store.close_ticket(ticket.number)
            await self._staff.post(
                self._staff_text("staff-closed", number=str(ticket.number)), reply_to=message_id
            )
            log.info("ticket %d closed by staff", ticket.number)
            return
        label = strings.get(ticket.lang, "handoff-staff-label")
        if await self._deliver(ticket, f"{label}: {text.strip()}"):
            await self._store.link(message_id, ticket.number)
        else:
            await self._staff.post(
                self._staff_text("staff-not-sent", number=str(ticket.number)), reply_to=message_id
            )

    async def _deliver(self, ticket: Ticket, text: str) -> bool:
        sender = self._senders.get(ticket.channel)
        address = self._sealer.open(ticket.address)
        if sender is None or address is None:
            log.warning("ticket %d: no way to reach the person on %s", ticket.number, ticket.channel)
            return False
        try:
            await sender.send(ticket, address, text)
        except SendFailed as exc:
            log.warning("ticket %d: reply not delivered: %s", ticket.number, exc)
            return False
        return True

    def _staff_text(self, message: str, **args: str | int) -> str:
        content = self._content()
        return content.strings.get(content.config.escalation.staff_language, message, args)


def _today() -> str:
    return dt.date.today().isoformat()
