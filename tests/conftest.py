"""Shared fixtures: real seeds, real pipeline, a real MkDocs build."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import settings

from zhdocs.config import Config
from zhdocs.model import Document
from zhdocs.pipeline import process
from zhdocs.render import index_input, index_readings, index_texts

# In CI the property tests replay fixed examples: a red CI names an input every
# developer can reproduce. Locally they explore new inputs on every run.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_IDS = sorted(p.stem for p in SEEDS.glob("*.txt"))


def make_project(folder: Path, seeds: dict[str, bytes] | None = None) -> Path:
    """A copy of the site's configuration around the given seeds (default: the repo's)."""
    for name in ("mkdocs.yml", "overrides", "docs/assets"):
        source, target = ROOT / name, folder / name
        if source.is_dir():
            shutil.copytree(source, target)
        else:
            shutil.copy(source, target)
    if seeds is None:
        shutil.copytree(SEEDS, folder / "seeds")
    else:
        (folder / "seeds").mkdir()
        for name, data in seeds.items():
            path = folder / "seeds" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
    return folder


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# The address the browser tests serve the built site at; the site is built for it.
SITE_PORT = free_port()


def mkdocs_build(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": f"http://127.0.0.1:{SITE_PORT}/"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", *args],
        cwd=project, env=env, capture_output=True, text=True, timeout=600,
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The five seeds built into a site by `mkdocs build --strict`."""
    project = make_project(tmp_path_factory.mktemp("project"))
    result = mkdocs_build(project)
    (project / "build.log").write_text(result.stderr, encoding="utf-8")
    assert result.returncode == 0, result.stderr[-4000:]
    return project / "site"


@pytest.fixture(scope="session")
def corpus(built_site: Path) -> dict:
    return json.loads((built_site / "corpus.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def processed() -> dict[str, Document]:
    """The five seeds through the pipeline's stages (`pipeline.STEPS`), no files written."""
    docs = process(Config(seeds_dir=SEEDS, docs_dir=Path("unused")))
    return {d.id: d for d in docs}


def index_pages(docs: list[Document], config: Config) -> dict[str, str]:
    """The index pages in Simplified, by path, as a build renders them."""
    return index_texts(index_input(docs, config, index_readings(docs)))
