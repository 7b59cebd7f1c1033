"""Remove pinyin that a converter inserted after characters: 質(zhì)量 → 質量.

An annotation goes only where its syllable is a reading of the character it
follows, and only in documents dense with them, so a real gloss such as
他姓肖(xiào) on an otherwise clean page stays, and so do (GDP) or (2006-2020).
"""

from __future__ import annotations

import json
import re
from functools import cache, lru_cache

from ..package_data import package_file
from ..scripts import HAN, t2s

SYLLABLE = r"[a-zA-Z\u00c0-\u024f\u1e00-\u1eff]{1,7}"
ANNOTATION = re.compile(r"([\u3400-\u9fff])\((" + SYLLABLE + r") ?\)")
_HAN_PAREN = re.compile(r"[\u3400-\u9fff]\(")
MIN_ANNOTATIONS = 3
MIN_PER_HAN = 1 / 400  # at least one annotation per 400 Han characters


@lru_cache(maxsize=65536)
def readings(char: str) -> frozenset[str]:
    """Tone-marked readings of a character and of its Simplified form.

    pypinyin gives 績 only jī while converters wrote jì (the reading of 绩). A
    character without a reading reads as itself, as pypinyin gives it (à in GBK).
    """
    table = _reading_table()
    return frozenset(r.lower() for form in {char, t2s(char)} for r in table.get(form, form).split(","))


@cache
def _reading_table() -> dict[str, str]:
    """pypinyin's readings of each character ("zhì,zhi"), what its `pinyin(char,
    Style.TONE, heteronym=True)` gives, read from its data file: importing
    pypinyin loads its phrase dictionary and segmenter (~45 MB), which single
    characters never use."""
    table = json.loads(package_file("pypinyin", "pinyin_dict.json").read_text(encoding="utf-8"))
    return {chr(int(code)): readings for code, readings in table.items()}


def is_reading(char: str, syllable: str) -> bool:
    return syllable.lower() in readings(char)


def count_annotations(text: str) -> int:
    return sum(1 for m in ANNOTATION.finditer(text) if is_reading(m[1], m[2]))


def is_dense(text: str) -> bool:
    if not _HAN_PAREN.search(text):  # no `(` after a Han character: nothing to count
        return False
    found = count_annotations(text)
    return found >= MIN_ANNOTATIONS and found >= len(HAN.findall(text)) * MIN_PER_HAN


def strip_annotations(text: str) -> tuple[str, int]:
    """Text without reading annotations, and how many were removed."""
    removed = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal removed
        if is_reading(match[1], match[2]):
            removed += 1
            return match[1]
        return match[0]

    return ANNOTATION.sub(replace, text), removed
