"""The Nu HTML checker finds no error in the HTML of any type of page of the demo content."""

import json
import re
import shutil
import subprocess

import pytest

from tests.helpers import NU_CHECKER_JAVA, PAGE_TYPES, fetch

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def vnu_errors(live_site, demo_pages, vnu_jar, tmp_path_factory):
    """Page type -> the checker's errors; the checker runs once over every page (the JVM is
    slow to start)."""
    java = shutil.which("java")
    if java is None:
        pytest.fail("Java is needed for the Nu HTML checker: run `make system-deps`")
    folder = tmp_path_factory.mktemp("html")
    files = {}
    for page_type, path in demo_pages.items():
        status, html = fetch(live_site + path)
        assert status == (404 if page_type == "404 page" else 200), f"{path}: {status}"
        file = folder / (re.sub(r"\W+", "-", page_type) + ".html")
        file.write_text(html)
        files[file.name] = page_type
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
    try:
        messages = json.loads(result.stderr or result.stdout)["messages"]
    except (ValueError, KeyError):
        pytest.fail(f"The checker failed ({result.returncode}):\n{result.stderr[-3000:]}")
    errors = {page_type: [] for page_type in demo_pages}
    for message in messages:
        page_type = files.get(message.get("url", "").rsplit("/", 1)[-1])
        if page_type is None:
            pytest.fail(f"The checker reported on no page: {message}")
        errors[page_type].append(message)
    return errors


def describe(messages):
    return "\n".join(
        f"- line {m.get('lastLine', '?')}: {m.get('message')}\n    {m.get('extract', '').strip()}"
        for m in messages
    )


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_html_is_valid(vnu_errors, demo_pages, page_type):
    errors = vnu_errors[page_type]
    assert not errors, f"Nu HTML checker on {demo_pages[page_type]}:\n{describe(errors)}"
