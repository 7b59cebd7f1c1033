"""`mkdocs serve` rebuilds from a changed seed (the incremental cache keeps it quick),
and `mkdocs serve --dirty`, which renders only the changed pages, still indexes them all."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

from tests.conftest import free_port, make_project, mkdocs_build

SEED = "001_83d85754c8f55ec4"
ADDED = "本段为修订后新增的内容，用于检验预览是否更新。"
SET_ASIDE = "objects of earlier builds left out of the collector's scans"  # logged with --verbose


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _wait_for(url: str, text: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in _fetch(url):
            return True
        time.sleep(1)
    return False


def _wait_for_log(log: Path, text: str, count: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while log.read_text().count(text) < count and time.monotonic() < deadline:
        time.sleep(0.5)
    return log.read_text().count(text) >= count


def _add_a_paragraph(project: Path) -> None:
    seed = project / "seeds" / f"{SEED}.txt"
    seed.write_text(seed.read_text(encoding="utf-8") + f"\n{ADDED}\n", encoding="utf-8")


def _search_files(read: Callable[[str], str]) -> dict[str, str]:
    """Both scripts' search index, query map and full-text shards, by path in the site."""
    found = {}
    for folder in ("", "zh-Hant/"):
        index = read(f"{folder}search/search_index.json")
        found[f"{folder}search/search_index.json"] = index
        found[f"{folder}search/query_map.json"] = read(f"{folder}search/query_map.json")
        shards = json.loads(index)["config"]["zhdocs_fulltext_shards"] if index else 0
        for number in range(shards):
            path = f"{folder}search/fulltext/{number}.json"
            found[path] = read(path)
    return found


def _serving(project: Path, log: Path, *options: str) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with log.open("w") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", *options],
            cwd=project, env=env, stdout=out, stderr=subprocess.STDOUT)
    return server, f"http://127.0.0.1:{port}/"


def _stop(server: subprocess.Popen[bytes]) -> None:
    """As Ctrl-C stops it: MkDocs and the plugins clean up after themselves (SIGTERM
    would leave MkDocs' temporary site behind, and the seed watcher's signal)."""
    server.send_signal(signal.SIGINT)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(timeout=30)


def test_serve_polling_the_seeds_picks_up_a_changed_seed(tmp_path: Path) -> None:
    """`poll_seeds` (for network and Docker-mounted folders) leaves the seeds to MkDocs'
    polling; the default, file notifications, is tested with the dirty serve below."""
    project = make_project(tmp_path)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "      seeds_dir: seeds\n", "      seeds_dir: seeds\n      poll_seeds: true\n"), encoding="utf-8")
    log = tmp_path / "serve.log"
    server, site = _serving(project, log)
    try:
        url = f"{site}doc/{SEED}/"
        assert _wait_for(url, "</html>", 180), log.read_text()[-3000:]
        assert ADDED not in _fetch(url)
        started = log.read_text()
        assert "(poll_seeds is set)" in started and "'seeds'" in started, started[-3000:]
        _add_a_paragraph(project)
        assert _wait_for(url, ADDED, 180), log.read_text()[-3000:]
        # docs/ is still watched where zhdocs does not write: an edited stylesheet is served
        css = project / "docs" / "assets" / "stylesheets" / "zhdocs.css"
        css.write_text(css.read_text(encoding="utf-8") + "\n/* edited */\n", encoding="utf-8")
        assert _wait_for(f"{site}assets/stylesheets/zhdocs.css", "/* edited */", 180)
    finally:
        _stop(server)


def test_dirty_serve_indexes_every_page_as_a_full_build_does(tmp_path: Path) -> None:
    """Only the changed pages are rendered again, yet the search files are those
    of a full build of the changed seeds: every page, no stale entry."""
    (tmp_path / "serve").mkdir()
    project = make_project(tmp_path / "serve")
    full = tmp_path / "full"
    shutil.copytree(project, full)
    _add_a_paragraph(full)
    built = mkdocs_build(full)
    assert built.returncode == 0, built.stderr[-3000:]
    expected = _search_files(lambda path: (full / "site" / path).read_text(encoding="utf-8"))
    log = tmp_path / "serve.log"
    server, site = _serving(project, log, "--dirty", "--verbose")
    try:
        url = f"{site}doc/{SEED}/"
        assert _wait_for(url, "</html>", 180), log.read_text()[-3000:]
        # the seeds by file notifications, MkDocs polls only the signal they replace
        assert "by file notifications" in log.read_text() and "'seeds'" not in log.read_text()
        assert _search_files(lambda path: _fetch(site + path)) != expected
        # while the server waits, it sets aside what lasts from the first build (not at the rebuild)
        assert _wait_for_log(log, SET_ASIDE, 1, 30), log.read_text()[-3000:]
        _add_a_paragraph(project)
        assert _wait_for(url, ADDED, 180), log.read_text()[-3000:]
        deadline = time.monotonic() + 60  # the search files are written after the pages
        while _search_files(lambda path: _fetch(site + path)) != expected and time.monotonic() < deadline:
            time.sleep(1)
        assert _search_files(lambda path: _fetch(site + path)) == expected, log.read_text()[-3000:]
        assert "not in the search index" not in log.read_text()
        # a build that zhdocs' own writes to docs/, or its reads of the changed seed, would
        # trigger starts in ~0.5 s
        time.sleep(5)
        assert log.read_text().count("Documentation built in") == 2, log.read_text()[-3000:]
        # Material's own index (replaced by zhdocs) holds the rendered pages alone, not the last one too
        sizes = re.findall(r"Material full text, both scripts ([\d.]+) kB", log.read_text())
        material = [float(kb) for kb in sizes]
        assert len(material) >= 2 and material[-1] < material[0], material
        # ... and, once idle again, what lasts from the rebuild; the rebuild itself did not
        assert log.read_text().count(SET_ASIDE) == 2, log.read_text()[-3000:]
        # templates are compiled once per process: by the first script's build, for every later one
        reports = [tuple(map(int, counts)) for counts in
                   re.findall(r"zhdocs: templates compiled (\d+), reused (\d+)", log.read_text())]
        assert len(reports) == 2 and reports[0] > (0, 0) and reports[1][0] == 0 < reports[1][1], reports
        # a dirty build does not gzip the index for its log line (~1 s at 10k documents)
        lines = re.findall(r"zhdocs: search index .*", log.read_text())
        assert len(lines) >= 2 and not any("gzip" in line for line in lines), lines
    finally:
        _stop(server)
    signals = set(re.findall(r"'([^']*seeds-changed)'", log.read_text()))
    assert len(signals) == 1 and not Path(signals.pop()).parent.exists(), signals  # removed at shutdown
