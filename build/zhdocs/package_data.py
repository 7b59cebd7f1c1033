"""Data files of installed packages, found without importing the packages.

Importing jieba loads its HMM tables (~20 MB), jieba.analyse a TF-IDF extractor and
posseg (~95 MB), pypinyin its phrase dictionary and segmenter (~45 MB), cpca a
matcher of its own: in every process, though zhdocs reads only their data files.
"""

from __future__ import annotations

from importlib.util import find_spec
from pathlib import Path


def package_file(package: str, name: str) -> Path:
    """`name` (e.g. "analyse/idf.txt") inside an installed top-level package."""
    spec = find_spec(package)  # a top-level package's spec, without running its __init__
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError(f"{package} is not installed")
    return Path(spec.origin).parent / name
