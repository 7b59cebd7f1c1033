"""mkdocs-static-i18n's files, made once and copied after (`zhdocs.i18n_files`),
against the plugin's own `create_i18n_file` on real MkDocs files."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, InclusionLevel
from mkdocs_static_i18n import folder, reconfigure

from zhdocs.i18n_files import RememberedFiles, install

LANGUAGES = ["zh", "zh-Hant"]
PATHS = ["zh/index.md", "zh/doc/a.md", "zh-Hant/index.md", "zh-Hant/doc/a.md", "assets/site.css"]


@pytest.fixture
def config(tmp_path: Path) -> MkDocsConfig:
    (tmp_path / "docs").mkdir()
    config = MkDocsConfig(config_file_path=str(tmp_path / "mkdocs.yml"))
    config.load_dict({"site_name": "t", "docs_dir": str(tmp_path / "docs"),
                      "site_dir": str(tmp_path / "site")})
    errors, _ = config.validate()
    assert not errors
    return config


def _files(config: MkDocsConfig) -> list[File]:
    return [File(path, config.docs_dir, config.site_dir, config.use_directory_urls,
                 inclusion=InclusionLevel.NOT_IN_NAV if "/doc/" in path else InclusionLevel.UNDEFINED)
            for path in PATHS]


def _state(file: File) -> dict[str, object]:
    """Everything the plugin set on the file, its alternates as what they point at."""
    state = {name: value for name, value in vars(file).items() if name != "alternates"}
    state["alternates"] = {lang: alt is file for lang, alt in file.alternates.items()}
    return state


def test_a_remembered_file_is_what_the_plugin_makes_and_a_new_object_each_time(config: MkDocsConfig) -> None:
    original = _unwrapped()
    remembered = RememberedFiles(original)
    for language in LANGUAGES:  # every file for both builds, twice: made, then copied
        for _ in range(2):
            for file in _files(config):
                made = remembered(file, language, "zh", LANGUAGES, config)
                expected = original(file, language, "zh", LANGUAGES, config)
                assert _state(made) == _state(expected), (file.src_uri, language)
                made.page = object()  # what MkDocs does to it: never seen by the next build
                made.alternates["zh-Hant"] = made
    again = remembered(_files(config)[1], "zh", "zh", LANGUAGES, config)
    assert again.page is None and list(again.alternates) == ["zh"]


def test_the_plugin_gets_the_remembering_version_once() -> None:
    before = folder.create_i18n_file, reconfigure.is_relative_to
    original = _unwrapped()
    try:
        assert install() and install()
        assert isinstance(folder.create_i18n_file, RememberedFiles)
        assert folder.create_i18n_file._create is original  # not wrapped twice
        assert reconfigure.is_relative_to("/docs/zh/a.md", "/docs")
        assert not reconfigure.is_relative_to("/other/zh/a.md", "/docs")
    finally:
        folder.create_i18n_file, reconfigure.is_relative_to = before


def _unwrapped() -> object:
    """The plugin's own create_i18n_file, should a build in this process have installed ours."""
    found = folder.create_i18n_file
    return found._create if isinstance(found, RememberedFiles) else found
