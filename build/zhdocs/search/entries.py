"""Material's search entries page by page, so that a dirty rebuild indexes every page.

`mkdocs serve --dirty` renders only the pages whose Markdown changed, and
Material's search then holds the entries of those alone, merged with its last
index in a way that keeps stale entries of all changed pages but the first.
zhdocs writes the index itself (`SearchFiles`), so it takes each page's entries as
Material adds them and keeps them from build to build: a page rendered again
replaces its own, a page gone drops them. The entries come out in the order
of the pages (each language's build in turn, each in MkDocs' order of files),
which is the order Material gives a full build, so a dirty rebuild writes the
same index as a full build of the same pages.
"""

from __future__ import annotations

Entry = dict[str, object]  # as in Material's search_index.json: location, title, text


class PageEntries:
    """Each page's search entries by its URL, in the order of the pages of the last build."""

    def __init__(self) -> None:
        self._by_page: dict[str, list[Entry]] = {}
        self._order: list[str] = []  # this build's pages, every language's
        self._pending: tuple[str, int] | None = None  # a page being rendered, its first entry's place

    def start(self, dirty: bool) -> None:
        """A build begins (the outermost one): a full build forgets the last one's entries."""
        self._order = []
        if not dirty:
            self._by_page = {}

    def pages(self, urls: list[str]) -> None:
        """The pages one language's build holds, in MkDocs' order, rendered or not."""
        self._order += urls

    def before_page(self, url: str, entries: list[Entry]) -> None:
        self._pending = (url, len(entries))

    def after_page(self, url: str, entries: list[Entry]) -> None:
        """Material has added this page's entries to `entries` since `before_page`."""
        if self._pending is not None and self._pending[0] == url:
            self._by_page[url] = entries[self._pending[1]:]
        self._pending = None

    def missing(self) -> list[str]:
        """This build's pages whose entries are unknown: neither rendered now nor before."""
        return [url for url in self._order if url not in self._by_page]

    def in_order(self) -> list[tuple[str, list[Entry]]]:
        """Every page's entries by its URL, in page order; pages gone since the last build are forgotten.
        A page's list is the same object from build to build until the page is rendered again."""
        present = dict.fromkeys(self._order)
        self._by_page = {url: self._by_page[url] for url in present if url in self._by_page}
        return [(url, self._by_page[url]) for url in present if url in self._by_page]
