"""The full-text shards' words and postings (the browser side is in test_browser.py)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from zhdocs.search import SearchFiles, fulltext

SEPARATOR = r"[\s\u200b\-]"  # mkdocs.yml's search separator


def postings(entries: list[dict]) -> dict[str, list[int]]:
    """word -> the numbers of the pages holding it, a page numbered by its place
    among the page entries (those without `#`), as the build numbers them."""
    return fulltext.postings(list(enumerate(fulltext.page_words(entries, SEPARATOR, {}).values())))


@pytest.mark.parametrize(("text", "expected"), [
    ("质量\u200b强市", {"质量", "强市"}),  # Material's jieba words
    ("<p>（GDP）\u200b增长</p>", {"gdp", "增长"}),  # tags gone, edges trimmed, lower case
    ("2016-03-17 08:54", {"2016", "03", "17", "08:54"}),  # inner punctuation stays
    ("，。\u200b——\u200b<b></b>", set()),  # punctuation alone is no word
])
def test_words_are_trimmed_tokens(text: str, expected: set[str]) -> None:
    entry = {"location": "doc/a/", "title": "", "text": text}
    assert set(fulltext.page_words([entry], SEPARATOR, {})["doc/a/"]) == expected


def test_a_sections_words_belong_to_its_page() -> None:
    entries = [
        {"location": "index.html", "title": "首页", "text": ""},
        {"location": "doc/a/", "title": "甲", "text": "质量"},
        {"location": "doc/a/#s", "title": "一节", "text": "儿童\u200b玩具"},
        {"location": "doc/b/", "title": "乙", "text": "玩具"},
        {"location": "gone/#s", "title": "孤节", "text": "孤儿"},  # no page entry: nowhere to link
    ]
    index = postings(entries)
    assert index["玩具"] == [1, 2] and index["儿童"] == [1] and index["一节"] == [1]  # pages, not sections
    assert "孤儿" not in index


def test_shards_cut_by_the_first_two_code_units() -> None:
    assert fulltext.shard_of("东莞", 64) == fulltext.shard_of("东莞市", 64)  # one fetch finds both
    assert {fulltext.shard_of(w, 64) for w in ("东莞", "质量", "标准", "a", "𠀀x")} <= set(range(64))
    assert fulltext.shard_count({"词": list(range(100_000))}) > fulltext.shard_count({"词": [1]}) == 1


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((folder / fulltext.FOLDER).iterdir())}


def test_shards_updated_in_place_are_those_written_afresh(tmp_path: Path) -> None:
    """A rebuild that changes one page's words writes only the shards of the
    words it gained or lost, and the shards come out as a fresh write's."""
    words = tuple(sorted(f"词{n}" for n in range(2000)))
    before = [(number, words) for number in range(0, 100, 2)]  # ~400 kB of postings: several shards
    edited = tuple(sorted({*words[1:], "新词"}))  # page 6 lost 词0 and gained 新词
    after = [(number, edited if number == 6 else words) for number, _ in before]
    kept = fulltext.Shards()
    kept.write(tmp_path / "kept", before)
    for path in (tmp_path / "kept" / fulltext.FOLDER).iterdir():
        os.utime(path, ns=(1, 1))
    count, _ = kept.write(tmp_path / "kept", after)
    assert (count, _) == fulltext.Shards().write(tmp_path / "fresh", after) and count > 4
    assert _files(tmp_path / "kept") == _files(tmp_path / "fresh")
    rewritten = {p.name for p in (tmp_path / "kept" / fulltext.FOLDER).iterdir() if p.stat().st_mtime_ns != 1}
    assert rewritten == {f"{fulltext.shard_of(w, count)}.json" for w in ("词0", "新词")}


def test_shards_are_written_afresh_when_their_folder_was_emptied(tmp_path: Path) -> None:
    pages = [(0, ("东莞",)), (1, ("质量",))]
    shards = fulltext.Shards()
    shards.write(tmp_path, pages)
    shutil.rmtree(tmp_path / fulltext.FOLDER)  # a full build cleans the site
    shards.write(tmp_path, [(0, ("东莞",)), (1, ("计量",))])
    assert _files(tmp_path) == _files_of_fresh(tmp_path / "fresh", [(0, ("东莞",)), (1, ("计量",))])


def _files_of_fresh(folder: Path, pages: list[tuple[int, tuple[str, ...]]]) -> dict[str, bytes]:
    fulltext.Shards().write(folder, pages)
    return _files(folder)


def _search_files(folder: Path, files: SearchFiles, pages: list[tuple[str, list[dict]]],
                  words: bool = False) -> dict[str, bytes]:
    """The shards and indexes of `pages` (written with their Traditional twins, as a build
    does); `words`: each page's words given, as they come with remembered entries."""
    (folder / "search").mkdir(parents=True, exist_ok=True)
    (folder / "search" / "search_index.json").write_text("{}")  # Material's, which it measures
    twins = [(f"zh-Hant/{url}", [{**e, "location": f"zh-Hant/{e['location']}"} for e in entries])
             for url, entries in pages]
    given = {url: list(fulltext.page_words(entries, SEPARATOR, {}).values())
             for url, entries in pages + twins} if words else None
    files.write(folder, {"zh": "", "zh-Hant": "zh-Hant"}, pages + twins, {"separator": SEPARATOR},
                words=given)
    return _files(folder)


def test_words_given_with_the_entries_are_those_worked_out(tmp_path: Path) -> None:
    """A page's words worked out where its entries were (under its script's folder)
    make the files its entries alone make."""
    pages = [(f"doc/{n}/", [{"location": f"doc/{n}/", "title": f"文{n}", "text": f"质量\u200b词{n}"},
                            {"location": f"doc/{n}/#s", "title": "一节", "text": f"标准\u200b节{n}"}])
             for n in range(3)]
    _search_files(tmp_path / "given", SearchFiles(), pages, words=True)
    _search_files(tmp_path / "fresh", SearchFiles(), pages)
    given = {p.relative_to(tmp_path / "given").as_posix(): p.read_bytes()
             for p in (tmp_path / "given").rglob("*") if p.is_file()}
    assert given == {p.relative_to(tmp_path / "fresh").as_posix(): p.read_bytes()
                     for p in (tmp_path / "fresh").rglob("*") if p.is_file()}
    assert any(name.startswith(f"zh-Hant/{fulltext.FOLDER}/") for name in given)


def test_a_page_that_gains_a_section_renumbers_no_other(tmp_path: Path) -> None:
    """Postings number pages, not entries: a section added to the first page
    (an index page listing one more keyword) changes the shards of its new words only."""
    first = [{"location": "keywords/", "title": "关键词", "text": "质量"}]
    others = [(f"doc/{n}/", [{"location": f"doc/{n}/", "title": f"文{n}",
                              "text": "\u200b".join(f"词{n}{k}" for k in range(300))}]) for n in range(40)]
    files = SearchFiles()
    before = _search_files(tmp_path / "kept", files, [("keywords/", first), *others])
    for path in (tmp_path / "kept" / fulltext.FOLDER).iterdir():
        os.utime(path, ns=(1, 1))
    gained = [*first, {"location": "keywords/#new", "title": "标准", "text": "计量"}]
    after = _search_files(tmp_path / "kept", files, [("keywords/", gained), *others])
    assert after == _search_files(tmp_path / "fresh", SearchFiles(), [("keywords/", gained), *others])
    count = len(after)
    rewritten = {p.name for p in (tmp_path / "kept" / fulltext.FOLDER).iterdir() if p.stat().st_mtime_ns != 1}
    assert count > 4 and after != before
    assert rewritten == {f"{fulltext.shard_of(w, count)}.json" for w in ("标准", "计量")}
