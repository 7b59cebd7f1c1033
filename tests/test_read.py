"""Stage read: any bytes become text or a clear rejection, never an exception."""

from __future__ import annotations

from pathlib import Path

import pytest

from zhdocs.config import Config
from zhdocs.model import Document
from zhdocs.read import decode, discover, doc_id, read

TEXT = "关于印发质量工作计划的通知。质量强市，标准先行。"

CASES = [
    # (name, bytes, expected encoding family or rejection reason)
    ("utf-8", TEXT.encode("utf-8"), "utf-8"),
    ("utf-8 with BOM", b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
    ("utf-16 LE with BOM", b"\xff\xfe" + TEXT.encode("utf-16-le"), "utf-16-le"),
    ("utf-16 BE with BOM", b"\xfe\xff" + TEXT.encode("utf-16-be"), "utf-16-be"),
    ("utf-16 LE without BOM", f"2016-04-29 12:09\n{TEXT}\nGDP 1,000\n".encode("utf-16-le"), "utf-16-le"),
    ("utf-16 BE without BOM", f"2016-04-29 12:09\n{TEXT}\nGDP 1,000\n".encode("utf-16-be"), "utf-16-be"),
    ("gbk", (TEXT * 3).encode("gbk"), "gb18030"),
    ("big5", ("關於印發質量工作計劃的通知。質量強市，標準先行。" * 3).encode("big5"), "big5"),
]


@pytest.mark.parametrize(("name", "data", "encoding"), CASES, ids=[c[0] for c in CASES])
def test_decodes_every_encoding(name: str, data: bytes, encoding: str) -> None:
    text, found = decode(data)
    assert found == encoding
    assert "质量" in text or "質量" in text


REJECTIONS = [
    ("empty", b"", "empty"),
    ("whitespace only", b" \n\r\n\t ", "empty"),
    ("binary", bytes(range(256)) * 8, "not text (binary)"),
    ("png header", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 200, "not text (binary)"),
]


@pytest.mark.parametrize(("name", "data", "reason"), REJECTIONS, ids=[r[0] for r in REJECTIONS])
def test_rejects_with_reason(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    (tmp_path / "seed.txt").write_bytes(data)
    doc = read(Document(id="seed", seed_path="seed.txt"), Config(tmp_path, tmp_path / "docs"))
    assert (doc.status, doc.reason) == ("rejected", reason)


def test_rejects_too_large(tmp_path: Path) -> None:
    (tmp_path / "big.txt").write_bytes(TEXT.encode() * 100)
    config = Config(tmp_path, tmp_path / "docs", max_bytes=1000)
    doc = read(Document(id="big", seed_path="big.txt"), config)
    assert doc.reason.startswith("too large (")


def test_rejects_symlink_outside_seeds(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (tmp_path / "secret.txt").write_text(TEXT, encoding="utf-8")
    (seeds / "link.txt").symlink_to(tmp_path / "secret.txt")
    [doc] = discover(seeds)
    assert read(doc, Config(seeds, tmp_path / "docs")).reason == "symlink pointing outside seeds/"


def test_crlf_and_control_characters_are_normalized(tmp_path: Path) -> None:
    body = TEXT * 4
    (tmp_path / "a.txt").write_bytes(f"第一行\r\n第二\x00行\r{body}\x07".encode())
    doc = read(Document(id="a", seed_path="a.txt"), Config(tmp_path, tmp_path / "docs"))
    assert doc.raw == f"第一行\n第二行\n{body}"


def test_html_entities_a_scraper_copied_are_decoded(tmp_path: Path) -> None:
    body = TEXT * 4
    scraped = f"R&amp;D投入&nbsp;&nbsp;同比增长&#12290;&#x3002;AT&T &copy2016 &bogus; &#0;&#13;{body}"
    (tmp_path / "a.txt").write_bytes(scraped.encode())
    doc = read(Document(id="a", seed_path="a.txt"), Config(tmp_path, tmp_path / "docs"))
    # a complete reference only; one for a control character goes like the character itself
    assert doc.raw == f"R&D投入\u00a0\u00a0同比增长。。AT&T &copy2016 &bogus; \n{body}"
    assert ("read", "HTML entities decoded", "7") in [(n.stage, n.kind, n.detail) for n in doc.notes]


IDS = [
    # A clean file name is its id; anything lossy gets a hash of the path.
    ("000_12dd08e151866e2b.txt", "000_12dd08e151866e2b"),
    ("Report.txt", "report-"),
    ("质量 报告.txt", "doc-"),
    ("sub/dir/a.txt", "sub-dir-a-"),
    ("../../etc/passwd", "etc-passwd-"),
]


@pytest.mark.parametrize(("path", "prefix"), IDS)
def test_ids_are_url_safe_and_stable(path: str, prefix: str) -> None:
    ident = doc_id(path)
    assert ident.startswith(prefix)
    assert ident == doc_id(path)
    assert all(c.isascii() and (c.isalnum() or c in "-_") for c in ident)


def test_ids_differ_for_names_differing_only_in_case() -> None:
    assert doc_id("Report.txt") != doc_id("report.txt")


def test_discover_skips_hidden_entries_and_does_not_enter_symlinked_folders(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    (seeds / "sub").mkdir(parents=True)
    (seeds / ".git").mkdir()
    for name in ("a.txt", "sub/b.txt", ".hidden.txt", ".git/config"):
        (seeds / name).write_text(TEXT, encoding="utf-8")
    (seeds / "loop").symlink_to(seeds, target_is_directory=True)  # would recurse forever
    found = [d.seed_path for d in discover(seeds)]
    assert found == ["a.txt", "loop", "sub/b.txt"]
    [loop] = [d for d in discover(seeds) if d.seed_path == "loop"]
    assert read(loop, Config(seeds, tmp_path / "docs")).reason.startswith("not a regular file")


def test_ids_never_collide(tmp_path: Path) -> None:
    """Other extensions, no extension, and a name copying another seed's hashed id."""
    names = ["a.txt", "a.md", "a", "Case.txt", doc_id("Case.txt") + ".txt"]
    for name in names:
        (tmp_path / name).write_text(TEXT, encoding="utf-8")
    ids = {d.seed_path: d.id for d in discover(tmp_path)}
    assert len(set(ids.values())) == len(names)
    assert ids["a.txt"] == "a" and ids[doc_id("Case.txt") + ".txt"] == doc_id("Case.txt")
