"""Stage dedup: reposts built from the seeds, and the decisions with their reasons."""

from __future__ import annotations

from pathlib import Path

from zhdocs.config import Config
from zhdocs.model import Document
from zhdocs.pipeline import process
from zhdocs.scripts import to_traditional

from .conftest import SEEDS

S001 = (SEEDS / "001_83d85754c8f55ec4.txt").read_text(encoding="utf-8")
S003 = (SEEDS / "003_c466d4eea8e104ae.txt").read_text(encoding="utf-8")


def run(tmp_path: Path, seeds: dict[str, bytes]) -> dict[str, Document]:
    for name, data in seeds.items():
        (tmp_path / name).write_bytes(data)
    return {d.id: d for d in process(Config(tmp_path, tmp_path / "docs"))}


def test_repost_in_another_script_and_encoding_is_merged(tmp_path: Path) -> None:
    docs = run(tmp_path, {
        "a.txt": S001.encode("utf-8"),
        "b.txt": to_traditional(S001).encode("big5", errors="replace"),
        "c.txt": S001.encode("gbk", errors="replace"),
    })
    assert docs["a"].status == "published"
    assert {docs["b"].duplicate_of, docs["c"].duplicate_of} == {"a"}
    assert sorted(docs["a"].duplicates) == ["b", "c"]


def test_half_copy_is_a_partial_repost(tmp_path: Path) -> None:
    half = S003[: len(S003) // 2]
    docs = run(tmp_path, {"full.txt": S003.encode(), "half.txt": half.encode()})
    assert docs["half"].duplicate_of == "full"
    assert docs["half"].reason.startswith(("partial repost", "near-duplicate"))


def test_rewritten_yearly_plan_is_linked_not_merged(tmp_path: Path) -> None:
    next_year = S003.replace("2017", "2018").replace("2016", "2017")
    docs = run(tmp_path, {"y2017.txt": S003.encode(), "y2018.txt": next_year.encode()})
    assert docs["y2017"].status == docs["y2018"].status == "published"
    assert any(r.id == "y2018" and r.reason == "another version" for r in docs["y2017"].related)


def test_different_articles_about_one_city_are_not_merged(processed: dict[str, Document]) -> None:
    assert processed["000_12dd08e151866e2b"].status == "published"
    assert processed["001_83d85754c8f55ec4"].status == "published"
