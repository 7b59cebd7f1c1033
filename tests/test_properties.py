"""Properties: arbitrary bytes and arbitrary Unicode through every stage never raise,
every input ends in one of the three states, and scraped text renders as text.

(scripts/fuzz.py runs the same pipeline over 10,000+ generated inputs.)
"""

from __future__ import annotations

import importlib.util
import re
from html.parser import HTMLParser
from pathlib import Path

import markdown
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data

from zhdocs.config import Config
from zhdocs.model import DUPLICATE, PUBLISHED, REJECTED, Document
from zhdocs.pipeline import STEPS
from zhdocs.read import normalize_text, read_bytes
from zhdocs.render import markdown as md
from zhdocs.render import render

from .test_hostile import Parsed, live_markup

LINE_END = re.compile(r"[\r\n\x85\u2028\u2029]")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
CONFIG = Config(seeds_dir=Path("unused"), docs_dir=Path("unused"))
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Text as `read` hands it on: any Unicode, line ends and control characters normalised.
READ_TEXT = st.text().map(normalize_text)
# Scraped-looking text: Chinese, Markdown/HTML syntax and hostile fragments, mixed.
SCRAPED = st.lists(st.one_of(
    st.text(alphabet="的一是在质量标准關於臺灣。，：（）《》 \n", max_size=20),
    st.text(alphabet="<>[](){}#*_`|!-+.:/\\&;=\"' \n1aJ", max_size=20),
    st.sampled_from(["<script>alert(1)</script>", "javascript:", "data:", "onerror=", "---\n",
                     "{{ x }}", "{% y %}", "\n# ", "\n> ", "\n1. ", "\n    ", "&lt;", "<!--"]),
), max_size=30).map("".join)


def through_every_stage(inputs: list[bytes]) -> tuple[list[Document], dict[str, dict[str, str]]]:
    """read → clean → dedup → metadata → link (the pipeline's own list) → render."""
    docs = [read_bytes(Document(id=f"d{i}", seed_path=f"d{i}.txt"), data) for i, data in enumerate(inputs)]
    assert STEPS[0][0] == "read"
    for _name, per_doc, corpus in STEPS[1:]:
        if per_doc:
            docs = [per_doc(d, CONFIG) for d in docs]
        elif corpus:
            docs = corpus(docs, CONFIG)
    return docs, render(docs, CONFIG)


def assert_accounted_and_inert(inputs: list[bytes]) -> None:
    docs, pages = through_every_stage(inputs)
    assert len(docs) == len(inputs)
    for doc in docs:
        assert doc.status in (PUBLISHED, DUPLICATE, REJECTED)
        assert doc.reason or doc.status == PUBLISHED
    for files in pages.values():
        for path, page in files.items():
            body, meta = get_data(page)
            assert meta, path  # front matter MkDocs can parse
            html = markdown.markdown(body, extensions=["attr_list", "tables", "toc"])
            assert live_markup(Parsed(html), set()) == [], path


@SETTINGS
@given(st.lists(st.binary(max_size=2000), min_size=1, max_size=3))
def test_arbitrary_bytes_through_every_stage(inputs: list[bytes]) -> None:
    assert_accounted_and_inert(inputs)


@SETTINGS
@given(st.lists(st.one_of(st.text(), SCRAPED), min_size=1, max_size=3),
       st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "gb18030"]))
def test_arbitrary_unicode_through_every_stage(texts: list[str], encoding: str) -> None:
    assert_accounted_and_inert([t.encode(encoding, errors="ignore") for t in texts])


@settings(max_examples=300, deadline=None)
@given(READ_TEXT)
def test_read_leaves_no_control_characters(text: str) -> None:
    doc = read_bytes(Document(id="d", seed_path="d.txt"), text.encode("utf-8"))
    assert doc.status == REJECTED or not any(c < " " and c != "\n" for c in doc.raw)


class Text(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.data: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.data.append(data)


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.text(), SCRAPED))
def test_escaped_text_renders_exactly_as_it_reads(value: str) -> None:
    """One paragraph, no other element, and the reader sees the characters of `value`
    (on one line, without control characters)."""
    html = markdown.markdown(md.text(value), extensions=["attr_list", "tables", "toc"])
    expected = " ".join(CONTROL.sub("", LINE_END.sub(" ", value)).split())
    if not expected:
        return
    parsed = Text(html)
    assert parsed.tags == ["p"], (value, html)
    assert " ".join("".join(parsed.data).split()) == expected, (value, html)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_front_matter_round_trips(value: str) -> None:
    title = md.attribute(value)
    body, meta = get_data(md.front_matter({"title": title}) + "正文")
    assert (meta, body) == ({"title": title}, "正文")


def test_fuzz_script_runs_clean() -> None:
    """scripts/fuzz.py itself (its full run is 10,000 inputs; here a short one)."""
    path = Path(__file__).resolve().parent.parent / "scripts/fuzz.py"
    spec = importlib.util.spec_from_file_location("fuzz", path)
    assert spec and spec.loader
    fuzz = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fuzz)
    statuses = fuzz.fuzz(count=120, batch_size=60, seed=1)
    assert sum(statuses.values()) == 120 and statuses[PUBLISHED] and statuses[REJECTED]
