"""Tap-to-call and web links in the web chat: the content's own numbers and addresses, nothing else."""

from __future__ import annotations

import pytest

from bot.channels.web_chat import blocks
from bot.channels.web_links import Links, Run, tel_href, web_href
from bot.content import Content


@pytest.fixture(scope="module")
def links(content: Content) -> Links:
    return Links.of(content)


def _joined(runs: list[Run]) -> str:
    return "".join(run.text for run in runs)


def test_every_contact_with_a_phone_or_web_address_is_linked(content: Content, links: Links) -> None:
    targets = links.targets
    for contact in content.contacts.contacts:
        if contact.phone:
            assert targets[contact.phone] == tel_href(contact.phone), contact.name
        if contact.web:
            assert targets[contact.web] == web_href(contact.web), contact.name


@pytest.mark.parametrize(
    ("written", "href"),
    [
        ("617-370-5023", "tel:6173705023"),
        ("(617) 371-1234", "tel:6173711234"),
        ("1-800-906-9887", "tel:18009069887"),
        ("311", "tel:311"),
        ("taxpayeradvocate.irs.gov/LITC", "https://taxpayeradvocate.irs.gov/LITC"),
        (
            "immigrationadvocates.org/nonprofit/legaldirectory",
            "https://immigrationadvocates.org/nonprofit/legaldirectory",
        ),
        ("locator.ice.gov", "https://locator.ice.gov"),
    ],
)
def test_numbers_and_addresses_written_in_answers_are_linked(links: Links, written: str, href: str) -> None:
    assert links.targets[written] == href


def test_things_that_only_look_like_numbers_or_addresses_are_not(links: Links) -> None:
    """Case numbers, dates, fingerprints and "EE.UU" (Spanish for USA) appear in answers too."""
    for text in ("25-5181", "26-5006", "2026.2.5", "1190513277", "EE.UU", "780.000"):
        assert text not in links.targets, text


def test_runs_rebuild_the_text_exactly_and_link_only_known_targets(links: Links) -> None:
    text = (
        "Call 617-370-5023 (open now) or 1-800-906-9887. Find one at taxpayeradvocate.irs.gov/LITC. "
        "Not 555-123-4567, not evil.example.com, not https://evil.example.com/617-370-5023x."
    )
    runs = links.runs(text)
    assert _joined(runs) == text
    linked = [(r.text, r.href) for r in runs if r.href]
    assert linked == [
        ("617-370-5023", "tel:6173705023"),
        ("1-800-906-9887", "tel:18009069887"),
        ("taxpayeradvocate.irs.gov/LITC", "https://taxpayeradvocate.irs.gov/LITC"),
    ]


def test_a_known_number_inside_a_longer_one_or_an_address_is_not_linked(links: Links) -> None:
    for text in ("13115", "2311", "A-311-22", "gbls.org.evil.example", "my.gbls.org", "x/locator.ice.gov"):
        assert not [r for r in links.runs(text) if r.href], text


def test_the_longest_known_text_wins(links: Links) -> None:
    """ "taxpayeradvocate.irs.gov/LITC" is one link, not "taxpayeradvocate.irs.gov" and a tail."""
    runs = links.runs("taxpayeradvocate.irs.gov/LITC에서 찾으세요")
    assert runs[0] == Run("taxpayeradvocate.irs.gov/LITC", "https://taxpayeradvocate.irs.gov/LITC")
    assert _joined(runs) == "taxpayeradvocate.irs.gov/LITC에서 찾으세요"


def test_numbers_next_to_chinese_text_are_linked(links: Links) -> None:
    runs = links.runs("波士顿打311。或617-370-5023（现在开放）")
    assert [r.href for r in runs if r.href] == ["tel:311", "tel:6173705023"]


def test_hrefs_are_only_tel_or_https() -> None:
    assert tel_href("+33 1 23 45 67 89") == "tel:+33123456789"
    assert web_href("gbls.org") == "https://gbls.org"
    assert web_href("http://example.org/x") == "http://example.org/x"


def test_no_content_no_links() -> None:
    assert Links([], []).runs("call 617-370-5023") == [Run("call 617-370-5023")]
    assert Links([], []).runs("") == []


def test_blocks_keep_paragraphs_and_set_the_list_apart(links: Links) -> None:
    text = "First paragraph.\nSecond, call 311.\n\nInfo checked Nov 22, 2026.\n\nPeople who can help:\nX: 311"
    laid_out = blocks(text, links)
    assert [[_joined([Run(**run) for run in line]) for line in block] for block in laid_out] == [
        ["First paragraph.", "Second, call 311."],
        ["Info checked Nov 22, 2026."],
        ["People who can help:", "X: 311"],
    ]
    assert laid_out[0][1] == [{"text": "Second, call "}, {"text": "311", "href": "tel:311"}, {"text": "."}]
