"""Leftmost-longest matching of a fixed set of names (a gazetteer's).

What `re.finditer` finds with the names as one alternation, longest first,
~20x faster: Python's re tries every alternative at each position, while here
one regex (in C) finds where a name can start (a first character of a name
followed by a second character of one) and a dict lookup per name length
decides there. The 4,457 place names over 1,000 documents: alternation 4.3 s,
a trie-shaped regex 1.8 s, pyahocorasick's `iter_long` (installed for cpca) 0.3–0.5 s,
this 0.1–0.2 s.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class NameMatcher:
    names: frozenset[str]
    starts: re.Pattern[str]  # where a name may begin (a superset of where one does)
    lengths: dict[str, tuple[int, ...]]  # first two characters -> lengths of such names, longest first

    @classmethod
    def of(cls, names: Iterable[str]) -> NameMatcher:
        names = frozenset(names)
        longer = [n for n in names if len(n) > 1]
        lengths: dict[str, set[int]] = {}
        for name in longer:
            lengths.setdefault(name[:2], set()).add(len(name))
        starts = f"{_class(n[0] for n in longer)}(?={_class(n[1] for n in longer)})"
        singles = [n for n in names if len(n) == 1]
        if singles:
            starts += f"|{_class(singles)}"
        return cls(names, re.compile(starts),
                   {k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()})

    def finditer(self, text: str) -> Iterator[tuple[int, str]]:
        """(start, name) of each match, left to right, not overlapping."""
        taken = 0
        for m in self.starts.finditer(text):
            start = m.start()
            if start >= taken:
                name = self._longest_at(text, start)
                if name:
                    taken = start + len(name)
                    yield start, name

    def _longest_at(self, text: str, start: int) -> str:
        for length in self.lengths.get(text[start:start + 2], ()):
            if text[start:start + length] in self.names:
                return text[start:start + length]
        return text[start] if text[start] in self.names else ""


def _class(chars: Iterable[str]) -> str:
    return "[" + "".join(re.escape(c) for c in sorted(set(chars))) + "]"
