"""Stage clean: hand-checked expectations for every seed, and rules in isolation."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypinyin import Style, pinyin

from zhdocs.clean import clean
from zhdocs.clean.boilerplate import boilerplate_reason, sort_lines
from zhdocs.clean.mojibake import repair_mojibake
from zhdocs.clean.pinyin import is_dense, readings, strip_annotations
from zhdocs.clean.punctuation import to_full_width
from zhdocs.clean.repeats import drop_repeats
from zhdocs.clean.structure import TAB_SPACES, build_blocks, split_items, split_title, trim_title
from zhdocs.config import Config
from zhdocs.model import CELL, ITEM, ROW, Document
from zhdocs.scripts import t2s

from .conftest import SEEDS

# Converter pinyin, in either width (a leftover would turn full-width next to Han);
# lowercase, so (TC) and (GDP) are not taken for it.
ANNOTATION_LEFT = re.compile(r"[(（][a-z\u00e0-\u01dc]{1,7} ?[)）]")


def cleaned(seed_id: str) -> Document:
    config = Config(SEEDS, Path("unused"))
    from zhdocs.read import read

    return clean(read(Document(id=seed_id, seed_path=f"{seed_id}.txt"), config), config)


def full_text(doc: Document) -> str:
    return doc.meta.title + "\n" + doc.text


def lines(doc: Document) -> list[str]:
    return [line for line in full_text(doc).split("\n") if line]


# --- mojibake: all 17 fragments in the seeds, repaired to the exact original ---
MOJIBAKE = {
    "000_12dd08e151866e2b": ["地外貿", "地企業", "地技術"] * 2,
    "002_2ce0a9b537d74b60": ["頒", "兩個", "頒", "優(yōu)"] * 2,
    "004_40c07d170599156d": ["優(yōu)", "爭取產", "。”標志著(zhù)"],
}


@pytest.mark.parametrize("seed_id", sorted(MOJIBAKE))
def test_mojibake_fragments_repaired_exactly(seed_id: str) -> None:
    raw = (SEEDS / f"{seed_id}.txt").read_text(encoding="utf-8")
    _, repairs, flagged = repair_mojibake(raw)
    assert [after for _, after in repairs] == MOJIBAKE[seed_id]
    assert flagged == []


# Each repair read in its sentence on the cleaned page (Simplified).
REPAIRED_IN_CONTEXT = {
    "000_12dd08e151866e2b": ["引导当地外贸出口企业", "引导当地企业参与", "推动当地技术机构申请"],
    "002_2ce0a9b537d74b60": ["浙江省政府质量奖颁奖大会", "质量两个字的分量", "启动了优质产品生产示范"],
    "004_40c07d170599156d": ["以优化产业结构为核心", "以标准创新争取产业平台", "发展质量。”标志着番禺区"],
}


@pytest.mark.parametrize("seed_id", sorted(REPAIRED_IN_CONTEXT))
def test_repairs_read_in_their_sentences(seed_id: str) -> None:
    doc = cleaned(seed_id)
    for sentence in REPAIRED_IN_CONTEXT[seed_id]:
        assert sentence in full_text(doc)
    assert all("→" in n.detail for n in doc.notes if n.kind == "mojibake repaired")
    assert not [n for n in doc.notes if n.kind == "mojibake flagged"]


def test_mojibake_total_is_seventeen() -> None:
    assert sum(len(v) for v in MOJIBAKE.values()) == 17


UTF8_READ_AS_GBK = [
    "　　2024年度城乡居民医保个人缴费标准为每人每年380元，集中缴费期为2023年9月1日至12月31日。",
    "　　二、缴费方式",
]


@pytest.mark.parametrize("line", UTF8_READ_AS_GBK)
def test_a_line_of_utf8_read_as_gbk_is_read_again(line: str) -> None:
    damaged = line.encode("utf-8").decode("gbk", errors="replace")  # 鍩庝埂, with bytes lost as U+FFFD
    assert damaged != line
    repaired, repairs, flagged = repair_mojibake(f"正文第一段。\n{damaged}\n正文第二段。")
    assert repaired == f"正文第一段。\n{line}\n正文第二段。" and repairs and not flagged


def test_a_lost_byte_without_a_clear_best_is_flagged() -> None:
    # 可 (E5 8F AF) lost its last byte: 只, 叫, 召, 可 … all read as Chinese
    line = "参保人员可通过“皖事通”APP、银行网点等渠道缴费，联系电话：0558-2211345。"
    repaired, _, flagged = repair_mojibake(line.encode("utf-8").decode("gbk", errors="replace"))
    assert len(repaired) == len(line) and sum(a != b for a, b in zip(repaired, line, strict=True)) <= 1
    assert flagged == [repaired]


def test_unrepairable_fragment_is_kept_and_flagged() -> None:
    text, repairs, flagged = repair_mojibake("质量?xyz)文字")
    assert (text, repairs) == ("质量?xyz)文字", [])
    assert flagged


# --- pinyin: only readings of the character they follow, only in dense documents ---
PINYIN = [
    ("質(zhì)量", "質量"),  # a reading of 質
    ("計(jì)量檢定(校準(zhǔn))", "計量檢定(校準)"),  # real parentheses stay
    ("規劃(2006-2020)", "規劃(2006-2020)"),
    ("占GDP(國內生產總值)", "占GDP(國內生產總值)"),
    ("工業(yè)類(lèi)))", "工業類))"),
    ("績(jì)效", "績效"),  # jì is the reading of the Simplified form 绩
    ("委員會(TC/SC/WG)", "委員會(TC/SC/WG)"),
    ("質(mào)量", "質(mào)量"),  # mào is not a reading of 質
]


@pytest.mark.parametrize(("before", "after"), PINYIN)
def test_pinyin_annotations(before: str, after: str) -> None:
    assert strip_annotations(before)[0] == after


def test_readings_are_pypinyins() -> None:
    # every character a reading is asked for: those an annotation follows, and
    # those a two-byte GBK sequence decodes to (mojibake repair)
    gbk = (bytes((a, b)).decode("gbk", errors="ignore") for a in range(0x81, 0xFF) for b in range(0x40, 0xFF))
    chars = {chr(c) for c in range(0x3400, 0xA000)} | {c for c in gbk if len(c) == 1}
    for char in chars:
        forms = {char, t2s(char)}
        expected = {r.lower() for form in forms for options in pinyin(form, style=Style.TONE, heteronym=True)
                    for r in options}
        assert readings(char) == expected, char


def test_a_lone_real_gloss_on_a_clean_page_stays() -> None:
    filler = "东莞是全球重要制造业基地之一，外向型经济占据主导地位。" * 20
    assert not is_dense("这是一篇普通的文章，他姓肖(xiào)，在东莞工作了很多年。" + filler)


# --- punctuation ---
PUNCTUATION = [
    ("东莞,外向型", "东莞，外向型"),
    ("主要做法:", "主要做法："),
    ("29.04.2016  12:09", "29.04.2016  12:09"),
    ("达1,000元", "达1,000元"),
    ("达标率100%,PM2.5年均浓度", "达标率100%，PM2.5年均浓度"),
    ("up 5%, then", "up 5%, then"),  # English leaves a space after its comma
    ("见 http://www.a.com/x?a=1,2 网站", "见 http://www.a.com/x?a=1,2 网站"),
    ("占GDP(国内生产总值)比重", "占GDP（国内生产总值）比重"),
    ("(GDP)", "(GDP)"),
    ("是否继续?", "是否继续？"),
    ("(一\n1)", "(一\n1)"),  # not a pair: it spans two lines
    ("标签&lt;b&gt;等&#12290;", "标签&lt;b&gt;等&#12290;"),  # entities as text: encoded twice
]


@pytest.mark.parametrize(("before", "after"), PUNCTUATION)
def test_half_width_punctuation(before: str, after: str) -> None:
    assert to_full_width(before) == after


# --- boilerplate: lines that must go and lines that must stay, per seed ---
# Every line each seed loses as boilerplate (hand-checked: nothing else may go).
MUST_DROP = {
    "000_12dd08e151866e2b": ["郭永航为市长质量奖获奖企业颁奖", "四川成都市开展第二届",
                             "江苏省计量科学研究院雷击浪涌", "江苏检验检疫局着力提升认证执法",
                             "云南昆明市质监局"],
    "001_83d85754c8f55ec4": [],
    "002_2ce0a9b537d74b60": ["严厉打击添加非食用物质违法行为", "全国质检系统党风廉政建设工作会议",
                             "“以人为本”做好党风廉政工作", "汤圆元宵选购常识", "一手抓业务 一手抓队伍"],
    "003_c466d4eea8e104ae": ["陆河县人民政府门户网站", "发布机构", "【字体", "扫一扫", "- -", "即将离开"],
    "004_40c07d170599156d": ["全国服务热线：", "400-8959 009", "在线咨询", "联系我们",
                             "广州沃霖实验室设备有限公司", "地址：", "全国服务热线：400-8959-009",
                             "020-84859909", "传真：020-31199006", "联系人", "15989205225", "行业动态",
                             "打印本页"],
}
ALSO_IN_BODY = {"行业动态"}  # a navigation label on 004, and a phrase in its body (研判行业动态)
MUST_KEEP = {
    "000_12dd08e151866e2b": ["东莞是全球重要制造业基地之一", "四是主动应对技术壁垒",
                             "计量检定（校准）", "引导当地外贸出口企业"],
    "001_83d85754c8f55ec4": ["近日，广东省副省长袁宝成", "（东莞市质监局 巫树谋 供稿）",
                             "一是开展先进标准体系建设"],
    "002_2ce0a9b537d74b60": ["政府重视质量", "鹿城区餐饮协会", "质量两个字的分量",
                             "浙江省政府质量奖颁奖大会"],
    "003_c466d4eea8e104ae": ["各县（市、区）人民政府", "汕尾市人民政府办公室", "2017年3月6日",
                             "（三十八）加强宣传教育", "质量文化体系"],
    "004_40c07d170599156d": ["番禺区积极构建政府主导的品牌建设体系", "标志着番禺区正式将名牌工作",
                             "（TC/SC/WG）", "以优化产业结构为核心", "创新争取产业平台"],
}


@pytest.mark.parametrize("seed_id", sorted(MUST_DROP))
def test_boilerplate_lines_are_dropped(seed_id: str) -> None:
    doc = cleaned(seed_id)
    removed = [n.detail for n in doc.notes if n.kind.startswith("boilerplate")]
    assert len(removed) == len(MUST_DROP[seed_id])
    for line, note in zip(MUST_DROP[seed_id], removed, strict=True):
        assert line in note
        assert line not in full_text(doc) or line in ALSO_IN_BODY


# Metadata lines leave the body for the header (hand-checked, in order).
HEADER = {
    "000_12dd08e151866e2b": [],
    "001_83d85754c8f55ec4": ["29.04.2016"],
    "002_2ce0a9b537d74b60": [],
    "003_c466d4eea8e104ae": ["陆河县人民政府门户网站", "2017-03-17 08:54", "来源： 汕尾市人民政府门户网站"],
    "004_40c07d170599156d": ["资料来源：广州沃霖实验室设备有限公司", "日期：2014-12-18 浏览次数：3078"],
}


@pytest.mark.parametrize("seed_id", sorted(HEADER))
def test_metadata_lines_leave_the_body(seed_id: str) -> None:
    doc = cleaned(seed_id)
    assert len(doc.header) == len(HEADER[seed_id])
    for expected, line in zip(HEADER[seed_id], doc.header, strict=True):
        assert line.startswith(expected)
        assert line not in full_text(doc)


@pytest.mark.parametrize("seed_id", sorted(MUST_KEEP))
def test_content_is_kept(seed_id: str) -> None:
    text = full_text(cleaned(seed_id))
    for sentence in MUST_KEEP[seed_id]:
        assert sentence in text


# Every real parenthesis of the seeds, hand-checked (full-width once Han touches it).
PARENTHESES = {
    "000_12dd08e151866e2b": ["计量检定（校准）"],
    "001_83d85754c8f55ec4": ["（东莞市质监局 巫树谋 供稿）", "（包含公共服务组织）", "（鼓励奖）"],
    "002_2ce0a9b537d74b60": ["发展规划（2006-2020）", "培育工程（2006-2010）", "（街道）", "县（市、区）"],
    "003_c466d4eea8e104ae": ["GDP（国内生产总值）", "（粤办函〔2016〕517号）", "团体（联盟）",
                             "（工业类）", "（农业类）", "（实验室）", "（基地）", "（市、区、镇）",
                             "（市质监局牵头，市发改局、市商务局、市工商局等单位参与）"],
    "004_40c07d170599156d": ["委员会（TC/SC/WG）", "委员会（TC）", "工作组（WG）", "（以下简称示范区）",
                             "《广东省名牌产品（工业类）评价指南》", "（2009-2012年）", "（美食集聚区）"],
}


@pytest.mark.parametrize("seed_id", sorted(PARENTHESES))
def test_real_parentheses_are_kept(seed_id: str) -> None:
    text = full_text(cleaned(seed_id))
    for phrase in PARENTHESES[seed_id]:
        assert phrase in text


def test_no_paragraph_appears_twice() -> None:
    for seed_id in MUST_KEEP:
        paragraphs = [b.text for b in cleaned(seed_id).blocks if len(b.text) >= 40]
        assert len(paragraphs) == len(set(paragraphs)), seed_id


@pytest.mark.parametrize("seed_id", sorted(MUST_KEEP))
def test_no_damage_left(seed_id: str) -> None:
    text = full_text(cleaned(seed_id))
    assert not ANNOTATION_LEFT.search(text)
    assert "\ufffd" not in text
    assert "?" not in text and "？" not in text  # 003's 是否继续? is a leave-site prompt


BOILERPLATE_RULES = [
    ("- 某某新闻标题(2023-07-28)", "related-article list"),
    ("关于开展计量器具专项检查的通知    2023-10-28", "related-article list"),
    ("共4条  首页 上一页 1 2 下一页 尾页", "pagination"),
    ("第1页/共5页", "pagination"),
    ("点击蓝字 关注我们", "share/print prompt"),
    ("视频加载中...", "media placeholder"),
    ("点击查看大图", "media placeholder"),
    ("您的浏览器不支持video标签", "media placeholder"),
    ("长按识别二维码关注我们", "share/print prompt"),
    ("分享 收藏 点赞 在看", "share/print prompt"),
    ("相关文章：", "related-article list"),
    ("【延伸阅读】", "related-article list"),
    ("手机：15989205225  13316008055", "contact block"),
    ("020-84859909", "phone number"),
    ("• 发布机构：", "empty metadata field"),
    ("[打印本页]  [关闭窗口]", "share/print prompt"),
    ("分享：", "share/print prompt"),
    ("首页 > 政务公开 > 政府文件 > 粤府办", "navigation"),
    ("当前位置：首页 > 互动交流 > 意见征集", "navigation"),
    ("人民网 >> 经济·科技", "navigation"),
    ("首页 | 新闻 | 质检 | 标准 | 计量", "navigation"),
    ("上一篇：四川：多措并举促消费回补", "navigation"),
    ("主办：东莞市人民政府办公室　承办：东莞市政务服务数据管理局", "site footer"),
    ("网站标识码：4419000001　粤ICP备05017785号", "site footer"),
    ("[ 大 中 小 ]  [ 打印 ]  [ 关闭 ]", "share/print prompt"),
    ("分享 列印 字级设定 小 中 大", "share/print prompt"),
    ("分享　列印　A-　A　A+", "share/print prompt"),
    ("字级：小 中 大　　友善列印　　分享", "share/print prompt"),
    ("回上一页　回首页", "share/print prompt"),
    ("首页　　政务公开　　政务服务　　互动交流　　走进广西", "navigation"),
    ("相关链接：中国政府网 | 自治区人大 | 自治区政协", "related-article list"),
    ("回上一页", "navigation"),
    ("更多>>", "navigation"),
    ("返回搜狐，查看更多", "navigation"),
    ("阅读 (3.2万)", "view counter"),
    ("声明：该文观点仅代表作者本人，搜狐号系信息发布平台，搜狐仅提供信息存储空间服务。", "site footer"),
    ("（责编：王静、高雷）", "editor credit"),
    ("完", "end mark"),
    ("位置：首页 > 政务公开 > 通知公告", "navigation"),
    ("关于我们 | About us | 联系我们 | 网站地图", "navigation"),
    ("本网站所刊载信息，不代表中新社和中新网观点。", "site footer"),
    ("未经授权禁止转载", "site footer"),
]
# Sentences that hold the words of chrome: a page keeps them.
SENTENCES_WITH_CHROME_WORDS = [
    "“扫一扫包装上的码，牛奶从哪个牧场来一清二楚。”",
    "联系人：李明，电话：0755-83070123，邮箱：jlc@amr.sz.gov.cn。",
    "即日起，市民在手机打开小程序即可办理。", "热线电话12345同步开通，受理群众咨询。", "温度>30℃时停止作业。",
]


def test_a_sentence_with_the_words_of_chrome_stays() -> None:
    lines = ["标题", *SENTENCES_WITH_CHROME_WORDS]
    assert sort_lines(lines).body == lines


def test_a_related_lists_undated_titles_go_with_its_heading() -> None:
    lines = ["正文第一段，内容很长很长。", "相关文章：", "北京发布大气污染综合治理方案",
             "上海推进质量强市建设", "正文结束后的另一段，说明情况。", "下一节"]
    result = sort_lines(lines)
    assert [line for _, line in result.removed] == lines[1:4]
    assert result.body == [lines[0], *lines[4:]]


@pytest.mark.parametrize(("line", "reason"), BOILERPLATE_RULES)
def test_boilerplate_reason(line: str, reason: str) -> None:
    assert sort_lines(["正文第一段，内容很长很长。", line, "【打印本页】"]).removed[0] == (reason, line)


def test_a_notices_own_contacts_stay_the_sites_go() -> None:
    notice = ["六、对本次招标提出询问，请按以下方式联系。", "1.采购人信息", "名　称：广州市白云区卫生健康局",
              "地　址：广州市白云区云城东路490号", "联系方式：020-86361234", "项目联系人：黄工"]
    footer = ["电　话：020-83335678", "版权所有：广州市财政局"]
    result = sort_lines(["关于采购项目的招标公告", *notice, *footer])
    assert result.body == ["关于采购项目的招标公告", *notice[:2], "名称：广州市白云区卫生健康局",
                           "地址：广州市白云区云城东路490号", *notice[4:]]
    assert [line for _, line in result.removed] == ["电话：020-83335678", footer[1]]


def test_a_page_that_only_lists_articles_is_rejected_saying_so() -> None:
    listing = ["通知公告", "关于2023年度质量奖评审结果的公示    2023-11-02",
               "关于开展计量器具专项检查的通知    2023-10-28", "共2条  首页 上一页 1 下一页 尾页"]
    doc = clean(Document(id="x", seed_path="x.txt", raw="\n".join(listing)), Config(Path("."), Path(".")))
    assert doc.reason == ("no content left after cleaning (lines removed as site chrome: navigation label 1, "
                          "pagination 1, related-article list 2)")
    dated = "会议定于2023年10月28日召开。    2023-10-28"  # a sentence, and what may be its date
    assert sort_lines(["正文第一段，内容。", dated]).body[1] == dated


def test_an_article_on_one_line_is_no_listed_title_for_ending_in_a_date() -> None:
    article = "近年来，东莞市质监局积极构建大质量工作机制。" * 10 + "四川成都市开展质量活动(2023-07-28)"
    assert sort_lines([article]).body == [article]  # scraped without its line ends
    listed = "四川成都市开展第二届“走进企业看质量”活动(2023-07-28)"
    assert sort_lines(["正文。", listed]).removed == [("related-article list", listed)]


def test_a_table_of_contents_goes_its_sections_headings_stay() -> None:
    lines = ["目录", "前言", "第一章　发展基础……………3", "第二章　总体要求  5", "前言", "正文第一段。",
             "第一章　发展基础", "正文第二段。", "第二章　总体要求", "正文第三段。"]
    result = sort_lines(lines)
    assert result.body == lines[4:]
    assert {reason for reason, _ in result.removed} == {"table of contents"}
    unlisted = ["目录", "一、本办法适用于全市。", "二、由市局负责解释。"]  # no section of that name below
    assert sort_lines(unlisted).body == unlisted


def test_a_contact_person_closing_a_notice_stays_above_the_sites_chrome() -> None:
    body = ["请于5月20日前将报名表报送至市局质量处。", "联系人：王明", "电话：0769-22221234"]
    result = sort_lines([*body, "扫一扫在手机打开当前页"])
    assert result.body == body
    footer = ["地址：东莞市莞城区府前路1号", "电话：0769-22221234"]  # the site's: no person
    assert sort_lines([body[0], *footer, "扫一扫在手机打开当前页"]).body == body[:1]
    tender = ["四、对本次招标提出询问，请按以下方式联系。", "项目联系人：陈工", "电话：0769-22887766"]
    widgets = ["【打印】【关闭】", "扫一扫在手机打开当前页"]
    assert sort_lines([*tender, *widgets]).body == tender  # the person's phone


def test_a_label_and_its_value_on_the_next_line_are_one_field() -> None:
    table = ["索引号：", "11440300007542691X/2023-00123", "文号：", "深市监规〔2023〕3号",
             "发布日期：", "2023-05-12"]
    result = sort_lines([*table, "现将办法印发给你们，请认真贯彻执行。"])
    assert result.header == [label + value for label, value in zip(table[::2], table[1::2], strict=True)]
    sentence = "2023年5月8日至5月15日，每天上午9:00至12:00。"  # a sentence: the body's, not the label's
    assert sort_lines(["时间：", sentence]).body == [sentence]


BODY_FIELDS = [
    "时间：2023年04月12日至2023年04月19日，每天上午09:00至12:00（法定节假日除外）",
    "资料来源：本公报中农业数据来自市农业农村局；建筑业数据来自市住建局。",
]


@pytest.mark.parametrize("line", BODY_FIELDS)
def test_a_field_that_opens_a_paragraph_of_the_body_stays_in_it(line: str) -> None:
    result = sort_lines(["时间：2023-04-11", "正文第一段，内容很长很长。", line,
                         "日期：2014-12-18 浏览次数：3078"])
    assert result.body == ["正文第一段，内容很长很长。", line]
    assert result.header == ["时间：2023-04-11", "日期：2014-12-18 浏览次数：3078"]


@pytest.mark.parametrize("crumbs", ["首页 → 新闻中心 → 工作动态", "首页 - 通知公告",
                                    "您所在的位置：首页 > 新闻"])
def test_trails_of_other_shapes_are_navigation(crumbs: str) -> None:
    assert boilerplate_reason(crumbs) == "navigation"


def test_a_sections_heading_after_a_widget_is_no_navigation_label() -> None:
    lines = ["【字体：大 中 小】【打印】", "一、总体情况", "一季度经济运行稳中向好。", "分享到：微信 微博",
             "【基本案情】", "2021年3月，被告承接了工程。"]
    assert sort_lines(lines).body == [lines[1], lines[2], *lines[4:]]


def test_a_row_of_numbers_is_no_phone_number() -> None:
    row = "3    1    0    0    4    2"  # read made the tabs spaces
    assert sort_lines(["正文第一段，内容很长很长。", row, "正文第二段。"]).body[1] == row
    for date in ("2023-03-15", "2023/03/15", "2023.03.15", "2023年03月15日"):  # a date above the body
        assert sort_lines(["某局推出援助计划", date, "正文第一段。"]).header == [date]


def test_the_issuer_above_a_documents_title_is_its_banner() -> None:
    result = sort_lines(["武汉水务集团", "关于临时停水的通知", "发布时间：2023-08-01", "正文第一段，内容。"])
    assert result.removed == [("site name", "武汉水务集团")]
    news = ["深圳大学", "走进深圳大学", "正文第一段，内容。"]  # no document's title under it: kept
    assert sort_lines(news).body == news


def test_a_notices_time_and_its_closing_contacts_stay() -> None:
    lines = ["各学院：现将有关事项通知如下。", "时间：2023年9月1日（星期五）下午3:00", "地点：行政楼会议室",
             "联系人：陈老师　电话：26536000", "深圳大学党委办公室、校长办公室", "2023年8月30日"]
    assert sort_lines(lines).body == lines


def test_a_press_releases_banner_and_what_follows_its_end_mark() -> None:
    lines = ["香港特别行政区政府 新闻公报", "政府公布第一季经济报告", "政府今日发表经济报告。", "完",
             "2023年5月12日（星期五）", "香港时间16时42分", "今日新闻", "通告及告示"]
    result = sort_lines(lines)
    assert result.body == lines[1:3]
    assert result.header == ["香港特别行政区政府", *lines[4:6]]  # the site's name, without its section
    office = ["澳门特别行政区政府 经济及科技发展局", "经科局推出援助计划", "经科局今日宣布。"]
    assert sort_lines(office).header == ["澳门特别行政区政府"] and sort_lines(office).body == office[1:]
    title = ["某某市人民政府 关于开展质量工作", "正文第一段。"]  # a title, however it is spaced
    assert sort_lines(title).body == title


def test_a_widget_beside_text_goes_and_the_text_stays() -> None:
    lines = ["标题", "正文最后一段，说明有关情况。 [打印本页] [关闭窗口]", "【打印机行业】发展很快。"]
    result = sort_lines(lines)
    assert result.body == ["标题", "正文最后一段，说明有关情况。", "【打印机行业】发展很快。"]
    assert result.removed == [("share/print prompt", "[打印本页] [关闭窗口]")]


@pytest.mark.parametrize("site", ["某某市人民政府门户网站", "杭州市市场监督管理局", "经济部中小企业处",
                                  "住房公积金网 - 全国公积金资讯平台"])
def test_a_site_name_is_chrome_above_the_first_sentence_only(site: str) -> None:
    body = ["关于开展质量提升行动的通知", "正文第一段。", "织密食品安全防护网", "杭州市市场监督管理局"]
    result = sort_lines([site, *body])
    assert result.removed == [("site name", site)]
    assert result.body == body


def test_metadata_lines_go_to_the_header() -> None:
    result = sort_lines(["标题", "• 2017-03-17 08:54", "来源：汕尾市人民政府门户网站", "正文。"])
    assert result.header == ["2017-03-17 08:54", "来源：汕尾市人民政府门户网站"]
    assert result.body == ["标题", "正文。"]
    byline = sort_lines(["标题", "本报记者 张文 王明峰", "正文。", "《 人民日报 》（ 2020年06月12日 10 版）"])
    assert byline.header == ["本报记者 张文 王明峰", "《 人民日报 》（ 2020年06月12日 10 版）"]
    dated = sort_lines(["标题", "2018年03月12日 来源：深圳特区报 记者 李明", "正文。"])
    assert dated.header == ["2018年03月12日 来源：深圳特区报 记者 李明"] and dated.body == ["标题", "正文。"]


# --- repeats and structure ---
def test_bodies_pasted_twice_appear_once() -> None:
    assert cleaned("000_12dd08e151866e2b").text.count("一是建立领导激励机制") == 1
    assert cleaned("002_2ce0a9b537d74b60").text.count("翻看历次联席会议记录本") == 1


def test_short_lines_that_recur_alone_stay() -> None:
    lines = ["工作目标", "第一部分的内容。", "工作目标", "第二部分的内容。"]
    assert drop_repeats(lines)[0] == lines


def test_official_document_headings_have_three_levels() -> None:
    headings = {b.text: b.level for b in cleaned("003_c466d4eea8e104ae").blocks if b.is_heading}
    assert headings["汕尾市实施质量强市战略2017年度行动计划"] == 2
    assert headings["一、实施质量提升工程"] == 3
    assert headings["（一）提升产品质量"] == 4
    assert "汕尾市人民政府办公室" not in headings  # a signature, not a heading


OFFICIAL_LINES = [
    "穗府办函〔2019〕35号", "各区人民政府：", "一、总体要求", "围绕质量强市目标推进工作：",
    "1.提升产品质量；", "2.提升工程质量；", "3.提升服务质量。", "二、保障措施", "（一）加强组织领导",
    "各部门要高度重视。", "附件：1.任务分工表", "2.名单", "（此件主动公开）", "广州市人民政府办公厅",
    "2019年5月6日",
]


def test_numbers_notes_attachments_and_enumerations_are_no_headings() -> None:
    headings = [b.text for b in build_blocks(OFFICIAL_LINES) if b.is_heading]
    assert headings == ["一、总体要求", "二、保障措施", "（一）加强组织领导"]
    items = [b.text for b in build_blocks(OFFICIAL_LINES) if b.kind == ITEM]
    assert items == ["1.提升产品质量；", "2.提升工程质量；", "3.提升服务质量。", "2.名单"]  # 。 kept
    others = ["京政办发〔2019〕 12号", "粤府令第269号", "2023年第31号",
              "1.加强领导；2.落实责任；3.强化督查。", "正文。"]
    assert not any(b.is_heading for b in build_blocks(others))


def test_bulleted_lines_are_a_list_and_a_lone_bullet_no_heading() -> None:
    bullets = ["● 工业产品抽查800批次，合格率97.1%；", "● 食品相关产品", "● 电子商务产品抽查100批次。"]
    blocks = build_blocks(["主要情况如下：", *bullets, "正文。", "■ 另有说明", "正文。"])
    assert [(b.kind, b.level) for b in blocks] == [("", 0), *[(ITEM, 0)] * 3, *[("", 0)] * 3]


def test_an_attachment_list_is_a_list_from_its_first_item() -> None:
    lines = split_items(["特此通知。", "附件：1.任务分工表", "2.名单", "某某市人民政府"])
    assert lines == ["特此通知。", "附件：", "1.任务分工表", "2.名单", "某某市人民政府"]
    assert [b.text for b in build_blocks(lines) if b.kind == ITEM] == ["1.任务分工表", "2.名单"]
    downloads = ["附件下载：", "1.申报指南.docx", "2.申报书模板.docx", "某某市科学技术局"]
    assert [b.text for b in build_blocks(downloads) if b.kind == ITEM] == downloads[1:3]
    years = split_items(["附件：1.2023年第一批抽查不合格产品信息", "2.2023年第一批抽查合格产品信息"])
    assert [b.kind for b in build_blocks(years)] == ["", ITEM, ITEM]  # 1.2023 is no decimal
    decimal = ["增长情况如下：", "1.5亿元用于技术改造，投入较上年增加。"]
    assert [b.kind for b in build_blocks(decimal)] == ["", ""]


def test_chapters_and_a_headings_year_span() -> None:
    lines = ["食品小作坊登记管理办法", "第一章　总则", "第一条　为加强监督管理，制定本办法。",
             "第二章登记条件", "第四条　申请登记。", "三年行动方案", "（2019—2021年）",
             "为贯彻落实，制定本方案。", "联系电话：028-61889512", "附件材料请报送。"]
    headings = [(b.level, b.text) for b in build_blocks(lines) if b.is_heading]
    assert headings == [(2, "食品小作坊登记管理办法"), (3, "第一章　总则"), (3, "第二章登记条件"),
                        (2, "三年行动方案（2019—2021年）")]


def test_a_signature_above_its_date_is_no_heading() -> None:
    lines = ["请认真贯彻执行。", "武汉市江岸区人民政府办公室", "二〇一九年四月八日"]
    assert not any(b.is_heading for b in build_blocks(lines))


def test_rows_of_cells_are_a_table() -> None:
    lines = ["不合格产品信息如下：", "序号    企业    项目", "1    /    恩诺沙星",
             "2    某某食品有限公司    过氧化值", "对上述产品已依法处理。",
             "主办：某局    承办：某中心    维护：某公司"]  # one line is no table
    rows = [b.text for b in build_blocks(lines) if b.kind == ROW]
    assert rows == ["序号\t企业\t项目", "1\t/\t恩诺沙星", "2\t某某食品有限公司\t过氧化值"]


def test_a_cell_padded_with_spaces_stays_one_cell() -> None:
    lines = ["序号    姓名    学校    学段", "1    王小红    锦江区实验小学    小学",
             "2       李  明    成都市泡桐树小学    小学"]
    rows = [b.text.split("\t") for b in build_blocks(lines) if b.kind == ROW]
    assert rows[2] == ["2", "李明", "成都市泡桐树小学", "小学"]


def test_numbers_in_a_wider_row_are_never_joined() -> None:
    # the head's first cell is blank, so the rows have one cell more: no two numbers become one
    lines = ["新收申请    自然人    法人", "本年新收申请数量    176    8    0",
             "上年结转申请数量    4    0    0"]
    rows = [b.text.split(CELL) for b in build_blocks(lines) if b.kind == ROW]
    assert rows == [["", "新收申请", "自然人", "法人"],  # the corner, above the rows' labels
                    ["本年新收申请数量", "176", "8", "0"], ["上年结转申请数量", "4", "0", "0"]]
    padded = ["序号    姓名    学段", "1    李  明    小学", "2    王  红    初中"]  # no corner: padding
    assert [b.text.split(CELL)[0] for b in build_blocks(padded)] == ["序号", "1", "2"]


def test_a_tables_empty_cells_and_total_keep_their_columns() -> None:
    # read turns each tab into four spaces: 乙公司\t\t80 has an empty cell between its tabs
    lines = [line.replace("\t", " " * TAB_SPACES) for line in [
        "序号\t单位\t项目\t金额（万元）\t备注", "1\t甲公司\t技改项目\t120\t", "2\t乙公司\t\t80\t新增",
        "合计\t\t\t200\t", "公示期为5个工作日。"]]
    rows = [b.text.split(CELL) for b in build_blocks([line.strip() for line in lines]) if b.kind == ROW]
    assert rows == [["序号", "单位", "项目", "金额（万元）", "备注"], ["1", "甲公司", "技改项目", "120"],
                    ["2", "乙公司", "", "80", "新增"], ["合计", "", "", "200"]]


def test_a_sparse_row_of_a_table_aligned_with_spaces_keeps_its_columns() -> None:
    lines = ["序号    企业名称        产品      结果", "1       东莞甲公司      电线      合格",
             "2       东莞乙公司                不合格", "3                       插座      合格"]
    rows = [b.text.split(CELL) for b in build_blocks(lines) if b.kind == ROW]
    assert rows[2:] == [["2", "东莞乙公司", "", "不合格"], ["3", "", "插座", "合格"]]
    unaligned = ["序号  企业  项目  结果", "1  某某食品有限公司的名字很长  合格", "2  某公司  电线  合格"]
    assert build_blocks(unaligned)[1].text.split(CELL) == ["1", "某某食品有限公司的名字很长", "合格"]


def test_marked_sentences_with_a_note_or_a_date_are_paragraphs_a_sections_label_a_heading() -> None:
    lines = ["一、本次修正重点如下：",
             "（一）增订职业病鉴定委员会得邀请相关领域专家列席提供意见之规定。（修正条文第四条）",
             "二、申请人的资格要求：", "三、检查时间为2023年5月10日至6月30日。详见附件。"]
    assert [(b.level, b.text) for b in build_blocks(lines)] == [(2, lines[0]), (0, lines[1]), (2, lines[2]),
                                                                (0, lines[3])]


def test_parts_chapters_and_sections_nest() -> None:
    lines = ["第一篇　总体要求", "第一章　发展环境", "第一节　发展基础", "正文。", "第二章　指导思想",
             "正文。"]
    assert [b.level for b in build_blocks(lines)] == [2, 3, 4, 0, 3, 0]


def test_what_reads_as_markup_is_no_heading() -> None:
    assert [b.level for b in build_blocks(["[^1]: 脚注", '!!! danger "告警"', "正文。"])] == [0, 0, 0]


def test_a_photos_caption_is_no_heading() -> None:
    captions = ["图为活动现场", "图为工作人员在检查产品质量。（摄影：张伟）", "活动现场。（记者 李明 摄）"]
    assert [b.level for b in build_blocks([*captions, "正文。"])] == [0, 0, 0, 0]


def test_a_line_of_a_label_and_its_value_is_no_heading() -> None:
    lines = ["项目编号：GZBY2023-0417-HW", "项目名称：医疗设备采购项目", "采购需求：", "部长　许铭春",
             "行政许可    12036"]  # and a two-column table's row
    assert [b.level for b in build_blocks([*lines, "正文。"])] == [0, 0, 0, 0, 0, 0]


def test_a_title_that_wraps_is_one_title() -> None:
    lines = ["广东省人民政府办公厅关于印发广东省实施质量强省", "战略2016—2017年行动计划的通知",
             "粤办函〔2016〕517号"]
    assert split_title(lines) == (lines[0] + lines[1], lines[2:])
    news = ["东莞：质量提升行动成效明显", "政府重视质量", "正文。"]  # a short title, a heading: apart
    assert split_title(news) == (news[0], news[1:])
    for first, second in (("关于做好2023年度", "全市安全生产工作的通知"),
                          ("广西壮族自治区国民经济和社会发展第十四个五年规划", "和2035年远景目标纲要")):
        assert split_title([first, second, "正文。"]) == (first + second, ["正文。"])


def test_numbered_sentences_are_a_list_and_lines_of_fields_no_headings() -> None:
    lines = ["森林防火期内：", "一、进入林区的人员严禁携带火种，自觉接受森林防火检查。",
             "二、严禁在林区吸烟。",
             "（一）申报单位应为在本市注册、具有独立法人资格。", "注：", "1.地区生产总值按现价计算。",
             "2.增长速度按不变价格计算。", "出席：刘佳晨、王强", "地　址：合肥市滨湖新区C区",
             "原标题：从千村示范到万村整治", "第12期", "昆明市人民政府办公室　2022年6月15日",
             "宁波市市长　汤飞帆", "正文。"]
    blocks = build_blocks(lines)
    assert not any(b.is_heading for b in blocks)
    assert [b.text for b in blocks if b.kind == ITEM] == [lines[1], lines[2], lines[5], lines[6]]


@pytest.mark.parametrize(("title", "trimmed"), [
    ("转载：青岛召开外贸出口工作会议_新闻中心", "青岛召开外贸出口工作会议"),
    ("【转】长春召开质量提升行动工作会议", "长春召开质量提升行动工作会议"),
    ("原标题：我省出台措施支持民营企业发展", "我省出台措施支持民营企业发展"),
    ("住房公积金政策问答 - 住房公积金网", "住房公积金政策问答"),
    ("政策问答_上海_住房公积金网", "政策问答"),
    ("湖北武汉：电梯模式惠及万台电梯", "湖北武汉：电梯模式惠及万台电梯"),
    ("_新闻中心", "_新闻中心"),  # nothing left: as it was
    ("住房公积金网 - 全国公积金资讯平台", "住房公积金网 - 全国公积金资讯平台"),  # a site name: as it was
])
def test_a_title_loses_what_the_site_put_around_it(title: str, trimmed: str) -> None:
    assert trim_title(title) == trimmed


def test_a_marked_question_is_a_heading() -> None:
    lines = ["一、为什么要制定《条例》？", "为了规范管理，制定本条例。", "二、适用于哪些车辆？", "电动车。"]
    assert [b.text for b in build_blocks(lines) if b.is_heading] == [lines[0], lines[2]]


def test_sections_whose_text_ends_in_a_semicolon_keep_their_headings() -> None:
    lines = ["（一）指导思想。以质量强市为目标。", "（二）基本原则。坚持属地管理；坚持部门联动；",
             "（三）工作目标。到2020年全面提升。", "附件材料请于9月30日前报送。", "1.加强组织领导", "正文。"]
    headings = [b.text for b in build_blocks(lines) if b.is_heading]
    assert headings == ["（一）指导思想", "（二）基本原则", "（三）工作目标", "1.加强组织领导"]


def test_pairs_of_short_lines_are_one_heading() -> None:
    headings = [b.text for b in cleaned("002_2ce0a9b537d74b60").blocks if b.is_heading]
    assert "政府重视质量 一把手牵头抓" in headings
    # a heading's halves keep their space after a closing quote, as after any other word
    headings = [b.text for b in cleaned("004_40c07d170599156d").blocks if b.is_heading]
    assert "政府推动“三好” 名牌培育机制优" in headings and "实施品牌建设工程 加快产业结构调整" in headings


def test_run_together_items_split_into_paragraphs() -> None:
    blocks = cleaned("001_83d85754c8f55ec4").blocks
    assert any(b.text.startswith("二是实施品牌发展战略。") for b in blocks)
    assert any(b.text == "一、深入实施“四轮”驱动战略" and b.level == 2 for b in blocks)


def test_only_traditional_lines_of_a_simplified_page_are_converted() -> None:
    line = "季度质量水平显著提升，全市各部门认真落实各项工作部署，成效明显。"
    simplified = [f"第{n}{line}" for n in "一二三四五六七八"]
    raw = "\n".join(["关于质量工作的通知", *simplified, "隨著產業結構轉型升級，標準化工作著力推進。"])
    doc = clean(Document(id="x", seed_path="x.txt", raw=raw), Config(Path("."), Path(".")))
    assert doc.script == "hans"
    assert doc.text.split("\n") == [*simplified, "随着产业结构转型升级，标准化工作着力推进。"]
    mixed = clean(Document(id="x", seed_path="x.txt", raw="\n".join([*simplified, "准東方"])), CONFIG)
    assert mixed.text.endswith("\n准东方")  # as many of each: converted, whatever the page
    quoted = "质量显著提升。隨著產業轉型升級，標準化工作著力推進。"  # by sentence: 显著 is never fed to tw2s
    page = clean(Document(id="x", seed_path="x.txt", raw="\n".join([*simplified, quoted])), CONFIG)
    assert page.text.endswith("\n质量显著提升。随着产业转型升级，标准化工作着力推进。")


CONFIG = Config(Path("."), Path("."))


def test_traditional_sources_become_simplified_with_tw2s() -> None:
    doc = cleaned("004_40c07d170599156d")
    assert doc.script == "hant"
    assert "随着产业结构转型升级" in doc.text  # t2s would leave 隨著 → 随著


# --- properties ---
@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_cleaning_never_raises(raw: str) -> None:
    doc = Document(id="x", seed_path="x.txt", raw=raw)
    clean(doc, Config(Path("."), Path(".")))


HANLIKE = st.text(alphabet="质量强市标准东莞（）()，。、：:?!\n 1-2一是二、", max_size=200)


@settings(max_examples=200, deadline=None)
@given(HANLIKE)
def test_cleaning_is_idempotent(raw: str) -> None:
    config = Config(Path("."), Path("."))
    once = clean(Document(id="x", seed_path="x", raw=raw), config)
    again = clean(Document(id="x", seed_path="x", raw=full_text(once)), config)
    assert lines(again) == lines(once)
