"""Keywords: jieba TF-IDF over nouns, minus words every report uses."""

from __future__ import annotations

from functools import lru_cache

import jieba.analyse

ALLOWED_POS = ("n", "nz", "nt", "ns", "vn", "nr")
# Generic words of government reports that say nothing about a document's topic.
STOPWORDS = frozenset(
    """工作 有关 部门 单位 方面 领域 建设 发展 推进 开展 加强 提升 实施 推动 加快 提高
    完善 落实 健全 促进 企业 全市 全区 全省 全国 我市 本市 该局 情况 问题 措施 活动
    水平 能力 体系 机制 作用 重要 重点 目前 近年来 进一步""".split()  # noqa: SIM905 - a word list reads better
)


@lru_cache(maxsize=1)
def _extractor() -> jieba.analyse.TFIDF:
    return jieba.analyse.TFIDF()


def extract_keywords(text: str, count: int) -> list[str]:
    words = _extractor().extract_tags(text, topK=count * 3, allowPOS=ALLOWED_POS)
    return [w for w in words if w not in STOPWORDS and len(w) > 1][:count]
