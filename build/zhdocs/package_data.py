"""Data files of installed packages, found without importing the packages, and
kept parsed in the user's cache folder.

Importing jieba loads its HMM tables (~20 MB), jieba.analyse a TF-IDF extractor and
posseg (~95 MB), pypinyin its phrase dictionary and segmenter (~45 MB), cpca a
matcher of its own: in every process, though zhdocs reads only their data files.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sys
from collections.abc import Callable
from importlib.util import find_spec
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def package_file(package: str, name: str) -> Path:
    """`name` (e.g. "analyse/idf.txt") inside an installed top-level package."""
    spec = find_spec(package)  # a top-level package's spec, without running its __init__
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError(f"{package} is not installed")
    return Path(spec.origin).parent / name


def parsed_copy(name: str, source: Path, parse: Callable[[bytes], T], shape: tuple[type, ...]) -> T:
    """`parse` of the file's bytes, or the copy of it kept (marshal) in the user's
    cache folder: loading a parsed table is several times faster than parsing it
    again, in every process of every build. A copy is named by `name`, the file's
    hash and the Python that wrote it; one that is unreadable, or not a tuple of
    `shape`'s types (what `parse` returns), is replaced."""
    data = source.read_bytes()
    folder = _user_cache()
    if folder is None:
        return parse(data)
    copy_name = f"{name}-{hashlib.sha256(data).hexdigest()[:16]}-{sys.implementation.cache_tag}.marshal"
    with contextlib.suppress(OSError, EOFError, ValueError, TypeError):  # none yet, or unreadable
        copy = marshal.loads((folder / copy_name).read_bytes())
        if _has_shape(copy, shape):
            return copy
    parsed = parse(data)
    with contextlib.suppress(OSError):  # without a copy the next process parses again
        folder.mkdir(parents=True, exist_ok=True)
        partial = folder / f"{copy_name}.{os.getpid()}.tmp"
        partial.write_bytes(marshal.dumps(parsed))
        partial.replace(folder / copy_name)
    return parsed


def _has_shape(value: object, shape: tuple[type, ...]) -> bool:
    return (isinstance(value, tuple) and len(value) == len(shape)
            and all(isinstance(part, kind) for part, kind in zip(value, shape, strict=True)))


def _user_cache() -> Path | None:
    """$XDG_CACHE_HOME/zhdocs or ~/.cache/zhdocs; None when neither is known."""
    folder = os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache")
    return Path(folder, "zhdocs") if os.path.isabs(folder) else None
