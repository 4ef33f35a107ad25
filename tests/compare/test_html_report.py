"""The static HTML report in headless Chromium: loads offline, no console errors, charts drawn."""

from __future__ import annotations

from pathlib import Path

import pytest

from store import compare
from store.engine import get_engine, session
from store.migrations import upgrade

from .data import WEEK1, D, definitions, load_random, load_week

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _rows(tmp_path: Path) -> list[compare.ShareRow]:
    engine = get_engine(f"sqlite:///{tmp_path / 'report.db'}")
    upgrade(engine)
    weeks = compare.periods_between("week", WEEK1, WEEK1 + 21 * D)
    with session(engine) as db:
        load_week(db)
        load_random(db, n=200)
        compare.compute(db, weeks, definitions())
        return compare.read(db, weeks)


def test_page_is_self_contained_and_names_every_section(tmp_path: Path) -> None:
    from reelscope.report import html

    page = html.render(_rows(tmp_path), title="Weekly share", source="test")
    for heading in (
        "Platforms",
        "Trends",
        "Share of voice by brand",
        "Same-age comparison",
        "Coverage",
        "Definitions",
    ):
        assert f"<h2>{heading}" in page
    assert page.count("<svg") == 3
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in page and "<script" not in page and "<link" not in page


def test_empty_report_says_so() -> None:
    from reelscope.report import html

    assert "No figures for these periods" in html.render([], title="t", source="s")


@pytest.mark.browser
def test_report_renders_in_headless_chromium(tmp_path: Path) -> None:
    if not CHROMIUM.exists():
        pytest.skip("no /usr/bin/chromium")
    sync_api = pytest.importorskip("playwright.sync_api")
    from reelscope.report import html

    path = html.write(tmp_path / "report", _rows(tmp_path), title="Weekly share", source="test", metrics=None)
    errors: list[str] = []
    requests: list[str] = []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("request", lambda r: requests.append(r.url))
            page.goto(path.as_uri())
            assert page.title() == "Weekly share"
            assert page.locator("svg.chart").count() == 3
            assert page.locator("svg.chart rect.segment").count() > 10
            box = page.locator("svg.chart").first.bounding_box()
            assert box is not None and box["width"] > 300 and box["height"] > 100
            assert page.locator("h3", has_text="tiktok").count() == 1
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "html-report.png"), full_page=True)
        finally:
            browser.close()
    assert errors == []
    assert requests == [path.as_uri()]  # nothing fetched but the page itself
