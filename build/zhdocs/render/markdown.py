"""Markdown that keeps scraped text inert.

Everything that comes from a seed passes through `text()` (or `front_matter()`)
before it reaches a page: HTML is entity-escaped and every Markdown syntax
character is backslash-escaped, so `<script>`, `[x](javascript:…)`, `# `,
`1. `, `> `, `---` and `{{ }}` are shown literally and never change structure.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Iterator

import yaml

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>])")
# Python-Markdown ends lines at \r too, and uses \x02 \x03 as its own placeholders;
# YAML ends lines at \x85, \u2028, \u2029. None of them may reach a page from a seed.
# a line end with the spaces around it, from the first of them (each branch opens with the
# character it needs, so the engine skips to it): from every space of a long run, quadratic
_NEWLINES = re.compile(r"\s(?<!\s\s)(?:(?<=[\r\n\x85\u2028\u2029])|\s*[\r\n\x85\u2028\u2029])\s*")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_PYTHON_ONLY = re.compile("[\x85\ud800-\udfff\U00010000-\U0010ffff]")  # where libyaml writes otherwise
_C_DUMPER = getattr(yaml, "CSafeDumper", None)  # None when PyYAML was built without libyaml
_SAFE_URL = re.compile(r"^https?://[A-Za-z0-9.\-]+(:\d+)?(/[A-Za-z0-9._~%!$&'*+,;=:@/?#\-]*)?$")


def text(value: str) -> str:
    """Inline Markdown that renders exactly as `value` reads."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(_flat(value), quote=False))


def attribute(value: str) -> str:
    """For values templates print into HTML unescaped (page titles, descriptions)."""
    return html.escape(_flat(value), quote=True)


def _flat(value: str) -> str:
    """One line, no control characters (stripped last: `\x1b\t0` must not start with a tab)."""
    return _CONTROL.sub("", _NEWLINES.sub(" ", value)).strip()


def front_matter(fields: dict[str, object]) -> str:
    """YAML through PyYAML's libyaml emitter (5x faster: the pure-Python one was 70%
    of rendering a page) where it writes what the Python emitter writes: it
    escapes characters beyond U+FFFF and \x85 otherwise and cannot encode a lone
    surrogate, so such fields go through the Python one (tests/test_render.py)."""
    fast = _C_DUMPER is not None and not any(_PYTHON_ONLY.search(s) for s in _strings(fields))
    dumper = _C_DUMPER if fast else yaml.SafeDumper
    dumped = yaml.dump(fields, Dumper=dumper, allow_unicode=True, sort_keys=False, width=1_000_000)
    return f"---\n{dumped}---\n\n"


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def link(label: str, target: str) -> str:
    """A link to one of our own pages; `target` is generated, never scraped."""
    return f"[{text(label)}]({target})"


def external_link(label: str, url: str) -> str:
    """A link to a scraped URL, only when it is a plain http(s) address."""
    if not _SAFE_URL.match(url) or ")" in url:
        return text(url)
    return f"[{text(label)}](<{url}>)"


def anchor(prefix: str, value: str) -> str:
    """A stable ASCII id for an index heading, the same in both scripts."""
    return f"{prefix}-{hashlib.sha1(value.encode('utf-8')).hexdigest()[:10]}"


def heading(level: int, value: str, ident: str = "") -> str:
    suffix = f" {{#{ident}}}" if ident else ""
    return f"{'#' * level} {text(value)}{suffix}\n\n"


def bullet(items: list[str]) -> str:
    return "".join(f"- {item}\n" for item in items) + "\n" if items else ""
