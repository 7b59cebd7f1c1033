"""The jieba user dictionary for Traditional text: jieba's frequent words and the corpus's own."""

from __future__ import annotations

import io

import jieba

from zhdocs.model import Document, Region
from zhdocs.scripts import to_traditional
from zhdocs.search.segmentation import HAN_RUN
from zhdocs.search.userdict import CORPUS_WORD_FREQ, PADDING_WORD, TOTAL_STEP, user_dictionary

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


def test_a_new_keyword_leaves_jiebas_total_where_it_was() -> None:
    """jieba weighs every word against the total: a steady one keeps the other pages' words."""
    def total(text: str) -> int:
        tokenizer = jieba.Tokenizer()
        tokenizer.load_userdict(io.BytesIO(text.encode("utf-8")))
        return tokenizer.total

    one = user_dictionary([doc(["质量强市"])], FREQUENT)
    two = user_dictionary([doc(["质量强市", "标准化建设"])], FREQUENT)
    assert lines(two).keys() - lines(one).keys() == {to_traditional("标准化建设")}
    assert sum(lines(one).values()) % TOTAL_STEP == 0
    assert total(one) == total(two)
    assert not HAN_RUN.search(PADDING_WORD)
