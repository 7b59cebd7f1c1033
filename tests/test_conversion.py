"""zhdocs' OpenCC (opencc_fast) writes exactly what opencc-python-reimplemented writes."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from opencc import OpenCC

from tests.conftest import SEEDS
from zhdocs.config import Config
from zhdocs.opencc_fast import Converter
from zhdocs.pipeline import run
from zhdocs.scripts import t2s_chars, t2s_table, to_simplified

CONFIGS = ("s2t", "s2tw", "tw2s", "t2s")
# Where the choice of phrase matters: the longest phrase wins wherever it starts
# (我市/製造業, not 市制), and a longer phrase shadows shorter overlapping ones.
HARD = [
    "我市制造业", "传统制造业", "干部干事干燥", "头发发展", "理发店发布", "后天皇后", "一只只船",
    "[质量](../doc/a/) 2017年 𠮶", "质量，强市。標準化（校准）-管理", "", "abc", "\n\n 干\t",
    "台湾的软件信息", "著作显著著名", "鬱鬱蔥蔥，乾乾淨淨的頭髮",
]


@pytest.fixture(scope="module")
def reference() -> dict[str, OpenCC]:
    return {name: OpenCC(name) for name in CONFIGS}


@pytest.mark.parametrize("name", CONFIGS)
@pytest.mark.parametrize("text", HARD)
def test_hard_cases_convert_as_the_reimplementation(name: str, text: str, reference: dict) -> None:
    assert Converter(name).convert(text) == reference[name].convert(text)


def test_hong_kong_variants_become_simplified_and_taiwan_text_as_tw2s_makes_it(reference: dict) -> None:
    assert to_simplified("食物環境衞生署説明") == "食物环境卫生署说明"  # tw2s alone keeps 衞, 説
    taiwan = "著力推動，隨著發展，顯著成效，臺灣的軟體計畫"
    assert to_simplified(taiwan) == reference["tw2s"].convert(taiwan)


def test_the_reimplementation_keeps_the_longest_phrase() -> None:
    # Why zhdocs does not use the C++ OpenCC: its left-to-right segmentation takes 市制.
    assert Converter("s2t").convert("我市制造业") == "我市製造業"


def test_seed_pages_convert_as_the_reimplementation(tmp_path: Path, reference: dict) -> None:
    pages = run(Config(SEEDS, tmp_path / "docs")).pages["zh"]
    s2t = Converter("s2t")
    for path, page in pages.items():
        traditional = reference["s2t"].convert(page)
        assert s2t.convert(page) == traditional, path
        for name in ("tw2s", "t2s"):
            assert Converter(name).convert(traditional) == reference[name].convert(traditional), path


# Text made of the characters where phrases overlap most, with separators between.
_TRICKY = st.text(alphabet="干发后只台湾制造业我市传统头理面里系历著乾髮後隻臺製鬱，。 -a1\n", max_size=40)


@settings(deadline=None)  # the first example loads the dictionaries
@given(_TRICKY)
def test_any_text_converts_as_the_reimplementation(text: str) -> None:
    for name in CONFIGS:
        assert _converter(name).convert(text) == _reference(name).convert(text)


@cache
def _converter(name: str) -> Converter:
    return Converter(name)


@cache
def _reference(name: str) -> OpenCC:
    return OpenCC(name)


@example("质量𠁞")  # nothing changes in the BMP, something beyond it
@given(st.text(alphabet=st.sampled_from("質量强市乾髮后臺湾𠁞𠮶，。 a1\n") | st.characters(), max_size=30))
def test_t2s_chars_is_the_character_table(text: str) -> None:
    """Its shortcut (nothing to change: the text as it is) never skips a change."""
    assert t2s_chars(text) == text.translate(t2s_table())
