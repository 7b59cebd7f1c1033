"""Stage render: scraped text stays text; front matter round-trips."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
import yaml
from mkdocs.utils.meta import get_data

from zhdocs.config import Config
from zhdocs.model import Document
from zhdocs.render import markdown as md
from zhdocs.render.pieces import line_pieces
from zhdocs.scripts import to_traditional

from .conftest import SEEDS, index_pages

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[点我](javascript:alert(1))",
    "![x](data:text/html;base64,PHNjcmlwdD4=)",
    "# 不是标题",
    "1. 不是列表",
    "> 不是引用",
    "{{ config.site_name }} {% if x %}",
    "**粗** _斜_ `代码` | 表格 |",
    "---",
    "段落\r\r    不是代码块",  # Python-Markdown ends lines at \r as well
    "甲\x02wzxhzdk:0\x03乙",  # Python-Markdown's own raw-HTML placeholder
    "<<script>script>",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_scraped_text_renders_literally(value: str) -> None:
    html = markdown.markdown(md.text(value), extensions=["attr_list", "tables", "toc"])
    assert "<script" not in html and "<img" not in html and "<a " not in html
    assert "<h1" not in html and "<ol" not in html and "<blockquote" not in html
    assert "<strong" not in html and "<code" not in html and "<hr" not in html
    assert html.startswith("<p>")


@pytest.mark.parametrize("title", ["通知: 关于 #2 的说明", "---\ntitle: x", "a: [b, c]", "'引号\" & <b>"])
def test_front_matter_round_trips(title: str) -> None:
    page = md.front_matter({"title": title}) + "正文"
    body, meta = get_data(page)  # MkDocs' own front-matter parser
    assert (meta, body) == ({"title": title}, "正文")


TRICKY_YAML = ["\x85", "\u2028", "\ufeff", "😀", "𠀀", "\ud800", "\t", "\x00", "\x1b", "\x9f", "\u3000",
               "---", "...", ": ", " #", "'", '"', "\\", "\n", "\r", "- ", "? ", "*", "&", "!", "|", ">",
               "%", "@", "`", "{", "[", ",", "yes", "null", "~", "1e3", "2016-04-29", "質量", " ", "\ue000",
               "\U000F0000"]


@pytest.mark.parametrize("value", [*TRICKY_YAML, *(a + b for a in TRICKY_YAML for b in TRICKY_YAML)])
def test_front_matter_is_the_python_emitters(value: str) -> None:
    """libyaml writes front matter where it writes what the pure-Python emitter writes."""
    fields = {"title": value, "tags": [value, "a"], "region": {"city": value}}
    python = yaml.dump(fields, Dumper=yaml.SafeDumper, allow_unicode=True, sort_keys=False, width=1_000_000)
    assert md.front_matter(fields) == f"---\n{python}---\n\n"


def test_only_plain_http_urls_become_links() -> None:
    assert md.external_link("x", "javascript:alert(1)") == "javascript:alert\\(1\\)"
    assert md.external_link("x", "http://www.komtrakbg.com").startswith("[x](<http")


def test_index_pages_convert_the_same_piece_by_piece(processed: dict[str, Document]) -> None:
    """OpenCC never matches across a line end: the pieces' conversions joined are the page's."""
    docs = list(processed.values())
    for text in index_pages(docs, Config(SEEDS, Path("unused"))).values():
        pieces = line_pieces(text)
        assert "".join(pieces) == text
        assert "".join(to_traditional(p) for p in pieces) == to_traditional(text)


def test_an_entry_more_changes_only_the_pieces_around_it() -> None:
    lines = [f"- [第{i}号通知](doc/{i}.md) （2016-05-03）\n" for i in range(2000)]
    before = line_pieces("".join(lines))
    after = line_pieces("".join(lines[:1000] + ["- [新增的通知](doc/new.md)\n"] + lines[1000:]))
    assert len(before) > 20
    assert len(set(after) - set(before)) == 1
