"""The benchmarking pages in Chromium: axe-core finds no WCAG 2.2 AA failure, the Nu HTML
checker no error, and wide tables scroll in a region reached by keyboard at 400% zoom."""

import json
import re
import shutil
import subprocess

import pytest

from benchmarking import importer
from tests.conftest import serve_site
from tests.helpers import fetch
from tests.seslip.test_accessibility import WCAG_TAGS, describe

from .conftest import source_rows, values_file

pytestmark = pytest.mark.browser

PAGES = {
    "index": "/benchmarking/",
    "measure": "/benchmarking/measures/LACStable_2016on/",
    "authority": "/benchmarking/authorities/886/",
    "grid": "/benchmarking/grid/?topic=Children+Looked+After",
    "compare": "/benchmarking/compare/?authority=886&measure=LACStable_2016on&neighbours=on"
    "&region=on&england=on&others=887",
    "compare with errors": "/benchmarking/compare/?authority=abc&measure=x",
}


@pytest.fixture(scope="module")
def benchmarking_site(tmp_path_factory, demo_database):
    """The demo site with four measures' values loaded (as `make run` loads them all)."""
    folder = tmp_path_factory.mktemp("benchmarking-data")
    values = folder / "values.csv"
    values.write_bytes(values_file(source_rows()))
    bundled = importer.BUNDLED
    setup = [
        [
            "import_benchmarking",
            *("--values", str(values), "--release", "LAIT test"),
            *("--measures", str(bundled["measures"]), "--neighbours", str(bundled["neighbours"])),
            *("--areas", str(bundled["areas"])),
        ]
    ]
    with serve_site(tmp_path_factory, demo_database, "benchmarking", setup=setup) as (url, _, _):
        yield url


@pytest.mark.parametrize("name", list(PAGES))
def test_no_accessibility_violations(page, benchmarking_site, axe_source, name):
    response = page.goto(benchmarking_site + PAGES[name])
    assert response.status == 200
    page.evaluate(axe_source)  # not a <script>: the pages' CSP allows none inline
    results = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    assert not results["violations"], describe(results["violations"])


def test_html_is_valid(benchmarking_site, vnu_jar, tmp_path):
    java = shutil.which("java")
    assert java, "Java is needed for the Nu HTML checker: run `make system-deps`"
    for name, path in PAGES.items():
        status, html = fetch(benchmarking_site + path)
        assert status == 200
        (tmp_path / (re.sub(r"\W+", "-", name) + ".html")).write_text(html)
    result = subprocess.run(
        [
            java,
            "-jar",
            str(vnu_jar),
            "--errors-only",
            "--format",
            "json",
            *map(str, tmp_path.iterdir()),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    assert not messages, "\n".join(
        f"{m.get('url', '').rsplit('/', 1)[-1]} line {m.get('lastLine')}: {m.get('message')}"
        for m in messages
    )


def test_wide_tables_scroll_by_keyboard_at_400_percent_zoom(browser, benchmarking_site):
    # 1280 px at 400% is a 320 px wide viewport.
    context = browser.new_context(viewport={"width": 320, "height": 640}, locale="en-GB")
    tab = context.new_page()
    tab.goto(benchmarking_site + PAGES["grid"])
    region = tab.locator(".bm-scroll").first
    assert region.get_attribute("tabindex") == "0"
    assert region.evaluate("el => el.scrollWidth > el.clientWidth")
    # No sideways scrolling of the page itself.
    assert tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    region.focus()
    tab.keyboard.press("ArrowRight")
    tab.keyboard.press("ArrowRight")
    assert region.evaluate("el => el.scrollLeft") > 0
    context.close()
