"""A body pasted twice appears once.

Only exact repeats are dropped: a run of lines seen before that holds LONG
characters or more (words, not punctuation), in one paragraph or in several.
Near-repeats (a plan restating its goals in other words) and short lines that
recur by nature (a heading such as 工作目标 in two sections) stay. The run is
measured in characters, not lines: structure splits a line (（一）提升质量。（牵头单位）
is a heading and a note), so a count of lines would differ on a second cleaning.
"""

from __future__ import annotations

import re

LONG = 40  # characters that make a run of lines too specific to recur by chance
_WORD = re.compile(r"\w")


def drop_repeats(lines: list[str]) -> tuple[list[str], list[str]]:
    """(kept lines in their order, dropped lines)."""
    drop = repeats(lines)
    kept = [line for line, d in zip(lines, drop, strict=True) if not d]
    dropped = [line for line, d in zip(lines, drop, strict=True) if d]
    return kept, dropped


def repeats(lines: list[str]) -> list[bool]:
    """For each line, whether it goes as a repeat: it reads as an earlier line
    does (spaces aside), in a run of such lines that is long or holds a long one."""
    seen: set[str] = set()
    repeated = []
    for line in lines:
        key = "".join(line.split())
        repeated.append(key in seen)
        seen.add(key)
    drop = [False] * len(lines)
    for start, end in _runs(repeated):
        if sum(len(_WORD.findall(line)) for line in lines[start:end]) >= LONG:
            drop[start:end] = [True] * (end - start)
    return drop


def _runs(flags: list[bool]) -> list[tuple[int, int]]:
    """[start, end) ranges of consecutive True values."""
    runs, start = [], None
    for i, flag in enumerate([*flags, False]):
        if flag and start is None:
            start = i
        elif not flag and start is not None:
            runs.append((start, i))
            start = None
    return runs
