from pathlib import Path

import pytest

from bot.conversation import Conversation
from bot.language import LanguageDetector
from bot.text import fold

CASES = [
    ("is my tax info shared with immigration", "en"),
    ("mi esposo no tiene papeles, puedo declarar los taxes", "es"),
    ("vc sabe se o ITIN passa meus dados pra imigracao", "pt"),
    ("eske imigrasyon ka jwenn adrès mwen nan taks yo", "ht"),
    ("eske imigrasyon ka jwenn adres mwen nan taks yo", "ht"),
    ("我的ITIN报税资料会不会给移民局", "zh"),
    ("toi co nen khai thue nam nay khong", "vi"),
    ("tôi có nên khai thuế năm nay không", "vi"),
    ("ITIN으로세금보고하면 이민국이 알수있나요", "ko"),
]


@pytest.mark.parametrize(("text", "lang"), CASES)
def test_short_unaccented_and_mixed_messages_get_their_language(
    conversation: Conversation, text: str, lang: str
) -> None:
    detection = conversation.detector.detect(text)
    assert detection.lang == lang
    assert detection.confident


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("ICE喺門口 help me pls", "zh"),
        ("are they real agents 定係假嘅", "zh"),
        ("ICE 왔대 help us please", "ko"),
    ],
)
def test_a_few_chinese_or_korean_characters_among_english_words_pick_their_language(
    conversation: Conversation, text: str, lang: str
) -> None:
    """Characters no file uses (Cantonese 喺, 嘅) still say which language writes their script: who types
    them reads it, however many English words surround them."""
    assert conversation.detector.detect(text).lang == lang


def test_english_loanwords_do_not_flip_the_language(conversation: Conversation) -> None:
    assert conversation.detector.detect("el ITIN y el IRS y ICE taxes").lang == "es"
    assert conversation.detector.detect("ICE IRS ITIN taxes 报税").lang == "zh"


def test_one_word_is_never_confident(conversation: Conversation) -> None:
    assert not conversation.detector.detect("itin").confident


def test_a_restart_reads_the_models_back_and_detects_the_same(
    conversation: Conversation, tmp_path: Path
) -> None:
    content = conversation.content
    built = LanguageDetector(content.faq, content.lexicons, content.languages, tmp_path)
    again = LanguageDetector(content.faq, content.lexicons, content.languages, tmp_path)
    assert {p.name.split("-")[0] for p in tmp_path.glob("*.pickle")} == {"words"}
    for text, _ in CASES:
        assert again.detect(text) == built.detect(text) == conversation.detector.detect(text)


def test_detecting_a_folded_message_is_detecting_the_message(conversation: Conversation) -> None:
    """The conversation folds each message once and detects its language from that."""
    detector = conversation.detector
    for text in ("ICE en la puerta, qué hago?", "移民局來了", "Kòman m ka renouvle ITIN mwen?", "세금 보고"):
        assert detector.detect_folded(fold(text)) == detector.detect(text)
