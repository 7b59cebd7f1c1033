"""How the pipeline's work runs: per-document stages across processes, in order.

Per-document stages are pure functions of (document, config), so they can run
in worker processes and their results can come from the cache (`cache.py`).
Results always come back in input order, so the output does not depend on the
number of workers. Small batches run in this process: starting workers costs
more than they save. Wall time is recorded per stage.

Python's cyclic garbage collector is off while an Executor is open: a build
holds millions of long-lived objects (10k documents' blocks, notes and terms)
and makes next to no reference cycles (~34 objects per document), yet each
full collection walked them all: 12 per rebuild at 10k, a quarter of the main
process's time, and more in the workers (which inherit the setting by fork).
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor as _PoolBase
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import partial
from typing import Generic, TypeVar

from tqdm import tqdm

from .cache import SEEDS_NAMESPACE, Cache, fingerprint, seed_digests
from .config import Config
from .model import Document

T = TypeVar("T")
In = TypeVar("In")
R = TypeVar("R")
M = TypeVar("M")
DocStage = Callable[[Document, Config], Document]
CorpusStage = Callable[[list[Document], Config], list[Document]]
CHUNKS_PER_WORKER = 8  # enough chunks to balance uneven documents, few enough to keep overhead low
PROGRESS_MIN_ITEMS = 50  # shorter passes are over before a bar would tell anything


class Executor:
    """Maps work over documents, in this process or a pool; keeps per-stage times."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.workers = config.workers or min(os.cpu_count() or 1, 8)
        self.timings: dict[str, float] = defaultdict(float)
        self.cache = Cache(config)
        self.computed: Counter[str] = Counter()  # per pass: items not taken from the cache
        self._pool: _PoolBase | None = None
        self._seed_digests: dict[str, str | None] = {}
        self._collecting = False

    def __enter__(self) -> Executor:
        self._collecting = gc.isenabled()
        gc.disable()
        return self

    def __exit__(self, *exc: object) -> None:
        self.cache.close()
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None
        if self._collecting:
            _age_what_was_made()
            gc.enable()

    def map(self, fn: Callable[[T], R], items: Sequence[T], desc: str) -> list[R]:
        """fn over items, results in input order, with a progress bar when asked for."""
        return list(self.imap(fn, items, desc))

    def imap(self, fn: Callable[[T], R], items: Sequence[T], desc: str, meanwhile: int = 0) -> Iterator[R]:
        """`map`, each result as soon as it and those before it are done. Even
        a few items go to the workers when they are already running: they hold
        the dictionaries of earlier passes, which this process may not (a
        rebuild's one changed page cost it ~0.2 s for OpenCC's converter, which
        a worker loaded to clean the changed seed). Or when workers start fast
        (forked) and this process has `meanwhile` items of other work to do
        before it asks for the results (a forkserver's workers take ~1 s to
        start, longer than a few items take here)."""
        enough = self.config.parallel_min_docs
        overlap = self._pool is not None or (meanwhile >= enough and _can_fork())
        if self.workers < 2 or not items or not (len(items) >= enough or overlap):
            return self._progress(map(fn, items), len(items), desc)
        chunk = max(1, len(items) // (self.workers * CHUNKS_PER_WORKER))
        results = self._ensure_pool().map(fn, items, chunksize=chunk)  # submitted now
        return self._progress(results, len(items), desc)

    def cached_map(self, namespace: str, fn: Callable[[T], R], items: Sequence[T],
                   keys: Sequence[str | None]) -> tuple[list[R], list[R]]:
        """`map` that takes what it can from the cache; also returns what it computed.

        What the cache lacks goes to the workers first, and is computed while
        this process loads the rest: a rebuild's few changed documents (and the
        dictionaries they need, ~1 s) cost next to nothing beside loading
        10,000 others. A computed result is pickled where it is computed (for
        the trip back it is pickled anyway) and stored as it arrives: this
        process neither pickles it a second time nor holds it all to store."""
        present = self.cache.present(namespace, [k for k in keys if k])
        todo = [i for i, key in enumerate(keys) if key not in present]
        self.computed[namespace] += len(todo)
        computing = self.imap(partial(pickled, fn), [items[i] for i in todo], namespace,
                              meanwhile=len(present))
        found = self.cache.get_many(namespace, list(present))
        results = [found.get(k) if k else None for k in keys]
        arriving = zip(todo, computing, strict=True)

        def rows() -> Iterator[tuple[str, bytes]]:
            for i, data in arriving:
                results[i] = pickle.loads(data)
                if keys[i]:
                    yield keys[i], data
        self.cache.put_pickled(namespace, rows())
        unreadable = [i for i, result in enumerate(results) if result is None]  # present, yet not loaded
        for i in unreadable:
            results[i] = fn(items[i])
        self.cache.put_many(namespace, {keys[i]: results[i] for i in unreadable if keys[i]})
        self.computed[namespace] += len(unreadable)
        return results, [results[i] for i in todo + unreadable]  # type: ignore[return-value]  # each one R

    def run_stages(self, stages: list[tuple[str, DocStage]], docs: list[Document]) -> list[Document]:
        """A run of consecutive per-document stages, done in one pass per document."""
        if len(stages) == 1 and isinstance(stages[0][1], NarrowStage):
            return self._run_narrow(stages[0][0], stages[0][1], docs)
        start = time.perf_counter()
        names = "+".join(name for name, _ in stages)
        self._digest_seeds(docs)
        keys = [self._key(names, doc) for doc in docs]
        results, computed = self.cached_map(names, partial(apply_stages, stages, self.config), docs, keys)
        self._split_wall_time(stages, [times for _, times in computed], time.perf_counter() - start)
        return [doc for doc, _ in results]

    def run_corpus(self, name: str, stage: CorpusStage, docs: list[Document]) -> list[Document]:
        """A corpus stage; one that remembers gets its memo of the last build and leaves the next."""
        with self.timed(name):
            if not isinstance(stage, RememberingStage):
                return stage(docs, self.config)
            docs, memo = stage.run(docs, self.config, self.cache.last(name, "memo"))
            self.cache.leave(name, "memo", memo)
            return docs

    def _run_narrow(self, name: str, stage: NarrowStage, docs: list[Document]) -> list[Document]:
        with self.timed(name):
            reads = {i: read for i, doc in enumerate(docs) if (read := stage.reads(doc)) is not None}
            inputs = list(reads.values())
            keys = [self.cache.key(name, fingerprint(read)) for read in inputs]
            found, _ = self.cached_map(name, partial(stage.compute, config=self.config), inputs, keys)
            for i, result in zip(reads, found, strict=True):
                stage.writes(docs[i], result)
        return docs

    def _digest_seeds(self, docs: list[Document]) -> None:
        todo = [doc.seed_path for doc in docs if doc.seed_path not in self._seed_digests]
        if todo:
            digests, read = seed_digests(self.cache, self.config, todo,
                                         lambda fn, paths: self.map(fn, paths, SEEDS_NAMESPACE))
            self._seed_digests.update(digests)
            self.computed[SEEDS_NAMESPACE] += read

    def _key(self, names: str, doc: Document) -> str | None:
        """The pass, the document as it comes in, and the bytes of the seed it comes from."""
        digest = self._seed_digests[doc.seed_path]
        return self.cache.key(names, digest, repr(doc)) if digest else None

    def timed(self, name: str) -> _Timer:
        return _Timer(self.timings, name)

    def _split_wall_time(self, stages: list[tuple[str, DocStage]], times: Sequence[Sequence[float]],
                         wall: float) -> None:
        for (name, _), share in zip(stages, wall_shares(times, wall, len(stages)), strict=True):
            self.timings[name] += share

    def _ensure_pool(self) -> _PoolBase:
        if self._pool is None:
            # fork shares the loaded dictionaries with the workers
            method = "fork" if _can_fork() else "forkserver"
            context = multiprocessing.get_context(method)
            self._pool = ProcessPoolExecutor(self.workers, mp_context=context)
        return self._pool

    def _progress(self, results: Iterable[R], total: int, desc: str) -> Iterator[R]:
        if not self.config.progress or total < PROGRESS_MIN_ITEMS:
            return iter(results)
        return iter(tqdm(results, total=total, desc=desc, leave=False))


class _Frozen:
    """Whether `freeze_what_lasts` froze objects: asking the collector
    (`gc.get_freeze_count`) walks them all, ~0.2 s of a `mkdocs serve` rebuild at 10k."""

    what_lasts = False


def freeze_what_lasts() -> None:
    """Between builds of `mkdocs serve`: collect all garbage, then freeze what is
    left, so that the collector's full scans during the next build skip it.
    What is left lasts from build to build (every page's search entries and
    words, the i18n files, dictionaries): at 10,000 documents ~1.1 million
    objects, which each full scan walked, 0.75–0.95 s once or twice a rebuild;
    after, 0.02–0.1 s. Some of it dies in the next build (the last build's
    config and plugins, kept until then) in cycles, which only a collection
    frees, and never a frozen object: so what was frozen is thawed and
    collected with the rest each time (frozen for good, it added ~160,000
    objects a rebuild at 10,000 documents)."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()
    _Frozen.what_lasts = True


def _age_what_was_made() -> None:
    """Move what the build made (all of it in the collector's youngest generation,
    as it was off) to the oldest, so that the first collection after does not
    walk it all (0.1 s at 10k documents). `freeze` moves every generation;
    `unfreeze` puts them in the oldest. Under `mkdocs serve`, which froze what
    lasts (`freeze_what_lasts`), this stays frozen too until the next thaw."""
    gc.freeze()
    if not _Frozen.what_lasts:
        gc.unfreeze()


def _can_fork() -> bool:
    """fork is unsafe where other threads may hold locks (mkdocs serve)."""
    return threading.active_count() == 1


def wall_shares(times: Sequence[Sequence[float]], wall: float, parts: int) -> list[float]:
    """Workers overlap, so each part of the work gets its share of the wall time by its CPU time."""
    totals = [sum(column) for column in zip(*times, strict=True)] or [1.0] * parts
    whole = sum(totals) or 1.0
    return [wall * spent / whole for spent in totals]


def pickled(fn: Callable[[T], object], item: T) -> bytes:
    """fn(item), pickled as the cache keeps it."""
    return pickle.dumps(fn(item), pickle.HIGHEST_PROTOCOL)


def apply_stages(stages: list[tuple[str, DocStage]], config: Config,
                 doc: Document) -> tuple[Document, list[float]]:
    """One document through consecutive stages (runs in a worker), with each stage's time."""
    times = []
    for _, stage in stages:
        start = time.perf_counter()
        doc = stage(doc, config)
        times.append(time.perf_counter() - start)
    return doc, times


@dataclass(frozen=True)
class NarrowStage(Generic[In, R]):
    """A per-document stage that reads a few fields and writes a few. `compute`
    sees only what `reads` takes from the document (None: nothing to do), so
    that alone is its cache key, and only its result is cached, to be written
    back by `writes`: a rebuild neither hashes nor loads whole documents for
    it. Called like any stage, it is `writes(doc, compute(reads(doc)))`."""

    reads: Callable[[Document], In | None]
    compute: Callable[[In, Config], R]  # runs in the workers
    writes: Callable[[Document, R], None]

    def __call__(self, doc: Document, config: Config) -> Document:
        read = self.reads(doc)
        if read is not None:
            self.writes(doc, self.compute(read, config))
        return doc


@dataclass(frozen=True)
class RememberingStage(Generic[M]):
    """A corpus stage that reuses what it worked out in the previous build:
    `run(docs, config, memo)` returns the documents and the memo for the next
    build. A memo holds results with what each was worked out from, so it
    only saves work: with any memo, or None, the documents come out the same.
    It is cached under the salt of the code and config that made it."""

    run: Callable[[list[Document], Config, M | None], tuple[list[Document], M]]

    def __call__(self, docs: list[Document], config: Config) -> list[Document]:
        return self.run(docs, config, None)[0]


class _Timer:
    def __init__(self, timings: dict[str, float], name: str) -> None:
        self.timings, self.name = timings, name

    def __enter__(self) -> None:
        self.start = time.perf_counter()

    def __exit__(self, *exc: object) -> None:
        self.timings[self.name] += time.perf_counter() - self.start
