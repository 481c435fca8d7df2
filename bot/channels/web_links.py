"""Tap-to-call and web links for the web chat, for the content's own numbers and addresses only.

A frightened person on a phone should reach a hotline with one tap. But a
link is a promise that the helpline stands behind the number, so only phone
numbers and web addresses that staff wrote into the content become links:
every ``phone`` and ``web`` in ``faq/contacts.toml``, and the numbers and
addresses written in FAQ answers and redirect replies. Anything else (a
number a person typed, a worker's reply relayed from the staff group) stays
plain text, even when it looks like a number.

Reply text is cut into runs: plain text, or a number or address with the
``tel:`` or ``https:`` address it opens. The page builds DOM nodes from the
runs and never parses HTML.
Owns: finding those numbers and addresses and cutting text into runs.
Must not: decide what to say, or link anything the content does not contain.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from bot.content import Content

# A number as answers write it: North American (617-370-5023, (617) 371-1234, 1-800-906-9887)
# or international (+33 1 23 45 67 89). Runs of digits without separators are case numbers,
# dates or fingerprints ("made-from: 1190513277"), never phone numbers here.
PHONE = re.compile(
    r"(?<![0-9A-Za-z+/-])"
    r"(?:(?:\+?1[ .-])?(?:\(\d{3}\) ?|\d{3}[ .-])\d{3}[ .-]\d{4}|\+\d{1,3}(?:[ .-]\d{1,4}){2,5})"
    r"(?![0-9A-Za-z/-])"
)
# A web address as answers write it (gbls.org, taxpayeradvocate.irs.gov/LITC): a lower-case top-level
# domain, so "EE.UU" (Spanish for USA) is not one; only ASCII, so "…/LITC에서" ends before the Korean.
ADDRESS = re.compile(
    r"(?<![0-9A-Za-z@./-])"
    r"(?:https?://)?(?:[A-Za-z0-9-]+\.)+[a-z]{2,}(?:/[A-Za-z0-9._~%/#?=&+-]*)?"
)
TRAILING = ".,;:!?)"  # ends a sentence, not an address: "find one at taxpayeradvocate.irs.gov/LITC."


@dataclass(frozen=True)
class Run:
    """A piece of reply text; ``href`` is set when it is one of the content's numbers or addresses."""

    text: str
    href: str = ""

    def as_json(self) -> dict[str, str]:
        return {"text": self.text, "href": self.href} if self.href else {"text": self.text}


class Links:
    """The content's numbers and addresses, found again in any text the bot sends."""

    def __init__(self, phones: Iterable[str], addresses: Iterable[str]) -> None:
        targets = {p.strip(): tel_href(p) for p in phones if p.strip() and _digits(p)}
        targets.update({a.strip(): web_href(a) for a in addresses if a.strip()})
        self._targets = targets
        # Longest first, so "1-800-906-9887" wins over a shorter number inside it.
        alternatives = "|".join(re.escape(t) for t in sorted(targets, key=len, reverse=True))
        self._pattern = (
            re.compile(rf"(?<![0-9A-Za-z+/@.-])(?:{alternatives})(?![0-9A-Za-z/-]|\.[0-9A-Za-z])")
            if targets
            else None
        )

    @classmethod
    def of(cls, content: Content) -> Links:
        """Every number and address in the contacts and in the text of every answer and redirect."""
        phones = [c.phone for c in content.contacts.contacts]
        addresses = [c.web for c in content.contacts.contacts]
        for text in _answer_texts(content):
            phones.extend(m.group() for m in PHONE.finditer(text))
            addresses.extend(m.group().rstrip(TRAILING) for m in ADDRESS.finditer(text))
        return cls(phones, addresses)

    @property
    def targets(self) -> dict[str, str]:
        """Each linked text and where it leads (for tests and ``taxbot`` tools)."""
        return dict(self._targets)

    def runs(self, text: str) -> list[Run]:
        """``text`` cut into plain runs and linked runs; joined again they are ``text`` exactly."""
        if self._pattern is None:
            return [Run(text)] if text else []
        runs: list[Run] = []
        start = 0
        for match in self._pattern.finditer(text):
            if match.start() > start:
                runs.append(Run(text[start : match.start()]))
            runs.append(Run(match.group(), self._targets[match.group()]))
            start = match.end()
        if start < len(text):
            runs.append(Run(text[start:]))
        return runs


def tel_href(number: str) -> str:
    """``tel:`` and the digits (a leading + kept): dialled as written, with no country guessed."""
    plus = "+" if number.strip().startswith("+") else ""
    return f"tel:{plus}{_digits(number)}"


def web_href(address: str) -> str:
    """An https address for ``gbls.org``; an address written with its scheme keeps it."""
    return address if re.match(r"https?://", address) else f"https://{address}"


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isascii() and c.isdigit())


def _answer_texts(content: Content) -> Iterator[str]:
    """The text people can be sent: answers (both lengths), "not covered" replies and redirects."""
    for entry in content.faq.entries.values():
        for translation in entry.texts.values():
            yield translation.sms
            yield translation.full
    for translation in content.faq.not_covered.values():
        yield translation.sms
        yield translation.full
        yield translation.reply
    for redirect in content.faq.redirects.values():
        for translation in redirect.texts.values():
            yield translation.reply
