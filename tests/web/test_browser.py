"""End to end in headless Chromium: search, open an article, see highlighted entities and a quote, open the dyad chart.

Skipped when Chromium or chromedriver is missing, unless the CI environment variable is set (CI installs them, so
a missing browser there is a failure). Set WARTA_SCREENSHOTS=DIR to keep screenshots of the pages visited.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"

pytestmark = pytest.mark.browser


def _find(preferred: str) -> str | None:
    """The Debian path when it is there, else the same program on PATH."""
    return preferred if Path(preferred).exists() else shutil.which(Path(preferred).name)


@pytest.fixture(scope="module")
def server(sample_db: Path) -> Iterator[str]:
    import uvicorn

    from warta.web import create_app

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    config = uvicorn.Config(create_app(str(sample_db)), host="127.0.0.1", port=port, log_level="warning")
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not uv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    uv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    chromium, chromedriver = _find(CHROMIUM), _find(CHROMEDRIVER)
    if not chromium or not chromedriver:
        if os.environ.get("CI"):
            pytest.fail("headless Chromium and chromedriver are required in CI")
        pytest.skip("chromium/chromedriver not installed")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1280,1000", f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(executable_path=chromedriver), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


def _arrive(driver: Any, url_part: str) -> None:
    """Wait until the browser shows a page whose URL contains url_part and that has finished loading: a click or
    Enter starts a navigation but does not wait for it, and the old page would otherwise still answer queries."""
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, 20).until(
        lambda d: url_part in d.current_url and d.execute_script("return document.readyState") == "complete")


def _shot(driver: Any, name: str) -> None:
    folder = os.environ.get("WARTA_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        driver.save_screenshot(str(Path(folder) / f"{name}.png"))


def test_search_article_and_dyad_chart(server: str, browser: Any) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    driver = browser
    driver.get(server + "/")
    assert "Warta" in driver.title
    _shot(driver, "home")

    # search from the box in the top bar
    box = driver.find_element(By.CSS_SELECTOR, "form.searchbox input[name=q]")
    box.send_keys("perundingan Kremlin", Keys.ENTER)
    _arrive(driver, "/search?")
    results = driver.find_elements(By.CSS_SELECTOR, ".results-list .result")
    assert len(results) == 1
    assert results[0].find_element(By.CSS_SELECTOR, "mark").text.lower() in {"perundingan", "kremlin"}
    facet_outlets = [a.text for a in driver.find_elements(By.CSS_SELECTOR, ".facets .facet a")]
    assert "Kompas.com" in facet_outlets
    _shot(driver, "search")

    # open the article from the result list
    results[0].find_element(By.CSS_SELECTOR, "a.item-title").click()
    _arrive(driver, "/articles/kompas-2023-03-21-xi-putin")
    assert driver.find_element(By.ID, "article-title").text == "Xi dan Putin Sepakati Perluasan Kerja Sama Energi"
    body = driver.find_element(By.ID, "article-body")
    entity_links = body.find_elements(By.CSS_SELECTOR, "a.ent")
    assert {"Xi Jinping", "Vladimir Putin", "Moskow"} <= {e.text for e in entity_links}
    xi = next(e for e in entity_links if e.text == "Xi Jinping")
    # the highlight is visible: a background colour, not the page's white
    assert xi.value_of_css_property("background-color") not in ("rgba(0, 0, 0, 0)", "rgb(255, 255, 255)")
    quote = body.find_element(By.CSS_SELECTOR, "span.quote")
    assert quote.text.startswith("Kerja sama kedua negara")
    assert "Xi Jinping" in quote.get_attribute("title")
    assert body.find_elements(By.CSS_SELECTOR, "span.event")

    # the boilerplate toggle is closed, then shows what was removed and why
    removed = driver.find_element(By.ID, "removed")
    assert not removed.find_element(By.CSS_SELECTOR, "table").is_displayed()
    removed.find_element(By.TAG_NAME, "summary").click()
    assert "Baca juga" in removed.find_element(By.CSS_SELECTOR, "table").text
    _shot(driver, "article")

    # entity page with the co-occurrence graph
    driver.find_element(By.CSS_SELECTOR, "#article-body a.ent[data-entity='person:xi-jinping']").click()
    _arrive(driver, "/entities/person:xi-jinping")
    assert driver.find_element(By.TAG_NAME, "h1").text == "Xi Jinping"
    assert driver.find_elements(By.CSS_SELECTOR, "svg.graph circle")
    _shot(driver, "entity")

    # dyad chart, reached from the event card of the article
    driver.back()
    _arrive(driver, "/articles/kompas-2023-03-21-xi-putin")
    driver.find_element(By.LINK_TEXT, "trend").click()
    _arrive(driver, "/dyad/")
    heading = driver.find_element(By.TAG_NAME, "h1").text.replace(" ", "")
    assert "(CHN–RUS)" in heading or "(RUS–CHN)" in heading
    chart = driver.find_element(By.CSS_SELECTOR, "#trend-chart svg")
    assert chart.size["width"] > 300
    assert len(chart.find_elements(By.CSS_SELECTOR, "rect")) >= 2
    _shot(driver, "dyad")


def test_script_in_article_stays_inert(server: str, browser: Any) -> None:
    from selenium.webdriver.common.by import By

    driver = browser
    driver.get(server + "/articles/uji-xss-2023-01-05")
    # the markup shows as text and no alert opened (an alert would make this call raise)
    assert "<script>" in driver.find_element(By.ID, "article-title").text
    assert not driver.find_elements(By.CSS_SELECTOR, "#article-body script, #article-body img")
    assert driver.execute_script("return document.scripts.length") == 0


def test_workbench_search_events_and_download(server: str, browser: Any) -> None:
    """Issue 23's walk: an alias finds the entity's articles, OR finds either word, the events explorer filters by
    type, dates and outlets, and the CSV link gives the header and every row."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import Select

    driver = browser
    driver.get(server + "/search")
    driver.find_element(By.CSS_SELECTOR, "form.searchform input[name=q]").send_keys("Tiongkok", Keys.ENTER)
    _arrive(driver, "q=Tiongkok")
    titles = {a.text for a in driver.find_elements(By.CSS_SELECTOR, ".results-list a.item-title")}
    assert "Xi dan Putin Sepakati Perluasan Kerja Sama Energi" in titles and len(titles) == 4  # China's articles
    assert "China" in driver.find_element(By.CSS_SELECTOR, ".entity-chips").text
    _shot(driver, "search-entity")

    box = driver.find_element(By.CSS_SELECTOR, "form.searchform input[name=q]")
    box.clear()
    box.send_keys("Lavrov OR Blinken", Keys.ENTER)
    _arrive(driver, "q=Lavrov+OR+Blinken")
    titles = {a.text for a in driver.find_elements(By.CSS_SELECTOR, ".results-list a.item-title")}
    assert titles == {"Lavrov dan Wang Yi Bertemu di Tunxi", "Blinken Peringatkan China Soal Senjata untuk Rusia"}

    driver.get(server + "/events")
    form = driver.find_element(By.CSS_SELECTOR, "form.filters")
    Select(form.find_element(By.NAME, "type")).select_by_value("CONSULT")
    # date inputs take the date typed in the browser's locale; set the value directly instead
    driver.execute_script("document.querySelector('input[name=from]').value = '2023-03-01';"
                          "document.querySelector('input[name=to]').value = '2023-03-31';")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    _arrive(driver, "type=CONSULT")
    rows = driver.find_elements(By.CSS_SELECTOR, ".events-table tbody tr")
    assert len(rows) == 2 and all("2023-03-21" in row.text for row in rows)
    _shot(driver, "events")
    outlets = driver.find_element(By.NAME, "min_outlets")
    outlets.clear()
    outlets.send_keys("2", Keys.ENTER)
    _arrive(driver, "min_outlets=2")
    assert not driver.find_elements(By.CSS_SELECTOR, ".events-table tbody tr")  # no event records: one outlet each

    driver.get(server + "/events?type=CONSULT")
    href = driver.find_element(By.CSS_SELECTOR, "a.download").get_attribute("href")
    text = driver.execute_async_script(
        "const done = arguments[arguments.length - 1]; fetch(arguments[0]).then(r => r.text()).then(done);", href)
    lines = text.strip().splitlines()
    assert lines[0].startswith("article_id,idx,date,date_precision,type")
    assert len(lines) == 1 + 3  # CONSULT: the two Xi-Putin reports and Lavrov-Wang Yi


def test_facets_take_several_values_as_readable_chips(server: str, browser: Any) -> None:
    """Issue 23: a facet value chosen leaves the others on offer; two outlets give the articles of either, shown
    as chips with their names; a chip's × takes its filter away; NEAR finds words close together."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    driver = browser
    driver.get(server + "/search?q=Putin+OR+Lavrov+OR+Blinken")
    before = len(driver.find_elements(By.CSS_SELECTOR, ".results-list li.result"))

    def facet(label: str) -> Any:
        return next(a for a in driver.find_elements(By.CSS_SELECTOR, ".facets .facet a") if a.text == label)

    facet("Tempo").click()
    _arrive(driver, "outlet=Tempo")
    assert {c.text for c in driver.find_elements(By.CSS_SELECTOR, ".chip-filter")} == {"Tempo ×"}
    facet("Kompas.com").click()  # still offered: the outlet facet counts without its own filter
    _arrive(driver, "outlet=Kompas.com")
    assert {c.text for c in driver.find_elements(By.CSS_SELECTOR, ".chip-filter")} == {"Tempo ×", "Kompas.com ×"}
    outlets = {p.text for p in driver.find_elements(By.CSS_SELECTOR, ".results-list .meta .pill")}
    assert outlets == {"Tempo", "Kompas.com"}
    assert len(driver.find_elements(By.CSS_SELECTOR, ".results-list li.result")) < before
    facet("China").click()
    _arrive(driver, "entity=country")
    chips = {c.text for c in driver.find_elements(By.CSS_SELECTOR, ".chip-filter")}
    assert "China ×" in chips and not any("country:" in c for c in chips)
    _shot(driver, "search-chips")
    next(c for c in driver.find_elements(By.CSS_SELECTOR, ".chip-filter") if c.text == "Tempo ×").click()
    _arrive(driver, "search")
    assert {c.text for c in driver.find_elements(By.CSS_SELECTOR, ".chip-filter")} == {"Kompas.com ×", "China ×"}

    driver.get(server + "/search")  # the form keeps the chosen filters: start from none
    driver.find_element(By.CSS_SELECTOR, "form.searchform input[name=q]").send_keys("NEAR(Jinping Putin, 3)", Keys.ENTER)
    _arrive(driver, "NEAR")
    titles = {a.text for a in driver.find_elements(By.CSS_SELECTOR, ".results-list a.item-title")}
    assert titles == {"Xi Jinping Bertemu Putin di Moskow"}
