from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import XICHENG


@pytest.fixture
def public_plan(transactional_db):  # type: ignore[no-untyped-def]
    """Transactional tests empty the database after each test: load the plan again."""
    from duban.plans.importing import import_bytes

    return import_bytes(XICHENG.read_bytes(), XICHENG.name, public=True).plan


CHROMIUM = os.environ.get("DUBAN_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
SHOTS = Path(__file__).resolve().parents[2] / "test-results"


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: apt-get install chromium")
    # (Contexts bypass the site's Content-Security-Policy: Playwright evaluates scripts and
    # axe is injected inline; the policy itself is tested in tests/security.)
    # Playwright's sync API runs an event loop; the live server's database calls are in
    # another thread, but Django checks the calling thread of the test itself.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context(
        locale="zh-CN", viewport={"width": 1280, "height": 900}, bypass_csp=True
    )
    page = context.new_page()
    yield page
    context.close()


AXE = Path(__file__).resolve().parents[2] / "var" / "axe.min.js"


def audit(page) -> list[str]:  # type: ignore[no-untyped-def]
    """WCAG 2.1 A and AA violations on the page, by axe-core in the browser."""
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `make var/axe.min.js` (npm)")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {n['target']}"
        for v in result["violations"]
        for n in v["nodes"][:3]
    ]
