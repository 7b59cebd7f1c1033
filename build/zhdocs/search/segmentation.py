"""The words of Material's search index: jieba's, worked out once per text.

Material segments the text of every section of every page with `jieba.cut`,
in the MkDocs process, one page after another: a third of `mkdocs build`. It
does so through the global tokenizer, into which it loads the user dictionary
at every `on_config` (once per language, and again at every rebuild of
`mkdocs serve`), and jieba's `add_word` raises the total frequency each time,
so the same page split differently from one language, or one rebuild, to the
next. Material's module reaches jieba through its module-level name `jieba`
alone, so the plugin puts a `Segmenter` there:

- it segments with a private tokenizer of the dictionaries Material names,
  each loaded once, so a text always gets the same words (jieba's `cut`,
  HMM on, as Material calls it);
- it remembers each Han run's words, in memory across the rebuilds of a
  `mkdocs serve` and on disk between builds (`memo`), under the digest of
  jieba's version and the dictionaries' bytes: a changed dictionary starts afresh;
- before MkDocs renders, `prepare` segments the runs of the Markdown pages that
  it does not know yet, in worker processes: rendered pages hold the same runs
  (a run it did not foresee, in a template or across inline markup, is
  segmented when asked for).
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import logging
import os
import pickle
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache, partial
from pathlib import Path

import jieba

MATERIAL_SEARCH = "material.plugins.search.plugin"
MEMO_VERSION = 1  # of the memo file's layout
# Han characters, as Material finds them (`\p{script: Han}`, via backrefs); a run that
# this misses or cuts differently is only segmented later, when Material asks for it.
HAN_RUN = re.compile("[\u2e80-\u2fdf\u3005\u3007\u3021-\u3029\u3038-\u303b\u3400-\u4dbf"
                     "\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")
Mapper = Callable[[Callable[[str], tuple[str, ...]], list[str]], list[tuple[str, ...]]]


@dataclass(frozen=True)
class Dictionaries:
    """The dictionaries a tokenizer loads: jieba's own unless `main` is set, then `user`'s words."""

    main: str | None = None
    user: str | None = None

    def digest(self) -> str:
        """What the words depend on: jieba's version and the dictionaries' bytes."""
        digest = hashlib.sha256(f"{MEMO_VERSION}|{jieba.__version__}".encode())
        for path in (self.main, self.user):
            digest.update(b"\0" + (_read(path) if path else b""))
        return digest.hexdigest()


class Segmenter:
    """Stands in for the `jieba` module in Material's search plugin; see the module's doc."""

    def __init__(self, memo: Path | None) -> None:
        self.memo = memo  # the file that keeps the words between builds (None: not kept)
        self.dictionaries = Dictionaries()
        self._words: dict[str, tuple[str, ...]] = {}
        self._used: set[str] = set()  # runs asked for or prepared since the last `save`
        self._digest = ""
        self._loaded = False
        self._known = False  # the words hold every run of the last build's pages
        self._unsaved = False  # words the memo file lacks, or holds beyond this build's
        self._recording: set[str] | None = None  # runs asked for within `recording`

    # Material's calls: jieba.set_dictionary, jieba.load_userdict, jieba.cut
    def set_dictionary(self, path: str) -> None:
        self.use(Dictionaries(os.fspath(path), self.dictionaries.user))

    def load_userdict(self, path: str) -> None:
        self.use(Dictionaries(self.dictionaries.main, os.fspath(path)))

    def cut(self, text: str | bytes) -> tuple[str, ...]:
        run = text.decode("utf-8") if isinstance(text, bytes) else text
        self._load()
        self._used.add(run)
        if self._recording is not None:
            self._recording.add(run)
        words = self._words.get(run)
        if words is None:
            words = self._words[run] = segment(self.dictionaries, self._digest, run)
            self._unsaved = True
        return words

    def digest(self) -> str:
        """What the words depend on now (`Dictionaries.digest` of the dictionaries in use)."""
        self._load()
        return self._digest

    @contextlib.contextmanager
    def recording(self) -> Iterator[set[str]]:
        """The runs asked for while the block runs."""
        self._recording = runs = set()
        try:
            yield runs
        finally:
            self._recording = None

    def keep(self, runs: Iterable[str]) -> None:
        """Runs a page holds whose words were known without asking (`indexed.py`):
        their words stay in the memo, as if asked for."""
        self._used.update(runs)

    def use(self, dictionaries: Dictionaries) -> None:
        """Segment with these dictionaries from now on. Their files are read again
        at the next use: one may have changed under the same name (the user dictionary does)."""
        self.dictionaries = dictionaries
        self._loaded = False

    def prepare(self, changed: Iterable[str], every: Callable[[], Iterable[str]], map_: Mapper) -> int:
        """Segment, through `map_` (in workers), the runs not known yet of the pages
        that `changed` since the last build when its words are known (10k documents:
        reading every page again took 5–10 s), else of `every` page; how many."""
        self._load()
        texts, self._known = (changed if self._known else every()), True
        runs = {run for text in texts for run in HAN_RUN.findall(text)}
        self._used |= runs
        todo = sorted(runs - self._words.keys())
        words = map_(partial(segment, self.dictionaries, self._digest), todo)
        self._words.update(zip(todo, words, strict=True))
        self._unsaved |= bool(todo)
        return len(todo)

    def save(self) -> None:
        """Keep the words of the runs used since the last save (older ones are dropped)."""
        self._load()
        kept = {run: self._words[run] for run in sorted(self._used) if run in self._words}
        self._unsaved |= len(kept) < len(self._words)
        self._words, self._used = kept, set()
        if self.memo is not None and self._unsaved:  # a serve rebuild that changed no page writes nothing
            self._unsaved = False
            data = pickle.dumps((self._digest, self._words), pickle.HIGHEST_PROTOCOL)
            with contextlib.suppress(OSError):  # a memo that cannot be written only slows the next build
                _write_atomically(self.memo, data)

    def _load(self) -> None:
        """The words known for these dictionaries: in memory, else from the memo file."""
        if self._loaded:
            return
        self._loaded = True
        digest = self.dictionaries.digest()
        if digest == self._digest:
            return
        self._digest, self._words, self._unsaved, self._known = digest, {}, True, False
        with contextlib.suppress(OSError, EOFError, ValueError, TypeError, pickle.UnpicklingError):
            found, words = pickle.loads(self.memo.read_bytes()) if self.memo else ("", {})
            if found == digest and isinstance(words, dict):
                self._words, self._unsaved, self._known = words, False, True


def install(segmenter: Segmenter) -> bool:
    """Put `segmenter` where Material's search plugin looks for jieba; False when
    it segments nothing (jieba missing, or a Material that reaches it otherwise)."""
    try:
        module = importlib.import_module(MATERIAL_SEARCH)
    except ImportError:
        return False
    if getattr(module, "jieba", None) is None:
        return False
    module.jieba = segmenter
    return True


def segment(dictionaries: Dictionaries, digest: str, run: str) -> tuple[str, ...]:
    """jieba's words of `run`, as `jieba.cut(run)` splits it with these
    dictionaries loaded once; `digest` is theirs (`Dictionaries.digest`)."""
    return tuple(_tokenizer(dictionaries, digest).cut(run))


@cache
def _tokenizer(dictionaries: Dictionaries, digest: str) -> jieba.Tokenizer:
    """One tokenizer per process and dictionaries' content (loading one takes ~1 s)."""
    jieba.setLogLevel(logging.WARNING)  # its "Building prefix dict" lines, in every worker
    tokenizer = jieba.Tokenizer(dictionaries.main or jieba.DEFAULT_DICT)
    if dictionaries.user:
        tokenizer.load_userdict(dictionaries.user)
    else:
        tokenizer.initialize()
    return tokenizer


def markdown_texts(folder: Path) -> Iterator[str]:
    """The Markdown pages under `folder`, in a stable order."""
    for path in sorted(folder.rglob("*.md")):
        with contextlib.suppress(OSError, UnicodeDecodeError):
            yield path.read_text(encoding="utf-8")


def _read(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError:
        return b""  # jieba fails on it, as it would without us


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")  # two builds at once: one wins
    temporary.write_bytes(data)
    temporary.replace(path)
