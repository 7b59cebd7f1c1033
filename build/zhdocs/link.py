"""Corpus stage `link`: a handful of related documents per page, with the reason.

A document that cites another one of the corpus (by its 《title》 or its
number) links to it first, and is linked back. Other candidates come from
inverted indexes (shared keyword, same city, same cited policy), never from
comparing all pairs; keys shared by too many documents carry no signal and are
skipped, which also keeps the cost linear.
"""

from __future__ import annotations

import re
from collections import defaultdict

from .config import Config
from .model import Document, Related

STAGE = "link"
MAX_POSTING = 200  # a key shared by more documents than this links nothing
CITED_BY = "引用了本文"
MAX_CITED_BY = 10  # back-links from citing documents on one page; the policy index lists all
_NOT_WORD = re.compile(r"[\W_]+")
WEIGHTS = {"keyword": 2.0, "policy": 3.0, "city": 1.0}


def link(docs: list[Document], config: Config) -> list[Document]:
    live = [d for d in docs if d.published]
    postings = _postings(live)
    by_id = {d.id: d for d in live}
    _link_citations(live, cited_in_corpus(live))
    for doc in live:
        scores, reasons = _score(doc, postings)
        ranked = sorted(scores, key=lambda other: (-scores[other], other))
        known = {r.id for r in doc.related}
        doc.related = [r for r in doc.related if r.id in by_id]
        for other in ranked:
            if len(doc.related) >= config.related_per_doc:
                break
            if other not in known:
                doc.related.append(Related(other, "；".join(reasons[other])))
        doc.note(STAGE, "related", ", ".join(r.id for r in doc.related))
    return docs


def policy_key(name: str) -> str:
    """《Title》, title or number as one key: no brackets, spaces or punctuation."""
    return _NOT_WORD.sub("", name)


def cited_in_corpus(live: list[Document]) -> dict[str, Document]:
    """policy key -> the published document it names (its title or own number)."""
    found: dict[str, Document] = {}
    for doc in sorted(live, key=lambda d: d.id):
        for name in (doc.meta.title, doc.meta.doc_number):
            if name:
                found.setdefault(policy_key(name), doc)
    return found


def _link_citations(live: list[Document], in_corpus: dict[str, Document]) -> None:
    for doc in live:
        for name in doc.meta.cited_titles + doc.meta.cited_numbers:
            cited = in_corpus.get(policy_key(name))
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


def _postings(docs: list[Document]) -> dict[tuple[str, str], list[str]]:
    postings: dict[tuple[str, str], list[str]] = defaultdict(list)
    for doc in docs:
        for key in _keys(doc):
            postings[key].append(doc.id)
    return postings


def _score(
    doc: Document, postings: dict[tuple[str, str], list[str]]
) -> tuple[dict[str, float], dict[str, list[str]]]:
    scores: dict[str, float] = defaultdict(float)
    reasons: dict[str, list[str]] = defaultdict(list)
    for kind, value in _keys(doc):
        others = postings[(kind, value)]
        if len(others) > MAX_POSTING:
            continue
        for other in others:
            if other != doc.id:
                scores[other] += WEIGHTS[kind]
                reasons[other].append(_reason(kind, value))
    return scores, {k: _merge_reasons(v) for k, v in reasons.items()}


def _reason(kind: str, value: str) -> str:
    return {"keyword": "关键词", "policy": "引用", "city": "地区"}[kind] + "：" + value


def _merge_reasons(reasons: list[str]) -> list[str]:
    """关键词：甲, 关键词：乙 → 关键词：甲、乙"""
    merged: dict[str, list[str]] = {}
    for reason in reasons:
        label, _, value = reason.partition("：")
        merged.setdefault(label, []).append(value)
    return [f"{label}：{'、'.join(values)}" for label, values in merged.items()]
