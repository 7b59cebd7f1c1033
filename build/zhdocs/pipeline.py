"""The pipeline, in order. Read this file as the table of contents.

Per-document stages are `(doc, config) -> doc`; corpus stages are
`(docs, config) -> docs`. Nothing here knows about MkDocs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from tqdm import tqdm

from .clean import clean
from .clean.recurring import drop_recurring
from .config import Config
from .dedup import deduplicate
from .link import link
from .metadata import extract_metadata, keywords
from .model import Document
from .read import discover, read
from .render import render
from .report import corpus_json
from .write import WriteStats, write_site

DocStage = Callable[[Document, Config], Document]
CorpusStage = Callable[[list[Document], Config], list[Document]]

STEPS: list[tuple[str, DocStage | None, CorpusStage | None]] = [
    ("read", read, None),
    ("clean", clean, None),
    ("metadata", extract_metadata, None),
    ("dedup", None, deduplicate),
    # After dedup: reposts share every line, so only distinct documents may teach chrome.
    ("recurring lines", None, drop_recurring),
    ("keywords", None, keywords),
    ("link", None, link),
]


@dataclass
class Result:
    docs: list[Document]
    pages: dict[str, dict[str, str]]
    written: WriteStats


def process(config: Config) -> list[Document]:
    """Seeds → documents with clean text, metadata and links (no files written)."""
    docs = discover(config.seeds_dir)
    for name, per_doc, corpus in STEPS:
        if per_doc:
            docs = [per_doc(d, config) for d in _progress(docs, name, config)]
        elif corpus:
            docs = corpus(docs, config)
    return docs


def run(config: Config) -> Result:
    docs = process(config)
    pages = render(docs, config)
    written = write_site(pages, corpus_json(docs), config)
    return Result(docs, pages, written)


def _progress(docs: list[Document], name: str, config: Config) -> Iterable[Document]:
    if not config.progress or len(docs) < 50:
        return docs
    return tqdm(docs, desc=name, unit="doc", leave=False)
