"""Sort the lines of a page into body, metadata and site chrome.

General rules, not the seeds' strings: contact blocks, phone numbers,
related-article lists, share/print prompts and widgets (cut out of the text
beside them), breadcrumb trails, menu bars, site footers, empty metadata
fields, navigation labels wedged between them. Metadata
lines (来源：, 日期：, bare dates, bylines) leave the body and go to the
document's header, where the metadata stage reads them.
A line's place decides a few: a site's or an issuer's name counts as chrome
above the body's first clause only, a field below it (时间：…下午3:00) stays
in the body, and contact lines between firm body lines are the notice's own.
Those rules look at neighbours that a second cleaning changes (a marked line
split, two short lines joined), so each is written to decide the same again:
cleaning is idempotent (tests/test_clean_properties.py).
Text is canonical Simplified with full-width punctuation by the time it gets here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..metadata.dates import SIGNATURE_DATE
from ..metadata.fields import DOCUMENT_KIND, ISSUER, WECHAT_BYLINE
from .repeats import repeats

_BULLET = r"^[\s•·▪●◆■\-–—]*"
# A listed title's first character: never a bullet, so where the bullets end is never in question
# (a pattern whose next part could take them back retries every split of a line of dashes or spaces).
_LISTED = r"[^\s•·▪●◆■\-–—。！？]"
_PHONE = r"(?:\d(?:[\d-]| (?=\d)){5,}\d)"  # 020-8485 9909; not 3    1    0    0 (a table's row)
_ISO_DATE = r"\d{4}-\d{1,2}-\d{1,2}"
# Field names of the metadata blocks that news and government sites print.
_FIELDS = (
    r"(资料来源|信息来源|文章来源|来源|稿源|发布机构|发文机关|发布时间|发布日期|发文日期|成文日期|日期|时间|"
    r"作者|责任编辑|编辑|浏览次数|浏览人次|浏览量|点击数|阅读次数|索引号|分类|主题分类|主题词|文号|发文字号|名称|标题|"
    r"发布单位|更新日期|更新时间|审核|初审|复审|终审|审校|校对|监制|排版|美编)"
)
RELATED = "related-article list"
RELATED_HEADING = re.compile(
    r"^[【\[]?(相关(文章|阅读|新闻|链接|信息|稿件|报道)|延伸阅读|推荐阅读|热点推荐)[】\]]?[：:]?$")
# a related list on one line: 相关链接：中国政府网 | 自治区人大, 相关链接：《…》
RELATED_LINE = re.compile(r"^[【\[]?相关(链接|文章|阅读|新闻)[】\]]?[：:]\s*\S")
SHARE_PROMPT = "share/print prompt"
CONTACT = "contact block"
END_MARK = "end mark"
HEADER, BODY, CHROME = "header", "body", "chrome"  # where a line goes
# 首页 > 政务公开, 首页 → 新闻, 首页 - 通知公告
_SEPARATORS = re.compile(r"(?<!\s)(?:\s*(?:>+|»|›|＞|→|-+>)\s*|\s+[-－/]\s+)")
_CRUMB = re.compile(r"^[\w·・ ]{0,16}$")  # a trail's part: words, no markup (标题 <script>)
_MENU_ITEM = r"(?:[^\d\s|｜：:]{1,6}|[A-Za-z][A-Za-z ]{0,15}[A-Za-z])"  # 首页, About us
# 首页 | 新闻 | 质检, and 首页　　政务公开　　政务服务　　互动交流
_MENU_BAR = re.compile(rf"^{_MENU_ITEM}(?:\s*[|｜]\s*{_MENU_ITEM}){{2,}}$"
                       rf"|^(?:首页|网站首页)(?:(?:\s{{2,}}|\u3000){_MENU_ITEM}){{3,}}$")
# a line of these words alone is a widget: 分享 列印 字级设定 小 中 大, 打印 关闭
_WIDGET_WORD = (r"(?:分享|友善列印|列印|打印|关闭|收藏|字级设定|(?:字级|字体|字号)[：:]?|[大中小]|A[+-]?|"
                r"回上一页|回首页)")
# a pager's words: 共4条 首页 上一页 1 2 下一页 尾页 第1页/共5页 跳转
# (a number whole: split as it may be, 1 2 3… would be tried in every way: exponential)
_PAGER_WORD = (r"(?:共\s*\d+\s*[条页篇项]|第\s*\d+\s*页|首页|尾页|末页|上一?页|下一?页|跳转|转到|GO|"
               r"\d+(?!\d)|[|｜/>»«<…])")
_WECHAT_WORD = r"(?:分享|收藏|点赞|在看|转发|赞)"
EMPTY_FIELD = re.compile(_BULLET + _FIELDS + r"\s*[：:]\s*$")  # a label without its value
# (reason, pattern, and whether it holds for a sentence too): words such as 扫一扫,
# 联系人：, 热线 open real sentences (“扫一扫包装上的码……”。), which a page keeps.
RULES: list[tuple[str, re.Pattern[str], bool]] = [
    # a listed title and its date: 四川成都市开展“走进企业看质量”活动(2023-07-28); a title is short
    (RELATED, re.compile(_BULLET + _LISTED + rf".{{3,79}}[（(]{_ISO_DATE}[)）]$"), True),
    # a listed title, a wide gap, its date: 关于开展计量器具专项检查的通知    2023-10-28
    (RELATED, re.compile(_BULLET + _LISTED + r"[^。！？]{3,79}?(?:\s{2,}|\u3000+|\t)"
                         r"\[?\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\]?$"), False),
    ("pagination", re.compile(rf"^(?=.*(?:上一?页|下一?页|共\s*\d+\s*页))(?:\s*{_PAGER_WORD})+\s*$"), False),
    (RELATED, RELATED_HEADING, True),
    (RELATED, RELATED_LINE, False),
    (SHARE_PROMPT, re.compile(
        r"打印本页|关闭窗口|即将离开|【字体|(?<!文)字号[：:]|返回顶部|^\[?(打印|关闭|返回)\]?$"), True),
    (SHARE_PROMPT, re.compile(
        r"扫一扫|分享到|^分享[：:]?$|分享让|收藏本页|在手机打开|^返回.{0,10}首页$|^[大中小]字号$"), False),
    (SHARE_PROMPT, re.compile(rf"^{_WIDGET_WORD}(?:(?:\s+|(?<=[：:])){_WIDGET_WORD})+$"), False),
    # a WeChat article's: 点击蓝字 关注我们, 长按识别二维码, 阅读原文, 分享 收藏 点赞 在看
    (SHARE_PROMPT, re.compile(r"关注我们|识别(?:图中)?二维码|点击蓝字|^阅读原文$|"
                              rf"^{_WECHAT_WORD}(?:\s+{_WECHAT_WORD})+$"), False),
    # where a video or picture was: 视频加载中..., 点击查看大图, 您的浏览器不支持video标签
    ("media placeholder", re.compile(r"^(?:(?:视频|图片)(?:正在)?加载中|点击(?:查看)?(?:大图|原图|播放)|"
                                     r"您的浏览器不支持.{0,20})[.。…！!]*$", re.IGNORECASE), False),
    ("navigation", re.compile(r"^(?:返回列表|返回上一页|回上一页|更多\s*(?:>+|»)|返回.{1,6}，查看更多)$"),
     False),
    ("view counter", re.compile(r"^(?:阅读|浏览|点击)(?:量|数|次数)?\s*[：:（(]?\s*[\d.,]+万?\s*[)）]?$"),
     False),
    ("editor credit", re.compile(r"^[（(【\[]\s*(责编|责任编辑|编辑)[：:][^）)】\]]{1,30}[）)】\]]$"), True),
    (END_MARK, re.compile(r"^[（(【\[]?完[)）】\]]?$"), True),  # a press release's last line
    ("navigation", re.compile(
        r"^(当前位置|您(当前|现在)?(所在)?的位置|所在位置|位置)[：:]|"
        r"^(阅读)?(上一篇|下一篇|上一条|下一条)[：:]"), False),
    ("site footer", re.compile(
        r"^(主办|承办|协办|主办单位|承办单位|技术支持)[：:]|ICP备|网站标识码|公网安备|版权所有|^copyright|^©",
        re.IGNORECASE), False),
    ("site footer", re.compile(
        r"未经.{0,8}(授权|许可).{0,12}(禁止|不得)(转载|复制|使用)|不代表.{0,16}观点|观点仅代表作者本人|"
        r"仅提供信息存储空间服务"), True),
    (CONTACT, re.compile(
        r"^(全国)?(服务|咨询|客服)?热线|^(电话|传真|手机|联系人|地址|邮编|邮箱|e-?mail|qq|微信)\s*[：:]",
        re.IGNORECASE), False),
    # not a date alone on its line (2023-03-15): the header's
    ("phone number", re.compile(rf"^(?!{_ISO_DATE}\s*$)[\s+()]*{_PHONE}([\s,，、]+{_PHONE})*\s*$"), True),
    ("empty metadata field", EMPTY_FIELD, True),
    ("no words", re.compile(r"^[^\w]+$"), True),
]
# 2018年03月12日 来源：…, 2020年06月12日08:31 | 来源：…, 2021-09-15 | 来源：…
_DATE_FIRST = (rf"(?:(?:{_ISO_DATE}|\d{{4}}年\d{{1,2}}月\d{{1,2}}日)(?:\s*\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?"
               r"(?:\s+|\s*[|｜]\s*))?")
# 【来源：…】【日期：…】 too
METADATA = re.compile(_BULLET + r"[【\[]?" + _DATE_FIRST + _FIELDS + r"\s*[：:]")
DATE_LINE = re.compile(
    _BULLET + r"[\[【（(]?(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}\.\d{1,2}\.\d{4})(\s+\d{1,2}:\d{2}(:\d{2})?)?"
    r"[\]】）)]?\s*$"
    # a press release's date (2022年5月10日（星期二）), not a signature's
    + r"|^\d{4}年\d{1,2}月\d{1,2}日\s*[（(]星期[一二三四五六日天][)）]$"
    + r"|^(?:北京|香港|澳门|台北)?时间\s*\d{1,2}[时:：]\d{2}分?$"  # and its time: 香港时间16时42分
)
# above the body's first sentence, a date is the page's; below, a signature's
_TOP_DATE = re.compile(r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日(?:\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?$")
# A byline of its own (本报记者 张文 王明峰), and a print edition (《 人民日报 》（ 2020年06月12日 10 版）)
BYLINE = re.compile(r"^(?:本报)?(?:记者|通讯员)\s+[\u4e00-\u9fff]{2,4}(?:[\s、，][\u4e00-\u9fff]{2,4})*$|"
                    r"^《\s*[^《》]{2,12}\s*》\s*[（(]\s*\d{4}年\d{1,2}月\d{1,2}日\s*\d{1,3}\s*版\s*[)）]$")
_BRACKETED_FIELDS = re.compile(r"[】\]]\s*[【\[]")  # 【来源：某局】【发布时间：…】
# A label spaced out to the width of the others (索 引 号：, 名　　称：), opening a line or a field
_PADDED_LABEL = re.compile(
    r"(?:^|(?<=\u3000)|(?<=\s\s))([\u4e00-\u9fff](?:[ \u3000]+[\u4e00-\u9fff]){1,3})(?=\s*[：:])")
_PAD = re.compile(r"[ \u3000]+")
# the labels a page pads (a closed set: 一 一：1 is no label), the header's and a notice's
_PADDED_LABELS = {*_FIELDS.strip("()").split("|"), "地址", "地点", "出席", "列席", "主持", "联系人", "电话",
                   "邮编"}
# Labels that also head a paragraph of the body (时间：每天上午…，…, 资料来源：本公报中…。,
# 名称：某局, 时间：9月1日下午3:00): below the body's first clause, such a line is content.
_BODY_FIELD = re.compile(_BULLET + r"(?:(?:资料来源|时间|日期)\s*[：:].*[。，；]|名称\s*[：:]"
                         r"|(?:时间|日期)\s*[：:].*(?:上午|下午|晚上|早上|中午|星期|至))")
# A section's own heading, never a navigation label: 一、总体情况, （一）, 【基本案情】, 第一章
_CN_NUM = "一二三四五六七八九十"
# 1. or 1、, not a decimal (1.5亿); but 1.2023年度报告 is an item about a year
NUM_MARKER = r"\d{1,2}(?:[.．、](?!\d)|[.．](?=(?:19|20)\d\d年))"
_SECTION = re.compile(
    rf"^(?:[{_CN_NUM}]+、|（[{_CN_NUM}]+）|{NUM_MARKER}|【[^】]{{2,10}}】|第[{_CN_NUM}]+[编篇章节])")
TABLE_OF_CONTENTS = "table of contents"
_TOC_LABEL = re.compile(r"^目\s*录[：:]?$")
_TOC_LEADER = re.compile(r"[\s.·…─—-]*\d*$")  # 第一章　发展基础……………3: the leader and the page
TOC_MIN_ENTRIES = 2
# A share/print widget beside text ([打印本页], 【字体：大 中 小】): cut out, the text stays;
# with the spaces before it, from the first (each branch opens with what it needs, so the
# engine skips to it: tried from every space of a long run, the match was quadratic).
_WIDGET = re.compile(
    r"(?:\s(?<!\s\s)\s*[【\[]|[【\[](?<!\s.))\s*(?:(?:字体|字号)\s*[：:]?[^【】\[\]]{0,12}|打印(?:本页|此页)?|关闭(?:窗口|本页)?|"
    r"收藏(?:本页)?|分享到?|返回(?:顶部)?|(?:我要)?纠错|大\s*中\s*小)\s*[】\]]")
# The same widgets unbracketed, ending a metadata line: 来源：某局 字号：大 中 小 分享到：
_TRAILING_PROMPT = re.compile(r"(?<!\s)\s+(?:(?:字体|字号)\s*[：:]|分享到|打印本页|关闭窗口|收藏本页|扫一扫)"
                              r".*$")
# A site's name, or the office whose site it is (杭州市市场监督管理局), alone on a line.
SITE_NAME = re.compile(r"^[\u4e00-\u9fff]{2,20}(门户网站|网站|网|局|厅|处|委员会|政府|办公室)$")
# and its name with its motto (住房公积金网 - 全国公积金资讯平台), or a government's with the
# section of its site (香港特别行政区政府 新闻公报) or office (澳门特别行政区政府 经济及科技发展局)
SITE_BANNER = re.compile(r"^([\u4e00-\u9fff]{2,20}(?:网|网站|门户网站))\s*[-－—|｜]\s*[^。，；]{2,24}$"
                         r"|^([\u4e00-\u9fff]{2,20}政府)\s+(?!关于)(?:[\u4e00-\u9fff]{2,6}|"
                         r"[\u4e00-\u9fff]{2,14}(?:局|署|厅|处|办公室|委员会))$")
# the section of a site a page sits in, alone on a line above the title
SECTION_LABEL = re.compile(r"^(?:新闻公报|新闻稿|新闻发布|新闻中心|今日新闻|通知公告|公示公告|政务动态|"
                           r"工作动态|部门动态|图片新闻|要闻动态|政策解读|政策文件)$")
_CONTACT_PERSON = re.compile(r"[\u4e00-\u9fff]{0,4}联系人\s*[：:]")  # 联系人：, 项目联系人：
_SENTENCE_END = re.compile(r"[。！？；，：]")
_FULL_STOP = re.compile(r"[。！？]")
_WORD = re.compile(r"\w")
TOP_ZONE = 15  # lines at the top where navigation labels are looked for
LABEL_CHARS = 8  # a navigation label is this short or shorter
TITLE_CHARS = 40  # an article's title in a related list is this short or shorter
FIELD_VALUE_CHARS = 40  # a field's value on the line below its label is this short or shorter


@dataclass
class Sorted:
    body: list[str] = field(default_factory=list)
    header: list[str] = field(default_factory=list)
    removed: list[tuple[str, str]] = field(default_factory=list)  # (reason, line)


def boilerplate_reason(line: str) -> str:
    """Why a line is site chrome, or "" when it may be content."""
    sentence = bool(_FULL_STOP.search(line))
    for reason, pattern, in_sentences in RULES:
        if (in_sentences or not sentence) and pattern.search(line):
            return reason
    if not _WIDGET.sub("", line).strip():
        return SHARE_PROMPT  # [ 大 中 小 ]  [ 打印 ]  [ 关闭 ]
    return "navigation" if not sentence and (_is_breadcrumb(line) or _MENU_BAR.match(line)) else ""


def _is_breadcrumb(line: str) -> bool:
    """首页 > 政务公开 > 政府文件, 人民网 >> 经济·科技: short parts that a home
    page or a site opens, or three or more of them (温度>30℃时 is no trail)."""
    parts = _SEPARATORS.split(line.strip())
    if len(parts) < 2 or not all(_CRUMB.match(part) for part in parts) or _SENTENCE_END.search(line):
        return False
    if SITE_BANNER.match(line):  # 住房公积金网 - 全国公积金资讯平台: a site's name
        return False
    return len(parts) >= 3 or parts[0] in ("首页", "主页", "网站首页") or bool(SITE_NAME.match(parts[0]))


def sort_lines(lines: list[str]) -> Sorted:
    """Lines stripped and non-empty, top to bottom."""
    result = Sorted()
    lines = _fields_rejoined([_unpadded(_without_widgets(line, result.removed)) for line in lines])
    reasons = [boilerplate_reason(line) for line in lines]
    _mark_related_titles(lines, reasons)  # first: a listed title must not seem to open the body
    _mark_table_of_contents(lines, reasons)
    _mark_site_names(lines, reasons)
    _mark_navigation_labels(lines, reasons)
    _mark_labels_after_the_end(lines, reasons)
    places = _places(lines, reasons)
    _keep_inner_contacts(lines, reasons, places)
    for line, reason, place in zip(lines, reasons, places, strict=True):
        if reason:
            result.removed.append((reason, line))
        if reason == "site name":  # its name, without a motto or a section of the site
            result.header.append(banner[1] or banner[2] if (banner := SITE_BANNER.match(line)) else line)
        elif not reason and place == HEADER:
            result.header.append(_BRACKETED_FIELDS.sub(" ", line).strip(" •·【】[]"))
        elif not reason:
            result.body.append(line)
    return result


def _fields_rejoined(lines: list[str]) -> list[str]:
    """A field's label and its value on the next line, as a page's table of
    fields scrapes (索引号： / 11440300…/2023-00123, 文号： / 深市监规〔2023〕3号), as
    one line: a short value, neither a label, a sentence nor chrome ([打印本页])."""
    out: list[str] = []
    for line in lines:
        if (out and EMPTY_FIELD.match(out[-1]) and len(line) <= FIELD_VALUE_CHARS
                and not _FULL_STOP.search(line) and "：" not in line and ":" not in line
                and not boilerplate_reason(line)):
            out[-1] += line
        else:
            out.append(line)
    return out


def _places(lines: list[str], reasons: list[str]) -> list[str]:
    """Where each line not yet found to be chrome goes: HEADER or BODY (CHROME for the others).
    Below the body's first sentence, a field that opens a paragraph stays in it;
    above it, a date alone (2023年3月20日) is the page's, as below it is a signature's."""
    places, started = [], False
    for line, reason in zip(lines, reasons, strict=True):
        header = (_is_header(line) or not started and _TOP_DATE.match(line)) and not (
            started and _BODY_FIELD.match(line))
        places.append(CHROME if reason else HEADER if header else BODY)
        started = started or (places[-1] == BODY and _opens_body(line))
    return places


def _keep_inner_contacts(lines: list[str], reasons: list[str], places: list[str]) -> None:
    """Contact lines with the body right above and below them are the body's own
    (a notice's 名称：… 地址：… 联系方式：…), not the site's contact block; so
    are those that end the body, with only chrome below, and open with a
    contact person, as a notice ends (a site's block gives an address, not a
    person), and those below a contact person the body holds, with the
    article's widgets or nothing below (项目联系人：陈工 / 电话：…), not the
    footer. The bounds must be clauses, headings, or the issuer or date
    signing the notice, which no later rule takes for chrome, and must not go
    as repeats, which would leave the contact lines at the body's edge on a
    second cleaning."""
    body = [i for i, place in enumerate(places) if place == BODY]
    firm = {i for i, dropped in zip(body, repeats([lines[i] for i in body]), strict=True)
            if not dropped and (_opens_body(lines[i]) or _signs(lines, i) or SIGNATURE_DATE.match(lines[i]))}
    i = 0
    while i < len(reasons):
        end = i
        while end < len(reasons) and reasons[end] == CONTACT:
            end += 1
        below_person = i > 0 and places[i - 1] == BODY and _CONTACT_PERSON.match(lines[i - 1])
        closing = (_CONTACT_PERSON.match(lines[i]) and all(reasons[end:])  # only chrome below
                   or below_person and (end == len(reasons) or reasons[end] == SHARE_PROMPT))
        if end > i and (i - 1 in firm or below_person) and (end in firm or closing):
            reasons[i:end] = [""] * (end - i)
            places[i:end] = [BODY] * (end - i)
        i = max(end, i + 1)


def _is_header(line: str) -> bool:
    return bool(METADATA.match(line) or DATE_LINE.match(line) or BYLINE.match(line)
                or WECHAT_BYLINE.match(line))  # per line of every page: no generator


def _unpadded(line: str) -> str:
    """索 引 号：… 分　　类：… → 索引号：… 分类：…"""
    def unpadded(m: re.Match[str]) -> str:
        label = _PAD.sub("", m[1])
        return label if label in _PADDED_LABELS else m[1]
    return _PADDED_LABEL.sub(unpadded, line)


def _without_widgets(line: str, removed: list[tuple[str, str]]) -> str:
    """The line less the share/print widgets beside its text (a header line
    `发布时间：… 来源：… 【字体：大 中 小】` keeps its date and source); a
    line of widgets alone stays whole, to be dropped whole."""
    cut = [m.group().strip() for m in _WIDGET.finditer(line)]
    kept = _WIDGET.sub("", line)
    if METADATA.match(kept) and (trailing := _TRAILING_PROMPT.search(kept)):
        cut.append(trailing.group().strip())
        kept = kept[:trailing.start()]
    kept = kept.strip()
    if not cut or not _WORD.search(kept):
        return line
    removed.append((SHARE_PROMPT, " ".join(cut)))
    return kept


def _mark_site_names(lines: list[str], reasons: list[str]) -> None:
    """A site's name heads its pages, and so does the name of its section that
    the page sits in (新闻公报): above the first sentence. (Not by line number:
    that changes when chrome above it is dropped or short lines are merged.)"""
    for i, line in enumerate(lines):
        if reasons[i] or METADATA.match(line) or DATE_LINE.match(line):
            continue
        if _opens_body(line):
            return
        issuer = ISSUER.match(line) and _titles(lines, reasons, i)
        if SITE_NAME.match(line) or SITE_BANNER.match(line) or issuer:
            reasons[i] = "site name"
        elif SECTION_LABEL.match(line):
            reasons[i] = "navigation label"


def _titles(lines: list[str], reasons: list[str], i: int) -> bool:
    """Whether the next line not found to be chrome is a document's title (…的通知)."""
    following = (line for line, reason in zip(lines[i + 1:], reasons[i + 1:], strict=True) if not reason)
    return bool(DOCUMENT_KIND.search(next(following, "")))


def _opens_body(line: str) -> bool:
    """A clause, or a section's heading: the body has begun. (Not 。 alone: a marked
    line loses it where its heading is split from its text, 三、驳回…请求。)"""
    return bool(_SENTENCE_END.search(line) or _SECTION.match(line))


def _mark_related_titles(lines: list[str], reasons: list[str]) -> None:
    """Under a related-article list's heading (相关文章：), the titles it lists
    go with it, dated or not: short lines that end no sentence."""
    for i, line in enumerate(lines):
        if not RELATED_HEADING.match(line):
            continue
        for j in range(i + 1, len(lines)):
            if reasons[j] not in ("", RELATED) or not _is_title(lines[j]):
                break
            reasons[j] = RELATED


def _mark_table_of_contents(lines: list[str], reasons: list[str]) -> None:
    """A 目录 and the entries under it that head sections further down (less
    their leaders and page numbers: 第一章　发展基础……3): the page's own table of
    contents lists those headings, and a second copy of them would nest in it."""
    labels = [i for i, line in enumerate(lines) if _TOC_LABEL.match(line)]
    if not labels:
        return
    entries = [_TOC_LEADER.sub("", line) for line in lines]
    last = {entry: i for i, entry in enumerate(entries)}

    def listed(j: int) -> bool:  # a title of a section that follows (前言, 第一章　发展基础)
        entry = entries[j] if j < len(lines) and not reasons[j] else ""
        return bool(entry) and _is_title(entry) and last[entry] > j
    for i in labels:
        end = i + 1
        while listed(end):
            end += 1
        if end - i > TOC_MIN_ENTRIES:
            reasons[i:end] = [TABLE_OF_CONTENTS] * (end - i)


def _is_title(line: str) -> bool:
    return len(line) <= TITLE_CHARS and not _FULL_STOP.search(line)


def _mark_navigation_labels(lines: list[str], reasons: list[str]) -> None:
    """Short labels at the top wedged between chrome lines are chrome too
    (在线咨询 between two phone lines; 行业动态 right after a contact block)."""
    top = min(len(lines), TOP_ZONE)
    for i in range(top):
        if reasons[i] or not _is_label(lines[i]) or _signs(lines, i):
            continue
        before = _nearest_reason(reasons, i, -1)
        after = _nearest_reason(reasons, i, +1)
        # a section's title under a table of contents (目录 … 前言) is no label between chrome
        if before and before != TABLE_OF_CONTENTS and (after or len(lines[i]) <= LABEL_CHARS):
            reasons[i] = "navigation label"


def _mark_labels_after_the_end(lines: list[str], reasons: list[str]) -> None:
    """Below a press release's end mark (完), short labels are the site's links
    (今日新闻, 通告及告示); its date and time go to the header."""
    ends = [i for i, reason in enumerate(reasons) if reason == END_MARK]
    for i in range(ends[-1] + 1 if ends else len(lines), len(lines)):
        if not reasons[i] and _is_label(lines[i]) and not _is_header(lines[i]):
            reasons[i] = "navigation label"


def _nearest_reason(reasons: list[str], i: int, step: int) -> str:
    j = i + step
    while 0 <= j < len(reasons) and reasons[j] == "navigation label":
        j += step
    return reasons[j] if 0 <= j < len(reasons) else ""


def _is_label(line: str) -> bool:
    """Short, no clause, no section's heading, no date (a notice's signature)."""
    return (len(line) <= 20 and not _SENTENCE_END.search(line) and not _SECTION.match(line)
            and not SIGNATURE_DATE.match(line))


def _signs(lines: list[str], i: int) -> bool:
    """Whether line i is the issuer signing a notice, above the date: 深圳大学 / 2023年8月30日."""
    return bool(ISSUER.match(lines[i])) and i + 1 < len(lines) and bool(SIGNATURE_DATE.match(lines[i + 1]))
