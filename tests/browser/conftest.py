"""Browser tests: Playwright drives the system's Chromium; axe-core checks accessibility.

Without Chromium these tests are skipped with a reason, unless MIA_REQUIRE_BROWSER=1, which
turns the missing browser into a failure (CI sets it).
"""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("MIA_CHROMIUM", "/usr/bin/chromium")
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
REQUIRED = os.environ.get("MIA_REQUIRE_BROWSER") == "1"

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make around
# it are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _missing() -> str:
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        return f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    if not AXE.exists():
        return f"axe-core not found at {AXE} (run bin/setup)"
    return ""


@pytest.fixture(scope="session")
def browser():
    reason = _missing()
    if reason:
        if REQUIRED:
            pytest.fail(f"MIA_REQUIRE_BROWSER=1 but {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    # CSP stays on for users; bypassing it here only lets the test inject axe-core.
    context = browser.new_context(bypass_csp=True, base_url=live_server.url, locale="de-DE")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def axe_violations(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """async () => await axe.run(document, {
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}
        })"""
    )
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


@pytest.fixture
def assert_accessible():
    def check(page) -> None:
        violations = axe_violations(page)
        assert violations == [], f"axe found violations on {page.url}: {violations}"
        # Usable at 320 px: nothing forces the page wider than the viewport.
        page.set_viewport_size({"width": 320, "height": 640})
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{page.url} scrolls sideways at 320 px by {overflow}px"
        page.set_viewport_size({"width": 1280, "height": 800})

    return check
