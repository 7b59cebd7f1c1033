"""Stage `write`: put the pages under docs/, touching only what changed.

Unchanged files keep their mtime (so `mkdocs serve` does not rebuild for
nothing), and generated files no longer produced are removed. Only the
per-locale folders and corpus.json are ours; everything else in docs/
(stylesheets, scripts, pages of their own) belongs to the maintainers.

All or nothing: every changed page is first written next to its target as a
temporary file; only when all of them are on disk are they renamed into place.
A failure while writing (disk full, a path that cannot be created) removes
the temporary files and leaves the previous docs/ as it was. (A rename failing
halfway is not undone; under MkDocs the plugin generates into a staged copy of
docs/, so a failed build changes nothing at all.)

Unchanged files are recognised without reading them back: a manifest in the
cache folder holds each file's size, mtime, inode and content hash as this
stage last saw it. A file whose stat differs from its entry (or has none, or
there is no cache) is compared byte for byte, as before. The manifest also
serves as the cache of the pages themselves: a page whose source is unchanged
need not be built again while its file still holds it (`files_holding`); it
comes here as KEPT instead of its text.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from .config import Config

CORPUS_FILE = "corpus.json"
TMP_SUFFIX = ".zhdocs-tmp"
MANIFEST = "written.json"  # in the cache folder
Entry = list[int | str]  # [size, mtime_ns, inode, content hash]
Manifest = dict[str, Entry]  # by path relative to docs_dir
KEPT = None  # a page's text, when its file already holds it (see `files_holding`)


@dataclass
class WriteStats:
    written: int = 0
    unchanged: int = 0
    removed: int = 0


def write_site(pages: dict[str, dict[str, str | None]], corpus_json: str, config: Config,
               known: Manifest | None = None) -> WriteStats:
    """`pages`: {locale: {path in the locale's folder: text, or KEPT}}; `known`:
    the manifest the KEPT pages were found in (read here when not given)."""
    wanted: dict[str, str | None] = {CORPUS_FILE: corpus_json}  # by path relative to docs_dir
    prefixes = site_prefixes(config)
    for locale, pages_of in pages.items():
        wanted |= {prefixes[locale] + rel: text for rel, text in pages_of.items()}
    root = str(config.docs_dir)
    stats = WriteStats()
    staged, files = _stage_changed(root, wanted, load_manifest(config) if known is None else known, stats)
    for rel, tmp in staged.items():
        path = os.path.join(root, rel)
        os.replace(tmp, path)  # a rename: a reader never sees half a page
        files[rel][:3] = _stat(path) or [0, 0, 0]
    for folder in config.script_dirs.values():
        _remove_stale(str(folder), {os.path.join(root, rel) for rel in wanted}, stats)
    _save_manifest(config, files)
    return stats


def site_prefixes(config: Config) -> dict[str, str]:
    """What a locale's pages' paths start with, relative to docs_dir (the manifest's keys)."""
    return {locale: f"{folder.relative_to(config.docs_dir).as_posix()}/"
            for locale, folder in config.script_dirs.items()}


def content_digest(text: str) -> str:
    """The hash the manifest keeps of a file holding `text`."""
    return _digest(text.encode("utf-8"))


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def files_holding(config: Config, known: Manifest, expected: dict[str, str]) -> set[str]:
    """Which of `expected` ({path relative to docs_dir: content digest}) are on
    disk as this stage wrote them (by the manifest `known`: same stat, same digest)."""
    root = str(config.docs_dir)
    return {rel for rel, digest in expected.items()
            if (entry := known.get(rel)) and entry[3] == digest
            and _stat(os.path.join(root, rel)) == entry[:3]}


def _stage_changed(root: str, wanted: dict[str, str | None], known: Manifest,
                   stats: WriteStats) -> tuple[dict[str, str], Manifest]:
    """Write every changed file as a temporary sibling; on failure remove them all.
    Returns {path: temporary file} and each path's manifest entry (staged ones' stat to follow)."""
    staged: dict[str, str] = {}
    files: Manifest = {}
    try:
        for rel, text in sorted(wanted.items()):
            if text is KEPT:  # `files_holding` found it on disk, as its manifest entry says
                files[rel] = known[rel]
                stats.unchanged += 1
                continue
            path, data = os.path.join(root, rel), text.encode("utf-8")
            digest = _digest(data)
            current = _stat(path)
            files[rel] = [*(current or [0, 0, 0]), digest]
            if current and _same(path, data, digest, current, known.get(rel)):
                stats.unchanged += 1
                continue
            os.makedirs(os.path.dirname(path), exist_ok=True)
            staged[rel] = path + TMP_SUFFIX
            Path(staged[rel]).write_bytes(data)
            stats.written += 1
    except BaseException:
        for tmp in staged.values():
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        raise
    return staged, files


def _same(path: str, data: bytes, digest: str, current: list[int], entry: Entry | None) -> bool:
    """Whether the file holds `data`: by the manifest when the file is as it was
    recorded (same size, mtime and inode), else by reading it."""
    if entry is not None and entry[:3] == current:
        return entry[3] == digest
    if current[0] != len(data):
        return False
    with open(path, "rb") as file:
        return file.read() == data


def _stat(path: str) -> list[int] | None:
    """[size, mtime_ns, inode] of a regular file, else None."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns, st.st_ino] if stat.S_ISREG(st.st_mode) else None


def load_manifest(config: Config) -> Manifest:
    """Each file of docs/ as this stage last wrote it (read once per build: 20,000 entries ~40 ms)."""
    if config.cache_dir is None:
        return {}
    try:
        files = json.loads((config.cache_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # none yet, or unreadable: every file is compared
    return files if isinstance(files, dict) else {}


def _save_manifest(config: Config, files: Manifest) -> None:
    if config.cache_dir is None:
        return
    path = config.cache_dir / MANIFEST
    with contextlib.suppress(OSError):  # without it the next build compares every file
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + TMP_SUFFIX)
        tmp.write_text(json.dumps(files, ensure_ascii=False), encoding="utf-8")
        tmp.replace(path)


def _remove_stale(folder: str, wanted: set[str], stats: WriteStats) -> None:
    for parent, dirs, files in os.walk(folder, topdown=False):
        for name in files:
            path = os.path.join(parent, name)
            if path not in wanted:
                os.unlink(path)
                stats.removed += 1
        for name in dirs:
            with contextlib.suppress(OSError):  # not empty: it keeps pages
                os.rmdir(os.path.join(parent, name))
