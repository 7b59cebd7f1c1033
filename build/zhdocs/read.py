"""Stage `read`: find the seed files and turn their bytes into text.

Never raises on bad input: a file that cannot become text is rejected with a
reason a person understands, and the build goes on.
"""

from __future__ import annotations

import hashlib
import html
import os
import re
import unicodedata
from collections import Counter
from pathlib import Path

import charset_normalizer

from .config import Config
from .model import Document

STAGE = "read"
TXT = ".txt"
FOLDER_PAGE = "index"  # the name MkDocs gives a folder's own page
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]")
# HTML character references a scraper copied from the page's source (&nbsp;, R&amp;D, &#8220;):
# only complete ones, with the semicolon (html.unescape alone also reads &copy2016 as ©2016)
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_ID_UNSAFE = re.compile(r"[^a-z0-9_-]+")
BINARY_CONTROL_SHARE = 0.05
MB = 1024 * 1024
MAX_REPLACEMENT_SHARE = 0.05  # more U+FFFD than this: the guess was wrong, reject


def discover(seeds_dir: Path) -> list[Document]:
    """Every seed (`seed_paths`), in a stable order."""
    relpaths = sorted(seed_paths(seeds_dir), key=lambda rel: rel.split("/"))  # by folder, then name
    return _unique_ids([_discovered(rel) for rel in relpaths])


def seed_paths(seeds_dir: Path) -> list[str]:
    """Every entry below `seeds_dir` that is not a folder, as POSIX paths below it;
    names that start with a dot (`.gitkeep`, `.git/`, an editor's swap file) are
    not seeds. Symlinked folders are not entered but listed, so `read` rejects them."""
    relpaths = []  # strings: pathlib per file cost 0.5 s at 10k
    root = str(seeds_dir)
    for folder, dirs, files in os.walk(root):  # never follows symlinks: no loops
        dirs[:] = [d for d in dirs if not is_hidden(d)]
        linked = [d for d in dirs if os.path.islink(os.path.join(folder, d))]
        below = os.path.relpath(folder, root).replace(os.sep, "/")
        prefix = "" if below == "." else below + "/"
        relpaths += [prefix + name for name in files + linked if not is_hidden(name)]
    return relpaths


def is_hidden(name: str) -> bool:
    """A file or folder name that is no seed, nor holds any."""
    return name.startswith(".")


def _discovered(relpath: str) -> Document:
    """A seed as found. A name that is not UTF-8 (a GBK archive unpacked as is) comes
    from os.walk with its bytes as lone surrogates, which no page, report or
    JSON can hold: it is listed by its bytes escaped, and rejected."""
    try:
        relpath.encode("utf-8")
    except UnicodeEncodeError:
        raw = os.fsencode(relpath)
        shown = raw.decode("utf-8", "backslashreplace")
        doc = Document(id=doc_id(shown), seed_path=shown)
        doc.reject(STAGE, f"file name is not UTF-8{_name_guess(raw)}: rename the file")
        return doc
    return Document(id=doc_id(relpath), seed_path=relpath)


def _name_guess(raw: bytes) -> str:
    """How the name reads in GB18030, when it decodes as that (the usual case)."""
    try:
        return f" (in GB18030 it reads {raw.decode('gb18030')})"
    except UnicodeDecodeError:
        return ""


def doc_id(relpath: str, digits: int = 8) -> str:
    """A URL-safe id from the seed's path alone.

    Only a top-level `.txt` file whose name is already a slug keeps its name;
    any other path (case, spaces, Chinese, folders, other or no extension, so
    `a.txt`, `a.md` and `a` differ) gets a hash of the full path, and so does
    `index.txt`: MkDocs would publish doc/index.md as doc/ itself, not doc/index/.
    """
    stem = relpath.removesuffix(TXT)
    slug = _ID_UNSAFE.sub("-", stem.lower()).strip("-")[:60]
    if slug == stem and relpath.endswith(TXT) and slug != FOLDER_PAGE:
        return slug
    digest = hashlib.sha1(relpath.encode("utf-8")).hexdigest()[:digits]
    return f"{slug}-{digest}" if slug else f"doc-{digest}"


def _unique_ids(docs: list[Document]) -> list[Document]:
    """A seed can only collide by being named like another's hashed id
    (`x-1a2b3c4d.txt`); then the hashed one takes the full hash."""
    counts = Counter(d.id for d in docs)
    for doc in docs:
        if counts[doc.id] > 1 and doc.id != doc.seed_path.removesuffix(TXT):
            doc.id = doc_id(doc.seed_path, digits=40)
    return docs


def read(doc: Document, config: Config) -> Document:
    if not doc.published:  # rejected when found (`discover`)
        return doc
    path = config.seeds_dir / doc.seed_path
    problem = _unreadable_reason(path, config)
    if problem:
        doc.reject(STAGE, problem)
        return doc
    try:
        data = path.read_bytes()
    except OSError as err:
        doc.reject(STAGE, f"cannot read file ({err.strerror})")
        return doc
    return read_bytes(doc, data)


def _unreadable_reason(path: Path, config: Config) -> str:
    seeds = config.seeds_dir.resolve()
    try:
        target = path.resolve()
    except (OSError, RuntimeError):  # RuntimeError: a symlink loop
        return "broken symlink (loop)"
    if not target.is_relative_to(seeds):
        return "symlink pointing outside seeds/"
    if path.is_symlink() and not target.exists():
        return "broken symlink (target missing)"
    if not target.is_file():
        return "not a regular file (folder, pipe or device)"
    size = target.stat().st_size
    if size > config.max_bytes:
        return f"too large ({size / MB:.3g} MB > {config.max_bytes / MB:.3g} MB limit)"
    return ""


def read_bytes(doc: Document, data: bytes) -> Document:
    """The `read` stage on bytes already in memory (tests, fuzzing, `zhdocs clean`)."""
    if not data.strip():
        doc.reject(STAGE, "empty")
        return doc
    text, encoding = decode(data)
    if encoding == "binary":
        doc.reject(STAGE, "not text (binary)")
        return doc
    text, entities = decode_entities(text)
    text = normalize_text(text)  # after: a reference may stand for a control character
    if not text.strip():
        doc.reject(STAGE, "empty")
        return doc
    if text.count("\ufffd") > MAX_REPLACEMENT_SHARE * len(text):
        doc.reject(STAGE, f"undecodable (best guess {encoding} leaves too many broken bytes)")
        return doc
    doc.raw, doc.encoding = text, encoding
    doc.note(STAGE, "encoding", encoding)
    if entities:
        doc.note(STAGE, "HTML entities decoded", str(entities))
    return doc


def decode_entities(text: str) -> tuple[str, int]:
    """Text with its HTML character references as the characters they stand
    for (still text: the page escapes it like any other), and how many there were."""
    count = 0

    def one(match: re.Match[str]) -> str:
        nonlocal count
        decoded = html.unescape(match[0])
        count += decoded != match[0]
        stands_for_nothing = decoded == "\ufffd" and not re.search("(?i)fffd|65533", match[0])  # &#0;
        return "" if stands_for_nothing else decoded
    return _ENTITY.sub(one, text), count


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding) for any bytes; encoding is "binary" for non-text."""
    text, encoding = _decode_any(data)
    if encoding == "binary" or _looks_binary(text):
        return "", "binary"
    return text, encoding


def _decode_any(data: bytes) -> tuple[str, str]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(encoding, errors="replace"), encoding
    utf16 = _utf16_without_bom(data)
    if utf16:
        return data.decode(utf16, errors="replace"), utf16
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return _guess(data) or _utf8_with_replacements(data)


def _looks_binary(text: str) -> bool:
    """Control characters (other than tab and line ends) in more than 5% of a sample."""
    sample = text[:8192]
    controls = sum(1 for c in sample if c < " " and c not in "\t\n\r")
    return not sample or controls > BINARY_CONTROL_SHARE * len(sample)


def _utf16_without_bom(data: bytes) -> str:
    """UTF-16 text of mostly ASCII or CJK shows NULs at every other byte."""
    sample = data[:4096]
    if len(sample) < 8 or len(sample) % 2:
        return ""
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.3 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.3 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return ""


def _guess(data: bytes) -> tuple[str, str] | None:
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        return None
    encoding = best.encoding
    return data.decode(encoding, errors="replace"), encoding


def _utf8_with_replacements(data: bytes) -> tuple[str, str]:
    """No encoding fits every byte (e.g. UTF-8 cut mid-character): keep UTF-8, mark the
    broken bytes with U+FFFD, and let the share of them decide whether it is text."""
    text = data.decode("utf-8", errors="replace")
    return text, f"utf-8 ({text.count(chr(0xFFFD))} broken bytes replaced)"


def normalize_text(text: str) -> str:
    """Line ends to \\n, control and zero-width characters out; nothing else.

    No NFKC here: readers see this text, and NFKC would turn full-width
    Chinese punctuation into half-width.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text.replace("\t", "    "))
    # Compose decomposed accents so pinyin annotations match their patterns.
    return unicodedata.normalize("NFC", text)
