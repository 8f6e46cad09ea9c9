"""Reading rendered pages the way a visitor does: their text, links, headings and tables."""

import html
import re
import urllib.error
import urllib.request
from html.parser import HTMLParser

HIDDEN = {"script", "style", "template", "head"}

# How long a browser test waits for what it expects (an element, a page, a dialog's contents)
# before it fails. ``make test`` runs three suites, several live sites and Chromium side by side on
# two cores, with a 60-second load test among them: there, a chooser's contents once took over
# 10 s to arrive. Waiting longer changes nothing a test asserts, only how long a failing test
# takes to say so.
BROWSER_WAIT_MS = 30_000

# The Java options of the Nu HTML checker (`java *NU_CHECKER_JAVA -jar vnu.jar …`). Each run
# checks a few pages and exits, too soon for the JVM's optimising compiler to pay for itself:
# with the first tier alone the checker spends half the CPU time, with the same messages. That
# tier's stack frames are larger, and the HTML schema recurses deeply: at Java's default stack
# (1 MB) the checker stops with StackOverflowError; 1.5 MB is enough, and 8 MB leaves room.
NU_CHECKER_JAVA = ["-XX:TieredStopAtLevel=1", "-Xss8m"]


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text = []
        self.links = []
        self.heading_links = []
        self.headings = []
        self.tables = []
        self._hidden = 0
        self._link = None
        self._heading = None
        self._cell = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in HIDDEN:
            self._hidden += 1
        elif tag == "a" and "href" in attrs:
            self._link = [attrs["href"], []]
        elif re.fullmatch(r"h[1-6]", tag):
            self._heading = [tag, []]
        elif tag == "table":
            self.tables.append({"caption": [], "th": [], "td": []})
        elif tag in ("th", "td") and self.tables:
            self._cell = [tag, []]
        elif tag == "caption" and self.tables:
            self._cell = ["caption", []]
        if tag in ("br", "p", "li", "div", "td", "th", "tr", "h1", "h2", "h3", "h4", "dd", "dt"):
            self.text.append(" ")

    def handle_endtag(self, tag):
        if tag in HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        elif tag == "a" and self._link:
            link = (self._link[0], _squash("".join(self._link[1])))
            self.links.append(link)
            if self._heading:
                self.heading_links.append(link)
            self._link = None
        elif re.fullmatch(r"h[1-6]", tag) and self._heading:
            self.headings.append((self._heading[0], _squash("".join(self._heading[1]))))
            self._heading = None
        elif tag in ("th", "td", "caption") and self._cell and self._cell[0] == tag:
            self.tables[-1][tag].append(_squash("".join(self._cell[1])))
            self._cell = None
        if tag in ("p", "li", "div", "td", "th", "tr", "h1", "h2", "h3", "h4", "dd", "dt"):
            self.text.append(" ")

    def handle_data(self, data):
        if self._hidden:
            return
        self.text.append(data)
        for part in (self._link, self._heading, self._cell):
            if part:
                part[1].append(data)


def _squash(text):
    return " ".join(text.split())


class Html:
    """A parsed page.

    ``text`` is its visible text, whitespace squashed; ``links`` its (href, text) pairs and
    ``heading_links`` those inside headings; ``headings`` (tag, text) pairs; ``tables`` dicts of
    the caption, th and td texts of each table.
    """

    def __init__(self, content):
        if hasattr(content, "content"):
            content = content.content.decode()
        self.source = content
        reader = _Reader()
        reader.feed(content)
        reader.close()
        self.text = _squash("".join(reader.text))
        self.links = reader.links
        self.heading_links = reader.heading_links
        self.headings = reader.headings
        self.tables = reader.tables

    @property
    def main(self):
        """The page's main content (inside <main>), without the header and footer."""
        match = re.search(r"<main\b.*?</main>", self.source, re.DOTALL)
        assert match, "the page has no <main> element"
        return Html(match.group(0))

    @property
    def breadcrumbs(self):
        """The (href, text) links of the page's breadcrumbs."""
        match = re.search(r'<nav class="govuk-breadcrumbs".*?</nav>', self.source, re.DOTALL)
        assert match, "the page has no breadcrumbs"
        return Html(match.group(0)).links

    def hrefs(self):
        return [href for href, _ in self.links]

    def link_to(self, href):
        """The text of the first link to this address, or None."""
        return next((text for h, text in self.links if h == href), None)

    def heading_texts(self):
        return [text for _, text in self.headings]

    def chosen(self, name):
        """The texts of the options chosen in the select box ``name`` (none chosen: [])."""
        select = re.search(
            rf'<select\b[^>]*\bname="{re.escape(name)}".*?</select>', self.source, re.DOTALL
        )
        assert select, f"the page has no select box named {name!r}"
        return [
            _squash(html.unescape(label))
            for label in re.findall(
                r"<option\b[^>]*\bselected\b[^>]*>(.*?)</option>", select.group(0), re.DOTALL
            )
        ]

    def before(self, first, second):
        """Whether ``first`` appears before ``second`` in the page's text (both must appear)."""
        assert first in self.text, f"{first!r} is not on the page"
        assert second in self.text, f"{second!r} is not on the page"
        return self.text.index(first) < self.text.index(second)


class _InlineCode(HTMLParser):
    DATA_TYPES = {"application/json", "application/ld+json"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and "src" not in attrs and attrs.get("type") not in self.DATA_TYPES:
            self.found.append(f"<script> at line {self.getpos()[0]}")
        if tag == "style":
            self.found.append(f"<style> at line {self.getpos()[0]}")
        for name in attrs:
            if name == "style" or name.startswith("on"):
                self.found.append(f'<{tag} {name}="…"> at line {self.getpos()[0]}')


def inline_code(html):
    """What a strict Content-Security-Policy would refuse in a page: inline scripts (not JSON
    data), <style> elements, style attributes and event handler attributes."""
    parser = _InlineCode()
    parser.feed(html)
    parser.close()
    return parser.found


def get_html(client, url, status=200):
    """GET a page, check its status and parse it."""
    response = client.get(url)
    assert response.status_code == status, f"GET {url} answered {response.status_code}"
    return Html(response)


def fetch(url):
    """The status and HTML of a page of a live site (error pages included)."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


# Every type of page of the demo content, as the ``demo_pages`` fixture names them.
PAGE_TYPES = [
    "home",
    "standard page",
    "plan",
    "network index",
    "network",
    "events",
    "past events",
    "event",
    "past event",
    "contacts",
    "newsletters",
    "update 298",
    "update 298, printable",
    "news item",
    "person",
    "person with a message form",
    "send a message",
    "message sent",
    "search results",
    "search without results",
    "search for a misspelt word",
    "logged out",
    "404 page",
]

# Public pages that are not a type of demo page, as the ``public_pages`` fixture names them beside
# ``demo_pages``: the form pages, this month's calendar, the member authorities, a network with
# news and an update with coming meetings (the latest, found in the fixture).
MORE_PAGES = {
    "login": "/account/login/",
    "request access": "/account/request-access/",
    "reset password": "/account/reset-password/",
    "calendar": "/events/calendar/",
    "member authorities": "/contacts/member-authorities/",
    "network with news": "/about-networks/data-benchmarking-network/",
    "latest update": None,
}
# Every public page the browser tests visit, by name.
PUBLIC_PAGES = [*PAGE_TYPES, *MORE_PAGES]
