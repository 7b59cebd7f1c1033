"""The measurements of `bench.py`, each run in a fresh process (`bench.py --child KIND …`).

Each prints one JSON object; the parent adds the CPU time and peak memory of
the process tree.
"""

from __future__ import annotations

import contextlib
import logging
import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path

DAMAGED = ("_pinyin_", "_hant_", "_tw_", "_twice_")  # synth.py's labels for damaged seeds


def child_pipeline(corpus: Path, out: Path, workers: int) -> dict[str, object]:
    """A cold build (the cache it fills, under OUT/.cache, is what `incremental` uses)."""
    import resource

    from zhdocs.config import Config
    from zhdocs.pipeline import run

    pairs = _DedupPairs()
    logging.getLogger("zhdocs.dedup").addHandler(pairs)
    logging.getLogger("zhdocs.dedup").setLevel(logging.INFO)
    start = time.perf_counter()
    result = run(Config(seeds_dir=corpus, docs_dir=out, workers=workers, cache_dir=out / ".cache"))
    timings = dict(result.timings)
    timings["render zh"] = timings.pop("render") - timings["render zh-Hant"]
    return {"seconds": time.perf_counter() - start, "timings": timings, "docs": len(result.docs),
            "published": sum(d.published for d in result.docs), "dedup_pairs": pairs.counts,
            "main_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


class _DedupPairs(logging.Handler):
    """dedup's own count of the LSH candidate pairs it checked and verified:
    how its work grows, without the noise of a clock."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.counts: dict[str, int] = {}

    def emit(self, record: logging.LogRecord) -> None:
        found = re.search(r"(\d+) LSH candidate pairs, (\d+) verified", record.getMessage())
        if found:
            self.counts = {"candidates": int(found[1]), "verified": int(found[2])}


ADDED = "新增一段：本市将进一步完善质量工作考核办法。"  # the paragraph `one_seed_changed` adds


def changed_seed(corpus: Path) -> Path:
    """The seed `one_seed_changed` edits: the middle UTF-8 one."""
    seeds = sorted(corpus.glob("*_utf8.txt"))
    return seeds[len(seeds) // 2]


@contextlib.contextmanager
def one_seed_changed(corpus: Path) -> Iterator[Callable[[bool], None]]:
    """A paragraph added to the middle UTF-8 seed, taken out again afterwards;
    what it gives changes the seed again: the paragraph added (True) or not."""
    seed = changed_seed(corpus)
    original = seed.read_bytes()

    def change(added: bool) -> None:
        seed.write_bytes(original + f"\n{ADDED}\n".encode() if added else original)
    try:
        change(True)
        yield change
    finally:
        seed.write_bytes(original)


def child_incremental(corpus: Path, out: Path, workers: int) -> dict[str, object]:
    """One seed edited after a cold build: the rebuild's time and what it recomputed."""
    from zhdocs.config import Config
    from zhdocs.pipeline import run

    with one_seed_changed(corpus):
        start = time.perf_counter()
        result = run(Config(seeds_dir=corpus, docs_dir=out, workers=workers, cache_dir=out / ".cache"))
        seconds = time.perf_counter() - start
    return {"seconds": seconds, "computed": result.computed, "written": result.written.written,
            "timings": result.timings}


def child_floor(corpus: Path) -> dict[str, object]:
    """One single-core jieba.lcut pass over the decoded seeds (dictionary loaded first)."""
    import jieba

    texts = _decoded(corpus)
    jieba.initialize()
    start = time.perf_counter()
    for text in texts:
        jieba.lcut(text)
    return {"seconds": time.perf_counter() - start, "mb": sum(len(t.encode()) for t in texts) / 1e6}


def child_clean_split(corpus: Path) -> dict[str, object]:
    """The clean stage alone, in one process, on damaged and on undamaged seeds."""
    from zhdocs.clean import clean
    from zhdocs.config import Config
    from zhdocs.model import Document
    from zhdocs.read import discover, read

    config = Config(seeds_dir=corpus, docs_dir=corpus / "unused")
    docs = [read(d, config) for d in discover(corpus)]
    clean(Document("warm", "warm", raw="预热。"), config)
    out: dict[str, object] = {}
    for label in ("damaged", "undamaged"):
        group = [d for d in docs if any(m in d.seed_path for m in DAMAGED) == (label == "damaged")]
        mb = sum(len(d.raw.encode()) for d in group) / 1e6  # before clean, which lets the raw text go
        start = time.perf_counter()
        for doc in group:
            clean(doc, config)
        out[label] = {"seconds": time.perf_counter() - start, "docs": len(group), "mb": mb}
    return out


def child_opencc(corpus: Path, out: Path) -> dict[str, object]:
    """A one-process build with every OpenCC conversion timed."""
    from zhdocs import scripts
    from zhdocs.config import Config
    from zhdocs.pipeline import run

    spent = {"seconds": 0.0, "chars": 0}
    converter = type(scripts.converter("s2t"))
    original = converter.convert

    def timed(self: object, text: str) -> str:
        start = time.perf_counter()
        try:
            return original(self, text)
        finally:
            spent["seconds"] += time.perf_counter() - start
            spent["chars"] += len(text)

    converter.convert = timed
    start = time.perf_counter()
    run(Config(seeds_dir=corpus, docs_dir=out, workers=1))
    return {**spent, "build_seconds": time.perf_counter() - start, "module": converter.__module__}


def _decoded(corpus: Path) -> list[str]:
    from zhdocs.config import Config
    from zhdocs.read import discover, read

    config = Config(seeds_dir=corpus, docs_dir=corpus / "unused")
    return [read(d, config).raw for d in discover(corpus)]


CHILDREN = {"pipeline": child_pipeline, "incremental": child_incremental, "floor": child_floor,
            "clean-split": child_clean_split, "opencc": child_opencc}
