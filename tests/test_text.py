from bot.text import PhraseFinder, Rewriter, fold, runs, script_of, word_count


def test_fold_removes_case_accents_apostrophes_and_punctuation() -> None:
    assert fold("¿Qué es un ITIN?") == "que es un itin"
    assert fold("wasn’t  MIGRACIÓN!!") == "wasnt migracion"
    assert fold("Tôi có nên khai thuế không? Đúng") == "toi co nen khai thue khong dung"


def test_fold_keeps_chinese_and_korean_characters() -> None:
    assert fold("我的ITIN会被分享吗？") == "我的itin会被分享吗"
    assert fold("세금 신고를 해야 하나요?") == "세금 신고를 해야 하나요"


def test_fold_drops_the_spaces_voice_typing_puts_between_chinese_words() -> None:
    assert fold("我 舅舅 被 移民局 抓 走 了") == "我舅舅被移民局抓走了"
    assert fold("ICE 在 門口") == "ice 在门口"  # a space next to a Latin word stays
    assert fold("세금 신고") == "세금 신고"  # Korean is written with spaces


def test_fold_writes_the_particle_of_traditional_chinese_as_simplified_does() -> None:
    """Taiwan and Hong Kong write "有人跟著我" with 著, Simplified with 着: a phrase written one way
    must find the other. 著 stays where Simplified keeps it too (著名, famous)."""
    assert fold("門口兩個人拿著照片") == fold("门口两个人拿着照片") == "门口两个人拿着照片"
    assert fold("有人一直跟著我") == "有人一直跟着我"
    assert fold("著名的律師") == "著名的律师"


def test_fold_keeps_each_pictograph_as_a_word_and_drops_other_symbols() -> None:
    """ "🚐🚐👮‍♂️ outside" is an alert: the word lists may name a pictograph. The joiner and the
    variation selector between them go, as do symbols like "°" and "©"."""
    assert fold("🚐🚐👮‍♂️ OUTSIDE") == "🚐 🚐 👮 ♂ outside"
    assert runs(fold("🚨门口")) == ("🚨", "门口")
    assert fold("50°C ©") == "50 c"


def test_runs_split_scripts_apart() -> None:
    assert runs("我的itin会被分享吗 세금ice") == ("我的", "itin", "会被分享吗", "세금", "ice")
    assert [script_of(t) for t in runs("我 itin 세금")] == ["han", "latin", "hangul"]


def test_rewriter_replaces_whole_words_and_phrases_longest_first() -> None:
    rewrite = Rewriter({"q": "que", "seguro social": "ssa", "seguro": "insurance", "移民局": "ice"})
    assert rewrite("pq q el seguro social y el seguro") == "pq que el ssa y el insurance"
    assert rewrite("quien") == "quien"
    assert rewrite("移民局的人") == "ice 的人"  # the canonical word stands apart


def test_phrase_finder_supports_trailing_wildcards() -> None:
    find = PhraseFinder({"detention": ["detain*"], "enforcer": ["ice"]})
    assert find("they detained him") == {"detention"}
    assert find("notice of ice") == {"enforcer"}
    assert find("notice") == set()


def test_chinese_counts_about_a_word_per_two_characters_and_spaced_words_count_one_each() -> None:
    assert word_count("hola como estas") == 3
    assert word_count("你好") == 1
    assert word_count("我的itin会被分享吗") == 5  # "我的" 1, "itin" 1, "会被分享吗" 3 (5 characters)


def test_pictographs_side_by_side_count_as_one_word() -> None:
    """An alert written with emoji is as short as its words: the police officer emoji with a skin tone
    and a sign is several characters joined into one, and a row of cars is one picture."""
    assert word_count(fold("🚔🚔👮🏾‍♀️ market basket chelsea 😨")) == 5
    assert word_count(fold("gracias 🙏🙏🙏")) == 2
    assert word_count(fold("🙏 gracias 🙏")) == 3


def test_phrase_finders_built_apart_share_no_phrases() -> None:
    """Nodes that end a phrase share one empty mapping until a phrase goes on past them: building one
    finder must never add a word or a wildcard to another."""
    first = PhraseFinder({"door": ["ice at the door", "raid*"]})
    second = PhraseFinder({"tax": ["tax return", "refund*"]})
    assert first("ice at the door now") == {"door"} and first("raiding") == {"door"}
    assert second("ice at the door now") == set() and second("raiding") == set()
    assert second("my tax return and refunds") == {"tax"} and first("my tax return and refunds") == set()


def test_phrases_with_the_same_labels_share_one_set_and_a_second_label_stays_their_own() -> None:
    """Thousands of phrase ends hold a few hundred different label sets: each is kept once (memory)."""
    finder = PhraseFinder({"alone": ["at the door", "took him"], "now": ["took him"]})
    door = finder._words.after["at"].after["the"].after["door"]
    took = finder._words.after["took"].after["him"]
    assert door.labels == {"alone"} and took.labels == {"alone", "now"}
    again = PhraseFinder({"alone": ["at the door", "in the van"]})
    door = again._words.after["at"].after["the"].after["door"]
    van = again._words.after["in"].after["the"].after["van"]
    assert door.labels is van.labels
    assert finder("he took him at the door") == {"alone", "now"}


def test_a_word_that_goes_on_one_way_and_then_another_finds_both_phrases() -> None:
    """A node with one next word keeps it without a dict (memory); a second next word turns it into one,
    and every phrase added before or after is still found, in the finder and in the rewriter."""
    finder = PhraseFinder({"alone": ["at the door"], "nearby": ["at the corner", "at the"]})
    assert finder("they are at the door") == {"alone", "nearby"}
    assert finder("at the corner now") == {"nearby"} and finder("at a door") == set()
    rewrite = Rewriter({"ss number": "ssn", "ss card": "ssn card", "ss": "social"})
    assert rewrite("my ss number and ss card and ss") == "my ssn and ssn card and social"
