"""Corpus stage `link`: a handful of related documents per page, with the reason.

A document that cites another one of the corpus (by its 《title》 or its
number) links to it first, and is linked back. Other candidates come from
inverted indexes (shared keyword, same city, same cited policy), never from
comparing all pairs; keys shared by too many documents carry no signal and are
skipped, which also keeps the cost linear.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from itertools import islice

import numpy as np
from scipy.sparse import csr_matrix

from .config import Config
from .model import Document, Related

STAGE = "link"
MAX_POSTING = 200  # a key shared by more documents than this links nothing
CITED_BY = "引用了本文"
MAX_CITED_BY = 10  # back-links from citing documents on one page; the policy index lists all
_NOT_WORD = re.compile(r"[\W_]+")
WEIGHTS = {"keyword": 2.0, "policy": 3.0, "city": 1.0}
LABELS = {"keyword": "关键词", "policy": "引用", "city": "地区"}


def link(docs: list[Document], config: Config) -> list[Document]:
    live = [d for d in docs if d.published]
    keys = {d.id: _keys(d) for d in live}
    sizes = Counter(key for doc_keys in keys.values() for key in doc_keys)  # posting lengths
    _link_citations(live, cited_in_corpus((d.id, d.meta.title, d.meta.doc_number) for d in live))
    for doc, ranked in zip(live, _ranked_candidates(live, keys, sizes), strict=True):
        known = {r.id for r in doc.related}
        doc.related = [r for r in doc.related if r.id in keys]
        wanted = max(config.related_per_doc - len(doc.related), 0)
        for other in islice((o for o in ranked if o not in known), wanted):
            doc.related.append(Related(other, _reason(keys[doc.id], keys[other], sizes)))
        doc.note(STAGE, "related", ", ".join(r.id for r in doc.related))
    return docs


def policy_key(name: str) -> str:
    """《Title》, title or number as one key: no brackets, spaces or punctuation."""
    return _NOT_WORD.sub("", name)


def cited_in_corpus(named: Iterable[tuple[str, str, str]]) -> dict[str, str]:
    """policy key -> the id of the published document it names, from each
    document's (id, title, own number); the first id wins."""
    found: dict[str, str] = {}
    for doc_id, *names in sorted(named):
        for name in names:
            if name:
                found.setdefault(policy_key(name), doc_id)
    return found


def _link_citations(live: list[Document], in_corpus: dict[str, str]) -> None:
    by_id = {doc.id: doc for doc in live}
    for doc in live:
        for name in doc.meta.cited_titles + doc.meta.cited_numbers:
            cited = by_id.get(in_corpus.get(policy_key(name), ""))
            if cited and cited is not doc:
                _add(doc, Related(cited.id, f"引用：{name}"))
                if sum(r.reason == CITED_BY for r in cited.related) < MAX_CITED_BY:
                    _add(cited, Related(doc.id, CITED_BY))


def _add(doc: Document, related: Related) -> None:
    if all(r.id != related.id for r in doc.related):
        doc.related.append(related)


def _keys(doc: Document) -> list[tuple[str, str]]:
    keys = [("keyword", k) for k in doc.meta.keywords]
    keys += [("policy", t) for t in doc.meta.cited_titles + doc.meta.cited_numbers]
    if doc.meta.region.city:
        keys.append(("city", doc.meta.region.city))
    return keys


def _ranked_candidates(live: list[Document], keys: dict[str, list[tuple[str, str]]],
                       sizes: Counter[tuple[str, str]]) -> Iterator[Iterator[str]]:
    """Per document, the others that share a key with it, best first (score, then id).

    A document's score for another is the sum of the weights of the keys they
    share, each counted as often as either lists it: one sparse product of the
    document × key matrix with itself, instead of a loop over every posting."""
    columns: dict[tuple[str, str], int] = {}
    rows, cols = [], []
    for row, doc in enumerate(live):
        for key in keys[doc.id]:
            if sizes[key] <= MAX_POSTING:
                rows.append(row)
                cols.append(columns.setdefault(key, len(columns)))
    shape = (len(live), len(columns))
    counts = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=shape)
    weights = np.array([WEIGHTS[kind] for kind, _ in columns])
    scores = (counts.multiply(weights[np.newaxis, :]).tocsr() @ counts.T).tocsr()
    ids = [d.id for d in live]
    rank = np.argsort(np.argsort(np.array(ids, dtype=object)))  # each id's place in id order
    for row in range(len(live)):
        start, end = scores.indptr[row], scores.indptr[row + 1]
        others, values = scores.indices[start:end], scores.data[start:end]
        order = np.lexsort((rank[others], -values))
        yield (ids[o] for o in others[order] if o != row)


def _reason(
    keys: list[tuple[str, str]], other_keys: list[tuple[str, str]], sizes: Counter[tuple[str, str]],
) -> str:
    """What two documents share that counted: 关键词：甲、乙；地区：东莞市"""
    theirs = set(other_keys)
    merged: dict[str, list[str]] = {}
    for kind, value in keys:
        if (kind, value) in theirs and sizes[(kind, value)] <= MAX_POSTING:
            merged.setdefault(LABELS[kind], []).append(value)
    return "；".join(f"{label}：{'、'.join(values)}" for label, values in merged.items())
