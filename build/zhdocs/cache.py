"""Incremental builds: results of per-document work, kept under `.cache/` by content hash.

Per-document passes are pure functions of (document, config), so a result can
be reused whenever its input is the same. The key hashes the code of zhdocs
(every file of the package), the versions of the libraries that shape the
output, the config, the pass, the input document and the seed file's bytes:
editing the code, upgrading jieba or changing a setting invalidates
everything, changing one seed only what that seed feeds. Entries not used by a
build are removed after it, so the cache holds one build's worth.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import pickle
import sys
import unicodedata
from dataclasses import fields
from functools import cache
from importlib import metadata
from pathlib import Path

from .config import Config

LIBRARIES = ("jieba", "opencc", "opencc-python-reimplemented", "pypinyin", "charset-normalizer", "cpca",
             "datasketch", "pyyaml")
_UNKEYED = ("seeds_dir", "docs_dir", "progress", "workers", "parallel_min_docs", "cache_dir")


class Cache:
    """Pickled values by key, one file each, under `folder/<namespace>/`."""

    def __init__(self, config: Config) -> None:
        self.folder = config.cache_dir
        # Python and Unicode versions: regexes and str methods change with them.
        self.salt = f"{code_version()}|{sys.version}|{unicodedata.unidata_version}|{_config_key(config)}"
        self._used: set[Path] = set()

    def key(self, *parts: str | bytes) -> str:
        digest = hashlib.sha256(self.salt.encode())
        for part in parts:
            data = part if isinstance(part, bytes) else part.encode("utf-8", "surrogatepass")
            digest.update(b"\0" + data)
        return digest.hexdigest()

    def get(self, namespace: str, key: str) -> object | None:
        if self.folder is None:
            return None
        path = self._path(namespace, key)
        try:
            value = pickle.loads(path.read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return None  # absent, or written by another version: compute it again
        self._used.add(path)
        return value

    def put(self, namespace: str, key: str, value: object) -> None:
        if self.folder is None:
            return
        path = self._path(namespace, key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(path.name + ".tmp")
            tmp.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
            tmp.replace(path)
        except OSError:
            return  # a cache that cannot be written only makes the next build slower
        self._used.add(path)

    def prune(self) -> None:
        """Forget what this build did not use (old versions of changed seeds, old code)."""
        if self.folder is None or not self.folder.is_dir():
            return
        for path in self.folder.rglob("*.pickle"):
            if path not in self._used:
                with contextlib.suppress(OSError):
                    path.unlink()

    def _path(self, namespace: str, key: str) -> Path:
        assert self.folder is not None
        return self.folder / namespace / key[:2] / f"{key}.pickle"


def fingerprint(value: object) -> bytes:
    """`value` pickled without the memo: equal values give equal bytes, however
    their parts happen to be shared (a document from the cache shares strings
    that a freshly computed one holds twice). For keys, never to be loaded."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, pickle.HIGHEST_PROTOCOL)
    pickler.fast = True
    pickler.dump(value)
    return buffer.getvalue()


def seed_digest(config: Config, seed_path: str) -> str | None:
    """The seed's content hash, or None when it is not a plain file we may cache."""
    path = config.seeds_dir / seed_path
    try:
        if path.is_symlink() or not path.is_file() or path.stat().st_size > config.max_bytes:
            return None
        return hashlib.sha256(path.read_bytes()).hexdigest()
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
