"""Where every input went: corpus.json and the summary printed after a build."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable

from .model import DUPLICATE, PUBLISHED, REJECTED, Document
from .render.document import DOC_DIR

SCHEMA_VERSION = 1
RECORD_INDENT = "  "  # records are two levels down: {"documents": [ … ]}
LOCALE_PREFIX = {"zh": "", "zh-Hant": "zh-Hant/"}


def page_urls(doc: Document) -> dict[str, str] | None:
    if doc.status == REJECTED:
        return None
    return {locale: f"{prefix}{DOC_DIR}/{doc.id}/" for locale, prefix in LOCALE_PREFIX.items()}


def cleaning_counts(doc: Document) -> dict[str, int]:
    counts: Counter[str] = Counter()
    for note in doc.notes:
        if note.stage == "clean":
            counts[note.kind] += int(note.detail) if note.kind == "pinyin removed" else 1
    return dict(sorted(counts.items()))


def record(doc: Document) -> dict[str, object]:
    meta = doc.meta
    return {
        "seed": doc.seed_path,
        "id": doc.id,
        "status": doc.status,
        "duplicate_of": doc.duplicate_of or None,
        "reason": doc.reason,
        "urls": page_urls(doc),
        "title": meta.title,
        "date": meta.date,
        "signed_date": meta.signed_date,
        "source": meta.source,
        "site": meta.site,
        "author": meta.author,
        "url": meta.url,
        "doc_number": meta.doc_number,
        "cited_numbers": meta.cited_numbers,
        "cited_titles": meta.cited_titles,
        "region": {"province": meta.region.province, "city": meta.region.city,
                   "district": meta.region.district},
        "keywords": meta.keywords,
        "summary": meta.summary,
        "encoding": doc.encoding,
        "script": doc.script,
        "related": [r.id for r in doc.related],
        "cleaning": cleaning_counts(doc),
    }


def corpus_json(docs: list[Document],
                dump: Callable[[list[dict[str, object]]], list[str]] | None = None) -> str:
    """`json.dumps(…, indent=1)` of the whole corpus, put together from each record's
    own JSON: `dump` makes those all at once (in parallel, from a cache)."""
    records = [record(d) for d in sorted(docs, key=lambda d: d.seed_path)]
    data = {"schema": SCHEMA_VERSION, "counts": status_counts(docs), "documents": []}
    empty = json.dumps(data, ensure_ascii=False, indent=1)
    if not records:
        return empty + "\n"
    listed = ",\n".join((dump or _dump_each)(records))
    return empty.removesuffix("[]\n}") + f"[\n{listed}\n ]\n}}\n"


def record_json(entry: dict[str, object]) -> str:
    """One record as it stands in corpus.json: indented to its depth in the list."""
    return RECORD_INDENT + json.dumps(entry, ensure_ascii=False, indent=1).replace("\n", "\n" + RECORD_INDENT)


def _dump_each(records: list[dict[str, object]]) -> list[str]:
    return [record_json(r) for r in records]


def status_counts(docs: list[Document]) -> dict[str, int]:
    counts = Counter(d.status for d in docs)
    return {s: counts[s] for s in (PUBLISHED, DUPLICATE, REJECTED)}


def summary_lines(docs: list[Document]) -> list[str]:
    counts = status_counts(docs)
    lines = [f"{len(docs)} seed files: {counts[PUBLISHED]} published, "
             f"{counts[DUPLICATE]} merged as duplicates, {counts[REJECTED]} rejected"]
    for doc in sorted(docs, key=lambda d: d.seed_path):
        if doc.status == REJECTED:
            lines.append(f"rejected {doc.seed_path}: {doc.reason}")
        elif doc.status == DUPLICATE:
            lines.append(f"merged {doc.seed_path} into {doc.duplicate_of}: {doc.reason}")
    return lines
