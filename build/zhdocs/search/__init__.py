"""The reader's search: one small index per script, and queries in either script.

Material writes one lunr index holding the full text of every page of both
scripts, and every reader downloads all of it before the first result. After the
build, `SearchFiles` writes instead one index per script (each under its script's
folder, where that script's pages look for it), from the pages' entries
(`entries.PageEntries`), with what a reader searches for: every heading, and
the opening of every page, which on a document page is its facts (date,
source, region, keywords) and its lead. Next to each index goes
a character map that turns a query typed in the other script into this one
(`querymap.py`), applied in the browser by `assets/javascripts/zhdocs.js`.
Every other word of every page is in that script's full-text shards
(`fulltext.py`), fetched only for the words a query asks for.
"""

from __future__ import annotations

import gzip
import json
import re
import zlib
from dataclasses import dataclass
from pathlib import Path

from . import fulltext
from .querymap import QueryMaps

INDEX = "search/search_index.json"
QUERY_MAP = "search/query_map.json"
FULLTEXT_SHARDS = "zhdocs_fulltext_shards"  # in the index's config: tells the browser the shard count
LEAD_CHARS = 200  # of a page's opening kept searchable (facts + lead sentences)
GZIP_SAMPLE = 8_000_000  # bytes of Material's index gzipped to estimate all of it ...
SAMPLE_PIECES = 32  # ... in pieces this many, from all over it
_BREAK = re.compile(r"[\u200b\s]")


@dataclass(frozen=True)
class IndexSize:
    """Bytes a reader downloads before the first result, raw and gzipped."""

    name: str
    raw: int
    gzipped: int | None  # None: not measured
    estimated: bool = False  # gzipped from a sample of the file, scaled to its size

    def __str__(self) -> str:
        if self.gzipped is None:
            return f"{self.name} {self.raw / 1000:.1f} kB"
        about = "≈" if self.estimated else ""
        return f"{self.name} {self.raw / 1000:.1f} kB (gzip {about}{self.gzipped / 1000:.1f} kB)"


Entry = dict  # one of Material's index entries: location, title, text


@dataclass(frozen=True)
class _Page:
    """One page's part of its script's search files."""

    locale: str
    location: str  # relative to its script's folder
    entries: list[Entry]  # the page's and its sections', located relative to that folder
    restricted: list[Entry]  # as the small index holds them
    words: fulltext.Words  # the words of each page entry (one without `#`) of `entries`


class SearchFiles:
    """Each build's search files, from Material's entries page by page. What
    they are worked out from is kept per page (`_Page`, the query maps' totals,
    the shards), so a build that rendered a few pages again (`mkdocs serve
    --dirty`) works out those alone: a page rendered again comes as a new list."""

    def __init__(self) -> None:
        self._pages: dict[str, tuple[list[Entry], _Page]] = {}  # by URL: Material's entries, and from them
        self._known: dict[str, str] = {}  # tokens trimmed before
        self._maps = QueryMaps()
        self._shards: dict[str, fulltext.Shards] = {}

    def write(self, site: Path, folders: dict[str, str], pages: list[tuple[str, list[Entry]]],
              config: dict, gzipped: bool = True,
              words: dict[str, fulltext.Words | None] | None = None) -> tuple[list[IndexSize], list[str]]:
        """Material's index entries (`pages`: each page's, by URL, in order) →
        one restricted index per script under `site`. `words`: the full-text
        words of pages whose entries came with them (`fulltext.page_words`), by URL.

        `folders` maps each locale to its folder below the site ('' for the default).
        Returns the size of Material's index, then of each script's download (also
        gzipped, unless not `gzipped`: at 10k documents that costs ~1 s, and a log
        line at every `mkdocs serve` rebuild need not repeat it), and what each
        script's full-text shards hold in all."""
        sizes = [_file_size("Material full text, both scripts", site / INDEX, gzipped)]
        scripts = self._scripts(folders, pages, config["separator"], words or {})
        maps = self._maps.maps({locale: {p.location: p.entries for p in items}
                                for locale, items in scripts.items()})
        shards = []
        for locale, folder in folders.items():
            root = site / folder
            numbered, docs = _numbered(scripts[locale])
            count, total = self._shards.setdefault(locale, fulltext.Shards()).write(root, numbered)
            settings = {**config, FULLTEXT_SHARDS: count}  # Material's worker ignores the extra key
            index = _write(root / INDEX, {"config": settings, "docs": docs})
            chars = _write(root / QUERY_MAP, maps[locale])
            packed = _gzipped(index) + _gzipped(chars) if gzipped else None
            sizes.append(IndexSize(locale, len(index) + len(chars), packed))
            shards.append(f"{locale} full text {total / 1e6:.2f} MB in {count} shards, fetched per word")
        return sizes, shards

    def _scripts(self, folders: dict[str, str], pages: list[tuple[str, list[Entry]]],
                 separator: str, words: dict[str, fulltext.Words | None]) -> dict[str, list[_Page]]:
        """Each script's pages in order, worked out again only from entries not seen before."""
        prefixes = sorted(((f"{f}/" if f else "", loc) for loc, f in folders.items()), reverse=True)
        scripts: dict[str, list[_Page]] = {locale: [] for locale in folders}
        kept = {}
        for url, entries in pages:
            last = self._pages.get(url)
            if last is None or last[0] is not entries:
                last = (entries, self._page(entries, prefixes, separator, words.get(url)))
            kept[url] = last
            if last[1].entries:
                scripts[last[1].locale].append(last[1])
        self._pages = kept
        return scripts

    def _page(self, entries: list[Entry], prefixes: list[tuple[str, str]], separator: str,
              words: fulltext.Words | None) -> _Page:
        first = entries[0]["location"] if entries else ""
        prefix, locale = next((p, loc) for p, loc in prefixes if first.startswith(p))
        local = [{**entry, "location": entry["location"][len(prefix):]} for entry in entries]
        if words is None:  # the same with the prefix: it only groups a page's sections
            words = list(fulltext.page_words(local, separator, self._known).values())
        location = local[0]["location"] if local else ""
        return _Page(locale, location, local, [restrict(e) for e in local], words)


def _numbered(pages: list[_Page]) -> tuple[list[tuple[int, tuple[str, ...]]], list[Entry]]:
    """Each page's words by its number, and the small index's entries. A page's
    number is its place among the index's page entries (not its sections'), so
    a page that gains or loses a section renumbers no other (`Shards` then
    writes only the shards of changed words)."""
    numbered: list[tuple[int, tuple[str, ...]]] = []
    docs: list[Entry] = []
    for page in pages:
        numbered += enumerate(page.words, start=len(numbered))  # each page entry its own number
        docs += page.restricted
    return numbered, docs


def restrict(entry: dict) -> dict:
    """Headings stay searchable; of the text, only a page's opening."""
    if "#" in entry["location"]:
        return {**entry, "text": ""}
    return {**entry, "text": lead(entry["text"])}


def lead(text: str, limit: int = LEAD_CHARS) -> str:
    """The first `limit` characters of the plain text, cut between words."""
    plain = fulltext.TAG.sub(" ", text).strip()
    if len(plain) <= limit:
        return plain
    cut = max((m.start() for m in _BREAK.finditer(plain, 0, limit + 1)), default=limit)
    return plain[:cut].rstrip("\u200b ")


def _write(path: Path, data: object) -> bytes:
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    raw = payload.encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(raw)
    return raw


def _file_size(name: str, path: Path, gzipped: bool = True) -> IndexSize:
    """Material's index of a large corpus is hundreds of MB (10k documents: 281 MB,
    ~20 s to gzip, for a log line about a file that is replaced): a larger one than
    GZIP_SAMPLE is gzipped in SAMPLE_PIECES pieces spread over it (its start alone
    is the index pages' link lists, which pack 2.5× better than the rest), scaled."""
    raw = path.stat().st_size
    if not gzipped:
        return IndexSize(name, raw, None)
    if raw <= GZIP_SAMPLE:
        return IndexSize(name, raw, _gzipped(path.read_bytes()))
    piece = GZIP_SAMPLE // SAMPLE_PIECES
    with path.open("rb") as f:
        pieces = []
        for i in range(SAMPLE_PIECES):
            f.seek(i * (raw - piece) // (SAMPLE_PIECES - 1))
            pieces.append(f.read(piece))
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)  # one stream: each piece packs as it would in place
    gzipped = sum(len(packer.compress(p)) for p in pieces) + len(packer.flush())
    return IndexSize(name, raw, round(gzipped * raw / sum(map(len, pieces))), estimated=True)


def _gzipped(raw: bytes) -> int:
    return len(gzip.compress(raw, mtime=0))
