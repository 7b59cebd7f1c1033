"""Character maps that carry a query into the site's script.

Built from OpenCC's own output on this corpus: Material indexes every page in
both scripts, and the two versions of a page differ only where `s2tw` changed a
character, so zipping them gives the (Simplified, Traditional) pairs the site
really uses — 发 becomes 發 or 髮 as the text around it decided, and the map
takes the more frequent. Only characters that occur in a script's pages (its
small index or its full-text shards) are kept: a query character outside them
cannot match anyway.

The counts are numpy arrays over code points (a page's characters counted by
one sort, not one dictionary update each: at 10,000 documents `Counter` took
~5.5 s of a `mkdocs build`). Pairs of a character with itself are counted per
code point; only the pairs that change a character are counted as pairs, a
page's by one sort too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import numpy as np
import numpy.typing as npt

SIMPLIFIED, TRADITIONAL = "zh", "zh-Hant"
CODE_POINTS = 0x110000
PAIR_SHIFT = 21  # a (Simplified, Traditional) pair as one number: code points need 21 bits
Codes = npt.NDArray[np.uint32]


Pages = dict[str, list[dict]]  # a script's pages: each one's entries, by the page's location


class QueryMaps:
    """The maps from running totals of characters and aligned pairs over pages:
    a rebuild takes out what the pages it rendered again held before and adds
    what they hold now (a page's entries are a new list when it was rendered)."""

    def __init__(self) -> None:
        self._start()
        self._counted: dict[str, tuple[list[dict] | None, list[dict] | None]] = {}  # by page location

    def _start(self) -> None:
        # per script, how often each code point occurs; how often one stays itself across
        # scripts; and the pairs that change a character, (Simplified, Traditional)
        self._characters = {locale: np.zeros(CODE_POINTS, np.int64) for locale in (SIMPLIFIED, TRADITIONAL)}
        self._kept = np.zeros(CODE_POINTS, np.int64)
        self._changed: dict[int, int] = {}  # by the pair's number

    def maps(self, pages: dict[str, Pages]) -> dict[str, dict[str, str]]:
        """{locale: {character a reader may type: the character this script's index uses}}."""
        self._count(pages[SIMPLIFIED], pages[TRADITIONAL])
        mask = (1 << PAIR_SHIFT) - 1
        changed = {(chr(pair >> PAIR_SHIFT), chr(pair & mask)): n for pair, n in self._changed.items()}
        kept = {c: int(self._kept[ord(c)]) for pair in changed for c in pair}
        to_traditional = _most_frequent(changed, kept, lambda pair: pair)
        to_simplified = _most_frequent(changed, kept, lambda pair: (pair[1], pair[0]))
        return {SIMPLIFIED: _within(to_simplified, _present(self._characters[SIMPLIFIED])),
                TRADITIONAL: _within(to_traditional, _present(self._characters[TRADITIONAL]))}

    def _count(self, hans: Pages, hant: Pages) -> None:
        """The totals brought up to these pages: what changed taken out and added again."""
        now = {location: (hans.get(location), hant.get(location)) for location in hans.keys() | hant.keys()}
        changed = {location: both for location, both in now.items()
                   if (last := self._counted.get(location)) is None
                   or last[0] is not both[0] or last[1] is not both[1]}
        gone = self._counted.keys() - now.keys()
        if 2 * (len(changed) + len(gone)) > len(now):  # mostly new pages: counting afresh is cheaper
            self._start()
            self._counted = {}
            changed, gone = now, set()
        for location in sorted(gone):
            self._tally(self._counted.pop(location), -1)
        for location, both in changed.items():
            if location in self._counted:
                self._tally(self._counted[location], -1)
            self._tally(both, 1)
            self._counted[location] = both
        self._changed = {pair: n for pair, n in self._changed.items() if n}  # those taken out gone

    def _tally(self, both: tuple[list[dict] | None, list[dict] | None], sign: int) -> None:
        """Add (sign 1) or take out (-1) what a page holds in both scripts."""
        for counts, entries in zip(self._characters.values(), both, strict=True):
            if entries:
                _add(counts, _codes("".join(f"{e['title']}{e['text']}" for e in entries)), sign)
        if both[0] and both[1]:
            texts = list(aligned_texts(*both))
            hans = _codes("".join(a for a, _ in texts))
            hant = _codes("".join(b for _, b in texts))
            same = hans == hant
            _add(self._kept, hans[same], sign)
            changed, times = np.unique(hans[~same].astype(np.int64) << PAIR_SHIFT | hant[~same],
                                       return_counts=True)
            for pair, count in zip(changed.tolist(), (sign * times).tolist(), strict=True):
                self._changed[pair] = self._changed.get(pair, 0) + count


def _codes(text: str) -> Codes:
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def _add(counts: npt.NDArray[np.int64], codes: Codes, sign: int) -> None:
    values, times = np.unique(codes, return_counts=True)
    counts[values] += sign * times


def _present(counts: npt.NDArray[np.int64]) -> set[str]:
    return {chr(code) for code in np.flatnonzero(counts > 0).tolist()}


def aligned_texts(hans: list[dict], hant: list[dict]) -> Iterator[tuple[str, str]]:
    """The same field of the same entry of a page in both scripts, where they are
    as long as each other: their characters pair up place by place (unchanged
    ones too: 具 stays 具 far more often than 家具 makes it 俱)."""
    by_location = {e["location"]: e for e in hant}
    for entry in hans:
        other = by_location.get(entry["location"])
        if other is None:
            continue
        for field in ("title", "text"):
            a, b = _plain(entry[field]), _plain(other[field])
            if len(a) == len(b):  # s2tw kept the length, as it does for nearly all text
                yield a, b


def _most_frequent(changed: dict[tuple[str, str], int], kept: dict[str, int],
                   oriented: Callable[[tuple[str, str]], tuple[str, str]]) -> dict[str, str]:
    """Each source character's most frequent target (ties: the first target), among
    the pairs that change it (`oriented` as (source, target)) and itself, as often as
    it stays itself; only sources some pair changes can map to another character."""
    best: dict[str, tuple[int, str]] = {}
    for pair, count in changed.items():
        source, target = oriented(pair)
        for candidate in ((count, target), (kept[source], source)):
            if candidate[0] > 0 and (source not in best or _before(candidate, best[source])):
                best[source] = candidate
    return {source: target for source, (_, target) in best.items()}


def _before(one: tuple[int, str], other: tuple[int, str]) -> bool:
    """More frequent, or as frequent and first."""
    return (-one[0], one[1]) < (-other[0], other[1])


def _within(mapping: dict[str, str], present: set[str]) -> dict[str, str]:
    """The characters a query must change (not those the script shares) into ones it holds."""
    return {k: v for k, v in sorted(mapping.items()) if v in present and k != v}


def _plain(value: str) -> str:
    return value.replace("\u200b", "")
