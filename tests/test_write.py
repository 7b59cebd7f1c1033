"""Stage write: unchanged files are known by the manifest, changed ones by their bytes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from zhdocs.config import Config
from zhdocs.write import write_site

PAGES = {"zh": {"a.md": "一", "sub/b.md": "二"}, "zh-Hant": {"a.md": "一"}}


def _config(tmp_path: Path) -> Config:
    return Config(tmp_path / "seeds", tmp_path / "docs", cache_dir=tmp_path / ".cache")


def test_unchanged_files_are_not_read_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = _config(tmp_path)
    assert write_site(PAGES, "{}", config).written == 4
    monkeypatch.setattr("zhdocs.write.open", lambda *a, **k: pytest.fail("read back"), raising=False)
    stats = write_site(PAGES, "{}", config)
    assert (stats.written, stats.unchanged) == (0, 4)


def test_a_file_changed_behind_the_manifest_is_compared_and_rewritten(tmp_path: Path) -> None:
    config = _config(tmp_path)
    write_site(PAGES, "{}", config)
    page = config.docs_dir / "zh/a.md"
    page.write_text("三", encoding="utf-8")  # same size, another mtime
    os.utime(page, ns=(0, 1))
    stats = write_site(PAGES, "{}", config)
    assert (stats.written, stats.unchanged) == (1, 3)
    assert page.read_text(encoding="utf-8") == "一"


def test_without_a_manifest_every_file_is_compared(tmp_path: Path) -> None:
    config = _config(tmp_path)
    write_site(PAGES, "{}", config)
    for path in (tmp_path / ".cache").iterdir():
        path.unlink()
    (config.docs_dir / "zh/sub/b.md").write_text("四", encoding="utf-8")
    stats = write_site({**PAGES, "zh": {"a.md": "一", "sub/b.md": "二", "c.md": "五"}}, "{}", config)
    assert (stats.written, stats.unchanged) == (2, 3)
