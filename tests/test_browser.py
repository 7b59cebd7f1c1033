"""The built site in headless Chromium (Debian's, never a downloaded browser):
search in both scripts and the script switch, as a reader uses them."""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

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
    # Material's language switch probes sitemap.xml next to the page it leaves and
    # falls back to the plain link when the probe 404s; every other failure counts.
    assert [u for u in failed if not u.endswith("/sitemap.xml")] == []
    assert [e for e in errors if not e.startswith("Failed to load resource")] == []


def search(page, query: str) -> list[str]:  # type: ignore[no-untyped-def]
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").fill(query)
    # Material reads the query on keyup (fill() sends only `input`): without a
    # real key event the search runs only if a focus event happens to land late.
    page.keyboard.press("End")
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    return page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.href)")


SEARCHES = [
    # (site, query, a document that must be found)
    ("/", "质量强市", "001_83d85754c8f55ec4"),
    ("/", "东莞", "000_12dd08e151866e2b"),
    ("/", "標準化", "004_40c07d170599156d"),
    ("/zh-Hant/", "質量強市", "001_83d85754c8f55ec4"),
]


@pytest.mark.parametrize(("site", "query", "expected"), SEARCHES)
def test_search_finds_documents(server: str, page, site: str, query: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + site)
    hits = search(page, query)
    assert any(f"/doc/{expected}/" in h for h in hits), hits
    ARTIFACTS.mkdir(exist_ok=True)
    name = f"search-{'hant' if 'Hant' in site else 'hans'}-{query}.png"
    page.screenshot(path=str(ARTIFACTS / name))


def test_open_result_and_switch_script(server: str, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/")
    hits = search(page, "番禺")
    target = next(h for h in hits if "/doc/004_40c07d170599156d/" in h)
    page.goto(target)
    assert "番禺区" in page.inner_text("h1")
    page.hover(".md-header__option .md-select")
    page.click('a[hreflang="zh-Hant"]')
    page.wait_for_url("**/zh-Hant/doc/004_40c07d170599156d/**")
    assert "番禺區" in page.inner_text("h1")
    assert page.get_attribute("html", "lang") == "zh-Hant"
    page.screenshot(path=str(ARTIFACTS / "switched-to-hant.png"))
