"""The query maps' running totals (the maps on a built site are in test_site.py)."""

from __future__ import annotations

from zhdocs.scripts import to_traditional
from zhdocs.search.querymap import SIMPLIFIED, TRADITIONAL, QueryMaps

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
