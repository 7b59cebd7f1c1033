"""zhdocs' own segmentation, on jieba's default dictionary only.

Material's search plugin loads its user dictionary into jieba's global
tokenizer (`jieba.dt`) on every build, and jieba's `add_word` raises the total
frequency each time, so text segmented with the global tokenizer would rank
differently from one build of a `mkdocs serve` session to the next, and a
cached result would depend on what ran before. Every stage segments with this
private dictionary instead.

`cut` and `tagged_words` give what jieba's `cut(HMM=False)` and
`posseg.cut(HMM=False)` give, word for word, in less than half the time:
`_best_route` is jieba's best route through the dictionary (the same sums in
the same order, ties to the longer word) without building jieba's DAG and route
dicts on the way (1,000 documents: posseg 3.0 s, `tagged_words` 1.3 s).

The dictionary is jieba's dict.txt, read once into word scores (jieba's
log-probabilities, worked out once instead of at every position of every text:
segmenting ~20% faster) and tags that share their word strings, without
importing jieba: its import loads the HMM tables (~20 MB), `jieba.posseg`'s
~50 MB more, and jieba's counts and posseg's tags held each word twice (~30 MB
more per process).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from math import log

from .package_data import package_file, parsed_copy

# jieba's own patterns: cut's blocks and what it skips (jieba/__init__.py), posseg's blocks
# (jieba/posseg/__init__.py), the one-character words cut joins into one
RE_HAN = re.compile("([\u4e00-\u9fd5a-zA-Z0-9+#&\\._%\\-]+)")
RE_SKIP = re.compile("(\r\n|\\s)")
RE_HAN_POS = re.compile("([\u4e00-\u9fd5a-zA-Z0-9+#&\\._]+)")
_LETTER = re.compile("[a-zA-Z0-9]")


PREFIX = float("-inf")  # the score of a prefix that is no word itself


@dataclass(frozen=True)
class Dictionary:
    """jieba's prefix dictionary (`Tokenizer.FREQ`, `total`) as scores, and posseg's `word_tag_tab`."""

    scores: dict[str, float]  # word -> log(count) - log(total), as jieba's `calc` adds it; prefix -> PREFIX
    total: int
    tags: dict[str, str]  # word of two or more characters -> part of speech (tagged_words yields no others)

    def score(self, count: int) -> float:
        """The score of a word counted `count` times."""
        return log(count) - log(self.total)

    def count_at_least(self, word: str, count: int) -> bool:
        """Whether jieba counts `word` at least `count` times (log is monotonic)."""
        return self.scores.get(word, PREFIX) >= self.score(count)


@cache
def dictionary() -> Dictionary:
    """jieba's dict.txt, parsed (~1.2 s) or from its parsed copy (~0.35 s: marshal
    keeps the words that scores and tags share shared)."""
    source = package_file("jieba", "dict.txt")
    scores, total, tags = parsed_copy("jieba-scores", source, _parse_dictionary, (dict, int, dict))
    return Dictionary(scores, total, tags)


def _parse_dictionary(source: bytes) -> tuple[dict[str, float], int, dict[str, str]]:
    """dict.txt (`word count tag` per line) as jieba's `gen_pfdict` and posseg's `load_word_tag` read it."""
    freq: dict[str, int] = {}
    tags: dict[str, str] = {}
    total = 0
    for line in source.splitlines():
        word, count, tag = line.strip().decode("utf-8").split(" ")
        freq[word] = int(count)
        total += int(count)
        for end in range(1, len(word)):
            freq.setdefault(word[:end], 0)
        if len(word) > 1:
            tags[word] = sys.intern(tag)
    logtotal = log(total)
    return {word: log(count) - logtotal if count else PREFIX for word, count in freq.items()}, total, tags


def cut(text: str) -> list[str]:
    """jieba's `Tokenizer().cut(text, HMM=False)` as a list."""
    words: list[str] = []
    for piece in RE_HAN.split(text):
        if RE_HAN.match(piece):
            words += _join_letters(_route(piece))
        else:  # whitespace (\r\n as one) and each other character on its own
            for part in RE_SKIP.split(piece):
                words += [part] if RE_SKIP.match(part) else list(part)
    return words


def tagged_words(text: str) -> Iterator[tuple[str, str]]:
    """The dictionary words of two or more characters that jieba's
    `posseg.POSTokenizer(Tokenizer()).cut(text, HMM=False)` yields, with their tags (its other
    words are single characters, \r\n, and runs of letters and digits tagged eng)."""
    tags = dictionary().tags
    for block in RE_HAN_POS.findall(text):  # posseg's blocks, not cut's
        for word in _route(block):
            if len(word) > 1:
                yield word, tags.get(word, "x")


def route_logprob(text: str) -> float:
    """The log-probability of jieba's best route through text (`route[0][0]` of
    `Tokenizer.calc(text, get_DAG(text), route)`)."""
    return _best_route(text)[1]


def _route(block: str) -> list[str]:
    """jieba's most probable segmentation of a block."""
    ends = _best_route(block)[0]
    words, i = [], 0
    while i < len(block):
        words.append(block[i:ends[i]])
        i = ends[i]
    return words


def _best_route(block: str) -> tuple[list[int], float]:
    """`Tokenizer.calc` over `get_DAG`: from the end, the best score of each
    suffix, summed as jieba sums it; where the best word from each position ends."""
    words = dictionary()
    lookup, alone = words.scores.get, words.score(1)
    padded = block + "\0"  # in no word: every dictionary walk stops there
    score = [0.0] * (len(block) + 1)
    ends = [0] * len(block)
    for i in range(len(block) - 1, -1, -1):
        best: float | None = None
        j, word = i + 1, lookup(block[i])
        while word is not None:  # block[i:j] is a word or the prefix of one
            if word != PREFIX:
                s = word + score[j]
                if best is None or s >= best:  # a tie goes to the longer word, as in jieba
                    best, end = s, j
            j += 1
            word = lookup(padded[i:j])
        if best is None:  # no word starts here: the character alone, frequency 1
            best, end = alone + score[i + 1], i + 1
        score[i], ends[i] = best, end
    return ends, score[0]


def _join_letters(words: list[str]) -> list[str]:
    joined: list[str] = []
    run = ""
    for word in words:
        if len(word) == 1 and _LETTER.match(word):
            run += word
            continue
        if run:
            joined.append(run)
            run = ""
        joined.append(word)
    return [*joined, run] if run else joined


def is_word_boundary(text: str, start: int, end: int, context: int = 6) -> bool:
    """Whether text[start:end] is whole words in its context: 检定安排 is 检定/安排,
    so 定安 (a county's short name) is not found there."""
    left = max(0, start - context)
    window = text[left:min(len(text), end + context)]
    edges, offset = {0}, 0
    for word in cut(window):
        offset += len(word)
        edges.add(offset)
    return start - left in edges and end - left in edges
