"""mkdocs-static-i18n's per-file work, remembered across builds.

For every build of every language, the i18n plugin makes a new `File` of each
file of docs/ (`folder.create_i18n_file`, ~150 µs of pathlib each) and of each
alternate, and tests every file's path against docs/ (`is_relative_to`): at
10,000 documents 60,000 files and 140,000 tests, ~12 s of a profiled 35 s
`mkdocs serve --dirty` rebuild, however few pages changed. Both are pure
functions of strings, so `install` replaces them with versions that remember
their answers: a file made before is a shallow copy of the one made then (its
attributes are strings; `alternates`, which the plugin fills in, is new), the
same object never twice. Installed only for the version read here
(`TESTED_VERSION`); another is left as it is, slower but its own.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Callable

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

TESTED_VERSION = "1.3."  # the release series whose create_i18n_file reads what `_file_key` holds
MAX_FILES = 1 << 18  # a bound on what is remembered: several builds of a 10k-document site
_CreateFile = Callable[[File, str, str, list, MkDocsConfig], File]


def install() -> bool:
    """Put the remembering versions in place (once); whether they are in place."""
    try:
        import mkdocs_static_i18n
        from mkdocs_static_i18n import folder, reconfigure
    except ImportError:
        return False
    if not mkdocs_static_i18n.version.startswith(TESTED_VERSION):
        return False
    if not isinstance(folder.create_i18n_file, RememberedFiles):
        folder.create_i18n_file = RememberedFiles(folder.create_i18n_file)
        reconfigure.is_relative_to = functools.lru_cache(MAX_FILES)(reconfigure.is_relative_to)
    return True


class RememberedFiles:
    """`create_i18n_file`, which makes each distinct file once and copies it after."""

    def __init__(self, create: _CreateFile) -> None:
        self._create = create
        self._made: dict[tuple[object, ...], File] = {}

    def __call__(self, file: File, current_language: str, default_language: str,
                 all_languages: list, config: MkDocsConfig) -> File:
        key = _file_key(file, current_language, default_language, all_languages, config)
        made = self._made.get(key)
        if made is None:
            made = self._create(file, current_language, default_language, all_languages, config)
            if len(self._made) >= MAX_FILES:
                self._made.clear()
            self._made[key] = copy.copy(made)  # as made, before MkDocs gives it a page
            return made
        new = copy.copy(made)
        new.alternates = {current_language: new}  # alternates list the file itself
        return new


def _file_key(file: File, current_language: str, default_language: str, all_languages: list,
              config: MkDocsConfig) -> tuple[object, ...]:
    """All that create_i18n_file reads of its arguments."""
    return (file.src_uri, file.dest_uri, file.inclusion, current_language, default_language,
            tuple(all_languages), config.docs_dir, config.site_dir, config.use_directory_urls)
