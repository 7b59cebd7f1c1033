"""Stage `metadata`: what identifies a document (title, dates, source, author,
numbers), which dedup needs; stage `describe`, after dedup and the learned-chrome
step so that dropped chrome never counts: cited titles, region, terms, summary
(from the title and blocks alone, so it is cached by them: `NarrowStage`);
then corpus stage `keywords`, which ranks the terms with the corpus's own IDF.

Reads the header lines that cleaning lifted out of the body and the cleaned
body itself; records the line each value came from (evidence) for provenance.
"""

from __future__ import annotations

import re
from itertools import chain

from ..config import Config
from ..execute import NarrowStage, RememberingStage
from ..model import Description, Document
from . import fields
from .dates import SIGNATURE_DATE, find_date
from .keywords import KeywordMemo, assign_keywords, term_counts
from .region import find_region

STAGE = "metadata"
FALLBACK_TITLE_CHARS = 40
PUBLISHED_LABELS = ("发布日期", "发布时间", "公开日期", "发文日期")
# a note under a law's title: （2022年3月30日广东省第十三届人民代表大会常务委员会第四十一次会议通过）
ADOPTED = re.compile(r"通过|批准|公布|发布|施行|修订|修正")
ADOPTION_BLOCKS = 2  # it stands right under the title


def extract_metadata(doc: Document, config: Config) -> Document:
    if not doc.published:
        return doc
    meta = doc.meta
    paragraphs = [b.text for b in doc.blocks if not b.is_heading]
    if not meta.title:  # the body gave none: the header's 标题 field, else the first sentence
        meta.title, line = fields.title_field(doc.header)
        if line:
            meta.evidence["title"] = line
        meta.title = meta.title or _fallback_title(paragraphs, doc.id)
    _dates(doc, paragraphs)
    _people(doc, paragraphs)
    texts = [b.text for b in doc.blocks]
    meta.doc_number, meta.cited_numbers = fields.document_numbers(doc.header, texts)
    meta.cited_pairs = fields.cited_pairs(texts)
    return doc


DescribeInput = tuple[str, list[tuple[str, int]], str]  # title; each block's text and level; publisher


def _describe_input(doc: Document) -> DescribeInput | None:
    """All `describe` reads: the title, the final blocks and who published them
    (None: not published)."""
    if not doc.published:
        return None
    return doc.meta.title, [(b.text, b.level) for b in doc.blocks], doc.meta.source or doc.meta.site


def _description(read: DescribeInput, config: Config) -> Description:
    """What a published document is about, from its final text; where the text
    names no place, the publisher's (澳门特别行政区政府, 东莞日报) is the region."""
    title, blocks, publisher = read
    text = "\n".join(block for block, _ in blocks)
    paragraphs = [block for block, level in blocks if not level]
    region = find_region(title, text)
    region = region if region.parts() else find_region(publisher, "")
    return Description(fields.cited_titles(text, title), region, term_counts(title, text),
                       fields.summary(paragraphs, config.summary_chars))


def _describe_output(doc: Document, found: Description) -> None:
    meta = doc.meta
    meta.cited_titles, meta.region, meta.terms, meta.summary = (
        found.cited_titles, found.region, found.terms, found.summary)
    # a pair stands where both halves are cited (the title may be what the document issues)
    meta.cited_pairs = {title: number for title, number in meta.cited_pairs.items()
                        if title in meta.cited_titles and number in meta.cited_numbers}
    for name, line in sorted(meta.evidence.items()):  # the title may have changed since `metadata`
        doc.note(STAGE, name, line)


describe = NarrowStage(_describe_input, _description, _describe_output)


def _keywords(docs: list[Document], config: Config,
              memo: KeywordMemo | None) -> tuple[list[Document], KeywordMemo]:
    """Corpus stage: keywords ranked with the corpus's own IDF (see keywords.py)."""
    return docs, assign_keywords(docs, config.keywords_per_doc, memo)


keywords = RememberingStage(_keywords)


def _fallback_title(paragraphs: list[str], doc_id: str) -> str:
    first = next((p for p in paragraphs if p), "")
    return first.split("。")[0][:FALLBACK_TITLE_CHARS] or doc_id


def _dates(doc: Document, paragraphs: list[str]) -> None:
    """The publication date: a 发布日期 field's, else the header's first date
    (a policy library's header gives 成文日期 before 发布日期)."""
    meta = doc.meta
    labelled = ((find_date(value), line) for line in doc.header
                for label, value in fields.labelled_fields(line) if label in PUBLISHED_LABELS)
    first = ((find_date(line), line) for line in doc.header)
    meta.date, line = next((found for found in chain(labelled, first) if found[0]), ("", ""))
    if line:
        meta.evidence["date"] = line
    signature = next((p for p in reversed(paragraphs) if SIGNATURE_DATE.match(p)), "")
    if signature:
        meta.signed_date, meta.evidence["signed_date"] = find_date(signature), signature
    if not meta.date and meta.signed_date:
        meta.date = meta.signed_date
    if not meta.date:  # a regulation's: the day it was passed
        notes = (p for p in paragraphs[:ADOPTION_BLOCKS] if fields.NOTE.match(p) and ADOPTED.search(p))
        adoption = next(notes, "")
        if adopted := find_date(adoption):
            meta.date, meta.evidence["date"] = adopted, adoption


def _people(doc: Document, paragraphs: list[str]) -> None:
    meta = doc.meta
    meta.source, meta.url, line = fields.source_and_url(doc.header)
    if line:
        meta.evidence["source"] = line
    meta.author, line = fields.author_line(doc.header)
    if line:
        meta.evidence["author"] = line
    if not meta.author:
        meta.author, line = fields.dateline_reporters(doc.text)
        if line:
            meta.evidence["author"] = line
    organisation, person, line = fields.contributor(doc.text)
    if line:
        meta.author = meta.author or person
        meta.source = meta.source or organisation
        meta.evidence["contributor"] = line
    if not meta.source:
        meta.source, line = fields.issuer(meta.title, paragraphs)
        if line:
            meta.evidence["source"] = line
    meta.site = fields.site_name(doc.header)
    meta.source = meta.source or meta.site
