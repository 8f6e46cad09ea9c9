"""What the importer reads an update into: plain data, with ``ParsedUpdate.to_dict()``
ready for JSON. Writing it to the database is importer.drafts' job."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from .text import collapse, inline_html, name_variants


def _plain(data, *names):
    """The named fields of ``data``, in this order, as JSON values (dates as ISO text)."""
    plain = {}
    for name in names:
        value = getattr(data, name)
        if isinstance(value, datetime.date):
            value = value.isoformat()
        elif isinstance(value, list):
            value = list(value)
        plain[name] = value
    return plain


# --- the parsed update ------------------------------------------------------------------


@dataclass
class Paragraph:
    lines: list[str]
    line: int
    wrapped: bool = False  # hard-wrapped text: join the lines with spaces, not line breaks

    def text(self) -> str:
        return ("\n" if not self.wrapped else " ").join(collapse(x) for x in self.lines)

    def html(self) -> str:
        sep = " " if self.wrapped else "<br/>"
        return "<p>" + sep.join(inline_html(x) for x in self.lines) + "</p>"


@dataclass
class BulletList:
    items: list[str]
    line: int
    ordered: bool = False
    item_lines: list[int] = field(default_factory=list)

    def text(self) -> str:
        if self.ordered:
            return "\n".join(f"{n}. {collapse(x)}" for n, x in enumerate(self.items, 1))
        return "\n".join(f"• {collapse(x)}" for x in self.items)

    def html(self) -> str:
        tag = "ol" if self.ordered else "ul"
        lis = "".join(f"<li>{inline_html(x)}</li>" for x in self.items)
        return f"<{tag}>{lis}</{tag}>"


@dataclass
class Table:
    """A table with a header row: ``rows[0]`` is the header, every row as wide as it."""

    rows: list[list[str]]
    line: int
    separator: str = "tab"  # "tab" or "spaces"
    row_lines: list[int] = field(default_factory=list)

    def text(self) -> str:
        return "\n".join(" | ".join(row) for row in self.rows)

    def html(self) -> str:
        return ""  # tables become table blocks of their own, not rich text

    def block_value(self, caption: str = "") -> dict:
        """The value of a wagtail.contrib.table_block TableBlock."""
        return {
            "data": [list(row) for row in self.rows],
            "first_row_is_table_header": True,
            "first_col_is_header": False,
            "table_header_choice": "row",
            "table_caption": caption,
        }


@dataclass
class Content:
    """Body or 'Action required' text: paragraphs, lists and tables in reading order."""

    blocks: list[Paragraph | BulletList | Table] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.blocks)

    def text(self) -> str:
        return "\n\n".join(block.text() for block in self.blocks)

    def html(self) -> str:
        return "".join(block.html() for block in self.blocks)

    @property
    def tables(self) -> list[Table]:
        return [block for block in self.blocks if isinstance(block, Table)]


@dataclass
class NewsItem:
    heading: str
    line: int
    body: Content = field(default_factory=Content)
    action_required: Content = field(default_factory=Content)
    reminder: bool = False

    @property
    def tables(self) -> list[Table]:
        return self.body.tables + self.action_required.tables

    def text(self) -> str:
        return "\n".join([self.heading, self.body.text(), self.action_required.text()])


@dataclass
class ToolEntry:
    """A 'Tools & Templates' line: 'On 7 July Ofsted published Main findings: …'."""

    text: str
    line: int
    title: str
    date: datetime.date | None = None
    publisher: str = ""
    link: str = ""

    def to_dict(self) -> dict:
        return _plain(self, "text", "date", "publisher", "title", "link", "line")


@dataclass
class ToolsSection:
    heading: str
    line: int
    entries: list[ToolEntry] = field(default_factory=list)


@dataclass
class Meeting:
    text: str
    line: int
    date: datetime.date | None = None
    # Listed after an "Action Required:" marker in the section: readers need to act (book,
    # reply) for it.
    action_required: bool = False

    def to_dict(self) -> dict:
        return _plain(self, "text", "date", "line", "action_required")


@dataclass
class MeetingsSection:
    heading: str
    line: int
    content: Content = field(default_factory=Content)
    meetings: list[Meeting] = field(default_factory=list)


@dataclass
class Contact:
    name: str
    line: int
    role: str = ""
    organisation: str = ""
    phone: str = ""
    email: str = ""
    items: list[int] = field(default_factory=list)  # indexes of the items that mention them

    def name_variants(self) -> list[str]:
        return name_variants(self.name)

    def to_dict(self) -> dict:
        return _plain(self, "name", "role", "organisation", "phone", "email", "items", "line")


@dataclass
class ParsedUpdate:
    number: int
    date: datetime.date
    line: int = 1  # the title line
    intro: Content = field(default_factory=Content)
    items: list[NewsItem] = field(default_factory=list)
    tools: list[ToolsSection] = field(default_factory=list)
    future_meetings: list[MeetingsSection] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    # Reading order of what is not a contact: ("item", i), ("tools", i), ("meetings", i).
    layout: list[tuple[str, int]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"Update no {self.number} {self.date:%-d %B %Y}"

    @property
    def reminders(self) -> list[NewsItem]:
        return [item for item in self.items if item.reminder]

    @property
    def tool_entries(self) -> list[ToolEntry]:
        return [entry for section in self.tools for entry in section.entries]

    @property
    def meetings(self) -> list[Meeting]:
        return [m for section in self.future_meetings for m in section.meetings]

    def tables(self) -> list[tuple[Table, int | None, str]]:
        """Every table with the index of its item (None outside items) and its section."""
        found = []
        for kind, index in self.layout:
            if kind == "item":
                item = self.items[index]
                section = "reminders" if item.reminder else "items"
                found += [(table, index, section) for table in item.tables]
            elif kind == "meetings":
                found += [
                    (table, None, "future_meetings")
                    for table in self.future_meetings[index].content.tables
                ]
        return found

    def to_dict(self) -> dict:
        return {
            "number": self.number,
            "date": self.date.isoformat(),
            "title": self.title,
            "line": self.line,
            "intro": self.intro.text(),
            "intro_html": self.intro.html(),
            "items": [
                {
                    "heading": item.heading,
                    "body": item.body.text(),
                    "action_required": item.action_required.text(),
                    "reminder": item.reminder,
                    "line": item.line,
                    "body_html": item.body.html(),
                    "action_required_html": item.action_required.html(),
                    "table_count": len(item.tables),
                }
                for item in self.items
            ],
            "tools_and_templates": [entry.text for entry in self.tool_entries],
            "tools_and_templates_entries": [entry.to_dict() for entry in self.tool_entries],
            "tables": [
                {
                    "item": index,
                    "heading": self.items[index].heading if index is not None else None,
                    "section": section,
                    "line": table.line,
                    "data": table.rows,
                }
                for table, index, section in self.tables()
            ],
            "future_meetings": [m.to_dict() for m in self.meetings],
            "contacts": [contact.to_dict() for contact in self.contacts],
            "warnings": list(self.warnings),
        }
