"""Settings for one pipeline run, with the defaults a new corpus wants."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path


def show_progress() -> bool:
    """Whether a progress bar helps: a person watches stderr, not a CI log."""
    return sys.stderr.isatty() and not os.environ.get("CI")


@dataclass(frozen=True)
class Config:
    seeds_dir: Path
    docs_dir: Path
    max_bytes: int = 20 * 1024 * 1024  # larger seeds are rejected, not read
    keywords_per_doc: int = 8
    related_per_doc: int = 5
    summary_chars: int = 120
    dedup_threshold: float = 0.8  # character 5-gram Jaccard above which two bodies are one
    containment_threshold: float = 0.9  # share of the shorter body found in the longer
    newest_on_home: int = 10
    progress: bool = False  # a progress bar on stderr (off in CI and tests)
    workers: int = 0  # processes for per-document stages; 0 = one per core, at most 8
    parallel_min_docs: int = 64  # fewer documents than this run in-process (workers cost ~1 s to start)
    cache_dir: Path | None = None  # incremental builds: per-document results kept here (None: off)

    @property
    def script_dirs(self) -> dict[str, Path]:
        """Output folder per locale, as mkdocs-static-i18n's folder structure wants."""
        return {"zh": self.docs_dir / "zh", "zh-Hant": self.docs_dir / "zh-Hant"}
