"""End to end: the five seeds through `mkdocs build --strict`, checked in the HTML."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from zhdocs.scripts import converter

from .conftest import SEED_IDS

PINYIN_ANNOTATION = re.compile(r"[\u3400-\u9fff]\([a-zA-Z\u00c0-\u024f]{1,7} ?\)")
TAGS = re.compile(r"<[^>]+>")


LANGUAGE_SELECTOR = re.compile(r'<div class="md-select".*?</div>', re.S)


def visible_text(html: str) -> str:
    """The text a reader sees. Language names in the switcher are left out: by
    convention each is written in its own script (简体中文 / 繁體中文)."""
    body = re.sub(r"<(script|style)\b.*?</\1>", "", html, flags=re.S)
    return TAGS.sub(" ", LANGUAGE_SELECTOR.sub("", body))


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


def test_traditional_pages_are_traditional_and_simplified_pages_simplified(built_site: Path) -> None:
    for seed_id in SEED_IDS:
        hant = visible_text((built_site / f"zh-Hant/doc/{seed_id}/index.html").read_text("utf-8"))
        hans = visible_text((built_site / f"doc/{seed_id}/index.html").read_text("utf-8"))
        assert converter("s2t").convert(hant) == hant, seed_id
        assert converter("t2s").convert(hans) == hans, seed_id


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


def test_search_index_is_segmented(built_site: Path) -> None:
    entries = json.loads((built_site / "search/search_index.json").read_text("utf-8"))["docs"]
    text = "".join(e["text"] for e in entries)
    assert "\u200b质量\u200b" in text  # jieba's words, separated by zero-width spaces
    assert "\u200b質量\u200b" in text  # the Traditional pages are indexed too


def test_index_pages_exist_in_both_scripts(built_site: Path) -> None:
    for name in ("regions", "years", "sources", "keywords", "policies", "report"):
        assert (built_site / name / "index.html").is_file()
        assert (built_site / "zh-Hant" / name / "index.html").is_file()
