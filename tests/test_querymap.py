"""The query maps' running totals (the maps on a built site are in test_site.py)."""

from __future__ import annotations

import random
from collections import Counter

from zhdocs.scripts import to_traditional
from zhdocs.search.querymap import SIMPLIFIED, TRADITIONAL, QueryMaps, aligned_texts

TEXTS = {"doc/a/": "发展，发展", "doc/b/": "儿童玩具", "doc/c/": "发票", "doc/d/": "计量检定",
         **{f"doc/{n}/": "标准化" for n in range(6)}}  # mostly unchanged: counted on, not afresh


def _pages(texts: dict[str, str]) -> dict[str, dict[str, list[dict]]]:
    def entries(text: str, location: str) -> list[dict]:
        return [{"location": location, "title": "", "text": text}]
    return {SIMPLIFIED: {loc: entries(t, loc) for loc, t in texts.items()},
            TRADITIONAL: {loc: entries(to_traditional(t), loc) for loc, t in texts.items()}}


def test_a_rebuild_that_changed_a_page_gives_the_maps_of_a_fresh_count() -> None:
    maps = QueryMaps()
    pages = _pages(TEXTS)
    maps.maps(pages)
    # one page rendered again (a new list), one gone, the others the very same lists
    edited = _pages({"doc/a/": "头发"})
    pages = {locale: {**{k: v for k, v in by.items() if k != "doc/c/"}, "doc/a/": edited[locale]["doc/a/"]}
             for locale, by in pages.items()}
    expected = QueryMaps().maps(pages)
    assert maps.maps(pages) == expected
    # 发 was 發 three times; now 髮 once and 發 nowhere: what the pages held before is taken out
    assert expected[TRADITIONAL]["发"] == "髮" and expected[SIMPLIFIED]["髮"] == "发"


def _reference(pages: dict[str, dict[str, list[dict]]]) -> dict[str, dict[str, str]]:
    """The maps as first written: every aligned pair counted, ranked by count then
    by the pair, each source's first target; only characters the script holds."""
    held = {locale: {c for entries in by.values() for e in entries for c in e["title"] + e["text"]}
            for locale, by in pages.items()}
    pairs: Counter[tuple[str, str]] = Counter()
    for location, hans in pages[SIMPLIFIED].items():
        for a, b in aligned_texts(hans, pages[TRADITIONAL].get(location) or []):
            pairs.update(zip(a, b, strict=True))
    ranked = [pair for pair, _ in sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0]))]

    def first(oriented: list[tuple[str, str]], present: set[str]) -> dict[str, str]:
        out: dict[str, str] = {}
        for source, target in oriented:
            out.setdefault(source, target)
        return {k: v for k, v in sorted(out.items()) if v in present and k != v}
    return {SIMPLIFIED: first([(t, s) for s, t in ranked], held[SIMPLIFIED]),
            TRADITIONAL: first(ranked, held[TRADITIONAL])}


def test_the_maps_are_those_of_counting_every_pair() -> None:
    """Random pages of characters OpenCC changes one way or another (发 → 發 or 髮),
    with Traditional pages edited by hand, missing, or of another length."""
    pool = "发头发干部干净后来里面面条的了是台湾周末制度历史准备只有"
    for seed in range(200):
        draw = random.Random(seed)
        texts = {f"doc/{n}/": "".join(draw.choices(pool, k=draw.randint(0, 30)))
                 for n in range(draw.randint(1, 12))}
        pages = _pages(texts)
        for location, entries in pages[TRADITIONAL].items():
            roll = draw.random()
            if roll < 0.1:  # noqa: PLR2004
                entries[0]["text"] = entries[0]["text"][::-1]  # same length, other pairs
            elif roll < 0.2:  # noqa: PLR2004
                entries[0]["text"] += "多"  # another length: not aligned
            elif roll < 0.25:  # noqa: PLR2004
                pages[TRADITIONAL][location] = []
        maps = QueryMaps()
        assert maps.maps(pages) == _reference(pages), seed
        # a rebuild: the first page gone, the last rendered again (counted on when most stay)
        first, last = next(iter(texts)), list(texts)[-1]
        edited = _pages({last: "".join(draw.choices(pool, k=10))})
        again = {locale: {**{k: v for k, v in by.items() if k != first}, last: edited[locale][last]}
                 for locale, by in pages.items()}
        assert maps.maps(again) == _reference(again), seed
