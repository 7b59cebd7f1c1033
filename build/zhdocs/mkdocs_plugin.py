"""The only module that knows MkDocs exists.

`mkdocs build` and `mkdocs serve` run the pipeline through this plugin before
MkDocs collects files. It runs once per change of the seeds: mkdocs-static-i18n
re-runs `on_config` for every language, and `mkdocs serve` for every rebuild,
and writing unchanged pages again would make serve rebuild in a loop.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as opt
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority

from .config import Config
from .model import Document
from .pipeline import run
from .report import LOCALE_PREFIX, summary_lines
from .search import rewrite as rewrite_search_index
from .search.userdict import user_dictionary

log = logging.getLogger("mkdocs.plugins.zhdocs")


class ZhdocsPluginConfig(base.Config):
    seeds_dir = opt.Type(str, default="seeds")
    fail_on_rejected = opt.Type(bool, default=False)  # warn per rejection, so --strict fails


class ZhdocsPlugin(BasePlugin[ZhdocsPluginConfig]):
    def __init__(self) -> None:
        self._fingerprint: tuple[object, ...] | None = None
        self._not_found = ""  # the default script's 404 page

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defined so that MkDocs keeps this instance (and its fingerprint) across rebuilds."""

    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        settings = self._settings(config)
        fingerprint = _fingerprint(settings)
        if fingerprint != self._fingerprint:
            result = run(settings)
            self._log(result.docs)
            stats = result.written
            log.info(f"zhdocs: files written {stats.written}, unchanged {stats.unchanged}, "
                     f"removed {stats.removed}")
            self._fingerprint = _fingerprint(settings)
            self._write_jieba_dictionary(config, result.docs)
        return config

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

    def _write_search_indexes(self, config: MkDocsConfig) -> None:
        """One small search index per script, replacing Material's full-text one."""
        site = Path(config.site_dir)
        i18n = config.plugins.get("i18n")
        if getattr(i18n, "building", False) or not (site / "search/search_index.json").is_file():
            return  # mkdocs-static-i18n's inner build of one language; the outer one comes last
        search = config.plugins.get("material/search")
        index = getattr(search, "search_index", None)
        if index is None:
            return
        folders = {locale: prefix.strip("/") for locale, prefix in LOCALE_PREFIX.items()}
        settings = {key: index.config[key] for key in ("lang", "separator", "pipeline", "fields")}
        sizes = rewrite_search_index(site, folders, index.entries, settings)
        log.info("zhdocs: search index (download before the first result): "
                 + ", ".join(str(s) for s in sizes))

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
        server.watch(str(self._settings(config).seeds_dir))
        return server

    def _settings(self, config: MkDocsConfig) -> Config:
        root = Path(config.config_file_path or ".").resolve().parent
        interactive = sys.stderr.isatty() and not os.environ.get("CI")
        return Config(seeds_dir=root / self.config.seeds_dir, docs_dir=Path(config.docs_dir),
                      progress=interactive)

    def _log(self, docs: list[Document]) -> None:
        for line in summary_lines(docs):
            rejected = line.startswith("rejected ")
            level = logging.WARNING if rejected and self.config.fail_on_rejected else logging.INFO
            log.log(level, "zhdocs: " + line)


def _fingerprint(settings: Config) -> tuple[object, ...]:
    """What the pipeline's output depends on: the seeds, and the output being there."""
    seeds = sorted(
        (str(p), p.stat().st_size, p.stat().st_mtime_ns)
        for p in settings.seeds_dir.rglob("*") if p.is_file()
    ) if settings.seeds_dir.is_dir() else []
    present = all((folder / "index.md").is_file() for folder in settings.script_dirs.values())
    return (tuple(seeds), present)
