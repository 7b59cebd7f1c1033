"""Every word of every page, fetched only when a query asks for it.

The small index (`rewrite`) answers from titles, headings and leads. Words that
occur only deeper in a body are found here: for each script, an inverted index
from each word (as Material's jieba segmentation split the page) to the pages
holding it, cut into shards by a hash of the word. The browser
(`assets/javascripts/zhdocs.js`) fetches the shards of the query's words, after
the small index has given its first results, and adds the pages that hold a
word beginning with each word of the query. A query costs a reader a few
shards, never the whole text.

Pages are numbered by their place in the small index's `docs` (the browser has
that list already), postings are delta-encoded page numbers: small numbers
that gzip well. The shard is a hash (FNV-1a) of a word's first two UTF-16 code
units, as a JavaScript string holds them, so both sides pick the same shard.
"""

from __future__ import annotations

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


def words(text: str, separator: str) -> set[str]:
    """The searchable words of an index entry's text (HTML, segmented by Material)."""
    return _trimmed(set(re.split(separator, TAG.sub(" ", text))), {})


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


def postings(entries: list[dict], separator: str) -> dict[str, list[int]]:
    """word -> the sorted numbers of the pages holding it. An entry's number is its
    place in `entries`; a section's words belong to its page. A page's tokens are
    gathered first and trimmed once, and pages are visited in order, so each list
    is built sorted (10k documents: ~16 s a word at a time for every section)."""
    split = re.compile(separator).split
    page_of = {e["location"]: i for i, e in enumerate(entries) if "#" not in e["location"]}
    tokens: dict[int, set[str]] = defaultdict(set)
    for entry in entries:
        page = page_of.get(entry["location"].split("#")[0])
        if page is not None:
            tokens[page].update(split(TAG.sub(" ", f"{entry['title']} {entry['text']}")))
    known: dict[str, str] = {}
    pages: dict[str, list[int]] = defaultdict(list)
    for page in sorted(tokens):
        for word in _trimmed(tokens[page], known):
            pages[word].append(page)
    return dict(pages)


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


def write(root: Path, index: dict[str, list[int]]) -> tuple[int, int]:
    """Writes the shards under `root`/search/fulltext/; returns the shard count and bytes."""
    count = shard_count(index)
    shards: list[dict[str, list[int]]] = [{} for _ in range(count)]
    for word, pages in index.items():
        shards[shard_of(word, count)][word] = _deltas(pages)
    folder = root / FOLDER
    shutil.rmtree(folder, ignore_errors=True)  # a smaller corpus leaves no stale shard behind
    folder.mkdir(parents=True)
    total = 0
    for number, shard in enumerate(shards):
        raw = json.dumps(shard, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()
        (folder / f"{number}.json").write_bytes(raw)
        total += len(raw)
    return count, total


def _deltas(pages: list[int]) -> list[int]:
    return [page - before for page, before in zip(pages, [0, *pages], strict=False)]
