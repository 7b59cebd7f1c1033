"""Half-width punctuation in Chinese text becomes full-width.

Only where it touches Han characters (or follows a percentage: 100%,PM2.5):
`1,000`, `12:09`, `ISO9001`, URLs and entities shown as text (`&lt;`, left
by a page that encoded them twice) keep theirs. This is for the text readers
see; keys for dedup normalise separately.
"""

from __future__ import annotations

import re

_CJK = r"\u3000-\u303f\u3400-\u9fff\uff00-\uffef\u201c\u201d\u2018\u2019"
_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
# A URL, tried only from the start of a run of its scheme's characters (2.http://…: from the 2,
# the URL itself from the h), else from every character of a long run of letters: quadratic.
_KEPT = re.compile(r"(?<![a-zA-Z0-9+.-])[0-9+.-]*"
                   r"(?P<url>[a-zA-Z][a-zA-Z0-9+.-]*://[^\s\u3000-\u303f\uff00-\uffef]+)"
                   r"|&(?:[a-zA-Z][a-zA-Z0-9]{1,31}|#\d{1,7}|#[xX][0-9a-fA-F]{1,6});")  # an entity
# A run of marks with Han (or Chinese punctuation) on at least one side (each
# mark converted is Chinese context for the next); or a comma or semicolon
# right after a percentage with no space before what follows (达标率100%,PM2.5:
# English text would leave one). A run is matched from its start only: tried
# from every mark of a long run, the match would be quadratic. Each branch
# opens with the mark itself, its context looked behind after, so the engine
# skips to the next mark instead of trying every character.
_MARK = re.compile(rf"[,;:?!](?<=[{_CJK}][,;:?!])[,;:?!]*|[,;:?!](?<![,;:?!][,;:?!])[,;:?!]*(?=[{_CJK}])"
                   r"|[,;](?<=\d%[,;])(?=\S)")
MAX_PASSES = 8  # prose settles in three; a chain such as 质(:)(:)(:)… would take a pass per link
_HAN = re.compile(rf"[{_CJK}]")
_HALF_WIDTH = re.compile(r"[,;:?!()]")
_PARENTHESIS = re.compile(r"[()\n]")


def to_full_width(text: str) -> str:
    if not _HALF_WIDTH.search(text):  # already full-width: nothing to look at
        return text
    if "://" not in text and "&" not in text:  # nothing to keep: the common case
        return _convert(text)
    parts = []
    last = 0
    for kept in _KEPT.finditer(text):
        start, end = kept.span("url") if kept["url"] else kept.span()
        parts.append(_convert(text[last:start]))
        parts.append(text[start:end])
        last = end
    parts.append(_convert(text[last:]))
    return "".join(parts)


def _convert(text: str) -> str:
    # Until nothing changes: a converted mark is Chinese context for its neighbour (1:（）).
    for _ in range(MAX_PASSES):
        converted = _step(text)
        if converted == text:
            break
        text = converted
    return text


def _step(text: str) -> str:
    text = _MARK.sub(lambda m: "".join(map(_FULL.__getitem__, m[0])), text)
    return _convert_parentheses(text) if "(" in text else text


def _convert_parentheses(text: str) -> str:
    """A matched pair on one line turns full-width when Han is inside it or right next to it."""
    chars = list(text)
    opened: list[int] = []
    for match in _PARENTHESIS.finditer(text):  # only the parentheses, not every character
        i = match.start()
        if match[0] == "\n":  # a pair never spans lines
            opened.clear()
        elif match[0] == "(":
            opened.append(i)
        elif opened:
            j = opened.pop()
            if _HAN.search(text[max(j - 1, 0) : i + 2]):
                chars[j], chars[i] = "（", "）"
    return "".join(chars)
