"""Browser tests with Playwright (sync API) and Debian's Chromium against the live server.

Playwright's own browser builds are never downloaded: we always start /usr/bin/chromium.
Run with `make e2e` (or `pytest -m e2e e2e`). Screenshots land in e2e/screenshots/ (gitignored).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("OPBOUW_E2E_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
DEMO_PASSWORD = "demo-opbouw"
VIEWPORT_HEIGHT = 800
DEFAULT_TIMEOUT_MS = 10_000


def pytest_collection_modifyitems(config, items):
    """Skip browser tests cleanly on a machine without Chromium or Playwright."""
    missing = None
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        missing = f"Chromium not found at {CHROMIUM}"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            missing = "the Python package playwright is not installed"
    if missing:
        skip = pytest.mark.skip(reason=missing)
        for item in items:
            if item.get_closest_marker("e2e"):
                item.add_marker(skip)


@pytest.fixture(scope="session")
def browser() -> Iterator:
    """One headless Chromium for the whole run."""
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an asyncio event loop running in the test thread; Django's ORM
    # would then refuse to run there (SynchronousOnlyOperation) when a test or fixture loads
    # demo data or checks the database. No connection is shared with that loop, so the check is
    # switched off, but only while the browser lives: unit tests in the same run keep it.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS,
            )
            try:
                yield browser
            finally:
                browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def site(transactional_db, live_server):
    """The live server with the tiny demo data set loaded; returns the base URL."""
    from opbouw.demo.generate import demo_data_load

    demo_data_load(scale="tiny", seed=2008)
    return live_server.url


@pytest.fixture
def new_page(browser) -> Iterator[Callable]:
    """Return a factory: `new_page(360)` opens a fresh page that wide, in a Dutch browser."""
    contexts = []

    def _new_page(width: int, *, locale: str = "nl-NL"):
        context = browser.new_context(
            viewport={"width": width, "height": VIEWPORT_HEIGHT},
            locale=locale,
            extra_http_headers={"Accept-Language": f"{locale},{locale.split('-')[0]};q=0.9"},
        )
        context.set_default_timeout(DEFAULT_TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield _new_page
    for context in contexts:
        context.close()


def login(page, base_url: str, username: str, password: str = DEMO_PASSWORD) -> None:
    """Log in through the real login form and wait for the page the form leads to."""
    page.goto(f"{base_url}/account/inloggen/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Inloggen", exact=True).click()


def screenshot(page, name: str) -> Path:
    """Save a full-page PNG as e2e/screenshots/<name>.png and return its path."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name.removesuffix('.png')}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


# The helpers as fixtures, so test modules need not import from a conftest.
@pytest.fixture
def browser_login() -> Callable:
    return login


@pytest.fixture
def shot() -> Callable:
    return screenshot
