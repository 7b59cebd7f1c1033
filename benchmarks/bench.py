"""`make bench`: the pipeline and the site at 100, 1,000 and 10,000 documents.

    python benchmarks/bench.py [--sizes 100,1000,10000] [--mkdocs-max 1000] [--work .cache/bench]

Per size: synthesise the corpus (benchmarks/synth.py), run the pipeline in a
child process (per-stage wall time and MB/s of seed bytes, documents/s, peak
memory of the whole process tree as PSS), one single-core `jieba.lcut` pass
over the same decoded text (the floor), and `mkdocs build` on sizes up to
--mkdocs-max (its time includes the pipeline, which MkDocs runs through the
plugin), with the size of the search index and of the whole site, and
`mkdocs build` again after one seed changed (every cache warm), and how long
`mkdocs serve --dirty` takes to show a changed seed's page (and its CPU
while it waits for changes). At the
middle size also: the clean stage on damaged vs undamaged seeds, and OpenCC's
share of a one-process build. Every measurement runs in its own process.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

from children import ADDED, CHILDREN, changed_seed, one_seed_changed

from zhdocs.pipeline import STEPS

ROOT = Path(__file__).resolve().parent.parent
IDLE_SECONDS = 10  # the serve's CPU is measured over this long, before the first change
SETTLE_SECONDS = 5  # after each serve build: 2 s after one, the server sets aside what lasts (~1 s)
SERVE_CHANGES = 3  # seed edits while serving (adding the paragraph, taking it out, adding it): the median
# Every step of pipeline.STEPS, then rendering and writing, in the order they run.
STAGES = (*(name for name, _, _ in STEPS), "render zh", "render zh-Hant", "write")


# ---- the parent: runs children, samples memory, prints the table -----------------------------

def measure(kind: str, *args: str) -> tuple[dict, float]:
    """A child's JSON answer (with the CPU seconds of its process tree) and its peak PSS (MB).

    CPU time is what other users of a shared machine do not change; wall time is."""
    command = ["nice", "-n", "10", sys.executable, __file__, "--child", kind, *args]
    before = _cpu_of_children()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    peak = _PeakMemory(proc.pid)
    peak.start()
    output, _ = proc.communicate()
    peak.stop = True
    peak.join()
    if proc.returncode:
        raise SystemExit(f"bench: child {kind} {args} failed ({proc.returncode})")
    answer = json.loads(output.strip().splitlines()[-1])
    answer["cpu_seconds"] = _cpu_of_children() - before
    return answer, peak.mb


def _cpu_of_children() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)  # reaped children and their reaped children
    return usage.ru_utime + usage.ru_stime


class _PeakMemory(threading.Thread):
    """Polls the proportional set size (shared pages counted once) of a process tree."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.mb, self.stop = pid, 0.0, False

    def run(self) -> None:
        while not self.stop:
            self.mb = max(self.mb, sum(_pss_kb(p) for p in _tree(self.pid)) / 1024)
            time.sleep(0.2)


def _tree(root: int) -> list[int]:
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    found, frontier = [root], [root]
    while frontier:
        frontier = [pid for pid, parent in parents.items() if parent in frontier]
        found += frontier
    return found


def _pss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def synthesise(size: int, work: Path) -> Path:
    corpus = work / f"corpus-{size}"
    done = corpus / ".synth-done"  # hidden: the pipeline ignores it
    if not done.is_file():
        shutil.rmtree(corpus, ignore_errors=True)
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "synth.py"), str(size), str(corpus)],
                       check=True, stdout=subprocess.DEVNULL)
        done.touch()
    return corpus


def mkdocs_site(corpus: Path, work: Path, size: int) -> dict[str, float]:
    """`mkdocs build` of a copy of the project around the corpus; time and sizes."""
    project = work / f"project-{size}"
    shutil.rmtree(project, ignore_errors=True)
    project.mkdir(parents=True)
    for name in ("mkdocs.yml", "overrides", "docs/assets"):
        copy = shutil.copytree if (ROOT / name).is_dir() else shutil.copy
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        copy(ROOT / name, project / name)
    (project / "seeds").symlink_to(corpus.resolve())
    seconds = _mkdocs_build(project)
    site = project / "site"
    index = [p for p in site.rglob("*") if p.is_file() and _is_search_index(p, site)]
    shards = [p for p in site.rglob("*.json") if "fulltext" in p.relative_to(site).parts]
    sizes = {"search_mb": _mb(index), "fulltext_mb": _mb(shards), "site_mb": _mb(site.rglob("*"))}
    with one_seed_changed(corpus):
        again = _mkdocs_build(project)  # a maintainer's next build: every cache warm
    return {"seconds": seconds, "rebuild_seconds": again, **sizes, **_serve_dirty(project, corpus)}


def _serve_dirty(project: Path, corpus: Path) -> dict[str, float]:
    """`mkdocs serve --dirty` (`make serve`): seconds from one seed changing until
    the server shows its page changed (after a first, full build into its own
    folder; the median of SERVE_CHANGES, each after the server settled, as a
    person reads the page between edits), and the server's CPU while it waits
    for changes (share of one core, once settled)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = project / "serve.log"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "CI": "1"}
    with log.open("w") as out:
        server = subprocess.Popen(
            ["nice", "-n", "10", sys.executable, "-m", "mkdocs", "serve", "--dirty",
             "-a", f"127.0.0.1:{port}"],
            cwd=project, env=env, stdout=out, stderr=subprocess.STDOUT, preexec_fn=_interruptible)
    try:
        _until(lambda: "Serving on" in log.read_text(encoding="utf-8", errors="replace"), server, log)
        time.sleep(SETTLE_SECONDS)
        idle_cpu = _cpu_seconds(server.pid)
        time.sleep(IDLE_SECONDS)
        idle_cpu = (_cpu_seconds(server.pid) - idle_cpu) / IDLE_SECONDS
        url = f"http://127.0.0.1:{port}/doc/{changed_seed(corpus).stem}/"
        seconds = []
        start = time.perf_counter()
        with one_seed_changed(corpus) as change:  # the first edit
            for edit in range(SERVE_CHANGES):
                added = edit % 2 == 0
                if edit:
                    start = time.perf_counter()
                    change(added)
                _until(lambda: (ADDED in _fetch(url)) == added, server, log, every=0.25)  # noqa: B023
                seconds.append(time.perf_counter() - start)
                time.sleep(SETTLE_SECONDS)
        return {"serve_dirty_seconds": statistics.median(seconds), "serve_idle_cpu": idle_cpu}
    finally:
        server.send_signal(signal.SIGINT)  # as Ctrl-C: MkDocs removes its temporary site (~500 MB at 10k)
        server.wait(timeout=60)


def _interruptible() -> None:
    """In the server's process before it starts: Ctrl-C's signal as by default.
    A bench run in the background of a shell without job control (`make bench &`)
    ignores SIGINT, and Python keeps an ignored SIGINT ignored: the server would
    never stop."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _cpu_seconds(pid: int) -> float:
    """User and system CPU seconds of a process, all its threads (/proc/PID/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _until(done: Callable[[], bool], server: subprocess.Popen[bytes], log: Path, every: float = 0.5) -> None:
    while not done():
        if server.poll() is not None:
            raise RuntimeError(f"mkdocs serve exited ({server.returncode}): {log.read_text()[-2000:]}")
        time.sleep(every)


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _mkdocs_build(project: Path) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "CI": "1"}
    start = time.perf_counter()
    subprocess.run(["nice", "-n", "10", sys.executable, "-m", "mkdocs", "build", "--quiet"],
                   cwd=project, env=env, check=True)
    return time.perf_counter() - start


def _is_search_index(path: Path, site: Path) -> bool:
    parts = path.relative_to(site).parts
    return path.name == "search_index.json" or "pagefind" in parts


def _mb(paths: object) -> float:
    return sum(p.stat().st_size for p in paths if p.is_file()) / 1e6  # type: ignore[attr-defined]


def bench_size(size: int, work: Path, args: argparse.Namespace) -> dict[str, object]:
    corpus = synthesise(size, work)
    seed_mb = _mb(p for p in corpus.rglob("*") if not p.name.startswith("."))
    out = work / f"docs-{size}"
    shutil.rmtree(out, ignore_errors=True)
    row: dict[str, object] = {"size": size, "seed_mb": seed_mb}
    row["pipeline"], row["peak_mb"] = measure("pipeline", str(corpus), str(out), str(args.workers))
    row["incremental"], _ = measure("incremental", str(corpus), str(out), str(args.workers))
    row["floor"], _ = measure("floor", str(corpus))
    if size <= args.mkdocs_max:
        row["mkdocs"] = mkdocs_site(corpus, work, size)
    if size == args.detail_size:
        row["clean_split"], _ = measure("clean-split", str(corpus))
        row["opencc"], _ = measure("opencc", str(corpus), str(work / f"docs-{size}-opencc"))
    print(json.dumps(row), file=sys.stderr)
    return row


def machine() -> str:
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor())
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return f"{model}, {os.cpu_count()} cores, Python {platform.python_version()}, load {load}"


def table(rows: list[dict]) -> list[str]:
    """The README's table: one column per size."""
    lines = ["| | " + " | ".join(f"{r['size']:,} docs" for r in rows) + " |",
             "| --- |" + " ---: |" * len(rows)]
    for label, cell in _ROWS:
        lines.append(f"| {label} | " + " | ".join(cell(r) for r in rows) + " |")
    return lines


def _stage(name: str):  # noqa: ANN202 - a cell function
    def cell(r: dict) -> str:
        seconds = r["pipeline"]["timings"].get(name, 0.0)
        return f"{seconds:.2f} s ({r['seed_mb'] / seconds:.1f} MB/s)" if seconds else "–"
    return cell


def _mkdocs(key: str, unit: str, percent: bool = False):  # noqa: ANN202 - a cell function
    def cell(r: dict) -> str:
        if "mkdocs" not in r:
            return "not run (--mkdocs-max)"
        if key not in r["mkdocs"]:
            return "not measured"  # by an older run
        return f"{r['mkdocs'][key]:.1%}" if percent else f"{r['mkdocs'][key]:.1f} {unit}"
    return cell


def _cleaned_again(computed: dict[str, int]) -> int:
    """Documents the per-document pass that starts with `read` computed (not from the cache)."""
    return next((n for name, n in computed.items() if name.startswith("read")), 0)


_ROWS = [
    ("seed files / published pages", lambda r: f"{r['pipeline']['docs']:,} / {r['pipeline']['published']:,}"),
    ("seed text", lambda r: f"{r['seed_mb']:.1f} MB"),
    *((f"{name}", _stage(name)) for name in STAGES),
    ("**pipeline** (wall)", lambda r: f"**{r['pipeline']['seconds']:.1f} s**"),
    ("documents/s", lambda r: f"{r['pipeline']['docs'] / r['pipeline']['seconds']:.0f}"),
    ("**jieba.lcut floor** (1 core)", lambda r: f"**{r['floor']['seconds']:.1f} s** "
                                                f"({r['floor']['mb'] / r['floor']['seconds']:.2f} MB/s)"),
    ("pipeline ÷ floor (wall)", lambda r: f"{r['pipeline']['seconds'] / r['floor']['seconds']:.2f}"),
    ("CPU: pipeline (all processes) / floor", lambda r: f"{r['pipeline']['cpu_seconds']:.1f} s / "
                                                        f"{r['floor']['cpu_seconds']:.1f} s"),
    ("one seed changed: rebuild (cached)", lambda r: f"{r['incremental']['seconds']:.1f} s"),
    ("…documents cleaned again / pages rendered again (index pieces converted)",
     lambda r: f"{_cleaned_again(r['incremental']['computed'])} / "
               f"{r['incremental']['computed'].get('pages', 0)} "
               f"({r['incremental']['computed'].get('zh-Hant', 0)})"),
    ("peak memory, all processes (PSS)", lambda r: f"{r['peak_mb']:.0f} MB"),
    ("peak RSS, main process", lambda r: f"{r['pipeline']['main_rss_mb']:.0f} MB"),
    ("`mkdocs build` (incl. pipeline)", _mkdocs("seconds", "s")),
    ("…again, one seed changed (caches warm)", _mkdocs("rebuild_seconds", "s")),
    ("`mkdocs serve --dirty`: one seed changed until its page shows it (median of 3)",
     _mkdocs("serve_dirty_seconds", "s")),
    ("…its CPU while waiting for changes (of one core)", _mkdocs("serve_idle_cpu", "", percent=True)),
    ("search index (both scripts)", _mkdocs("search_mb", "MB")),
    ("full-text shards, fetched per query word (both scripts)", _mkdocs("fulltext_mb", "MB")),
    ("whole site", _mkdocs("site_mb", "MB")),
]


def notes(rows: list[dict]) -> list[str]:
    lines = []
    for r in rows:
        if "clean_split" in r:
            split = r["clean_split"]
            speeds = {k: f"{v['mb'] / v['seconds']:.2f} MB/s ({v['docs']} docs)"
                      for k, v in split.items() if k != "cpu_seconds"}
            lines.append(f"clean, one process, {r['size']:,} docs: damaged {speeds['damaged']}, "
                         f"undamaged {speeds['undamaged']}")
            cc = r["opencc"]
            lines.append(f"OpenCC ({cc['module']}) in a one-process build of {r['size']:,} docs: "
                         f"{cc['seconds']:.1f} s of {cc['build_seconds']:.1f} s "
                         f"({cc['seconds'] / cc['build_seconds']:.0%}), {cc['chars'] / 1e6:.1f} M chars "
                         f"at {cc['chars'] * 3 / 1e6 / cc['seconds']:.1f} MB/s")
    for r in rows:
        timings = r["incremental"].get("timings", {})
        stages = ", ".join(f"{k} {v:.2f}" for k, v in timings.items() if v >= 0.05)
        if stages:
            lines.append(f"one seed changed in {r['size']:,} docs, seconds per stage: {stages}")
    for a, b in zip(rows, rows[1:], strict=False):
        grow = [f"{n} ×{b['pipeline']['timings'][n] / max(a['pipeline']['timings'][n], 1e-9):.1f}"
                for n in ("dedup", "metadata", "link")]
        lines.append(f"growth {a['size']:,} → {b['size']:,} docs (×{b['size'] / a['size']:.0f}): "
                     + ", ".join(grow))
    pairs = [(r["size"], r["pipeline"].get("dedup_pairs") or {}) for r in rows]
    if all(p for _, p in pairs):
        lines.append("dedup pairs, LSH candidates / verified exactly / all pairs: " + "; ".join(
            f"{size:,} docs {p['candidates']:,} / {p['verified']:,} / {size * (size - 1) // 2:,}"
            for size, p in pairs))
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--mkdocs-max", type=int, default=1000,
                        help="run `mkdocs build` only up to this size (10k takes very long)")
    parser.add_argument("--detail-size", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=0)
    parser.add_argument("--work", type=Path, default=ROOT / ".cache" / "bench")
    parser.add_argument("--rows", type=Path, help="print the table from a run's JSON lines (stderr)")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        kind, *rest = args.child
        params = [Path(a) if not a.isdigit() else int(a) for a in rest]
        print(json.dumps(CHILDREN[kind](*params)))
        return 0
    if args.rows:
        rows = [json.loads(line) for line in args.rows.read_text().splitlines() if line.startswith("{")]
    else:
        print(f"machine: {machine()}")
        rows = [bench_size(int(n), args.work, args) for n in args.sizes.split(",")]
    print("\n".join(["", *table(rows), "", *notes(rows)]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
