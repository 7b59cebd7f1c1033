"""Execution: worker processes change nothing in the output, and every stage is timed."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import SEEDS
from zhdocs.config import Config
from zhdocs.pipeline import STEPS, run


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_workers_give_the_same_site_as_one_process(tmp_path: Path) -> None:
    one = run(Config(SEEDS, tmp_path / "one", workers=1))
    two = run(Config(SEEDS, tmp_path / "two", workers=2, parallel_min_docs=1))
    assert [d.id for d in two.docs] == [d.id for d in one.docs]
    assert _files(tmp_path / "two") == _files(tmp_path / "one")
    assert {name for name, *_ in STEPS} | {"render", "render zh-Hant", "write"} == set(two.timings)
