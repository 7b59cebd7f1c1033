"""How `mkdocs serve` learns that a seed changed, without polling every seed.

MkDocs polls what it watches (watchdog's PollingObserver, so that network and
Docker-mounted folders work: no file notifications arrive from them). A poll
stats every file, twice a second: at 10,000 seeds that kept ~30% of a core
busy while the server idled, and took ~4 s of the interpreter from each ~10 s
rebuild. So the seeds are watched by the platform's file notifications
(inotify, FSEvents, ReadDirectoryChangesW, kqueue), and each change replaces
one small file, the signal, which MkDocs polls: when and how often it rebuilds
stays its own business. Where notifications cannot be had, MkDocs polls the
seeds as before; so it does when the plugin's `poll_seeds` asks for it.
Names that start with a dot are not seeds (`read.seed_paths`), so a change to
them alone (an editor's swap file, `.git/`) is not a change of the seeds.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
    EventsLostEvent,
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver, ObservedWatch
from watchdog.observers.polling import PollingObserver

from .read import is_hidden

log = logging.getLogger("mkdocs.plugins.zhdocs")
# Not opening or reading a file: the build itself reads the seeds it rebuilds from.
CHANGES: list[type[FileSystemEvent]] = [
    FileCreatedEvent, FileModifiedEvent, FileClosedEvent, FileDeletedEvent, FileMovedEvent,
    DirCreatedEvent, DirDeletedEvent, DirMovedEvent,  # a folder of seeds moved in or out whole
    EventsLostEvent,  # the system's queue overflowed (thousands of seeds unpacked at once)
]
FOLDER_CHANGES: list[type[FileSystemEvent]] = [DirCreatedEvent, DirDeletedEvent, DirMovedEvent]


class SeedWatcher:
    """Watches a seeds folder by file notifications; each change replaces `signal`,
    a file of the watcher's own (a fresh temporary folder: nothing else writes or
    removes it, and MkDocs' poll of a folder that went would end for good)."""

    def __init__(self, seeds_dir: Path) -> None:
        self.seeds_dir = seeds_dir
        # the real path: inotify would watch a symlinked seeds folder's link, not the folder
        self.folder = os.path.realpath(seeds_dir)
        self.signal = Path(tempfile.mkdtemp(prefix="zhdocs-serve-")) / "seeds-changed"
        self.changes = 0
        self._observer: BaseObserver | None = None
        self._inside: ObservedWatch | None = None  # what is in the folder

    def start(self) -> str | None:
        """Watch from now on; or the reason it cannot (then nothing is watched)."""
        observer = Observer()
        if isinstance(observer, PollingObserver):
            self.stop()
            return "no file notifications on this system"
        self._observer = observer
        try:
            self._replace_signal()  # MkDocs polls it from the start: it must exist
            # The folder itself, from its parent: a watch ends with the folder it watches, and
            # a seeds folder made later, or replaced by another, must be watched (again).
            observer.schedule(_Handler(self._folder_changed), os.path.dirname(self.folder),
                              event_filter=FOLDER_CHANGES)
            self._watch_inside()
            observer.start()
        except OSError as error:  # no parent folder, or inotify's limits reached
            self.stop()
            return f"no file notifications for {self.seeds_dir}: {error.strerror or error}"
        return None

    def stop(self) -> None:
        if self._observer is not None:
            self._observer.stop()
            if self._observer.is_alive():
                self._observer.join(timeout=5)
            self._observer = None
        shutil.rmtree(self.signal.parent, ignore_errors=True)

    def _watch_inside(self) -> None:
        """Watch what is in the seeds folder, when there is one."""
        assert self._observer is not None
        if os.path.isdir(self.folder):
            self._inside = self._observer.schedule(_Handler(self._seed_changed), self.folder,
                                                   recursive=True, event_filter=CHANGES)

    def _folder_changed(self, event: FileSystemEvent) -> None:
        """A folder beside the seeds' came or went; if it was theirs, a new one is watched."""
        if self.folder not in (event.src_path, getattr(event, "dest_path", None)):
            return
        assert self._observer is not None
        if self._inside is not None:
            with contextlib.suppress(KeyError):  # already gone with its folder
                self._observer.unschedule(self._inside)  # else it would follow the old one where it went
            self._inside = None
        self._watch_inside()
        self.changed(event)

    def _seed_changed(self, event: FileSystemEvent) -> None:
        """A change in the folder, unless all it names is hidden (a rename of a
        hidden temporary file onto a seed, as editors save, names a seed; lost
        events may name nothing)."""
        paths = [path for path in (event.src_path, getattr(event, "dest_path", "")) if path]
        if not paths or not all(self._hidden(os.fsdecode(path)) for path in paths):
            self.changed(event)

    def _hidden(self, path: str) -> bool:
        parts = os.path.relpath(path, self.folder).split(os.sep)
        return any(is_hidden(part) and part not in (".", "..") for part in parts)

    def changed(self, _event: FileSystemEvent) -> None:
        self.changes += 1
        self._replace_signal()

    def _replace_signal(self) -> None:
        """Write the signal anew by a rename: a poll sees either the old file or the new
        one (never a half-written one, which would be a second change), and a new file
        even where timestamps are too coarse to tell two changes apart."""
        partial = self.signal.with_name(self.signal.name + ".partial")
        partial.write_text(f"{self.changes}\n", encoding="utf-8")
        os.replace(partial, self.signal)


class _Handler(FileSystemEventHandler):
    def __init__(self, react: Callable[[FileSystemEvent], None]) -> None:
        self.react = react

    def on_any_event(self, event: FileSystemEvent) -> None:
        try:
            self.react(event)
        except Exception:  # raised in the observer's thread, it would end all watching
            log.exception("zhdocs: a change to the seeds could not be signalled; restart mkdocs serve")
