"""Synthesise a corpus of N scraped documents from the seeds, deterministically.

    python benchmarks/synth.py N OUTDIR [--seeds seeds] [--rng 1]

Most documents are new compositions (sentences of the seeds mixed, places and
numbers changed, new titles and dates), so that dedup, linking and rendering
see a realistic corpus rather than five articles repeated. The rest copy an
earlier document the way scrapes do: reposts with other site chrome, partial
copies, shuffled and edited paragraphs. On top, independently: script flips
(s2t), converter pinyin (`質(zhì)`), a body pasted twice, and GBK / Big5 / UTF-16
encodings. Same N, seeds and --rng → byte-identical files.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from opencc import OpenCC
from pypinyin import Style, pinyin

_PINYIN = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüń]+ ?\)")
_SENTENCE = re.compile(r"[^。！？；!?;]+[。！？；!?;]?")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_DIGITS = re.compile(r"\d+")
CITIES = ("广州", "深圳", "东莞", "佛山", "汕尾", "温州", "杭州", "宁波", "苏州", "无锡",
          "南京", "合肥", "福州", "厦门", "长沙", "武汉", "成都", "重庆", "昆明", "贵阳",
          "南宁", "海口", "济南", "青岛", "郑州", "太原", "石家庄", "沈阳", "长春", "哈尔滨")
TOPICS = ("质量强市", "标准化", "计量监督", "特种设备安全", "品牌建设", "食品安全", "产品质量抽查",
          "检验检测", "质量诚信体系", "知识产权保护", "营商环境", "外贸出口", "质量提升行动")
FORMS = ("{c}市人民政府关于{t}工作的通知", "{c}市质监局推进{t}工作取得新成效",
         "关于印发{c}市{t}{y}年度行动计划的通知", "{c}召开{t}工作会议", "{c}：以{t}推动高质量发展",
         "{c}市{t}工作情况通报（{y}年第{n}期）")
SITES = ("{c}市人民政府门户网站", "{c}质量技术监督局", "中国质量新闻网", "{c}日报", "{c}市政务服务网")


@dataclass
class Synth:
    """The material every document is made from, and the converters."""

    sentences: list[str]
    s2t: OpenCC
    s2tw: OpenCC  # Taiwan forms (為 群 眾), which Big5 can encode


def load_material(seeds: Path) -> Synth:
    """Clean-enough Simplified sentences from the seeds (pinyin, chrome, mojibake out)."""
    t2s = OpenCC("t2s")
    sentences: list[str] = []
    for path in sorted(p for p in seeds.rglob("*") if p.is_file()):
        text = t2s.convert(_PINYIN.sub("", path.read_text("utf-8", errors="replace")))
        for line in text.splitlines():
            line = line.strip()
            if len(line) < 20 or "?" in line or "\ufffd" in line or len(_HAN.findall(line)) < 0.6 * len(line):
                continue
            sentences += [s.strip() for s in _SENTENCE.findall(line) if 8 <= len(s.strip()) <= 160]
    return Synth(sorted(set(sentences)), OpenCC("s2t"), OpenCC("s2tw"))


def compose(rng: random.Random, m: Synth) -> tuple[str, list[str]]:
    """A new article: title and paragraphs of mixed, edited sentences."""
    city, topic, year = rng.choice(CITIES), rng.choice(TOPICS), rng.randint(2005, 2020)
    title = rng.choice(FORMS).format(c=city, t=topic, y=year, n=rng.randint(1, 12))
    paras = []
    for _ in range(max(2, int(rng.lognormvariate(2.0, 0.6)))):
        sents = [_edit(rng, rng.choice(m.sentences), city) for _ in range(rng.randint(1, 5))]
        paras.append("".join(s if s[-1] in "。！？；!?;" else s + "。" for s in sents))
    return title, paras


def _edit(rng: random.Random, sentence: str, city: str) -> str:
    """Other places and numbers, so that no two compositions share long runs by chance."""
    for other in CITIES:
        sentence = sentence.replace(other, city)
    return _DIGITS.sub(lambda d: str(rng.randint(1, 10 ** len(d.group())) - 1), sentence)


def derive(rng: random.Random, title: str, paras: list[str]) -> tuple[str, str, list[str]]:
    """A copy of an earlier article, the way another site reposts it."""
    kind = rng.choice(("repost", "repost", "partial", "shuffled"))
    if kind == "partial" and len(paras) > 3:
        paras = paras[: max(2, int(len(paras) * rng.uniform(0.6, 0.9)))]
    elif kind == "shuffled":
        paras = paras[:]
        rng.shuffle(paras)
        for i in rng.sample(range(len(paras)), k=min(2, len(paras))):
            paras[i] = paras[i][: len(paras[i]) // 2] + "。"
    if rng.random() < 0.5:
        title = rng.choice(("转载：", "【转】", "")) + title + rng.choice(("", "（全文）", "_新闻中心"))
    return kind, title, paras


def dress(rng: random.Random, title: str, paras: list[str]) -> str:
    """Site chrome around the article: header lines, a date, a footer."""
    site = rng.choice(SITES).format(c=rng.choice(CITIES))
    date = _date(rng)
    head = rng.choice(([site, title, f"  • {date}", f"  • 来源: {site}", "  • 【字体:    "],
                       [title, "", date, ""],
                       ["首页 > 新闻中心 > 工作动态", title, f"{date}  来源：{site}"]))
    foot = rng.choice(([], ["[打印本页]  [关闭窗口]"],
                       [f"资料来源:{site}", f"版权所有：{site}  ICP备{rng.randint(10**7, 10**8)}号"]))
    indent = rng.choice(("", "  ", "    "))
    return "\n".join(head + [indent + p for p in paras] + foot) + "\n"


def _date(rng: random.Random) -> str:
    y, mo, d = rng.randint(2005, 2020), rng.randint(1, 12), rng.randint(1, 28)
    hm = f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}"
    views = f"浏览次数:{rng.randint(1, 9999)}"
    return rng.choice((f"{y}-{mo:02d}-{d:02d} {hm}", f"{d:02d}.{mo:02d}.{y}  {hm}",
                       f"发布时间：{y}年{mo}月{d}日", f"日期:{y}-{mo:02d}-{d:02d} {views}"))


def damage(rng: random.Random, text: str, m: Synth) -> tuple[str, str]:
    """Script flips and converter pinyin; returns (text, label)."""
    roll = rng.random()
    if roll < 0.04:
        return m.s2tw.convert(text), "tw"
    if roll < 0.10:
        return m.s2t.convert(text), "hant"
    if roll < 0.18:
        return _pinyin_damage(text, m.s2t.convert(text)), "pinyin"
    if roll < 0.21:
        return text + text, "twice"
    return text, "hans"


def _pinyin_damage(simplified: str, traditional: str) -> str:
    """A converter's output: every character it changed followed by its reading."""
    if len(simplified) != len(traditional):  # a phrase conversion changed the length
        return traditional
    out = []
    for s, t in zip(simplified, traditional, strict=True):
        out.append(t if s == t else f"{t}({pinyin(s, style=Style.TONE)[0][0]})")
    return "".join(out)


def encode(rng: random.Random, text: str, script: str) -> tuple[bytes, str]:
    roll = rng.random()
    try:
        if roll < 0.05 and script == "hans":
            return text.encode("gbk"), "gbk"
        if roll < 0.5 and script == "tw":
            return text.encode("big5"), "big5"
    except UnicodeEncodeError:
        pass  # a character the legacy code page lacks: stays UTF-8
    if roll > 0.97:
        return text.encode("utf-16"), "utf16"
    return text.encode("utf-8"), "utf8"


def synthesise(n: int, out: Path, seeds: Path, seed: int = 1) -> list[Path]:
    material = load_material(seeds)
    rng = random.Random(seed)
    originals: list[tuple[str, list[str]]] = []
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        if originals and rng.random() < 0.25:
            kind, title, paras = derive(rng, *rng.choice(originals))
        else:
            kind, (title, paras) = "new", compose(rng, material)
            originals.append((title, paras))
        text, script = damage(rng, dress(rng, title, paras), material)
        data, enc = encode(rng, text, script)
        path = out / f"{i:05d}_{kind}_{script}_{enc}.txt"
        path.write_bytes(data)
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("n", type=int)
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--seeds", type=Path, default=Path(__file__).resolve().parent.parent / "seeds")
    parser.add_argument("--rng", type=int, default=1)
    args = parser.parse_args(argv)
    paths = synthesise(args.n, args.outdir, args.seeds, args.rng)
    size = sum(p.stat().st_size for p in paths)
    print(f"{len(paths)} documents, {size / 1e6:.1f} MB in {args.outdir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
