"""Stage `render`: the corpus as Markdown pages, in Simplified and in Traditional.

Pages are written once in canonical Simplified; the Traditional site is the
same Markdown through OpenCC `s2t` (anchors and paths are ASCII, so every link
works in both). Returns {locale: {relative path: Markdown}}.
"""

from __future__ import annotations

from collections.abc import Callable

from ..config import Config
from ..model import DUPLICATE, Document
from ..scripts import to_traditional
from . import indexes
from .document import doc_path, document_page, redirect_page

Pages = dict[str, str]


def render(docs: list[Document], config: Config,
           convert: Callable[[list[str]], list[str]] | None = None) -> dict[str, Pages]:
    """`convert` turns many Simplified pages into Traditional at once (e.g. in parallel)."""
    simplified = render_simplified(docs, config)
    traditional = (convert or _to_traditional)(list(simplified.values()))
    return {"zh": simplified, "zh-Hant": dict(zip(simplified, traditional, strict=True))}


def _to_traditional(texts: list[str]) -> list[str]:
    return [to_traditional(t) for t in texts]


def render_simplified(docs: list[Document], config: Config) -> Pages:
    live = [d for d in docs if d.published]
    by_id = {d.id: d for d in docs}
    pages: Pages = {
        "index.md": indexes.home_page(live, docs, config.newest_on_home),
        "regions.md": indexes.regions_page(live),
        "years.md": indexes.years_page(live),
        "sources.md": indexes.sources_page(live),
        "keywords.md": indexes.keywords_page(live),
        "policies.md": indexes.policies_page(live),
        "report.md": indexes.report_page(docs),
    }
    for doc in live:
        pages[doc_path(doc.id)] = document_page(doc, by_id)
    for doc in docs:
        if doc.status == DUPLICATE:
            pages[doc_path(doc.id)] = redirect_page(doc, by_id[doc.duplicate_of])
    return pages
