"""Material's search entries of each page, remembered between builds.

For every page at every build, Material's search parses the page's HTML into
sections and segments their Chinese (`SearchIndex.add_entry_from_context`: a
fifth of a `mkdocs build` of 1,000 documents whose HTML is remembered,
`rendered.py`). The entries are a function of the page's HTML, address,
table of contents, title and front matter, and of the words the segmenter
gives its runs of Han text (`segmentation.Segmenter`), so `install` wraps that
method: a page whose inputs are those of an earlier build, and whose runs'
words are still those of then (`Segmenter.reuse`: a changed user dictionary
changes the words of a few runs only), gets that build's entries. With them
are kept the page's full-text words (`fulltext.page_words`, which
`SearchFiles` would otherwise work out again from the entries at every
`mkdocs build`: ~4.7 s at 10,000 documents).

Only for the Material series read here (`TESTED_VERSION`) and while the
segmenter stands in for jieba (else jieba's global tokenizer decides the words).
"""

from __future__ import annotations

import hashlib
import importlib
import sys
from collections.abc import Callable

from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink

from ..cache import Memo
from . import fulltext
from .fulltext import Words
from .segmentation import MATERIAL_SEARCH, Segmenter

TESTED_VERSION = "9."  # the series whose SearchIndex this wraps
MEMO_VERSION = 4
Entry = dict[str, object]
WORD_SEPARATOR = "\n"  # joins a page entry's words in the memo (unless a word holds it)
AddEntries = Callable[[object, Page], None]

_original: AddEntries | None = None
_version = ""  # Material's
_memo: Memo | None = None
_segmenter: Segmenter | None = None
_words: dict[str, Words | None] = {}  # this build's pages' words, by URL
_known: dict[str, str] = {}  # tokens trimmed before (`fulltext.page_words`)


def install() -> bool:
    """Put the remembering method in place (once); whether it is in place."""
    global _original, _version
    try:
        import material
        module = importlib.import_module(MATERIAL_SEARCH)
    except ImportError:
        return False
    if not material.__version__.startswith(TESTED_VERSION):
        return False
    if _original is None:
        _version = material.__version__
        _original = module.SearchIndex.add_entry_from_context
        module.SearchIndex.add_entry_from_context = _add_entries
    return True


def use(memo: Memo | None, segmenter: Segmenter | None) -> None:
    """The memo to take entries from and add to, and the segmenter Material segments
    with (None: every page indexed as Material does)."""
    global _memo, _segmenter
    _memo, _segmenter = memo, segmenter
    _words.clear()
    _known.clear()


def words() -> dict[str, Words | None]:
    """By URL, the words of the pages indexed in this build, kept with their entries
    or worked out with them (a page missing: Material indexed it on its own). A page
    not indexed again (`mkdocs serve --dirty`) keeps its words in `SearchFiles`."""
    return _words


def _add_entries(index: object, page: Page) -> None:
    assert _original is not None
    memo, segmenter = _memo, _segmenter
    if memo is None or segmenter is None or importlib.import_module(MATERIAL_SEARCH).jieba is not segmenter:
        return _original(index, page)
    entries: list[Entry] = index.entries  # type: ignore[attr-defined]
    separator = index.config.get("separator")  # type: ignore[attr-defined]  # splits the full-text words
    lineage, generation = segmenter.stamp()
    key = _key(page, lineage, separator)
    found = memo.get(key)
    if isinstance(found, tuple) and len(found) == 4 and segmenter.reuse(found[1], found[2]):
        entries.extend(found[0])
        _words[page.url] = _unpacked(found[3])
        memo.hits += 1
        return None
    start = len(entries)
    with segmenter.recording() as runs:
        _original(index, page)
    memo.misses += 1
    added = entries[start:]
    words = list(fulltext.page_words(added, separator, _known).values()) if separator else None
    _words[page.url] = words
    memo.put(key, (added, sorted(runs), generation, _packed(words)))
    return None


def _packed(words: Words | None) -> list[str | tuple[str, ...]] | None:
    """A page's words as one string per page entry (one to unpickle, not hundreds)."""
    if words is None:
        return None
    return [WORD_SEPARATOR.join(entry) if not any(WORD_SEPARATOR in w for w in entry) else entry
            for entry in words]


def _unpacked(packed: list[str | tuple[str, ...]] | None) -> Words | None:
    """The words again, interned: pages share most of theirs, and at 10,000 documents
    each page's own copies took ~450 MB more at the peak of a `mkdocs build`."""
    if packed is None:
        return None
    return [tuple(map(sys.intern, entry.split(WORD_SEPARATOR) if entry else ())) if isinstance(entry, str)
            else entry for entry in packed]


def _key(page: Page, lineage: str, separator: str | None) -> str:
    """All Material's indexing reads of a page, the lineage of the segmenter's words,
    and the separator that splits the page's full-text words."""
    meta = page.meta
    parts = (MEMO_VERSION, sys.version, _version, lineage, separator,
             page.url, str(page.title), repr([meta.get(name) for name in ("title", "tags", "search")]),
             repr(_toc_ids(page.toc)), page.content or "")
    digest = hashlib.sha256()
    for part in parts:
        digest.update(b"\0" + str(part).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _toc_ids(links: list[AnchorLink]) -> list[object]:
    return [(link.id, _toc_ids(link.children)) for link in links]
