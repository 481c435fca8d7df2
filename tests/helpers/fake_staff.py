"""The staff Telegram group as a plain list, for tests that need tickets but not Telegram."""

from __future__ import annotations


class FakeStaff:
    """A :class:`bot.handoff.StaffRoom`: each post gets the next message id, starting at 1."""

    def __init__(self) -> None:
        self.posts: list[tuple[str, int | None]] = []

    async def post(self, text: str, reply_to: int | None = None) -> int:
        self.posts.append((text, reply_to))
        return len(self.posts)

    def ticket_message(self) -> int:
        """The message id of the first ticket posted."""
        return next(n for n, (text, _) in enumerate(self.posts, 1) if text.startswith("Ticket #"))
