"""Stage `render`: the corpus as Markdown pages, in Simplified and in Traditional.

Pages are written once in canonical Simplified; the Traditional site is the
same Markdown through OpenCC `s2tw` (anchors and paths are ASCII, so every link
works in both). Each document's page (and each duplicate's stub) is a function
of a small source, so it can be built in a worker and cached by that source;
the index pages are a function of every document's listing (`IndexInput`),
so they are cached by all of it together. Returns
{locale: {relative path: Markdown}}, where a page that `build` found already
on disk is KEPT instead (see write.py).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import NamedTuple

from ..config import Config
from ..model import DUPLICATE, PUBLISHED, Document
from ..scripts import to_traditional
from . import collation, indexes
from .collation import Readings
from .document import doc_path, page, page_input, redirect_page

Pages = dict[str, str]
Source = tuple[Callable[..., str], tuple[object, ...]]  # a page's renderer and all it shows
Built = tuple[tuple[str, str], tuple[float, float]]  # (Simplified, Traditional), seconds of each
Convert = Callable[[list[str]], list[str]]
Texts = tuple[str | None, str | None]  # (Simplified, Traditional), each KEPT when on disk already
Build = Callable[[dict[str, Source]], dict[str, Texts]]  # by path
# the index pages of one page each (the keywords' and the report's depend on what they list)
INDEX_PATHS = ("index.md", "regions.md", "years.md", "sources.md", "policies.md")


class IndexInput(NamedTuple):
    """All the index pages show: every document's listing, the home page's
    length, and the pinyin of every word they list by (their order)."""

    listings: list[indexes.Listing]
    newest: int
    readings: Readings


IndexBuild = Callable[[IndexInput], dict[str, Texts]]  # by path


def render(docs: list[Document], config: Config, build: Build | None = None,
           build_index: IndexBuild | None = None, readings: Readings | None = None) -> dict[str, Pages]:
    """`build` builds page sources (all at once: in parallel, from a cache),
    `build_index` the index pages from what they list (from a cache);
    `readings`: the index's words' (`index_readings`), when the caller has them."""
    readings = index_readings(docs) if readings is None else readings
    built = (build or _build_here)(page_sources(docs, readings))
    index = (build_index or _index_here)(index_input(docs, config, readings))
    both = index | built
    return {"zh": {path: texts[0] for path, texts in both.items()},
            "zh-Hant": {path: texts[1] for path, texts in both.items()}}


def build_page(source: Source) -> Built:
    """One page in both scripts, with the seconds each took (runs in a worker)."""
    start = time.perf_counter()
    render_page, args = source
    simplified = render_page(*args)
    middle = time.perf_counter()
    traditional = to_traditional(simplified)
    return (simplified, traditional), (middle - start, time.perf_counter() - middle)


def _build_here(sources: dict[str, Source]) -> dict[str, Texts]:
    return {path: build_page(source)[0] for path, source in sources.items()}


def _index_here(source: IndexInput) -> dict[str, Texts]:
    return index_both(source, lambda texts: [to_traditional(t) for t in texts])


def index_readings(docs: list[Document], known: Readings | None = None) -> Readings:
    """The pinyin of every keyword, source and place of the published documents:
    the index pages list them in pinyin order."""
    return collation.readings((word for d in docs if d.published for word in indexes.listed_words(d)), known)


def index_input(docs: list[Document], config: Config, readings: Readings) -> IndexInput:
    return IndexInput([indexes.listing(d) for d in docs], config.newest_on_home, readings)


def index_texts(source: IndexInput) -> Pages:
    """The index pages in Simplified, by path."""
    live = [d for d in source.listings if d.status == PUBLISHED]
    listed = indexes.entries(live)
    return dict(zip(INDEX_PATHS, [
        indexes.home_page(live, source.listings, source.newest, listed),
        indexes.regions_page(live, listed, source.readings),
        indexes.years_page(live, listed),
        indexes.sources_page(live, listed, source.readings),
        indexes.policies_page(live, listed),
    ], strict=True)) | indexes.keywords_pages(live, source.readings) | indexes.report_pages(source.listings)


def index_both(source: IndexInput, convert: Convert) -> dict[str, Texts]:
    """The index pages in both scripts, by path."""
    simplified = index_texts(source)
    return dict(zip(simplified, zip(simplified.values(), convert(list(simplified.values())), strict=True),
                    strict=True))


def page_sources(docs: list[Document], readings: Readings) -> dict[str, Source]:
    """Each published document's page, then each duplicate's stub, by path."""
    by_id = {d.id: d for d in docs}
    groups = collation.groups(readings)
    sources: dict[str, Source] = {
        doc_path(d.id): (page, (page_input(d, by_id, groups),)) for d in docs if d.published}
    for doc in docs:
        if doc.status == DUPLICATE:
            canonical = by_id[doc.duplicate_of]
            sources[doc_path(doc.id)] = (redirect_page, (doc.seed_path, canonical.id, canonical.meta.title))
    return sources
