"""The MkDocs plugin: where the pipeline meets MkDocs (the other modules that
wrap MkDocs', Material's or mkdocs-static-i18n's internals are rendered.py,
i18n_files.py, search/indexed.py and search/segmentation.py).

`mkdocs build` and `mkdocs serve` run the pipeline through this plugin before
MkDocs collects files. It runs once per change of the seeds: mkdocs-static-i18n
re-runs `on_config` for every language, and `mkdocs serve` for every rebuild,
and writing unchanged pages again would make serve rebuild in a loop.
"""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import gc
import hashlib
import logging
import math
import os
import shutil
import stat
import threading
from pathlib import Path

import jinja2
from mkdocs.config import base
from mkdocs.config import config_options as opt
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler

from . import i18n_files, rendered
from .cache import Memo
from .config import Config, show_progress
from .execute import Executor, freeze_what_lasts
from .model import Document
from .pipeline import run
from .read import MB, seed_paths
from .report import LOCALE_PREFIX, merge_lines, summary_lines
from .search import SearchFiles, indexed, segmentation
from .search.entries import PageEntries
from .search.segmentation import Dictionaries, Segmenter
from .search.userdict import user_dictionary
from .watch import SeedWatcher
from .write import CORPUS_FILE, KEPT

log = logging.getLogger("mkdocs.plugins.zhdocs")
EPOCH_DATE = "1970-01-01"  # sitemap date of a site without any dated document
CACHE_DIR = ".cache/zhdocs"  # incremental builds (git-ignored)
SEARCH_WORDS = ".cache/zhdocs-search/words.pickle"  # the search index's words of the last build
RENDERED_PAGES = ".cache/zhdocs-html/pages.sqlite"  # each page's HTML, by its Markdown (rendered.py)
SEARCH_ENTRIES = ".cache/zhdocs-html/search.sqlite"  # each page's search entries (search/indexed.py)
IDLE_SECONDS = 2.0  # serve: after a build, the server is taken to be waiting for changes


class ZhdocsPluginConfig(base.Config):
    seeds_dir = opt.Type(str, default="seeds")
    fail_on_rejected = opt.Type(bool, default=False)  # warn per rejection, so --strict fails
    max_seed_mb = opt.Type((int, float), default=20)  # larger seeds are rejected unread
    poll_seeds = opt.Type(bool, default=False)  # serve: poll seeds/ (network, Docker-mounted folders)


class ZhdocsPlugin(BasePlugin[ZhdocsPluginConfig]):
    def __init__(self) -> None:
        self._fingerprint: tuple[object, ...] | None = None
        self._content_date = EPOCH_DATE
        self._staging = True  # build from a copy of docs/ into a sibling of site/; commit at the end
        self._site: tuple[Path, Path] | None = None  # (site_dir, staging folder) of this build
        self._depth = 0  # nested builds: mkdocs-static-i18n builds each language inside ours
        self._not_found = ""  # the default script's 404 page
        self._docs: Config | None = None  # the real docs/, while this build generates a copy
        self._segmenter: Segmenter | None = None  # Material's jieba, while search runs
        self._dirty = False  # MkDocs renders only the pages whose Markdown changed
        self._search_entries = PageEntries()  # Material's, by page, kept across dirty rebuilds
        self._search_files = SearchFiles()  # what they were worked out from, too
        self._built = False  # a build of this process has ended: the next one is a rebuild (serve)
        self._serving = False
        self._set_aside = IdleSetAside()
        self._seed_watcher: SeedWatcher | None = None  # serve: the seeds' file notifications
        self._templates = CompiledTemplates()
        self._memos: tuple[Memo, Memo] | None = None  # pages' HTML, search entries

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defined so that MkDocs keeps this instance (and its fingerprint) across rebuilds."""
        i18n_files.install()  # the i18n plugin's work per file, once per distinct file
        rendered.install()  # each page's Markdown converted once, while it stays the same
        indexed.install()  # and its search entries worked out once
        # `serve` builds into its own temporary folder; a dirty build keeps old files on purpose.
        self._staging = command != "serve" and not dirty
        self._serving = command == "serve"
        self._dirty = dirty

    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self._depth == 0 and self._built:
            self._set_aside.before_rebuild()
        settings = self._settings(config)
        if self._depth == 0:
            self._check(settings)
        seeds = _seeds_fingerprint(settings) if self._depth == 0 else None
        if seeds is not None and (seeds, _output_present(settings)) != self._fingerprint:
            result = run(self._stage_docs(settings, config))
            self._log(result.docs)
            stats = result.written
            log.info(f"zhdocs: files written {stats.written}, unchanged {stats.unchanged}, "
                     f"removed {stats.removed}")
            self._content_date = content_date(result.docs)
            # the seeds as this build read them: one changed meanwhile is built next time
            self._fingerprint = (seeds, _output_present(settings))
            self._write_jieba_dictionary(config, result.docs)
            self._prepare_search_words(config, settings, result.pages)
        if self._depth == 0:
            self._start_memos(config)
        self._stage_site(config)
        if self._depth == 1:
            self._search_entries.start(self._dirty)
        return config

    def on_env(self, env, *, config: MkDocsConfig, files: Files):  # type: ignore[no-untyped-def]
        """Every page of this language's build, rendered this time or not (dirty); and
        the templates compiled in earlier builds of this process."""
        self._search_entries.pages([file.page.url for file in files.documentation_pages() if file.page])
        env.bytecode_cache = self._templates
        return env

    @event_priority(50)  # before Material's search adds the page's entries
    def on_page_context(self, context, *, page: Page, config: MkDocsConfig, nav):  # type: ignore[no-untyped-def]
        if (index := _search_index(config)) is not None:
            self._search_entries.before_page(page.url, index.entries)
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if (index := _search_index(config)) is not None:
            self._search_entries.after_page(page.url, index.entries)
        return output

    def _prepare_search_words(self, config: MkDocsConfig, settings: Config,
                              pages: dict[str, dict[str, str | None]]) -> None:
        """Take Material's segmentation over (`search/segmentation.py`) and segment the
        pages' new words in the workers, before MkDocs renders them one at a time."""
        search = config.plugins.get("material/search")
        if self._segmenter is None:
            self._segmenter = Segmenter(_project_root(config) / SEARCH_WORDS)
        if search is None or not segmentation.install(self._segmenter):
            return
        self._segmenter.use(Dictionaries(_existing(search.config.get("jieba_dict")),
                                         _existing(search.config.get("jieba_dict_user"))))
        with Executor(settings) as executor:
            new = self._segmenter.prepare(
                [text for texts in pages.values() for text in texts.values() if text is not KEPT],
                lambda: segmentation.markdown_texts(Path(config.docs_dir)),
                lambda fn, runs: executor.map(fn, runs, "search words"))
        log.info(f"zhdocs: search words: {new} runs of Han text segmented, the others known")

    def _write_jieba_dictionary(self, config: MkDocsConfig, docs: list[Document]) -> None:
        """Material's search reads `jieba_dict_user` in its own on_config, after this one."""
        search = config.plugins.get("material/search")
        name = search.config.get("jieba_dict_user") if search else None
        if name:
            path = Path(os.path.normpath(name))  # resolved as Material resolves it
            text = user_dictionary(docs)
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")

    @event_priority(-200)  # after mkdocs-static-i18n (-100) has built every language
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self._write_search_indexes(config)
        if self._depth == 1 and self._segmenter is not None:
            self._segmenter.save()
        self._commit(config)

    def _write_search_indexes(self, config: MkDocsConfig) -> None:
        """One small search index per script, replacing Material's full-text one."""
        site = Path(config.site_dir)
        i18n = config.plugins.get("i18n")
        if getattr(i18n, "building", False) or not (site / "search/search_index.json").is_file():
            return  # mkdocs-static-i18n's inner build of one language; the outer one comes last
        index = _search_index(config)
        if index is None:
            return
        missing = self._search_entries.missing()
        if missing:
            log.warning(f"zhdocs: search: {len(missing)} pages were not rendered in this dirty build "
                        f"and are not in the search index (e.g. {missing[0]!r}); only `mkdocs serve "
                        "--dirty` keeps every page's entries from its first build: build without --dirty")
        folders = {locale: prefix.strip("/") for locale, prefix in LOCALE_PREFIX.items()}
        settings = {key: index.config[key] for key in ("lang", "separator", "pipeline", "fields")}
        sizes, shards = self._search_files.write(site, folders, self._search_entries.in_order(), settings,
                                                 gzipped=not self._dirty, words=indexed.words())
        # Material keeps its last index for the next dirty build and merges it in; with each
        # language's build merging it again, it doubled at every rebuild (10k: 421, 843, 1,686 MB).
        # zhdocs keeps each page's entries itself (`PageEntries`), so Material starts afresh.
        search = config.plugins.get("material/search")
        if getattr(search, "search_index_prev", None) is not None:
            search.search_index_prev = None
        log.info("zhdocs: search index (download before the first result): "
                 + ", ".join(str(s) for s in sizes) + "; " + ", ".join(shards))

    def on_pre_template(self, template: jinja2.Template, *, template_name: str,
                        config: MkDocsConfig) -> jinja2.Template:
        """The 404 page's language switch leads to each script's home page.
        mkdocs-static-i18n sets each page's switch as an attribute,
        `config.extra.alternate`, which templates read before the item that
        holds the home pages; the Traditional build's 404 page, rendered after
        the Simplified pages, showed the last one's (/keywords/z/)."""
        if template_name == "404.html" and "alternate" in config.extra:
            config.extra.alternate = copy.deepcopy(config.extra["alternate"])
        return template

    def on_post_template(self, output_content: str, *, template_name: str,
                         config: MkDocsConfig) -> str:
        """mkdocs-static-i18n renders 404.html once per script into the same file:
        the default script's stays at the root, each other one goes to its folder."""
        if template_name != "404.html":
            return output_content
        folder = LOCALE_PREFIX.get(config.theme["language"], "").strip("/")
        if not folder:
            self._not_found = output_content
            return output_content
        path = Path(config.site_dir) / folder / "404.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(output_content, encoding="utf-8")
        return self._not_found or output_content

    def on_serve(self, server, *, config: MkDocsConfig, builder):  # type: ignore[no-untyped-def]
        """Watch the seeds, and of docs/ only what zhdocs does not write: its own pages,
        written during a build, made every change build twice (at 10k documents a
        second build of ~35 s that renders nothing). An entry added to the top of
        docs/ later is watched from the next `mkdocs serve`."""
        self._serving = True  # `serve --clean` starts up as "build"
        settings = self._settings(config)
        self._watch_seeds(server, settings.seeds_dir)
        generated = {*(folder.name for folder in settings.script_dirs.values()), CORPUS_FILE}
        docs = Path(config.docs_dir)
        with contextlib.suppress(KeyError):  # MkDocs watches docs_dir itself
            server.unwatch(str(docs))
            for entry in sorted(docs.iterdir()):
                if entry.name not in generated:
                    server.watch(str(entry))
        return server

    def _watch_seeds(self, server, seeds: Path) -> None:  # type: ignore[no-untyped-def]
        """By file notifications where they work (watch.py), else by MkDocs' polling."""
        watcher = None if self.config.poll_seeds else SeedWatcher(seeds)
        reason = "poll_seeds is set" if watcher is None else watcher.start()
        if reason is None:
            self._seed_watcher = watcher
            server.watch(str(watcher.signal))
            log.info(f"zhdocs: watching {seeds} by file notifications")
        elif seeds.is_dir():
            server.watch(str(seeds))
            log.info(f"zhdocs: polling {seeds} for changes ({reason})")
        else:  # MkDocs' poll of a missing folder would stop the server
            log.warning(f"zhdocs: {seeds} is not a folder, so it is not watched ({reason})")

    def on_shutdown(self) -> None:
        self._set_aside.cancel()
        if self._seed_watcher is not None:
            self._seed_watcher.stop()

    def _settings(self, config: MkDocsConfig) -> Config:
        root = _project_root(config)
        size = self.config.max_seed_mb
        if isinstance(size, bool) or not 0 < size < math.inf:
            raise PluginError(f"zhdocs: max_seed_mb must be a positive number of megabytes, not {size!r}")
        return Config(seeds_dir=root / self.config.seeds_dir, docs_dir=Path(config.docs_dir),
                      max_bytes=int(size * MB), progress=show_progress(), cache_dir=root / CACHE_DIR)

    def _check(self, settings: Config) -> None:
        """A mistyped seeds_dir would build and deploy an empty site; `mkdocs serve`
        starts anyway (and, watching by file notifications, sees the folder made)."""
        if not self._serving and not settings.seeds_dir.is_dir():
            raise PluginError(f"zhdocs: seeds_dir {settings.seeds_dir} is not a folder "
                              "(the plugin's seeds_dir in mkdocs.yml names the folder of seed files)")

    def _log(self, docs: list[Document]) -> None:
        """The counts and each rejection; each merge with `mkdocs build -v`."""
        for line in summary_lines(docs):
            rejected = line.startswith("rejected ")
            level = logging.WARNING if rejected and self.config.fail_on_rejected else logging.INFO
            log.log(level, "zhdocs: " + line)
        if log.isEnabledFor(logging.DEBUG):  # sorting 10k documents for lines nobody sees
            for line in merge_lines(docs):
                log.debug("zhdocs: " + line)

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: object) -> Page:
        """The sitemap's <lastmod> from the seeds, not the clock: rebuilds are byte-identical."""
        page.update_date = self._content_date
        return page

    def _stage_site(self, config: MkDocsConfig) -> None:
        """Point the outermost build at an empty sibling of site_dir."""
        self._depth += 1
        if self._depth > 1 or not self._staging:
            return
        final = Path(config.site_dir)
        staging = _staging_dir(final)
        shutil.rmtree(staging, ignore_errors=True)
        self._site = (final, staging)
        config.site_dir = str(staging)

    def _stage_docs(self, settings: Config, config: MkDocsConfig) -> Config:
        """Generate into a copy of docs_dir and let MkDocs build from it: docs/ itself
        changes only when the whole build succeeded."""
        if not self._staging:
            return settings
        staging = _staging_dir(settings.docs_dir)
        shutil.rmtree(staging, ignore_errors=True)
        # Hard links are safe: write.py replaces files by renaming, never writes into one.
        shutil.copytree(settings.docs_dir, staging, symlinks=True, copy_function=_link_or_copy)
        config.docs_dir = str(staging)
        self._docs = settings
        return dataclasses.replace(settings, docs_dir=staging)

    def _commit(self, config: MkDocsConfig) -> None:
        """Swap the staged docs/ pages and site/ in; a build --strict is about to abort is dropped."""
        self._depth -= 1
        if self._depth > 0:
            return
        self._built = True
        self._end_memos(prune=not self._dirty)  # a dirty build renders only some pages
        if self._serving:
            self._set_aside.when_idle()
        log.debug(f"zhdocs: {self._templates.report()}")
        if config.strict and _warnings_counted():
            self.on_build_error(error=None)
            return
        if self._docs is not None:
            self._commit_docs(self._docs)
            config.docs_dir = str(self._docs.docs_dir)
            self._docs = None
        if self._site is not None:
            _swap(*self._site)
            config.site_dir = str(self._site[0])
            self._site = None

    def _commit_docs(self, real: Config) -> None:
        """The staged copy holds the finished pages (unchanged ones are hard links to
        the old files): move zhdocs' own parts of it into docs/, nothing is written twice."""
        staging = _staging_dir(real.docs_dir)
        for name in [*(folder.name for folder in real.script_dirs.values()), CORPUS_FILE]:
            _swap(real.docs_dir / name, staging / name)
        shutil.rmtree(staging, ignore_errors=True)

    def _start_memos(self, config: MkDocsConfig) -> None:
        """What MkDocs and Material work out per page, from earlier builds."""
        self._end_memos(prune=False)  # a build that ended without telling the plugin
        root = _project_root(config)
        self._memos = (Memo(root / RENDERED_PAGES), Memo(root / SEARCH_ENTRIES))
        rendered.use(self._memos[0])
        indexed.use(self._memos[1], self._segmenter)

    def _end_memos(self, *, prune: bool) -> None:
        """Store what the build worked out anew and report; `prune` after a full build."""
        memos, self._memos = self._memos, None
        rendered.use(None)
        indexed.use(None, None)
        if memos is not None:
            for memo in memos:
                memo.close(prune=prune)
            html, entries = memos
            log.info(f"zhdocs: Markdown: {html.hits} pages' HTML as converted before, "
                     f"{html.misses} converted")
            log.info(f"zhdocs: search: {entries.hits} pages' entries as indexed before, "
                     f"{entries.misses} indexed")

    def on_build_error(self, *, error: Exception | None) -> None:
        """A failed build leaves the previous docs/ and site/ as they were."""
        self._end_memos(prune=False)
        if self._site is not None:
            shutil.rmtree(self._site[1], ignore_errors=True)
        if self._docs is not None:
            shutil.rmtree(_staging_dir(self._docs.docs_dir), ignore_errors=True)
        self._site, self._docs, self._depth = None, None, 0


class CompiledTemplates(jinja2.BytecodeCache):
    """The theme's templates, compiled once per process. MkDocs makes a new Jinja
    environment for every build (each script's, every `mkdocs serve` rebuild),
    and each compiled the templates it used again. A template is kept by its name
    and by what its code was compiled for (`_compiling`), and Jinja checks the
    source's checksum: an edited template, or one meeting a new filter (a hook
    edited while serving), is compiled anew."""

    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}
        self.counts = {"compiled": 0, "reused": 0}  # since the last `report`

    def get_bucket(self, environment: jinja2.Environment, name: str, filename: str | None,
                   source: str) -> jinja2.bccache.Bucket:
        key = f"{self.get_cache_key(name, filename)}|{_compiling(environment)}"
        bucket = jinja2.bccache.Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if (code := self._compiled.get(bucket.key)) is not None:
            bucket.bytecode_from_string(code)  # unless the source's checksum differs
            self.counts["reused"] += bucket.code is not None

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Called when Jinja has compiled a template."""
        self._compiled[bucket.key] = bucket.bytecode_to_string()
        self.counts["compiled"] += 1

    def report(self) -> str:
        line = f"templates compiled {self.counts['compiled']}, reused {self.counts['reused']}"
        self.counts = dict.fromkeys(self.counts, 0)
        return line


def _compiling(env: jinja2.Environment) -> str:
    """What Jinja's code for a template depends on besides its source: the syntax,
    extensions and output settings, and which filters and tests exist and what
    each is passed (the compiler looks them up)."""
    def kinds(functions: dict[str, object]) -> list[tuple[str, str]]:
        return sorted((name, repr(getattr(f, "jinja_pass_arg", None))) for name, f in functions.items())

    def named(setting: object) -> object:
        plain = setting is None or isinstance(setting, bool)
        return setting if plain else getattr(setting, "__qualname__", "?")
    settings = (env.block_start_string, env.block_end_string, env.variable_start_string,
                env.variable_end_string, env.comment_start_string, env.comment_end_string,
                env.line_statement_prefix, env.line_comment_prefix, env.trim_blocks, env.lstrip_blocks,
                env.newline_sequence, env.keep_trailing_newline, env.optimized, env.is_async,
                sorted(env.extensions), named(env.autoescape), named(env.finalize),
                getattr(env, "newstyle_gettext", None), kinds(env.filters), kinds(env.tests))
    return hashlib.sha256(repr(settings).encode()).hexdigest()


class IdleSetAside:
    """`mkdocs serve`: what lasts from build to build is set aside
    (`_set_aside_what_lasts`) while the server waits for changes, IDLE_SECONDS
    after a build, not at the start of the next one (~0.75 s of each 10,000-document
    rebuild, a full collection). A rebuild that starts sooner sets it aside first."""

    def __init__(self) -> None:
        self._timer: threading.Timer | None = None
        self._done = False

    def when_idle(self) -> None:
        self.cancel()
        self._done = False
        self._timer = threading.Timer(IDLE_SECONDS, self._run)
        self._timer.daemon = True  # never holds up the server's exit
        self._timer.start()

    def before_rebuild(self) -> None:
        """Done while the server was idle, or done now (waiting for it if under way)."""
        self.cancel()
        if not self._done:
            _set_aside_what_lasts()
        self._done = False

    def cancel(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer.join()  # under way: it finishes first
            self._timer = None

    def _run(self) -> None:
        _set_aside_what_lasts()
        self._done = True


def _set_aside_what_lasts() -> None:
    freeze_what_lasts()
    if log.isEnabledFor(logging.DEBUG):  # the count walks every frozen object
        frozen = gc.get_freeze_count()
        log.debug(f"zhdocs: {frozen} objects of earlier builds left out of the collector's scans")


def content_date(docs: list[Document]) -> str:
    """The newest publication date among the published documents (yyyy-mm-dd)."""
    return max((d.meta.date for d in docs if d.published and d.meta.date), default=EPOCH_DATE)


def _search_index(config: MkDocsConfig):  # type: ignore[no-untyped-def]
    """Material's search index of the build under way, or None without its search."""
    return getattr(config.plugins.get("material/search"), "search_index", None)


def _project_root(config: MkDocsConfig) -> Path:
    """The folder of mkdocs.yml: seeds and caches are found from it, wherever MkDocs runs."""
    return Path(config.config_file_path or ".").resolve().parent


def _existing(name: str | None) -> str | None:
    """A dictionary named in Material's search config, resolved as Material
    resolves it; None when it names none or no such file (Material then loads none)."""
    path = os.path.normpath(name) if name else None
    return path if path and os.path.isfile(path) else None


def _swap(final: Path, staging: Path) -> None:
    """Put `staging` (a file or folder) where `final` is, by renames."""
    old = final.with_name(f".{final.name}.zhdocs-old")
    _remove(old)
    if final.exists():
        final.rename(old)
    if staging.exists():
        staging.rename(final)
    _remove(old)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


def _staging_dir(folder: Path) -> Path:
    return folder.with_name(f".{folder.name}.zhdocs-staging")


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _warnings_counted() -> bool:
    """Whether `mkdocs build --strict` has counted warnings (it aborts right after post_build)."""
    handlers = logging.getLogger("mkdocs").handlers
    return any(isinstance(h, CountHandler) and h.get_counts() for h in handlers)


def _stat(path: str) -> os.stat_result | None:
    """The file's stat (one call: the fingerprint stats 10k seeds per build), None if unreadable."""
    try:
        return os.stat(path)
    except OSError:
        return None  # a broken link, or a file gone meanwhile


def _seeds_fingerprint(settings: Config) -> tuple[object, ...]:
    """What the pipeline's output depends on: each seed's path, size and mtime
    (an editor's swap file or `.git/` changing is no reason to build: `seed_paths`)."""
    root = os.path.join(settings.seeds_dir, "")
    return tuple(sorted(
        (path, found.st_size, found.st_mtime_ns) for path in map(root.__add__, seed_paths(settings.seeds_dir))
        if (found := _stat(path)) is not None and stat.S_ISREG(found.st_mode)))


def _output_present(settings: Config) -> bool:
    return all((folder / "index.md").is_file() for folder in settings.script_dirs.values())
