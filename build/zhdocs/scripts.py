"""Chinese scripts: detection and OpenCC conversion.

Canonical text is Simplified. Converted-Traditional sources become Simplified
with `tw2s` (it restores 着 in 着力/随着/标志着 where `t2s` leaves 著); never on
Simplified input, where it would turn 显著 into 显着. Before it, Hong Kong's
variant forms become OpenCC's standard ones (hk2s's first group: 衞生署, 説明),
which neither t2s nor tw2s knows. Pages are rendered to
Traditional with `s2tw`: `s2t` and then the variant forms Traditional readers
use (為, 群, 著, 裡; `s2t` alone writes 爲, 羣, 着, 裏). It keeps the source's
vocabulary instead of rewriting it to Taiwanese usage (`s2twp` would turn 软件
into 軟體).
"""

from __future__ import annotations

import itertools
import re
from functools import cache

from .opencc_fast import Converter, entries

HAN_RANGES = [(0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF)]
HAN = re.compile("[" + "".join(f"{chr(a)}-{chr(b)}" for a, b in HAN_RANGES) + "]")
_SENTENCE_ENDS = re.compile(r"(?<=[。！？；!?;])")  # half-width too: made full-width later
HANS = "hans"
HANT = "hant"
TO_SIMPLIFIED = ("hk2s:1", "tw2s")
TO_TRADITIONAL = "s2tw"


@cache
def converter(config: str | tuple[str, ...]) -> Converter:
    """One OpenCC converter per config, or chain of them (loading dictionaries is slow)."""
    return Converter(*config) if isinstance(config, tuple) else Converter(config)


def to_traditional(text: str) -> str:
    """Simplified to Traditional with s2tw, for display."""
    return converter(TO_TRADITIONAL).convert(text)


def to_simplified(text: str) -> str:
    """Traditional (or mixed) text to Simplified, for canonical text and keys."""
    return converter(TO_SIMPLIFIED).convert(text)


def t2s(text: str) -> str:
    """Character-level Traditional to Simplified, safe on any input (for keys)."""
    return converter("t2s").convert(text)


@cache
def _script_classes() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Traditional-only characters (t2s changes them) and Simplified-only ones (s2t
    changes them, t2s does not) as two regex classes: a line's script is two C-speed
    scans. Built once per process by converting every Han code point on its own line.
    Plain s2t, not the pages' s2tw: its variants (喫 → 吃) are no Simplified characters."""
    chars = [chr(c) for first, last in HAN_RANGES for c in range(first, last + 1)]
    joined = "\n".join(chars)
    traditional = {c for c, s in zip(chars, t2s(joined).split("\n"), strict=True) if s != c}
    simplified = {c for c, t in zip(chars, converter("s2t").convert(joined).split("\n"), strict=True)
                  if t != c and c not in traditional}
    return _char_class(traditional), _char_class(simplified)


@cache
def t2s_table() -> dict[int, str]:
    """OpenCC's Traditional → Simplified character table (first candidate), for
    `str.translate`: keys and scores need characters unified, not phrases, at
    ~50x the speed of a full conversion."""
    return {ord(source): target for source, target in entries("TSCharacters.txt").items() if len(source) == 1}


def t2s_chars(text: str) -> str:
    """Character by character t2s, at str.translate speed: for keys and scoring, not display.
    Most texts are Simplified: one scan finds that nothing would change (~10x a translate)."""
    return text.translate(t2s_table()) if _t2s_changes().search(text) else text


@cache
def _t2s_changes() -> re.Pattern[str]:
    """The characters `t2s_table` maps to anything but themselves, and any beyond
    the BMP: a class of BMP characters is a bitmap, each one beyond it a test of its own."""
    changes = {chr(c) for c, target in t2s_table().items() if target != chr(c) and c <= 0xFFFF}
    return _char_class(changes, ranges="\U00010000-\U0010FFFF")


def _char_class(chars: set[str], ranges: str = "") -> re.Pattern[str]:
    return re.compile("[" + "".join(sorted(chars)) + ranges + "]")


def detect_script(text: str) -> str:
    """HANT when a clear share of the Han characters (of the first 20,000 characters)
    are Traditional-only."""
    sample = text[:20000]
    han = len(HAN.findall(sample))
    changed = len(_script_classes()[0].findall(sample))
    return HANT if han and changed >= max(3, 0.05 * han) else HANS


def line_script(line: str, default: str) -> str:
    """A line's (or sentence's) own script, by its script-specific characters;
    `default` when it has none. One with as many of each (准東) is Traditional:
    converted, it is Simplified throughout, whatever the page around it (which
    decides the default, and which a second cleaning may no longer have)."""
    traditional, simplified = _script_classes()
    found = len(traditional.findall(line))
    score = found - len(simplified.findall(line))
    return HANT if score > 0 or (score == 0 and found) else HANS if score < 0 else default


def simplify_lines(text: str, default: str) -> tuple[str, int]:
    """Traditional sentences to Simplified with tw2s, and how many lines changed.

    By sentence, so that a Traditional quotation in a Simplified page is converted
    and the text around it is never fed to tw2s (显著 would become 显着); and so
    that a line split into sentences later (1、來。准标) is converted as its parts
    would be on their own. Consecutive sentences of one script convert together
    (no OpenCC phrase spans a 。)."""
    traditional = _script_classes()[0]
    if default == HANS and not traditional.search(text):
        return text, 0  # nothing Traditional: the common case costs one scan
    lines = text.split("\n")
    converted = 0
    for i, line in enumerate(lines):
        if default == HANT or traditional.search(line):
            runs = itertools.groupby(_SENTENCE_ENDS.split(line), key=lambda part: line_script(part, default))
            lines[i] = "".join(to_simplified(run) if script == HANT else run
                               for script, parts in runs for run in ["".join(parts)])
            converted += lines[i] != line
    return "\n".join(lines), converted
