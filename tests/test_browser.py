"""The built site in headless Chromium (Debian's, never a downloaded browser):
search in both scripts and the script switch, as a reader uses them."""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from zhdocs.search import FULLTEXT_SHARDS, fulltext

from .conftest import ROOT, SITE_PORT

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]

if not CHROMIUM.exists():
    if os.environ.get("ZHDOCS_REQUIRE_BROWSER"):
        raise RuntimeError("browser tests required but /usr/bin/chromium is missing")
    pytest.skip("Debian chromium not installed (scripts/ensure-chromium)", allow_module_level=True)

playwright = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(built_site: Path) -> Iterator[str]:
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(built_site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", SITE_PORT), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with playwright.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    errors: list[str] = []
    failed: list[str] = []
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    yield tab
    context.close()
    assert failed == []  # not one 404: the script switch no longer probes for sitemaps
    assert errors == []


def search(page, query: str) -> list[str]:  # type: ignore[no-untyped-def]
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    for _ in range(30):  # Material reads the query on keyup, once its index has loaded
        box.press("End")
        if page.locator(".md-search-result__item").count():
            break
        page.wait_for_timeout(500)
    page.wait_for_selector(".md-search-result__item", timeout=1000)
    return page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.href)")


HANS, HANT = "/", "/zh-Hant/"
SHANWEI, DONGGUAN, PANYU = "003_c466d4eea8e104ae", "001_83d85754c8f55ec4", "004_40c07d170599156d"
SEARCHES = [
    # (site, query, documents that must be found): each query in both scripts on both sites
    (site, query, expected)
    for site in (HANS, HANT)
    for query, expected in (
        ("质量强市", (SHANWEI, DONGGUAN)), ("質量強市", (SHANWEI, DONGGUAN)),
        ("东莞", (DONGGUAN, "000_12dd08e151866e2b")), ("標準化", (PANYU,)),
    )
]


@pytest.mark.parametrize(("site", "query", "expected"), SEARCHES)
def test_search_finds_documents_in_either_script(server: str, page, site: str, query: str,
                                                 expected: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + site)
    hits = search(page, query)
    for doc_id in expected:  # results stay in the site's script
        assert any(h.startswith(f"{server}{site}doc/{doc_id}/") for h in hits), (doc_id, hits)
    assert all(("/zh-Hant/" in h) == (site == HANT) for h in hits), hits
    assert "\u200b" not in page.inner_text(".md-search-result")  # readable snippets
    if len(query) == 4:  # both words count: a document with both comes first
        assert any(f"/doc/{d}/" in hits[0] for d in expected), hits
    ARTIFACTS.mkdir(exist_ok=True)
    name = f"search-{'hant' if site == HANT else 'hans'}-{query}.png"
    page.screenshot(path=str(ARTIFACTS / name))


@pytest.mark.parametrize(("site", "query"), [(site, query) for site in (HANS, HANT)
                                             for query in ("儿童玩具", "兒童玩具", "假冒伪劣")])
def test_search_finds_words_only_a_body_holds(server: str, built_site: Path, page, site: str,  # type: ignore[no-untyped-def]
                                               query: str) -> None:
    """No title, heading or lead holds these words (tests/test_site.py checks): the page
    is found through the full-text shards, and its link highlights the word there."""
    shards: set[int] = set()
    page.on("request", lambda r: shards.add(int(r.url.rsplit("/", 1)[1].removesuffix(".json")))
            if "/fulltext/" in r.url else None)
    page.goto(server + site)
    search(page, query)  # the small index may answer first: the shards' pages follow
    selector = f'.md-search-result__item a[href*="/doc/{SHANWEI}/"]'
    with contextlib.suppress(playwright.TimeoutError):  # absent: the assertion below says so
        page.wait_for_selector(selector, timeout=10_000)
    hits = page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.href)")
    # The browser fetched the shards the build filed the query's suffixes under (its hash is Python's).
    folder = built_site / site.strip("/")
    to_site = json.loads((folder / "search/query_map.json").read_text("utf-8"))
    count = json.loads((folder / "search/search_index.json").read_text("utf-8"))["config"][FULLTEXT_SHARDS]
    typed = "".join(to_site.get(c, c) for c in query)
    assert shards == {fulltext.shard_of(typed[i:], count) for i in range(len(typed))}
    assert any(h.startswith(f"{server}{site}doc/{SHANWEI}/") for h in hits), hits
    assert all(("/zh-Hant/" in h) == (site == HANT) for h in hits), hits
    link = page.locator(selector).first
    link.click()
    page.wait_for_url(f"**/doc/{SHANWEI}/**")
    with contextlib.suppress(playwright.TimeoutError):  # Material highlights once its script has run
        page.wait_for_selector("article mark", timeout=10_000)
    assert page.locator("article mark").count() >= 1  # the word the page was found by


def test_open_a_result_and_switch_script_in_the_same_section(server: str, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + HANS)
    search(page, "番禺")
    page.locator(f'.md-search-result__item a[href*="/doc/{PANYU}/"]').first.click()
    page.wait_for_url(f"**/doc/{PANYU}/**")
    assert "番禺区" in page.inner_text("h1")
    section = page.eval_on_selector("article h2[id]", "h => h.id")
    page.goto(f"{server}/doc/{PANYU}/#{section}")
    page.hover(".md-header__option .md-select")
    page.click('a[hreflang="zh-Hant"]')
    page.wait_for_url(f"**/zh-Hant/doc/{PANYU}/#{section}")
    assert "番禺區" in page.inner_text("h1")
    assert page.get_attribute("html", "lang") == "zh-Hant"
    page.hover(".md-header__option .md-select")
    page.click('a[hreflang="zh"]')
    page.wait_for_url(f"{server}/doc/{PANYU}/#{section}")
    assert page.get_attribute("html", "lang") == "zh"
    page.screenshot(path=str(ARTIFACTS / "switched-back-to-hans.png"))


def test_missing_page_is_answered_in_both_scripts(server: str, browser) -> None:  # type: ignore[no-untyped-def]
    tab = browser.new_page()
    response = tab.goto(server + "/404.html")
    assert response.status == 200 and "页面不存在" in tab.inner_text("h1")
    assert "頁面不存在" in tab.inner_text("[lang=zh-Hant] h1")
    tab.close()


def test_print_shows_the_document_only_and_dark_mode_follows_the_system(server: str, page) -> None:  # type: ignore[no-untyped-def]
    page.emulate_media(media="screen", color_scheme="dark")  # before Material saves a choice
    page.goto(f"{server}/zh-Hant/doc/{DONGGUAN}/")
    assert page.get_attribute("body", "data-md-color-scheme") == "slate"
    page.emulate_media(media="print")
    assert page.is_hidden(".md-header") and page.is_hidden(".md-sidebar--primary")
    assert page.is_visible("article h1")
