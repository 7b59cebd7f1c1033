"""The only module that knows MkDocs exists.

`mkdocs build` and `mkdocs serve` run the pipeline through this plugin before
MkDocs collects files. It runs once per change of the seeds: mkdocs-static-i18n
re-runs `on_config` for every language, and `mkdocs serve` for every rebuild,
and writing unchanged pages again would make serve rebuild in a loop.
"""

from __future__ import annotations

import logging
import os
import shutil
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

# Folders of the non-default scripts, as corpus.json's URLs name them.
LOCALE_FOLDERS = tuple(prefix.strip("/") for prefix in LOCALE_PREFIX.values() if prefix)
log = logging.getLogger("mkdocs.plugins.zhdocs")
CACHE_DIR = ".cache/zhdocs"  # incremental builds (git-ignored)


class ZhdocsPluginConfig(base.Config):
    seeds_dir = opt.Type(str, default="seeds")
    fail_on_rejected = opt.Type(bool, default=False)  # warn per rejection, so --strict fails


class ZhdocsPlugin(BasePlugin[ZhdocsPluginConfig]):
    def __init__(self) -> None:
        self._fingerprint: tuple[object, ...] | None = None

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
        return config

    @event_priority(-200)  # after mkdocs-static-i18n (-100) has built every language
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Material's language switch reads the target language's sitemap.xml;
        mkdocs-static-i18n writes one only at the root, and it lists both scripts."""
        root = Path(config.site_dir)
        while root.name in LOCALE_FOLDERS:  # the inner build of a language sees its own folder
            root = root.parent
        sitemap = root / "sitemap.xml"
        if not sitemap.is_file():
            return
        for folder in LOCALE_FOLDERS:
            if (root / folder).is_dir():
                shutil.copyfile(sitemap, root / folder / "sitemap.xml")

    def on_serve(self, server, *, config: MkDocsConfig, builder):  # type: ignore[no-untyped-def]
        server.watch(str(self._settings(config).seeds_dir))
        return server

    def _settings(self, config: MkDocsConfig) -> Config:
        root = Path(config.config_file_path or ".").resolve().parent
        interactive = sys.stderr.isatty() and not os.environ.get("CI")
        return Config(seeds_dir=root / self.config.seeds_dir, docs_dir=Path(config.docs_dir),
                      progress=interactive, cache_dir=root / CACHE_DIR)

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
