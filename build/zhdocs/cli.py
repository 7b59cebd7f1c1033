"""`zhdocs`: the pipeline from the command line.

    zhdocs generate [-v]    seeds/ → docs/ (Markdown in both scripts, corpus.json)
    zhdocs build [ARGS…]    the whole site: `mkdocs build ARGS…` (which runs the pipeline)
    zhdocs clean FILE       one raw file's cleaned Markdown and what cleaning did
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from .config import Config, show_progress
from .model import Document
from .pipeline import STEPS, run
from .render.document import PROVENANCE_START, document_page
from .report import cleaning_counts, merge_lines, summary_lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="zhdocs", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    generate = commands.add_parser("generate", help="run the pipeline: seeds/ → docs/")
    generate.add_argument("--seeds", type=Path, default=Path("seeds"))
    generate.add_argument("--docs", type=Path, default=Path("docs"))
    generate.add_argument("-v", "--verbose", action="store_true", help="also list each merged duplicate")
    commands.add_parser("build", help="build the site with MkDocs (extra args go to mkdocs)")
    one = commands.add_parser("clean", help="print one raw file cleaned, with provenance")
    one.add_argument("file", type=Path)
    args, rest = parser.parse_known_args(argv)
    if args.command == "build":
        return subprocess.call([sys.executable, "-m", "mkdocs", "build", *rest])
    if rest:
        parser.error(f"unrecognized arguments: {' '.join(rest)}")
    if args.command == "generate":
        return _generate(args.seeds, args.docs, verbose=args.verbose)
    return _clean(args.file)


def _generate(seeds: Path, docs_dir: Path, *, verbose: bool) -> int:
    if not seeds.is_dir():
        print(f"zhdocs: seeds folder not found: {seeds}", file=sys.stderr)
        return 2
    result = run(Config(seeds_dir=seeds, docs_dir=docs_dir, progress=show_progress(),
                        cache_dir=Path(".cache/zhdocs")))
    for line in summary_lines(result.docs) + (merge_lines(result.docs) if verbose else []):
        print(f"zhdocs: {line}", file=sys.stderr)
    return 0


def _clean(path: Path) -> int:
    if not path.is_file():
        print(f"zhdocs: not a file: {path}", file=sys.stderr)
        return 2
    config = Config(seeds_dir=path.parent, docs_dir=Path("docs"))
    doc = Document(id=path.stem, seed_path=path.name)
    for _name, per_doc, _corpus in STEPS:  # one file: corpus stages (dedup, learned chrome) do not apply
        if per_doc:
            doc = per_doc(doc, config)
    if doc.reason:
        print(f"zhdocs: {path}: rejected: {doc.reason}", file=sys.stderr)
        return 1
    page = document_page(doc, {doc.id: doc})
    print(page.split(PROVENANCE_START)[0].rstrip("\n") + "\n")
    print("\n".join(provenance_lines(doc)))
    return 0


REMOVED_KINDS = ("boilerplate", "metadata line", "repeated line")


def provenance_lines(doc: Document) -> list[str]:
    """What cleaning did, as plain text: counts, removed lines, repairs, flagged spots."""
    notes = [n for n in doc.notes if n.stage == "clean"]
    counts = cleaning_counts(doc)
    sections = [
        ("counts", [f"{kind}: {n}" for kind, n in counts.items()]),
        ("removed lines", [f"[{n.kind}] {n.detail}" for n in notes if n.kind.startswith(REMOVED_KINDS)]),
        ("repairs (before → after)", [n.detail for n in notes if n.kind == "mojibake repaired"]),
        ("flagged", [n.detail for n in notes if n.kind == "mojibake flagged"]),
    ]
    out = ["# 整理说明 (provenance)"]
    for name, items in sections:
        out.append(f"{name}:" if name == "counts" else f"{name}: {len(items)}")
        out.extend(f"  {item}" for item in items)
    return out


if __name__ == "__main__":
    sys.exit(main())
