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


@cache
def converter(config: str) -> OpenCC:
    """One OpenCC converter per config (loading its dictionaries is slow)."""
    return OpenCC(config)


def to_traditional(text: str) -> str:
    return converter(TO_TRADITIONAL).convert(text)


def to_simplified(text: str) -> str:
    """Traditional (or mixed) text to Simplified, for canonical text and keys."""
    return converter(TO_SIMPLIFIED).convert(text)


def t2s(text: str) -> str:
    """Character-level Traditional to Simplified, safe on any input (for keys)."""
    return converter("t2s").convert(text)


@cache
def char_script(char: str) -> int:
    """+1 for a Traditional-only character (t2s changes it), -1 for a Simplified-only
    one (s2t changes it), 0 for one both scripts write the same way."""
    if t2s(char) != char:
        return 1
    return -1 if to_traditional(char) != char else 0


def detect_script(text: str) -> str:
    """HANT when a clear share of the Han characters are Traditional-only."""
    han = HAN.findall(text, 0, 20000)[:5000]
    if not han:
        return HANS
    changed = sum(char_script(c) == 1 for c in han)
    return HANT if changed >= max(3, 0.05 * len(han)) else HANS


def line_script(line: str, default: str) -> str:
    """A line's own script, by its script-specific characters; `default` when it has none."""
    score = sum(char_script(c) for c in HAN.findall(line))
    return HANT if score > 0 else HANS if score < 0 else default


def simplify_lines(text: str, default: str) -> tuple[str, int]:
    """Traditional lines to Simplified with tw2s, and how many were converted.

    By line, so that a Traditional quotation in a Simplified page is converted and
    the page around it is never fed to tw2s (显著 would become 显着)."""
    lines = text.split("\n")
    converted = 0
    for i, line in enumerate(lines):
        if line_script(line, default) == HANT:
            lines[i] = to_simplified(line)
            converted += lines[i] != line
    return "\n".join(lines), converted
