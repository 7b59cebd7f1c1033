"""`zhdocs clean FILE` and `zhdocs generate`, run as maintainers run them: the real CLI in a subprocess."""

from __future__ import annotations

import shutil
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


def test_generate_names_rejections_and_lists_merges_when_asked(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    shutil.copy(SEEDS / "004_40c07d170599156d.txt", seeds / "copy.txt")
    (seeds / "empty.txt").write_bytes(b"")

    def generate(*flags: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "zhdocs.cli", "generate", *flags], cwd=tmp_path,
                              capture_output=True, text=True, timeout=600)
    quiet, verbose = generate(), generate("-v")
    assert quiet.returncode == verbose.returncode == 0, quiet.stderr + verbose.stderr
    assert "zhdocs: 7 seed files: 5 published, 1 merged as duplicates, 1 rejected\n" in quiet.stderr
    assert "zhdocs: rejected empty.txt: empty\n" in quiet.stderr
    merged = "zhdocs: merged copy.txt into 004_40c07d170599156d: 内容相同\n"
    assert merged not in quiet.stderr and merged in verbose.stderr
    assert (tmp_path / "docs" / "zh" / "doc" / "004_40c07d170599156d.md").is_file()
