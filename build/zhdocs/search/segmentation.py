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
  `mkdocs serve` and on disk between builds (`memo`);
- a run's words depend on jieba's version, its main dictionary, the total of
  all frequencies and the frequencies of the words the run holds, nothing
  else (`Tokenizer.get_DAG`, `calc`, `__cut_DAG`). So when the user dictionary
  changes and the total does not (`userdict.py` pads it), only the runs that
  hold a word whose frequency changed are segmented again; anything else
  starts afresh;
- before MkDocs renders, `prepare` segments the runs of the Markdown pages that
  it does not know yet, in worker processes: rendered pages hold the same runs
  (a run it did not foresee, in a template or across inline markup, is
  segmented when asked for);
- each run carries the generation of the memo (one per change of the user
  dictionary) since which its words are what they are, so that what was
  worked out from the words of some runs (`indexed.py`) can be told apart
  from what is out of date (`reuse`).
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import logging
import os
import pickle
import re
import secrets
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache, partial
from pathlib import Path

import jieba

MATERIAL_SEARCH = "material.plugins.search.plugin"
MEMO_VERSION = 2  # of the memo file's layout
# Han characters, as Material finds them (`\p{script: Han}`, via backrefs); a run that
# this misses or cuts differently is only segmented later, when Material asks for it.
HAN_RUN = re.compile("[\u2e80-\u2fdf\u3005\u3007\u3021-\u3029\u3038-\u303b\u3400-\u4dbf"
                     "\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")
USER_LINE = re.compile("^(.+?)( [0-9]+)?( [a-z]+)?$")  # jieba's `re_userdict`
Mapper = Callable[[Callable[[str], tuple[str, ...]], list[str]], list[tuple[str, ...]]]
Words = tuple[str, ...]


@dataclass(frozen=True)
class Reading:
    """What a tokenizer of some dictionaries is made of, as far as the words depend on it."""

    content: str  # digest of the dictionaries' bytes: which tokenizer
    base: str  # digest of what every run's words depend on
    user: dict[str, int]  # the user dictionary's words and frequencies, when not in `base`


@dataclass(frozen=True)
class Dictionaries:
    """The dictionaries a tokenizer loads: jieba's own unless `main` is set, then `user`'s words."""

    main: str | None = None
    user: str | None = None

    def read(self) -> Reading:
        """The dictionaries' bytes, read now, as what the words depend on."""
        version = f"{MEMO_VERSION}|{jieba.__version__}".encode()
        main = _read(self.main) if self.main else b""
        user = _read(self.user) if self.user else b""
        content = _digest(version, main, user)
        found = _user_words(user)
        if found is None:
            return Reading(content, content, {})
        words, total = found
        return Reading(content, _digest(version, main, b"total %d" % total), words)


class Segmenter:
    """Stands in for the `jieba` module in Material's search plugin; see the module's doc."""

    def __init__(self, memo: Path | None) -> None:
        self.memo = memo  # the file that keeps the words between builds (None: not kept)
        self.dictionaries = Dictionaries()
        self._reading = Reading("", "", {})  # of the dictionaries the words are of
        self._lineage = ""  # names this memo's history: a new one whenever it starts afresh
        self._generation = 0  # of the user dictionary, within the lineage
        self._words: dict[str, Words] = {}
        self._since: dict[str, int] = {}  # each run's: the generation its words are of
        self._stale: dict[str, Words] = {}  # words of runs that hold a word whose frequency changed
        self._used: set[str] = set()  # runs asked for or prepared since the last `save`
        self._loaded = False
        self._known = False  # the words hold every run of the last build's pages
        self._unsaved = False  # words the memo file lacks, or holds beyond this build's
        self._recording: set[str] | None = None  # runs asked for within `recording`

    # Material's calls: jieba.set_dictionary, jieba.load_userdict, jieba.cut
    def set_dictionary(self, path: str) -> None:
        self.use(Dictionaries(os.fspath(path), self.dictionaries.user))

    def load_userdict(self, path: str) -> None:
        self.use(Dictionaries(self.dictionaries.main, os.fspath(path)))

    def cut(self, text: str | bytes) -> Words:
        run = text.decode("utf-8") if isinstance(text, bytes) else text
        self._load()
        self._used.add(run)
        if self._recording is not None:
            self._recording.add(run)
        words = self._words.get(run)
        if words is None:
            words = segment(self.dictionaries, self._reading.content, run)
            self._learn({run: words})
        return words

    def stamp(self) -> tuple[str, int]:
        """(lineage, generation) of the words now: see `reuse`."""
        self._load()
        return self._lineage, self._generation

    @contextlib.contextmanager
    def recording(self) -> Iterator[set[str]]:
        """The runs asked for while the block runs."""
        self._recording = runs = set()
        try:
            yield runs
        finally:
            self._recording = None

    def reuse(self, runs: Iterable[str], generation: int) -> bool:
        """Whether the words of `runs` are known and are those of `generation` (of
        this lineage); if so they stay in the memo, as if asked for."""
        self._load()
        runs = list(runs)
        words, since = self._words, self._since
        if not all(run in words and since.get(run, generation + 1) <= generation for run in runs):
            return False
        self._used.update(runs)
        return True

    def use(self, dictionaries: Dictionaries) -> None:
        """Segment with these dictionaries from now on. Their files are read again
        at the next use: one may have changed under the same name (the user dictionary does)."""
        self.dictionaries = dictionaries
        self._loaded = False

    def prepare(self, changed: Iterable[str], every: Callable[[], Iterable[str]], map_: Mapper) -> int:
        """Segment, through `map_` (in workers), the runs not known yet of the pages
        that `changed` since the last build when its words are known (10k documents:
        reading every page again took 5–10 s), else of `every` page, and the runs
        the user dictionary's change concerns; how many."""
        self._load()
        texts, self._known = (changed if self._known else every()), True
        runs = {run for text in texts for run in HAN_RUN.findall(text)}
        self._used |= runs
        todo = sorted((runs - self._words.keys()) | self._stale.keys())
        words = map_(partial(segment, self.dictionaries, self._reading.content), todo)
        self._learn(dict(zip(todo, words, strict=True)))
        return len(todo)

    def save(self) -> None:
        """Keep the words of the runs used since the last save (older ones are dropped)."""
        self._load()
        kept = {run: self._words[run] for run in sorted(self._used) if run in self._words}
        self._unsaved |= len(kept) < len(self._words) or bool(self._stale)
        self._words, self._used, self._stale = kept, set(), {}
        self._since = {run: self._since[run] for run in kept}
        if self._unsaved:  # a serve rebuild that changed no page writes nothing
            self._store()

    def _store(self) -> None:
        self._unsaved = False
        if self.memo is not None:
            state = (self._reading.base, self._reading.user, self._lineage, self._generation,
                     self._words, self._since)
            with contextlib.suppress(OSError):  # a memo that cannot be written only slows the next build
                _write_atomically(self.memo, pickle.dumps(state, pickle.HIGHEST_PROTOCOL))

    def _learn(self, found: dict[str, Words]) -> None:
        """New words of runs; a run whose words changed is of this generation."""
        for run, words in found.items():
            if self._stale.pop(run, None) != words:
                self._since[run] = self._generation
            self._words[run] = words
        self._unsaved |= bool(found)

    def _load(self) -> None:
        """The words known for these dictionaries: in memory, else from the memo file;
        those of the runs a changed user word concerns set aside (`_stale`)."""
        if self._loaded:
            return
        self._loaded = True
        reading = self.dictionaries.read()
        same = reading.base == self._reading.base
        user = self._reading.user if same else self._adopt_memo(reading.base)
        self._reading = reading
        if user is None:
            self._lineage, self._generation = secrets.token_hex(8), 0
            self._words, self._since, self._stale = {}, {}, {}
            self._unsaved, self._known = True, False
        elif changed := _changed_words(user, reading.user):
            self._set_aside(changed)
            self._generation += 1
            self._store()  # now: a build that stops before `save` must not hand this generation out again

    def _adopt_memo(self, base: str) -> dict[str, int] | None:
        """The memo file's words, if they are of `base`; its user dictionary's words."""
        with contextlib.suppress(OSError, EOFError, ValueError, TypeError, pickle.UnpicklingError):
            found = pickle.loads(self.memo.read_bytes()) if self.memo else None
            if (isinstance(found, tuple) and len(found) == 6 and found[0] == base
                    and all(isinstance(found[i], dict) for i in (1, 4, 5))):
                _, user, self._lineage, self._generation, self._words, self._since = found
                self._stale, self._unsaved, self._known = {}, False, True
                return user
        return None

    def _set_aside(self, changed: set[str]) -> None:
        holds = re.compile("|".join(map(re.escape, sorted(changed, key=len, reverse=True)))).search
        for run in [run for run in self._words if holds(run)]:
            self._stale[run] = self._words.pop(run)


def _user_words(data: bytes) -> tuple[dict[str, int], int] | None:
    """jieba's `load_userdict` of `data`: each word's frequency and their sum (each
    line adds its own to jieba's total); None when a line leaves jieba to guess a
    frequency, or gives 0 (a forced split): both act beyond the line's runs."""
    words: dict[str, int] = {}
    total = 0
    for raw in data.split(b"\n"):
        try:
            line = raw.strip().decode("utf-8").lstrip("\ufeff")
        except UnicodeDecodeError:
            return None
        if not line:
            continue
        match = USER_LINE.match(line)
        if match is None or match[2] is None or int(match[2]) == 0:
            return None
        words[match[1]] = int(match[2])
        total += int(match[2])
    return words, total


def _changed_words(before: dict[str, int], after: dict[str, int]) -> set[str]:
    return {word for word in before.keys() | after.keys() if before.get(word) != after.get(word)}


def _digest(*parts: bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(b"\0" + part)
    return digest.hexdigest()


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
    dictionaries loaded once; `digest` is theirs (`Dictionaries.read().content`)."""
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
