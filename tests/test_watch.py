"""The seeds' file notifications (`mkdocs serve` polls only the signal they replace),
on a real folder through the platform's notifications."""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from watchdog.events import EventsLostEvent

from zhdocs.config import Config
from zhdocs.mkdocs_plugin import _seeds_fingerprint
from zhdocs.watch import SeedWatcher

SIGNALLED_SECONDS = 10.0  # notifications arrive within milliseconds; a loaded machine may lag
QUIET_SECONDS = 1.0  # long enough for a notification that should not come


@pytest.fixture
def watched(tmp_path: Path) -> Iterator[tuple[Path, SeedWatcher]]:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text("原文", encoding="utf-8")
    watcher = SeedWatcher(seeds)
    assert watcher.start() is None
    try:
        yield seeds, watcher
    finally:
        watcher.stop()


def _signalled(watcher: SeedWatcher, change: Callable[[], object],
               seconds: float = SIGNALLED_SECONDS) -> bool:
    """Whether `change` replaced the signal (which MkDocs would see), then waits for
    the change's further notifications to pass, so that each check sees its own."""
    before = watcher.changes
    change()
    deadline = time.monotonic() + seconds
    while watcher.changes == before and time.monotonic() < deadline:
        time.sleep(0.02)
    if watcher.changes == before:
        return False
    settled = watcher.changes
    time.sleep(0.2)
    while watcher.changes != settled:
        settled = watcher.changes
        time.sleep(0.2)
    return watcher.signal.read_text(encoding="utf-8") == f"{watcher.changes}\n"


def _quiet(watcher: SeedWatcher, change: Callable[[], object]) -> bool:
    """Whether `change` left the signal alone."""
    return not _signalled(watcher, change, QUIET_SECONDS)


def test_the_signal_exists_before_any_change(watched: tuple[Path, SeedWatcher]) -> None:
    _, watcher = watched
    assert watcher.signal.read_text(encoding="utf-8") == "0\n"


def test_edited_added_and_removed_seeds_are_signalled(watched: tuple[Path, SeedWatcher]) -> None:
    seeds, watcher = watched
    assert _signalled(watcher, lambda: (seeds / "a.txt").write_text("修订", encoding="utf-8"))
    assert _signalled(watcher, lambda: (seeds / "b.txt").write_bytes(b"\xd0\xc2"))
    assert _signalled(watcher, lambda: (seeds / "b.txt").unlink())


def test_hidden_files_are_not_seeds(watched: tuple[Path, SeedWatcher]) -> None:
    """An editor's swap file, or git's own files, change while nothing is published from them."""
    seeds, watcher = watched
    assert _quiet(watcher, lambda: (seeds / ".a.txt.swp").write_bytes(b"swap"))
    assert _quiet(watcher, lambda: (seeds / ".git").mkdir())
    assert _quiet(watcher, lambda: (seeds / ".git" / "index").write_bytes(b"git"))
    # an editor saving by renaming its hidden temporary file onto the seed: the seed changed
    (seeds / ".a.txt.tmp").write_text("改存", encoding="utf-8")
    time.sleep(QUIET_SECONDS)
    assert _signalled(watcher, lambda: (seeds / ".a.txt.tmp").replace(seeds / "a.txt"))


def test_lost_notifications_are_a_change(watched: tuple[Path, SeedWatcher]) -> None:
    """The system's queue overflowed (thousands of seeds unpacked at once): anything may have changed."""
    seeds, watcher = watched
    for lost in (EventsLostEvent(""), EventsLostEvent(str(seeds), is_directory=True)):
        before = watcher.changes
        watcher._seed_changed(lost)
        assert watcher.changes == before + 1


def test_the_plugin_runs_the_pipeline_again_only_when_a_seed_changed(tmp_path: Path) -> None:
    """Whatever told MkDocs to build (polling sees hidden files too), the seeds decide."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text("原文", encoding="utf-8")
    settings = Config(seeds, tmp_path / "docs")
    before = _seeds_fingerprint(settings)
    (seeds / ".a.txt.swp").write_bytes(b"swap")
    (seeds / ".git").mkdir()
    (seeds / ".git" / "index").write_bytes(b"git")
    assert _seeds_fingerprint(settings) == before
    (seeds / "a.txt").write_text("修订后的原文", encoding="utf-8")
    assert _seeds_fingerprint(settings) != before


def test_a_folder_of_seeds_moved_in_is_signalled(watched: tuple[Path, SeedWatcher], tmp_path: Path) -> None:
    seeds, watcher = watched
    outside = tmp_path / "more"
    outside.mkdir()
    (outside / "c.txt").write_text("新增", encoding="utf-8")
    assert _signalled(watcher, lambda: outside.rename(seeds / "more"))


def test_the_signal_is_the_watchers_own_and_goes_with_it(tmp_path: Path) -> None:
    """Not under the project (`make clean` while serving would remove it, and MkDocs'
    poll of its folder would end for good), and not left behind."""
    watcher = SeedWatcher(tmp_path)
    assert watcher.start() is None
    signal = watcher.signal
    assert signal.is_file() and not signal.is_relative_to(tmp_path)
    watcher.stop()
    assert not signal.parent.exists()


def test_a_seeds_folder_replaced_by_another_is_watched_anew(
        watched: tuple[Path, SeedWatcher], tmp_path: Path) -> None:
    """Replaced whole (an archive unpacked beside it and moved in): the new folder's
    changes are signalled, the old one's, wherever it went, are not."""
    seeds, watcher = watched
    new = tmp_path / "unpacked"
    new.mkdir()
    (new / "a.txt").write_text("新版", encoding="utf-8")
    assert _signalled(watcher, lambda: seeds.rename(tmp_path / "old"))
    assert _signalled(watcher, lambda: new.rename(seeds))
    assert _signalled(watcher, lambda: (seeds / "a.txt").write_text("新版修订", encoding="utf-8"))
    assert _quiet(watcher, lambda: (tmp_path / "old" / "a.txt").write_text("旧", encoding="utf-8"))


def test_a_seeds_folder_deleted_and_made_again_is_watched_anew(watched: tuple[Path, SeedWatcher]) -> None:
    seeds, watcher = watched
    assert _signalled(watcher, lambda: shutil.rmtree(seeds))
    assert _signalled(watcher, seeds.mkdir)
    assert _signalled(watcher, lambda: (seeds / "b.txt").write_text("新增", encoding="utf-8"))


def test_other_folders_beside_the_seeds_are_no_change(
        watched: tuple[Path, SeedWatcher], tmp_path: Path) -> None:
    _, watcher = watched
    assert _quiet(watcher, lambda: (tmp_path / "site").mkdir())


def test_reading_a_seed_is_no_change(watched: tuple[Path, SeedWatcher]) -> None:
    """The build reads the seeds it rebuilds from: that must not ask for another build."""
    seeds, watcher = watched
    assert _quiet(watcher, lambda: (seeds / "a.txt").read_bytes())


def test_a_symlinked_seeds_folder_is_watched_through_the_link(tmp_path: Path) -> None:
    real = tmp_path / "archive"
    real.mkdir()
    (tmp_path / "seeds").symlink_to(real)
    watcher = SeedWatcher(tmp_path / "seeds")
    assert watcher.start() is None
    try:
        assert _signalled(watcher, lambda: (real / "d.txt").write_text("新增", encoding="utf-8"))
    finally:
        watcher.stop()


def test_a_seeds_folder_made_after_the_start_is_watched(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    watcher = SeedWatcher(seeds)
    assert watcher.start() is None
    try:
        assert _signalled(watcher, seeds.mkdir)
        assert _signalled(watcher, lambda: (seeds / "a.txt").write_text("新增", encoding="utf-8"))
    finally:
        watcher.stop()


def test_a_seeds_folder_without_a_parent_gives_the_reason(tmp_path: Path) -> None:
    watcher = SeedWatcher(tmp_path / "absent" / "seeds")
    reason = watcher.start()
    assert reason is not None and "absent" in reason
    assert not watcher.signal.parent.exists()
