"""Index pages: home, regions, years, sources, keywords, cited policies, report."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from typing import NamedTuple

from ..link import cited_in_corpus, policy_key
from ..model import DUPLICATE, REJECTED, Document, Region
from . import charts, collation
from . import markdown as md
from .collation import Readings
from .document import DOC_DIR, KEYWORDS_PAGE, keyword_page, region_anchor

CHART_ROWS = 10  # bars per breakdown on the home page; the rest is one 其他 bar
STATUS_NAMES = {"published": "已发布", DUPLICATE: "已合并", REJECTED: "已拒收"}
REPORT_PAGE = "report.md"
REPORT_ROWS = 500  # files per part of the report
TOP_KEYWORDS = 20  # keywords per letter on KEYWORDS_PAGE, the most used
UNKNOWN_SOURCE = "来源不详"


Entries = dict[str, str]  # id -> the line that lists the document on an index page


class Listing(NamedTuple):
    """What the index pages show of a document, and all they read of it: with
    the home page's length, their cache key (a tuple: 10k of them hash in ~40 ms)."""

    id: str
    seed_path: str
    status: str
    duplicate_of: str
    reason: str
    title: str
    date: str
    source: str
    region: Region
    keywords: list[str]
    cited_titles: list[str]
    cited_numbers: list[str]
    cited_pairs: dict[str, str]
    doc_number: str


def listing(doc: Document) -> Listing:
    meta = doc.meta
    return Listing(doc.id, doc.seed_path, doc.status, doc.duplicate_of, doc.reason, meta.title, meta.date,
                   meta.source, meta.region, meta.keywords, meta.cited_titles, meta.cited_numbers,
                   meta.cited_pairs, meta.doc_number)


def entries(live: list[Listing], up: str = "") -> Entries:
    """Each document's index line, made once: at 10k documents the indexes hold
    ~95k. `up` leads from the pages' folder to the site's root."""
    return {doc.id: _entry(doc, up) for doc in live}


def _entry(doc: Listing, up: str) -> str:
    date = f" （{doc.date}）" if doc.date else ""
    return f"{md.link(doc.title, f'{up}{DOC_DIR}/{doc.id}.md')}{date}"


def _newest_first(docs: Iterable[Listing]) -> list[Listing]:
    return sorted(docs, key=lambda d: (d.date or "0000", d.id), reverse=True)


def _grouped_page(title: str, intro: str, groups: dict[str, list[Listing]],
                  ident: Callable[[str], str], listed: Entries,
                  order: Callable[[str], object] | None = None) -> str:
    parts = [md.front_matter({"title": title}), md.heading(1, title), intro + "\n\n"]
    for name in sorted(groups, key=order):
        parts.append(md.heading(2, f"{name}（{len(groups[name])}）", ident(name)))
        parts.append(md.bullet([listed[d.id] for d in _newest_first(groups[name])]))
    return "".join(parts)


def home_page(live: list[Listing], all_docs: list[Listing], newest: int, listed: Entries) -> str:
    counts = Counter(d.status for d in all_docs)
    summary = "，".join(f"{STATUS_NAMES[s]} {counts[s]} 份" for s in STATUS_NAMES if counts[s])
    return "".join([
        md.front_matter({"title": "首页"}),
        md.heading(1, "中文文献整理库"),
        "本站收录从政府与新闻网站抓取的中文文献，经过清理、去重、提取元数据后，"
        "以简体与繁体两种字体发布。同一篇文章的转载（其他网站、其他字体或编码、部分转载）"
        "合并为一页，并注明也发布于何处。\n\n",
        f"共收到 {len(all_docs)} 个文件：{summary}。{_spread(live)}"
        f"详见{md.link('构建报告', 'report.md')}。\n\n",
        md.heading(2, "最新文档"),
        md.bullet([listed[d.id] for d in _newest_first(live)[:newest]]),
        _pictures(live),
        md.heading(2, "浏览"),
        md.bullet([md.link("按地区", "regions.md"), md.link("按年份", "years.md"),
                   md.link("按来源", "sources.md"), md.link("按关键词", KEYWORDS_PAGE),
                   md.link("引用的政策文件", "policies.md")]),
    ])


def _spread(live: list[Listing]) -> str:
    """已发布文档 spans N 个来源, M 个城市, years a–b."""
    sources = {d.source for d in live if d.source}
    places = {d.region.label() for d in live if d.region.province}
    years = sorted(d.date[:4] for d in live if d.date)
    span = f"，{years[0]}—{years[-1]} 年" if years else ""
    return f"已发布的文档来自 {len(sources)} 个来源，涉及 {len(places)} 个地区{span}。"


def _pictures(live: list[Listing]) -> str:
    years = Counter(d.date[:4] for d in live if d.date)
    regions = Counter(" ".join(d.region.parts()[:2]) or "地区不详" for d in live)
    sources = Counter(d.source or UNKNOWN_SOURCE for d in live)
    parts = [md.heading(2, "按年份")]
    if years:
        parts.append(charts.timeline(years, "每年的文档数"))
        parts.append("　".join(_year_link(y, n) for y, n in sorted(years.items())) + "\n\n")
    else:
        parts.append("暂无带日期的文档。\n\n")
    parts += [md.heading(2, "按地区"), charts.bars(_top(regions), "各地区（省、市）的文档数"),
              md.heading(2, "按来源"), charts.bars(_top(sources), "各来源的文档数")]
    return "".join(parts)


def _year_link(year: str, count: int) -> str:
    return f"{md.link(year, 'years.md#' + md.anchor('y', year))}（{count}）"


def _top(counts: Counter[str]) -> list[tuple[str, int]]:
    """The biggest groups (ties by name), the rest summed as 其他."""
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    rest = sum(n for _, n in ranked[CHART_ROWS:])
    return ranked[:CHART_ROWS] + ([("其他", rest)] if rest else [])


def listed_words(doc: Document) -> list[str]:
    """The words the index pages list `doc` by, which they order by pinyin."""
    return [*doc.meta.keywords, *filter(None, [doc.meta.source]), *doc.meta.region.parts()]


def regions_page(live: list[Listing], listed: Entries, readings: Readings) -> str:
    tree: dict[str, dict[str, dict[str, list[Listing]]]] = defaultdict(
        lambda: defaultdict(lambda: defaultdict(list))
    )
    for doc in live:
        r = doc.region
        if r.province:
            tree[r.province][r.city][r.district].append(doc)
    parts = [md.front_matter({"title": "按地区"}), md.heading(1, "按地区"),
             "按文档所涉及的地区（省、市、区县）归类。\n\n"]
    def by_reading(names: Iterable[str]) -> list[str]:
        return sorted(names, key=lambda name: (readings.get(name, ""), name))  # "" (no city) first
    for province in by_reading(tree):
        parts.append(md.heading(2, province, region_anchor([province])))
        for city in by_reading(tree[province]):
            if city:
                parts.append(md.heading(3, city, region_anchor([province, city])))
            for district in by_reading(tree[province][city]):
                path = [p for p in (province, city, district) if p]
                if district:
                    parts.append(md.heading(4, district, region_anchor(path)))
                parts.append(md.bullet([listed[d.id] for d in _newest_first(tree[province][city][district])]))
    return "".join(parts)


def years_page(live: list[Listing], listed: Entries) -> str:
    groups: dict[str, list[Listing]] = defaultdict(list)
    for doc in live:
        groups[doc.date[:4] if doc.date else "日期不详"].append(doc)
    return _grouped_page("按年份", "按发布日期的年份归类。", groups, lambda y: md.anchor("y", y), listed)


def sources_page(live: list[Listing], listed: Entries, readings: Readings) -> str:
    """Sources in pinyin order, those of no known source last."""
    groups: dict[str, list[Listing]] = defaultdict(list)
    for doc in live:
        groups[doc.source or UNKNOWN_SOURCE].append(doc)
    def order(name: str) -> tuple[bool, str, str]:
        return name == UNKNOWN_SOURCE, readings.get(name, ""), name
    return _grouped_page("按来源", "按发布机构或来源网站归类，按拼音排列。", groups,
                         lambda s: md.anchor("s", s), listed, order)


def keywords_pages(live: list[Listing], readings: Readings) -> dict[str, str]:
    """The keyword index: KEYWORDS_PAGE names each letter's most used keywords,
    and each letter's page lists all of its keywords in pinyin order, each with
    its documents (a page per letter: see `collation`)."""
    groups: dict[str, list[Listing]] = defaultdict(list)
    for doc in live:
        for keyword in doc.keywords:
            groups[keyword].append(doc)
    letters: dict[str, list[str]] = defaultdict(list)
    for keyword in sorted(groups, key=lambda k: (readings[k], k)):
        letters[collation.initial(readings[keyword])].append(keyword)
    listed = entries(live, "../")
    back = f"{md.link('按关键词', '../' + KEYWORDS_PAGE)}：按拼音排列。"
    pages = {KEYWORDS_PAGE: _keywords_overview(letters, groups)}
    for letter in sorted(letters):
        pages[keyword_page(letter)] = _grouped_page(
            f"按关键词：{collation.label(letter)}", back, {k: groups[k] for k in letters[letter]},
            lambda k: md.anchor("k", k), listed, lambda k: (readings[k], k))
    return pages


def _keywords_overview(letters: dict[str, list[str]], groups: dict[str, list[Listing]]) -> str:
    bar = "　".join(md.link(collation.label(letter), keyword_page(letter)) for letter in sorted(letters))
    parts = [md.front_matter({"title": "按关键词"}), md.heading(1, "按关键词"),
             "关键词按 TF-IDF（逆文档频率以本库文档计算）从正文中提取，按拼音首字母分页。\n\n", bar + "\n\n"]
    for letter in sorted(letters):
        page, words = keyword_page(letter), letters[letter]
        used = sorted(words, key=lambda k: -len(groups[k]))[:TOP_KEYWORDS]  # stable: ties in pinyin order
        links = [f"{md.link(k, page + '#' + md.anchor('k', k))}（{len(groups[k])}）" for k in used]
        parts += [md.heading(2, collation.label(letter), md.anchor("l", letter)),
                  f"{'、'.join(links)}　{md.link(f'全部 {len(words)} 个关键词', page)}\n\n"]
    return "".join(parts)


def policies_page(live: list[Listing], listed: Entries) -> str:
    """Every cited policy, with its citers and, when the cited document is itself
    in the corpus, a link to it. A policy's 《title》 and its number are one entry
    when a citer gives them together or the corpus's copy of it has both."""
    in_corpus = cited_in_corpus((d.id, d.title, d.doc_number) for d in live)
    citing: dict[str, list[Listing]] = defaultdict(list)
    for doc in live:
        for name in _cited_names(doc):
            citing[name].append(doc)
    policies = _same_policies(live, list(citing), in_corpus)
    parts = [md.front_matter({"title": "引用的政策文件"}), md.heading(1, "引用的政策文件"),
             "文档中引用的文件名称（《…》）与文号（〔年份〕…号），以及引用它们的文档；"
             "被引用的文件本身也在本库中时，附上它的链接。\n\n"]
    for label, names in (("文件名称", [p for p in policies if p[0].startswith("《")]),
                         ("文号", [p for p in policies if not p[0].startswith("《")])):
        parts.append(md.heading(2, f"{label}（{len(names)}）", md.anchor("p", label)))
        for first, *others in names:
            # every name keeps its anchor: a document's page links the names it cites
            parts += [f'<div id="{md.anchor("p", name)}"></div>\n\n' for name in others]
            parts.append(md.heading(3, _policy_label([first, *others]), md.anchor("p", first)))
            own = in_corpus.get(policy_key(first))
            if own:
                parts.append(f"本库收录：{listed[own]}\n\n")
            citers = {d.id: d for name in (first, *others) for d in citing[name]}
            parts.append(md.bullet([listed[d.id] for d in _newest_first(citers.values())]))
    return "".join(parts)


def _cited_names(doc: Listing) -> list[str]:
    return [f"《{t}》" for t in doc.cited_titles] + doc.cited_numbers


def _same_policies(live: list[Listing], names: list[str], in_corpus: dict[str, str]) -> list[list[str]]:
    """The cited names grouped by the policy they name, each group titles first,
    in order: a citer's 《title》（number）, and the names of one document of the corpus."""
    group = {name: [name] for name in names}

    def join(a: str, b: str) -> None:
        if group[a] is not group[b]:
            merged = group[a] + group[b]
            for name in merged:
                group[name] = merged
    for doc in live:
        for title, number in doc.cited_pairs.items():  # both cited (`metadata.describe`)
            join(f"《{title}》", number)
    by_document: dict[str, str] = {}
    for name in names:
        if (own := in_corpus.get(policy_key(name))) is not None:
            join(by_document.setdefault(own, name), name)
    unique = {id(g): g for g in group.values()}.values()
    return sorted(sorted(g, key=lambda n: (not n.startswith("《"), n)) for g in unique)


def _policy_label(names: list[str]) -> str:
    """《甲方案》（粤办函〔2016〕517号）: the titles, then the numbers in brackets."""
    titles = [n for n in names if n.startswith("《")]
    numbers = [n for n in names if not n.startswith("《")]
    if titles and numbers:
        return "".join(titles) + f"（{'、'.join(numbers)}）"
    return "".join(titles) or "、".join(numbers)


def report_pages(all_docs: list[Listing], rows: int = REPORT_ROWS) -> dict[str, str]:
    """Where every input file went, by path: report.md, and with more than `rows`
    files a part of `rows` files each under report/ (a change to one file's row
    renders one part again, not a 10k-row page: ~5 s per script for MkDocs)."""
    counts = Counter(d.status for d in all_docs)
    ordered = sorted(all_docs, key=lambda d: d.seed_path)
    parts = [ordered[start:start + rows] for start in range(0, len(ordered), rows)]
    summary = "，".join(f"{STATUS_NAMES[s]}：{counts[s]}" for s in STATUS_NAMES) + "。\n\n"
    head = [md.front_matter({"title": "构建报告"}), md.heading(1, "构建报告"), summary]
    if len(parts) <= 1:
        return {REPORT_PAGE: "".join([*head, _report_table(ordered, "")])}
    listed = md.bullet([md.link(_files_span(part), _part_path(n)) for n, part in enumerate(parts, 1)])
    pages = {REPORT_PAGE: "".join([*head, listed])}
    for number, part in enumerate(parts, 1):
        title = f"构建报告（第 {number} 部分）"  # not "of N": adding files would retitle every part
        pages[_part_path(number)] = "".join([
            md.front_matter({"title": title}), md.heading(1, title),
            f"{md.link('构建报告', '../' + REPORT_PAGE)}：{md.text(_files_span(part))}。\n\n",
            _report_table(part, "../"),
        ])
    return pages


def _part_path(number: int) -> str:
    return f"{REPORT_PAGE.removesuffix('.md')}/{number}.md"


def _files_span(part: list[Listing]) -> str:
    return f"{part[0].seed_path} — {part[-1].seed_path}（{len(part)} 个文件）"


def _report_table(docs: list[Listing], up: str) -> str:
    """A row per file; `up` leads from the page's folder to the site's root."""
    rows = []
    for doc in docs:
        target = doc.duplicate_of if doc.status == DUPLICATE else doc.id
        page = md.link(doc.title or doc.id, f"{up}{DOC_DIR}/{target}.md") if doc.status != REJECTED else "—"
        status = STATUS_NAMES[doc.status]
        rows.append(f"| {md.text(doc.seed_path)} | {status} | {page} | {md.text(doc.reason)} |")
    return "| 文件 | 状态 | 页面 | 原因 |\n| --- | --- | --- | --- |\n" + "\n".join(rows) + "\n"
