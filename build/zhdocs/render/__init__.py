"""Stage `render`: the corpus as Markdown pages, in Simplified and in Traditional.

Pages are written once in canonical Simplified; the Traditional site is the
same Markdown through OpenCC `s2t` (anchors and paths are ASCII, so every link
works in both). Each document's page (and each duplicate's stub) is a function
of a small source, so it can be built in a worker and cached by that source;
the index pages list the whole corpus and are rendered every time. Returns
{locale: {relative path: Markdown}}, where a page that `build` found already
on disk is KEPT instead (see write.py).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from ..config import Config
from ..model import DUPLICATE, Document
from ..scripts import to_traditional
from . import indexes
from .document import doc_path, page, page_input, redirect_page

Pages = dict[str, str]
Source = tuple[Callable[..., str], tuple[object, ...]]  # a page's renderer and all it shows
Built = tuple[tuple[str, str], tuple[float, float]]  # (Simplified, Traditional), seconds of each
Convert = Callable[[list[str]], list[str]]
Texts = tuple[str | None, str | None]  # (Simplified, Traditional), each KEPT when on disk already
Build = Callable[[dict[str, Source]], dict[str, Texts]]  # by path


def render(docs: list[Document], config: Config, convert: Convert | None = None,
           build: Build | None = None) -> dict[str, Pages]:
    """`convert` turns index pages into Traditional, `build` builds page sources
    (both all at once: in parallel, from a cache)."""
    index = index_pages(docs, config)
    built = (build or _build_here)(page_sources(docs))
    traditional = (convert or _to_traditional)(list(index.values()))
    return {"zh": index | {path: texts[0] for path, texts in built.items()},
            "zh-Hant": dict(zip(index, traditional, strict=True))
            | {path: texts[1] for path, texts in built.items()}}


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


def _to_traditional(texts: list[str]) -> list[str]:
    return [to_traditional(t) for t in texts]


def index_pages(docs: list[Document], config: Config) -> Pages:
    live = [d for d in docs if d.published]
    listed = indexes.entries(live)
    return {
        "index.md": indexes.home_page(live, docs, config.newest_on_home, listed),
        "regions.md": indexes.regions_page(live, listed),
        "years.md": indexes.years_page(live, listed),
        "sources.md": indexes.sources_page(live, listed),
        "keywords.md": indexes.keywords_page(live, listed),
        "policies.md": indexes.policies_page(live, listed),
        "report.md": indexes.report_page(docs),
    }


def page_sources(docs: list[Document]) -> dict[str, Source]:
    """Each published document's page, then each duplicate's stub, by path."""
    by_id = {d.id: d for d in docs}
    sources: dict[str, Source] = {
        doc_path(d.id): (page, (page_input(d, by_id),)) for d in docs if d.published}
    for doc in docs:
        if doc.status == DUPLICATE:
            canonical = by_id[doc.duplicate_of]
            sources[doc_path(doc.id)] = (redirect_page, (doc.seed_path, canonical.id, canonical.meta.title))
    return sources
