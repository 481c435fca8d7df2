from bot import sms


def test_plain_english_is_gsm7_and_counts_single_and_multipart_sizes() -> None:
    assert sms.measure("a" * 160) == sms.Encoded("a" * 160, "GSM-7", 160, 1)
    assert sms.measure("a" * 161).segments == 2
    assert sms.measure("a" * 306).segments == 2
    assert sms.measure("a" * 307).segments == 3


def test_one_character_outside_gsm7_switches_the_whole_message_to_ucs2() -> None:
    encoded = sms.measure("Sí " + "a" * 70)
    assert encoded.encoding == "UCS-2"
    assert encoded.segments == 2


def test_extension_characters_take_two_septets() -> None:
    assert sms.measure("€" * 80).units == 160
    assert sms.measure("€" * 81).segments == 2


def test_curly_quotes_and_dashes_are_replaced_so_english_stays_gsm7() -> None:
    encoded = sms.prepare("It’s “free” — really…", plain_letters=False)
    assert encoded.text == 'It\'s "free" - really...'
    assert encoded.encoding == "GSM-7"


def test_plain_letters_fold_accents_only_when_the_result_is_gsm7() -> None:
    spanish = sms.prepare("Sí, usted está protegido. ¿Qué pasó?", plain_letters=True)
    assert spanish.text == "Si, usted esta protegido. ¿Qué paso?"  # é is GSM-7
    assert spanish.encoding == "GSM-7"
    mixed = sms.prepare("Está en 中文", plain_letters=True)
    assert mixed.encoding == "UCS-2"
    assert mixed.text == "Está en 中文"  # never half-folded
    kept = sms.prepare("Sí", plain_letters=False)
    assert kept.text == "Sí" and kept.encoding == "UCS-2"


def test_split_cuts_on_sentence_ends_and_every_part_fits() -> None:
    text = " ".join(f"Sentence number {i} is here." for i in range(40))
    parts = sms.split(text, max_segments=1, plain_letters=False, reserve=10)
    assert len(parts) > 1
    assert all(sms.measure(p + " " * 10).segments == 1 for p in parts)
    assert all(p.endswith(".") for p in parts)
    assert " ".join(parts) == text


def test_split_cuts_an_overlong_sentence_at_word_boundaries() -> None:
    words = " ".join(["word"] * 100)
    parts = sms.split(words, max_segments=1, plain_letters=False)
    assert all(sms.measure(p).segments == 1 for p in parts)
    assert " ".join(parts) == words


def test_join_puts_no_space_next_to_chinese_but_keeps_it_for_korean_and_latin_scripts() -> None:
    assert sms.join("都是这样。", "2025年4月") == "都是这样。2025年4月"
    assert sms.join("2026年11月22日核对。", "Reply MORE") == "2026年11月22日核对。Reply MORE"
    assert sms.join("It is so.", "Then") == "It is so. Then"
    assert sms.join("확인했어요.", "더 보려면") == "확인했어요. 더 보려면"
    assert sms.join("", "x") == "x" and sms.join("x", "") == "x"


def test_chinese_pieces_have_no_ascii_space_between_sentences() -> None:
    text = "".join(f"第{i}句话说的是这样的事情。" for i in range(30))
    pieces = sms.split(text, max_segments=1, plain_letters=False)
    assert len(pieces) > 1
    assert all(" " not in piece for piece in pieces)
    assert "".join(pieces) == text
