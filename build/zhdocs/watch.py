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
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable
from pathlib import Path

from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
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

log = logging.getLogger("mkdocs.plugins.zhdocs")
# Not opening or reading a file: the build itself reads the seeds it rebuilds from.
CHANGES: list[type[FileSystemEvent]] = [
    FileCreatedEvent, FileModifiedEvent, FileClosedEvent, FileDeletedEvent, FileMovedEvent,
    DirCreatedEvent, DirDeletedEvent, DirMovedEvent,  # a folder of seeds moved in or out whole
]
FOLDER_CHANGES: list[type[FileSystemEvent]] = [DirCreatedEvent, DirDeletedEvent, DirMovedEvent]


class SeedWatcher:
    """Watches a seeds folder by file notifications; each change replaces `signal`."""

    def __init__(self, seeds_dir: Path, signal: Path) -> None:
        self.seeds_dir = seeds_dir
        # the real path: inotify would watch a symlinked seeds folder's link, not the folder
        self.folder = os.path.realpath(seeds_dir)
        self.signal = signal
        self.changes = 0
        self._observer: BaseObserver | None = None
        self._inside: ObservedWatch | None = None  # what is in the folder

    def start(self) -> str | None:
        """Watch from now on; or the reason it cannot (then nothing is watched)."""
        observer = Observer()
        if isinstance(observer, PollingObserver):
            return "no file notifications on this system"
        try:
            self._replace_signal()  # MkDocs polls it from the start: it must exist
            self._inside = observer.schedule(_Handler(self.changed), self.folder, recursive=True,
                                             event_filter=CHANGES)
            # The folder itself, from its parent: a watch ends with the folder it watches, and
            # a seeds folder replaced by another (moved in, made anew) must be watched again.
            observer.schedule(_Handler(self._folder_changed), os.path.dirname(self.folder),
                              event_filter=FOLDER_CHANGES)
            observer.start()
        except OSError as error:  # no such folder, or inotify's limits reached
            return f"no file notifications for {self.seeds_dir}: {error.strerror or error}"
        self._observer = observer
        return None

    def stop(self) -> None:
        if self._observer is not None:
            self._observer.stop()
            self._observer.join(timeout=5)
            self._observer = None

    def _folder_changed(self, event: FileSystemEvent) -> None:
        """A folder beside the seeds' came or went; if it was theirs, a new one is watched."""
        if self.folder not in (event.src_path, getattr(event, "dest_path", None)):
            return
        assert self._observer is not None
        if self._inside is not None:
            with contextlib.suppress(KeyError):  # already gone with its folder
                self._observer.unschedule(self._inside)  # else it would follow the old one where it went
        self._inside = None
        if os.path.isdir(self.folder):
            try:
                self._inside = self._observer.schedule(_Handler(self.changed), self.folder, recursive=True,
                                                       event_filter=CHANGES)
            except OSError as error:
                log.warning(f"zhdocs: {self.seeds_dir} can no longer be watched ({error}): "
                            "restart mkdocs serve")
        self.changed(event)

    def changed(self, event: FileSystemEvent | None = None) -> None:
        self.changes += 1
        try:
            self._replace_signal()
        except OSError as error:  # raised in the observer's thread, it would end the watching
            log.warning(f"zhdocs: a change to the seeds could not be signalled ({error}): "
                        "save the seed again, or restart mkdocs serve")

    def _replace_signal(self) -> None:
        """Write the signal anew by a rename: a poll sees either the old file or the new
        one (never a half-written one, which would be a second change), and a new file
        even where timestamps are too coarse to tell two changes apart. Its folder is
        made again if it went (`make clean` while serving)."""
        self.signal.parent.mkdir(parents=True, exist_ok=True)
        partial = self.signal.with_name(self.signal.name + ".partial")
        partial.write_text(f"{self.changes}\n", encoding="utf-8")
        os.replace(partial, self.signal)


class _Handler(FileSystemEventHandler):
    def __init__(self, react: Callable[[FileSystemEvent], None]) -> None:
        self.react = react

    def on_any_event(self, event: FileSystemEvent) -> None:
        self.react(event)
