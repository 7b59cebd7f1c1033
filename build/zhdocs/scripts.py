"""Chinese scripts: detection and OpenCC conversion.

Canonical text is Simplified. Converted-Traditional sources become Simplified
with `tw2s` (it restores 着 in 着力/随着/标志着 where `t2s` leaves 著); never on
Simplified input, where it would turn 显著 into 显着. Pages are rendered to
Traditional with plain `s2t`, which keeps the source's vocabulary instead of
rewriting it to Taiwanese usage (`s2twp` would turn 软件 into 軟體).
"""

from __future__ import annotations

import re
from functools import cache

from opencc import OpenCC

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
HANS = "hans"
HANT = "hant"
TO_SIMPLIFIED = "tw2s"
TO_TRADITIONAL = "s2t"
# Han (with the supplementary planes) and CJK punctuation: all that s2t can change
CONVERTIBLE = re.compile("[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
                         "\U00020000-\U0003ffff]+")


@cache
def converter(config: str) -> OpenCC:
    """One OpenCC converter per config (loading its dictionaries is slow)."""
    return OpenCC(config)


def to_traditional(text: str) -> str:
    """s2t on the runs of convertible text only: the same result (every entry of
    OpenCC's dictionaries is such a run) at about twice the speed on a page,
    whose markup, numbers and links OpenCC would otherwise walk through."""
    convert = converter(TO_TRADITIONAL).convert
    return CONVERTIBLE.sub(lambda run: convert(run.group()), text)


def to_simplified(text: str) -> str:
    """Traditional (or mixed) text to Simplified, for canonical text and keys."""
    return converter(TO_SIMPLIFIED).convert(text)


def t2s(text: str) -> str:
    """Character-level Traditional to Simplified, safe on any input (for keys)."""
    return converter("t2s").convert(text)


def detect_script(text: str) -> str:
    """HANT when a clear share of the Han characters are Traditional-only."""
    han = HAN.findall(text)
    if not han:
        return HANS
    sample = "".join(han[:5000])
    changed = sum(a != b for a, b in zip(sample, t2s(sample), strict=False))
    return HANT if changed >= max(3, 0.05 * len(sample)) else HANS
