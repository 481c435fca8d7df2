"""What is kept of an unanswered question names nobody, in every language (attack trial M3)."""

from __future__ import annotations

import pytest

from bot.content import Content
from bot.gaps import normalise

INTRODUCED = [
    ("en", "hello i am griselda montoya and my itin expired", "griselda"),
    ("en", "this is xiomara quintero, what about my taxes", "xiomara"),
    ("es", "soy maricela obando y no se si declarar", "maricela"),
    ("pt", "eu sou rosangela vieira, posso declarar?", "rosangela"),
    ("ht", "mwen se wilner jeanbaptiste, eske m ka fe taks", "wilner"),
    ("vi", "toi la nguyen thi hoa, co nen khai thue khong", "hoa"),
    ("zh", "我是王小明想问报税", "小明"),
    ("ko", "저는 김민수입니다 세금보고 해도 되나요", "민수"),
]


@pytest.mark.parametrize(("lang", "text", "name"), INTRODUCED)
def test_a_name_someone_introduces_is_not_kept(content: Content, lang: str, text: str, name: str) -> None:
    kept = normalise(text, content.lexicons[lang].name_intros)
    assert kept and name not in kept, kept
