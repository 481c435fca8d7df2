from bot.session import More, Session


def test_round_trip_through_plain_data() -> None:
    session = Session(
        lang="es", lang_chosen=True, choices=("entry:itin-what",), more=More("itin-what", "es", 2)
    )
    assert Session.from_dict(session.to_dict()) == session


def test_unreadable_state_starts_fresh_instead_of_failing() -> None:
    for junk in (None, "x", {"more": {"nope": 1}}, {"choices": 5}, []):
        assert Session.from_dict(junk) == Session()  # type: ignore[arg-type]
