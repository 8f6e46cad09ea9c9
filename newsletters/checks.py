"""What a weekly update and its news items are checked for before they go out.

Errors stop an update being published (``publishing_errors``, from its admin form): no news, a
reused item whose action date has passed, a restricted page or document linked from an item.
Warnings are shown in the editor's "Checks" panel (core.panels): an action with no date, an
acronym not written out, a PDF with no web page beside it."""

from core.content_checks import (
    acronym_warnings,
    documents_linked,
    has_web_link,
    is_pdf,
    pdf_warning,
    plain_text,
    restricted_content,
    restricted_message,
)
from core.utils import long_date

NEWS_BLOCKS = ("news_item", "one_off_news_item")
ITEM_LINK_FIELDS = ("body", "action_required", "links")


def chosen_items(stream):
    """Every reusable news item chosen in a StreamField value, in order."""
    return [
        block.value
        for block in stream
        if block.block_type == "news_item" and block.value is not None
    ]


def has_news(body):
    """Whether an update's body has a news item, reused or written in place."""
    return any(block.block_type in NEWS_BLOCKS and block.value is not None for block in body)


def deadline_passed(item, day):
    """Whether a news item asks readers to act by a date before ``day``."""
    return item.action_by is not None and day is not None and item.action_by < day


def publishing_errors(day, body, reminders):
    """{field name: [messages]} for what stops an update dated ``day`` being published."""
    errors = {}
    if not has_news(body):
        errors.setdefault("body", []).append(
            "An update needs at least one news item before it is published: choose a news "
            "item or write a one-off item."
        )
    for name, stream in (("body", body), ("reminders", reminders)):
        for item in chosen_items(stream):
            if deadline_passed(item, day):
                errors.setdefault(name, []).append(
                    f"‘{item.heading}’ asks readers to act by {long_date(item.action_by)}, "
                    f"before this update's date ({long_date(day)}). Edit the news item to give "
                    "it a new date, or none, then publish."
                )
            for obj in restricted_content(item, ITEM_LINK_FIELDS):
                errors.setdefault(name, []).append(restricted_message(obj, f"‘{item.heading}’"))
    return errors


def item_text(item):
    return plain_text(item.heading, item.body, item.action_required)


def pdf_warnings(item):
    """A news item's PDFs, when it links to no web page beside them."""
    link_blocks = [block for block in item.links if block.block_type == "link"]
    if link_blocks or has_web_link(item.body, item.action_required):
        return []
    documents = {}
    for name in ITEM_LINK_FIELDS:
        for document in documents_linked(item, name):
            documents[document.pk] = document
    where = f"‘{item.heading}’"
    return [pdf_warning(document, where) for document in documents.values() if is_pdf(document)]


def asks_to_act(item):
    """Whether a news item says what readers need to do (under 'Action required')."""
    return bool(plain_text(item.action_required).strip())


def item_warnings(item, acronyms=True):
    """What an editor should look at in a news item before it goes out."""
    where = f"‘{item.heading}’"
    warnings = []
    if asks_to_act(item) and item.action_by is None:
        warnings.append(
            f"{where} asks readers to act but gives no date: add the date the action is due, "
            "if there is one."
        )
    if acronyms:
        warnings += acronym_warnings(item_text(item), where)
    return warnings + pdf_warnings(item)


def _block_text(block):
    value = block.value
    if block.block_type == "news_item":
        return item_text(value)
    if block.block_type == "one_off_news_item":
        return plain_text(value["heading"], value["body"], value["action_required"])
    if block.block_type == "rich_text":
        return plain_text(value)
    if block.block_type == "tools_and_templates":
        return " ".join(entry["title"] for entry in value["entries"])
    return ""


def update_warnings(update, previous=None):
    """What an editor should look at in an update before it goes out: its items' warnings, an
    acronym not written out anywhere in the update, a publication listed only as a PDF, and
    an introduction unchanged since the ``previous`` update (a new update starts with it)."""
    blocks = [
        block
        for stream in (update.body, update.reminders)
        for block in stream
        if block.value is not None
    ]
    warnings = []
    intro = plain_text(update.intro).strip()
    if previous is not None and intro and intro == plain_text(previous.intro).strip():
        warnings.append(
            f"The introduction is the same as in update {previous.number} of "
            f"{long_date(previous.date)}: check that it reads right for this week."
        )
    for item in chosen_items(update.body) + chosen_items(update.reminders):
        warnings += item_warnings(item, acronyms=False)
    text = " ".join([plain_text(update.intro), *(_block_text(block) for block in blocks)])
    warnings += acronym_warnings(text, "This update")
    for block in blocks:
        if block.block_type != "tools_and_templates":
            continue
        for entry in block.value["entries"]:
            if is_pdf(entry["document"]) and not entry["link"]:
                warnings.append(pdf_warning(entry["document"], f"‘{entry['title']}’"))
    return list(dict.fromkeys(warnings))
