#!/usr/bin/env python3
"""Fuzz the pipeline: generated inputs through read → clean → dedup → metadata → link →
render → write, in batches. Nothing may raise, every input must end in one of the three
states, and no rendered page may carry live markup. Prints the count.

    .venv/bin/python scripts/fuzz.py [--count 10000] [--batch 100] [--seed 0]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import markdown
from mkdocs.utils.meta import get_data

from zhdocs.config import Config
from zhdocs.model import DUPLICATE, PUBLISHED, REJECTED, Document
from zhdocs.pipeline import STEPS
from zhdocs.read import read_bytes
from zhdocs.render import render
from zhdocs.report import corpus_json, summary_lines
from zhdocs.write import write_site

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = [
    "<script>alert(1)</script>", '<img src=x onerror="alert(1)">', "<iframe src=//x>",
    "[a](javascript:alert(1))", "![b](data:text/html;base64,PHNjcmlwdD4=)", "<javascript:x>",
    "---", "title: x", "{{ config }}", "{% raw %}", "# ", "> ", "1. ", "* ", "| a | b |", "`",
    '" onmouseover="x', "&lt;script&gt;", "\\", "<!--", "<div>", "</p>", "*[x]: y", "[^1]",
]
ALPHABETS = [
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年",
    "關於質量臺灣與標準體系國際經濟發展",
    "。，、；：？！“”‘’（）《》〔〕【】—…·",
    "abcXYZ0123456789 .,;:?!()[]{}<>#*_`|>-+=~&\"'/\\%$@^",
    "\t\n\r\x00\x07\x0b\x0c\x1b\x7f\x85\u00a0\u2028\u2029\u200b\ufeff\ufffd",
    "ā á ǎ à ō é ǐ ù ü (zhì)(liàng)",
    "😀🀄𠀀𪚥",
]
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "gb18030", "gbk", "big5"]
CHART_CLASS = "zhdocs-chart"
DANGEROUS = {"script", "iframe", "img", "object", "embed", "form", "base", "svg", "style"}


def random_text(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(0, 40)):
        if rng.random() < 0.2:
            parts.append(rng.choice(HOSTILE))
        else:
            alphabet = rng.choice(ALPHABETS)
            parts.append("".join(rng.choice(alphabet) for _ in range(rng.randint(1, 30))))
        parts.append(rng.choice(["", "", " ", "\n", "\r\n", "\n\n"]))
    return "".join(parts)


def mutate(data: bytes, rng: random.Random) -> bytes:
    buf = bytearray(data)
    for _ in range(rng.randint(1, 20)):
        at = rng.randrange(len(buf) + 1)
        choice = rng.random()
        if choice < 0.4 and buf:
            buf[min(at, len(buf) - 1)] = rng.randrange(256)
        elif choice < 0.7:
            buf[at:at] = rng.choice(HOSTILE).encode()
        else:
            del buf[at:at + rng.randint(1, 50)]
    return bytes(buf[: rng.randint(0, len(buf))] if rng.random() < 0.2 else buf)


def generate(rng: random.Random, seeds: list[bytes]) -> bytes:
    kind = rng.random()
    if kind < 0.2:
        return rng.randbytes(rng.randint(0, 3000))
    if kind < 0.55:
        return random_text(rng).encode(rng.choice(ENCODINGS), errors="ignore")
    if kind < 0.9 and seeds:  # an excerpt of a real seed (cut anywhere, even mid-character)
        seed = rng.choice(seeds)
        start = rng.randrange(len(seed))
        return mutate(seed[start:start + rng.randint(0, 3000)], rng)
    return rng.choice(HOSTILE).encode() * rng.randint(1, 200)


class LiveMarkup(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self.in_chart = False  # right inside render/charts.py's <figure class="zhdocs-chart">

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        ours = tag == "svg" and self.in_chart  # a chart drawn by zhdocs, labels escaped
        self.in_chart = tag == "figure" and ("class", CHART_CLASS) in attrs
        if tag in DANGEROUS and not ours:
            self.found.append(tag)
        for name, value in attrs:
            script_url = (value or "").strip().lower().startswith(("javascript:", "data:", "vbscript:"))
            if name.startswith("on") or script_url:
                self.found.append(f"{tag} {name}={value}")


def check_pages(pages: dict[str, dict[str, str]]) -> None:
    for locale, files in pages.items():
        for path, text in files.items():
            body, meta = get_data(text)  # MkDocs' own front-matter split
            if not meta:
                raise AssertionError(f"front matter lost in {locale}/{path}")
            html = markdown.markdown(body, extensions=["attr_list", "tables", "toc"])
            scan = LiveMarkup()
            scan.feed(html)
            if scan.found:
                raise AssertionError(f"live markup in {locale}/{path}: {scan.found[:3]}")


def run_batch(batch: list[bytes], first: int, config: Config) -> list[Document]:
    docs = [read_bytes(Document(id=f"f{first + i:06d}", seed_path=f"f{first + i:06d}.txt"), data)
            for i, data in enumerate(batch)]
    assert STEPS[0][0] == "read", "the pipeline's first stage is expected to be read"
    for _name, per_doc, corpus in STEPS[1:]:
        docs = [per_doc(d, config) for d in docs] if per_doc else corpus(docs, config) if corpus else docs
    pages = render(docs, config)
    write_site(pages, corpus_json(docs), config)
    summary_lines(docs)
    check_pages(pages)
    assert len(docs) == len(batch) and all(d.status in (PUBLISHED, DUPLICATE, REJECTED) for d in docs)
    assert all(d.reason for d in docs if d.status == REJECTED)
    return docs


def fuzz(count: int, batch_size: int, seed: int) -> Counter[str]:
    rng = random.Random(seed)
    seeds = [p.read_bytes() for p in sorted((ROOT / "seeds").glob("*.txt"))]
    statuses: Counter[str] = Counter()
    with tempfile.TemporaryDirectory() as tmp:
        config = Config(seeds_dir=Path(tmp) / "seeds", docs_dir=Path(tmp) / "docs")
        for first in range(0, count, batch_size):
            batch = [generate(rng, seeds) for _ in range(min(batch_size, count - first))]
            statuses.update(d.status for d in run_batch(batch, first, config))
    return statuses


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    start = time.monotonic()
    statuses = fuzz(args.count, args.batch, args.seed)
    seconds = time.monotonic() - start
    print(f"fuzz: {sum(statuses.values())} generated inputs through the pipeline, nothing raised "
          f"({dict(sorted(statuses.items()))}) in {seconds:.1f} s, seed {args.seed}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
