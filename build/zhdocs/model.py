"""The one record that travels through every stage, and its parts.

A stage reads and fills these fields; nothing else carries state between stages.
"""

from __future__ import annotations

import operator
import sys
from dataclasses import dataclass, field
from typing import TypeVar

T = TypeVar("T", bound=type)
ITEM = "item"  # Block.kind: an item of a list
ROW = "row"  # Block.kind: a row of a table
CELL = "\t"  # between a row's cells
PUBLISHED = "published"
DUPLICATE = "duplicate"
REJECTED = "rejected"


def pickled_by_fields(cls: T) -> T:
    """Pickle a slotted dataclass as its constructor and field values, read in C:
    unpickling then calls `__init__`, where dataclasses' own slot state goes
    through a Python `__setstate__` that looks its fields up for every object.
    A rebuild at 10k loads ~150k of these (blocks, notes) from the cache."""
    slots = cls.__slots__
    if len(slots) < 2:
        raise TypeError(f"{cls.__name__}: attrgetter of one field is not a tuple")
    fields_of = operator.attrgetter(*slots)

    def reduce(self: object) -> tuple[type, tuple[object, ...]]:
        return cls, fields_of(self)
    cls.__reduce__ = reduce
    return cls


@pickled_by_fields
@dataclass(slots=True)
class Note:
    """One thing a stage did to a document (provenance)."""

    stage: str
    kind: str
    detail: str = ""


@pickled_by_fields
@dataclass(slots=True)
class Block:
    """A piece of cleaned body text: a heading (level 2..4) or a paragraph (level
    0), which may be an item of a list (1.…； 2.…； 3.…。) or a row of a table
    (its cells parted by tabs): its `kind`."""

    text: str
    level: int = 0
    kind: str = ""  # ITEM, ROW, or "" for a heading or a paragraph

    @property
    def is_heading(self) -> bool:
        return self.level > 0


@pickled_by_fields
@dataclass(slots=True)
class Region:
    province: str = ""
    city: str = ""
    district: str = ""

    def parts(self) -> list[str]:
        return [p for p in (self.province, self.city, self.district) if p]

    def label(self) -> str:
        return " ".join(self.parts())


@pickled_by_fields
@dataclass(slots=True)
class Metadata:
    title: str = ""
    date: str = ""  # ISO yyyy-mm-dd publication date
    signed_date: str = ""  # date under the signature of an official document
    source: str = ""  # publisher or hosting site
    site: str = ""  # the site the page was scraped from, when its header names it
    author: str = ""
    url: str = ""  # original URL when the page names one
    doc_number: str = ""  # the document's own number, e.g. 粤办函〔2016〕517号
    cited_numbers: list[str] = field(default_factory=list)
    cited_titles: list[str] = field(default_factory=list)
    cited_pairs: dict[str, str] = field(default_factory=dict)  # 《title》（number）: a cited title's number
    region: Region = field(default_factory=Region)
    keywords: list[str] = field(default_factory=list)
    terms: dict[str, int] = field(default_factory=dict)  # noun counts keywords are ranked from
    summary: str = ""
    evidence: dict[str, str] = field(default_factory=dict)  # field -> line it came from


@dataclass(slots=True)
class Description:
    """What stage `describe` finds in a published document's final text: it
    travels and is cached on its own, not inside the whole document."""

    cited_titles: list[str]
    region: Region
    terms: dict[str, int]
    summary: str

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        """Pickled with the words of `terms` as one string (unpickling 10k documents'
        ~1M small strings took 0.24 s, splitting one string each 0.06 s), which
        unpickling (from the cache, or from a worker, one per pickle) splits and
        interns, so documents share them: 10k documents' terms otherwise hold ~60 MB of copies."""
        counts = list(self.terms.values())
        words: str | list[str] = TERM_SEPARATOR.join(self.terms)
        if words.count(TERM_SEPARATOR) != max(len(counts) - 1, 0):  # a word holds one: never split it
            words = list(self.terms)
        return _description, (self.cited_titles, self.region, words, counts, self.summary)


TERM_SEPARATOR = "\n"


def _description(cited_titles: list[str], region: Region, words: str | list[str], counts: list[int],
                 summary: str) -> Description:
    listed = words.split(TERM_SEPARATOR) if isinstance(words, str) else words
    # not strict: no terms is one empty string, split, beside no counts
    terms = dict(zip(map(sys.intern, listed), counts))  # noqa: B905
    return Description(cited_titles, region, terms, summary)


@pickled_by_fields
@dataclass(slots=True)
class Related:
    id: str
    reason: str


@pickled_by_fields
@dataclass(slots=True)
class Sketch:
    """What dedup compares of a document, computed with the document's own pass
    (in the workers, and cached) so that dedup itself only pairs them up."""

    key: str  # title and text normalised for comparison
    shingles: bytes = b""  # sorted unique uint32 hashes of the key's character 5-grams
    signature: bytes = b""  # their uint32 MinHash values; empty when there are no shingles
    digest: bytes = b""  # of the shingles: names them in dedup's memo of pairs


@pickled_by_fields
@dataclass(slots=True)
class Document:
    """A seed file on its way to a page.

    `id` comes from the seed's path, never from its content, so it stays stable
    when other seeds are added or removed.
    """

    id: str
    seed_path: str  # relative to the seeds folder, POSIX separators
    raw: str = ""  # decoded text as read
    encoding: str = ""
    script: str = ""  # "hans" or "hant": the script the source was written in
    header: list[str] = field(default_factory=list)  # metadata lines lifted out of the body
    blocks: list[Block] = field(default_factory=list)  # cleaned body, canonical Simplified
    meta: Metadata = field(default_factory=Metadata)
    related: list[Related] = field(default_factory=list)
    status: str = PUBLISHED
    duplicate_of: str = ""
    duplicates: list[str] = field(default_factory=list)  # ids merged into this one
    reason: str = ""  # why rejected or merged
    notes: list[Note] = field(default_factory=list)
    sketch: Sketch | None = None  # from `sketch` until dedup, which consumes it

    @property
    def text(self) -> str:
        """The cleaned body as plain text, one block per line."""
        return "\n".join(b.text for b in self.blocks)

    @property
    def published(self) -> bool:
        return self.status == PUBLISHED

    def note(self, stage: str, kind: str, detail: str = "") -> None:
        self.notes.append(Note(stage, kind, detail))

    def reject(self, stage: str, reason: str) -> None:
        self.status = REJECTED
        self.reason = reason
        self.note(stage, "rejected", reason)
