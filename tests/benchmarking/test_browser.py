"""The benchmarking pages in Chromium: axe-core finds no WCAG 2.2 AA failure, the Nu HTML
checker no error, and wide tables scroll in a region reached by keyboard at 400% zoom; the same
for a measure page as a Data Sharing Protocol signatory sees it, with a restricted release."""

import json
import re
import shutil
import subprocess

import pytest

from benchmarking import importer
from networks.access import SIGNATORIES_GROUP
from tests.conftest import serve_site
from tests.helpers import NU_CHECKER_JAVA, fetch
from tests.networks.test_reports_browser import log_in, new_tab
from tests.seslip.test_accessibility import WCAG_TAGS, describe
from tests.seslip.test_layout_browser import CAPTIONS_PAST_THEIR_BOX

from .conftest import quarter_values_file, source_rows, values_file

pytestmark = pytest.mark.browser

PAGES = {
    "index": "/benchmarking/",
    "measure": "/benchmarking/measures/LACStable_2016on/",
    "authority": "/benchmarking/authorities/886/",
    "grid": "/benchmarking/grid/?topic=Children+Looked+After",
    "compare": "/benchmarking/compare/?authority=886&measure=LACStable_2016on&neighbours=on"
    "&region=on&england=on&others=887",
    "compare with errors": "/benchmarking/compare/?authority=abc&measure=x",
    "site search listing measures": "/search/?q=placements",
}


MEMBER = "signatory@kent.gov.uk"
MEMBER_PASSWORD = "signatory-password-1"
RESTRICTED_RELEASE = "Authorities' own figures, quarter 2"


@pytest.fixture(scope="module")
def benchmarking_site(tmp_path_factory, demo_database):
    """The demo site with four measures' values loaded (as `make run` loads them all), and a
    restricted release that a member of the signatories' group sees (nobody else does)."""
    folder = tmp_path_factory.mktemp("benchmarking-data")
    values = folder / "values.csv"
    values.write_bytes(values_file(source_rows()))
    restricted = folder / "restricted.csv"
    restricted.write_bytes(quarter_values_file())
    member = (
        "from django.contrib.auth import get_user_model; "
        "from django.contrib.auth.models import Group; "
        f"user = get_user_model().objects.create_user({MEMBER!r}, {MEMBER!r}, "
        f"{MEMBER_PASSWORD!r}); "
        f"user.groups.add(Group.objects.get(name={SIGNATORIES_GROUP!r}))"
    )
    bundled = importer.BUNDLED
    setup = [
        [
            "import_benchmarking",
            *("--values", str(values), "--release", "LAIT test"),
            *("--measures", str(bundled["measures"]), "--neighbours", str(bundled["neighbours"])),
            *("--areas", str(bundled["areas"])),
        ],
        [
            "import_benchmarking",
            *("--values", str(restricted), "--release", RESTRICTED_RELEASE, "--restricted"),
            *("--group", SIGNATORIES_GROUP, "--embargo", "2099-12-31"),
        ],
        ["shell", "-c", member],
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


def _assert_valid_html(vnu_jar, folder):
    """The Nu HTML checker finds no error in the pages saved in ``folder``."""
    java = shutil.which("java")
    assert java, "Java is needed for the Nu HTML checker: run `make system-deps`"
    result = subprocess.run(
        [
            java,
            *NU_CHECKER_JAVA,
            "-jar",
            str(vnu_jar),
            "--errors-only",
            "--format",
            "json",
            *map(str, folder.iterdir()),
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


def test_html_is_valid(benchmarking_site, vnu_jar, tmp_path):
    for name, path in PAGES.items():
        status, html = fetch(benchmarking_site + path)
        assert status == 200
        (tmp_path / (re.sub(r"\W+", "-", name) + ".html")).write_text(html)
    _assert_valid_html(vnu_jar, tmp_path)


def test_a_signatory_s_measure_page_is_accessible_and_valid(
    browser, benchmarking_site, axe_source, vnu_jar, tmp_path
):
    tab = new_tab(browser)
    log_in(tab, benchmarking_site, MEMBER, MEMBER_PASSWORD)
    tab.wait_for_url(lambda url: "/account/login/" not in url)
    path = PAGES["measure"] + "?authority=886"
    response = tab.goto(benchmarking_site + path)
    assert response.status == 200
    assert f"Kent (restricted: {RESTRICTED_RELEASE})" in tab.locator("main").inner_text()
    tab.evaluate(axe_source)  # not a <script>: the pages' CSP allows none inline
    results = tab.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    assert not results["violations"], describe(results["violations"])
    # The page as the server sent it (with the signatory's session), for the Nu checker.
    (tmp_path / "signatory-measure.html").write_text(
        tab.context.request.get(benchmarking_site + path).text()
    )
    _assert_valid_html(vnu_jar, tmp_path)
    tab.context.close()


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
    # Chromium animates a scroll by keyboard: the region moves in the frames after the key.
    tab.wait_for_function("el => el.scrollLeft > 0", arg=region.element_handle())
    context.close()


def test_a_wide_table_s_caption_stays_in_view_as_it_scrolls_on_a_phone(browser, benchmarking_site):
    """At 320 px (400% zoom) the tables scroll sideways in their boxes: each caption wraps
    within what its box shows, at the start of the table and scrolled to its end."""
    context = browser.new_context(viewport={"width": 320, "height": 640}, locale="en-GB")
    tab = context.new_page()
    for name in ("measure", "authority", "grid", "compare"):
        tab.goto(benchmarking_site + PAGES[name])
        wide = tab.evaluate(
            "() => Array.from(document.querySelectorAll('.bm-scroll'))"
            ".filter(box => box.querySelector('caption') && box.scrollWidth > box.clientWidth)"
            ".length"
        )
        assert wide > 0, name
        assert tab.evaluate(CAPTIONS_PAST_THEIR_BOX) == [], name
        tab.evaluate(
            "() => document.querySelectorAll('.bm-scroll')"
            ".forEach(box => { box.scrollLeft = box.scrollWidth; })"
        )
        assert tab.evaluate(CAPTIONS_PAST_THEIR_BOX) == [], f"{name}, scrolled"
    context.close()


# Each word of a link in a table, as the screen lays it out: a word on two lines is broken (a
# line may end at a space or after a hyphen: "semi-|independent" is not).
BROKEN_WORDS = """() => {
    const broken = [];
    for (const link of document.querySelectorAll(".bm-scroll a")) {
        for (const text of link.childNodes) {
            if (text.nodeType !== Node.TEXT_NODE) continue;
            for (const match of text.data.matchAll(/[^\\s-]+/g)) {
                const range = document.createRange();
                range.setStart(text, match.index);
                range.setEnd(text, match.index + match[0].length);
                if (range.getClientRects().length > 1) broken.push(match[0]);
            }
        }
    }
    return broken;
}"""


@pytest.mark.parametrize("width", [320, 1280])
def test_names_in_tables_are_never_broken_in_the_middle_of_a_word(
    browser, benchmarking_site, width
):
    context = browser.new_context(viewport={"width": width, "height": 800}, locale="en-GB")
    tab = context.new_page()
    for name in ("measure", "authority", "grid"):
        tab.goto(benchmarking_site + PAGES[name])
        assert tab.locator(".bm-scroll a").count() > 0, name
        assert tab.evaluate(BROKEN_WORDS) == [], name
    context.close()
