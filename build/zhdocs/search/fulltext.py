"""Every word of every page, fetched only when a query asks for it.

The small index (`SearchFiles`) answers from titles, headings and leads. Words that
occur only deeper in a body are found here: for each script, an inverted index
from each word (as Material's jieba segmentation split the page) to the pages
holding it, cut into shards by a hash of the word. The browser
(`assets/javascripts/zhdocs.js`) fetches the shards of the query's words, after
the small index has given its first results, and adds the pages that hold a
word beginning with each word of the query. A query costs a reader a few
shards, never the whole text.

Pages are numbered by their place among the page entries (not the sections)
of the small index's `docs` (the browser has that list already), postings are
delta-encoded page numbers: small numbers that gzip well. The shard is a hash
(FNV-1a) of a word's first two UTF-16 code units, as a JavaScript string holds
them, so both sides pick the same shard.
"""

from __future__ import annotations

import bisect
import json
import re
import shutil
from collections import defaultdict
from pathlib import Path

FOLDER = "search/fulltext"
SHARD_BYTES = 32_000  # a shard's target size before gzip: a query fetches one per word
MAX_SHARDS = 4096
PREFIX = 2  # code units of a word that choose its shard
TAG = re.compile(r"<[^>]+>")  # markup in Material's index entries
_EDGES = re.compile(r"^[\W_]+|[\W_]+$")  # what the browser trims: not a letter or digit
_FNV_OFFSET, _FNV_PRIME = 0x811C9DC5, 0x01000193
Words = list[tuple[str, ...]]  # a page's words (`page_words`), each page entry's sorted


def _trimmed(tokens: set[str], known: dict[str, str]) -> set[str]:
    """Tokens as the browser trims them, the empty ones left out; `known`: tokens
    trimmed before (a corpus repeats its words: a lookup instead of a regex each)."""
    found = set()
    for token in tokens:
        word = known.get(token)
        if word is None:
            word = known[token] = _EDGES.sub("", token).lower()
        found.add(word)
    found.discard("")
    return found


def page_words(entries: list[dict], separator: str, known: dict[str, str]) -> dict[str, tuple[str, ...]]:
    """Each page's words (sorted), by the page's location, pages in the order of
    `entries` (their numbers: `search._numbered`); a section's words belong
    to its page, a section without its page is left out. A page's tokens are
    gathered first and trimmed once (`known`: tokens trimmed before)."""
    split = re.compile(separator).split
    tokens: dict[str, set[str]] = {e["location"]: set() for e in entries if "#" not in e["location"]}
    for entry in entries:
        found = tokens.get(entry["location"].split("#")[0])
        if found is not None:
            found.update(split(TAG.sub(" ", f"{entry['title']} {entry['text']}")))
    return {location: tuple(sorted(_trimmed(page, known))) for location, page in tokens.items()}


def postings(pages: list[tuple[int, tuple[str, ...]]]) -> dict[str, list[int]]:
    """word -> the numbers of the pages holding it, from each page's (number,
    words) in the order of the numbers, so each list is built sorted."""
    index: dict[str, list[int]] = defaultdict(list)
    for number, words in pages:
        for word in words:
            index[word].append(number)
    return dict(index)


def shard_of(word: str, shards: int) -> int:
    """FNV-1a (32 bits) over the word's first PREFIX UTF-16 code units, modulo the
    shard count: the words that begin alike share a shard, so one fetch finds
    every word a query word begins (东莞 finds 东莞市, as Material's `东莞*` would)."""
    h = _FNV_OFFSET
    encoded = word.encode("utf-16-le", "surrogatepass")
    for unit in memoryview(encoded).cast("H")[:PREFIX]:
        h = ((h ^ unit) * _FNV_PRIME) & 0xFFFFFFFF
    return h % shards


def shard_count(index: dict[str, list[int]]) -> int:
    """A power of two that keeps shards near SHARD_BYTES (estimated: ~4 bytes a posting)."""
    estimate = sum(len(word.encode()) + 4 * len(pages) for word, pages in index.items())
    count = 1
    while count < MAX_SHARDS and estimate / count > SHARD_BYTES:
        count *= 2
    return count


class Shards:
    """One script's shards as this process wrote them last. A rebuild that numbers
    the pages as the last one did (`mkdocs serve --dirty`, a page edited) updates
    the postings of the words its changed pages gained or lost and writes only
    the shards of those words: 10k documents, ~200,000 words in ~2,000 shards."""

    def __init__(self) -> None:
        self._pages: list[tuple[int, tuple[str, ...]]] = []  # (page number, its words), in order
        self._index: dict[str, list[int]] = {}
        self._shards: list[dict[str, list[int]]] = []  # the index by shard: the same lists
        self._sizes: list[int] = []  # bytes of each shard's file
        self._folder: Path | None = None

    def write(self, root: Path, pages: list[tuple[int, tuple[str, ...]]]) -> tuple[int, int]:
        """Writes the shards of `pages` under `root`/search/fulltext/; returns the shard count and bytes."""
        folder = root / FOLDER
        changed = self._update(pages) if self._written(folder, pages) else None
        self._pages = pages
        if changed is None:
            self._index = postings(pages)
        count = shard_count(self._index)
        if changed is None or count != len(self._shards):
            self._write_all(folder, count)
        else:
            self._write_some(folder, changed)
        return count, sum(self._sizes)

    def _written(self, folder: Path, pages: list[tuple[int, tuple[str, ...]]]) -> bool:
        """Whether the last shards are in `folder` still, for pages numbered alike."""
        return (folder == self._folder and [n for n, _ in pages] == [n for n, _ in self._pages]
                and all((folder / f"{n}.json").is_file() for n in range(len(self._shards))))

    def _update(self, pages: list[tuple[int, tuple[str, ...]]]) -> set[str]:
        """The postings of the pages whose words changed, updated; the words they gained or lost."""
        changed: set[str] = set()
        for (number, before), (_, words) in zip(self._pages, pages, strict=True):
            if before is words or before == words:
                continue
            gone, new = set(before) - set(words), set(words) - set(before)
            for word in gone:
                self._index[word].remove(number)
                if not self._index[word]:
                    del self._index[word]
            for word in new:
                bisect.insort(self._index.setdefault(word, []), number)
            changed |= gone | new
        return changed

    def _write_all(self, folder: Path, count: int) -> None:
        self._shards = [{} for _ in range(count)]
        for word, pages in self._index.items():
            self._shards[shard_of(word, count)][word] = pages
        shutil.rmtree(folder, ignore_errors=True)  # a smaller corpus leaves no stale shard behind
        folder.mkdir(parents=True)
        self._folder = folder
        self._sizes = [_write_shard(folder, number, shard) for number, shard in enumerate(self._shards)]

    def _write_some(self, folder: Path, words: set[str]) -> None:
        count = len(self._shards)
        touched = set()
        for word in words:
            number = shard_of(word, count)
            touched.add(number)
            if word in self._index:
                self._shards[number][word] = self._index[word]
            else:
                self._shards[number].pop(word, None)
        for number in sorted(touched):
            self._sizes[number] = _write_shard(folder, number, self._shards[number])


def _write_shard(folder: Path, number: int, shard: dict[str, list[int]]) -> int:
    raw = json.dumps({word: _deltas(pages) for word, pages in shard.items()},
                     ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()
    (folder / f"{number}.json").write_bytes(raw)
    return len(raw)


def _deltas(pages: list[int]) -> list[int]:
    return [page - before for page, before in zip(pages, [0, *pages], strict=False)]
