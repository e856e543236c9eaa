"""Test-wide fixtures: settings for tests, a small map, users of every role, the taxonomy."""

import os

os.environ.setdefault("OCOP_TESTING", "1")

import pytest


def pytest_configure(config) -> None:
    """On SQLite the live server answers one request at a time.

    The test database lives in memory, so Django hands the live server's threads the test's own connection:
    two requests at once (a page and its htmx fragments) then interleave their savepoints on it and break
    the transaction for every later test. A serial server closes each HTTP connection after its response,
    so the browser simply waits its turn. PostgreSQL keeps Django's threaded server.
    """
    from django.conf import settings

    if not settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        return
    from django.core.servers.basehttp import WSGIServer
    from django.test.testcases import LiveServerThread

    class SerialWSGIServer(WSGIServer):
        def __init__(self, *args, connections_override=None, **kwargs) -> None:
            super().__init__(*args, **kwargs)  # the server thread already holds the overridden connections

    LiveServerThread.server_class = SerialWSGIServer


@pytest.fixture(autouse=True)
def _vietnamese_first():
    """Each test starts in Vietnamese: a request of an earlier test may have left English active."""
    from django.utils import translation

    translation.activate("vi")
    yield
    translation.deactivate()


@pytest.fixture
def small_map(db):
    from ocop.core.testing import make_small_map

    return make_small_map()


@pytest.fixture
def taxonomy(db):
    from ocop.registry.taxonomy import taxonomy_load

    taxonomy_load()


@pytest.fixture
def admin_user(small_map):
    from ocop.core.testing import make_user

    return make_user(role="admin")


@pytest.fixture
def product_set(taxonomy):
    from ocop.registry.models import ProductSet

    return ProductSet.objects.get(number=18, group__sector__regime="26/2026")


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture
def browser(live_server):
    """Debian's Chromium driven by Playwright against the live server (``browser.ocop_base_url``)."""
    import shutil

    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not os.path.exists(chromium):
        pytest.fail("Debian's chromium is required for browser tests (apt-get install chromium).")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's loop lives in the test thread
    from django.db import connections
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        launched.ocop_base_url = live_server.url
        yield launched
        launched.close()
    connections.close_all()  # so the test database can be dropped at the end


@pytest.fixture
def page(browser):
    from ocop.core.testing import new_page

    return new_page(browser)
