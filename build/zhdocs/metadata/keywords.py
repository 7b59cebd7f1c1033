"""Keywords: TF-IDF over nouns, with an IDF learned from the corpus itself.

Two steps, so that each text is segmented once and the per-document part stays
a pure function of the document (safe to run in parallel):

- `term_counts(title, body)`: jieba's part-of-speech segmentation, nouns only
  (`segment.tagged_words`: posseg's words and tags, faster), minus a stoplist
  of words every government report uses. Dictionary words
  only: the HMM for unknown words triples the time and found no better
  keywords on the seeds. Asides in parentheses (`（市工商局负责）`) are left
  out: they name who does what, not the topic.
- `assign_keywords(docs, count, memo)`: a cheap pass over those counts. The IDF of a
  word blends jieba's general-language IDF with the corpus's own document
  frequency: jieba's IDF acts as `PRIOR_DOCS` pseudo-documents, so a small
  corpus ranks like jieba and a large one like itself. The document being
  scored is left out of its own document frequency, so a single document gets
  jieba's ranking, and a word every document of the corpus uses (质量 in a
  collection about quality) sinks however high jieba ranks it.
"""

from __future__ import annotations

import hashlib
import heapq
import math
import re
from collections import Counter
from collections.abc import Iterable
from itertools import chain

from ..cache import fingerprint
from ..model import Document
from ..package_data import package_file, parsed_copy
from ..segment import tagged_words
from .fields import DOC_NUMBER

ALLOWED_POS = frozenset(("n", "nz", "nt", "ns", "vn", "nr"))
TITLE_WEIGHT = 3  # a title names the topic in few words
PRIOR_DOCS = 20  # how many documents jieba's general IDF is worth
PREFIX_FACTOR = 3  # top_keywords ranks this many times `count` words first
# the last build's: other documents, document frequencies, jieba's IDF of those
# words, and each document's (digest of its terms, keywords), by id
KeywordMemo = tuple[int, dict[str, int], dict[str, float], dict[str, tuple[bytes, list[str]]]]
_ASIDE = re.compile(r"[（(][^（）()\n]*[)）]")
# Generic words of government reports (nouns and verbal nouns as jieba tags
# them) that say nothing about what a document is about; the last line: the
# labels of a page's furniture (来源, 附件), left in the body by some sites.
STOPWORDS = frozenset(
    """工作 有关 部门 单位 方面 领域 建设 发展 推进 开展 加强 提升 实施 推动 加快 提高
    完善 落实 健全 促进 企业 全市 全区 全省 全国 我市 本市 该局 情况 问题 措施 活动
    水平 能力 体系 机制 作用 重要 重点 目前 近年来 进一步 职责 分工 负责 参与 牵头
    配合 组织 要求 任务 目标 成效 成绩 意见 通知 方案 计划 行动 部署 工程 项目 服务
    管理 政府 人民政府 领导 同志 记者 报道 会议 工作组 小组 成员 办公室 力争 大力开展
    深入开展 积极开展 着力 切实 努力 全面 不断 逐步 加大力度 印发 贯彻 执行 批示
    来源 作者 编辑 责任编辑 通讯员 本报讯 附件 文章""".split()  # noqa: SIM905 - a word list reads better
)


def term_counts(title: str, body: str) -> dict[str, int]:
    """Nouns worth a keyword and how often they occur, a title word counting
    TITLE_WEIGHT times: one segmentation per text."""
    counts: Counter[str] = Counter()
    for text, weight in ((title, TITLE_WEIGHT), (body, 1)):
        for word, tag in tagged_words(_ASIDE.sub("", DOC_NUMBER.sub("", text))):  # two characters or more
            if tag in ALLOWED_POS and word not in STOPWORDS:
                counts[word] += weight
    return dict(counts)  # interned when unpickled (model.Description)


def general_idf(words: set[str]) -> dict[str, float]:
    """jieba's IDF of each word (analyse/idf.txt, read as its IDFLoader reads it),
    the table's median for a word it lacks. Read here, not through jieba.analyse,
    whose import builds a TF-IDF extractor and loads posseg (~95 MB); and only
    the corpus's words are kept."""
    table, median = idf_table()
    return {word: table.get(word, median) for word in words}


def idf_table() -> tuple[dict[str, float], float]:
    """idf.txt as word -> IDF, and the median IDF: parsed once (0.35 s), then from
    its parsed copy (0.12 s). Not kept between builds: ~36 MB for the whole table."""
    return parsed_copy("jieba-idf", package_file("jieba", "analyse/idf.txt"), _parse_idf, (dict, float))


def _parse_idf(source: bytes) -> tuple[dict[str, float], float]:
    fields = source.decode("utf-8").split()
    table = dict(zip(fields[0::2], fields[1::2], strict=True))  # word -> IDF, as text: the last one counts
    values = sorted(map(float, table.values()))
    return {word: float(idf) for word, idf in table.items()}, values[len(values) // 2]


def corpus_idf(term_sets: list[dict[str, int]], general: dict[str, float]) -> dict[str, float]:
    """IDF per word: jieba's IDF (`general`, of at least these words) as
    PRIOR_DOCS pseudo-documents plus the other documents of the corpus (leave-one-out)."""
    frequency = Counter(chain.from_iterable(term_sets))  # a dict iterates its words: one count each
    others = max(len(term_sets) - 1, 0)
    return {word: _idf(df, others, general[word]) for word, df in frequency.items()}


def _idf(df: int, others: int, general: float) -> float:
    return -math.log((df - 1 + PRIOR_DOCS * math.exp(-general)) / (others + PRIOR_DOCS))


def top_keywords(terms: dict[str, int], idf: dict[str, float], count: int) -> list[str]:
    """The `count` best words by TF-IDF (ties by word), skipping a word that
    contains or is contained in a better one (东莞 / 东莞市, 分类 / 分级分类)."""
    scored = [(-n * idf[word], word) for word, n in terms.items()]
    # Usually the best few suffice: sort everything only when the skips ate them.
    for ranked in (heapq.nsmallest(PREFIX_FACTOR * count, scored), sorted(scored)):
        chosen: list[str] = []
        for _, word in ranked:
            if not any(word in kept or kept in word for kept in chosen):
                chosen.append(word)
            if len(chosen) == count:
                return chosen
    return chosen


def assign_keywords(docs: list[Document], count: int, memo: KeywordMemo | None = None) -> KeywordMemo:
    """Keywords for every published document (only they have terms), with
    document frequencies counted over them (a merged repost would count its
    article twice). A document keeps the keywords `memo` (the last build's)
    holds for it when its terms, the number of other documents and each of its
    words' frequency are as they were: then so is every score it was ranked by.
    Returns this build's memo."""
    published = [d for d in docs if d.published]
    frequency = Counter(chain.from_iterable(d.meta.terms for d in published))
    others = max(len(published) - 1, 0)
    last_others, last_frequency, last_general, last_chosen = memo or (-1, {}, {}, {})
    general = _general_idf(frequency.keys(), last_general)
    moved = ({w for w, n in frequency.items() if last_frequency.get(w) != n}
             if others == last_others else frequency.keys())
    digests = {d.id: _digest(d.meta.terms) for d in published}
    todo = []
    for doc in published:
        last = last_chosen.get(doc.id)
        if last and last[0] == digests[doc.id] and moved.isdisjoint(doc.meta.terms):
            doc.meta.keywords = list(last[1])
        else:
            todo.append(doc)
    words = set(chain.from_iterable(doc.meta.terms for doc in todo))
    idf = {word: _idf(frequency[word], others, general[word]) for word in words}
    for doc in todo:
        doc.meta.keywords = top_keywords(doc.meta.terms, idf, count)
    return others, dict(frequency), general, {d.id: (digests[d.id], d.meta.keywords) for d in published}


def _general_idf(words: Iterable[str], known: dict[str, float]) -> dict[str, float]:
    """`general_idf`, from the last build's values while they hold every word (idf.txt costs 0.1 s)."""
    try:
        return {word: known[word] for word in words}
    except KeyError:
        return general_idf(set(words))


def _digest(terms: dict[str, int]) -> bytes:
    return hashlib.blake2b(fingerprint(terms), digest_size=16).digest()
