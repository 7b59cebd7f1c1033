"""zhdocs' own jieba tokenizer, on jieba's default dictionary only.

Material's search plugin loads its user dictionary into jieba's global
tokenizer (`jieba.dt`) on every build, and jieba's `add_word` raises the total
frequency each time, so text segmented with the global tokenizer would rank
differently from one build of a `mkdocs serve` session to the next, and a
cached result would depend on what ran before. Every stage segments with this
private one instead.
"""

from __future__ import annotations

from functools import cache

import jieba
import jieba.posseg


@cache
def tokenizer() -> jieba.Tokenizer:
    words = jieba.Tokenizer()  # the default dictionary, loaded from jieba's cache file
    words.check_initialized()
    return words


@cache
def pos_tokenizer() -> jieba.posseg.POSTokenizer:
    return jieba.posseg.POSTokenizer(tokenizer())


def is_word_boundary(text: str, start: int, end: int, context: int = 6) -> bool:
    """Whether text[start:end] is whole words in its context: 检定安排 is 检定/安排,
    so 定安 (a county's short name) is not found there."""
    left = max(0, start - context)
    window = text[left:min(len(text), end + context)]
    edges, offset = {0}, 0
    for word in tokenizer().cut(window, HMM=False):
        offset += len(word)
        edges.add(offset)
    return start - left in edges and end - left in edges
