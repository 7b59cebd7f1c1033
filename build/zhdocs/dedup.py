"""Corpus stage `dedup`: reposts of one article become one page.

Keys are normalised aggressively (NFKC, Traditional→Simplified, no punctuation
or spaces) so the same article in another script, encoding or punctuation style
gets the same key; the published text is never touched. Exact keys merge at
once; near-duplicates are found with MinHash LSH on character 5-grams (no
all-pairs comparison) and then verified exactly. Similar text alone does not
merge: a yearly plan rewritten with new numbers scores Jaccard ~0.96 with last
year's, so the pair must also agree on title, document number or date;
otherwise both stay published, linked as versions of each other.

The per-document half (`sketch`: key, shingle hashes, MinHash signature) runs
with each document's own pass, in the workers and cached, so a rebuild after
one seed changed hashes one text; `deduplicate` only pairs the sketches up,
and remembers each candidate pair's exact similarity by the digests of the two
shingle sets, so a rebuild checks exactly only the pairs it has not seen.

The MinHash (datasketch's affine32 scheme) and the LSH bands (datasketch's
tuning) are computed here on whole arrays; tests check both against datasketch,
which a build does not import (~0.3 s, for the scipy.integrate its tuning uses).
"""

from __future__ import annotations

import hashlib
import logging
import re
import unicodedata
from functools import cache

import numpy as np
import numpy.typing as npt

from .config import Config
from .execute import RememberingStage
from .model import DUPLICATE, Document, Related, Sketch
from .scripts import t2s_chars

Hashes = npt.NDArray[np.uint32]
Rows = npt.NDArray[np.intp]  # row numbers of the signature matrix
Similarities = dict[tuple[bytes, bytes], str]  # by the digests of two shingle sets: `_similarity`
log = logging.getLogger(__name__)
STAGE = "dedup"
SAME_TEXT = "内容相同"  # a merge reason; the others say how alike and what agreed: 内容近似（…；标题相同）
SHINGLE = 5
NUM_PERM = 64
SCHEME = "affine32"  # datasketch's permutation scheme that `_signature` computes
PERMUTATION_SEED = 1
LSH_THRESHOLD = 0.3  # low on purpose: half-page reposts score ~0.58 and must be retrieved
# datasketch's MinHashLSH tuning for LSH_THRESHOLD and NUM_PERM (bands, rows per band)
LSH_BANDS = (21, 3)
ESTIMATE_MARGIN = 0.2  # ~3 standard errors of a 64-permutation Jaccard estimate
MIN_TITLE_IN_TEXT = 8  # shorter titles (通知) appear in too many texts to prove anything
DAMAGE_COST = 50  # key characters one broken character is worth when choosing the canonical copy
# Candidate pairs compared at once: 2 MB of signatures, reused from slice to slice.
# 100,000 at once (~50 MB of fresh pages each) took 0.29-0.6 s for 10k's 162,000 pairs, 8,192 0.02 s.
ESTIMATE_SLICE = 8_192
CONSENSUS_SAMPLE = 20  # copies asked which title they share (keeps a huge group cheap)
_NOT_WORD = re.compile(r"[\W_]+")
# NFKC leaves CJK unified ideographs and 、。 as they are and composes nothing with them
# (stable code points, UAX #15), so it can normalise the runs between them alone: 3x faster.
_NOT_IDEOGRAPHS = re.compile("[^\u4e00-\u9fff\u3001\u3002]+")
_BASE = np.uint64(0x100000001B3)  # the 64-bit FNV prime: odd, so no code point is lost
# murmur3's finalisers: (shift, multiply) steps, then a last shift
_FMIX64 = (((np.uint64(33), np.uint64(0xFF51AFD7ED558CCD)), (np.uint64(33), np.uint64(0xC4CEB9FE1A85EC53))),
           np.uint64(33))
_FMIX32 = ((np.uint32(16), np.uint32(0x85EBCA6B)), (np.uint32(13), np.uint32(0xC2B2AE35))), np.uint32(16)


def dedup_key(doc: Document) -> str:
    return _norm(f"{doc.meta.title}\n{doc.text}")


def shingle_hashes(key: str) -> Hashes:
    """The key's character 5-grams (the whole key when shorter) as sorted unique
    32-bit hashes: 4 bytes each instead of a ~90-byte string in a set (10k
    documents: 2.1 GB as string sets). All windows at once in numpy: a
    polynomial over the code points (mod 2^64), then murmur3's finaliser to
    spread it; deterministic, and a collision among one pair's few thousand
    shingles barely moves a Jaccard."""
    codes = np.frombuffer(key.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.uint64)
    width = min(SHINGLE, len(codes))
    windows = len(codes) - width + 1 if width else 0
    mixed = np.zeros(windows, dtype=np.uint64)
    for offset in range(width):
        mixed = mixed * _BASE + codes[offset:offset + windows]
    return sorted_unique((_finalise(mixed, *_FMIX64) >> np.uint64(32)).astype(np.uint32))


def sorted_unique(values: npt.NDArray) -> npt.NDArray:
    """`np.unique` of a 1-d integer array by one sort: numpy 2's `unique` hashes
    first and sorts after, 5x slower on a text's shingles and 15x on 200,000
    candidate codes (0.22 → 0.015 s)."""
    ordered = np.sort(values)
    if not len(ordered):
        return ordered
    return ordered[np.r_[True, ordered[1:] != ordered[:-1]]]


def sketch(doc: Document, config: Config) -> Document:
    """Per-document stage: what `deduplicate` compares (see `Sketch`)."""
    if doc.published:
        key = dedup_key(doc)
        hashes = shingle_hashes(key)
        signature = _signature(hashes) if len(hashes) else b""
        shingles = hashes.tobytes()
        doc.sketch = Sketch(key, shingles, signature, hashlib.blake2b(shingles, digest_size=16).digest())
    return doc


def _deduplicate(docs: list[Document], config: Config,
                 known: Similarities | None) -> tuple[list[Document], Similarities]:
    """Corpus stage, on the sketches of the published documents (then dropped:
    nothing after dedup needs them). `known`: the last build's similarities;
    returned: this build's."""
    live = [d for d in docs if d.published]
    sketches = {d.id: _sketch_of(d) for d in live}
    keys = {i: s.key for i, s in sketches.items()}
    sets = {i: np.frombuffer(s.shingles, dtype=np.uint32) for i, s in sketches.items()}
    parent = {d.id: d.id for d in live}
    reasons: dict[tuple[str, str], str] = {}  # (id, id) -> why, for each id's pairs
    exact = _exact_pairs(live, keys)
    copies = {b for _, b, _ in exact}  # sketched once, through the first copy
    unique = [d for d in live if d.id not in copies]
    signatures = {i: s.signature for i, s in sketches.items() if s.signature}
    digests = {i: s.digest for i, s in sketches.items()}
    similarities = _Similarities(sets, digests, known or {}, config)
    near = _near_pairs(unique, keys, signatures, similarities)
    for a, b, reason in exact + near:
        _union(parent, a, b)
        reasons.setdefault((a, b), reason)
        reasons.setdefault((b, a), reason)
    _merge_groups(live, parent, reasons, keys)
    log.info("dedup: %d documents, %d exact copies, %d near-duplicate pairs",
             len(live), len(exact), len(near))
    for doc in docs:
        doc.sketch = None
    return docs, similarities.checked


deduplicate = RememberingStage(_deduplicate)


class _Similarities:
    """`_similarity` of two documents, from the last build's memo when it
    compared the same two shingle sets; what this build asked, for the next."""

    def __init__(self, sets: dict[str, Hashes], digests: dict[str, bytes], known: Similarities,
                 config: Config) -> None:
        self.sets, self.digests, self.known, self.config = sets, digests, known, config
        self.checked: Similarities = {}

    def __call__(self, a: str, b: str) -> str:
        pair = (self.digests[a], self.digests[b])
        found = self.known.get(pair)
        if found is None:
            found = _similarity(self.sets[a], self.sets[b], self.config)
        self.checked[pair] = found
        return found


def _sketch_of(doc: Document) -> Sketch:
    if doc.sketch is None:
        raise ValueError(f"dedup: {doc.seed_path} has no sketch (the `sketch` stage runs before dedup)")
    return doc.sketch


def _exact_pairs(docs: list[Document], keys: dict[str, str]) -> list[tuple[str, str, str]]:
    first: dict[str, str] = {}  # key -> the first document with it
    pairs = []
    for doc in docs:
        earlier = first.setdefault(keys[doc.id], doc.id)
        if earlier != doc.id:
            pairs.append((earlier, doc.id, SAME_TEXT))
    return pairs


def _near_pairs(
    docs: list[Document], keys: dict[str, str], signatures: dict[str, bytes], similarity: _Similarities,
) -> list[tuple[str, str, str]]:
    """Each document against the earlier ones that share an LSH band with it, in
    seed order (each document's candidates by id): the candidates and their
    Jaccard estimates for all documents at once, then the exact check in Python
    for the pairs whose estimate leaves a merge possible."""
    by_id = {d.id: d for d in docs}
    ids = [d.id for d in docs if d.id in signatures]
    matrix = np.frombuffer(b"".join(signatures[i] for i in ids), dtype=np.uint32).reshape(len(ids), NUM_PERM)
    earlier, later = _candidates(matrix, np.array(ids, dtype=object))
    sizes = np.array([len(similarity.sets[i]) for i in ids])
    kept = _plausible(_estimates(matrix, earlier, later), sizes[earlier], sizes[later], similarity.config)
    pairs = []
    for a, b in zip(earlier[kept].tolist(), later[kept].tolist(), strict=True):
        other, doc = by_id[ids[a]], by_id[ids[b]]
        similar = similarity(other.id, doc.id)
        verdict = similar and _verify(other, doc, similar, keys)
        if verdict:
            pairs.append((other.id, doc.id, verdict))
    log.info("dedup: %d LSH candidate pairs, %d verified exactly", len(earlier), np.count_nonzero(kept))
    return pairs


def _candidates(matrix: npt.NDArray[np.uint32], ids: npt.NDArray[np.object_]) -> tuple[Rows, Rows]:
    """Every pair of rows equal in at least one LSH band (what MinHashLSH's query
    finds), as (earlier row, later row), ordered by the later row, then the
    earlier one's id. Rows are grouped per band by sorting, not by a dict of
    bucket lists: no Python loop over the documents."""
    count, width = LSH_BANDS
    bands = [(band * width, (band + 1) * width) for band in range(count)]  # MinHashLSH's hashranges
    rows = max(len(ids), 1)
    codes = sorted_unique(np.concatenate([early * rows + late for early, late in
                                      (_equal_rows(matrix[:, start:end]) for start, end in bands)]))
    earlier, later = codes // rows, codes % rows
    id_rank = np.argsort(np.argsort(ids, kind="stable"), kind="stable")
    order = np.lexsort((id_rank[earlier], later))
    return earlier[order], later[order]


def _equal_rows(band: npt.NDArray[np.uint32]) -> tuple[Rows, Rows]:
    """All (earlier, later) pairs of rows whose band values are equal."""
    order = np.lexsort(band.T[::-1])  # stable: rows of one group stay in order
    ranked = band[order]
    starts = np.flatnonzero(np.r_[True, (ranked[1:] != ranked[:-1]).any(axis=1)])
    group_start = np.repeat(starts, np.diff(np.r_[starts, len(order)]))
    before = np.arange(len(order)) - group_start  # earlier members of each row's group
    first_pair = np.cumsum(before) - before
    within = np.arange(before.sum()) - np.repeat(first_pair, before)
    return order[np.repeat(group_start, before) + within], np.repeat(order, before)


def _estimates(matrix: npt.NDArray[np.uint32], earlier: Rows, later: Rows) -> npt.NDArray[np.float64]:
    """Each pair's Jaccard estimate: the share of equal MinHash values (in slices
    of pairs, so that memory stays bounded however many candidates there are)."""
    equal = np.zeros(len(earlier), dtype=np.int64)
    for start in range(0, len(earlier), ESTIMATE_SLICE):
        part = slice(start, start + ESTIMATE_SLICE)
        equal[part] = np.count_nonzero(matrix[earlier[part]] == matrix[later[part]], axis=1)
    return equal / NUM_PERM


def _signature(hashes: Hashes) -> bytes:
    """The MinHash of the shingles' hashes, as datasketch's `update_batch` computes it
    (scheme affine32: murmur3's 32-bit finaliser, then a·h + b mod 2^32 per
    permutation, the minimum of each), on the whole array at once: datasketch
    first turns every value into a Python int. tests/test_dedup.py checks both agree."""
    a, b = _permutations()
    mixed = _finalise(hashes.astype(np.uint32).reshape(-1, 1), *_FMIX32)
    return (mixed * a + b).min(axis=0).tobytes()


def _finalise(values: npt.NDArray, steps: tuple[tuple[np.integer, np.integer], ...],
              last: np.integer) -> npt.NDArray:
    """A murmur3 finaliser over an unsigned array (multiplication wraps, as intended)."""
    for shift, multiplier in steps:
        values = (values ^ (values >> shift)) * multiplier
    return values ^ (values >> last)


@cache
def _permutations() -> tuple[npt.NDArray[np.uint32], npt.NDArray[np.uint32]]:
    """The seed's affine32 permutations (a odd, b any), drawn as datasketch's MinHash
    draws them, once per process."""
    draw = np.random.RandomState(PERMUTATION_SEED)
    a = draw.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    return a, draw.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)


def _plausible(estimate: npt.NDArray[np.float64], size_a: Rows, size_b: Rows,
               config: Config) -> npt.NDArray[np.bool_]:
    """Which pairs may still merge at the top of the signatures' Jaccard
    estimate: LSH tuned for recall returns many pairs that share only some
    sentences, and the exact check costs a pass over both shingle sets. The
    containment of the smaller set follows from Jaccard and the two sizes."""
    high = np.minimum(1.0, estimate + ESTIMATE_MARGIN)
    containment = high * (size_a + size_b) / ((1 + high) * np.minimum(size_a, size_b))
    return (high >= config.dedup_threshold) | (containment >= config.containment_threshold)


def _similarity(sa: Hashes, sb: Hashes, config: Config) -> str:
    """Why two bodies are one text, or "" when they are not."""
    shared = _shared(sa, sb)
    jaccard = shared / (len(sa) + len(sb) - shared)
    if jaccard >= config.dedup_threshold:
        return f"内容近似（Jaccard {jaccard:.2f}"
    containment = shared / min(len(sa), len(sb))
    if containment >= config.containment_threshold:
        return f"部分转载（{containment:.0%} 的内容见于另一篇"
    return ""


def _shared(sa: Hashes, sb: Hashes) -> int:
    """How many values two sorted unique arrays share: the smaller one looked up
    in the larger by binary search (intersect1d sorts both again)."""
    small, large = (sa, sb) if len(sa) <= len(sb) else (sb, sa)
    if not len(small):
        return 0
    found = np.searchsorted(large, small)
    return int(np.count_nonzero(large[np.minimum(found, len(large) - 1)] == small))


def _verify(a: Document, b: Document, similarity: str, keys: dict[str, str]) -> str:
    """The merge reason for two similar texts, or "" and a versions link when
    their own titles, numbers and dates say they are two documents (a yearly
    plan rewritten with new numbers)."""
    same, why = _agreement(a, b, keys)
    if same:
        return f"{similarity}；{why}）"
    detail = similarity.split("（")[1]
    for one, two in ((a, b), (b, a)):
        one.related.append(Related(two.id, f"另一版本（{detail}；{why}）"))
        one.note(STAGE, "version", f"{two.id}: {detail}；{why}")
    return ""


def _agreement(a: Document, b: Document, keys: dict[str, str]) -> tuple[bool, str]:
    """Whether two similar texts are one document, and what says so (or not).
    Their own document numbers, when both have one, decide alone."""
    ma, mb = a.meta, b.meta
    if ma.doc_number and mb.doc_number:
        same = _norm(ma.doc_number) == _norm(mb.doc_number)
        return same, "文号相同" if same else "文号不同"
    if _titles_agree(a, b, keys):
        return True, "标题相同"
    if {ma.date, ma.signed_date} & {mb.date, mb.signed_date} - {""}:
        return True, "日期相同"
    return False, "标题、日期不同"


def _titles_agree(a: Document, b: Document, keys: dict[str, str]) -> bool:
    """Equal titles, one inside the other, or one's title standing in the
    other's text (a repost whose chrome hid the title line)."""
    ta, tb = _norm(a.meta.title), _norm(b.meta.title)
    if not ta or not tb or ta in tb or tb in ta:
        return True
    return any(len(t) >= MIN_TITLE_IN_TEXT and t in keys[other.id]
               for t, other in ((ta, b), (tb, a)))


def _norm(text: str) -> str:
    """NFKC, Traditional characters → Simplified, no punctuation or spaces."""
    text = t2s_chars(_NOT_IDEOGRAPHS.sub(_nfkc, text))
    return _NOT_WORD.sub("", text).lower()


def _nfkc(run: re.Match[str]) -> str:
    return unicodedata.normalize("NFKC", run[0])


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
    docs: list[Document], parent: dict[str, str], reasons: dict[tuple[str, str], str],
    keys: dict[str, str],
) -> None:
    groups: dict[str, list[Document]] = {}
    for doc in docs:
        groups.setdefault(_find(parent, doc.id), []).append(doc)
    for members in groups.values():
        if len(members) < 2:
            continue
        canonical = max(members, key=lambda d: _completeness(d, members, keys))
        for doc in members:
            if doc is not canonical:
                doc.status, doc.duplicate_of = DUPLICATE, canonical.id
                doc.reason = _reason(doc.id, canonical.id, reasons)
                doc.note(STAGE, "merged", f"into {canonical.id}: {doc.reason}")
                canonical.duplicates.append(doc.id)
                _inherit_versions(canonical, doc)


def _inherit_versions(canonical: Document, duplicate: Document) -> None:
    """A merged copy's versions are the canonical page's versions."""
    known = {canonical.id, *(r.id for r in canonical.related)}
    for related in duplicate.related:
        if related.id not in known:
            canonical.related.append(related)
            known.add(related.id)


def _reason(doc_id: str, canonical_id: str, reasons: dict[tuple[str, str], str]) -> str:
    """Why `doc_id` was merged: its pair with the canonical copy, else its first
    pair, which names the other copy (内容相同（与 big5 比较）): said of the
    canonical copy, it would claim what was never compared."""
    if (doc_id, canonical_id) in reasons:
        return reasons[(doc_id, canonical_id)]
    other, reason = next((b, r) for (a, b), r in reasons.items() if a == doc_id)
    return f"{reason}（与 {other} 比较）"


def _completeness(
    doc: Document, members: list[Document], keys: dict[str, str]
) -> tuple[int, int, int, str]:
    """The title the copies agree on (not a breadcrumb a site's chrome left
    first), then most text, less what is damaged (a `?` or U+FFFD costs a
    sentence's worth), then the most metadata; all else equal, the first id."""
    title = _norm(doc.meta.title)
    agreeing = sum(1 for m in members[:CONSENSUS_SAMPLE] if title in keys[m.id])
    text = doc.text  # joined once: a property
    damage = text.count("?") + text.count("\ufffd")
    damage += sum(1 for n in doc.notes if n.kind == "mojibake flagged")
    return (agreeing, len(keys[doc.id]) - DAMAGE_COST * damage, len(doc.header), _reverse(doc.id))


def _reverse(text: str) -> str:
    """Sorts ids so that, all else equal, the alphabetically first one wins max()."""
    return "".join(chr(0x10FFFF - ord(c)) for c in text)
