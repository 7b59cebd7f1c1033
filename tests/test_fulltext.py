"""The full-text shards' words and postings (the browser side is in test_browser.py)."""

from __future__ import annotations

import pytest

from zhdocs.search import fulltext

SEPARATOR = r"[\s\u200b\-]"  # mkdocs.yml's search separator


@pytest.mark.parametrize(("text", "expected"), [
    ("质量\u200b强市", {"质量", "强市"}),  # Material's jieba words
    ("<p>（GDP）\u200b增长</p>", {"gdp", "增长"}),  # tags gone, edges trimmed, lower case
    ("2016-03-17 08:54", {"2016", "03", "17", "08:54"}),  # inner punctuation stays
    ("，。\u200b——\u200b<b></b>", set()),  # punctuation alone is no word
])
def test_words_are_trimmed_tokens(text: str, expected: set[str]) -> None:
    assert fulltext.words(text, SEPARATOR) == expected


def test_a_sections_words_belong_to_its_page() -> None:
    entries = [
        {"location": "index.html", "title": "首页", "text": ""},
        {"location": "doc/a/", "title": "甲", "text": "质量"},
        {"location": "doc/a/#s", "title": "一节", "text": "儿童\u200b玩具"},
        {"location": "doc/b/", "title": "乙", "text": "玩具"},
        {"location": "gone/#s", "title": "孤节", "text": "孤儿"},  # no page entry: nowhere to link
    ]
    index = fulltext.postings(entries, SEPARATOR)
    assert index["玩具"] == [1, 3] and index["儿童"] == [1] and index["一节"] == [1]
    assert "孤儿" not in index


def test_shards_cut_by_the_first_two_code_units() -> None:
    assert fulltext.shard_of("东莞", 64) == fulltext.shard_of("东莞市", 64)  # one fetch finds both
    assert {fulltext.shard_of(w, 64) for w in ("东莞", "质量", "标准", "a", "𠀀x")} <= set(range(64))
    assert fulltext.shard_count({"词": list(range(100_000))}) > fulltext.shard_count({"词": [1]}) == 1
