"""The dashboard in headless Chromium at a desktop (1400 px) and a phone (390 px) width, in both languages: every page
of the menu is reachable, nothing scrolls the page sideways, the menu works from the keyboard, the phone chart's text
is readable. Screenshots of the home, article, dyad and map pages go to tmp/artefacts/screens/ (or
$WARTA_ARTEFACTS), kept as test artefacts and never committed."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from test_browser import _arrive, browser, server  # noqa: F401 - the fixtures of the browser tests

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
WIDTHS = (1400, 390)
LANGS = ("id", "en")
SHOTS = {"home": "/", "article": "/articles/kompas-2023-03-21-xi-putin", "dyad": "/dyad/RUS/CHN", "map": "/map"}


def _artefacts() -> Path:
    folder = Path(os.environ.get("WARTA_ARTEFACTS") or ROOT / "tmp" / "artefacts") / "screens"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _no_sideways_scroll(driver: Any) -> None:
    width, viewport = driver.execute_script(
        "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert width <= viewport, f"{driver.current_url} scrolls sideways: {width} > {viewport} px"


def _menu_links(driver: Any) -> list[str]:
    from selenium.webdriver.common.by import By

    return [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "#site-nav > a")
            if not a.get_attribute("class")]


def _open_menu(driver: Any, width: int) -> None:
    from selenium.webdriver.common.by import By

    nav = driver.find_element(By.ID, "site-nav")
    if width > 900:
        assert nav.is_displayed()
        return
    assert not nav.is_displayed()  # folded away on a phone...
    driver.find_element(By.CSS_SELECTOR, ".menu-toggle").click()
    assert nav.is_displayed()  # ...and opened by the Menu link


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
def test_every_menu_page_is_reachable_without_sideways_scroll(server: str, browser: Any, width: int,  # noqa: F811
                                                               lang: str) -> None:
    from selenium.webdriver.common.by import By

    driver = browser
    driver.set_window_size(width, 900)
    driver.get(f"{server}/?lang={lang}")
    links = _menu_links(driver)
    assert len(links) >= 9
    for href in links:
        driver.get(f"{server}/?lang={lang}")
        _open_menu(driver, width)
        driver.find_element(By.CSS_SELECTOR, f"#site-nav > a[href='{href.removeprefix(server)}']").click()
        _arrive(driver, href.removeprefix(server))
        assert driver.execute_script("return document.documentElement.lang") == lang
        assert driver.find_element(By.TAG_NAME, "h1").text
        _no_sideways_scroll(driver)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
def test_screenshots_of_the_main_pages(server: str, browser: Any, width: int, lang: str) -> None:  # noqa: F811
    driver = browser
    driver.set_window_size(width, 900)
    for name, path in SHOTS.items():
        driver.get(f"{server}{path}{'&' if '?' in path else '?'}lang={lang}")
        _arrive(driver, path.split("?")[0])
        _no_sideways_scroll(driver)
        shot = _artefacts() / f"{name}-{lang}-{width}.png"
        driver.save_screenshot(str(shot))
        assert shot.stat().st_size > 5000


def test_phone_chart_and_keyboard(server: str, browser: Any) -> None:  # noqa: F811
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    driver = browser
    driver.set_window_size(390, 900)
    driver.get(f"{server}/dyad/RUS/CHN?lang=id")
    chart = driver.find_element(By.CSS_SELECTOR, "#trend-chart .chart-narrow svg")
    assert chart.is_displayed() and not driver.find_element(By.CSS_SELECTOR, "#trend-chart .chart-wide").is_displayed()
    assert chart.get_attribute("role") == "img" and chart.get_attribute("aria-label")
    sizes = driver.execute_script(
        "return Array.from(arguments[0].querySelectorAll('text')).map(t => t.getBoundingClientRect().height)", chart)
    assert min(sizes) >= 9, f"chart text {min(sizes):.1f} px high at 390 px"
    # keyboard: the first Tab reaches the skip link, then the menu opens with Enter
    body = driver.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)
    assert driver.switch_to.active_element.get_attribute("class") == "skip"
    toggle = driver.find_element(By.CSS_SELECTOR, ".menu-toggle")
    toggle.send_keys(Keys.ENTER)
    assert driver.find_element(By.ID, "site-nav").is_displayed()
    driver.set_window_size(1400, 900)
