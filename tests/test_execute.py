"""Execution: worker processes change nothing in the output, and every stage is timed."""

from __future__ import annotations

import gc
import os
from pathlib import Path

import pytest

from tests.conftest import SEEDS
from zhdocs import execute
from zhdocs.config import Config
from zhdocs.execute import PROGRESS_MIN_ITEMS, Executor
from zhdocs.pipeline import STEPS, run


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_workers_give_the_same_site_as_one_process(tmp_path: Path) -> None:
    one = run(Config(SEEDS, tmp_path / "one", workers=1))
    two = run(Config(SEEDS, tmp_path / "two", workers=2, parallel_min_docs=1))
    assert [d.id for d in two.docs] == [d.id for d in one.docs]
    assert _files(tmp_path / "two") == _files(tmp_path / "one")
    assert {name for name, *_ in STEPS} | {"render", "render zh-Hant", "write"} == set(two.timings)


def _docs_run(tmp_path: Path, count: int, progress: bool) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        (seeds / f"{i:03d}.txt").write_text(f"第{i}号通知\n本市第{i}次质量工作会议召开。\n", encoding="utf-8")
    run(Config(seeds, tmp_path / "docs", workers=1, progress=progress))


def test_progress_bar_only_when_asked_and_long(tmp_path: Path, capfd) -> None:  # noqa: ANN001
    _docs_run(tmp_path, PROGRESS_MIN_ITEMS, progress=False)
    assert capfd.readouterr().err == ""
    _docs_run(tmp_path, PROGRESS_MIN_ITEMS, progress=True)
    assert "read+clean" in capfd.readouterr().err
    _docs_run(tmp_path / "short", 3, progress=True)
    assert "read+clean" not in capfd.readouterr().err


def _pid(_: object) -> int:
    return os.getpid()


def test_once_workers_run_even_one_item_goes_to_them(tmp_path: Path) -> None:
    """They hold what earlier passes loaded (a rebuild's changed page: OpenCC's
    converter, loaded in a worker to clean its seed), which this process may not."""
    config = Config(SEEDS, tmp_path / "docs", workers=2)
    with Executor(config) as executor:
        assert executor.map(_pid, [0], "one") == [os.getpid()]  # no workers yet: starting them costs more
        assert os.getpid() not in executor.map(_pid, range(config.parallel_min_docs), "many")
        assert executor.map(_pid, [0], "one") != [os.getpid()]


def test_what_a_build_made_leaves_the_young_generations(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """The collector is off during a build, so all it made sits in the youngest
    generation; afterwards it is in the oldest (or stays frozen with what `mkdocs
    serve` froze), so the first collection does not walk it all."""
    monkeypatch.setattr(execute._Frozen, "what_lasts", False)  # what serve sets, undone after
    gc.collect()
    with Executor(Config(SEEDS, tmp_path / "docs", workers=1)):
        made = [[i] for i in range(10_000)]
        assert gc.get_count()[0] >= len(made) and not gc.isenabled()  # noqa: PT018
    assert gc.isenabled() and gc.get_count() == (0, 0, 0)  # noqa: PT018
    assert all(gc.is_tracked(item) for item in made)
    execute.freeze_what_lasts()  # as `mkdocs serve` leaves what lasts between builds
    try:
        frozen = gc.get_freeze_count()
        with Executor(Config(SEEDS, tmp_path / "docs", workers=1)):
            more = [[i] for i in range(10_000)]
        assert gc.get_freeze_count() >= frozen + len(more)
    finally:
        gc.unfreeze()
