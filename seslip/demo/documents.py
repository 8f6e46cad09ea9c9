"""The demo's real documents: the Regional Improvement Plan 2024-25, its triad reports and weekly
update no. 298, each as an HTML page and a tagged PDF printed from it.

The text comes from the demo facts (plan.py, updates.py, people.py), so the documents say what
the site's pages say. ``manage.py build_demo_documents`` writes each as an HTML page (``html_page``:
one template, this document's body) and prints it with Chromium into a tagged PDF (with its title
and language) in ``seslip/demo/documents/``; the PDFs are committed, the pages are made again from
the facts whenever they are needed. The demo loader only reads the PDFs: the site never needs
Chromium.
"""

import re
from pathlib import Path

from django.template.loader import render_to_string
from django.utils.html import escape

from . import plan, updates
from .people import PEOPLE

FOLDER = Path(__file__).resolve().parent / "documents"
STYLESHEET = FOLDER / "document.css"  # the pages link to it beside them
LANGUAGE = "en-GB"
AUTHOR = "South East Sector Led Improvement Programme (SESLIP)"
PAGE_LINK = re.compile(r'<a page="[^"]*">(.*?)</a>', re.DOTALL)

# Who update no. 298's "Contact Details" names, in its order.
UPDATE_298_CONTACTS = [
    "Krista Pickering",
    "Richard Tyndall",
    "Mark Evans",
    "Sheelagh Sullivan",
    "Luke Ede",
]
TRIAD_APPENDIX = "Appendix 1: DCS peer challenge triad reports 2023-2024"


def _links_as_text(html):
    """Links to pages of the site (written ``<a page="…">``) as their text."""
    return PAGE_LINK.sub(r"\1", html)


def _table(value):
    rows = value["data"]
    head = "".join(f"<th scope='col'>{escape(cell)}</th>" for cell in rows[0])
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>" for row in rows[1:]
    )
    caption = value.get("table_caption", "")
    caption = f"<caption>{escape(caption)}</caption>" if caption else ""
    return f"<table>{caption}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def blocks_html(blocks):
    """StreamField blocks written as raw data (stream.py) as HTML."""
    parts = []
    for block in blocks:
        kind, value = block["type"], block["value"]
        if kind == "heading":
            parts.append(f"<{value['level']}>{escape(value['text'])}</{value['level']}>")
        elif kind == "paragraph":
            parts.append(_links_as_text(value))
        elif kind == "inset_text":
            parts.append(f'<div class="inset">{_links_as_text(value)}</div>')
        elif kind == "table":
            parts.append(_table(value))
        else:
            raise ValueError(f"No HTML for a {kind} block")
    return "\n".join(parts)


def _split_at_appendix(blocks):
    for index, block in enumerate(blocks):
        if block["type"] == "heading" and block["value"]["text"] == TRIAD_APPENDIX:
            return blocks[:index], blocks[index + 1 :]
    raise ValueError("The plan has no triad appendix")


def plan_body():
    return blocks_html(plan.BODY)


def triad_reports_body():
    _, appendix = _split_at_appendix(plan.BODY)
    return "<p>The reports of the six DCS peer challenge triad sessions of 2023-24, from " + (
        f"Appendix 1 of the {plan.TITLE}.</p>\n" + blocks_html(appendix)
    )


def _news_item(heading):
    item = next(item for item in updates.NEWS_ITEMS if item["heading"] == heading)
    html = f"<h3>{escape(item['heading'])}</h3>\n{_links_as_text(item['body'])}"
    if item.get("action_required"):
        html += f"\n<h4>Action required</h4>\n{_links_as_text(item['action_required'])}"
    return html


def _update_part(entries):
    parts = []
    for kind, value in entries:
        if kind == "news_item":
            parts.append(_news_item(value))
        elif kind == "table":
            parts.append(_table(value))
        else:
            raise ValueError(f"No HTML for a {kind} entry")
    return "\n".join(parts)


def update_298_body():
    update = next(update for update in updates.UPDATES if update["number"] == 298)
    people = {person["name"]: person for person in PEOPLE}
    contacts = []
    for name in UPDATE_298_CONTACTS:
        person = people[name]
        phone = f": {escape(person['phone'])}" if person.get("phone") else ""
        contacts.append(f"<li>{escape(person['role'])}: {escape(name)}{phone}</li>")
    return "\n".join(
        [
            f"<p>Update no. 298, {update['date']:%A %-d %B %Y}</p>",
            update["intro"],
            "<h2>This week</h2>",
            _update_part(update["body"]),
            "<h2>Reminders from previous weeks</h2>",
            _update_part(update["reminders"]),
            "<h2>Contact details</h2>",
            f"<ul>{''.join(contacts)}</ul>",
        ]
    )


# name (the files' stem) -> title, subject and the function that writes the body.
DOCUMENTS = {
    "regional-improvement-plan-2024-25": {
        "title": plan.TITLE,
        "subject": "The South East Sector Led Improvement Programme's plan for 2024-25.",
        "body": plan_body,
    },
    "dcs-peer-challenge-triad-reports-2023-24": {
        "title": "DCS peer challenge triad reports 2023-24",
        "subject": "The reports of the six DCS peer challenge triad sessions of 2023-24.",
        "body": triad_reports_body,
    },
    "weekly-update-298": {
        "title": "SESLIP weekly update no. 298, 20 April 2018",
        "subject": "The South East Sector Led Improvement Programme's weekly update.",
        "body": update_298_body,
    },
}


def html_page(name):
    """The document as a whole HTML page (what the PDF is printed from)."""
    document = DOCUMENTS[name]
    return render_to_string(
        "seslip/documents/document.html",
        {
            "title": document["title"],
            "subject": document["subject"],
            "author": AUTHOR,
            "language": LANGUAGE,
            "body": document["body"](),
        },
    )


def pdf_path(name):
    return FOLDER / f"{name}.pdf"


def pdf_bytes(name):
    """The committed PDF of a document (made by ``manage.py build_demo_documents``)."""
    return pdf_path(name).read_bytes()
