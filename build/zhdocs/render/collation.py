"""The keyword index's order: by pinyin, on a page per first letter (音序), as
Chinese indexes are ordered. Code-point order, which the index had before,
means nothing to a reader, and one page of every keyword grew to 6 MB of
Markdown at 10,000 documents (7 s per script for MkDocs at every build that
changed a listing, and a 7 MB page for the reader).

pypinyin reads a word with its phrase dictionary, so 重庆 files under C and
银行 under Y (a character's first reading alone would put them under Z and H).
Importing it takes ~0.25 s and ~55 MB, so a build asks only about the words
it has no reading for: the pipeline keeps the last build's (`readings`)."""

from __future__ import annotations

from collections.abc import Iterable

Readings = dict[str, str]  # word -> its pinyin, lower case, syllables split by spaces
OTHER = "0"  # the group of words that start with no Latin letter: digits, symbols, unknown characters


def readings(words: Iterable[str], known: Readings | None = None) -> Readings:
    """Each word's pinyin, from `known` where it has the word."""
    known = known or {}
    return {word: known[word] if word in known else reading(word) for word in sorted(set(words))}


def reading(word: str) -> str:
    """`word` in toneless pinyin (繁體 too: pypinyin reads both scripts);
    characters without a reading stay as they are (GDP, 5G)."""
    from pypinyin import Style, lazy_pinyin  # here: only a build that meets a new word pays for it

    return " ".join(lazy_pinyin(word, style=Style.NORMAL)).lower()


def groups(readings: Readings) -> dict[str, str]:
    """Each word's group: `initial` of its reading."""
    return {word: initial(reading) for word, reading in readings.items()}


def initial(word_reading: str) -> str:
    """The group a word is listed in: the first letter of its reading, else OTHER."""
    first = word_reading[:1]
    return first if "a" <= first <= "z" else OTHER


def label(group: str) -> str:
    return "其他" if group == OTHER else group.upper()
