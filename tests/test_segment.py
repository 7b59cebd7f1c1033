"""zhdocs' segmentation gives jieba's own, word for word and tag for tag: on
the seeds' cleaned text, on edge cases of jieba's block rules, and on generated text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from zhdocs.metadata.keywords import ALLOWED_POS
from zhdocs.model import Document
from zhdocs.segment import cut, is_word_boundary, pos_tokenizer, tagged_words, tokenizer

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
    return list(tokenizer().cut(text, HMM=False))


def counted_tags(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The words that can become keywords: two characters or more, a noun's tag."""
    return [(w, t) for w, t in pairs if len(w) > 1 and t in ALLOWED_POS]


def posseg_tags(text: str) -> list[tuple[str, str]]:
    return counted_tags([(p.word, p.flag) for p in pos_tokenizer().cut(text, HMM=False)])


def texts(processed: dict[str, Document]) -> list[str]:
    return [t for d in processed.values() for t in (d.meta.title, d.text)]


def test_cut_is_jiebas_on_the_seeds(processed: dict[str, Document]) -> None:
    for text in texts(processed):
        assert cut(text) == jieba_cut(text)


def test_tagged_words_are_possegs_on_the_seeds(processed: dict[str, Document]) -> None:
    for text in texts(processed):
        assert counted_tags(list(tagged_words(text))) == posseg_tags(text)


def test_cut_and_tags_on_edge_cases() -> None:
    for text in EDGES:
        assert cut(text) == jieba_cut(text), text
        assert counted_tags(list(tagged_words(text))) == posseg_tags(text), text
    assert ("C++", "nz") in list(tagged_words("学习C++"))


@settings(max_examples=300, deadline=None)
@given(GENERATED)
def test_cut_and_tags_on_generated_text(text: str) -> None:
    assert cut(text) == jieba_cut(text)
    assert counted_tags(list(tagged_words(text))) == posseg_tags(text)


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
