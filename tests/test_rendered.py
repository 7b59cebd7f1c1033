"""Each page's HTML remembered between builds (`zhdocs.rendered`), against MkDocs'
own `Page.render` on real pages: the same HTML, table of contents, anchors and
log records, and a render again whenever what it read has changed."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, get_files
from mkdocs.structure.pages import Page

from zhdocs import rendered
from zhdocs.cache import Memo

PAGES = {
    "index.md": "# 首页\n\n## 概况 {#about}\n\n见[政策](policy.md#s2)与[本页](#about)。\n",
    "policy.md": "# 政策\n\n| 年 | 数 |\n| --- | --- |\n| 2016 | 3 |\n\n## 第二节 {#s2}\n\n文本。\n",
    "broken.md": "# 断链\n\n[不存在](missing.md) 与 [目录](sub/)。\n",
}


@pytest.fixture(autouse=True)
def installed() -> Iterator[None]:
    assert rendered.install()
    yield
    rendered.use(None)


def site(tmp_path: Path, pages: dict[str, str] = PAGES, **settings: object) -> MkDocsConfig:
    docs = tmp_path / "docs"
    docs.mkdir(exist_ok=True)
    for name in {p.name for p in docs.iterdir()} - set(pages):
        (docs / name).unlink()
    for name, text in pages.items():
        (docs / name).write_text(text, encoding="utf-8")
    config = MkDocsConfig(config_file_path=str(tmp_path / "mkdocs.yml"))
    config.load_dict({"site_name": "t", "docs_dir": str(docs), "site_dir": str(tmp_path / "site"),
                      "markdown_extensions": ["toc", "attr_list", "tables"],
                      "validation": {"anchors": "warn"}, **settings})
    errors, _ = config.validate()
    assert not errors
    return config


def render_all(config: MkDocsConfig, memo: Memo | None) -> dict[str, dict[str, object]]:
    """Every page rendered through `Page.render`, and what it holds after."""
    rendered.use(memo)
    files = get_files(config)
    out = {}
    for file in files.documentation_pages():
        page = Page(None, file, config)
        page.read_source(config)
        page.render(config, files)
        out[file.src_uri] = state(page, files)
    rendered.use(None)
    return out


def state(page: Page, files: Files) -> dict[str, object]:
    """What render set on the page; each linked file as its path and whether it is the site's own."""
    links = page.links_to_anchors or {}
    return {"content": page.content, "toc": str(page.toc), "title": page._title_from_render,
            "active": [getattr(link, "active", None) for link in page.toc],
            "anchors": page.present_anchor_ids,
            "links": {(f.src_uri, f is files.get_file_from_path(f.src_uri)): a for f, a in links.items()}}


def warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    found = [r.getMessage() for r in caplog.records if r.name == rendered.PAGES_LOG.name]
    caplog.clear()
    return found


def test_a_remembered_render_is_the_render(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    config = site(tmp_path)
    fresh = render_all(config, None)
    logged = warnings(caplog)
    assert any("missing.md" in w for w in logged) and any("'sub/'" in w for w in logged)
    memo = Memo(tmp_path / "memo.sqlite")
    assert render_all(config, memo) == fresh  # converted, and kept
    assert warnings(caplog) == logged
    assert (memo.hits, memo.misses) == (0, 3)
    memo.close(prune=True)
    again = Memo(tmp_path / "memo.sqlite")
    assert render_all(config, again) == fresh  # from the memo, in a new "build"
    assert warnings(caplog) == logged  # --strict still fails on the broken link
    assert (again.hits, again.misses) == (3, 0)
    assert fresh["index.md"]["links"] == {("policy.md", True): {"s2": "policy.md#s2"},
                                          ("index.md", True): {"about": "#about"}}


def test_a_page_renders_again_when_a_link_target_comes_or_goes(tmp_path: Path,
                                                                caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)  # the level is part of what render reads: set it first
    memo = Memo(tmp_path / "memo.sqlite")
    render_all(site(tmp_path), memo)
    memo.close(prune=True)
    config = site(tmp_path, {**PAGES, "missing.md": "# 补上\n"})
    memo = Memo(tmp_path / "memo.sqlite")
    caplog.clear()
    assert render_all(config, memo) == render_all(config, None)
    assert (memo.hits, memo.misses) == (2, 2)  # broken.md's target came; missing.md is new
    memo.close(prune=True)
    gone = {name: text for name, text in {**PAGES, "missing.md": "# 补上\n"}.items() if name != "policy.md"}
    config = site(tmp_path, gone)
    memo = Memo(tmp_path / "memo.sqlite")
    caplog.clear()
    ours = render_all(config, memo)
    assert (memo.hits, memo.misses) == (2, 1)  # index.md linked to policy.md
    assert any("policy.md" in w for w in warnings(caplog))
    assert ours == render_all(config, None)


@pytest.mark.parametrize("settings", [
    {"use_directory_urls": False},  # every page's own address changes
    {"markdown_extensions": ["toc", "attr_list", "tables", "def_list"]},
    {"markdown_extensions": [{"toc": {"permalink": True}}, "attr_list", "tables"]},
    {"validation": {"links": {"not_found": "info"}}},
])
def test_a_setting_that_render_reads_renders_every_page_again(tmp_path: Path,
                                                               settings: dict[str, object]) -> None:
    memo = Memo(tmp_path / "memo.sqlite")
    render_all(site(tmp_path), memo)
    memo.close(prune=True)
    config = site(tmp_path, **settings)
    memo = Memo(tmp_path / "memo.sqlite")
    assert render_all(config, memo) == render_all(config, None)
    assert memo.hits == 0


def test_an_extension_not_known_to_read_only_the_page_is_never_remembered(tmp_path: Path) -> None:
    config = site(tmp_path, markdown_extensions=["toc", "pymdownx.caret"])
    for _ in range(2):
        memo = Memo(tmp_path / "memo.sqlite")
        render_all(config, memo)
        memo.close(prune=True)
        assert (memo.hits, memo.misses) == (0, 0)  # rendered as MkDocs does, uncounted


def test_a_full_build_forgets_what_it_did_not_use(tmp_path: Path) -> None:
    memo = Memo(tmp_path / "memo.sqlite")
    render_all(site(tmp_path, {**PAGES, "extra.md": "# 多余\n"}), memo)
    memo.close(prune=True)
    for prune, kept in ((False, 4), (True, 3)):
        memo = Memo(tmp_path / "memo.sqlite")
        render_all(site(tmp_path), memo)
        memo.close(prune=prune)
        with sqlite3.connect(tmp_path / "memo.sqlite") as db:
            assert db.execute("SELECT count(*) FROM page").fetchone()[0] == kept


def test_an_unreadable_memo_starts_afresh(tmp_path: Path) -> None:
    (tmp_path / "memo.sqlite").write_bytes(b"not a database")
    memo = Memo(tmp_path / "memo.sqlite")
    config = site(tmp_path)
    assert render_all(config, memo) == render_all(config, None)
    memo.close(prune=True)
    memo = Memo(tmp_path / "memo.sqlite")
    render_all(config, memo)
    assert memo.hits == 3


class _CountedFiles(Files):
    """MkDocs' files, counting the lookups that reach them."""

    asked = 0

    def get_file_from_path(self, path: str) -> File | None:
        _CountedFiles.asked += 1
        return super().get_file_from_path(path)


def test_each_path_is_looked_up_once_per_build_and_files(tmp_path: Path) -> None:
    config = site(tmp_path)
    files = _CountedFiles(list(get_files(config)))
    found = [rendered._lookup(files, path) for path in ("policy.md", "missing.md", "policy.md", "missing.md")]
    assert [f and f.src_uri for f in found] == ["policy.md", None, "policy.md", None]
    assert _CountedFiles.asked == 2  # noqa: PLR2004
    files.append(File("added.md", config.docs_dir, config.site_dir, config.use_directory_urls))
    assert rendered._lookup(files, "added.md").src_uri == "added.md"  # the files changed: asked again
    other = _CountedFiles(list(files))  # another build's, or the other language's
    assert rendered._lookup(other, "policy.md") is other.get_file_from_path("policy.md")
    assert _CountedFiles.asked == 5  # noqa: PLR2004
