import pytest

from bot.privacy import redact, user_key


@pytest.mark.parametrize(
    "text",
    [
        "my ssn is 123-45-6789",
        "itin 912 78 1234 expired",
        "call me at (617) 555-0134",
        "+1 617 555 0134",
        "A-number A123456789",
        "my a# is 12345678 what now",
    ],
)
def test_identifying_numbers_are_redacted(text: str) -> None:
    redacted, found = redact(text)
    assert found
    assert not any(c.isdigit() for c in redacted)


@pytest.mark.parametrize(
    "text", ["47,289 addresses in 2025", "section 6103 and 7431", "7 million", "$650 million"]
)
def test_facts_people_ask_about_are_kept(text: str) -> None:
    assert redact(text) == (text, False)


def test_user_key_is_stable_keyed_and_hides_the_id() -> None:
    key = user_key(b"secret", "sms", "+16175550134")
    assert key == user_key(b"secret", "sms", "+16175550134")
    assert key != user_key(b"other", "sms", "+16175550134")
    assert key != user_key(b"secret", "telegram", "+16175550134")
    assert "6175550134" not in key
