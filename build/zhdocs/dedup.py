"""Corpus stage `dedup`: reposts of one article become one page.

Keys are normalised aggressively (NFKC, Traditional→Simplified, no punctuation
or spaces) so the same article in another script, encoding or punctuation style
gets the same key; the published text is never touched. Exact keys merge at
once; near-duplicates are found with MinHash LSH on character 5-grams (no
all-pairs comparison) and then verified exactly. A rewritten yearly plan
(Jaccard ~0.96 with last year's) is not merged unless titles agree.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from datasketch import MinHash, MinHashLSH

from .config import Config
from .model import DUPLICATE, Document, Related
from .scripts import t2s

STAGE = "dedup"
SHINGLE = 5
NUM_PERM = 64
LSH_THRESHOLD = 0.3  # low on purpose: half-page reposts score ~0.58 and must be retrieved
DAMAGE_COST = 50  # key characters one broken character is worth when choosing the canonical copy
_NOT_WORD = re.compile(r"[\W_]+")


def dedup_key(doc: Document) -> str:
    text = unicodedata.normalize("NFKC", f"{doc.meta.title}\n{doc.text}")
    return _NOT_WORD.sub("", t2s(text)).lower()


def shingles(key: str) -> set[str]:
    if len(key) <= SHINGLE:
        return {key} if key else set()
    return {key[i:i + SHINGLE] for i in range(len(key) - SHINGLE + 1)}


def deduplicate(docs: list[Document], config: Config) -> list[Document]:
    live = [d for d in docs if d.published]
    keys = {d.id: dedup_key(d) for d in live}
    sets = {d.id: shingles(keys[d.id]) for d in live}
    parent = {d.id: d.id for d in live}
    reasons: dict[str, str] = {}
    for a, b, reason in _exact_pairs(live, keys) + _near_pairs(live, sets, config):
        _union(parent, a, b)
        reasons.setdefault(b, reason)
        reasons.setdefault(a, reason)
    _merge_groups(live, parent, reasons, keys)
    return docs


def _exact_pairs(docs: list[Document], keys: dict[str, str]) -> list[tuple[str, str, str]]:
    first: dict[str, str] = {}
    pairs = []
    for doc in docs:
        digest = hashlib.sha1(keys[doc.id].encode()).hexdigest()
        if digest in first:
            pairs.append((first[digest], doc.id, "same text"))
        else:
            first[digest] = doc.id
    return pairs


def _near_pairs(
    docs: list[Document], sets: dict[str, set[str]], config: Config
) -> list[tuple[str, str, str]]:
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    by_id = {d.id: d for d in docs}
    pairs = []
    for doc in docs:
        if not sets[doc.id]:
            continue
        signature = MinHash(num_perm=NUM_PERM, seed=1)
        signature.update_batch([s.encode() for s in sorted(sets[doc.id])])
        for other in sorted(lsh.query(signature)):
            verdict = _verify(by_id[other], doc, sets[other], sets[doc.id], config)
            if verdict:
                pairs.append((other, doc.id, verdict))
        lsh.insert(doc.id, signature)
    return pairs


def _verify(a: Document, b: Document, sa: set[str], sb: set[str], config: Config) -> str:
    """The merge reason, or "" (and a `versions` link) when the pair is not one article."""
    shared = len(sa & sb)
    jaccard = shared / len(sa | sb)
    containment = shared / min(len(sa), len(sb))
    if jaccard < config.dedup_threshold and containment < config.containment_threshold:
        return ""
    if not _titles_agree(a, b):
        a.related.append(Related(b.id, "another version"))
        b.related.append(Related(a.id, "another version"))
        return ""
    if jaccard >= config.dedup_threshold:
        return f"near-duplicate (Jaccard {jaccard:.2f})"
    return f"partial repost ({containment:.0%} contained)"


def _titles_agree(a: Document, b: Document) -> bool:
    ta, tb = (_NOT_WORD.sub("", t2s(d.meta.title)) for d in (a, b))
    return not ta or not tb or ta == tb or ta in tb or tb in ta


def _union(parent: dict[str, str], a: str, b: str) -> None:
    ra, rb = _find(parent, a), _find(parent, b)
    if ra != rb:
        parent[max(ra, rb)] = min(ra, rb)


def _find(parent: dict[str, str], x: str) -> str:
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x


def _merge_groups(
    docs: list[Document], parent: dict[str, str], reasons: dict[str, str], keys: dict[str, str]
) -> None:
    groups: dict[str, list[Document]] = {}
    for doc in docs:
        groups.setdefault(_find(parent, doc.id), []).append(doc)
    for members in groups.values():
        if len(members) < 2:
            continue
        canonical = max(members, key=lambda d: _completeness(d, keys))
        for doc in members:
            if doc is not canonical:
                doc.status, doc.duplicate_of = DUPLICATE, canonical.id
                doc.reason = reasons.get(doc.id, "duplicate")
                doc.note(STAGE, "merged", f"into {canonical.id}: {doc.reason}")
                canonical.duplicates.append(doc.id)


def _completeness(doc: Document, keys: dict[str, str]) -> tuple[int, int, str]:
    """Most text, less what is damaged (a `?` or U+FFFD costs a sentence's worth),
    then the most metadata; all else equal, the first id."""
    damage = doc.text.count("?") + doc.text.count("\ufffd")
    damage += sum(1 for n in doc.notes if n.kind == "mojibake flagged")
    return (len(keys[doc.id]) - DAMAGE_COST * damage, len(doc.header), _reverse(doc.id))


def _reverse(text: str) -> str:
    """Sorts ids so that, all else equal, the alphabetically first one wins max()."""
    return "".join(chr(0x10FFFF - ord(c)) for c in text)
