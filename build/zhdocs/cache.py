"""Incremental builds: results of per-document work, kept under `.cache/` by content hash.

Per-document passes are pure functions of (document, config), and a page of
what it shows, so a result can be reused whenever its input is the same. The
values live in one SQLite file, read a namespace at a time. The key hashes the code of zhdocs
(every file of the package), the versions of the libraries that shape the
output, the config, the pass, the input document and the seed file's bytes:
editing the code, upgrading jieba or changing a setting invalidates
everything, changing one seed only what that seed feeds. Entries not used by a
build are removed after it, so the cache holds one build's worth.

`Memo` keeps, the same way, what MkDocs and Material work out per page
(`rendered.py`, `search/indexed.py`), a SQLite file each.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import operator
import os
import pickle
import sqlite3
import stat
import sys
import time
import unicodedata
import zlib
from collections import defaultdict, deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import fields, is_dataclass
from functools import cache, partial
from importlib import metadata
from pathlib import Path

from .config import Config

LIBRARIES = ("jieba", "opencc", "opencc-python-reimplemented", "ahocorasick-rs", "pypinyin",
             "charset-normalizer", "cpca", "numpy", "scipy", "pyyaml")
DATABASE = "cache.sqlite"
TABLE = "entry (namespace TEXT, key TEXT, value BLOB, PRIMARY KEY (namespace, key))"
SEEDS_NAMESPACE = "seed digests"
RACY_SECONDS = 2  # a file changed this recently may change again within its timestamp's tick
QUERY_KEYS = 500  # keys per query: below SQLite's limit on parameters
VALUES_PER_COMMIT = 200  # Memo: ~30 ms of storing
Mapper = Callable[[Callable[[str], str | None], list[str]], list[str | None]]  # map(fn, items), in order
_UNKEYED = ("seeds_dir", "docs_dir", "progress", "workers", "parallel_min_docs", "cache_dir")


class Cache:
    """Pickled values by namespace and key, in one SQLite file under `folder`: a
    build reads each namespace in a few queries instead of a file per entry."""

    def __init__(self, config: Config) -> None:
        self.folder = config.cache_dir
        # Python and Unicode versions: regexes and str methods change with them.
        salt = f"{code_version()}|{sys.version}|{unicodedata.unidata_version}|{_config_key(config)}"
        self._salted = hashlib.sha256(salt.encode())  # copied for each key: hashed once
        self._used: dict[str, set[str]] = defaultdict(set)  # what this build read or wrote
        self._db: sqlite3.Connection | None = None
        self._opened = False

    def key(self, *parts: str | bytes) -> str:
        digest = self._salted.copy()
        for part in parts:
            data = part if isinstance(part, bytes) else part.encode("utf-8", "surrogatepass")
            digest.update(b"\0" + data)
        return digest.hexdigest()

    def get_many(self, namespace: str, keys: Sequence[str]) -> dict[str, object]:
        """The values found for `keys`; a missing or unreadable one is simply absent."""
        found: dict[str, object] = {}
        for key, value in self._select("key, value", namespace, keys):
            with contextlib.suppress(pickle.UnpicklingError, EOFError, AttributeError, ImportError,
                                     TypeError, ValueError):
                found[key] = pickle.loads(value)  # written by another version: compute it again
        self._used[namespace].update(found)
        return found

    def present(self, namespace: str, keys: Sequence[str]) -> set[str]:
        """Which of `keys` have a value (not loaded: it may still prove unreadable)."""
        return {key for key, in self._select("key", namespace, keys)}

    def _select(self, columns: str, namespace: str, keys: Sequence[str]) -> Iterator[tuple[str, ...]]:
        """The rows of `keys` (those there are), a few queries for all of them."""
        if self._connect() is None:
            return
        wanted = list(dict.fromkeys(keys))
        for start in range(0, len(wanted), QUERY_KEYS):
            chunk = wanted[start:start + QUERY_KEYS]
            marks = ",".join("?" * len(chunk))
            query = f"SELECT {columns} FROM entry WHERE namespace = ? AND key IN ({marks})"
            yield from self._rows(query, (namespace, *chunk))

    def put_many(self, namespace: str, values: dict[str, object]) -> None:
        # pickled one at a time as SQLite takes them: 10k documents at once would be ~200 MB
        self.put_pickled(namespace, ((key, pickle.dumps(v, pickle.HIGHEST_PROTOCOL))
                                     for key, v in values.items()))

    def put_pickled(self, namespace: str, rows: Iterator[tuple[str, bytes]]) -> None:
        """Store (key, pickled value) rows as they come; `rows` is used up even
        when the cache cannot be written (it may be doing the build's work)."""
        stored = self._used[namespace]

        def entries() -> Iterator[tuple[str, str, bytes]]:
            for key, data in rows:
                stored.add(key)
                yield namespace, key, data
        db = self._connect()
        with contextlib.suppress(sqlite3.Error):  # a cache that cannot be written only slows the next build
            if db is not None:
                with db:
                    db.executemany("INSERT OR REPLACE INTO entry VALUES (?, ?, ?)", entries())
        deque(entries(), maxlen=0)  # what was not stored: still every row taken

    def last(self, namespace: str, name: str) -> object | None:
        """The one entry `name` that the last build left in `namespace` (a memo), if any."""
        key = self.key(namespace, name)
        return self.get_many(namespace, [key]).get(key)

    def leave(self, namespace: str, name: str, value: object, last: object | None = None) -> None:
        """Leave `value` as that entry for the next build; written only when it differs
        from `last`, the entry found (which the cache keeps anyway)."""
        if value != last:
            self.put_many(namespace, {self.key(namespace, name): value})

    def keep(self, namespace: str, keys: Sequence[str]) -> None:
        """Keep entries this build did not need to read (see `prune`)."""
        self._used[namespace].update(keys)

    def prune(self) -> None:
        """Forget what this build did not use (old versions of changed seeds, old code)."""
        db = self._connect()
        if db is None:
            return
        stale = [(ns, key) for ns, key in self._rows("SELECT namespace, key FROM entry", ())
                 if key not in self._used.get(ns, ())]
        with contextlib.suppress(sqlite3.Error):
            with db:
                db.executemany("DELETE FROM entry WHERE namespace = ? AND key = ?", stale)
            pages = db.execute("PRAGMA page_count").fetchone()[0]
            free = db.execute("PRAGMA freelist_count").fetchone()[0]
            if 3 * free > pages:  # after a code change (old and new build), give the old one's space back
                db.execute("VACUUM")

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
        self._db = None

    def _rows(self, query: str, parameters: tuple[str, ...]) -> list[tuple[str, ...]]:
        assert self._db is not None
        try:
            return self._db.execute(query, parameters).fetchall()
        except sqlite3.Error:
            return []

    def _connect(self) -> sqlite3.Connection | None:
        """The database, opened on first use; None when there is no usable cache."""
        if not self._opened and self.folder is not None:
            self._opened = True
            self._db = open_database(self.folder / DATABASE, TABLE)
        return self._db


def open_database(path: Path, table: str) -> sqlite3.Connection | None:
    """Open or create a cache's database, with `table` (name and columns); one that
    cannot be read is started afresh. None when there can be no cache this time."""
    for _ in range(2):
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(path, timeout=60)
            # A rollback journal writes a build's new entries once (WAL: to the log, then again
            # into the file, ~2x slower for 10k pages); a second build meanwhile waits (timeout).
            db.execute("PRAGMA journal_mode=DELETE")
            db.execute("PRAGMA synchronous=NORMAL")  # no fsync per step: a cache, not a ledger
            db.execute(f"CREATE TABLE IF NOT EXISTS {table}")
            return db
        except (OSError, sqlite3.OperationalError):
            return None  # cannot be created, or locked by another build: no cache this time
        except sqlite3.DatabaseError:
            with contextlib.suppress(OSError):
                path.unlink()  # not a database (or a broken one): a cache can always start empty
    return None


def fingerprint(value: object) -> bytes:
    """`value` pickled without the memo: equal values give equal bytes, however
    their parts happen to be shared (a document from the cache shares strings
    that a freshly computed one holds twice). For keys, never to be loaded."""
    buffer = io.BytesIO()
    pickler = _KeyPickler(buffer, pickle.HIGHEST_PROTOCOL)
    pickler.fast = True
    pickler.dump(value)
    return buffer.getvalue()


class _KeyPickler(pickle.Pickler):
    """Pickles a slotted dataclass as its class and field values, read in C:
    dataclasses' own `__getstate__` is a Python loop per object. A field that
    lists slotted dataclasses of one class (a document's blocks and notes) goes
    as that class and one column per field, so this runs once per list, not per
    item: 10k page keys 0.42 → 0.34 s (measured interleaved, collector off)."""

    def reducer_override(self, obj: object) -> object:
        read = _slot_reader(type(obj))
        if read is None:
            return NotImplemented
        return type(obj), tuple(_columns(value) if type(value) is list else value for value in read(obj))


def _columns(items: list[object]) -> object:
    """A list of one slotted dataclass as (class, its fields' columns); any other list as it is."""
    kind = type(items[0]) if items else None
    read = _slot_reader(kind) if kind else None
    if read is None or any(type(item) is not kind for item in items):
        return items
    return kind, *zip(*map(read, items), strict=True)


@cache
def _slot_reader(kind: type) -> Callable[[object], tuple[object, ...]] | None:
    slots = getattr(kind, "__slots__", ()) if is_dataclass(kind) else ()
    if not slots:
        return None
    return operator.attrgetter(*slots) if len(slots) > 1 else lambda obj: (getattr(obj, slots[0]),)


def seed_digests(store: Cache, config: Config, seed_paths: Sequence[str],
                 map_: Mapper) -> tuple[dict[str, str | None], int]:
    """Each seed's content hash (None: not a plain file we may cache), and how many
    files were read to get them (through `map_`: in the workers, on a cold build).
    A hash is remembered by the file's stat, as git's index and make do: an
    unchanged file is not read again (10k seeds: 39 MB). The stat holds the ctime,
    which no tool can set back, so a rewrite that keeps the size and restores the
    mtime is still seen; a file changed within RACY_SECONDS could change again
    within its timestamp's tick, so its hash is not remembered. The hashes are one
    entry, {path: (stat, hash)} of the seeds of the last call (one per build): a
    row per seed cost 10k keys and lookups, ~0.2 s."""
    known = store.last(SEEDS_NAMESPACE, "by path")
    known = known if isinstance(known, dict) else {}
    root = os.path.join(config.seeds_dir, "")  # a string: pathlib per seed cost ~0.05 s at 10k
    stats = {path: found for path in seed_paths if (found := _stat(root + path, config.max_bytes))}
    digests: dict[str, str | None] = dict.fromkeys(seed_paths)
    todo = []
    for path, (stat_key, _) in stats.items():
        remembered = known.get(path)
        if remembered is not None and remembered[0] == stat_key:
            digests[path] = remembered[1]
        else:
            todo.append(path)
    digests |= dict(zip(todo, map_(partial(_hash, config.seeds_dir), todo), strict=True))
    memo = {path: (stat_key, digests[path]) for path, (stat_key, settled) in stats.items()
            if digests[path] and settled}
    store.leave(SEEDS_NAMESPACE, "by path", memo, known)
    return digests, len(todo)


def _stat(path: str, max_bytes: int) -> tuple[str, bool] | None:
    """The seed's stat as a key, and whether it is old enough to remember; None when
    the seed is not a plain file we may cache (a symlink, or too large)."""
    try:
        st = os.lstat(path)
    except OSError:
        return None
    if not stat.S_ISREG(st.st_mode) or st.st_size > max_bytes:
        return None
    settled = time.time_ns() - max(st.st_mtime_ns, st.st_ctime_ns) > RACY_SECONDS * 1e9
    return f"{st.st_size}|{st.st_dev}|{st.st_ino}|{st.st_mtime_ns}|{st.st_ctime_ns}", settled


def _hash(seeds_dir: Path, seed_path: str) -> str | None:
    try:
        return hashlib.sha256((seeds_dir / seed_path).read_bytes()).hexdigest()
    except OSError:
        return None


@cache
def code_version() -> str:
    """A hash of zhdocs's own files and the versions of the libraries it relies on."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for path in sorted(p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    for name in LIBRARIES:
        try:
            digest.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=absent".encode())
    return digest.hexdigest()


def _config_key(config: Config) -> str:
    return repr([(f.name, getattr(config, f.name)) for f in fields(config) if f.name not in _UNKEYED])


class Memo:
    """Values by key (pickled, zlib), in one SQLite file opened on first use; its
    user counts what it found (`hits`) and worked out (`misses`)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.hits = 0
        self.misses = 0
        self._db: sqlite3.Connection | None = None
        self._opened = False
        self._used: set[str] = set()
        self._pending = 0  # values stored since the last commit
        self._unwritable = False  # a store failed: this build stores no more

    def get(self, key: str) -> object | None:
        """The value kept for `key`, None when there is none (or it cannot be read)."""
        self._used.add(key)
        db = self._connect()
        with contextlib.suppress(sqlite3.Error, pickle.UnpicklingError, zlib.error, EOFError,
                                 AttributeError, TypeError, ValueError):
            row = db.execute("SELECT value FROM page WHERE key = ?", (key,)).fetchone() if db else None
            return pickle.loads(zlib.decompress(row[0])) if row else None
        return None

    def put(self, key: str, value: object) -> None:
        """Stored in transactions of a few values: another build of the project (a
        `mkdocs serve` beside a `mkdocs build`) waits for one of those at most."""
        db = self._connect()
        if db is None or self._unwritable:
            return
        data = zlib.compress(pickle.dumps(value, pickle.HIGHEST_PROTOCOL), 1)  # HTML: ~3× smaller
        try:
            db.execute("INSERT OR REPLACE INTO page VALUES (?, ?)", (key, data))
            self._pending += 1
            if self._pending >= VALUES_PER_COMMIT:
                db.commit()
                self._pending = 0
        except sqlite3.Error:  # full, or locked for longer than the timeout: only the next build is slower
            self._unwritable = True

    def close(self, *, prune: bool) -> None:
        """Keep what this build added; `prune` (a build that rendered every page):
        forget what it did not use."""
        if self._db is None:
            return
        with contextlib.suppress(sqlite3.Error):
            if prune:
                stale = [(key,) for key, in self._db.execute("SELECT key FROM page") if key not in self._used]
                self._db.executemany("DELETE FROM page WHERE key = ?", stale)
            self._db.commit()
        self._db.close()
        self._db = None

    def _connect(self) -> sqlite3.Connection | None:
        if not self._opened:
            self._opened = True
            self._db = open_database(self.path, "page (key TEXT PRIMARY KEY, value BLOB)")
        return self._db
