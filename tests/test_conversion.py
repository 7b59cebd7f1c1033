"""s2t on Han runs only gives what s2t on the whole page gives."""

from __future__ import annotations

from pathlib import Path

import opencc

from tests.conftest import SEEDS
from zhdocs.config import Config
from zhdocs.pipeline import run
from zhdocs.scripts import CONVERTIBLE, converter, to_traditional


def test_every_s2t_dictionary_entry_is_one_convertible_run() -> None:
    folder = Path(opencc.__file__).parent / "dictionary"
    for name in ("STPhrases.txt", "STCharacters.txt"):
        keys = [line.split("\t")[0] for line in folder.joinpath(name).read_text("utf-8").splitlines() if line]
        assert keys and all(CONVERTIBLE.fullmatch(key) for key in keys), name


def test_runs_convert_like_whole_pages(tmp_path: Path) -> None:
    pages = run(Config(SEEDS, tmp_path / "docs")).pages["zh"]
    whole = converter("s2t").convert
    assert all(to_traditional(page) == whole(page) for page in pages.values())
    assert to_traditional("[质量](../doc/a/) 2017年 𠮶") == whole("[质量](../doc/a/) 2017年 𠮶")
