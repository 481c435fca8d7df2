import pytest

from bot.privacy import has_address, redact, user_key


@pytest.mark.parametrize(
    "text",
    [
        "my ssn is 123-45-6789",
        "itin 912 78 1234 expired",
        "call me at (617) 555-0134",
        "+1 617 555 0134",
        "A-number A123456789",
        "my a# is 12345678 what now",
        "ssn 123 - 45 - 6789",
        "617 / 555 / 0199",
        "617\u2013555\u20130199",
        "617,555,0199",
        "617\u200b555\u200b0199",
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


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("write to maria.lopez+tax@example.com", "maria"),
        ("i live at 12 Elm Street apt 3", "Elm"),
        ("moro na rua das Flores, 300", "Flores"),
        ("vivo en calle Central 12", "Central"),
        ("toi o 123 duong Le Loi", "123"),
        ("我住在中山路123号", "中山路"),
        ("서울 강남대로 123번지 살아요", "강남대로"),
    ],
)
def test_emails_and_street_addresses_are_redacted(text: str, gone: str) -> None:
    redacted, found = redact(text)
    assert found and gone not in redacted


@pytest.mark.parametrize(
    "text",
    ["ICE가 세금자료로 700만명 추방하려고 한다는데", "沿着这条路300多人排队", "i filed 3 years in a row"],
)
def test_counts_next_to_street_words_are_not_addresses(text: str) -> None:
    assert redact(text) == (text, False)


def test_has_address_finds_what_redaction_takes_out() -> None:
    assert has_address("47 Maple St apt 2, help") and has_address("rua das Flores, 300")
    assert has_address("calle Bennington, segundo piso") and has_address("Lynn 2층")  # where, not who
    assert has_address("đường Pine") and has_address("duong Bennington")
    assert not has_address("I live in Lowell") and not has_address("3 kids and 2 jobs")


def test_a_corner_with_a_numbered_street_says_where_someone_is() -> None:
    """Cross streets are how people say where it is happening ("Main and 3rd"), in any language."""
    assert has_address("Washington and 4th") and has_address("Essex y la 2da")
    assert has_address("Cambridge e 5a") and has_address("kwen Dudley")
    assert has_address("esquina de la Washington") and has_address("corner of the Hancock")


def test_a_crossing_in_chinese_or_korean_says_where_someone_is() -> None:
    """A crossing is written with 街口 or 路口 after the street's name, or with 애비뉴 or 사거리."""
    assert has_address("Centre同Elm街口") and has_address("华盛顿路口")
    assert has_address("센트럴애비뉴") and has_address("시청 앞 사거리")
    assert not has_address("路口") and not has_address("我在家")


def test_a_floor_or_a_flat_says_where_someone_is() -> None:
    """ "help, 2nd floor" and "socorro apto 5" tell where help must come, in any language."""
    for text in ("2nd floor", "piso 3", "5o andar", "etaj 2", "apt 4C", "apto 12"):
        assert has_address(text), text
    assert not has_address("2 floors") and not has_address("my 1040 form")
    assert not has_address("my 2 kids and 1 job") and not has_address("and 3 more")


def test_user_key_is_stable_keyed_and_hides_the_id() -> None:
    key = user_key(b"secret", "sms", "+16175550134")
    assert key == user_key(b"secret", "sms", "+16175550134")
    assert key != user_key(b"other", "sms", "+16175550134")
    assert key != user_key(b"secret", "telegram", "+16175550134")
    assert "6175550134" not in key
