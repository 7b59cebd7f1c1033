"""MkDocs' Markdown → HTML of each page, remembered between builds.

MkDocs converts every page's Markdown at every build, one page after another
(Python-Markdown: ~3 ms for a document page; 40% of a `mkdocs build` of 1,000
documents), although after one seed changed nearly every page is as it was.
`install` wraps `Page.render` so that a page whose Markdown, place and settings
are those of an earlier build takes what that render produced: the HTML, the
table of contents, the title, the anchors it holds and links to, and the log
records it emitted (logged again, so `--strict` still fails on a broken link).
Of the site's other files, render reads only those its links resolve to: each
lookup is kept with what it found and checked again before a remembered render
is used, so a page added or removed renders again only the pages that link to it.

Only for the MkDocs series read here (`TESTED_VERSION`) and for Python-Markdown's
own extensions with plain settings (`PURE_EXTENSIONS`: they read nothing but the
page); with any other extension configured, pages render as before. The HTML
lives in one SQLite file (`cache.Memo`); a full build forgets what it did not use.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import sys
import weakref
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import markdown
import mkdocs
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from .cache import Memo

TESTED_VERSION = "1.6."  # the series whose Page.render this reads and replays
MEMO_VERSION = 1  # of what an entry holds
# Python-Markdown's extensions that read nothing but the page's text and their settings
PURE_EXTENSIONS = frozenset(("abbr", "admonition", "attr_list", "def_list", "fenced_code", "footnotes",
                             "legacy_attrs", "legacy_em", "md_in_html", "meta", "nl2br", "sane_lists",
                             "smarty", "tables", "toc"))
PAGES_LOG = logging.getLogger("mkdocs.structure.pages")  # where render logs its link warnings
Render = Callable[[Page, MkDocsConfig, Files], None]
Seen = tuple[str, str, bool] | None  # a lookup's file: source, URL, excluded; None: no such file

_original: Render | None = None
_memo: Memo | None = None
_found: tuple[weakref.ref[Files], int, dict[str, File | None]] | None = None  # `_lookup`'s, this build's


def install() -> bool:
    """Put the remembering render in place (once); whether it is in place."""
    global _original
    if not mkdocs.__version__.startswith(TESTED_VERSION):
        return False
    if _original is None:
        _original = Page.render
        Page.render = _render  # type: ignore[method-assign]
    return True


def use(memo: Memo | None) -> None:
    """The memo renders take from and add to; None: render every page."""
    global _memo
    _memo = memo


@dataclass
class Rendered:
    """What `Page.render` sets on a page, what it looked up, and what it logged."""

    content: str
    toc_tokens: list[dict[str, object]]
    title: str | None
    anchor_ids: set[str]
    links_to_anchors: dict[str, dict[str, str]] | None  # by the linked file's source path
    lookups: dict[str, Seen]  # each path render looked up, and what it found
    records: list[tuple[int, str]]  # (level, message), in order

    def holds(self, files: Files) -> bool:
        """Whether every lookup finds what it found then."""
        return all(_seen(_lookup(files, path)) == seen for path, seen in self.lookups.items())

    def apply(self, page: Page, files: Files) -> None:
        page.content = self.content
        page.toc = get_toc(self.toc_tokens)
        page._title_from_render = self.title
        page.present_anchor_ids = set(self.anchor_ids)
        if self.links_to_anchors is not None:
            page.links_to_anchors = {
                page.file if path == page.file.src_uri else _lookup(files, path): dict(links)
                for path, links in self.links_to_anchors.items()}
        for level, message in self.records:
            PAGES_LOG.log(level, message)


def _render(page: Page, config: MkDocsConfig, files: Files) -> None:
    assert _original is not None
    memo, settings = _memo, _settings(config)
    if memo is None or settings is None or page.markdown is None:
        return _original(page, config, files)
    key = _key(settings, page)
    found = memo.get(key)
    if isinstance(found, Rendered) and found.holds(files):
        found.apply(page, files)
        memo.hits += 1
        return None
    lookups = _Lookups(files)
    with _captured() as records:
        _original(page, config, lookups)  # type: ignore[arg-type]  # all render asks of files
    memo.misses += 1
    if not (lookups.untracked or records.foreign):
        memo.put(key, _rendered(page, lookups.found, records.records))
    return None


def _rendered(page: Page, lookups: dict[str, Seen], records: list[tuple[int, str]]) -> Rendered:
    links = page.links_to_anchors  # None unless anchors are validated
    by_path = None if links is None else {file.src_uri: dict(anchors) for file, anchors in links.items()}
    return Rendered(page.content or "", _toc_tokens(page), page._title_from_render,
                    set(page.present_anchor_ids or ()), by_path, lookups, records)


def _toc_tokens(page: Page) -> list[dict[str, object]]:
    """The tokens `get_toc` made the page's table of contents from."""
    def token(link: object) -> dict[str, object]:
        return {"level": link.level, "id": link.id, "name": link.title,  # type: ignore[attr-defined]
                "children": [token(child) for child in link.children]}  # type: ignore[attr-defined]
    return [token(link) for link in page.toc]


def _settings(config: MkDocsConfig) -> str | None:
    """All render reads of the config (and of this process), as text; None when an
    extension may read more than the page, or has settings that are not plain data."""
    names = []
    for extension in config["markdown_extensions"]:
        name = extension.removeprefix("markdown.extensions.") if isinstance(extension, str) else None
        if name not in PURE_EXTENSIONS:
            return None
        names.append(name)
    options = config["mdx_configs"] or {}
    if not _plain(options):
        return None
    links = config.validation.links
    return repr((MEMO_VERSION, mkdocs.__version__, markdown.__version__, sys.version, names,
                 sorted(options.items()), config.use_directory_urls, links.not_found, links.absolute_links,
                 links.unrecognized_links, PAGES_LOG.getEffectiveLevel()))


def _plain(value: object) -> bool:
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return all(map(_plain, value))
    return value is None or isinstance(value, str | int | float)  # bool is an int


def _key(settings: str, page: Page) -> str:
    file = page.file
    digest = hashlib.sha256(settings.encode())
    for part in (file.src_uri, file.url, str(file.inclusion.is_excluded()), page.markdown or ""):
        digest.update(b"\0" + part.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _lookup(files: Files, path: str) -> File | None:
    """`files.get_file_from_path(path)`, asked once per path and build: the same
    paths recur on many pages, and mkdocs-static-i18n's lookup tries several
    paths by pathlib (~22 µs; at 10,000 documents ~200,000 lookups, 4.4 s of
    a build). A build's files stay as they are while its pages render; other
    files (the other language's build, the next build, one added) start afresh."""
    global _found
    if _found is None or _found[0]() is not files or _found[1] != len(files):
        _found = (weakref.ref(files), len(files), {})
    found = _found[2]
    if path not in found:
        found[path] = files.get_file_from_path(path)
    return found[path]


def _seen(file: File | None) -> Seen:
    return None if file is None else (file.src_uri, file.url, file.inclusion.is_excluded())


class _Lookups:
    """The site's files as render sees them: each lookup kept with what it found;
    anything else asked of them makes the render one not to remember."""

    def __init__(self, files: Files) -> None:
        self.files = files
        self.found: dict[str, Seen] = {}
        self.untracked = False

    def get_file_from_path(self, path: str) -> File | None:
        file = self.files.get_file_from_path(path)
        self.found[path] = _seen(file)
        return file

    def __getattr__(self, name: str) -> object:
        self.untracked = True
        return getattr(self.files, name)


class _Records(logging.Handler):
    """Render's own log records; any other logger's (an extension's) makes the render
    one not to remember, as it could not be replayed."""

    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.records: list[tuple[int, str]] = []
        self.foreign = False
        self._last: logging.LogRecord | None = None  # a record reaches the root too, if it propagates

    def emit(self, record: logging.LogRecord) -> None:
        if record is self._last:
            return
        self._last = record
        if record.name == PAGES_LOG.name:
            self.records.append((record.levelno, record.getMessage()))
        else:
            self.foreign = True


@contextlib.contextmanager
def _captured() -> Iterator[_Records]:
    records = _Records()
    loggers = (PAGES_LOG, logging.getLogger())
    for logger in loggers:
        logger.addHandler(records)
    try:
        yield records
    finally:
        for logger in loggers:
            logger.removeHandler(records)
