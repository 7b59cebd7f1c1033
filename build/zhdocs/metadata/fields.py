"""Source, author, URL, document numbers, citations and summary."""

from __future__ import annotations

import re

from .dates import SIGNATURE_DATE

_URL = re.compile(r"https?://[\w.\-/:%?#=&~+]+", re.ASCII)
SOURCE_LABELS = ("资料来源", "信息来源", "文章来源", "来源", "稿源", "发布机构", "发布单位", "发文机关")
AUTHOR_LABELS = ("作者", "记者", "撰稿")  # not 编辑 / 责任编辑: the editor did not write it
TITLE_LABELS = ("标题",)
# A header line may hold several fields (发布时间：2019-08-30 来源：某局 作者：王五): a label
# opens the line or follows a space, and ends with a colon; a byline's (本报)记者 / 通讯员 may not.
_LABEL = re.compile(r"(?:^|(?<=\s))(?:([\u4e00-\u9fff]{2,6})\s*[：:]|(?:本报)?(记者|通讯员)\s)\s*")
_FIELD_EDGES = " \u00a0\u3000|｜"  # spaces, and the bars between fields: 来源：某报 | 作者：王五
# a value ends at a wide gap (来源：中国新闻网　参与互动) or before a date (来源：某网 2023-07-20 09:15)
_FIELD_END = re.compile(r"\u3000|\s{2,}|\s+(?=\d{4}\s*[-/.年]\s*\d{1,2})")
_ROLE = re.compile(r"^(?:本报)?(?:记者|通讯员|作者)\s*")  # 作者：记者 何颖思 → 何颖思
# a WeChat article's byline, and its account: 原创 东莞市场监管 2023-05-10 08:00 发表于广东
WECHAT_BYLINE = re.compile(r"^(?:原创\s+)?(\S{2,30})\s[^。，：:]{0,40}?\d{4}-\d{1,2}-\d{1,2}"
                           r"(?:\s+\d{1,2}:\d{2})?\s*发表于\S{1,8}$")
_THIS_SITE = ("本网", "本站", "本网站")  # 来源：本网 names no source
# (东莞市质监局 巫树谋 供稿) — organisation, then person, then the word 供稿/撰稿
_CONTRIBUTOR = re.compile(r"[（(]\s*([^（）()]{2,40}?)\s*(?:供稿|撰稿|来稿|报道)\s*[)）]")
DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,10}[〔\[［（(]\d{4}[〕\]］）)]\s*\d{1,5}\s*号")
# Words that introduce a cited number, not part of it: 按照粤府办〔2016〕60号 → 粤府办〔2016〕60号
_LEAD_IN = re.compile(r"^.*(按照|根据|依据|依照|参照|贯彻|落实|印发|执行|转发|关于)")
NUMBER_LABELS = ("发文字号", "文号", "发文编号")
_LABELLED_NUMBER = re.compile(r"^\S{0,20}\d\S{0,20}$")  # one short word with a digit: 劳动保3字第1120140187号
_NUMBER_LABEL = re.compile(rf"^\s*(?:{'|'.join(NUMBER_LABELS)})\s*[：:]?|[\s　]")
_YEAR_BRACKETS = re.compile(r"[〔\[［（(](\d{4})[〕\]］）)]")
_CITED_TITLE = re.compile(r"《([^《》\n]{2,80})》")
# What a cited policy's title ends in (before a note such as （试行）): 《人民日报》, 《医疗器械经营许可证》
# are in the same brackets, and no policy
_POLICY_KIND = re.compile(r"(?:法|法典|条例|规定|办法|细则|规则|决定|决议|意见|建议|通知|通告|公告|方案|"
                          r"计划|规划|纲要|标准|规范|指南|指引|目录|清单|章程|报告|批复|函|措施|制度|公报|白皮书|"
                          r"要点|准则|导则|公约|协定)"
                          r"(?:[（(][^（）()]{1,12}[）)])?$")
_ABBREVIATION = re.compile(r"(?:简称|下称)[“\"]?$")  # （以下简称《条例》）names what it cited before
_TITLE_WITH_NUMBER = re.compile(rf"《([^《》\n]{{2,80}})》\s*[（(]\s*({DOC_NUMBER.pattern})\s*[)）]")
# What a title issues, not cites: 关于印发《X》的通知, 关于对《X》公开征求意见的公告 (转发《X》 and
# 《X》解读 cite X)
_ISSUED = re.compile(r"(?:印发|发布|公布|颁布|下发)《([^《》\n]{2,80})》|《([^《》\n]{2,80})》(?:公开)?征求")
_AFTER_STOP = re.compile(r"(?<=[。！？])")  # where a sentence ends
# the body that issues a document (深圳大学党委办公室、校长办公室, 国家电网有限公司, 国务院国资委)
_ORGANISATION = (r"[\u4e00-\u9fff、]{2,30}?(?:集团|公司|大学|学院|银行|委|中心|医院|法院|检察院|局|厅|处|"
                 r"政府|办公室)")
ISSUER = re.compile(rf"^{_ORGANISATION}$")
_TITLE_ISSUER = re.compile(rf"^({_ORGANISATION})关于")  # 东莞市人民政府关于…的通知
# what an official document's title ends in: the kind of document it is
DOCUMENT_KIND = re.compile(r"(?:通知|意见|办法|方案|规定|决定|公告|通告|通报|报告|批复|函|计划|规划|纲要|"
                           r"细则|条例|决议|公报|规则|措施|指引|指南)$")
NOTE = re.compile(r"^[（(][^（）()]*[)）]$")  # a note in brackets
_ASIDE = re.compile(r"^(?:【编者按】|编者按[：:]|图[为：:])")  # an editor's note, a photo's caption
# A transcript's speaker, whose words may lead: 答：, 主持人 袁达：, 王明（市市场监管局局长）：
_SPEAKER = re.compile(r"^(?:(?:答|主持人|发布人)(?:\s*[\u4e00-\u9fff]{2,4})?"
                      r"|[\u4e00-\u9fff]{2,4}[（(][^（）()]{2,30}[)）])\s*[：:]\s*")
_ASKER = re.compile(r"^(?:问|提问|[\u4e00-\u9fff]{0,8}记者)[：:]")  # a question: what it asks is no summary
# What a speaker opens with before saying anything: 女士们、先生们，大家上午好！欢迎出席…。谢谢您的提问。
_COURTESY = re.compile(r"大家(?:上午|下午|晚上)?好|女士们|先生们|^欢迎|^(?:谢谢|感谢)")
# A news agency's dateline, and its reporters: where it filed from, not what the story is about
# 新华社北京6月16日电（记者…）; opening a paragraph, a site's or paper's 中国质量新闻网讯（记者…）, 本报讯
DATELINE = re.compile(r"(?:(?:新华社|中新社|中新网|人民网|央视网|本报)[\u4e00-\u9fff]{2,8}"
                      r"\d{1,2}月\d{1,2}日(?:电|讯)|(?m:^)[\u4e00-\u9fff]{0,10}[网报台]讯(?=[\s（(：:，\d]))"
                      r"\s*(?:[（(]\s*记者\s*([^（）()]{2,30}?)\s*[)）])?[\s：:，]*")
LEAD_CHARS = 30  # a paragraph shorter than this leads a summary only when all are
OWN_NUMBER_BLOCKS = 3  # an own document number stands in the first few blocks
ELLIPSIS = "…"


def labelled_fields(line: str) -> list[tuple[str, str]]:
    """The (label, value) pairs of a header line: 来源：某局 作者：王五 → (来源, 某局), (作者, 王五)."""
    found = list(_LABEL.finditer(line))
    ends = [m.start() for m in found[1:]] + [len(line)] if found else []
    return [(m[1] or m[2], _FIELD_END.split(line[m.end():end].strip(_FIELD_EDGES))[0])
            for m, end in zip(found, ends, strict=True)]


def _labelled(header: list[str], labels: tuple[str, ...]) -> tuple[str, str]:
    """(the first non-empty value under one of `labels`, its line)."""
    for line in header:
        for label, value in labelled_fields(line):
            if label in labels and value:
                return value, line
    return "", ""


def title_field(header: list[str]) -> tuple[str, str]:
    """(title, evidence line) from a header's 标题 field (a page that prints its fields as a table)."""
    return _labelled(header, TITLE_LABELS)


def source_and_url(header: list[str]) -> tuple[str, str, str]:
    """(source, url, evidence line) from the header's 来源 field (see `_people` for the fallbacks)."""
    value, line = _labelled(header, SOURCE_LABELS)
    value = "" if value in _THIS_SITE else value
    url = _URL.search(value)
    return _URL.sub("", value).strip(" \u00a0"), url[0] if url else "", line


def site_name(header: list[str]) -> str:
    """The site's name alone on a header line, or the WeChat account an article came from."""
    for line in header:
        if not any(ch in line for ch in "：:") and not re.search(r"\d", line):
            return line
    return next((found[1] for line in header if (found := WECHAT_BYLINE.match(line))), "")


def author_line(header: list[str]) -> tuple[str, str]:
    """(author, evidence line) from the header's 作者 or 记者 field."""
    value, line = _labelled(header, AUTHOR_LABELS)
    return _ROLE.sub("", value), line


def dateline_reporters(text: str) -> tuple[str, str]:
    """(reporters, evidence) from a dateline: 新华社北京6月16日电（记者王雨萧、谢希瑶）."""
    found = DATELINE.search(text)
    return (found[1], found[0].strip()) if found and found[1] else ("", "")


def contributor(text: str) -> tuple[str, str, str]:
    """(organisation, person, evidence) from a 供稿 byline."""
    matches = list(_CONTRIBUTOR.finditer(text))
    if not matches:
        return "", "", ""
    parts = matches[-1][1].split()
    organisation = " ".join(parts[:-1]) if len(parts) > 1 else ""
    return organisation, parts[-1], matches[-1][0]


def issuer(title: str, paragraphs: list[str]) -> tuple[str, str]:
    """(organisation, evidence) that issued an official document: the one
    signing it, beside or above the date that closes it, else the one its
    title names before 关于 (a document's title, not a story's about it)."""
    last = next((i for i in range(len(paragraphs) - 1, -1, -1) if SIGNATURE_DATE.match(paragraphs[i])), None)
    if last is not None:
        beside = paragraphs[last].split()[0]  # 昆明市人民政府办公室　　2022年6月15日
        if ISSUER.match(beside):
            return beside, paragraphs[last]
        if last and ISSUER.match(paragraphs[last - 1]):
            return paragraphs[last - 1], paragraphs[last - 1]
    named = _TITLE_ISSUER.match(title) if DOCUMENT_KIND.search(title) else None
    return (named[1], title) if named else ("", "")


def document_numbers(header: list[str], blocks: list[str]) -> tuple[str, list[str]]:
    """(the document's own number, numbers it cites), brackets unified to 〔〕.

    The header's 文号 field names the document's own number, whatever its shape
    (劳动保3字第1120140187号); so does a number standing alone in the header or
    the opening blocks. One inside a sentence, after a 《title》 or after a
    lead-in word (根据, 按照 …) is a citation.
    """
    own, cited = _labelled(header, NUMBER_LABELS)[0], []
    own = _number(own) if DOC_NUMBER.fullmatch(own) else own if _LABELLED_NUMBER.match(own) else ""
    for i, text in enumerate(header + blocks, start=-len(header)):
        for m in DOC_NUMBER.finditer(text):
            number = _number(m[0])
            alone = not _NUMBER_LABEL.sub("", text.replace(m[0], "")).strip()
            if not own and i < OWN_NUMBER_BLOCKS and alone:
                own = number
            elif number not in cited and number != own:
                cited.append(number)
    return own, cited


def cited_pairs(blocks: list[str]) -> dict[str, str]:
    """{title: number} for each 《title》 cited with its number beside it:
    《某方案》（粤府办〔2016〕60号） names one document twice."""
    return {m[1]: _number(m[2]) for text in blocks for m in _TITLE_WITH_NUMBER.finditer(text)}


def _number(found: str) -> str:
    """A number as DOC_NUMBER found it, without its lead-in and spaces, brackets
    unified: 根据粤办函[2016] 517号 → 粤办函〔2016〕517号."""
    return _YEAR_BRACKETS.sub(r"〔\1〕", _LEAD_IN.sub("", re.sub(r"\s+", "", found)))


def cited_titles(text: str, own_title: str) -> list[str]:
    """Every 《title》 of a policy the text names, except the document itself and
    what its title says it issues (关于印发《X》的通知 issues X, it does not cite
    it); a title that only names another document (《X》解读) does cite it."""
    issued, unquoted = issued_titles(own_title), _CITED_TITLE.sub("", own_title)
    searched = own_title + "\n" + text
    titles: list[str] = []
    for m in _CITED_TITLE.finditer(searched):
        abbreviation = _ABBREVIATION.search(searched, 0, m.start())
        if (m[1] not in titles and m[1] not in issued and m[1] not in unquoted and _POLICY_KIND.search(m[1])
                and not abbreviation):
            titles.append(m[1])
    return titles


def issued_titles(title: str) -> list[str]:
    """The 《X》 that a document's own title says it issues (or is, as 《X》): the document is X too."""
    whole = _CITED_TITLE.fullmatch(title.strip())
    return [whole[1]] if whole else [m[1] or m[2] for m in _ISSUED.finditer(title)]


def summary(paragraphs: list[str], limit: int) -> str:
    """The lead sentences of the first real paragraph (of a page of short ones, the
    first), up to `limit` characters; a first sentence longer than that is cut,
    and ends in an ellipsis."""
    paragraphs = [_said(_spoken(p)) for p in paragraphs]
    leads = [p for p in paragraphs if _may_lead(p, LEAD_CHARS)] or [p for p in paragraphs if _may_lead(p, 10)]
    for text in leads[:1]:
        text = DATELINE.sub("", text, count=1)  # 新华社北京6月16日电（记者…）
        out = ""
        for sentence in sentences(text) or [text]:
            if out and len(out) + len(sentence) > limit:
                break
            out += sentence
        return out if len(out) <= limit else out[:limit - 1] + ELLIPSIS
    return ""


def sentences(text: str) -> list[str]:
    """The sentences of `text` that end in 。！？, in order (not what follows the
    last). Split, not `findall` of a sentence: that retries from every position
    of a text without a stop, quadratic in its length."""
    return [part for part in _AFTER_STOP.split(text) if part[-1:] in ("。", "！", "？")]


def _spoken(paragraph: str) -> str:
    """A transcript's paragraph as what it says: a reporter's question says
    nothing (""); an answer or the host's words lose the speaker's label and
    the courtesies they open with."""
    if _ASKER.match(paragraph):
        return ""
    text = _SPEAKER.sub("", paragraph, count=1)
    if len(text) == len(paragraph):
        return paragraph
    spoken = sentences(text)
    said = next((i for i, sentence in enumerate(spoken) if not _COURTESY.search(sentence)), len(spoken))
    return text[sum(map(len, spoken[:said])):]


def _said(paragraph: str) -> str:
    """An intro's sentences before the one announcing what follows (近年来，…增长。
    该局的主要做法是：): they say something; an intro of that one sentence stays as it is."""
    if not paragraph.endswith("："):
        return paragraph
    return "".join(sentences(paragraph)) or paragraph


def _may_lead(text: str, min_chars: int) -> bool:
    """Not a salutation or an intro (各区县林业局：, 现解答如下：), a subtitle (——…),
    a note in brackets (（2021年1月26日…批准）), a signature, a document's number, an
    editor's note (【编者按】…) nor a photo's caption (图为…)."""
    return (len(text) >= min_chars and not text.endswith("：") and not text.startswith("——")
            and not NOTE.match(text) and not SIGNATURE_DATE.match(text) and not DOC_NUMBER.fullmatch(text)
            and not _ASIDE.match(text))
