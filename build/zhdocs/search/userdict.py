"""A jieba user dictionary for Traditional text.

Material segments every page with jieba, whose dictionary is Simplified, so
Traditional text splits badly (發佈 → 發·佈) and a reader's words are not index
terms. This dictionary holds the Traditional form (`s2tw`, as the pages are
rendered) of jieba's most frequent words and of the corpus's keywords and place
names, each with its Simplified word's frequency. Only words that `s2tw` changes
are listed, so Simplified segmentation is untouched but for the total.

jieba weighs each word by its frequency against the total of all, so a total
that moved with every keyword would change the words of every page whenever a
document brings a keyword. A last line of a word no Han text holds rounds the
dictionary's total up to a multiple of `TOTAL_STEP`: the total moves once per
~4,000 new keywords, and a changed keyword concerns only the text that holds
it (`segmentation.py`).
"""

from __future__ import annotations

from functools import cache

import jieba

from ..model import Document
from ..scripts import to_traditional

FREQUENT_WORDS = 60_000  # of jieba's 349k, by frequency: the rest are rare compounds
CORPUS_WORD_FREQ = 1_000  # for keywords and places jieba does not know
TOTAL_STEP = 4_096 * CORPUS_WORD_FREQ  # moves jieba's total (~86 M) by under 5%
PADDING_WORD = "zhdocs-total-padding"  # not Han: Material segments only runs of Han characters


def user_dictionary(docs: list[Document], frequent: int = FREQUENT_WORDS) -> str:
    """Lines `word frequency`, sorted, for jieba.load_userdict."""
    known, lines = _frequent_lines(frequent)
    corpus = sorted({word for doc in docs for word in [*doc.meta.keywords, *doc.meta.region.parts()]
                     if word not in known and _listable(word)})
    found = {f"{t} {CORPUS_WORD_FREQ}" for _, t in _changed_to_traditional(corpus)}
    listed = sorted(lines | found)
    total = sum(int(line.rsplit(" ", 1)[1]) for line in listed)
    padding = TOTAL_STEP - total % TOTAL_STEP  # never 0: jieba takes a 0 for a forced split
    return "".join(f"{line}\n" for line in [*listed, f"{PADDING_WORD} {padding}"])


@cache
def _frequent_lines(limit: int) -> tuple[frozenset[str], frozenset[str]]:
    """jieba's `limit` most frequent words, and the lines of those `s2tw` changes.
    Once per process: `mkdocs serve` asks at every rebuild (~2 s each time)."""
    with jieba.dt.get_dict_file() as f:
        rows = (line.decode("utf-8").split(" ") for line in f)
        entries = [(row[0], int(row[1])) for row in rows if len(row) >= 2]
    entries.sort(key=lambda e: (-e[1], e[0]))
    words = dict(entries[:limit])
    changed = _changed_to_traditional(sorted(word for word in words if _listable(word)))
    return frozenset(words), frozenset(f"{t} {words[s]}" for s, t in changed)


def _changed_to_traditional(words: list[str]) -> list[tuple[str, str]]:
    """(word, its Traditional form) for the words `s2tw` changes, in one conversion."""
    if not words:
        return []
    traditional = to_traditional("\n".join(words)).split("\n")
    return [(s, t) for s, t in zip(words, traditional, strict=True) if t != s]


def _listable(word: str) -> bool:
    """A line of the dictionary holds a word, a space and its frequency."""
    return "\n" not in word and " " not in word
