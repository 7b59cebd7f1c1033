"""Properties of clean on text mixed from real seed lines and random pieces."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhdocs.clean import clean
from zhdocs.clean.pinyin import strip_annotations
from zhdocs.config import Config
from zhdocs.model import Document
from zhdocs.scripts import HAN, simplify_lines

from .conftest import SEED_IDS, SEEDS

SEED_LINES = sorted({
    line for path in SEEDS.glob("*.txt")
    for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
})
PIECES = st.text(alphabet="质量强市标准東莞著（）()，。、：:?!- 1-2一是二、來源日期\u3000", max_size=40)
RAW = st.lists(st.one_of(st.sampled_from(SEED_LINES), PIECES), max_size=12).map("\n".join)
# Notes whose detail holds text taken out of the page (a repair's is `before → after`).
REMOVED = ("boilerplate", "metadata line", "repeated line", "mojibake repaired")
CONFIG = Config(Path("."), Path("."))


def han(text: str) -> Counter[str]:
    return Counter(HAN.findall(text))


def accounted_for(doc: Document) -> Counter[str]:
    """Han characters on the page, in its header, or in a note saying they were removed."""
    kept = han("\n".join([doc.meta.title, doc.text, *doc.header]))
    removed = han("\n".join(n.detail.split(" → ")[0] for n in doc.notes if n.kind.startswith(REMOVED)))
    return kept + removed


@settings(max_examples=150, deadline=None)
@given(RAW)
def test_no_han_character_is_lost_without_a_note(raw: str) -> None:
    doc = clean(Document(id="x", seed_path="x.txt", raw=raw), CONFIG)
    # Traditional lines are compared in Simplified; tw2s reads phrases (著名 stays,
    # 著力 → 着力), so they are converted as clean converts them: without pinyin.
    simplified = simplify_lines(strip_annotations(raw)[0], doc.script)[0]
    assert not han(simplified) - accounted_for(doc)


@pytest.mark.parametrize("seed_id", SEED_IDS)
def test_seeds_lose_no_han_character_without_a_note(seed_id: str) -> None:
    raw = (SEEDS / f"{seed_id}.txt").read_text(encoding="utf-8")
    doc = clean(Document(id=seed_id, seed_path=f"{seed_id}.txt", raw=raw), CONFIG)
    simplified = simplify_lines(strip_annotations(raw)[0], doc.script)[0]
    assert not han(simplified) - accounted_for(doc)


def page_lines(doc: Document) -> list[str]:
    """The page's lines; whether the first is the title or a heading is not in the text."""
    return [line for line in [doc.meta.title, *(b.text for b in doc.blocks)] if line]


@settings(max_examples=100, deadline=None)
@given(RAW)
def test_clean_is_idempotent_on_seed_lines(raw: str) -> None:
    once = clean(Document(id="x", seed_path="x.txt", raw=raw), CONFIG)
    again = clean(Document(id="x", seed_path="x.txt", raw="\n".join(page_lines(once))), CONFIG)
    assert page_lines(again) == page_lines(once)
