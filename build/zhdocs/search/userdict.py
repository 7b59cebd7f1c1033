"""A jieba user dictionary for Traditional text.

Material segments every page with jieba, whose dictionary is Simplified, so
Traditional text splits badly (發佈 → 發·佈) and a reader's words are not index
terms. This dictionary holds the Traditional form (`s2t`, as the pages are
rendered) of jieba's most frequent words and of the corpus's keywords and place
names, each with its Simplified word's frequency. Only words that `s2t` changes
are listed, so Simplified segmentation is untouched.
"""

from __future__ import annotations

import jieba

from ..model import Document
from ..scripts import to_traditional

FREQUENT_WORDS = 60_000  # of jieba's 349k, by frequency: the rest are rare compounds
CORPUS_WORD_FREQ = 1_000  # for keywords and places jieba does not know


def user_dictionary(docs: list[Document], frequent: int = FREQUENT_WORDS) -> str:
    """Lines `word frequency`, sorted, for jieba.load_userdict."""
    words = _frequent_words(frequent)
    for doc in docs:
        for word in [*doc.meta.keywords, *doc.meta.region.parts()]:
            words.setdefault(word, CORPUS_WORD_FREQ)
    simplified = sorted(w for w in words if "\n" not in w and " " not in w)
    traditional = to_traditional("\n".join(simplified)).split("\n")
    lines = {f"{t} {words[s]}" for s, t in zip(simplified, traditional, strict=True) if t != s}
    return "".join(f"{line}\n" for line in sorted(lines))


def _frequent_words(limit: int) -> dict[str, int]:
    with jieba.dt.get_dict_file() as f:
        rows = (line.decode("utf-8").split(" ") for line in f)
        entries = [(row[0], int(row[1])) for row in rows if len(row) >= 2]
    entries.sort(key=lambda e: (-e[1], e[0]))
    return dict(entries[:limit])
