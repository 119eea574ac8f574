"""The running app in headless Chromium: filter, read the evidence, download the CSV, open a shared URL.

Screenshots of every page go to $PLEDGE_EXPLORER_SCREENSHOTS (default: <pytest tmp>/screenshots).
"""

from __future__ import annotations

import os
import re
import selectors
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from dashboard_fixtures import seed_corpus_fixture, seed_dir_fixture  # noqa: F401 - fixtures

from dashboard import export, views
from dashboard.filters import Filter, apply_filter
from dashboard.store import ENV_DATA, ENV_UPLOADS, Corpus

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
STARTUP_SECONDS = 60
WAIT_MS = 60_000  # a wait, not a speed target: a run beside other work on two cores took over 30 s for a download
PAGES = {  # url path: (title, what must be visible once the page has rendered)
    "": ("Overview", ".js-plotly-plot"),
    "evidence": ("Evidence", ".pe-passage"),
    "actors": ("Actors", ".js-plotly-plot"),
    "sources": ("Sources", ".pe-passage"),
    "compare": ("Compare sources", '[data-testid="stDataFrame"]'),
    "data": ("Data", '[data-testid="stFileUploader"]'),
}
NO_SKELETONS = "document.querySelectorAll('[data-testid=\"stSkeleton\"]').length === 0"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for_output(proc: subprocess.Popen, pattern: str, seconds: float) -> str:
    """Read the server's raw output until it matches (blocks on the pipe, no sleeping)."""
    selector = selectors.DefaultSelector()
    selector.register(proc.stdout, selectors.EVENT_READ)
    deadline = time.monotonic() + seconds
    seen = b""
    while (left := deadline - time.monotonic()) > 0 and selector.select(timeout=left):
        chunk = os.read(proc.stdout.fileno(), 65536)  # unbuffered: select() sees everything not yet read
        if not chunk:
            break
        seen += chunk
        if re.search(pattern, seen.decode("utf-8", "replace")):
            return seen.decode("utf-8", "replace")
    raise RuntimeError("streamlit did not start:\n" + seen.decode("utf-8", "replace"))


@pytest.fixture(scope="module")
def app_url(seed_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not CHROMIUM.exists():
        pytest.skip("Chromium not installed at /usr/bin/chromium: run `make test` as root to install it")
    port = _free_port()
    env = {**os.environ, ENV_DATA: str(seed_dir), ENV_UPLOADS: str(tmp_path_factory.mktemp("uploads")),
           "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(REPO / "dashboard" / "streamlit_app.py"),
         "--server.port", str(port), "--server.headless", "true", "--server.fileWatcherType", "none",
         "--browser.gatherUsageStats", "false"],
        cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        _wait_for_output(proc, rf"Local URL:.*:{port}", STARTUP_SECONDS)
        threading.Thread(target=proc.stdout.read, daemon=True).start()  # keep the pipe from filling up
        yield f"http://localhost:{port}"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        proc.stdout.close()


@pytest.fixture(scope="module")
def browser_page(app_url: str) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(accept_downloads=True, viewport={"width": 1400, "height": 2200})
        page = context.new_page()
        page.set_default_timeout(WAIT_MS)
        yield page
        context.close()
        browser.close()


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = Path(os.environ.get("PLEDGE_EXPLORER_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _open(page: object, url: str, title: str, ready: str = '[data-testid="stMain"]') -> None:
    """Load a page and wait until its heading and its main content are drawn."""
    page.goto(url)
    page.get_by_role("heading", name=title, exact=True).wait_for()
    page.locator(ready).first.wait_for()
    page.wait_for_function(NO_SKELETONS)


def test_every_page_loads_and_is_saved_as_a_screenshot(browser_page: object, app_url: str, screenshots: Path) -> None:
    page = browser_page
    for path, (title, ready) in PAGES.items():
        _open(page, f"{app_url}/{path}", title, ready)
        assert not page.locator('[data-testid="stException"]').count(), f"{title} shows an exception"
        page.screenshot(path=str(screenshots / f"{path or 'overview'}.png"), full_page=True)
    assert len(list(screenshots.glob("*.png"))) == len(PAGES)


def test_filter_by_country_then_download_the_evidence(browser_page: object, app_url: str, seed_corpus: Corpus,
                                                       tmp_path: Path) -> None:
    page = browser_page
    _open(page, f"{app_url}/evidence", "Evidence")
    sidebar = page.locator('[data-testid="stSidebar"]')
    country = sidebar.locator('[data-testid="stMultiSelect"]').filter(has_text="Country")
    country.locator("input").fill("Russia")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")  # close the option list so it does not cover the widgets below
    sidebar.locator('[data-testid="stRadio"]').get_by_text("speaker", exact=True).click()
    page.wait_for_url(re.compile(r"country=country%3ARUS.*role=speaker|role=speaker.*country=country%3ARUS"))
    expected = views.evidence_table(apply_filter(seed_corpus, Filter(countries=("country:RUS",), role="speaker")))
    page.get_by_role("heading", name=f"{len(expected)} quotes").wait_for()
    passage = page.locator(".pe-passage").first
    passage.wait_for()
    chosen = page.locator(".pe-quote").first.inner_text()
    assert any(q.startswith(chosen) or chosen in q for q in expected["quote"])
    assert passage.locator(".pe-mention").filter(has_text="Russia").count() >= 1

    with page.expect_download() as info:
        page.get_by_role("button", name=re.compile("Download these quotes")).click()
    download = info.value
    assert download.suggested_filename == "evidence_russia.csv"
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    rows = export.read_csv_bytes(target.read_bytes())
    assert len(rows) == len(expected)
    assert sorted(rows["quote"]) == sorted(export.neutralise(expected)["quote"])
    assert set(rows["outlet"]) <= {"Viet Nam News", "The Asian Affairs"}


def test_shared_url_opens_with_its_filters(browser_page: object, app_url: str) -> None:
    page = browser_page
    query = "country=RUS&role=speaker&kind=commitment&topic=vaccines_treatment"
    _open(page, f"{app_url}/evidence?{query}", "Evidence")
    page.get_by_role("heading", name="1 quotes").wait_for()
    assert "Russia is willing to share its experience" in page.locator(".pe-passage").first.inner_text()
    sidebar = page.locator('[data-testid="stSidebar"]')
    assert "Russia" in sidebar.locator('[data-testid="stMultiSelect"]').filter(has_text="Country").inner_text()
    caption = page.get_by_text(re.compile("Commitments by Russia on vaccines and treatment")).first
    caption.wait_for()


def test_article_markup_is_shown_as_text(browser_page: object, app_url: str) -> None:
    """The Asian Affairs boilerplate and text stay text: no element from the article becomes markup."""
    page = browser_page
    _open(page, f"{app_url}/sources", "Sources", ".pe-passage")
    picker = page.locator('[data-testid="stSelectbox"]').filter(has_text="Article")
    picker.click()
    page.get_by_role("option", name=re.compile("ASEAN-Russia foreign ministers meet")).click()
    page.locator(".pe-passage").filter(has_text="expressed willingness").wait_for()
    page.get_by_text("Boilerplate removed from the page").click()
    page.get_by_text(re.compile("Recent Posts")).first.wait_for()
    assert page.locator("script:text('alert')").count() == 0
