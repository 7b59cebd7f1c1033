"""`zhdocs clean FILE`, run as maintainers run it: the real CLI in a subprocess."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .conftest import SEEDS


def zhdocs_clean(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "zhdocs.cli", "clean", str(path)],
                          capture_output=True, text=True, timeout=300)


def test_clean_prints_the_page_and_its_provenance() -> None:
    result = zhdocs_clean(SEEDS / "004_40c07d170599156d.txt")
    assert result.returncode == 0, result.stderr
    page, _, provenance = result.stdout.partition("# 整理说明 (provenance)\n")
    assert "# 广东番禺区以质量求发展推动区域经济迈上新台阶" in page
    assert "标志着番禺区正式将名牌工作" in page
    assert "<details" not in page and "400-8959" not in page
    expected = [
        "counts:", "  mojibake repaired: 3", "  pinyin removed: 929",
        "removed lines: 15", "  [boilerplate: phone number] 400-8959 009",
        "  [metadata line] 日期：2014-12-18 浏览次数：3078",
        "repairs (before → after): 3", "  �!睒酥局�(zhù) → 。”标志着", "flagged: 0",
    ]
    lines = provenance.splitlines()
    for line in expected:
        assert line in lines


def test_clean_names_a_missing_file(tmp_path: Path) -> None:
    result = zhdocs_clean(tmp_path / "nothing.txt")
    assert result.returncode == 2
    assert "nothing.txt" in result.stderr


def test_clean_says_why_a_file_is_rejected(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    result = zhdocs_clean(tmp_path / "empty.txt")
    assert result.returncode == 1
    assert "empty.txt: rejected: empty" in result.stderr
