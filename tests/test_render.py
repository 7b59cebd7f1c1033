"""Stage render: scraped text stays text; front matter round-trips."""

from __future__ import annotations

import markdown
import pytest
from mkdocs.utils.meta import get_data

from zhdocs.render import markdown as md

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


def test_only_plain_http_urls_become_links() -> None:
    assert md.external_link("x", "javascript:alert(1)") == "javascript:alert\\(1\\)"
    assert md.external_link("x", "http://www.komtrakbg.com").startswith("[x](<http")
