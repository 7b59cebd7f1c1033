"""Character maps that carry a query into the site's script.

Built from OpenCC's own output on this corpus: Material indexes every page in
both scripts, and the two versions of a page differ only where `s2t` changed a
character, so zipping them gives the (Simplified, Traditional) pairs the site
really uses — 发 becomes 發 or 髮 as the text around it decided, and the map
takes the more frequent. Only characters that occur in a script's pages (its
small index or its full-text shards) are kept: a query character outside them
cannot match anyway.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator

SIMPLIFIED, TRADITIONAL = "zh", "zh-Hant"


Pages = dict[str, list[dict]]  # a script's pages: each one's entries, by the page's location


class QueryMaps:
    """The maps from running totals of characters and aligned pairs over pages:
    a rebuild takes out what the pages it rendered again held before and adds
    what they hold now (a page's entries are a new list when it was rendered)."""

    def __init__(self) -> None:
        self._pairs: Counter[tuple[str, str]] = Counter()
        self._characters: dict[str, Counter[str]] = {SIMPLIFIED: Counter(), TRADITIONAL: Counter()}
        self._counted: dict[str, tuple[list[dict] | None, list[dict] | None]] = {}  # by page location

    def maps(self, pages: dict[str, Pages]) -> dict[str, dict[str, str]]:
        """{locale: {character a reader may type: the character this script's index uses}}."""
        self._count(pages[SIMPLIFIED], pages[TRADITIONAL])
        # ties by the characters: the totals' order depends on what was counted when
        ranked = [pair for pair, _ in sorted(self._pairs.items(), key=lambda kv: (-kv[1], kv[0]))]
        return {
            SIMPLIFIED: _within(_most_frequent((t, s) for s, t in ranked), set(self._characters[SIMPLIFIED])),
            TRADITIONAL: _within(_most_frequent(ranked), set(self._characters[TRADITIONAL])),
        }

    def _count(self, hans: Pages, hant: Pages) -> None:
        """The totals brought up to these pages: what changed taken out and added again."""
        now = {location: (hans.get(location), hant.get(location)) for location in hans.keys() | hant.keys()}
        changed = {location: both for location, both in now.items()
                   if (last := self._counted.get(location)) is None
                   or last[0] is not both[0] or last[1] is not both[1]}
        gone = self._counted.keys() - now.keys()
        if 2 * (len(changed) + len(gone)) > len(now):  # mostly new pages: counting afresh is cheaper
            self._pairs, self._counted = Counter(), {}
            self._characters = {locale: Counter() for locale in self._characters}
            changed, gone = now, set()
        for location in sorted(gone):
            self._take_out(self._counted.pop(location))
        for location, both in changed.items():
            if location in self._counted:
                self._take_out(self._counted[location])
            self._add(both)
            self._counted[location] = both
        self._pairs = +self._pairs  # without the counts taken out down to zero
        self._characters = {locale: +counts for locale, counts in self._characters.items()}

    def _add(self, both: tuple[list[dict] | None, list[dict] | None]) -> None:
        for characters, entries in zip(self._characters.values(), both, strict=True):
            for entry in entries or ():
                characters.update(entry["title"])
                characters.update(entry["text"])
        if both[0] and both[1]:
            for hans, hant in aligned_texts(*both):
                self._pairs.update(zip(hans, hant, strict=True))

    def _take_out(self, both: tuple[list[dict] | None, list[dict] | None]) -> None:
        for characters, entries in zip(self._characters.values(), both, strict=True):
            for entry in entries or ():
                characters.subtract(Counter(entry["title"]))
                characters.subtract(Counter(entry["text"]))
        if both[0] and both[1]:
            for hans, hant in aligned_texts(*both):
                self._pairs.subtract(Counter(zip(hans, hant, strict=True)))


def aligned_texts(hans: list[dict], hant: list[dict]) -> Iterator[tuple[str, str]]:
    """The same field of the same entry of a page in both scripts, where they are
    as long as each other: their characters pair up place by place (unchanged
    ones too: 具 stays 具 far more often than 家具 makes it 俱). Counted as
    `zip`s, not through a generator of pairs: ~12% less at every build."""
    by_location = {e["location"]: e for e in hant}
    for entry in hans:
        other = by_location.get(entry["location"])
        if other is None:
            continue
        for field in ("title", "text"):
            a, b = _plain(entry[field]), _plain(other[field])
            if len(a) == len(b):  # s2t kept the length, as it does for nearly all text
                yield a, b


def _most_frequent(ranked: Iterable[tuple[str, str]]) -> dict[str, str]:
    """First (most frequent) target per source character."""
    out: dict[str, str] = {}
    for source, target in ranked:
        out.setdefault(source, target)
    return out


def _within(mapping: dict[str, str], present: set[str]) -> dict[str, str]:
    """The characters a query must change (not those the script shares) into ones it holds."""
    return {k: v for k, v in sorted(mapping.items()) if v in present and k != v}


def _plain(value: str) -> str:
    return value.replace("\u200b", "")
