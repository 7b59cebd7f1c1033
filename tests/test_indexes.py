"""Home page pictures: static SVG with every scraped label escaped."""

from __future__ import annotations

import re
from collections import Counter
from xml.etree import ElementTree

from zhdocs.render import charts
from zhdocs.render.indexes import CHART_ROWS, _top

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
