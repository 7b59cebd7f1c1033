"""Stage `write`: put the pages under docs/, touching only what changed.

Unchanged files keep their mtime (so `mkdocs serve` does not rebuild for
nothing), and generated files no longer produced are removed. Only the
per-locale folders and corpus.json are ours; everything else in docs/
(stylesheets, overrides) belongs to the maintainers.

All or nothing: every changed page is first written next to its target as a
temporary file; only when all of them are on disk are they renamed into place.
A failure while writing (disk full, a path that cannot be created) removes
the temporary files and leaves the previous docs/ as it was. (A rename failing
halfway is not undone; under MkDocs the plugin generates into a staged copy of
docs/, so a failed build changes nothing at all.)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .config import Config

CORPUS_FILE = "corpus.json"
TMP_SUFFIX = ".zhdocs-tmp"


@dataclass
class WriteStats:
    written: int = 0
    unchanged: int = 0
    removed: int = 0


def write_site(pages: dict[str, dict[str, str]], corpus_json: str, config: Config) -> WriteStats:
    wanted = {config.docs_dir / CORPUS_FILE: corpus_json}
    for locale, folder in config.script_dirs.items():
        wanted |= {folder / rel: text for rel, text in pages.get(locale, {}).items()}
    stats = WriteStats()
    staged = _stage_changed(wanted, stats)
    for tmp, path in staged:
        tmp.replace(path)  # a rename: a reader never sees half a page
    for folder in config.script_dirs.values():
        _remove_stale(folder, set(wanted), stats)
    return stats


def _stage_changed(wanted: dict[Path, str], stats: WriteStats) -> list[tuple[Path, Path]]:
    """Write every changed file as a temporary sibling; on failure remove them all."""
    staged: list[tuple[Path, Path]] = []
    try:
        for path, text in sorted(wanted.items()):
            data = text.encode("utf-8")
            if path.is_file() and path.read_bytes() == data:
                stats.unchanged += 1
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(path.name + TMP_SUFFIX)
            staged.append((tmp, path))
            tmp.write_bytes(data)
            stats.written += 1
    except BaseException:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        raise
    return staged


def _remove_stale(folder: Path, wanted: set[Path], stats: WriteStats) -> None:
    if not folder.is_dir():
        return
    for path in sorted(folder.rglob("*"), reverse=True):
        if path.is_file() and path not in wanted:
            path.unlink()
            stats.removed += 1
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
