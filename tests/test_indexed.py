"""Each page's search entries remembered between builds (`zhdocs.search.indexed`),
against Material's own indexing of real rendered pages."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import get_files
from mkdocs.structure.pages import Page

from zhdocs.cache import Memo
from zhdocs.search import fulltext, indexed, segmentation
from zhdocs.search.segmentation import Segmenter

PAGES = {
    "index.md": "# 质量强市\n\n东莞市深入实施质量强市战略。\n\n## 标准化 {#std}\n\n推进标准化建设。\n",
    "tagged.md": "---\ntitle: 計量工作\ntags: [计量, 质量]\n---\n\n## 第一节\n\n加强计量检定。\n",
    "plain.md": "没有标题的页面，只有一段文字。\n",
}
Entries = list[dict[str, object]]


@pytest.fixture
def material(monkeypatch: pytest.MonkeyPatch) -> Iterator[ModuleType]:
    module = pytest.importorskip(segmentation.MATERIAL_SEARCH)
    monkeypatch.setattr(module, "jieba", module.jieba)  # restored after the test
    assert indexed.install()
    yield module
    indexed.use(None, None)


def rendered_pages(tmp_path: Path, pages: dict[str, str] = PAGES) -> list[Page]:
    docs = tmp_path / "docs"
    docs.mkdir(exist_ok=True)
    for name, text in pages.items():
        (docs / name).write_text(text, encoding="utf-8")
    config = MkDocsConfig(config_file_path=str(tmp_path / "mkdocs.yml"))
    config.load_dict({"site_name": "t", "docs_dir": str(docs), "site_dir": str(tmp_path / "site"),
                      "markdown_extensions": ["toc", "attr_list"]})
    assert not config.validate()[0]
    files = get_files(config)
    out = []
    for file in files.documentation_pages():
        page = Page(None, file, config)
        page.read_source(config)
        page.render(config, files)
        out.append(page)
    return out


def index_all(material: ModuleType, pages: list[Page], memo: Memo | None,
              segmenter: Segmenter) -> Entries:
    """One build's indexing: Material's search, segmenting with `segmenter`."""
    assert segmentation.install(segmenter)
    indexed.use(memo, segmenter)
    index = material.SearchIndex()
    for page in pages:
        index.add_entry_from_context(page)
    indexed.use(None, None)
    if memo is not None:
        memo.close(prune=True)
    return index.entries


def test_remembered_entries_are_materials_and_keep_their_words(tmp_path: Path, material: ModuleType) -> None:
    pages = rendered_pages(tmp_path)
    words = tmp_path / "words.pickle"
    fresh = index_all(material, pages, None, Segmenter(None))
    assert any("\u200b" in str(entry["text"]) for entry in fresh)  # segmented
    assert any(entry.get("tags") == ["计量", "质量"] for entry in fresh)
    first = Memo(tmp_path / "search.sqlite")
    segmenter = Segmenter(words)
    assert index_all(material, pages, first, segmenter) == fresh
    segmenter.save()
    assert (first.hits, first.misses) == (0, 3)
    again = Memo(tmp_path / "search.sqlite")
    segmenter = Segmenter(words)  # a new build: nothing segmented, every run's words kept
    assert index_all(material, pages, again, segmenter) == fresh
    assert (again.hits, again.misses) == (3, 0)
    segmenter.save()
    texts = [page.content or "" for page in pages]
    assert Segmenter(words).prepare(texts, lambda: texts, lambda fn, runs: [fn(run) for run in runs]) == 0


def test_a_changed_page_or_user_word_is_indexed_again(tmp_path: Path, material: ModuleType) -> None:
    words, user = tmp_path / "words.pickle", tmp_path / "user.dict"

    def build(pages: list[Page]) -> tuple[int, int]:
        """A build with both memos, checked against Material's own indexing; its hits and misses."""
        memo, segmenter, fresh = Memo(tmp_path / "search.sqlite"), Segmenter(words), Segmenter(None)
        segmenter.load_userdict(str(user))
        fresh.load_userdict(str(user))
        assert index_all(material, pages, memo, segmenter) == index_all(material, pages, None, fresh)
        segmenter.save()
        return memo.hits, memo.misses

    user.write_text("强市战略 900000\n考核办法 100000\n", encoding="utf-8")
    assert build(rendered_pages(tmp_path)) == (0, 3)
    changed = rendered_pages(tmp_path, {**PAGES, "plain.md": "换了一段文字。\n"})
    assert build(changed) == (2, 1)
    segmenter, run = Segmenter(None), "深入实施质量强市战略"
    segmenter.load_userdict(str(user))
    before = segmenter.cut(run)
    user.write_text("考核办法 100000\n质量强市 900000\n", encoding="utf-8")  # same total
    segmenter.load_userdict(str(user))
    assert segmenter.cut(run) != before
    assert build(changed) == (2, 1)  # the page that holds either word only
    user.write_text("考核办法 100000\n质量强市 900001\n", encoding="utf-8")  # another total
    assert build(changed) == (0, 3)


def test_a_pages_words_come_with_its_entries(tmp_path: Path, material: ModuleType) -> None:
    """Worked out with its entries, then remembered with them: its full-text words."""
    pages, separator = rendered_pages(tmp_path), r"[\s\u200b\-]"
    for counts in ((0, 3), (3, 0)):
        memo, segmenter = Memo(tmp_path / "search.sqlite"), Segmenter(tmp_path / "words.pickle")
        assert segmentation.install(segmenter)
        indexed.use(memo, segmenter)
        index = material.SearchIndex(separator=separator)
        for page in pages:
            start = len(index.entries)
            index.add_entry_from_context(page)
            expected = list(fulltext.page_words(index.entries[start:], separator, {}).values())
            found = indexed.words().get(page.url)
            assert found == expected and found  # noqa: PT018
            if memo.hits:  # remembered words are interned: shared among pages, as worked-out ones are
                assert all(word is sys.intern(word) for entry in found for word in entry)
        assert (memo.hits, memo.misses) == counts
        indexed.use(None, None)
        memo.close(prune=True)
        segmenter.save()


def test_without_the_segmenter_material_indexes_as_it_does(tmp_path: Path, material: ModuleType) -> None:
    pages = rendered_pages(tmp_path)
    memo = Memo(tmp_path / "search.sqlite")
    indexed.use(memo, Segmenter(None))  # Material still segments with jieba itself
    index = material.SearchIndex()
    for page in pages:
        index.add_entry_from_context(page)
    assert (memo.hits, memo.misses) == (0, 0)
    indexed.use(None, None)
    materials = material.SearchIndex()
    for page in pages:
        materials.add_entry_from_context(page)
    assert index.entries == materials.entries
