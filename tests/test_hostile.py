"""The hostile corpus (tests/hostile.py) through `mkdocs build --strict`, checked in the HTML.

Every case ends as the table says; scraped markup is shown literally in titles,
bodies, metadata, navigation, the search index and HTML attributes; and no page
carries a script, event handler or script URL that the theme did not put there.
"""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from zhdocs.scripts import to_traditional

from .conftest import make_project, mkdocs_build
from .hostile import ALL_CASES, LIST_ITEMS, MAX_SEED_MB, TABLE_ROWS, Case, write_seeds

MARKUP_CASES = [c for c in ALL_CASES if c.data.startswith("标题 ".encode())]
SCRIPT_URL = re.compile(r"^\s*(javascript|vbscript|data)\s*:", re.I)
DANGEROUS_TAGS = {"iframe", "object", "embed", "img", "form", "base", "frame", "frameset"}
RELATIVE = re.compile(r'"(\.\./)*\.\.?"|(\.\./)+')  # the page's depth, the only per-page part


class Parsed(HTMLParser):
    """Start tags with attributes, script elements, and the text a reader sees."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.scripts: list[str] = []
        self.text: list[str] = []
        self._in: str = ""
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        if tag in ("script", "style"):
            self._in = tag
            if tag == "script":
                self.scripts.append(RELATIVE.sub("", dict(attrs).get("src") or ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == self._in:
            self._in = ""

    def handle_data(self, data: str) -> None:
        if self._in == "script":
            self.scripts[-1] += RELATIVE.sub("", data)
        elif not self._in:
            self.text.append(data)

    def visible(self) -> str:
        return " ".join(" ".join(self.text).split())


def shown(value: str) -> str:
    return " ".join(value.split())


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The hostile corpus built by `mkdocs build --strict`: (site folder, build log)."""
    project = make_project(tmp_path_factory.mktemp("hostile"), {})
    write_seeds(project)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "seeds_dir: seeds\n", f"seeds_dir: seeds\n      max_seed_mb: {MAX_SEED_MB}\n"), encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr[-4000:]  # rejections alone do not fail a build
    return project / "site", result.stderr


def records(site: Path) -> dict[str, dict]:
    corpus = json.loads((site / "corpus.json").read_text(encoding="utf-8"))
    return {r["seed"]: r for r in corpus["documents"]}


def page(site: Path, path: str) -> Parsed:
    return Parsed((site / path / "index.html").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", ALL_CASES, ids=[c.name for c in ALL_CASES])
def test_every_case_ends_as_the_table_says(hostile: tuple[Path, str], case: Case) -> None:
    site, log = hostile
    record = records(site)[case.seed]
    assert record["status"] == case.outcome, record
    if case.outcome == "rejected":
        assert record["reason"].startswith(case.expect) and record["urls"] is None
        assert f"rejected {case.seed}: {record['reason']}" in log  # the file and the reason
    elif case.outcome == "duplicate":
        assert page(site, f"doc/{record['duplicate_of']}").tags  # merged into a live page
    else:
        for prefix, script in (("", shown), ("zh-Hant/", to_traditional)):
            text = page(site, f"{prefix}doc/{record['id']}").visible()
            assert shown(script(case.expect)) in text, (prefix, case.expect)


def test_report_page_lists_every_input_with_its_reason(hostile: tuple[Path, str]) -> None:
    site, _ = hostile
    text = page(site, "report").visible()
    for case in ALL_CASES:
        record = records(site)[case.seed]
        assert shown(case.seed) in text and shown(record["reason"]) in text, case.seed


def test_summary_counts_every_input(hostile: tuple[Path, str]) -> None:
    site, log = hostile
    corpus = json.loads((site / "corpus.json").read_text(encoding="utf-8"))
    counts = {o: sum(c.outcome == o for c in ALL_CASES) for o in ("published", "duplicate", "rejected")}
    assert corpus["counts"] == counts
    assert (f"{len(ALL_CASES)} seed files: {counts['published']} published, "
            f"{counts['duplicate']} merged as duplicates, {counts['rejected']} rejected") in log
    assert "zhdocs: merged " not in log  # routine: listed on the report page, printed with -v


@pytest.mark.parametrize("case", MARKUP_CASES, ids=[c.name for c in MARKUP_CASES])
def test_scraped_title_is_literal_everywhere(hostile: tuple[Path, str], case: Case) -> None:
    site, _ = hostile
    title = f"标题 {case.expect}"
    doc_id = records(site)[case.seed]["id"]
    doc = Parsed((site / f"doc/{doc_id}/index.html").read_text(encoding="utf-8"))
    head = {tag: attrs for tag, attrs in doc.tags if tag == "meta" and attrs.get("name") == "description"}
    assert shown(f"正文 {case.expect} 结束") in shown(head["meta"]["content"])  # an HTML attribute
    assert shown(title) in doc.visible()  # <title>, <h1>, author line, body
    for listing in ("years", "sources"):  # navigation: the index pages list every title
        assert shown(title) in page(site, listing).visible(), listing
    entries = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    [entry] = [e for e in entries if e["location"] == f"doc/{doc_id}/"]
    assert shown(title) in shown(Parsed(entry["title"].replace("\u200b", "")).visible())


def signature(tag: str, attrs: dict[str, str]) -> str:
    return tag + repr(sorted((k, RELATIVE.sub("", v)) for k, v in attrs.items()))


def theme_markup(site: Path) -> set[str]:
    """Every script and active element (forms, ...) the theme emits on a clean build's pages."""
    allowed = set()
    for path in site.rglob("*.html"):
        parsed = Parsed(path.read_text("utf-8"))
        allowed |= set(parsed.scripts)
        allowed |= {signature(t, a) for t, a in parsed.tags if t in DANGEROUS_TAGS}
    return allowed


def live_markup(parsed: Parsed, allowed: set[str]) -> list[str]:
    found = [f"<script> {s[:80]}" for s in parsed.scripts if s not in allowed]
    for tag, attrs in parsed.tags:
        found += [f"<{tag} {k}=…>" for k in attrs if k.startswith("on")]
        found += [f"<{tag} {k}={v[:40]}>" for k, v in attrs.items() if SCRIPT_URL.match(v)]
        if tag in DANGEROUS_TAGS and signature(tag, attrs) not in allowed:
            found.append(signature(tag, attrs))
        refresh = tag == "meta" and attrs.get("http-equiv", "").lower() == "refresh"
        if refresh and not re.fullmatch(r"0; url=\.\./[a-z0-9_-]+/", attrs.get("content", "")):
            found.append(f"refresh to {attrs.get('content')}")
    return found


def test_no_page_carries_live_markup_from_a_seed(hostile: tuple[Path, str], built_site: Path) -> None:
    site, _ = hostile
    allowed = theme_markup(built_site)
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 2 * sum(c.outcome != "rejected" for c in ALL_CASES)  # both scripts
    for path in pages:
        assert live_markup(Parsed(path.read_text("utf-8")), allowed) == [], path


def test_search_index_has_no_live_markup(hostile: tuple[Path, str]) -> None:
    site, _ = hostile
    entries = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    for entry in entries:
        for field in ("title", "text"):
            parsed = Parsed(entry[field])
            tags = {tag for tag, _ in parsed.tags}
            assert tags <= {"p", "ul", "ol", "li", "code", "strong", "em", "a", "table", "thead",
                            "tbody", "tr", "th", "td", "h1", "h2", "h3", "h4"}, (entry["location"], tags)
            assert live_markup(parsed, set()) == [], entry["location"]


def test_list_items_are_a_list_of_text(hostile: tuple[Path, str]) -> None:
    site, _ = hostile
    for prefix, script in (("", str), ("zh-Hant/", to_traditional)):
        path = site / f"{prefix}doc/{records(site)['list-items.txt']['id']}/index.html"
        items = re.findall(r'<li class="zhdocs-item">(.*?)</li>', path.read_text(encoding="utf-8"))
        assert [html.unescape(item) for item in items] == [script(item) for item in LIST_ITEMS]


def test_table_cells_are_text(hostile: tuple[Path, str]) -> None:
    site, _ = hostile
    for prefix, script in (("", str), ("zh-Hant/", to_traditional)):
        path = site / f"{prefix}doc/{records(site)['table.txt']['id']}/index.html"
        table = re.search(r"<table>(.*?)</table>", path.read_text(encoding="utf-8"), re.S)
        assert table, prefix
        cells = [html.unescape(c) for c in re.findall(r"<t[hd]>(.*?)</t[hd]>", table[1])]
        assert cells == [script(cell) for row in TABLE_ROWS for cell in row.split("\t")]


def test_symlink_target_never_published(hostile: tuple[Path, str]) -> None:
    site, _ = hostile
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml"):
            assert "secret-leaked" not in path.read_text(encoding="utf-8"), path


def test_the_scan_finds_live_markup() -> None:
    """The scanner itself: each kind of live markup is reported, escaped text is not."""
    hostile = ('<p onclick="x()">a</p><a href=" javascript:x()">b</a><img src=x><script>evil()</script>'
               '<meta http-equiv="refresh" content="0; url=https://evil.example/">')
    found = live_markup(Parsed(hostile), allowed=set())
    assert [f.split(" ")[0].split("[")[0] for f in found] == ["<script>", "<p", "<a", "img", "refresh"]
    assert live_markup(Parsed("<p>&lt;script&gt;alert(1)&lt;/script&gt; onerror=x</p>"), set()) == []
