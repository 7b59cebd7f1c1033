"""corpus.json, put together from each record's own JSON, is the corpus through json.dumps."""

from __future__ import annotations

import json

import pytest

from zhdocs.model import Document
from zhdocs.report import SCHEMA_VERSION, corpus_json, record, status_counts


def _whole(docs: list[Document]) -> str:
    data = {"schema": SCHEMA_VERSION, "counts": status_counts(docs),
            "documents": [record(d) for d in sorted(docs, key=lambda d: d.seed_path)]}
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


@pytest.mark.parametrize("count", [0, 1, 5])
def test_records_joined_are_the_whole_corpus_dumped(processed: dict[str, Document], count: int) -> None:
    docs = list(processed.values())[:count]
    assert corpus_json(docs) == _whole(docs)
