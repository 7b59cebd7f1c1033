"""What the reader's search finds, and what it costs them, on a built site.

    python benchmarks/search_recall.py SITE [--queries 质量强市,东莞,…] [--each]

Serves SITE (a `mkdocs build` output), types each query into the search box of
both scripts' home pages in headless Chromium (/usr/bin/chromium) and reads the
result Material was given last. Per script it prints: of the document pages
whose text holds the query, the share found (recall), and what the reader
downloaded for the query beyond the page itself (the small index and query map
once, then full-text shards), raw and gzipped; and how many pages it returned
whose text does not hold the query as one string (the words apart, e.g.). Queries default to the places
and topics benchmarks/synth.py writes documents about, typed in Simplified.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import re
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright
from synth import CITIES, TOPICS

from zhdocs.scripts import to_traditional
from zhdocs.search.fulltext import TAG

CHROMIUM = "/usr/bin/chromium"
SEARCH_FILES = re.compile(r"/search/(search_index|query_map|fulltext/\d+)\.json$")
_ARTICLE = re.compile(r"<article[^>]*>(.*?)</article>", re.S)
# Every result Material is given, recorded as it arrives (zhdocs.js delivers them all).
RECORD_RESULTS = """
const dispatch = Worker.prototype.dispatchEvent;
window.__results = [];
Worker.prototype.dispatchEvent = function (event) {
  if (event.data && event.data.type === 3) {
    window.__results.push(event.data.data.items.map(group => group[0].location.split("#")[0]));
  }
  return dispatch.call(this, event);
};
"""


def article_texts(site: Path, folder: str) -> dict[str, str]:
    """Each searchable document page's article text, by location as the index writes it
    (a merged copy's page only points to its article and is not in the index)."""
    index = json.loads((site / folder / "search/search_index.json").read_text(encoding="utf-8"))
    searchable = {e["location"] for e in index["docs"]}
    texts = {}
    for page in sorted((site / folder / "doc").glob("*/index.html")):
        location = f"doc/{page.parent.name}/"
        article = _ARTICLE.search(page.read_text(encoding="utf-8")) if location in searchable else None
        if article:
            texts[location] = TAG.sub("", article[1])
    return texts


def search(page, query: str) -> list[str]:  # type: ignore[no-untyped-def]
    """The pages of the last result for `query`, once no more results arrive."""
    page.evaluate("window.__results = []")
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    box.press("End")
    seen, quiet = -1, 0
    while quiet < 4:  # 1 s without a new result
        page.wait_for_timeout(250)
        count = page.evaluate("window.__results.length")
        quiet = quiet + 1 if count == seen else 0
        seen = count
    results = page.evaluate("window.__results")
    return results[-1] if results else []


def measure(site: Path, folder: str, queries: list[str], port: int, each: bool) -> dict[str, float]:
    fetched: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        page.add_init_script(RECORD_RESULTS)
        page.on("response", lambda r: fetched.append(r.url) if SEARCH_FILES.search(r.url) else None)
        page.goto(f"http://127.0.0.1:{port}/{folder}{'/' if folder else ''}")
        search(page, "zhdocs")  # the index loads with the first query
        held = found = extra = 0
        texts = article_texts(site, folder)
        for query in queries:
            typed = to_traditional(query) if folder else query
            truth = {location for location, text in texts.items() if typed in text}
            hits = {h for h in search(page, query) if h.startswith("doc/")}
            held += len(truth)
            found += len(truth & hits)
            extra += len(hits - truth)
            if each and truth - hits:
                missed = sorted(truth - hits)
                print(f"  {typed}: {len(truth) - len(missed)} of {len(truth)}; not found e.g. {missed[:3]}")
        browser.close()
    files = [site / folder / SEARCH_FILES.search(u)[0].lstrip("/") for u in dict.fromkeys(fetched)]
    raw = sum(f.stat().st_size for f in files)
    zipped = sum(len(gzip.compress(f.read_bytes(), mtime=0)) for f in files)
    return {"recall": found / held if held else 1.0, "held": held, "found": found, "extra": extra,
            "kb": raw / 1000, "gzip_kb": zipped / 1000, "queries": len(queries)}


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--queries", default=",".join(CITIES + TOPICS))
    parser.add_argument("--each", action="store_true", help="name the queries that miss pages")
    args = parser.parse_args(argv)
    handler = functools.partial(_QuietHandler, directory=str(args.site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    queries = args.queries.split(",")
    for folder in ("", "zh-Hant"):
        r = measure(args.site, folder, queries, httpd.server_address[1], args.each)
        print(f"{folder or 'zh'}: {r['queries']} queries; of {r['held']} (query, page) pairs whose text "
              f"holds the query, found {r['found']} ({r['recall']:.0%}), and {r['extra']} pairs whose text "
              f"does not (its words apart, or in another script); downloaded for all the queries "
              f"{r['kb']:.0f} kB (gzip {r['gzip_kb']:.0f} kB), small index and query map included")
    httpd.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
