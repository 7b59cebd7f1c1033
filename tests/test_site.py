"""End to end: the five seeds through `mkdocs build --strict`, checked in the HTML."""

from __future__ import annotations

import itertools
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import jieba
import pytest

from zhdocs import search
from zhdocs.scripts import TO_TRADITIONAL, converter
from zhdocs.search import FULLTEXT_SHARDS, LEAD_CHARS, fulltext

from .conftest import SEED_IDS, SITE_PORT

PINYIN_ANNOTATION = re.compile(r"[\u3400-\u9fff]\([a-zA-Z\u00c0-\u024f]{1,7} ?\)")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}
SHOWN_ATTRIBUTES = ("placeholder", "title", "alt", "aria-label")
SHANWEI = "003_c466d4eea8e104ae"  # 汕尾: a long plan, many words deep in its body
CHECK = {"zh": "t2s", "zh-Hant": TO_TRADITIONAL}  # a page in this script is unchanged by this conversion


class _TextByLanguage(HTMLParser):
    """The text a reader sees, per declared language (`lang`, inherited)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None]] = []  # (tag, lang) of open elements
        self.text: dict[str, list[str]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        lang = values.get("lang") or (self.stack[-1][1] if self.stack else None)
        for name in SHOWN_ATTRIBUTES:  # text a reader sees or hears, outside text nodes
            if values.get(name):
                self.text.setdefault(lang or "", []).append(values[name] or "")
        if tag not in VOID:
            self.stack.append((tag, lang))

    def handle_endtag(self, tag: str) -> None:
        while self.stack and self.stack.pop()[0] != tag:
            pass

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1][0] not in ("script", "style") and data.strip():
            self.text.setdefault(self.stack[-1][1] or "", []).append(data)


def text_by_language(html: str) -> dict[str, str]:
    parser = _TextByLanguage()
    parser.feed(html)
    return {lang: " ".join(parts) for lang, parts in parser.text.items()}


def visible_text(html: str) -> str:
    return " ".join(text_by_language(html).values())


def site_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


@pytest.mark.parametrize("seed_id", SEED_IDS)
@pytest.mark.parametrize("prefix", ["", "zh-Hant/"])
def test_every_seed_has_a_page_in_both_scripts(built_site: Path, seed_id: str, prefix: str) -> None:
    page = built_site / f"{prefix}doc/{seed_id}/index.html"
    html = page.read_text(encoding="utf-8")
    lang = "zh-Hant" if prefix else "zh"
    assert f'<html lang="{lang}"' in html
    assert "<h1" in html


def test_no_pinyin_annotation_on_any_page(built_site: Path) -> None:
    for page in built_site.rglob("*.html"):
        assert not PINYIN_ANNOTATION.search(visible_text(page.read_text(encoding="utf-8"))), page


def test_every_page_is_in_its_own_script(built_site: Path) -> None:
    """Every page of both scripts, nav and UI included: `<html lang>` is its folder's
    script, and text in each language is unchanged by converting it to that script."""
    pages = site_pages(built_site)
    assert len(pages) > 2 * (len(SEED_IDS) + 7)
    for page in pages:
        html = page.read_text(encoding="utf-8")
        lang = "zh-Hant" if page.relative_to(built_site).parts[0] == "zh-Hant" else "zh"
        assert f'<html lang="{lang}"' in html, page
        texts = text_by_language(html)
        assert set(texts) <= {lang, *CHECK}, (page, set(texts))
        for text_lang, text in texts.items():
            check = converter(CHECK[text_lang or lang])
            assert check.convert(text) == text, (page, text_lang, _leaks(text, check.convert(text)))


def test_the_themes_script_strings_are_in_each_pages_script(built_site: Path) -> None:
    """What Material's scripts show (search results, the copy button) is not visible
    text in the HTML: its translations travel in the page's config (JSON)."""
    for folder, lang in (("", "zh"), ("zh-Hant", "zh-Hant")):
        html = (built_site / folder / "index.html").read_text(encoding="utf-8")
        config = re.search(r'<script id="__config" type="application/json">(.*?)</script>', html, re.S)
        assert config, folder
        translations = json.loads(config[1])["translations"]
        check = converter(CHECK[lang])
        assert len(translations) > 5 and all(check.convert(t) == t for t in translations.values()), (
            folder, {k: t for k, t in translations.items() if check.convert(t) != t})


def _leaks(text: str, converted: str) -> list[str]:
    return sorted({text[max(0, i - 4): i + 4] for i, (a, b) in enumerate(zip(text, converted, strict=False))
                   if a != b})


HALF_WIDTH = re.compile(r"[\u4e00-\u9fff][,;:?!()]|[,;:?!()][\u4e00-\u9fff]")
PROVENANCE = re.compile(r'<details class="provenance">.*?</details>', re.S)


def test_no_half_width_punctuation_next_to_chinese_on_any_page(built_site: Path) -> None:
    """Pages, labels and UI alike; the provenance notes quote the raw scrape on purpose."""
    for page in site_pages(built_site):
        text = visible_text(PROVENANCE.sub("", page.read_text(encoding="utf-8")))
        assert not HALF_WIDTH.search(text), (page, HALF_WIDTH.findall(text))


def test_the_check_sees_leaks() -> None:
    """The script check above would catch a Simplified label on a Traditional page."""
    texts = text_by_language('<html lang="zh-Hant"><body><nav>首页</nav><p lang="zh">首页</p></body>')
    assert converter(TO_TRADITIONAL).convert(texts["zh-Hant"]) != texts["zh-Hant"]
    assert converter("t2s").convert(texts["zh"]) == texts["zh"]


def test_language_switch_points_to_the_same_document(built_site: Path) -> None:
    html = (built_site / f"doc/{SEED_IDS[3]}/index.html").read_text(encoding="utf-8")
    assert f'href="../../zh-Hant/doc/{SEED_IDS[3]}/" hreflang="zh-Hant"' in html


def test_corpus_json_accounts_for_every_seed(corpus: dict) -> None:
    records = {r["seed"]: r for r in corpus["documents"]}
    assert sorted(records) == [f"{s}.txt" for s in SEED_IDS]
    assert corpus["counts"] == {"published": 5, "duplicate": 0, "rejected": 0}
    for seed_id in SEED_IDS:
        record = records[f"{seed_id}.txt"]
        assert record["urls"] == {"zh": f"doc/{seed_id}/", "zh-Hant": f"zh-Hant/doc/{seed_id}/"}
        assert record["title"] and record["region"]["province"]


def test_repeated_bodies_are_shown_once(built_site: Path) -> None:
    text = visible_text((built_site / "doc/000_12dd08e151866e2b/index.html").read_text("utf-8"))
    assert text.count("一是建立领导激励机制") == 1
    text = visible_text((built_site / "doc/002_2ce0a9b537d74b60/index.html").read_text("utf-8"))
    assert text.count("翻看历次联席会议记录本") == 1


def search_index(site: Path, folder: str = "") -> list[dict]:
    return json.loads((site / folder / "search/search_index.json").read_text("utf-8"))["docs"]


def test_each_script_has_its_own_small_search_index(built_site: Path) -> None:
    for folder in ("", "zh-Hant"):
        entries = search_index(built_site, folder)
        assert all(not e["location"].startswith("zh-Hant/") for e in entries)
        assert any(e["location"] == f"doc/{SEED_IDS[1]}/" for e in entries)
        assert all(e["text"] == "" for e in entries if "#" in e["location"])  # headings only
        assert max(len(e["text"]) for e in entries) <= LEAD_CHARS
    hans, hant = (" ".join(e["title"] + e["text"] for e in search_index(built_site, f))
                  for f in ("", "zh-Hant"))
    assert "\u200b质量\u200b" in hans and "質量" not in hans
    assert "\u200b質量\u200b" in hant and "质量" not in hant


def test_an_entry_that_reads_the_same_in_both_scripts_is_in_both_indexes(built_site: Path) -> None:
    """mkdocs-static-i18n's `reconfigure_search` (off in mkdocs.yml) drops a
    Traditional entry whose title and text equal a Simplified one's (a heading
    such as 2016 or 吉林省), and compares every pair of entries to find them:
    quadratic, ~11 s of a 1,000-document build."""
    s2t = converter(TO_TRADITIONAL).convert
    same = [(e["location"], e["title"]) for e in search_index(built_site)
            if s2t(e["title"]) == e["title"] and s2t(e["text"]) == e["text"]]
    assert same
    traditional = {(e["location"], e["title"]) for e in search_index(built_site, "zh-Hant")}
    assert [entry for entry in same if entry not in traditional] == []


def test_every_search_result_links_to_an_existing_section(built_site: Path) -> None:
    for folder in ("", "zh-Hant"):
        sections = [e["location"] for e in search_index(built_site, folder) if "#" in e["location"]]
        assert any(s.startswith("doc/") for s in sections)
        for location in sections:
            path, anchor = location.split("#")
            html = (built_site / folder / path / "index.html").read_text(encoding="utf-8")
            assert f'id="{anchor}"' in html, location


def fulltext_index(site: Path, folder: str = "") -> dict[str, list[int]]:
    """word -> page numbers, from the shards as the browser decodes them."""
    shards = json.loads((site / folder / "search/search_index.json").read_text("utf-8"))
    count = shards["config"][FULLTEXT_SHARDS]
    found: dict[str, list[int]] = {}
    for number in range(count):
        shard = json.loads((site / folder / f"search/fulltext/{number}.json").read_text("utf-8"))
        for word, deltas in shard.items():
            assert fulltext.shard_of(word, count) == number, word  # where the browser looks
            found[word] = list(itertools.accumulate(deltas))
    return found


def test_every_word_of_a_body_is_in_its_scripts_full_text_shards(built_site: Path) -> None:
    for folder, words in (("", ("儿童玩具", "假冒伪劣", "质量")), ("zh-Hant", ("假冒偽劣", "質量"))):
        entries, index = search_index(built_site, folder), fulltext_index(built_site, folder)
        small = " ".join(e["title"] + " " + e["text"] for e in entries)
        assert "儿童玩具" not in small and "假冒" not in small  # body-only: the test needs the shards
        pages = [e["location"] for e in entries if "#" not in e["location"]]  # what postings number
        shanwei = pages.index(f"doc/{SHANWEI}/")
        for word in words:
            assert shanwei in index[word], (folder, word)
        assert all(0 <= p < len(pages) for numbers in index.values() for p in numbers)
        assert all(numbers == sorted(set(numbers)) for numbers in index.values())


def test_the_build_reports_the_search_index_size(built_site: Path) -> None:
    log = (built_site.parent / "build.log").read_text(encoding="utf-8")
    assert re.search(r"zhdocs: search index .*Material full text.*zh-Hant [\d.]+ kB \(gzip [\d.]+ kB", log)
    assert re.search(r"; zh full text [\d.]+ MB in \d+ shards.*zh-Hant full text [\d.]+ MB", log)


def test_a_large_index_is_gzipped_in_part_and_scaled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Material's 10k index is 281 MB: gzipping all of it for a log line took ~20 s.
    Its start (the index pages' link lists) packs far better than the rest."""
    lists = [{"location": "keywords/", "title": "按关键词", "text": "质量\u200b强市 " * 9000}]
    entries = [{"location": f"doc/{i:05d}/", "title": f"第{i}号通知",
                "text": f"质量\u200b强市\u200b{i * 7919 % 100003}"} for i in range(20_000)]
    path = tmp_path / "search_index.json"
    path.write_text(json.dumps({"docs": lists + entries}, ensure_ascii=False), encoding="utf-8")
    exact = search._file_size("all", path)
    monkeypatch.setattr(search, "GZIP_SAMPLE", path.stat().st_size // 10)
    sampled = search._file_size("part", path)
    assert not exact.estimated and sampled.estimated and sampled.raw == exact.raw
    assert abs(sampled.gzipped - exact.gzipped) < 0.1 * exact.gzipped
    assert "gzip ≈" in str(sampled) and "≈" not in str(exact)


def test_traditional_words_are_one_token_in_the_index(built_site: Path) -> None:
    """jieba's own dictionary splits Traditional words; zhdocs's user dictionary joins them."""
    assert jieba.lcut("雙字體發佈") != ["雙", "字體", "發佈"]  # jieba alone (this process)
    hant = "\u200b".join(e["text"] for e in search_index(built_site, "zh-Hant"))
    for word in ("發佈", "質量", "東莞市", "標準"):
        assert f"\u200b{word}\u200b" in hant, word


def test_query_maps_carry_a_query_into_the_site_script(built_site: Path) -> None:
    to_hans = json.loads((built_site / "search/query_map.json").read_text("utf-8"))
    to_hant = json.loads((built_site / "zh-Hant/search/query_map.json").read_text("utf-8"))
    assert "".join(to_hans.get(c, c) for c in "質量強市") == "质量强市"
    assert "".join(to_hant.get(c, c) for c in "质量强市") == "質量強市"
    # body words too (the full-text shards hold them); 具 stays 具, though 家具 makes it 俱 once
    assert "".join(to_hant.get(c, c) for c in "儿童玩具") == "兒童玩具"
    assert all(k != v for k, v in (*to_hans.items(), *to_hant.items()))


def test_every_page_loads_zhdocs_js_before_material(built_site: Path) -> None:
    """zhdocs.js must run first: it points Material at the script's own search index."""
    for page in site_pages(built_site):
        html = page.read_text(encoding="utf-8")
        assert -1 < html.find("javascripts/zhdocs.js") < html.find("javascripts/bundle."), page
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"/zh-Hant/doc/{SEED_IDS[0]}/" in sitemap and f"/doc/{SEED_IDS[0]}/" in sitemap


def test_a_404_page_in_each_script(built_site: Path) -> None:
    for folder, lang, heading in (("", "zh", "页面不存在"), ("zh-Hant", "zh-Hant", "頁面不存在")):
        html = (built_site / folder / "404.html").read_text(encoding="utf-8")
        assert f'<html lang="{lang}"' in html and f"<h1>{heading}" in html
        # its language switch leads to each script's home page
        switch = set(re.findall(r'<a href="([^"]*)" hreflang="([^"]*)"', html))
        assert switch == {("/", "zh"), ("/zh-Hant/", "zh-Hant")}, switch


def test_every_document_has_its_permalink_and_source_script(built_site: Path) -> None:
    for prefix, label, script in (("", "本文链接：", "原文字体"), ("zh-Hant/", "本文鏈接：", "原文字體")):
        html = (built_site / f"{prefix}doc/{SEED_IDS[1]}/index.html").read_text("utf-8")
        assert f'{label}<a href="http://127.0.0.1:{SITE_PORT}/{prefix}doc/{SEED_IDS[1]}/"' in html
        assert script in visible_text(html)
    # a Traditional original's, in words true on the pages of both scripts
    for prefix, fact in (("", "原文字体</strong>：繁体中文</li>"),
                         ("zh-Hant/", "原文字體</strong>：繁體中文</li>")):
        html = (built_site / f"{prefix}doc/{SEED_IDS[0]}/index.html").read_text("utf-8")
        assert fact in html, prefix


def test_index_pages_exist_in_both_scripts(built_site: Path) -> None:
    for name in ("regions", "years", "sources", "keywords", "policies", "report"):
        assert (built_site / name / "index.html").is_file()
        assert (built_site / "zh-Hant" / name / "index.html").is_file()
