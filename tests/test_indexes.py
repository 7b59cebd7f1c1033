"""Index pages: home page pictures (static SVG, every scraped label escaped), the
keyword index by pinyin, the report's parts."""

from __future__ import annotations

import re
from collections import Counter
from xml.etree import ElementTree

from zhdocs.model import DUPLICATE, REJECTED, Region
from zhdocs.render import charts, collation
from zhdocs.render.document import KEYWORDS_PAGE
from zhdocs.render.indexes import (
    CHART_ROWS,
    REPORT_PAGE,
    TOP_KEYWORDS,
    Listing,
    _top,
    entries,
    keywords_pages,
    policies_page,
    regions_page,
    report_pages,
    sources_page,
)
from zhdocs.render.markdown import anchor

HOSTILE = '</text><script>alert(1)</script>&"'


def svg_of(figure: str) -> ElementTree.Element:
    """The chart parses as XML: nothing scraped broke out of its element."""
    return ElementTree.fromstring(re.search(r"<svg.*</svg>", figure, re.S)[0])


def test_timeline_has_a_column_per_year_including_empty_ones() -> None:
    svg = svg_of(charts.timeline({"2014": 3, "2017": 1}, "每年的文档数"))
    labels = [t.text for t in svg.iter("{http://www.w3.org/2000/svg}text")]
    assert [x for x in labels if x and len(x) == 4] == ["2014", "2015", "2016", "2017"]
    assert len(list(svg.iter("{http://www.w3.org/2000/svg}rect"))) == 4


def test_hostile_labels_stay_text() -> None:
    figure = charts.bars([(HOSTILE, 2), ("东莞市质监局", 1)], HOSTILE)
    assert "<script>" not in figure
    texts = "".join(svg_of(figure).itertext())
    assert "</text><script>alert(1)</script>" in texts  # shown literally, as text


def test_no_script_and_no_external_resource() -> None:
    figure = charts.bars([("甲", 1)], "来源") + charts.timeline({"2016": 1}, "年份")
    assert "<script" not in figure and "http" not in figure.replace("http://www.w3.org/2000/svg", "")


def test_breakdown_keeps_the_biggest_groups_and_sums_the_rest() -> None:
    counts = Counter({f"来源{i:02d}": 1 for i in range(CHART_ROWS + 3)} | {"大来源": 9})
    rows = _top(counts)
    assert rows[0] == ("大来源", 9)
    assert rows[-1] == ("其他", 4) and len(rows) == CHART_ROWS + 1


def _listing(n: int, status: str = "published", keywords: list[str] | None = None) -> Listing:
    duplicate_of = "f0" if status == DUPLICATE else ""
    return Listing(f"f{n}", f"{n:02d}_[x](javascript:alert(1)).txt", status, duplicate_of, "", f"标题{n}", "",
                   "", Region(), keywords or [], [], [], {}, "")


def test_keywords_file_under_the_first_letter_of_their_pinyin_in_pinyin_order() -> None:
    words = ["重庆", "银行", "长春", "安全", "质量", "GDP", "5G", "計量", "成本", "[x](javascript:1)"]
    readings = collation.readings(words)
    assert readings["重庆"] == "chong qing" and readings["計量"] == "ji liang"  # phrases, both scripts
    pages = keywords_pages([_listing(0, keywords=words[:5]), _listing(1, keywords=words[4:])], readings)
    assert list(pages) == [KEYWORDS_PAGE, *(f"keywords/{g}.md" for g in "0acgjyz")]
    c_page = pages["keywords/c.md"]
    assert [line.split("（")[0] for line in c_page.splitlines() if line.startswith("## ")] == [
        "## 长春", "## 成本", "## 重庆"]  # chang chun, cheng ben, chong qing (code points: 成 重 长)
    assert f"## 质量（2） {{#{anchor('k', '质量')}}}" in pages["keywords/z.md"]
    assert "](../doc/f0.md)" in pages["keywords/z.md"] and "](../doc/f1.md)" in pages["keywords/z.md"]
    assert "](../keywords.md)" in c_page  # back to the overview
    assert "## \\[x\\]\\(javascript:1\\)（1）" in pages["keywords/0.md"]  # with 5G: no letter; stays text
    assert "(javascript:" not in "".join(pages.values()).replace("\\(javascript:", "")


def test_sources_and_places_are_in_pinyin_order_unknown_source_last() -> None:
    docs = [_listing(n)._replace(source=source, region=Region(province, city))
            for n, (source, province, city) in enumerate([
                ("重庆日报", "重庆市", ""), ("", "广东省", "深圳市"), ("安徽日报", "安徽省", "合肥市"),
                ("长江日报", "广东省", "东莞市"), ("南方日报", "广东省", "广州市")])]
    readings = collation.readings(w for d in docs for w in [d.source, *d.region.parts()] if w)
    listed = entries(docs)
    heads = [line.split("（")[0].split(" {")[0] for line in sources_page(docs, listed, readings).splitlines()
             if line.startswith("## ")]
    assert heads == ["## 安徽日报", "## 长江日报", "## 重庆日报", "## 南方日报", "## 来源不详"]
    regions = [line.split(" {")[0] for line in regions_page(docs, listed, readings).splitlines()
               if line.startswith("#")]
    # an hui, chong qing, guang dong (dong guan, guang zhou, shen zhen)
    assert regions == ["# 按地区", "## 安徽省", "### 合肥市", "## 重庆市", "## 广东省", "### 东莞市",
                       "### 广州市", "### 深圳市"]


def test_a_policy_cited_by_title_and_by_number_is_one_entry_with_every_citer() -> None:
    docs = [
        _listing(0)._replace(title="关于印发《甲方案》的通知", doc_number="粤办函〔2016〕517号"),
        _listing(1)._replace(cited_titles=["甲方案"]),
        _listing(2)._replace(cited_numbers=["粤办函〔2016〕517号"]),
        _listing(3)._replace(cited_titles=["乙办法"], cited_numbers=["粤府〔2019〕3号"],
                             cited_pairs={"乙办法": "粤府〔2019〕3号"}),
        _listing(4)._replace(cited_numbers=["粤府〔2019〕3号", "粤府〔2020〕8号"]),
    ]
    page = policies_page(docs, entries(docs))
    heads = [line.split(" {")[0] for line in page.splitlines() if line.startswith("### ")]
    assert heads == ["### 《乙办法》（粤府〔2019〕3号）", "### 《甲方案》（粤办函〔2016〕517号）",
                     "### 粤府〔2020〕8号"]
    plan = page[page.index("《甲方案》（"):page.index("### 粤府〔2020〕")]
    assert "本库收录：[关于印发《甲方案》的通知](doc/f0.md)" in plan
    assert "(doc/f1.md)" in plan and "(doc/f2.md)" in plan  # by title, by number
    for name in ("《甲方案》", "粤办函〔2016〕517号", "《乙办法》", "粤府〔2019〕3号"):  # what pages link to
        assert anchor("p", name) in page


def test_the_keyword_overview_names_each_letters_most_used_keywords() -> None:
    words = [f"词{n:03d}" for n in range(TOP_KEYWORDS + 5)]
    listings = [_listing(n, keywords=words[: n + 1]) for n in range(len(words))]  # 词000 in every one
    pages = keywords_pages(listings, collation.readings(words))
    overview = pages[KEYWORDS_PAGE]
    assert f"[词000](keywords/c.md#{anchor('k', '词000')})（{len(words)}）" in overview
    assert overview.count("](keywords/c.md#") == TOP_KEYWORDS
    assert f"[全部 {len(words)} 个关键词](keywords/c.md)" in overview


def test_a_long_report_is_split_into_parts_that_hold_every_file_once() -> None:
    listings = [_listing(n, DUPLICATE if n % 3 else "published") for n in range(7)]
    pages = report_pages(list(reversed(listings)), rows=3)
    assert list(pages) == [REPORT_PAGE, "report/1.md", "report/2.md", "report/3.md"]
    assert "已发布：3，已合并：4，已拒收：0" in pages[REPORT_PAGE]
    assert all(f"](report/{n}.md)" in pages[REPORT_PAGE] for n in (1, 2, 3))
    rows = [line for part in list(pages.values())[1:] for line in part.splitlines() if line.startswith("| 0")]
    assert [row.split(" | ")[0] for row in rows] == [f"| {n:02d}\\_\\[x\\]\\(javascript:alert\\(1\\)\\)\\.txt"
                                                   for n in range(7)]  # in order, escaped
    assert "](../doc/f0.md)" in pages["report/2.md"] and "](../report.md)" in pages["report/3.md"]
    assert "javascript:alert(1))" not in "".join(pages.values())  # no file name became a link


def test_a_short_report_is_one_page() -> None:
    pages = report_pages([_listing(0), _listing(1, REJECTED)], rows=3)
    assert list(pages) == [REPORT_PAGE] and "](doc/f0.md)" in pages[REPORT_PAGE]
    assert "| 01\\_" in pages[REPORT_PAGE] and "| 已拒收 | — |" in pages[REPORT_PAGE]
