"""Index pages: home, regions, years, sources, keywords, cited policies, report."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable

from ..model import DUPLICATE, REJECTED, Document
from . import markdown as md
from .document import DOC_DIR, region_anchor

STATUS_NAMES = {"published": "已发布", DUPLICATE: "已合并", REJECTED: "已拒收"}


def _entry(doc: Document, prefix: str = "") -> str:
    date = f" （{doc.meta.date}）" if doc.meta.date else ""
    return f"{md.link(doc.meta.title, f'{prefix}{DOC_DIR}/{doc.id}.md')}{date}"


def _newest_first(docs: Iterable[Document]) -> list[Document]:
    return sorted(docs, key=lambda d: (d.meta.date or "0000", d.id), reverse=True)


def _grouped_page(title: str, intro: str, groups: dict[str, list[Document]],
                  ident: Callable[[str], str]) -> str:
    parts = [md.front_matter({"title": title}), md.heading(1, title), intro + "\n\n"]
    for name in sorted(groups):
        parts.append(md.heading(2, f"{name}（{len(groups[name])}）", ident(name)))
        parts.append(md.bullet([_entry(d) for d in _newest_first(groups[name])]))
    return "".join(parts)


def home_page(live: list[Document], all_docs: list[Document], newest: int) -> str:
    counts = Counter(d.status for d in all_docs)
    years = Counter(d.meta.date[:4] for d in live if d.meta.date)
    summary = "，".join(f"{STATUS_NAMES[s]} {counts[s]} 份" for s in STATUS_NAMES if counts[s])
    parts = [
        md.front_matter({"title": "首页"}),
        md.heading(1, "中文文献整理库"),
        "本站收录从政府与新闻网站抓取的中文文献，经过清理、去重、提取元数据后，"
        "以简体与繁体两种字体发布。每篇文档只出现一次，转载与重复稿件合并为一页。\n\n",
        f"共收到 {len(all_docs)} 个文件：{summary}。详见[构建报告](report.md)。\n\n",
        md.heading(2, "最新文档"),
        md.bullet([_entry(d) for d in _newest_first(live)[:newest]]),
        md.heading(2, "按年份"),
        _year_chart(years),
        md.heading(2, "浏览"),
        md.bullet([md.link("按地区", "regions.md"), md.link("按年份", "years.md"),
                   md.link("按来源", "sources.md"), md.link("按关键词", "keywords.md"),
                   md.link("引用的政策文件", "policies.md")]),
    ]
    return "".join(parts)


def _year_chart(years: Counter[str]) -> str:
    """A bar per year drawn with block characters: no scripts, no CDN, prints fine."""
    if not years:
        return "暂无带日期的文档。\n\n"
    top = max(years.values())
    rows = [f"| [{y}](years.md#{md.anchor('y', y)}) | {'█' * max(1, round(20 * years[y] / top))} {years[y]} |"
            for y in sorted(years)]
    return "| 年份 | 文档数 |\n| --- | --- |\n" + "\n".join(rows) + "\n\n"


def regions_page(live: list[Document]) -> str:
    tree: dict[str, dict[str, dict[str, list[Document]]]] = defaultdict(
        lambda: defaultdict(lambda: defaultdict(list))
    )
    for doc in live:
        r = doc.meta.region
        if r.province:
            tree[r.province][r.city][r.district].append(doc)
    parts = [md.front_matter({"title": "按地区"}), md.heading(1, "按地区"),
             "按文档所涉及的地区（省、市、区县）归类。\n\n"]
    for province in sorted(tree):
        parts.append(md.heading(2, province, region_anchor([province])))
        for city in sorted(tree[province]):
            if city:
                parts.append(md.heading(3, city, region_anchor([province, city])))
            for district in sorted(tree[province][city]):
                path = [p for p in (province, city, district) if p]
                if district:
                    parts.append(md.heading(4, district, region_anchor(path)))
                parts.append(md.bullet([_entry(d) for d in _newest_first(tree[province][city][district])]))
    return "".join(parts)


def years_page(live: list[Document]) -> str:
    groups: dict[str, list[Document]] = defaultdict(list)
    for doc in live:
        groups[doc.meta.date[:4] if doc.meta.date else "日期不详"].append(doc)
    return _grouped_page("按年份", "按发布日期的年份归类。", groups, lambda y: md.anchor("y", y))


def sources_page(live: list[Document]) -> str:
    groups: dict[str, list[Document]] = defaultdict(list)
    for doc in live:
        groups[doc.meta.source or "来源不详"].append(doc)
    return _grouped_page("按来源", "按发布机构或来源网站归类。", groups, lambda s: md.anchor("s", s))


def keywords_page(live: list[Document]) -> str:
    groups: dict[str, list[Document]] = defaultdict(list)
    for doc in live:
        for keyword in doc.meta.keywords:
            groups[keyword].append(doc)
    intro = "关键词由 jieba TF-IDF 从正文中提取。"
    return _grouped_page("按关键词", intro, groups, lambda k: md.anchor("k", k))


def policies_page(live: list[Document]) -> str:
    """Every cited 《title》 and 〔year〕number, with its citers and, when the cited
    document is itself in the corpus, a link to it."""
    titles = {d.meta.title: d for d in live}
    citing: dict[str, list[Document]] = defaultdict(list)
    for doc in live:
        for cited in doc.meta.cited_titles:
            citing[f"《{cited}》"].append(doc)
        for number in doc.meta.cited_numbers:
            citing[number].append(doc)
    parts = [md.front_matter({"title": "引用的政策文件"}), md.heading(1, "引用的政策文件"),
             "文档中引用的文件名称与文号，以及引用它们的文档。\n\n"]
    for name in sorted(citing):
        parts.append(md.heading(2, name, md.anchor("p", name)))
        own = titles.get(name.strip("《》"))
        if own:
            parts.append(f"本库收录：{_entry(own)}\n\n")
        parts.append(md.bullet([_entry(d) for d in _newest_first(citing[name])]))
    return "".join(parts)


def report_page(all_docs: list[Document]) -> str:
    """Where every input file went."""
    counts = Counter(d.status for d in all_docs)
    rows = []
    for doc in sorted(all_docs, key=lambda d: d.seed_path):
        target = doc.duplicate_of if doc.status == DUPLICATE else doc.id
        page = md.link(doc.meta.title or doc.id, f"{DOC_DIR}/{target}.md") if doc.status != REJECTED else "—"
        status = STATUS_NAMES[doc.status]
        rows.append(f"| {md.text(doc.seed_path)} | {status} | {page} | {md.text(doc.reason)} |")
    return "".join([
        md.front_matter({"title": "构建报告"}),
        md.heading(1, "构建报告"),
        "，".join(f"{STATUS_NAMES[s]}：{counts[s]}" for s in STATUS_NAMES) + "。\n\n",
        "| 文件 | 状态 | 页面 | 原因 |\n| --- | --- | --- | --- |\n",
        "\n".join(rows) + "\n",
    ])
