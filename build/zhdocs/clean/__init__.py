"""Stage `clean`: raw scraped text → canonical Simplified body blocks.

Steps, in order (each needs what the one before it left):
1. mojibake repair — needs the original characters' GBK bytes;
2. pinyin annotations — needs the original characters' readings;
3. script → Simplified, line by line — every later rule is written once, for Simplified;
4. half-width punctuation next to Han → full-width;
5. boilerplate lines out, metadata lines to the header;
6. repeated blocks out;
7. structure: title, headings, paragraphs.
Later, over the corpus (pipeline step after dedup): lines recurring across a
site's pages go (`recurring.py`).
Every step records what it changed on the document (provenance).
"""

from __future__ import annotations

from collections import Counter

from ..config import Config
from ..model import Document
from ..scripts import HANT, detect_script, simplify_lines
from .boilerplate import sort_lines
from .mojibake import repair_mojibake
from .pinyin import is_dense, strip_annotations
from .punctuation import to_full_width
from .repeats import drop_repeats
from .structure import build_blocks, split_items, split_title, trim_title

STAGE = "clean"
BOILERPLATE = "boilerplate: "  # a removed line's note: its kind, after this


def clean(doc: Document, config: Config) -> Document:
    if not doc.raw:
        return doc
    text = _repair(doc, doc.raw)
    doc.raw = ""  # what is kept of it is in the blocks and the notes: every later pass carries less
    text = _canonical_script(doc, text)
    for note in doc.notes:  # provenance is shown on pages: keep it in the canonical script
        parts = note.detail.split(" → ")  # a repair's garbage must not decide its result's script
        note.detail = " → ".join(simplify_lines(part, doc.script)[0] for part in parts)
    lines = [line.strip(" \u3000\u00a0") for line in to_full_width(text).split("\n")]
    lines = _drop_chrome(doc, [line for line in lines if line])
    title, lines = split_title(lines)
    if title != (trimmed := trim_title(title)):
        doc.note(STAGE, "title trimmed", title)
        title = trimmed
    if title:
        doc.meta.title = title
        doc.meta.evidence["title"] = title
    doc.blocks = build_blocks(split_items(lines))
    if not doc.blocks and not title:
        doc.reject(STAGE, "no content left after cleaning" + _what_went(doc))
    return doc


def _what_went(doc: Document) -> str:
    """What the lines were, so that a page of links (a site's list of articles) says so."""
    kinds = Counter(n.kind.removeprefix(BOILERPLATE) for n in doc.notes if n.kind.startswith(BOILERPLATE))
    counts = ", ".join(f"{kind} {n}" for kind, n in sorted(kinds.items()))
    return f" (lines removed as site chrome: {counts})" if kinds else ""


def _repair(doc: Document, text: str) -> str:
    text, repairs, flagged = repair_mojibake(text)
    for before, after in repairs:
        doc.note(STAGE, "mojibake repaired", f"{before} → {strip_annotations(after)[0]}")
    for fragment in flagged:
        doc.note(STAGE, "mojibake flagged", fragment)
    if is_dense(text):
        text, removed = strip_annotations(text)
        doc.note(STAGE, "pinyin removed", str(removed))
    return text


def _canonical_script(doc: Document, text: str) -> str:
    doc.script = detect_script(text)
    simplified, converted = simplify_lines(text, doc.script)
    if doc.script == HANT:
        doc.note(STAGE, "script", "Traditional source converted to Simplified")
    elif converted:
        doc.note(STAGE, "script", f"{converted} Traditional lines converted to Simplified")
    return simplified


def _drop_chrome(doc: Document, lines: list[str]) -> list[str]:
    sorted_lines = sort_lines(lines)
    for reason, line in sorted_lines.removed:
        doc.note(STAGE, BOILERPLATE + reason, line)
    for line in sorted_lines.header:
        doc.note(STAGE, "metadata line", line)
    doc.header = sorted_lines.header
    body, dropped = drop_repeats(sorted_lines.body)
    for line in dropped:  # the whole line, so every removed character is accounted for
        doc.note(STAGE, "repeated line", line)
    return body
