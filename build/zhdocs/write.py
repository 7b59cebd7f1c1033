"""Stage `write`: put the pages under docs/, touching only what changed.

Unchanged files keep their mtime (so `mkdocs serve` does not rebuild for
nothing), and generated files no longer produced are removed. Only the
per-locale folders and corpus.json are ours; everything else in docs/
(stylesheets, overrides) belongs to the maintainers.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .config import Config

CORPUS_FILE = "corpus.json"


@dataclass
class WriteStats:
    written: int = 0
    unchanged: int = 0
    removed: int = 0


def write_site(pages: dict[str, dict[str, str]], corpus_json: str, config: Config) -> WriteStats:
    stats = WriteStats()
    for locale, folder in config.script_dirs.items():
        wanted = {folder / rel: text for rel, text in pages.get(locale, {}).items()}
        for path, text in sorted(wanted.items()):
            _write_if_changed(path, text, stats)
        _remove_stale(folder, set(wanted), stats)
    _write_if_changed(config.docs_dir / CORPUS_FILE, corpus_json, stats)
    return stats


def _write_if_changed(path: Path, text: str, stats: WriteStats) -> None:
    data = text.encode("utf-8")
    if path.is_file() and path.read_bytes() == data:
        stats.unchanged += 1
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)  # atomic: a reader never sees half a page
    stats.written += 1


def _remove_stale(folder: Path, wanted: set[Path], stats: WriteStats) -> None:
    if not folder.is_dir():
        return
    for path in sorted(folder.rglob("*"), reverse=True):
        if path.is_file() and path not in wanted:
            path.unlink()
            stats.removed += 1
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
