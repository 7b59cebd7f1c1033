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
from collections.abc import Iterable

SIMPLIFIED, TRADITIONAL = "zh", "zh-Hant"


def query_maps(full: dict[str, list[dict]]) -> dict[str, dict[str, str]]:
    """{locale: {character a reader may type: the character this script's index uses}}."""
    pairs = aligned_pairs(full[SIMPLIFIED], full[TRADITIONAL])
    to_hant = _most_frequent((s, t) for (s, t), _ in pairs.most_common())
    to_hans = _most_frequent((t, s) for (s, t), _ in pairs.most_common())
    return {
        SIMPLIFIED: _within(to_hans, _characters(full[SIMPLIFIED])),
        TRADITIONAL: _within(to_hant, _characters(full[TRADITIONAL])),
    }


def aligned_pairs(hans: list[dict], hant: list[dict]) -> Counter[tuple[str, str]]:
    """Counts of (Simplified, Traditional) characters at the same place of the same
    entry, unchanged ones too: 具 stays 具 far more often than 家具 makes it 俱."""
    by_location = {e["location"]: e for e in hant}
    pairs: Counter[tuple[str, str]] = Counter()
    for entry in hans:
        other = by_location.get(entry["location"])
        if other is None:
            continue
        for field in ("title", "text"):
            a, b = _plain(entry[field]), _plain(other[field])
            if len(a) == len(b):  # s2t kept the length, as it does for nearly all text
                pairs.update(zip(a, b, strict=True))
    return pairs


def _most_frequent(ranked: Iterable[tuple[str, str]]) -> dict[str, str]:
    """First (most frequent) target per source character."""
    out: dict[str, str] = {}
    for source, target in ranked:
        out.setdefault(source, target)
    return out


def _within(mapping: dict[str, str], present: set[str]) -> dict[str, str]:
    """The characters a query must change (not those the script shares) into ones it holds."""
    return {k: v for k, v in sorted(mapping.items()) if v in present and k != v}


def _characters(entries: list[dict]) -> set[str]:
    """Every character of the entries (a set updated per text: every page's full
    text passes here, too much for a loop per character)."""
    found: set[str] = set()
    for entry in entries:
        found.update(entry["title"], entry["text"])
    return found


def _plain(value: str) -> str:
    return value.replace("\u200b", "")
