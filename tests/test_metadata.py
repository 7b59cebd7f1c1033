"""Stage metadata: a hand-checked record per seed, and dates in every shape."""

from __future__ import annotations

import pytest

from zhdocs.metadata.dates import find_date
from zhdocs.model import Document

EXPECTED = {
    # seed: (title start, date, signed date, source, author, region)
    "000_12dd08e151866e2b": ("东莞市质监局构建大质量机制", "", "", "", "", ("广东省", "东莞市", "")),
    "001_83d85754c8f55ec4": ("省、市领导批示肯定东莞", "2016-04-29", "", "东莞市质监局", "巫树谋",
                             ("广东省", "东莞市", "")),
    "002_2ce0a9b537d74b60": ("温州探索建设大质量工作机制", "", "", "", "", ("浙江省", "温州市", "")),
    "003_c466d4eea8e104ae": ("汕尾市人民政府办公室关于印发", "2017-03-17", "2017-03-06",
                             "汕尾市人民政府门户网站", "", ("广东省", "汕尾市", "")),
    "004_40c07d170599156d": ("广东番禺区以质量求发展", "2014-12-18", "", "广州沃霖实验室设备有限公司", "",
                             ("广东省", "广州市", "番禺区")),
}


@pytest.mark.parametrize("seed_id", sorted(EXPECTED))
def test_hand_checked_metadata(processed: dict[str, Document], seed_id: str) -> None:
    title, date, signed, source, author, region = EXPECTED[seed_id]
    meta = processed[seed_id].meta
    assert meta.title.startswith(title)
    assert (meta.date, meta.signed_date, meta.source, meta.author) == (date, signed, source, author)
    assert (meta.region.province, meta.region.city, meta.region.district) == region
    assert len(meta.keywords) == 8


def test_document_numbers_cited_not_own(processed: dict[str, Document]) -> None:
    meta = processed["003_c466d4eea8e104ae"].meta
    assert meta.doc_number == ""
    assert meta.cited_numbers == ["粤办函〔2016〕517号", "粤府办〔2016〕60号"]
    assert "汕尾市实施质量强市战略2017年度行动计划" in meta.cited_titles


def test_url_from_source_line(processed: dict[str, Document]) -> None:
    assert processed["004_40c07d170599156d"].meta.url == "http://www.komtrakbg.com"


DATES = [
    ("29.04.2016  12:09", "2016-04-29"),  # day.month.year
    ("• 2017-03-17 08:54", "2017-03-17"),
    ("日期：2014-12-18 浏览次数：3078", "2014-12-18"),
    ("2017年3月6日", "2017-03-06"),
    ("2017-02-30", ""),  # impossible
    ("13.13.2016 10:00", ""),  # no 13th month
    ("浏览次数：3078", ""),
]


@pytest.mark.parametrize(("line", "expected"), DATES)
def test_dates(line: str, expected: str) -> None:
    assert find_date(line) == expected
