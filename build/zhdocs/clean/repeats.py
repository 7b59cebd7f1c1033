"""A body pasted twice appears once.

Only exact repeats are dropped: a run of lines seen before that holds a long
paragraph or is MIN_RUN lines long, or a long paragraph on its own.
Near-repeats (a plan restating its goals in other words) and short lines that
recur by nature (a heading such as 工作目标 in two sections) stay.
"""

from __future__ import annotations

LONG = 40  # characters that make a paragraph too specific to recur by chance
MIN_RUN = 3  # repeated lines in a row that make a repeated block


def drop_repeats(lines: list[str]) -> tuple[list[str], list[str]]:
    """(kept lines in their order, dropped lines)."""
    repeated = repeats(lines)
    drop = [False] * len(lines)
    for start, end in _runs(repeated):
        run = lines[start:end]
        if end - start >= MIN_RUN or any(len(line) >= LONG for line in run):
            drop[start:end] = [True] * (end - start)
    kept = [line for line, d in zip(lines, drop, strict=True) if not d]
    dropped = [line for line, d in zip(lines, drop, strict=True) if d]
    return kept, dropped


def repeats(lines: list[str]) -> list[bool]:
    """For each line, whether an earlier line reads the same (spaces aside)."""
    seen: set[str] = set()
    repeated = []
    for line in lines:
        key = "".join(line.split())
        repeated.append(key in seen)
        seen.add(key)
    return repeated


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
