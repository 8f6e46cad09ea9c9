"""axe-core finds no WCAG 2.2 AA failure, nor any of its best-practice rules broken, on any type
of public page of the demo content, in Chromium."""

import pytest

from tests.helpers import PUBLIC_PAGES

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def describe(violations):
    """The violations as a readable list: rule, impact, what to fix and where."""
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']}\n"
            f"  {violation['helpUrl']}"
        )
        for node in violation["nodes"][:5]:
            lines.append(f"    at {' '.join(node['target'])}: {node['html'][:200]}")
            summary = (node.get("failureSummary") or "").replace("\n", "\n      ")
            lines.append(f"      {summary}")
        if len(violation["nodes"]) > 5:
            lines.append(f"    … and {len(violation['nodes']) - 5} more")
    return "\n".join(lines)


@pytest.mark.parametrize("page_type", PUBLIC_PAGES)
def test_no_accessibility_violations(page, live_site, public_pages, axe_source, page_type):
    path = public_pages[page_type]
    response = page.goto(live_site + path)
    assert response.status == (404 if page_type == "404 page" else 200)
    page.evaluate(axe_source)  # not a <script>: the pages' CSP allows none inline

    results = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        [*WCAG_TAGS, "best-practice"],
    )

    violations = results["violations"]
    assert not violations, f"axe-core on {path}:\n{describe(violations)}"
    assert results["passes"], "axe-core checked nothing"
