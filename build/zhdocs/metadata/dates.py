"""Dates in the shapes Chinese sites print them, validated.

`29.04.2016 12:09` is day.month.year; `2017-03-17 08:54`; `2017年3月6日`.
Impossible dates (2017-02-30) are rejected, not guessed.
"""

from __future__ import annotations

import datetime as dt
import re

_ISO = re.compile(r"(?<!\d)(\d{4})\s*[-/]\s*(\d{1,2})\s*[-/]\s*(\d{1,2})(?!\d)")
_DMY = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?![\d.])")
_CN = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
SIGNATURE_DATE = re.compile(r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$")
EARLIEST_YEAR = 1949


def find_date(text: str) -> str:
    """The first valid date in `text` as yyyy-mm-dd, or ""."""
    candidates = []
    for pattern, order in ((_ISO, (1, 2, 3)), (_CN, (1, 2, 3)), (_DMY, (3, 2, 1))):
        for m in pattern.finditer(text):
            year, month, day = (int(m.group(i)) for i in order)
            iso = valid_date(year, month, day)
            if iso:
                candidates.append((m.start(), iso))
    return min(candidates)[1] if candidates else ""


def valid_date(year: int, month: int, day: int) -> str:
    if not EARLIEST_YEAR <= year <= dt.date.today().year + 1:
        return ""
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return ""
