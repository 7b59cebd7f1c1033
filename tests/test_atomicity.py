"""A build that fails halfway leaves the previous docs/ and site/ as they were.

Each test starts from a good build, adds a seed (so a successful build would
change both), makes a real failure happen (a path the pipeline cannot write, a
template that breaks while pages are rendered, a --strict abort) and compares
every byte of the old output. A good build commits both and leaves no staging.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from zhdocs.config import Config
from zhdocs.write import TMP_SUFFIX, write_site

from .conftest import make_project, mkdocs_build
from .hostile import utf8
from .test_determinism import tree


@pytest.fixture(scope="module")
def good_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("good"))
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr[-4000:]
    return project


@pytest.fixture
def project(good_build: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(good_build, tmp_path / "project", symlinks=True))


def outputs(project: Path) -> dict[str, bytes]:
    return {f"{name}/{k}": v for name in ("docs", "site") for k, v in tree(project / name).items()}


def test_unwritable_page_leaves_docs_and_site_intact(project: Path) -> None:
    before = outputs(project)
    (project / "seeds/new.txt").write_bytes(utf8("new", "新文档 new-ok"))  # every index page changes
    blocker = project / "docs/zh-Hant" / ("index.md" + TMP_SUFFIX)
    blocker.mkdir()  # the pipeline cannot write this page: it fails after staging docs/zh
    result = mkdocs_build(project)
    assert result.returncode != 0 and str(blocker.name) in result.stderr
    blocker.rmdir()
    assert outputs(project) == before
    assert not list(project.rglob("*" + TMP_SUFFIX)) and not list(project.glob(".*.zhdocs-*"))


def test_broken_template_leaves_docs_and_site_intact(project: Path) -> None:
    before = outputs(project)
    (project / "seeds/new.txt").write_bytes(utf8("new", "新文档 new-ok"))  # the pipeline succeeds
    template = project / "overrides/main.html"
    broken = "{% block footer %}{{ page.meta.x.y() }}{% endblock %}"  # fails while pages render
    template.write_text(template.read_text("utf-8") + broken, encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode != 0 and "jinja2.exceptions.UndefinedError" in result.stderr
    assert outputs(project) == before
    assert not list(project.glob(".*.zhdocs-*"))


def test_strict_abort_on_rejection_leaves_docs_and_site_intact(project: Path) -> None:
    """fail_on_rejected: a rejected seed is a warning, so --strict fails and keeps the old output."""
    before = outputs(project)
    (project / "seeds/empty.txt").write_bytes(b"")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace(
        "seeds_dir: seeds\n", "seeds_dir: seeds\n      fail_on_rejected: true\n"), encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode != 0
    assert "WARNING -  zhdocs: rejected empty.txt: empty" in result.stderr
    assert outputs(project) == before
    assert not list(project.glob(".*.zhdocs-*"))


@pytest.mark.parametrize(("setting", "error"), [
    ("seeds_dir: no-such-folder", "seeds_dir"), ("seeds_dir: mkdocs.yml", "is not a folder"),
    ("max_seed_mb: .inf", "max_seed_mb"), ("max_seed_mb: -1", "max_seed_mb"),
    ("max_seed_mb: true", "max_seed_mb"),
])
def test_an_impossible_setting_fails_the_build_and_keeps_the_old_output(
        project: Path, setting: str, error: str) -> None:
    """Not an empty site (a mistyped seeds_dir), every seed rejected (-1), or a traceback (.inf)."""
    before = outputs(project)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace(
        "      seeds_dir: seeds\n", f"      seeds_dir: seeds\n      {setting}\n"), encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode != 0 and "Traceback" not in result.stderr, result.stderr[-3000:]
    errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR") and "zhdocs:" in line]
    assert errors and error in errors[0], result.stderr[-3000:]
    assert outputs(project) == before


def test_write_is_all_or_nothing(tmp_path: Path) -> None:
    config = Config(tmp_path / "seeds", tmp_path / "docs")
    write_site({"zh": {"a.md": "一", "b.md": "二"}, "zh-Hant": {"a.md": "一"}}, "{}", config)
    before = tree(config.docs_dir)
    (config.docs_dir / "zh-Hant/sub").write_text("a file where a folder must go")
    with pytest.raises(OSError):
        write_site({"zh": {"a.md": "新", "b.md": "二"}, "zh-Hant": {"sub/c.md": "三"}}, "{}", config)
    (config.docs_dir / "zh-Hant/sub").unlink()
    assert tree(config.docs_dir) == before


def test_good_build_commits_docs_and_site(project: Path) -> None:
    before = outputs(project)
    (project / "seeds/new.txt").write_bytes(utf8("new", "新文档 new-ok"))
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr[-4000:]
    after = outputs(project)
    assert {"docs/zh/doc/new.md", "site/doc/new/index.html"} <= after.keys() - before.keys()
    assert not list(project.glob(".*.zhdocs-*"))
