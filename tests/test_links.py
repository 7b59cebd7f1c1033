"""Cross-links end to end: the seeds plus constructed reposts, a versioned plan,
a citing notice and a hostile source, built by `mkdocs build --strict`; every
link in the zh and zh-Hant HTML must land on a page (and anchor) that exists."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest

from zhdocs import link
from zhdocs.config import Config
from zhdocs.link import LinkMemo
from zhdocs.model import Document
from zhdocs.render.markdown import anchor
from zhdocs.scripts import to_traditional

from .conftest import SEEDS, make_project, mkdocs_build

S001 = (SEEDS / "001_83d85754c8f55ec4.txt").read_text(encoding="utf-8")
S003 = (SEEDS / "003_c466d4eea8e104ae.txt").read_text(encoding="utf-8")
PLAN_TITLE = "汕尾市人民政府办公室关于印发汕尾市实施质量强市战略2017年度行动计划的通知"
HOSTILE = '</text><script>alert(1)</script><a href="javascript:x">&amp;'
CITING = (
    "汕尾市质监局关于落实质量强市行动计划的通知\n来源：汕尾市质监局\n"
    f"各科室：为贯彻落实《{PLAN_TITLE}》和粤办函〔2016〕517号文件精神，现就有关事项通知如下，"
    "请结合实际认真组织实施，确保各项质量工作任务按时完成。\n"
)
HOSTILE_DOC = (
    "某县召开标准化工作推进会议\n" + f"来源：{HOSTILE}\n"
    + "会议总结了全县标准化工作，部署下一阶段的农业标准化示范区建设任务，要求各镇落实责任。\n"
)
HREF = re.compile(r'\bhref="([^"]*)"')
ID = re.compile(r'\bid="([^"]*)"')


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    seeds = {p.name: p.read_bytes() for p in SEEDS.glob("*.txt")}
    seeds |= {
        "repost/hant.txt": to_traditional(S001).encode("big5", errors="replace"),
        "repost/half.txt": S003[: len(S003) // 2].encode("gbk", errors="replace"),
        "plan2018.txt": S003.replace("2017", "2018").replace("2016", "2017").encode(),
        "citing.txt": CITING.encode(),
        "hostile.txt": HOSTILE_DOC.encode(),
    }
    project = make_project(tmp_path_factory.mktemp("links"), seeds)
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr[-4000:]
    return project / "site"


def page_url(site: Path, page: Path) -> str:
    return "/" + page.relative_to(site).as_posix().removesuffix("index.html")


def target(site: Path, url: str) -> Path:
    path = site / unquote(urlparse(url).path).lstrip("/")
    return path / "index.html" if url.split("#")[0].endswith("/") else path


def broken_links(site: Path, page: Path) -> list[str]:
    base = page_url(site, page)
    broken = []
    for href in HREF.findall(page.read_text(encoding="utf-8")):
        href = html.unescape(href)
        if re.match(r"^[a-z]+:", href) or href.startswith("//"):
            continue  # external: not ours to check
        url = urljoin(base, href)
        file, fragment = target(site, url), urlparse(url).fragment
        if not file.is_file():
            broken.append(f"{href} (no {file.relative_to(site)})")
        elif fragment and fragment not in ID.findall(file.read_text(encoding="utf-8")):
            broken.append(f"{href} (no #{fragment})")
    return broken


@pytest.mark.parametrize("prefix", ["", "zh-Hant/"])
def test_every_link_resolves(site: Path, prefix: str) -> None:
    pages = [p for p in (site / prefix).rglob("index.html") if prefix or "zh-Hant" not in p.parts]
    assert len(pages) > 15
    broken = {str(p.relative_to(site)): b for p in pages if (b := broken_links(site, p))}
    assert broken == {}


@pytest.mark.parametrize("prefix", ["", "zh-Hant/"])
def test_index_and_related_links_reach_documents(site: Path, prefix: str) -> None:
    for index in ("regions", "years", "sources", "policies"):
        text = (site / prefix / index / "index.html").read_text(encoding="utf-8")
        assert 'href="../doc/003_c466d4eea8e104ae/' in text, index
    plan = (site / prefix / "doc/003_c466d4eea8e104ae/index.html").read_text(encoding="utf-8")
    letters = re.findall(r'href="\.\./\.\./keywords/([a-z0])/#(k-[0-9a-f]{10})"', plan)
    assert len(letters) >= 3  # each keyword on the page of its first letter
    for letter, keyword in letters:
        listing = (site / prefix / "keywords" / letter / "index.html").read_text(encoding="utf-8")
        section = listing[listing.index(f'id="{keyword}"'):]
        end = section.find("<h2")
        assert 'href="../../doc/003_c466d4eea8e104ae/"' in (section if end < 0 else section[:end]), keyword
    assert 'href="../plan2018/"' in plan  # the rewritten plan: a version, linked
    assert 'href="../citing/"' in plan  # the notice that cites it, linked back
    # what it cites, in the policy index: 《title》(number) is one policy, named by its title
    cited = "广东省人民政府办公厅关于印发广东省实施质量强省战略2016-2017年行动计划的通知"
    label = f"《{cited}》（粤办函〔2016〕517号）"
    label = to_traditional(label) if prefix else label
    assert f'href="../../policies/#{anchor("p", f"《{cited}》")}">{label}' in plan


def test_cited_document_in_the_corpus_is_linked_from_the_policy_index(site: Path) -> None:
    text = (site / "policies/index.html").read_text(encoding="utf-8")
    section = text[text.index(f'<h3 id="{anchor("p", f"《{PLAN_TITLE}》")}"'):]
    section = section[: section.index("<h3", 1)]
    assert '本库收录：<a href="../doc/003_c466d4eea8e104ae/"' in section
    assert 'href="../doc/citing/"' in section
    assert "粤办函〔2016〕517号" in text


def test_merged_reposts_forward_to_their_article(site: Path) -> None:
    records = json.loads((site / "corpus.json").read_text(encoding="utf-8"))["documents"]
    merged = {r["seed"]: r for r in records if r["status"] == "duplicate"}
    assert sorted(merged) == ["repost/half.txt", "repost/hant.txt"]
    for prefix in ("", "zh-Hant/"):
        for record in merged.values():
            stub = (site / prefix / "doc" / record["id"] / "index.html").read_text(encoding="utf-8")
            assert f'href="../{record["duplicate_of"]}/"' in stub


@pytest.mark.parametrize("prefix", ["", "zh-Hant/"])
def test_home_page_pictures_are_inline_svg_with_escaped_labels(site: Path, prefix: str) -> None:
    home = (site / prefix / "index.html").read_text(encoding="utf-8")
    assert home.count('<figure class="zhdocs-chart">\n<svg') == 3  # timeline, regions, sources
    assert "<script>alert(1)" not in home and 'href="javascript:' not in home
    assert "&lt;/text&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in home  # in the tooltip
    assert "cdn" not in home.lower()


def keyed(doc_id: str, keywords: list[str]) -> Document:
    doc = Document(doc_id, f"{doc_id}.txt")
    doc.meta.keywords = keywords
    return doc


def test_remembered_links_are_reused_only_while_their_keys_postings_hold() -> None:
    """A document's ranked links come from the last build's memo unless a
    posting of one of its keys changed (the memo's links are replaced by a
    marker to see which were reused)."""
    config = Config(Path("seeds"), Path("docs"))

    def corpus(d_keywords: list[str]) -> list[Document]:
        return [keyed("a", ["电梯", "质量"]), keyed("b", ["电梯"]), keyed("c", ["温州", "鞋业"]),
                keyed("d", d_keywords)]

    def linked(docs: list[Document], memo: LinkMemo | None) -> dict[str, list[str]]:
        return {d.id: [r.id for r in d.related] for d in link.link.run(docs, config, memo)[0]}
    assert linked(corpus(["鞋业"]), None) == {"a": ["b"], "b": ["a"], "c": ["d"], "d": ["c"]}
    memo = link.link.run(corpus(["鞋业"]), config, None)[1]
    marked = {digest: [("marker", "")] for digest in memo}
    assert linked(corpus(["鞋业"]), marked) == dict.fromkeys("abcd", ["marker"])
    # d now lists 电梯 too: a and b share a key with it, c's postings are as they were
    assert linked(corpus(["鞋业", "电梯"]), marked) == {
        "a": ["b", "d"], "b": ["a", "d"], "c": ["marker"], "d": ["a", "b", "c"]}
