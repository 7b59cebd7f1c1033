"""corpus.json, written by orjson, is the corpus as the standard library's json.dumps writes it."""

from __future__ import annotations

import json

import pytest

from zhdocs.model import Document
from zhdocs.report import SCHEMA_VERSION, corpus_json, record, status_counts


def _whole(docs: list[Document]) -> str:
    data = {"schema": SCHEMA_VERSION, "counts": status_counts(docs),
            "documents": [record(d) for d in sorted(docs, key=lambda d: d.seed_path)]}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize("count", [0, 1, 5])
def test_corpus_json_is_the_corpus_dumped_by_the_standard_library(processed: dict[str, Document],
                                                                   count: int) -> None:
    docs = list(processed.values())[:count]
    assert corpus_json(docs) == _whole(docs)


def test_text_a_scrape_may_hold_is_written_as_json_writes_it(processed: dict[str, Document]) -> None:
    """Quotes, backslashes, control characters, U+2028 and a `</script>`: the same escapes."""
    doc = next(iter(processed.values()))
    doc.meta.title = '引"号\\ \t\x00\x1f\u2028\u2029 </script> 𠀀 \ufffd'
    assert corpus_json([doc]) == _whole([doc])
