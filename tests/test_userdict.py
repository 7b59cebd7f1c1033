"""The jieba user dictionary for Traditional text: jieba's frequent words and the corpus's own."""

from __future__ import annotations

import jieba

from zhdocs.model import Document, Region
from zhdocs.scripts import to_traditional
from zhdocs.search.userdict import CORPUS_WORD_FREQ, user_dictionary

FREQUENT = 2_000  # a small cut of jieba's words keeps the test quick


def doc(keywords: list[str], region: Region | None = None) -> Document:
    document = Document(id="d", seed_path="d.txt")
    document.meta.keywords = keywords
    document.meta.region = region or Region()
    return document


def jieba_frequency(word: str) -> int:
    with jieba.dt.get_dict_file() as f:
        return next(int(row[1]) for row in (line.decode("utf-8").split(" ") for line in f) if row[0] == word)


def lines(text: str) -> dict[str, int]:
    return {word: int(freq) for word, freq in (line.split(" ") for line in text.splitlines())}


def test_frequent_words_that_s2t_changes_keep_jiebas_frequency() -> None:
    found = lines(user_dictionary([], FREQUENT))
    assert found and all(to_traditional(w) == w for w in found)  # listed in Traditional only
    assert found[to_traditional("发展")] == jieba_frequency("发展")
    assert "中心" not in found  # words s2t leaves alone are not listed: Simplified segmentation is untouched


def test_corpus_words_are_added_for_this_corpus_only() -> None:
    keyword, city = "质量强市", "东莞市"
    first = lines(user_dictionary([doc([keyword], Region("广东省", city))], FREQUENT))
    assert first[to_traditional(keyword)] == CORPUS_WORD_FREQ
    assert first[to_traditional(city)] == CORPUS_WORD_FREQ
    second = lines(user_dictionary([doc(["标准化建设"])], FREQUENT))
    assert to_traditional(keyword) not in second  # the last corpus's words are not remembered
    assert second[to_traditional("标准化建设")] == CORPUS_WORD_FREQ


def test_a_frequent_word_among_the_keywords_keeps_jiebas_frequency() -> None:
    found = lines(user_dictionary([doc(["发展", "有 空格", "换\n行"])], FREQUENT))
    assert found[to_traditional("发展")] == jieba_frequency("发展")
    assert not any(" " in w or "\n" in w for w in found)  # a line cannot hold them
