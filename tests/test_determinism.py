"""Same seeds, same bytes: two builds in fresh folders on different days are identical."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from zhdocs.config import Config
from zhdocs.pipeline import process

from .conftest import SEEDS, make_project, mkdocs_build
from .hostile import utf8


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def differences(a: Path, b: Path) -> list[str]:
    left, right = tree(a), tree(b)
    return sorted(k for k in left.keys() | right.keys() if left.get(k) != right.get(k))


def test_two_builds_are_byte_identical(built_site: Path, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """The second build runs in another folder with another build date (SOURCE_DATE_EPOCH
    2001-09-09): no path, date, random or hash-order dependence may reach the output."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1000000000")
    (tmp_path / "again").mkdir()
    project = make_project(tmp_path / "again")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr[-4000:]
    for folder in ("docs", "site"):
        assert differences(built_site.parent / folder, project / folder) == [], folder
    assert "<lastmod>2001-09-09</lastmod>" not in (project / "site/sitemap.xml").read_text("utf-8")
    assert "search words: 0 runs" not in result.stderr  # a cold build: every word segmented
    assert "Markdown: 0 pages' HTML as converted before" in result.stderr  # and every page converted
    assert "search: 0 pages' entries as indexed before" in result.stderr  # and indexed
    again = mkdocs_build(project)  # every page, its HTML and search words from the caches
    assert again.returncode == 0, again.stderr[-4000:]
    assert "search words: 0 runs" in again.stderr
    assert re.search(r"Markdown: [1-9]\d* pages' HTML as converted before, 0 converted", again.stderr)
    assert re.search(r"search: [1-9]\d* pages' entries as indexed before, 0 indexed", again.stderr)
    assert differences(built_site.parent / "site", project / "site") == []


def test_ids_stay_when_unrelated_seeds_come_and_go(tmp_path: Path) -> None:
    seeds = Path(shutil.copytree(SEEDS, tmp_path / "seeds"))
    before = {d.seed_path: d.id for d in process(Config(seeds, tmp_path / "docs"))}
    (seeds / "000_new.txt").write_bytes(utf8("new", "新文档 new-ok"))
    (seeds / sorted(before)[-1]).unlink()
    after = {d.seed_path: d.id for d in process(Config(seeds, tmp_path / "docs"))}
    assert {s: after[s] for s in sorted(before)[:-1]} == {s: before[s] for s in sorted(before)[:-1]}
    assert sorted(before) == sorted(p.name for p in SEEDS.glob("*.txt"))
