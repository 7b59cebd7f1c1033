"""Dates in the shapes Chinese sites print them, validated.

`29.04.2016 12:09` is day.month.year; `2017-03-17 08:54`; `2017年3月6日`;
二〇一九年四月八日; Taiwan's `111-08-23` and 民国111年8月23日 count the years of
the Republic (+1911). Impossible dates (2017-02-30) are rejected, not guessed.
"""

from __future__ import annotations

import datetime as dt
import re

_ISO = re.compile(r"(?<!\d)(\d{4})\s*[-/]\s*(\d{1,2})\s*[-/]\s*(\d{1,2})(?!\d)")
_DMY = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?![\d.])")
_CN = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_DIGITS = "〇一二三四五六七八九"
# 二〇一九年四月八日, as official documents sign
_HAN_NUMERALS = re.compile(r"([〇零一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,2})\s*月"
                           r"\s*([一二三四五六七八九十]{1,3})\s*日")
# A signature's date, alone or after the office that signs (昆明市人民政府办公室　2022年6月15日)
SIGNATURE_DATE = re.compile(r"^(?:[\u4e00-\u9fff]{2,24}[ \u3000]+)?"
                            rf"(?:\d{{4}}\s*年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日|{_HAN_NUMERALS.pattern})$")
# Taiwan's years of the Republic (民国): 111-08-23 is 2022-08-23; three digits, 100 (2011) on
_REPUBLIC_ISO = re.compile(r"(?<![\d\-/.])(1[0-4]\d)-(\d{1,2})-(\d{1,2})(?![\d\-/.])")
_REPUBLIC_CN = re.compile(r"民国\s*(\d{2,3})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
REPUBLIC_YEAR_ONE = 1911
EARLIEST_YEAR = 1949


def find_date(text: str) -> str:
    """The first valid date in `text` as yyyy-mm-dd, or ""."""
    candidates = []
    ymd = (1, 2, 3)
    shapes = ((_ISO, ymd, 0), (_CN, ymd, 0), (_DMY, (3, 2, 1), 0), (_HAN_NUMERALS, ymd, 0),
              (_REPUBLIC_ISO, ymd, REPUBLIC_YEAR_ONE), (_REPUBLIC_CN, ymd, REPUBLIC_YEAR_ONE))
    for pattern, order, year_one in shapes:
        for m in pattern.finditer(text):
            year, month, day = (_number(m.group(i)) for i in order)
            if iso := valid_date(year_one + year, month, day):
                candidates.append((m.start(), iso))
    return min(candidates)[1] if candidates else ""


def _number(value: str) -> int:
    """12, 二〇一九 (digit by digit), 十二, 二十八."""
    if value.isascii():
        return int(value)
    if "十" not in value:
        return int("".join(str(_DIGITS.index(c.replace("零", "〇"))) for c in value))
    tens, _, ones = value.partition("十")
    return 10 * (_number(tens) if tens else 1) + (_number(ones) if ones else 0)


def valid_date(year: int, month: int, day: int) -> str:
    if not EARLIEST_YEAR <= year <= dt.date.today().year + 1:
        return ""
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return ""
