"""jieba's own tokenizers, the reference zhdocs' segmentation is tested against."""

from __future__ import annotations

from functools import cache

import jieba
import jieba.posseg


@cache
def jieba_tokenizer() -> jieba.Tokenizer:
    """A private tokenizer on jieba's default dictionary (Material changes the global one)."""
    words = jieba.Tokenizer()
    words.check_initialized()
    return words


@cache
def jieba_posseg() -> jieba.posseg.POSTokenizer:
    return jieba.posseg.POSTokenizer(jieba_tokenizer())
