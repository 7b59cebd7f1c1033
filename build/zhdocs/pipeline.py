"""The pipeline, in order. Read this file as the table of contents.

Per-document stages are `(doc, config) -> doc`; corpus stages are
`(docs, config) -> docs` (dedup, keywords and link also reuse what they worked
out in the last build: `execute.RememberingStage`). Nothing here knows about MkDocs.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from .cache import fingerprint
from .clean import clean
from .clean.recurring import drop_recurring
from .config import Config
from .dedup import deduplicate, sketch
from .execute import CorpusStage, Executor, wall_shares
from .link import link
from .metadata import describe, extract_metadata, keywords
from .model import Document
from .read import discover, read
from .render import (
    Build,
    IndexBuild,
    IndexInput,
    Source,
    Texts,
    build_page,
    index_readings,
    index_texts,
    render,
)
from .render.collation import Readings
from .render.pieces import line_pieces
from .report import corpus_json
from .scripts import TO_TRADITIONAL, to_traditional
from .write import (
    KEPT,
    Manifest,
    WriteStats,
    content_digest,
    files_holding,
    load_manifest,
    site_prefixes,
    write_site,
)

DocStage = Callable[[Document, Config], Document]

STEPS: list[tuple[str, DocStage | None, CorpusStage | None]] = [
    ("read", read, None),
    ("clean", clean, None),
    ("metadata", extract_metadata, None),
    ("sketch", sketch, None),  # dedup's per-document half: in the workers, cached
    ("dedup", None, deduplicate),
    # After dedup: reposts share every line, so only distinct documents may teach chrome.
    ("recurring lines", None, drop_recurring),
    ("describe", describe, None),  # region, terms, summary from the text without chrome
    ("keywords", None, keywords),
    ("link", None, link),
]


@dataclass
class Result:
    docs: list[Document]
    pages: dict[str, dict[str, str | None]]  # a page's text, or KEPT: its file holds it already
    written: WriteStats
    timings: dict[str, float] = field(default_factory=dict)  # wall seconds per stage
    computed: dict[str, int] = field(default_factory=dict)  # per pass: documents not from the cache


def process(config: Config, executor: Executor | None = None) -> list[Document]:
    """Seeds → documents with clean text, metadata and links (no files written).

    Consecutive per-document stages run as one pass per document (in workers
    when the corpus is large); corpus stages see every document at once.
    """
    if executor is None:
        with Executor(config) as own:
            return process(config, own)
    docs = discover(config.seeds_dir)
    for stages, corpus in passes():
        docs = executor.run_corpus(*corpus, docs) if corpus else executor.run_stages(stages, docs)
    return docs


def run(config: Config) -> Result:
    with Executor(config) as executor:
        docs = process(config, executor)
        with executor.timed("render"):  # both scripts; "render zh-Hant" is the conversion part
            known = load_manifest(config)  # what docs/ holds: pages found there are KEPT, not built
            pages = render(docs, config, _cached_pages(executor, known), _cached_index(executor, known),
                           _remembered_readings(executor, docs))
        with executor.timed("write"):
            written = write_site(pages, corpus_json(docs), config, known)
        executor.cache.prune()
    return Result(docs, pages, written, dict(executor.timings), dict(executor.computed))


LOCALES = ("zh", "zh-Hant")  # the order of a page's texts
CONVERTED = "zh-Hant"  # the cache's namespace for index pieces in Traditional
READINGS = "index readings"  # the cache's namespace for the pinyin of keywords, sources, places
INDEX_MEMO = "index pages"  # the cache's namespace for the last build's index pages
IndexMemo = tuple[tuple[str, ...], list[str]]  # an index page's content digests, its Traditional pieces' keys
Pass = tuple[list[tuple[str, DocStage]], tuple[str, CorpusStage] | None]


def passes() -> list[Pass]:
    """STEPS grouped: runs of per-document stages, and corpus stages on their own."""
    grouped: list[Pass] = []
    for name, per_doc, corpus in STEPS:
        if per_doc and grouped and not grouped[-1][1]:
            grouped[-1][0].append((name, per_doc))
        elif per_doc:
            grouped.append(([(name, per_doc)], None))
        elif corpus:
            grouped.append(([], (name, corpus)))
    return grouped


def _remembered_readings(executor: Executor, docs: list[Document]) -> Readings:
    """The keywords' pinyin, from the last build's where it has them (pypinyin
    costs ~0.25 s to import): one entry, {keyword: reading}, of the last build."""
    last = executor.cache.last(READINGS, "by word")
    readings = index_readings(docs, last if isinstance(last, dict) else None)
    executor.cache.leave(READINGS, "by word", readings, last)
    return readings


def _cached_pages(executor: Executor, known: Manifest) -> Build:
    """Pages built in the workers, in both scripts. The cache keeps each page's
    content digests by its source (all it shows); a page whose source is
    unchanged and whose files still hold those digests is neither rendered nor
    converted again, nor even held in memory: it is KEPT."""
    def build(sources: dict[str, Source]) -> dict[str, Texts]:
        keys = {path: executor.cache.key("page", fn.__qualname__, fingerprint(args))
                for path, (fn, args) in sources.items()}
        digests = executor.cache.get_many("pages", list(keys.values()))
        kept = _still_written(executor.config, known,
                              {path: digests[key] for path, key in keys.items() if key in digests})
        todo = [path for path in sources if path not in kept]
        executor.computed["pages"] += len(todo)
        start = time.perf_counter()  # the building's wall time is split between the scripts, not the keys'
        built = dict(zip(todo, executor.map(build_page, [sources[p] for p in todo], "pages"), strict=True))
        executor.cache.put_many("pages", {keys[path]: _digests(texts) for path, (texts, _) in built.items()})
        shares = wall_shares([times for _, times in built.values()], time.perf_counter() - start, 2)
        executor.timings["render zh-Hant"] += shares[1]
        return {path: built[path][0] if path in built else (KEPT, KEPT) for path in sources}
    return build


def _cached_index(executor: Executor, known: Manifest) -> IndexBuild:
    """The index pages, rendered again only when a listing changed: one key for
    all of them (hashing the listings once per page would cost more than a
    finer key saves). The cache keeps, by that key and as the last build's
    memo, each page's content digests and the keys of its Traditional pieces.
    When a listing changed, an index page whose Simplified text is as in the
    last build, and whose files still hold it, is KEPT, its pieces with it; the
    others are converted piece by piece, each piece once (a page that changed
    in a few entries converts the pieces around them)."""
    def build(source: IndexInput) -> dict[str, Texts]:
        key = executor.cache.key("index pages", fingerprint(source))
        found = executor.cache.get_many("pages", [key]).get(key)
        last = executor.cache.last(INDEX_MEMO, "by path")
        last = last if isinstance(last, dict) else {}
        if isinstance(found, dict) and _kept_index_pages(executor, known, found) == set(found):
            executor.cache.leave(INDEX_MEMO, "by path", found, last)
            return {path: (KEPT, KEPT) for path in found}
        simplified = index_texts(source)
        kept = _kept_index_pages(executor, known, {
            path: last[path] for path, text in simplified.items()
            if path in last and last[path][0][0] == content_digest(text)})
        todo = [path for path in simplified if path not in kept]
        converted, piece_keys = _converted(executor, [simplified[path] for path in todo])
        texts = {path: (KEPT, KEPT) for path in kept} | {
            path: (simplified[path], traditional) for path, traditional in zip(todo, converted, strict=True)}
        memo = {path: last[path] for path in kept} | {
            path: (_digests(texts[path]), keys) for path, keys in zip(todo, piece_keys, strict=True)}
        executor.cache.put_many("pages", {key: memo})
        executor.cache.leave(INDEX_MEMO, "by path", memo, last)
        return {path: texts[path] for path in simplified}
    return build


def _kept_index_pages(executor: Executor, known: Manifest, memo: dict[str, IndexMemo]) -> set[str]:
    """The index pages of `memo` whose files still hold its digests; their
    Traditional pieces are kept in the cache for the build that changes them."""
    kept = _still_written(executor.config, known, {path: digests for path, (digests, _) in memo.items()})
    for path in kept:
        executor.cache.keep(CONVERTED, memo[path][1])
    return kept


def _still_written(config: Config, known: Manifest, digests: dict[str, tuple[str, ...]]) -> set[str]:
    """The pages (by path) whose files in both scripts still hold `digests`
    (each page's, in the order of its texts: LOCALES)."""
    prefixes = site_prefixes(config)

    def both_paths(path: str) -> list[str]:
        return [prefixes[locale] + path for locale in LOCALES]
    expected = {rel: digest for path, page_digests in digests.items()
                for rel, digest in zip(both_paths(path), page_digests, strict=True)}
    on_disk = files_holding(config, known, expected)
    return {path for path in digests if set(both_paths(path)) <= on_disk}


def _digests(texts: tuple[str, ...]) -> tuple[str, ...]:
    """What the cache keeps of a page: its texts' content digests."""
    return tuple(content_digest(text) for text in texts)


def _converted(executor: Executor, texts: list[str]) -> tuple[list[str], list[list[str]]]:
    """Index pages to Traditional in pieces of lines, each piece from the cache
    when it was converted before; also each page's pieces' keys."""
    with executor.timed("render zh-Hant"):
        split = [line_pieces(text) for text in texts]
        keys = [[executor.cache.key(TO_TRADITIONAL, piece) for piece in page] for page in split]
        pieces = [piece for page in split for piece in page]
        flat_keys = [k for page in keys for k in page]
        converted = iter(executor.cached_map(CONVERTED, to_traditional, pieces, flat_keys)[0])
        return ["".join(next(converted) for _ in page) for page in split], keys
