"""The page of one document (and the stub left at a merged duplicate's address).

A page is a function of its `PageInput` alone, so it can be cached by it.
"""

from __future__ import annotations

import dataclasses
import html
import itertools
from dataclasses import dataclass

from ..model import CELL, ITEM, ROW, Block, Document, Metadata, Note
from ..scripts import HANT
from . import collation
from . import markdown as md

DOC_DIR = "doc"
KEYWORDS_PAGE = "keywords.md"
PROVENANCE_START = '<details class="provenance">'
SCRIPT_NAMES = {HANT: "繁体中文", "hans": "简体中文"}  # the original's: true on both scripts' pages
LIST_BREAK = "<!-- body -->\n\n"
ITEM_CLASS = "zhdocs-item"  # a list item of the body (zhdocs.css: no bullet)
PERMALINK_LABEL = "本文链接："  # shown with the page's address by overrides/main.html


def doc_path(doc_id: str) -> str:
    return f"{DOC_DIR}/{doc_id}.md"


def keyword_page(group: str) -> str:
    """The page of the keyword index that lists a group's keywords (`collation.initial`)."""
    return f"{KEYWORDS_PAGE.removesuffix('.md')}/{group}.md"


def region_anchor(path: list[str]) -> str:
    """Ids by full path: two counties may share a name (城区), never a path."""
    return md.anchor("r", "/".join(path))


@dataclass(frozen=True)
class PageInput:
    """Everything a document's page shows, and nothing it does not (raw text, noun counts)."""

    doc: Document
    related_titles: dict[str, str]  # id -> title of each published related document
    duplicates: list[Copy]  # the copies merged into it
    keyword_groups: str  # each keyword's group in the keyword index (`collation.initial`), in order


@dataclass(frozen=True)
class Copy:
    """What a page shows of a copy merged into it (its text is the page's own)."""

    seed_path: str
    source: str
    reason: str
    notes: list[Note]


def page_input(doc: Document, by_id: dict[str, Document], groups: dict[str, str]) -> PageInput:
    """`groups`: each keyword's group (`collation.groups`)."""
    titles = {r.id: by_id[r.id].meta.title for r in doc.related if r.id in by_id and by_id[r.id].published}
    copies = [Copy(c.seed_path, c.meta.source, c.reason, c.notes) for c in (by_id[i] for i in doc.duplicates)]
    # one character per keyword, one string per page: cheap to key
    return PageInput(_shown(doc), titles, copies, "".join(map(groups.__getitem__, doc.meta.keywords)))


def _shown(doc: Document) -> Document:
    """The document less what its page never shows: a smaller, cheaper key."""
    meta = dataclasses.replace(doc.meta, terms={}, evidence={})
    return dataclasses.replace(doc, raw="", header=[], meta=meta)


def document_page(doc: Document, by_id: dict[str, Document]) -> str:
    return page(page_input(doc, by_id, collation.groups(collation.readings(doc.meta.keywords))))


def page(source: PageInput) -> str:
    doc = source.doc
    meta = doc.meta
    parts = [
        md.front_matter({"title": md.attribute(meta.title), "description": md.attribute(meta.summary),
                         "permalink": PERMALINK_LABEL, "zhdocs": metadata_fields(doc)}),
        md.heading(1, meta.title),
        md.bullet(_facts(doc, source.keyword_groups)),
        *_body(doc.blocks),
        _related(doc, source.related_titles),
        _also_published(source.duplicates),
        _provenance(doc, source.duplicates),
    ]
    return "".join(parts)


def metadata_fields(doc: Document) -> dict[str, object]:
    """The extracted metadata as data in the front matter (no template prints it)."""
    meta = doc.meta
    return {"title": meta.title, "date": meta.date, "signed_date": meta.signed_date,
            "source": meta.source, "site": meta.site, "author": meta.author, "url": meta.url,
            "doc_number": meta.doc_number, "cited_numbers": meta.cited_numbers,
            "cited_titles": meta.cited_titles, "region": meta.region.parts(),
            "keywords": meta.keywords, "summary": meta.summary}


def redirect_page(seed_path: str, canonical_id: str, canonical_title: str) -> str:
    """Left at a duplicate's own address so old links still land on the article."""
    return "".join([
        md.front_matter({"title": md.attribute(canonical_title), "redirect": f"../{canonical_id}/",
                         "search": {"exclude": True}}),
        md.heading(1, canonical_title),
        f"本页（{md.text(seed_path)}）与另一篇文档内容相同，已合并：",
        f"{md.link(canonical_title, canonical_id + '.md')}。\n",
    ])


def _facts(doc: Document, keyword_groups: str) -> list[str]:
    meta = doc.meta
    facts = []
    if meta.date:
        signed = f"（落款 {meta.signed_date}）" if meta.signed_date and meta.signed_date != meta.date else ""
        year = "../years.md#" + md.anchor("y", meta.date[:4])
        facts.append(f"**日期**：{md.link(meta.date, year)}{signed}")
    if meta.source:
        facts.append(f"**来源**：{md.link(meta.source, '../sources.md#' + md.anchor('s', meta.source))}")
    if meta.author:
        facts.append(f"**作者**：{md.text(meta.author)}")
    if meta.doc_number:
        facts.append(f"**文号**：{md.text(meta.doc_number)}")
    if meta.region.parts():
        parts = meta.region.parts()
        links = [md.link(p, "../regions.md#" + region_anchor(parts[: i + 1])) for i, p in enumerate(parts)]
        facts.append("**地区**：" + " › ".join(links))
    if meta.keywords:
        links = [md.link(k, f"../{keyword_page(group)}#{md.anchor('k', k)}")
                 for k, group in zip(meta.keywords, keyword_groups, strict=True)]
        facts.append("**关键词**：" + "、".join(links))
    if meta.cited_titles or meta.cited_numbers:
        links = [md.link(label, "../policies.md#" + md.anchor("p", name)) for name, label in _citations(meta)]
        facts.append("**引用**：" + "、".join(links))
    if meta.url:
        facts.append(f"**原文**：{md.external_link(meta.url, meta.url)}")
    facts.append(f"**原文字体**：{SCRIPT_NAMES.get(doc.script, doc.script)}")
    return facts


def _citations(meta: Metadata) -> list[tuple[str, str]]:
    """(name, label) of each cited policy: a title cited with its number is one,
    《甲方案》（粤办函〔2016〕517号）, named by the title."""
    paired = meta.cited_pairs
    titles = [(f"《{t}》", f"《{t}》（{paired[t]}）" if t in paired else f"《{t}》")
              for t in meta.cited_titles]
    return titles + [(n, n) for n in meta.cited_numbers if n not in paired.values()]


def _body(blocks: list[Block]) -> list[str]:
    """Headings, paragraphs, lists and tables. A list's items keep their own
    markers (（一）, 1、) in their text: it shows no bullets of its own. A list
    right after the facts' list would be one list with it: a comment parts them."""
    parts: list[str] = []
    for kind, run in itertools.groupby(blocks, key=lambda b: b.kind):
        if kind == ITEM:
            items = "".join(f"- {md.text(b.text)}\n{{: .{ITEM_CLASS} }}\n" for b in run)
            parts.append(("" if parts else LIST_BREAK) + items + "\n")
        elif kind == ROW:
            parts.append(_table([b.text.split(CELL) for b in run]))
        else:
            parts += [md.heading(b.level, b.text) if b.level else f"{md.text(b.text)}\n\n" for b in run]
    return parts


def _table(rows: list[list[str]]) -> str:
    """A Markdown table as wide as its widest row; the first row is its head."""
    width = max(map(len, rows))
    lines = ["| " + " | ".join(md.text(cell) for cell in [*row, *[""] * (width - len(row))]) + " |"
             for row in rows]
    lines.insert(1, "|" + " --- |" * width)
    return "\n".join(lines) + "\n\n"


def _related(doc: Document, titles: dict[str, str]) -> str:
    items = [f"{md.link(titles[r.id], r.id + '.md')} — {md.text(r.reason)}"
             for r in doc.related if r.id in titles]
    return md.heading(2, "相关文档") + md.bullet(items) if items else ""


def _also_published(duplicates: list[Copy]) -> str:
    items = []
    for dup in duplicates:
        source = f"，{md.text(dup.source)}" if dup.source else ""
        items.append(f"{md.text(dup.seed_path)}{source}（{md.text(dup.reason)}）")
    return md.heading(2, "也发布于") + md.bullet(items) if items else ""


def _provenance(doc: Document, duplicates: list[Copy]) -> str:
    """整理说明: what the pipeline did to each file, collapsed; every value HTML-escaped."""
    files = [f"<p>原始文件：<code>{html.escape(doc.seed_path)}</code>（{html.escape(doc.encoding)}）</p>\n"
             + _note_list(doc.notes)]
    files += [f"<p>合并的副本：<code>{html.escape(dup.seed_path)}</code></p>\n" + _note_list(dup.notes)
              for dup in duplicates]
    return f"{PROVENANCE_START}<summary>整理说明</summary>\n{''.join(files)}</details>\n"


def _note_list(notes: list[Note]) -> str:
    items = "".join(
        f"<li><code>{html.escape(stage)}</code> {html.escape(kind)}"
        f"{'：' + html.escape(detail[:300]) if detail else ''}</li>\n"
        for stage, kind, detail in _shown_notes(notes)
    )
    return f"<ul>\n{items}</ul>\n"


def _shown_notes(notes: list[Note]) -> list[tuple[str, str, str]]:
    """Notes as shown; a body pasted twice is one line here, not the body again."""
    shown = [(n.stage, n.kind, n.detail) for n in notes if n.kind != "repeated line"]
    repeated = [n.detail for n in notes if n.kind == "repeated line"]
    if repeated:
        shown.append(("clean", "repeated lines", f"{len(repeated)} 行，自「{repeated[0][:8]}…」起"))
    return shown
