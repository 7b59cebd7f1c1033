"""Properties of clean on text mixed from real seed lines and random pieces."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhdocs.clean import clean
from zhdocs.clean.pinyin import strip_annotations
from zhdocs.config import Config
from zhdocs.model import Document
from zhdocs.scripts import HAN, simplify_lines

from .conftest import SEED_IDS, SEEDS

SEED_LINES = sorted({
    line for path in SEEDS.glob("*.txt")
    for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
})
# Lines of the shapes other pages have (reviews of built sites found them): their rules
# look at a line's neighbours and its place on the page, which a second cleaning changes.
PAGE_LINES = [
    "香港特别行政区政府 新闻公报", "新闻公报", "完", "今日新闻", "2023年5月12日（星期五）",
    "香港时间16时42分",
    "索 引 号：006939748/2016-00412　　分　　类：综合政务", "名　　称：某局", "发文字号：国办发〔2023〕5号",
    "联系人：张三", "电话：020-12345678", "地　址：某路1号", "联系方式：020-86361234", "1.采购人信息",
    "时间：2023年04月12日至19日，每天上午09:00至12:00", "资料来源：本公报数据来自市统计局。",
    "分享 列印 字级设定 小 中 大", "【字体：大 中 小】【打印】", "回上一页", "首页 → 新闻中心 → 工作动态",
    "一、总体情况", "【基本案情】", "二、申请人的资格要求：", "项目编号：GZBY2023-0417-HW",
    "序号\t单位\t金额", "1\t甲公司\t\t新增", "合计\t\t260", "新收申请    自然人    法人",
    "本年新收申请数量    176    8    0", "1    李  明    小学", "序号    企业名称        产品      结果",
    "2       东莞乙公司                不合格", "附件：1.2023年第一批抽查结果", "2.2023年第二批抽查结果",
    "关于开展计量器具专项检查的通知    2023-10-28", "共4条  首页 上一页 1 下一页 尾页",
    "原创 东莞市场监管 2023-05-10 08:00 发表于广东", "点击蓝字 关注我们", "审核：李华", "目录",
    "第一章　发展基础……3", "第一章　发展基础", "视频加载中...", "2023-03-15",
    "澳门特别行政区政府 经济及科技发展局",
    "广东省人民政府办公厅关于印发广东省实施质量强省",
    "战略2016—2017年行动计划的通知", "（一）增订专家列席之规定。（修正条文第四条）", "相关链接：《某办法》",
]
PIECES = st.text(alphabet="质量强市标准東莞著（）()，。、：:?!- 1-2一是二、來源日期\u3000", max_size=40)
RAW = st.lists(st.one_of(st.sampled_from(SEED_LINES), st.sampled_from(PAGE_LINES), PIECES),
               max_size=12).map("\n".join)
# Notes whose detail holds text taken out of the page (a repair's is `before → after`).
REMOVED = ("boilerplate", "metadata line", "repeated line", "mojibake repaired")
CONFIG = Config(Path("."), Path("."))


def han(text: str) -> Counter[str]:
    return Counter(HAN.findall(text))


def accounted_for(doc: Document) -> Counter[str]:
    """Han characters on the page, in its header, or in a note saying they were removed."""
    kept = han("\n".join([doc.meta.title, doc.text, *doc.header]))
    removed = han("\n".join(n.detail.split(" → ")[0] if n.kind == "mojibake repaired" else n.detail
                            for n in doc.notes if n.kind.startswith(REMOVED)))
    return kept + removed


@settings(max_examples=150, deadline=None)
@given(RAW)
def test_no_han_character_is_lost_without_a_note(raw: str) -> None:
    doc = clean(Document(id="x", seed_path="x.txt", raw=raw), CONFIG)
    # Traditional lines are compared in Simplified; tw2s reads phrases (著名 stays,
    # 著力 → 着力), so they are converted as clean converts them: without pinyin.
    simplified = simplify_lines(strip_annotations(raw)[0], doc.script)[0]
    assert not han(simplified) - accounted_for(doc)


@pytest.mark.parametrize("seed_id", SEED_IDS)
def test_seeds_lose_no_han_character_without_a_note(seed_id: str) -> None:
    raw = (SEEDS / f"{seed_id}.txt").read_text(encoding="utf-8")
    doc = clean(Document(id=seed_id, seed_path=f"{seed_id}.txt", raw=raw), CONFIG)
    simplified = simplify_lines(strip_annotations(raw)[0], doc.script)[0]
    assert not han(simplified) - accounted_for(doc)


def page_lines(doc: Document) -> list[str]:
    """The page's lines; whether the first is the title or a heading is not in the text."""
    return [line for line in [doc.meta.title, *(b.text for b in doc.blocks)] if line]


@settings(max_examples=100, deadline=None)
@given(RAW)
def test_clean_is_idempotent_on_seed_lines(raw: str) -> None:
    once = clean(Document(id="x", seed_path="x.txt", raw=raw), CONFIG)
    again = clean(Document(id="x", seed_path="x.txt", raw="\n".join(page_lines(once))), CONFIG)
    assert page_lines(again) == page_lines(once)
