"""README.md stays true to the tree: its map of the package names every module."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "build" / "zhdocs"


def test_the_module_map_names_every_module() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^  ([\w/]+\.py) ", readme, re.M))
    modules = {p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*.py")} - {"__init__.py"}
    assert modules - listed == set(), "modules the README's map lacks"
    assert listed - modules == set(), "modules the README's map names that do not exist"
