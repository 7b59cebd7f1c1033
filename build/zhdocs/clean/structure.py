"""Give the cleaned lines their structure: a title, headings with levels,
paragraphs, lists, tables.

Heading levels come from the order in which marker styles first appear, the
way Chinese official documents nest them: a standalone title line, then 第一章
or 一、, then （一）, then 1. — whichever comes first in a document is the top
level. Marked lines that enumerate (1.…； 2.…； 3.…。) or follow a list's label
(附件：, 注：) are the items of a list; a document's number, notes in
parentheses, lines of fields (出席：…) and dated lines stay paragraphs. Lines
of short cells parted by runs of spaces are the rows of a table.
"""

from __future__ import annotations

import itertools
import re
import sys
import unicodedata
from collections.abc import Callable

from ..metadata.dates import SIGNATURE_DATE as _DATE_ONLY
from ..metadata.fields import DOCUMENT_KIND
from ..model import CELL, ITEM, ROW, Block
from .boilerplate import NUM_MARKER, SITE_NAME
from .punctuation import to_full_width

_CN_NUM = "一二三四五六七八九十百零〇"
MARKERS: list[tuple[str, re.Pattern[str]]] = [
    *((style, re.compile(rf"^第[{_CN_NUM}]+[{kinds}](?:[\s\u3000]|(?=[^。，；]{{1,15}}$))"))  # 第一章　总则
      for style, kinds in (("part", "编篇"), ("chapter", "章"), ("section", "节"))),
    ("cn", re.compile(rf"^[{_CN_NUM}]+、")),
    ("paren-cn", re.compile(rf"^（[{_CN_NUM}]+）")),
    ("num", re.compile("^" + NUM_MARKER)),
    ("paren-num", re.compile(r"^（\d{1,2}）")),
]
# Run-together items: "…战略。 一是…" splits before the next item marker.
_ITEM_SPLIT = re.compile(rf"(?<=[。；])\s+(?=[{_CN_NUM}]+(?:是|、)|（[{_CN_NUM}]+）)")
_SPACE_AFTER_STOP = re.compile(r"(?<=[。；！？”])[ \u3000]+")
_SPACE_AFTER_SENTENCE = re.compile(r"(?<=[。；！？])[ \u3000]+")  # a heading: 政府推动“三好” 名牌培育
_ENDS_SENTENCE = re.compile(r"[。！？；：，、…]$")
_BULLETED = re.compile(r"^[●•▪◆■]")  # a list's bullet: its run of lines is a list, whatever they end in
# the label of a list: of attachments (附件：1.任务分工表, 附件下载：) or notes (注：)
_ATTACHMENT = re.compile(r"^(?:(?:相关)?附件(?:下载)?|注|注释|备注)(?:[：:\d]|$)")
_FIRST_ATTACHMENT = re.compile(rf"(?<=^附件[：:])\s*(?={NUM_MARKER})")
_DATE = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")
_PAREN_NOTE = re.compile(r"^（[^（）]*）$")  # a note in parentheses: （此件主动公开）, （联系人：李四）
_NOT_HEADINGS = re.compile(
    _ATTACHMENT.pattern
    + "|" + _PAREN_NOTE.pattern
    + r"|^[\u4e00-\u9fff]{2,8}[：:][\d\s()（）+-]{5,}$"  # a number under its label: 联系电话：028-61889512
    # a document number: 穗府办函〔2019〕35号, 京政办发〔2019〕 12号, 粤府令第269号
    + r"|^[\u4e00-\u9fff]{1,10}(?:[〔［\[（]\d{4}[〕］\]）]|第)\s*\d{1,5}\s*号$"
    + r"|^（?\d{4}年第\s*\d{1,5}\s*号）?$|^第\s*\d{1,4}\s*期$"  # a notice's number, an issue's: 第12期
    # a field of minutes or a news page: 出席：…, 地　址：…, 原标题：…
    + r"|^(原标题|副标题|地\s*址|出\s*席|列\s*席|请\s*假|缺\s*席|记\s*录|主\s*持|时\s*间|地\s*点|联系人|"
    r"联系电话|电\s*话|新闻联络人|主\s*题)[：:]"
    + r"|^[\u4e00-\u9fff]{2,8}[：:]\s*\S"  # any label with its value: 项目编号：GZBY2023-0417-HW
    + "|" + _DATE.pattern  # a line with a date: a signature, an issue's
    + r"|^[\[!#>*|`~]"  # what reads as markup: [^1]: 脚注, !!! danger (shown as text, never a heading)
    + r"|^[●•▪◆■]"  # a bullet: an item of a list, or a lone one's paragraph
    + r"|\s摄$|摄[）)]$"  # a photo's credit: 图为余村全景。　王刚 摄
    + r"|^图[为：:]|[。！？]\s*[（(][^（）()]*[)）]$"  # a caption; a sentence and its note: …。（摄影：张伟）
    # a speaker: 宁波市市长　汤飞帆
    + r"|^[\u4e00-\u9fff]{0,12}(?:[市省县区]长|主任|[局厅部]长|书记)[ \u3000]+[\u4e00-\u9fff]{2,4}$"
)
_HAN = re.compile(r"[\u4e00-\u9fff]")
_LABELLED_SECTION = re.compile(r"^【[^】]{2,10}】$")  # a heading of its own: 【基本案情】
_YEAR_SPAN = re.compile(r"^（\d{4}\s*[—–\-－~～至到]+\s*\d{4}\s*年?）$")
_WORD = re.compile(r"\w")
HEADING_CHARS = 30  # a standalone heading line is at most this long
MARKED_HEADING_CHARS = 40  # a marker's first sentence up to this long is a heading...
SENTENCE_HEADING_CHARS = 16  # ...but one alone on its line (（一）指导思想。) only up to this long
# a marked question, or a short label opening a section: 二、申请人的资格要求：
_ASKS_OR_OPENS = re.compile(rf"？$|^[^，]{{2,{SENTENCE_HEADING_CHARS - 1}}}：$")
TITLE_CHARS = 80
WRAPPED_TITLE_CHARS = 8  # a title that wraps onto a second line is at least this long
_PUNCTUATED = re.compile(r"[\s。！？；，：、]")
_TITLE_HEAD = re.compile(r"^(?:转载[：:]|【转载?】|\[转载?\]|原标题[：:])\s*")
_TITLE_TAIL = re.compile(r"_[\u4e00-\u9fff]{2,12}$"  # a page title's tail: _新闻中心, - 住房公积金网
                         r"|(?<!\s)\s+[-－—|｜]\s+[^-－—|｜]{1,20}(?:网|网站|平台|频道|中心)$")
_NAME_PART = re.compile(r"^[\u4e00-\u9fff]{1,2}$")  # half of a padded name: 李  明
_CELL_GAP = re.compile(r"([ \u3000]{2,}|\t)")  # between a table's cells: spaces, or a tab each
TAB_SPACES = 4  # read turns a tab into this many spaces: a table made with tabs has gaps of multiples of it
TABLE_CELLS = 3  # a row of a table has at least this many cells...
CELL_CHARS = 40  # ...each this short or shorter, and a table at least two rows
CENTRED = 2  # a cell centred under its head may start this many columns before it


def split_title(lines: list[str]) -> tuple[str, list[str]]:
    """The first line is the title when it reads like one; so is the line after
    it too when the title wraps there (…关于印发广东省实施质量强省 / 战略…的通知)."""
    if not lines or len(lines[0]) > TITLE_CHARS or _ENDS_SENTENCE.search(lines[0]):
        return "", lines
    if len(lines) > 1 and _wraps(lines[0], lines[1]):
        return lines[0] + lines[1], lines[2:]
    return lines[0], lines[1:]


def _wraps(title: str, line: str) -> bool:
    """`line` ends the title of an official document that `title` starts: one
    phrase broken between two Han characters (a section's marked heading, a
    news title's 浙江：…, two headings joined by a space are none)."""
    return (len(title) >= WRAPPED_TITLE_CHARS and len(title) + len(line) <= TITLE_CHARS
            and bool(DOCUMENT_KIND.search(line))
            and (not DOCUMENT_KIND.search(title) or line[0] in "和及与暨")  # …五年规划 / 和2035年远景目标纲要
            and not _PUNCTUATED.search(title + line) and not _marker_style(title) and not _marker_style(line)
            and not _NOT_HEADINGS.search(line) and bool(_HAN.match(title[-1]) and _HAN.match(line[0])))


def trim_title(title: str) -> str:
    """The title less what the site put around it: 转载：, 【转】, and its page
    title's tail (_新闻中心, - 住房公积金网)."""
    while (trimmed := _TITLE_TAIL.sub("", _TITLE_HEAD.sub("", title)).strip()) != title and trimmed:
        if SITE_NAME.match(trimmed):  # a site's name is no title: leave the line as it came
            break
        title = trimmed
    return title


def split_items(lines: list[str]) -> list[str]:
    """Run-together items become lines of their own, and so does the first item
    after an attachment label (附件：1.任务分工表); stray spaces after 。 go."""
    return [_tidy(part) for line in lines for piece in _ITEM_SPLIT.split(line)
            for part in _FIRST_ATTACHMENT.split(piece) if part]


def _tidy(line: str) -> str:
    """No space after 。 (nor after ” but in a line that may be a heading, whose
    halves a space parts), full-width punctuation; until neither changes anything
    (a mark turned full-width drops the space after it, which may bring a
    half-width mark next to Chinese)."""
    heading = len(line) <= 2 * HEADING_CHARS + 1 and not _ENDS_SENTENCE.search(line)  # a pair, merged
    spaces = _SPACE_AFTER_SENTENCE if heading else _SPACE_AFTER_STOP
    while (tidied := spaces.sub("", to_full_width(line))) != line:
        line = tidied
    return line


def build_blocks(lines: list[str]) -> list[Block]:
    """Lines to blocks; `level` holds the marker style until levels are assigned."""
    styled: list[tuple[str, str]] = []  # (style or "", text)
    items = _list_items(lines)
    rows = _table_rows(lines)
    for i, line in enumerate(lines):
        following = lines[i + 1] if i + 1 < len(lines) else ""
        if i in rows:
            styled.append((ROW, CELL.join(rows[i])))
        else:
            styled.extend([(ITEM, line)] if i in items else _style_line(line, following))
    styled = _merge_heading_pairs(styled)
    return _assign_levels(styled)


def _marker_style(line: str) -> str:
    return next((style for style, pattern in MARKERS if pattern.match(line)), "")


def _list_items(lines: list[str]) -> set[int]:
    """Marked lines that are items of a list, not headings: those after an
    attachment line (附件：1.…), and a run of two or more of one marker style,
    each a single clause (no 。 before its end), where one ends in ；, the way an
    enumeration does (1.…； 2.…； 3.…。); and a run of two or more bulleted lines
    (● …). A section's heading and its text on one line (（二）基本原则。坚持…；) is no item."""
    items: set[int] = set()
    start = 0
    while start < len(lines):
        end = start + 1
        if _BULLETED.match(lines[start]):
            while end < len(lines) and _BULLETED.match(lines[end]):
                end += 1
            items.update(range(start, end) if end - start > 1 else ())
            start = end
            continue
        style = _marker_style(lines[start])
        while style and end < len(lines) and _marker_style(lines[end]) == style:
            end += 1
        run = range(start, end)
        after_attachment = start > 0 and bool(_ATTACHMENT.match(lines[start - 1]))
        clauses = all("。" not in lines[i][:-1] for i in run)
        ends = [lines[i][-1:] for i in run]
        enumeration = len(run) > 1 and clauses and ("；" in ends or set(ends) == {"。"})
        if style and (after_attachment or enumeration):
            items.update(run)
        start = end
    return items


def _table_rows(lines: list[str]) -> dict[int, list[str]]:
    """Two or more lines in a row, each of at least TABLE_CELLS short cells
    parted by runs of spaces (序号    企业    项目): the rows of a table, with
    their cells, as many as the first row's where padding split a cell. In a
    table made with tabs, each tab parts two cells (an empty cell between two
    of them), and a row of fewer cells closes it (合计			260). A head one cell
    short of every row below it lacks its corner: the blank above the rows' labels."""
    rows: dict[int, list[str]] = {}
    start = 0
    while start < len(lines):
        end = start
        while end < len(lines) and _is_row(lines[end]):
            end += 1
        if end - start >= 2:
            tabbed = _tabbed(lines[start:end])
            head = len(_cells(lines[start], tabbed))
            table = {i: _fitted(lines[i], head, tabbed) for i in range(start, end)}
            if all(len(table[i]) == len(table[start]) + 1 for i in range(start + 1, end)):
                table[start].insert(0, "")  # no padding to close: the head lacks its corner
            elif not tabbed:
                table |= {i: _placed(lines[i], lines[start]) or table[i] for i in range(start + 1, end)
                          if len(table[i]) < head}
            while end < len(lines) and tabbed and _closes_table(lines[end], len(table[start]), lines[start]):
                table[end] = _fitted(lines[end], len(table[start]), tabbed)
                end += 1
            rows |= table
        start = max(end, start + 1)
    return rows


def _placed(row: str, head: str) -> list[str] | None:
    """A row of a table aligned with spaces that has fewer cells than its head,
    each cell under the head's column it overlaps most (3  某公司      合格: the
    blank is the product); None when two cells fall under one, or a cell starts
    outside its column or reaches under another head (the text is not aligned
    in columns at all). Columns are counted as a monospaced font shows them (a
    Han character is two), else one per character, as some converters pad."""
    for width in (_display_width, len):
        heads = _spans(head, width)
        columns = list(itertools.pairwise([*(first for first, _ in heads), sys.maxsize]))  # and the gap after
        cells = [(span, max(range(len(columns)), key=lambda j: _overlap(span, columns[j])))
                 for span in _spans(row, width)]
        inside = all(columns[j][0] - CENTRED <= span[0] < columns[j][1]
                     and not any(_overlap(span, other) > 0 for k, other in enumerate(heads) if k != j)
                     for span, j in cells)
        under = [j for _, j in cells]
        if inside and all(a < b for a, b in itertools.pairwise(under)):
            placed = [""] * len(columns)
            for text, j in zip(_cells_and_gaps(row)[::2], under, strict=True):
                placed[j] = text
            return placed[:under[-1] + 1]  # as a tabbed row, no empty cells after the last
    return None


def _spans(line: str, width: Callable[[str], int]) -> list[tuple[int, int]]:
    """Each cell's first column and the column after it."""
    spans, column = [], 0
    for k, part in enumerate(_cells_and_gaps(line)):
        if k % 2 == 0:
            spans.append((column, column + width(part)))
        column += width(part)
    return spans


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return min(a[1], b[1]) - max(a[0], b[0])


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _cells_and_gaps(line: str) -> list[str]:
    return _CELL_GAP.split(line.strip())


def _is_row(line: str) -> bool:
    cells = _cells_and_gaps(line)[::2]
    return len(cells) >= TABLE_CELLS and all(len(cell) <= CELL_CHARS for cell in cells)


def _tabbed(rows: list[str]) -> bool:
    """Whether the rows' gaps are tabs, as read left them: multiples of TAB_SPACES spaces."""
    gaps = [gap for row in rows for gap in _cells_and_gaps(row)[1::2]]
    return all(gap == "\t" or (set(gap) == {" "} and len(gap) % TAB_SPACES == 0) for gap in gaps)


def _cells(line: str, tabbed: bool) -> list[str]:
    """The line's cells; in a table made with tabs, with an empty one between two tabs."""
    parts = _cells_and_gaps(line)
    cells = parts[:1]
    for gap, cell in zip(parts[1::2], parts[2::2], strict=True):
        tabs = len(gap) // TAB_SPACES if tabbed and gap != "\t" else 1
        cells += [""] * (tabs - 1) + [cell]
    return cells


def _closes_table(line: str, width: int, head: str) -> bool:
    """A total under a table made with tabs: two or more short cells, no wider
    than the table, parted as its head's are (by tabs, or by spaces read made of them)."""
    cells, gaps = _cells(line, True), _cells_and_gaps(line)[1::2]
    return (bool(gaps) and _tabbed([line]) and ("\t" in gaps) == ("\t" in _cells_and_gaps(head)[1::2])
            and len(cells) <= width and all(len(cell) <= CELL_CHARS for cell in cells))


def _fitted(line: str, width: int, tabbed: bool) -> list[str]:
    """The row's cells. Where it has more than `width`, the narrowest gaps
    between parts of one or two Han characters close first: 李  明 is a name
    padded to three characters' width, not two cells (8  0 stays two
    numbers). A row of a table made with tabs that has fewer cells than
    `width` has empty ones where two tabs meet."""
    parts = _cells_and_gaps(line)
    if tabbed and len(parts) < 2 * width - 1:
        return _cells(line, tabbed)
    while len(parts) > 2 * width - 1:
        closable = [i for i in range(1, len(parts), 2)
                    if _NAME_PART.match(parts[i - 1]) and _NAME_PART.match(parts[i + 1])]
        if not closable:
            break
        i = min(closable, key=lambda i: len(parts[i]))
        parts[i - 1:i + 2] = [parts[i - 1] + parts[i + 1]]
    return parts[::2]


def _style_line(line: str, following: str) -> list[tuple[str, str]]:
    style = _marker_style(line)
    if style:
        return _split_marked(style, line, following)
    if _is_plain_heading(line, following):
        return [("plain", line)]
    return [("", line)]


def _split_marked(style: str, line: str, following: str) -> list[tuple[str, str]]:
    """`（一）提升产品质量。围绕…` → heading `（一）提升产品质量` + paragraph."""
    head, stop, rest = line.partition("。")
    if len(head) > MARKED_HEADING_CHARS or "；" in head or _DATE.search(head):
        return [("", line)]  # 1.加强领导；2.落实责任；…: items; 一、检查时间为2023年5月10日至…: a fact
    if stop and _PAREN_NOTE.match(rest.strip()):
        return [("", line)]  # a sentence with its note: （一）增订…之规定。（修正条文第四条）
    if stop and not rest.strip() and (len(head) > SENTENCE_HEADING_CHARS or "，" in head):
        return [("", line)]  # one whole sentence: 三、进入林区的人员严禁携带火种，自觉接受检查。
    if rest.strip() and not _WORD.search(rest):  # `1、。：`: no paragraph in marks alone
        return [(style, line)]
    parts = [(style, head.strip())]
    if rest.strip():  # judged as the line of its own it is once the page is cleaned again
        parts.append(("plain" if _is_plain_heading(rest.strip(), following) else "", rest.strip()))
    elif not stop and _ENDS_SENTENCE.search(head) and not _ASKS_OR_OPENS.search(head):
        return [("", line)]  # but 一、为什么要制定《条例》？ and 二、申请人的资格要求： are headings
    return parts


def _is_plain_heading(line: str, following: str) -> bool:
    return (
        len(line) <= HEADING_CHARS
        and bool(_HAN.search(line))
        and not _ENDS_SENTENCE.search(line)
        and not _DATE_ONLY.match(line)
        and not _NOT_HEADINGS.search(line)
        and not _DATE_ONLY.match(following)  # a signature above its date
        and not _CELL_GAP.search(line)  # cells (行政许可    12036): a table's row, even a lone one
        and bool(following)  # the last line is a byline or signature, not a heading
    )


def _merge_heading_pairs(styled: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Two short lines in a row (政府重视质量 / 一把手牵头抓) are one heading;
    a year span under a heading (行动方案 / （2019—2021年）) is part of it."""
    out: list[tuple[str, str]] = []
    for style, text in styled:
        if not style and _YEAR_SPAN.match(text) and out and out[-1][0] == "plain":
            out[-1] = ("plain", out[-1][1] + text)
        elif (style == "plain" and out and out[-1][0] == "plain" and not out[-1][1].count(" ")
              and _pairs(out[-1][1]) and _pairs(text)):
            # One line now, tidied as one (a pair of parentheses may close here).
            out[-1] = ("plain", _tidy(f"{out[-1][1]} {text}"))
        else:
            out.append((style, text))
    return out


def _pairs(line: str) -> bool:
    """Whether a short line may be half of a heading: not a labelled section's
    (【基本案情】), nor an office's name (a signature)."""
    return not _LABELLED_SECTION.match(line) and not SITE_NAME.match(line)


def _assign_levels(styled: list[tuple[str, str]]) -> list[Block]:
    order: list[str] = []
    blocks = []
    for style, text in styled:
        if style in (ITEM, ROW):
            blocks.append(Block(text=text, kind=style))
            continue
        if style and style not in order:
            order.append(style)
        level = min(2 + order.index(style), 6) if style else 0
        blocks.append(Block(text=text, level=level))
    return blocks
