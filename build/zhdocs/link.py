"""Corpus stage `link`: a handful of related documents per page, with the reason.

A document that cites another one of the corpus (by its 《title》 or its
number) links to it first, and is linked back. Other candidates come from
inverted indexes (shared keyword, same city, same cited policy), never from
comparing all pairs; keys shared by too many documents carry no signal and are
skipped, which also keeps the cost linear. A document's ranked links are a
function of its keys, of who else lists each of them and of the links it has
already, so they are remembered by a digest of those: a rebuild ranks again
only the documents that a change reaches.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from itertools import islice

import numpy as np
from scipy.sparse import csr_matrix

from .config import Config
from .execute import RememberingStage
from .metadata.fields import issued_titles
from .model import Document, Related

STAGE = "link"
MAX_POSTING = 200  # a key shared by more documents than this links nothing
CITED_BY = "引用了本文"
MAX_CITED_BY = 10  # back-links from citing documents on one page; the policy index lists all
_NOT_WORD = re.compile(r"[\W_]+")
WEIGHTS = {"keyword": 2.0, "policy": 3.0, "city": 1.0}
LABELS = {"keyword": "关键词", "policy": "引用", "city": "地区"}
LinkMemo = dict[bytes, list[tuple[str, str]]]  # a document's ranked links (id, reason) by `_decided_by`


def _link(docs: list[Document], config: Config, memo: LinkMemo | None) -> tuple[list[Document], LinkMemo]:
    """`memo`: the last build's ranked links, by what decided them (`_decided_by`)."""
    live = [d for d in docs if d.published]
    keys = {d.id: _keys(d) for d in live}
    sizes = Counter(key for doc_keys in keys.values() for key in doc_keys)  # posting lengths
    _link_citations(live, cited_in_corpus((d.id, d.meta.title, d.meta.doc_number) for d in live))
    for doc in live:
        doc.related = [r for r in doc.related if r.id in keys]
    postings = _posting_digests(live, keys, sizes)
    digests = [_decided_by(doc, keys[doc.id], postings, config) for doc in live]
    decided = {digest: memo[digest] for digest in digests if memo and digest in memo}
    todo = [row for row, digest in enumerate(digests) if digest not in decided]
    for row, ranked in zip(todo, _ranked_candidates(live, keys, sizes, todo), strict=True):
        doc = live[row]
        known = {r.id for r in doc.related}
        wanted = max(config.related_per_doc - len(doc.related), 0)
        decided[digests[row]] = [(other, _reason(keys[doc.id], keys[other], sizes))
                                 for other in islice((o for o in ranked if o not in known), wanted)]
    for doc, digest in zip(live, digests, strict=True):
        doc.related += [Related(other, reason) for other, reason in decided[digest]]
        doc.note(STAGE, "related", ", ".join(r.id for r in doc.related))
    return docs, decided


def _posting_digests(live: list[Document], keys: dict[str, list[tuple[str, str]]],
                     sizes: Counter[tuple[str, str]]) -> dict[tuple[str, str], bytes]:
    """Per key, a digest of the documents that list it (as often as they do),
    empty for a key too common to count: all a ranking learns from a key."""
    members: dict[tuple[str, str], list[str]] = defaultdict(list)
    for doc in live:
        for key in keys[doc.id]:
            if sizes[key] <= MAX_POSTING:
                members[key].append(doc.id)
    return {key: _digest(ids) for key, ids in members.items()}


def _decided_by(doc: Document, keys: list[tuple[str, str]], postings: dict[tuple[str, str], bytes],
                config: Config) -> bytes:
    """What a document's ranked links are a function of: which document it is (it
    never links itself), its keys, who else lists each of them, the links it has
    already (versions, citations) and how many it gets."""
    shared = [postings.get(key, b"") for key in keys]
    return _digest([doc.id, repr(keys), *map(bytes.hex, shared), *(r.id for r in doc.related),
                    str(config.related_per_doc)])


def _digest(parts: list[str]) -> bytes:
    return hashlib.blake2b("\0".join(parts).encode("utf-8", "surrogatepass"), digest_size=16).digest()


link = RememberingStage(_link)


def policy_key(name: str) -> str:
    """《Title》, title or number as one key: no brackets, spaces or punctuation."""
    return _NOT_WORD.sub("", name)


def cited_in_corpus(named: Iterable[tuple[str, str, str]]) -> dict[str, str]:
    """policy key -> the id of the published document it names, from each
    document's (id, title, own number) and what its title issues; the first id wins."""
    found: dict[str, str] = {}
    for doc_id, title, number in sorted(named):
        for name in (title, number, *issued_titles(title)):
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
                       sizes: Counter[tuple[str, str]], rows: list[int]) -> Iterator[Iterator[str]]:
    """For the documents at `rows`, the others that share a key with them, best first (score, then id).

    A document's score for another is the sum of the weights of the keys they
    share, each counted as often as either lists it: one sparse product of the
    rows' document × key matrix with the whole one, instead of a loop over every posting."""
    columns: dict[tuple[str, str], int] = {}
    entries, cols = [], []
    for row, doc in enumerate(live):
        for key in keys[doc.id]:
            if sizes[key] <= MAX_POSTING:
                entries.append(row)
                cols.append(columns.setdefault(key, len(columns)))
    shape = (len(live), len(columns))
    counts = csr_matrix((np.ones(len(entries)), (entries, cols)), shape=shape)
    weights = np.array([WEIGHTS[kind] for kind, _ in columns])
    scores = (counts[rows].multiply(weights[np.newaxis, :]).tocsr() @ counts.T).tocsr()
    ids = [d.id for d in live]
    rank = np.argsort(np.argsort(np.array(ids, dtype=object)))  # each id's place in id order
    for i, row in enumerate(rows):
        start, end = scores.indptr[i], scores.indptr[i + 1]
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
