"""zhdocs' segmentation gives jieba's own, word for word and tag for tag: on
the seeds' cleaned text, on edge cases of jieba's block rules, and on generated text."""

from __future__ import annotations

import marshal
from math import log

import jieba
import jieba.posseg
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.jieba_reference import jieba_posseg, jieba_tokenizer
from zhdocs.metadata.keywords import ALLOWED_POS, idf_table
from zhdocs.model import Document
from zhdocs.segment import (
    PREFIX,
    RE_HAN,
    RE_HAN_POS,
    RE_SKIP,
    cut,
    dictionary,
    is_word_boundary,
    route_logprob,
    tagged_words,
)

EDGES = [
    "",
    "检定安排",  # 检定/安排, the DAG offers 定安 too
    "华华华",  # 华华/华 and 华/华华 score the same: the tie goes to the longer first word
    "学习C++和AT&T的C#",  # dictionary words with letters and signs
    "PM2.5浓度达到35%-40%",  # letters and digits jieba joins; % and - cut's blocks hold, posseg's not
    "质量-标准化%工作",  # a dictionary walk across - or % (cut's block) or not (posseg's)
    "第一\r\n第二\n\r第三\t \u3000第四",  # \r\n is one word, every other space its own
    "MP3和T恤，ＡＢＣ全角",  # full-width letters are outside jieba's blocks
    "\u9fd5\u9fd6\u3400𠀀龘",  # the ends of jieba's Han range, and past it
]
GENERATED = st.text(alphabet="质量强市东莞检定安排中华人民共和国标准化aB3%-+#&._ \r\n，。（）\u9fd6",
                    max_size=40)


def jieba_cut(text: str) -> list[str]:
    return list(jieba_tokenizer().cut(text, HMM=False))


def jieba_logprob(text: str) -> float:
    route: dict[int, tuple[float, int]] = {}
    jieba_tokenizer().calc(text, jieba_tokenizer().get_DAG(text), route)
    return route[0][0]


def counted_tags(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The words that can become keywords: two characters or more, a noun's tag."""
    return [(w, t) for w, t in pairs if len(w) > 1 and t in ALLOWED_POS]


def posseg_tags(text: str) -> list[tuple[str, str]]:
    return counted_tags([(p.word, p.flag) for p in jieba_posseg().cut(text, HMM=False)])


def texts(processed: dict[str, Document]) -> list[str]:
    return [t for d in processed.values() for t in (d.meta.title, d.text)]


def test_dictionary_is_jiebas() -> None:
    words = dictionary()
    jieba_total = jieba_tokenizer().total
    assert words.total == jieba_total
    # the sums of jieba's `calc`: log(FREQ) - log(total), each worked out as jieba does
    assert words.scores == {word: log(count) - log(jieba_total) if count else PREFIX
                            for word, count in jieba_tokenizer().FREQ.items()}
    assert words.tags == {w: t for w, t in jieba_posseg().word_tag_tab.items() if len(w) > 1}
    # jieba's own block patterns, copied so that segmenting never imports jieba
    assert (RE_HAN.pattern, RE_SKIP.pattern) == (jieba.re_han_default.pattern, jieba.re_skip_default.pattern)
    assert RE_HAN_POS.pattern == jieba.posseg.re_han_internal.pattern


@pytest.mark.parametrize("count", [1, 275, 1000, 13478])
def test_count_at_least_compares_jiebas_counts(count: int) -> None:
    """Scores keep the counts' order: a word counted exactly `count` times passes, one fewer does not."""
    words = dictionary()
    assert {w for w in words.scores if words.count_at_least(w, count)} == {
        w for w, c in jieba_tokenizer().FREQ.items() if c >= count}


def _forget(table) -> None:  # noqa: ANN001
    """What a table's process kept of it: dictionary() is kept once loaded, idf_table() is not."""
    getattr(table, "cache_clear", lambda: None)()


def _uncached(load):  # noqa: ANN001, ANN202
    """`load` as a new process calls it."""
    def fresh():  # noqa: ANN202
        _forget(load)
        return load()
    return fresh


@pytest.mark.parametrize("table", [dictionary, idf_table], ids=["dict.txt", "idf.txt"])
def test_parsed_copy_is_the_table(table, tmp_path, monkeypatch) -> None:  # noqa: ANN001
    """A parsed table is kept in the user's cache folder; a copy that cannot be
    read is parsed again and replaced."""
    load = _uncached(table)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    parsed = load()
    for damage in (None, b"not marshal data", b"", marshal.dumps(("a", "tuple", "of the wrong shape"))):
        copies = list((tmp_path / "zhdocs").iterdir())
        if damage is not None:
            copies[0].write_bytes(damage)
        assert load() == parsed
        assert [p.name for p in (tmp_path / "zhdocs").iterdir()] == [copies[0].name]
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", "relative")  # not a usable folder: parsed, nothing written
    assert load() == parsed
    assert not (tmp_path / "relative").exists()
    _forget(table)  # the next test loads from the real cache folder


def test_cut_is_jiebas_on_the_seeds(processed: dict[str, Document]) -> None:
    for text in texts(processed):
        assert cut(text) == jieba_cut(text)
        assert route_logprob(text) == jieba_logprob(text)


def test_tagged_words_are_possegs_on_the_seeds(processed: dict[str, Document]) -> None:
    for text in texts(processed):
        assert counted_tags(list(tagged_words(text))) == posseg_tags(text)


def test_cut_and_tags_on_edge_cases() -> None:
    for text in EDGES:
        assert cut(text) == jieba_cut(text), text
        assert counted_tags(list(tagged_words(text))) == posseg_tags(text), text
        assert route_logprob(text) == jieba_logprob(text), text
    assert ("C++", "nz") in list(tagged_words("学习C++"))


@settings(max_examples=300, deadline=None)
@given(GENERATED)
def test_cut_and_tags_on_generated_text(text: str) -> None:
    assert cut(text) == jieba_cut(text)
    assert counted_tags(list(tagged_words(text))) == posseg_tags(text)
    assert route_logprob(text) == jieba_logprob(text)


BOUNDARIES = [
    # (text, start, end, whole words)
    ("计量检定安排", 3, 5, False),  # 定安 straddles 检定/安排
    ("定安县召开会议", 0, 2, False),  # 定安县 is one word
    ("海南定安发展", 2, 4, True),
    ("PM25定安", 4, 6, True),  # after letters and digits jieba joins into one word
    ("AB定安", 1, 4, False),  # inside that word
]


def test_word_boundaries() -> None:
    for text, start, end, whole in BOUNDARIES:
        assert is_word_boundary(text, start, end) is whole, text
