"""Repair GBK byte streams that were decoded one byte off.

`當(dāng)?shù)赝赓Q(mào)` was `當地外貿`: one lead byte was lost, so 地外貿's bytes
B5D8 CDE2 8351 were read from D8 on (赝赓) until the ASCII-range trail byte 51
(`Q`) put the decoder back in step. The `?shù)` is the converter's annotation
of the misaligned window (trail byte of 當 + the lost byte B5 = 數, shù) whose
`(` was swallowed: the syllable pins the lost byte down.

For each damaged fragment: re-encode it to GBK, try every candidate lost byte
(and lost trail byte, where the fragment ends in `?syl)` or `�(syl)`), keep
streams that decode strictly and whose annotations are readings of the
characters they follow, rank the survivors with jieba's dictionary in context,
and accept only a clear winner. Anything else is left as it is and flagged.

A line of UTF-8 that was decoded as GBK (鍩庝埂 for 城乡: each character's
three bytes read as one and a half GBK characters) is re-encoded and decoded
as UTF-8 first. Where the GBK decoder could not pair a byte it wrote U+FFFD:
that byte was 0x80 (never a GBK lead byte), or a continuation byte before an
ASCII one; the one that reads best in context takes its place.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..scripts import t2s_chars
from ..segment import route_logprob
from .pinyin import SYLLABLE, is_reading

_GARBAGE = r"(?:[^\x00-\x7f\ufffd€?]|[!,;:])"
FRAGMENT = re.compile(
    rf"(?P<start>\?(?P<lead_syl>{SYLLABLE})\)|\ufffd)"
    rf"(?P<garbage>{_GARBAGE}{{0,16}}?)"
    rf"(?P<end>[\x40-\x7e]|€|\?(?P<trail_syl>{SYLLABLE})\)|\ufffd\((?P<trail_syl2>{SYLLABLE})\))"
)
_DAMAGE = re.compile(rf"\?{SYLLABLE}\)|\ufffd")  # what is left unrepaired gets flagged
_ANNOTATION_AFTER = re.compile(rf"\(({SYLLABLE}) ?\)")
_PREV_ANNOTATION = re.compile(rf"\({SYLLABLE} ?\)$")
_HALF_TO_FULL = str.maketrans({"!": "！", ",": "，", ";": "；", ":": "："})
_TRAIL_BYTES = [b for b in range(0x40, 0xFF) if b != 0x7F]
_LEAD_BYTES = range(0x81, 0xFF)
_CJK_ONLY = re.compile(r"^[\u3000-\u303f\u3400-\u9fff\uff00-\uffef\u2018-\u201d\u2014\u2026]+$")
_RUNS = re.compile(r"[\u3400-\u9fff]+|[^\u3400-\u9fff]")
_HAN_RUN = re.compile(r"[\u3400-\u9fff]")
# GBK characters whose two bytes are a UTF-8 lead byte of a Han character and a continuation
# byte (鍩 E5 9F, 庝 E5 BA): rare characters that come in runs only where UTF-8 was read as GBK
_UTF8_AS_GBK = re.compile("[" + "".join(
    ch for lead in range(0xE3, 0xEA) for trail in range(0x80, 0xC0)
    for ch in [bytes([lead, trail]).decode("gbk", errors="ignore")] if len(ch) == 1) + "]")
MIN_UTF8_AS_GBK = 4
_CONTINUATION = range(0x80, 0xC0)
_NUMBER = re.compile(r"\d+")  # scored as one Han numeral: 12月31日 reads as 九月九日, where 月 beats 有
_PUNCTUATION_RANK = {"。": 3, "、": 2, "《": 1, "》": 1}
_COMMON_PUNCTUATION = re.compile(r"[，。、；：？！“”‘’（）《》—…\s]")
CONTEXT = 6  # characters each side used to rank candidates


def repair_mojibake(text: str) -> tuple[str, list[tuple[str, str]], list[str]]:
    """(repaired text, [(fragment, repair)], [fragments left and flagged])."""
    text, repairs, unsure = _redecoded_utf8(text)
    if "?" not in text and "\ufffd" not in text:  # every fragment starts with one of them
        return text, repairs, unsure
    out, pos = [], 0
    for match in FRAGMENT.finditer(text):
        fixed = _repair_fragment(text, match)
        out.append(text[pos:match.start()])
        if fixed is None:
            out.append(match[0])
        else:
            repairs.append((match[0], fixed))
            out.append(fixed)
        pos = match.end()
    out.append(text[pos:])
    repaired = "".join(out)
    flagged = [_context(repaired, m.start(), m.end()) for m in _DAMAGE.finditer(repaired)]
    return repaired, repairs, unsure + flagged


def _redecoded_utf8(text: str) -> tuple[str, list[tuple[str, str]], list[str]]:
    """The text with its lines of UTF-8 read as GBK decoded again, those repairs,
    and the repaired lines where a lost byte had no clear best (flagged)."""
    lines, repairs, unsure = text.split("\n"), [], []
    for i, line in enumerate(lines):
        if len(_UTF8_AS_GBK.findall(line)) >= MIN_UTF8_AS_GBK and (found := _as_utf8(line)):
            fixed, clear = found
            repairs.append((line.strip(), fixed.strip()))
            unsure += [] if clear else [fixed.strip()]
            lines[i] = fixed
    return "\n".join(lines), repairs, unsure


def _as_utf8(line: str) -> tuple[str, bool] | None:
    """The line's GBK bytes read as UTF-8, each lost byte (U+FFFD) the one that
    reads best, and whether each was a clear best; None when the result is no
    Chinese text."""
    try:
        pieces = [piece.encode("gbk") for piece in line.split("\ufffd")]
    except UnicodeEncodeError:
        return None
    data, clear = pieces[0], True
    for piece in pieces[1:]:
        # a byte was lost where it and the next made no GBK character: 0x80 always
        lost = [byte for byte in _CONTINUATION
                if byte == 0x80 or _strict_gbk(bytes([byte]) + piece[:1]) is None]
        opening = not data.decode("utf-8", errors="ignore").strip()
        # best first; between equals the lowest byte (0x80, the one GBK never pairs)
        scored = sorted(((_lost_byte_score(data, byte, piece, opening), -byte) for byte in lost),
                        reverse=True)
        complete = bool((data[-2:] + bytes([-scored[0][1]])).decode("utf-8", errors="ignore"))
        clear = clear and (not complete or _clearly_best([score for score, _ in scored]))  # judged later
        data += bytes([-scored[0][1]]) + piece
    try:
        fixed = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return (fixed, clear) if _HAN_RUN.search(fixed) and not _UTF8_AS_GBK.search(fixed) else None


def _clearly_best(scores: list[tuple[float, int]]) -> bool:
    """The best reads better than the next by a margin, or as well but as likelier punctuation."""
    if len(scores) == 1:
        return True
    (best, rank), (second, second_rank) = scores[0], scores[1]
    return best > second + 1.0 or (best == second and rank > second_rank)


def _lost_byte_score(data: bytes, byte: int, piece: bytes, opening: bool) -> tuple[float, int]:
    """How well the text reads with `byte` in the lost one's place, then, between
    punctuation that reads equally well, which is likelier there (。 ending a
    line, 　 indenting one: `opening`, nothing but spaces before it)."""
    window = (data[-6:] + bytes([byte]) + piece[:6]).decode("utf-8", errors="ignore")
    char = (data[-2:] + bytes([byte])).decode("utf-8", errors="ignore")[-1:]
    rank = 4 if char == "\u3000" and opening else _PUNCTUATION_RANK.get(char, 0)
    return _plausibility(_NUMBER.sub("九", window)), rank


def _context(text: str, start: int, end: int) -> str:
    return text[max(0, start - CONTEXT):end + CONTEXT]


def _repair_fragment(text: str, match: re.Match[str]) -> str | None:
    garbage = _windows_gbk(match["garbage"].translate(_HALF_TO_FULL))
    if garbage is None:
        return None
    after = _ANNOTATION_AFTER.match(text, match.end())
    candidates = {
        fixed
        for lead in _lead_candidates(text, match)
        for fixed in _decodings(bytes([lead]) + garbage, match, after)
    }
    return _clear_winner(sorted(candidates), text, match)


def _lead_candidates(text: str, match: re.Match[str]) -> list[int]:
    """Lost lead bytes; pinned by the start's syllable when there is one."""
    syllable = match["lead_syl"]
    trail = _previous_trail_byte(text[:match.start()])
    if not syllable or trail is None:
        return list(_LEAD_BYTES)
    return [b for b in _LEAD_BYTES if _reads_as(bytes([trail, b]), syllable)]


def _previous_trail_byte(before: str) -> int | None:
    before = _PREV_ANNOTATION.sub("", before)
    if not before:
        return None
    try:
        encoded = before[-1].encode("gbk")
    except UnicodeEncodeError:
        return None
    return encoded[-1] if len(encoded) == 2 else None


def _decodings(stream: bytes, match: re.Match[str], after: re.Match[str] | None) -> list[str]:
    syllable = match["trail_syl"] or match["trail_syl2"]
    if not syllable:
        decoded = _strict_gbk(stream + (_windows_gbk(match["end"]) or b""))
        ok = decoded and _CJK_ONLY.match(decoded) and _annotations_fit(decoded, None, after)
        return [decoded] if ok else []
    # A lost trail byte: the stream's last byte and it make the annotated character,
    # so decode the rest once and try the 190 trail bytes on that one character only.
    head = _strict_gbk(stream[:-1])
    if head is None or (head and not _CJK_ONLY.match(head)):
        return []
    found = []
    for trail in _TRAIL_BYTES:
        last = _strict_gbk(bytes([stream[-1], trail]))
        if last and len(last) == 1 and _CJK_ONLY.match(last) and is_reading(last, syllable):
            found.append(f"{head}{last}({syllable})")
    return found


def _annotations_fit(decoded: str, syllable: str | None, after: re.Match[str] | None) -> bool:
    last = decoded[-1]
    if syllable and not is_reading(last, syllable):
        return False
    return not (after and not syllable and not is_reading(last, after[1]))


def _windows_gbk(text: str) -> bytes | None:
    """GBK as Windows code page 936 writes it: byte 0x80 decodes to €."""
    try:
        return b"".join(b"\x80" if c == "€" else c.encode("gbk") for c in text)
    except UnicodeEncodeError:
        return None


def _strict_gbk(data: bytes) -> str | None:
    try:
        return data.decode("gbk")
    except UnicodeDecodeError:
        return None


def _reads_as(window: bytes, syllable: str) -> bool:
    char = _strict_gbk(window)
    return bool(char) and len(char) == 1 and is_reading(char, syllable)


def _clear_winner(candidates: list[str], text: str, match: re.Match[str]) -> str | None:
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    before = _strip_annotations(text[max(0, match.start() - 3 * CONTEXT):match.start()])
    after = _strip_annotations(text[match.end():match.end() + 3 * CONTEXT])
    scored = sorted(
        ((_plausibility(before[-CONTEXT:] + _strip_annotations(c) + after[:CONTEXT]), c)
         for c in candidates),
        reverse=True,
    )
    (best, winner), (second, _) = scored[0], scored[1]
    return winner if best > second + 1.0 else None


def _strip_annotations(text: str) -> str:
    return re.sub(rf"\({SYLLABLE} ?\)", "", text)


def _plausibility(text: str) -> float:
    """How Chinese the text reads: jieba's best-route log-probability of each Han
    run (of the text made Simplified character by character), with common punctuation free and other
    symbols costly (a bare route score would always prefer a character to 。)."""
    score = 0.0
    for run in _RUNS.findall(t2s_chars(text)):
        if _HAN_RUN.match(run):
            score += _route_logprob(run)
        elif not _COMMON_PUNCTUATION.match(run):
            score -= 20.0 * len(run)
    return score


_route_logprob = lru_cache(maxsize=4096)(route_logprob)  # candidates share their runs
