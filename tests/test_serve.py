"""`mkdocs serve` rebuilds from a changed seed (the incremental cache keeps it quick)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.conftest import free_port, make_project

SEED = "001_83d85754c8f55ec4"
ADDED = "本段为修订后新增的内容，用于检验预览是否更新。"


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


def test_serve_picks_up_a_changed_seed(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with (tmp_path / "serve.log").open("w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}/doc/{SEED}/"
        assert _wait_for(url, "</html>", 180), (tmp_path / "serve.log").read_text()[-3000:]
        assert ADDED not in _fetch(url)
        seed = project / "seeds" / f"{SEED}.txt"
        seed.write_text(seed.read_text(encoding="utf-8") + f"\n{ADDED}\n", encoding="utf-8")
        assert _wait_for(url, ADDED, 180), (tmp_path / "serve.log").read_text()[-3000:]
    finally:
        server.terminate()
        server.wait(timeout=30)
