"""The weekly update as an email: HTML for Outlook and webmail, and plain text.

The HTML is laid out with tables (``role="presentation"``) and inline CSS, since Outlook ignores
most stylesheets and lays out only tables, with a hidden preview text (the preheader), absolute
links and a "View in browser" link. The plain text is made from the same blocks. Where each
reader's links to unsubscribe and to manage their subscription go, both carry a placeholder,
which the sender replaces per reader (see mailing.sending).

A subscriber may follow networks: their copy starts with those networks' "Action required"
items. ``UpdateEmail`` reads the update once and renders one copy per distinct choice, and only
the networks with actions in the update count, so most subscribers share a copy.
"""

import re
import textwrap
from dataclasses import dataclass

from bs4 import BeautifulSoup, NavigableString, Tag
from django.template.loader import render_to_string
from wagtail.rich_text import RichText, expand_db_html

from core.utils import site_url

UNSUBSCRIBE_PLACEHOLDER = "%%SESLIP-UNSUBSCRIBE-URL%%"
MANAGE_PLACEHOLDER = "%%SESLIP-MANAGE-URL%%"
PREVIEW_LENGTH = 140
# After the preview text, so that mail programs do not fill the preview with the body's start.
PREVIEW_PADDING = "&#847;&zwnj;&nbsp; " * 60
TEXT_WIDTH = 76
# SMTP allows lines of 998 bytes; wrapping well below leaves room for the per-reader link and
# lets the body go as 8bit text, so the placeholder is never split by an encoding.
MAX_LINE = 700

FONT = "font-family:Arial,Helvetica,sans-serif;"
TEXT = FONT + "font-size:16px;line-height:24px;color:#0b0c0c;"
RICH_TEXT_STYLES = {
    "p": TEXT + "margin:0 0 16px 0;",
    "ul": TEXT + "margin:0 0 16px 0;padding:0 0 0 24px;",
    "ol": TEXT + "margin:0 0 16px 0;padding:0 0 0 24px;",
    "li": "margin:0 0 8px 0;",
    "a": "color:#1d70b8;text-decoration:underline;",
    "h2": FONT + "margin:24px 0 12px 0;font-size:22px;line-height:28px;color:#0b0c0c;",
    "h3": FONT + "margin:20px 0 8px 0;font-size:19px;line-height:25px;color:#0b0c0c;",
    "h4": FONT + "margin:16px 0 8px 0;font-size:16px;line-height:24px;color:#0b0c0c;",
    "b": "font-weight:bold;",
    "strong": "font-weight:bold;",
    "i": "font-style:italic;",
    "em": "font-style:italic;",
}
BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "table", "tr"}
ATTRIBUTE_URL = re.compile(r'\b(href|src)="(/[^/"][^"]*|/)"')


@dataclass
class ComposedEmail:
    subject: str
    html: str
    text: str


def absolute(url):
    """An absolute address for a link in an email (mailto:, tel: and # are left alone)."""
    if not url or url.startswith(("mailto:", "tel:", "#")):
        return url
    return site_url(url)


def _source(value):
    if isinstance(value, RichText):
        return value.source
    return str(value or "")


def rich_text_html(value):
    """Rich text for the email: internal links expanded and absolute, inline styles added."""
    soup = BeautifulSoup(expand_db_html(_source(value)), "html.parser")
    for tag in soup.find_all(True):
        style = RICH_TEXT_STYLES.get(tag.name)
        if style:
            tag["style"] = style
        for attribute in ("href", "src"):
            if tag.get(attribute):
                tag[attribute] = absolute(tag[attribute])
        tag.attrs.pop("class", None)
    return str(soup)


def rich_text_plain(value):
    """Rich text as plain text: paragraphs, '- ' list items, and links as 'text (address)'."""
    soup = BeautifulSoup(expand_db_html(_source(value)), "html.parser")
    paragraphs = []
    _text_blocks(soup, paragraphs, prefix="")
    return "\n\n".join(p for p in paragraphs if p.strip())


def _inline_text(node):
    parts = []
    for child in node.children:
        if isinstance(child, NavigableString):
            parts.append(str(child))
        elif isinstance(child, Tag):
            if child.name == "br":
                parts.append("\n")
            elif child.name in ("ul", "ol"):
                continue  # a nested list becomes its own paragraphs
            elif child.name == "a" and child.get("href"):
                label = " ".join(_inline_text(child).split())
                href = absolute(child["href"]).removeprefix("mailto:")
                parts.append(label if not label or label == href else f"{label} ({href})")
                if not label:
                    parts.append(href)
            else:
                parts.append(_inline_text(child))
    return "".join(parts)


def _wrap(text, prefix=""):
    lines = []
    for line in text.split("\n"):
        line = " ".join(line.split())
        if line:
            lines.append(
                textwrap.fill(
                    line,
                    TEXT_WIDTH,
                    initial_indent=prefix,
                    subsequent_indent=" " * len(prefix),
                    break_long_words=False,
                    break_on_hyphens=False,
                )
            )
            prefix = " " * len(prefix)
    return "\n".join(lines)


def _text_blocks(node, out, prefix):
    loose = []

    def flush():
        text = "".join(loose).strip()
        if text:
            out.append(_wrap(text, prefix))
        loose.clear()

    for child in node.children:
        if isinstance(child, Tag) and child.name in ("ul", "ol"):
            flush()
            items = []
            _list_blocks(child, items, prefix)
            out.append("\n".join(items))
        elif isinstance(child, Tag) and child.name in BLOCK_TAGS:
            flush()
            text = _inline_text(child).strip()
            if text:
                out.append(_wrap(text, prefix))
        elif isinstance(child, Tag):
            loose.append(_inline_text(child))
        else:
            loose.append(str(child))
    flush()


def _list_blocks(list_tag, out, prefix):
    for number, item in enumerate(list_tag.find_all("li", recursive=False), start=1):
        marker = f"{number}. " if list_tag.name == "ol" else "- "
        text = _inline_text(item).strip()
        if text:
            out.append(_wrap(text, prefix + marker))
        for nested in item.find_all(["ul", "ol"], recursive=False):
            _list_blocks(nested, out, prefix + "  ")


def wrap_long_lines(html, limit=MAX_LINE):
    """Break any line longer than ``limit`` at a space (whitespace is insignificant in HTML)."""
    out = []
    for line in html.split("\n"):
        while len(line.encode()) > limit:
            cut = line.rfind(" ", 0, limit // 2 + limit // 4)
            if cut <= 0:
                cut = line.find(" ", limit // 2)
            if cut <= 0:
                break
            out.append(line[:cut])
            line = line[cut + 1 :]
        out.append(line)
    return "\n".join(out)


def plain_summary(value, length=PREVIEW_LENGTH):
    """Rich text as one line of at most ``length`` characters, cut at a word."""
    text = " ".join(BeautifulSoup(expand_db_html(_source(value)), "html.parser").get_text().split())
    if len(text) <= length:
        return text
    return text[: length - 1].rsplit(" ", 1)[0].rstrip(",;:.") + "…"


def action_networks(block):
    """The networks (ids) a news item's "Action required" is for; none for other blocks."""
    if block.block_type != "news_item" or block.value is None:
        return frozenset()
    item = block.value
    if not plain_summary(item.action_required, length=1):
        return frozenset()
    return frozenset(network.pk for network in item.networks.all())


def networks_key(network_ids):
    """The key of a choice of networks: their ids sorted, comma-separated."""
    return ",".join(str(pk) for pk in sorted(network_ids))


def email_context(update):
    """What both templates show: the same blocks and generated sections as the update's page."""
    page_url = update.url or ""
    return {
        "update": update,
        **update.reading_sections(prefetch=("people__organisation", "networks")),
        "view_url": absolute(page_url),
        "archive_url": absolute(update.get_parent().url or "/"),
        "subscribe_url": absolute("/newsletters/subscribe/"),
        "unsubscribe_url": UNSUBSCRIBE_PLACEHOLDER,
        "manage_url": MANAGE_PLACEHOLDER,
        "site_url": site_url(),
        "preview_text": plain_summary(update.intro),
        "preview_padding": PREVIEW_PADDING,
    }


def subject_for(update):
    return f"SESLIP weekly update no {update.number}, {update.date:%-d %B %Y}"


class UpdateEmail:
    """An update read once, to render as many copies as there are choices of networks."""

    def __init__(self, update, test=False):
        self.context = {**email_context(update), "test": test}
        self.subject = f"[Test] {subject_for(update)}" if test else subject_for(update)
        blocks = self.context["news_blocks"] + self.context["reminder_blocks"]
        self.block_networks = {id(block): action_networks(block) for block in blocks}
        self.networks = {
            network.pk: network
            for block in blocks
            if self.block_networks[id(block)]
            for network in block.value.networks.all()
        }

    def key_for(self, network_ids):
        """The copy for someone following ``network_ids``: only networks with actions count."""
        return networks_key(set(network_ids) & self.networks.keys())

    def render(self, key=""):
        """The copy for a key from ``key_for``: subject, HTML and plain text."""
        chosen = {int(pk) for pk in key.split(",") if pk}

        def first(block):
            return bool(self.block_networks.get(id(block), frozenset()) & chosen)

        context = {
            **self.context,
            "first_blocks": [
                block
                for block in self.context["news_blocks"] + self.context["reminder_blocks"]
                if first(block)
            ],
            "first_networks": [
                self.networks[pk].title for pk in sorted(chosen) if pk in self.networks
            ],
            "news_blocks": [b for b in self.context["news_blocks"] if not first(b)],
            "reminder_blocks": [b for b in self.context["reminder_blocks"] if not first(b)],
        }
        if context["first_blocks"]:
            headings = "; ".join(block.value.heading for block in context["first_blocks"])
            context["preview_text"] = plain_summary(f"Action required: {headings}")
        html = render_to_string("mailing/email/update.html", context)
        # Whatever a block's template left relative (documents, pages) becomes absolute.
        html = ATTRIBUTE_URL.sub(lambda m: f'{m.group(1)}="{absolute(m.group(2))}"', html)
        text = render_to_string("mailing/email/update.txt", context)
        text = re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
        return ComposedEmail(
            subject=self.subject, html=wrap_long_lines(html), text=wrap_long_lines(text)
        )


def compose(update, test=False, networks=()):
    """Render the update for someone following ``networks`` (ids), with the placeholders."""
    email = UpdateEmail(update, test=test)
    return email.render(email.key_for(networks))
