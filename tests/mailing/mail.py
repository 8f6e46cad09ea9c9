"""Helpers for the email tests: an update with every kind of block, and reading what arrived."""

import datetime
import re
from collections import Counter

from wagtail.models import Page

from newsletters.factories import NewsItemFactory, WeeklyUpdatePageFactory


def full_update(number=518):
    """A published update with reusable and one-off items, actions, a table, tools and a
    reminder, whose items link to a page of the site (a relative link in rich text)."""
    archive = Page.objects.get(slug="newsletters")
    reusable = NewsItemFactory(
        heading="Regional Workforce Benchmarking",
        body=f'<p>The report is out: see <a linktype="page" id="{archive.pk}">the archive</a>.</p>',
        action_required="<p>Send your 2024 workforce returns to Luke Ede.</p>",
        action_by=datetime.date(2025, 3, 14),
        links=[("link", {"title": "The report", "url": "https://example.org/report"})],
    )
    reminder = NewsItemFactory(
        heading="Ofsted ILACS Preparation",
        body="<ul><li>Read the guide</li><li>Book a slot</li></ul>",
        action_required="<p>Book a place by Friday.</p>",
    )
    return WeeklyUpdatePageFactory(
        number=number,
        date=datetime.date(2025, 3, 7),
        intro="<p>Welcome to this week’s update from <b>SESLIP</b>.</p>",
        body=[
            ("news_item", reusable),
            (
                "one_off_news_item",
                {
                    "heading": "Data to Insight & DfE",
                    "body": "<p>New tools for analysts.</p>",
                    "action_required": "<p>Tell us which tools you use <i>now</i>.</p>",
                },
            ),
            (
                "table",
                {
                    "first_row_is_table_header": True,
                    "first_col_is_header": False,
                    "table_caption": "Budget 2024-25",
                    "data": [["Workstream", "Budget"], ["Data", "£80,000"]],
                },
            ),
            (
                "tools_and_templates",
                {
                    "heading": "Tools & Templates",
                    "entries": [
                        {
                            "date": datetime.date(2025, 3, 3),
                            "publisher": "Ofsted",
                            "title": "Main findings 2025",
                            "link": "https://www.gov.uk/findings",
                            "document": None,
                        }
                    ],
                },
            ),
        ],
        reminders=[("news_item", reminder)],
    )


def headers_of(message):
    return {k.lower(): str(v) for k, v in message.items()}


def parts(message):
    """The plain-text and HTML bodies of a received message."""
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    return text, html


def per_recipient(server):
    """How many messages each envelope recipient got."""
    return Counter(r.lower() for e in server.envelopes for r in e.recipients)


def link_in(text, pattern):
    match = re.search(pattern, text)
    assert match, f"no link matching {pattern!r}"
    return match.group(0)
