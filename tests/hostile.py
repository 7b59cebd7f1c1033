"""A hostile seed corpus, built by the tests themselves: one named case per kind of bad input.

Each case says what must happen to its file: `published` (and the given text is
shown literally, never as markup), `duplicate` (merged into another case) or
`rejected` (with the given reason).
"""

from __future__ import annotations

import os
import random
from dataclasses import dataclass
from pathlib import Path

from zhdocs.scripts import to_traditional

# Common Han characters: a filler that makes every case's body its own article.
_HAN = ("的一是在不了有和人这中大上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过"
        "子说产种面而方后多定行学法所民得经十三之进等部度家电力如水化高自二理起小物现实加量都两体"
        "制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内")
MAX_SEED_MB = 0.01  # the hostile site's size limit (mkdocs.yml `max_seed_mb`), about 10 kB


@dataclass(frozen=True)
class Case:
    name: str
    seed: str  # path below seeds/
    data: bytes
    outcome: str  # published | duplicate | rejected
    expect: str = ""  # published: text shown literally on its page; rejected: reason prefix
    on_disk: bytes = b""  # the file's name on disk, when it is not UTF-8 (then `seed` is as listed)


def article(name: str, title: str, *lines: str) -> str:
    """A plausible article whose body no other case shares (so nothing merges by accident)."""
    rng = random.Random(name)
    filler = ["".join(rng.choice(_HAN) for _ in range(60)) + "。" for _ in range(3)]
    return "\n".join([title, "来源：测试网站", "发布时间：2016-05-04", *lines, *filler]) + "\n"


def utf8(name: str, title: str, *lines: str) -> bytes:
    return article(name, title, *lines).encode("utf-8")


def _markup(name: str, hostile: str, shown: str = "") -> Case:
    """Hostile text as title, as a paragraph, and as metadata values; `shown`:
    the text as read, when that differs (HTML entities are decoded)."""
    body = f"正文 {hostile} 结束，这一段文字来自不可信的网页抓取结果，必须原样显示。"  # summary-long
    text = utf8(name, f"标题 {hostile}", body, f"作者：{hostile}")
    return Case(name, f"{name}.txt", text, "published", shown or hostile)


LIST_ITEMS = ["1.加强<b>组织</b>领导；", "2.落实{: onclick=alert(11) }责任；", "3.强化督查。"]
TABLE_ROWS = ["序号\t名称\t结果", "1\t<b>粗|竖线</b>\t合格", "2\t[链接](javascript:alert(12))\t不合格"]
_BROKEN_UTF8 = utf8("invalid-utf8", "无效字节 broken-bytes-ok").replace("。".encode(), b"\xe3\x80", 1)
_UTF16_SURROGATES = b"\xff\xfe" + b"\x00\xd8" * 400  # lone surrogates: nothing decodes

CASES: list[Case] = [
    # Encodings: decoded, published, the marker visible.
    Case("utf-8", "utf-8.txt", utf8("utf-8", "编码 utf8-ok"), "published", "utf8-ok"),
    Case("utf-8 BOM", "utf-8-bom.txt", b"\xef\xbb\xbf" + utf8("bom", "编码 utf8-bom-ok"),
         "published", "utf8-bom-ok"),
    Case("utf-16 LE BOM", "utf-16-le.txt", b"\xff\xfe" + article("le", "编码 le-ok").encode("utf-16-le"),
         "published", "le-ok"),
    Case("utf-16 BE BOM", "utf-16-be.txt", b"\xfe\xff" + article("be", "编码 be-ok").encode("utf-16-be"),
         "published", "be-ok"),
    Case("gb18030", "gb18030.txt", article("gb", "编码 gb-ok").encode("gb18030"), "published", "gb-ok"),
    Case("big5", "big5.txt", to_traditional(article("big5", "编码 big5-ok")).encode("big5"),
         "published", "big5-ok"),
    Case("CRLF", "crlf.txt", utf8("crlf", "换行 crlf-ok").replace(b"\n", b"\r\n"), "published", "crlf-ok"),
    Case("CR", "cr.txt", utf8("cr", "换行 cr-ok").replace(b"\n", b"\r"), "published", "cr-ok"),
    Case("NUL bytes", "nul.txt", utf8("nul", "空字节 nul-ok").replace("。".encode(), "。\x00".encode()),
         "published", "nul-ok"),
    Case("control characters", "control.txt", utf8("control", "控制 ctl\x07\x1b-ok"), "published", "ctl-ok"),
    Case("invalid byte sequence", "invalid.txt", _BROKEN_UTF8, "published", "broken-bytes-ok"),
    Case("partial copy of the utf-8 case, in GBK", "utf-8-gbk-copy.txt",
         article("utf-8", "编码 utf8-ok").rsplit("\n", 2)[0].encode("gbk"), "duplicate"),
    # Inputs that cannot become a page: rejected with a reason a person understands.
    Case("empty", "empty.txt", b"", "rejected", "empty"),
    Case("whitespace only", "blank.txt", b" \r\n\t\n", "rejected", "empty"),
    Case("PNG", "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(300), "rejected",
         "not text (binary)"),
    Case("ELF", "program", b"\x7fELF\x02\x01\x01" + bytes(9) + random.Random(1).randbytes(600),
         "rejected", "not text (binary)"),
    Case("zip", "archive.zip", b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + random.Random(2).randbytes(600),
         "rejected", "not text (binary)"),
    Case("undecodable", "surrogates.txt", _UTF16_SURROGATES, "rejected", "undecodable"),
    Case("too large", "huge.txt", utf8("huge", "很大") * 40, "rejected", "too large ("),
    # Scraped markup and syntax: shown literally in title, body and metadata.
    _markup("script", "<script>alert(1)</script>"),
    _markup("img-onerror", '<img src=x onerror="alert(2)">'),
    _markup("iframe", '<iframe src="https://evil.example/"></iframe>'),
    _markup("event-attribute-breakout", '" onmouseover="alert(3)" x="'),
    _markup("md-link-javascript", "[点我](javascript:alert(4))"),
    _markup("md-image-data-url", "![图](data:text/html;base64,PHNjcmlwdD4=)"),
    _markup("autolink-javascript", "<javascript:alert(5)>"),
    _markup("jinja", "{{ config.site_name }} {% include 'x' %}"),
    _markup("markdown-syntax", "*星* _下_ `反引号` | 竖线 | [方括号] #井号"),
    _markup("html-entity", "&lt;script&gt; &amp; &#106;avascript:", "<script> & javascript:"),
    Case("raw HTML block", "raw-html.txt",
         utf8("raw", "原始 raw-html-ok", "<div onclick=\"alert(6)\">", "<b>粗体</b>", "</div>"),
         "published", '<div onclick="alert(6)">'),
    Case("front-matter injection", "front-matter.txt",
         b"---\ntitle: injected\nredirect: javascript:alert(7)\n---\n" + utf8("fm", "头部 fm-ok"),
         "published", "redirect: javascript:alert(7)"),
    Case("leading block syntax", "block-syntax.txt",
         utf8("block", "块 block-ok", "# 不是标题", "> 不是引用", "1. 不是列表", "- 不是列表项",
              "    不是代码块", "| a | b |", "| --- | --- |"),
         "published", "# 不是标题"),
    # Items of a list (1.…； 2.…；), a page's one place for attribute lists ({: .class }): text.
    Case("list items", "list-items.txt", utf8("items", "列表 items-ok", *LIST_ITEMS), "published",
         LIST_ITEMS[1]),
    # A table (cells parted by tabs), markup and pipes in its cells: text.
    Case("table cells", "table.txt", utf8("table", "表格 table-ok", *TABLE_ROWS), "published", "粗|竖线"),
    Case("source URL javascript", "source-url.txt",
         utf8("url", "链接 url-ok", "原文链接：javascript:alert(8)", "来源：javascript:alert(9)"),
         "published", "url-ok"),
    # File names: spaces, Chinese, shell-special characters, long, case-only differences, folders.
    Case("name with spaces", "name with  spaces.txt", utf8("spaces", "空格 spaces-ok"), "published",
         "spaces-ok"),
    Case("Chinese name", "中文文件名.txt", utf8("chinese", "中文名 cn-ok"), "published", "cn-ok"),
    Case("shell-special name", "$(rm -rf ~); `x` & 'y' | \"z\" *?.txt", utf8("shell", "壳 shell-ok"),
         "published", "shell-ok"),
    Case("very long name", "长" * 60 + "a" * 60 + ".txt", utf8("long", "长名 long-ok"), "published",
         "long-ok"),
    Case("upper-case name", "Case.txt", utf8("Case", "大写 upper-ok"), "published", "upper-ok"),
    Case("lower-case name", "case.txt", utf8("case", "小写 lower-ok"), "published", "lower-ok"),
    # MkDocs publishes doc/index.md as doc/ itself: the page would not be where links point
    Case("a folder page's name", "index.txt", utf8("index", "首页名 index-ok"), "published", "index-ok"),
    Case("subfolder", "sub/folder/深层 文件.txt", utf8("sub", "子目录 sub-ok"), "published", "sub-ok"),
    Case("markup in name", "<img src=x onerror=alert(10)>.txt", utf8("name-markup", "名 name-ok"),
         "published", "name-ok"),
    Case("GBK name", r"\xb9\xa4\xd7\xf7.txt", utf8("gbk-name", "名 gbk-name"), "rejected",
         "file name is not UTF-8 (in GB18030 it reads 工作.txt)", on_disk="工作.txt".encode("gbk")),
    Case("name of no encoding", r"sub/\xff-\xfe.txt", utf8("bytes-name", "名 bytes-name"), "rejected",
         "file name is not UTF-8: rename", on_disk=b"sub/\xff-\xfe.txt"),
]
# Entries that are not plain files; write_seeds makes them (their `data` is unused).
SPECIAL = [
    Case("symlink outside seeds", "outside.txt", b"", "rejected", "symlink pointing outside seeds/"),
    Case("symlinked folder outside seeds", "outside-folder", b"", "rejected",
         "symlink pointing outside seeds/"),
    Case("dangling symlink", "dangling.txt", b"", "rejected", "broken symlink (target missing)"),
    Case("symlink loop (a)", "loop-a.txt", b"", "rejected", "broken symlink (loop)"),
    Case("symlink loop (b)", "loop-b.txt", b"", "rejected", "broken symlink (loop)"),
    Case("named pipe", "pipe.txt", b"", "rejected", "not a regular file"),
    Case("symlink to another seed", "zz-alias.txt", b"", "duplicate"),
]
ALL_CASES = [*CASES, *SPECIAL]


def write_seeds(project: Path) -> None:
    """The hostile seeds/, and outside it a folder with a secret the symlinks point at."""
    seeds = project / "seeds"
    for case in CASES:
        path = seeds / (os.fsdecode(case.on_disk) if case.on_disk else case.seed)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(case.data)
    outside = project / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_bytes(utf8("secret", "秘密 secret-leaked"))
    (seeds / "outside.txt").symlink_to(outside / "secret.txt")
    (seeds / "outside-folder").symlink_to(outside, target_is_directory=True)
    (seeds / "dangling.txt").symlink_to(seeds / "missing.txt")
    (seeds / "loop-a.txt").symlink_to(seeds / "loop-b.txt")
    (seeds / "loop-b.txt").symlink_to(seeds / "loop-a.txt")
    os.mkfifo(seeds / "pipe.txt")
    (seeds / "zz-alias.txt").symlink_to("cr.txt")  # relative, inside seeds/: read, then merged
