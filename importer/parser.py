"""Read the plain text of an old weekly update into plain data, ready to become a draft.

The text is an update as it reads on the old site or in the email (see update no. 298)::

    UPDATE NO 298 20 April 2018              <- title line: number and date
    Newsletters A brief summary … At […]     <- the site's excerpt line (dropped)
    Three children playing happily together  <- image alt text (dropped)
    A brief summary of the main headlines…   <- intro
    UPDATE NO 298 20 April 2018              <- the title again (dropped)

    Consultation on 2018-19 DCS Peer …       <- news item heading (a short line on its own)
    The consultation on …                    <- its body (paragraphs, bullets, tables)
    Action Required:                         <- then what readers need to do
    …
    Reminders from previous weeks            <- the items after this are reminders
    Tools & Templates                        <- "On 7 July Ofsted published …" lines
    Future dates for network meetings        <- one meeting a line, or a table
    Contact Details                          <- "Role: Name (Organisation)", then a phone

This module only reads text: it never touches the database. :func:`parse_update` returns a
:class:`ParsedUpdate` (whose :meth:`~ParsedUpdate.to_dict` is JSON-ready) or raises
:class:`ParseError` with the line number and what was expected there. Writing the draft is
:func:`importer.drafts.create_draft`'s job.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from .contact_details import _parse_contacts
from .paragraphs import (
    _is_candidate,
    _is_title,
    _maybe_table,
    _Para,
    _paragraphs,
    _section,
    _title,
    parse_content,
)
from .parsed import (
    BulletList,
    Contact,
    Content,
    Meeting,
    MeetingsSection,
    NewsItem,
    Paragraph,
    ParsedUpdate,
    Table,
    ToolEntry,
    ToolsSection,
)
from .text import (
    _DATE_IN_TEXT_RE,
    ACTION_RE,
    BRACKETED_RE,
    BULLET_RE,
    EXCERPT_RE,
    NO_ACTION,
    TITLE_EXAMPLE,
    TITLE_RE,
    TOOL_RE,
    ParseError,
    _strip_links,
    collapse,
    mentions,
    normalise_lines,
    parse_date,
)

# --- the update --------------------------------------------------------------------------


@dataclass
class _Walk:
    """Where ``_Reader._read_items`` is in the text after the intro."""

    # "items", "reminders", "contacts", "tools" or "meetings"
    state: str = "items"
    # Whether the news items read now are this week's or reminders.
    item_state: str = "items"
    item: NewsItem | None = None
    item_paras: dict[str, list[_Para]] = field(default_factory=dict)
    # "body" or "action": which part of the item a paragraph belongs to.
    part: str = "body"
    after_marker: bool = True
    previous_heading: bool = False
    section: ToolsSection | MeetingsSection | None = None
    section_paras: list[_Para] = field(default_factory=list)
    contacts_paras: list[_Para] = field(default_factory=list)


class _Reader:
    """The state machine that walks an update's paragraphs."""

    def __init__(self, lines: list[str]):
        self.lines = lines
        self.max_len = max((len(x) for x in lines), default=0)

    def parse(self) -> ParsedUpdate:
        lines = self.lines
        first = next((n for n, text in enumerate(lines, 1) if text.strip()), None)
        if first is None:
            raise ParseError(1, f"the text is empty: expected a title line like {TITLE_EXAMPLE}")
        title = _title(lines[first - 1], first)
        if title is None:
            raise ParseError(first, f"expected a title line like {TITLE_EXAMPLE}")
        number, date = title
        self.update = update = ParsedUpdate(number=number, date=date, line=first)
        paras = _paragraphs(lines, first + 1)
        self.wrapped_doc = self.max_len <= 80 and any(len(p.lines) > 1 for p in paras)

        # Headings: in the site's text a heading has two blank lines above and below it.
        self.spaced = (
            sum(1 for p in paras if _is_candidate(p) and p.before >= 2 and p.after >= 2) >= 2
        )
        paras = self._split_markers(paras)
        self.paras = paras
        start = self._read_preamble(paras)
        self._read_items(paras, start)
        if not update.items:
            last = max(n for n, text in enumerate(lines, 1) if text.strip())
            raise ParseError(
                last,
                "no news items found: expected a heading (a short line on its own) "
                "followed by the item's text",
            )
        for contact in update.contacts:
            contact.items = [
                i for i, item in enumerate(update.items) if mentions(item.text(), contact.name)
            ]
        return update

    def _split_markers(self, paras: list[_Para]) -> list[_Para]:
        """Markers ('Action Required:', 'Contact Details', …) become paragraphs of their own
        when text runs on to them without a blank line."""
        out = []
        for para in paras:
            current = _Para([], para.before, 0)
            for number, raw in para.lines:
                text = collapse(raw)
                if _section(text) or ACTION_RE.match(text):
                    if current.lines:
                        out.append(current)
                    out.append(_Para([(number, raw)], current.before if not current.lines else 0))
                    current = _Para([], 0, 0)
                else:
                    current.lines.append((number, raw))
            if current.lines:
                out.append(current)
            out[-1].after = para.after
        return out

    def _check_title(self, para: _Para) -> bool:
        """Is this paragraph the title again (site furniture)? Another update is an error."""
        if not para.single:
            return False
        try:
            title = _title(para.text, para.line)
        except ParseError:
            return False
        if title is None:
            return False
        if title[0] != self.update.number:
            raise ParseError(
                para.line,
                f"this is the title of another update (no {title[0]}): "
                "expected one update in a text",
            )
        return True

    def _is_heading(self, paras: list[_Para], i: int, after_marker: bool = False) -> bool:
        para = paras[i]
        if not _is_candidate(para):
            return False
        nxt = paras[i + 1] if i + 1 < len(paras) else None
        if nxt is None or _section(nxt.text) or self._is_title_line(nxt):
            return False  # a heading needs text after it
        if self.spaced:
            return para.after >= 2 and (para.before >= 2 or after_marker)
        return not ACTION_RE.match(nxt.text)

    def _is_title_line(self, para: _Para) -> bool:
        return para.single and TITLE_RE.match(para.text) is not None and _is_title(para)

    def _read_preamble(self, paras: list[_Para]) -> int:
        """The intro: what comes before the title again or before the first heading.
        Returns the index of the first paragraph after it."""
        update = self.update
        end, title_again = None, False
        for i, para in enumerate(paras):
            if self._check_title(para):
                end, title_again = i, True
                break
            if _section(para.text) and para.single:
                end = i
                break
            if ACTION_RE.match(para.text):
                raise ParseError(
                    para.line, "'Action Required' before any news item: expected a heading first"
                )
            if self._is_heading(paras, i, after_marker=False) and not self._site_furniture(
                paras, i
            ):
                end = i
                break
        if end is None:
            end = len(paras)
        kept = []
        site_text = title_again
        for para in paras[:end]:
            if para.single and EXCERPT_RE.search(para.text):
                site_text = True  # the site's excerpt line
                continue
            if para.single and BRACKETED_RE.match(para.text):
                continue  # an image in an email
            kept.append(para)
        if site_text:
            # Image alt text: short lines, not sentences, before the first real paragraph.
            while len(kept) > 1 and _is_candidate(kept[0]):
                kept.pop(0)
        update.intro = parse_content(kept, wrapped_doc=self.wrapped_doc)
        return end + 1 if title_again else end

    def _site_furniture(self, paras: list[_Para], i: int) -> bool:
        """Alt text of the site's image: short lines right after the excerpt line, when the
        title comes again after the intro."""
        j = i - 1
        while j >= 0 and (_is_candidate(paras[j]) or BRACKETED_RE.match(paras[j].text)):
            j -= 1
        if j < 0 or not (paras[j].single and EXCERPT_RE.search(paras[j].text)):
            return False
        return any(self._is_title_line(p) for p in paras[i + 1 :])

    def _read_items(self, paras: list[_Para], start: int):
        """What follows the intro, a paragraph at a time: a section marker switches section
        (``_enter_section``); in the contact details, tools or meeting dates a paragraph is
        collected for that section; elsewhere it is an 'Action Required', a news item's
        heading or a line of the item (``_read_item_paragraph``)."""
        walk = _Walk()
        for i in range(start, len(paras)):
            para = paras[i]
            if self._check_title(para):
                raise ParseError(
                    para.line,
                    "the title line comes again after the news items: expected one update "
                    "(is the text pasted twice?)",
                )
            section = _section(para.text) if para.single else None
            if section:
                self._enter_section(walk, section, para)
            elif walk.state == "contacts":
                walk.contacts_paras.append(para)
            elif walk.state in ("tools", "meetings") and not self._starts_item(paras, i):
                walk.section_paras.append(para)
            else:
                if walk.state in ("tools", "meetings"):
                    # A news item after tools or meeting dates: back to the items.
                    self._finish_section(walk)
                    walk.state = walk.item_state
                self._read_item_paragraph(walk, paras, i)
        self._finish_item(walk)
        self._finish_section(walk)
        _parse_contacts(walk.contacts_paras, self.update.contacts)
        self._merge_contacts()

    def _enter_section(self, walk: _Walk, section: str, para: _Para):
        """A marker line ('Reminders from previous weeks', 'Contact Details', 'Tools &
        Templates', 'Future dates for network meetings'): what follows belongs to it."""
        update = self.update
        self._finish_item(walk)
        self._finish_section(walk)
        walk.previous_heading = False
        walk.after_marker = True
        text = para.text
        if section in ("reminders", "items"):
            walk.state = walk.item_state = "reminders"
        elif section == "contacts":
            walk.state = "contacts"
        elif section == "tools":
            walk.state = "tools"
            walk.section = ToolsSection(text.rstrip(":"), para.line)
            update.tools.append(walk.section)
            update.layout.append(("tools", len(update.tools) - 1))
        else:
            walk.state = "meetings"
            walk.section = MeetingsSection(text.rstrip(":"), para.line)
            update.future_meetings.append(walk.section)
            update.layout.append(("meetings", len(update.future_meetings) - 1))

    def _read_item_paragraph(self, walk: _Walk, paras: list[_Para], i: int):
        para = paras[i]
        action = ACTION_RE.match(para.text) if para.single else None
        if action:
            self._read_action(walk, para, action)
        elif not walk.previous_heading and self._is_heading(
            paras, i, after_marker=walk.after_marker
        ):
            self._start_item(walk, para)
        else:
            self._add_to_item(walk, para)

    def _read_action(self, walk: _Walk, para: _Para, action: re.Match):
        """'Action Required: …': what follows, up to the next heading, is the item's action."""
        item = walk.item
        if item is None:
            raise ParseError(
                para.line,
                "'Action Required' before any news item: expected a heading first",
            )
        if walk.part == "action":
            self.update.warnings.append(
                f"line {para.line}: a second 'Action Required' in \"{item.heading}\": "
                "read as part of the first"
            )
        walk.part = "action"
        rest = action.group("rest") or ""
        if collapse(rest).lower().rstrip(".") in NO_ACTION:
            rest = ""
        if rest.strip():
            walk.item_paras["action"].append(_Para([(para.line, rest)], para.before, para.after))
        # What follows a bare 'Action Required:' is the action, never a heading.
        walk.previous_heading = not rest.strip()

    def _start_item(self, walk: _Walk, para: _Para):
        """A heading: the previous item is complete and a new one begins."""
        self._finish_item(walk)
        update = self.update
        walk.item = NewsItem(
            heading=para.text, line=para.line, reminder=walk.item_state == "reminders"
        )
        update.items.append(walk.item)
        update.layout.append(("item", len(update.items) - 1))
        walk.item_paras = {"body": [], "action": []}
        walk.part = "body"
        walk.previous_heading = True
        walk.after_marker = False

    def _add_to_item(self, walk: _Walk, para: _Para):
        """A paragraph of the current item's text or action."""
        if walk.item is None:
            where = ""
            if walk.item_state == "reminders":
                where = " after 'Reminders from previous weeks'"
            raise ParseError(
                para.line,
                f"expected a news item heading{where} (a short line on its own, "
                "with the item's text after it)",
            )
        walk.item_paras[walk.part].append(para)
        walk.previous_heading = False
        walk.after_marker = False

    def _finish_item(self, walk: _Walk):
        item = walk.item
        if item is None:
            return
        if not walk.item_paras["body"] and not walk.item_paras["action"]:
            raise ParseError(
                item.line,
                f'the news item "{item.heading}" has no text: expected its text after the heading',
            )
        item.body = self._content(walk.item_paras["body"])
        item.action_required = self._content(walk.item_paras["action"])
        walk.item = None

    def _finish_section(self, walk: _Walk):
        if walk.section is None:
            return
        if isinstance(walk.section, ToolsSection):
            self._fill_tools(walk.section, walk.section_paras)
        else:
            self._fill_meetings(walk.section, walk.section_paras)
        walk.section, walk.section_paras = None, []

    def _content(self, paras: list[_Para]) -> Content:
        content = parse_content(paras, wrapped_doc=self.wrapped_doc)
        for block in content.blocks:
            if isinstance(block, Paragraph) and _maybe_table(block):
                self.update.warnings.append(
                    f"line {block.line}: these {len(block.lines)} lines may be a table whose "
                    "columns are separated by single spaces: kept as lines of text (separate "
                    "the columns with tabs to import it as a table)"
                )
        return content

    def _starts_item(self, paras: list[_Para], i: int) -> bool:
        """In 'Tools & Templates' or 'Future dates…': does a news item start here?"""
        para = paras[i]
        if not _is_candidate(para) or TOOL_RE.match(para.text):
            return False
        if _DATE_IN_TEXT_RE.search(para.text):
            return False
        if i + 1 >= len(paras):
            return False
        nxt = paras[i + 1]
        if self.spaced:
            return para.before >= 2 and para.after >= 2
        prose = len(nxt.text) > 80 or nxt.text[-1:] in ".!?" or ACTION_RE.match(nxt.text)
        return bool(prose) and not TOOL_RE.match(nxt.text)

    def _fill_tools(self, section: ToolsSection, paras: list[_Para]):
        for para in paras:
            for number, raw in para.lines:
                text = collapse(BULLET_RE.sub("", raw, count=1))
                if not text:
                    continue
                section.entries.append(self._tool(text, number))

    def _tool(self, text: str, line: int) -> ToolEntry:
        plain, link = _strip_links(text)
        match = TOOL_RE.match(plain)
        if not match:
            return ToolEntry(text=text, line=line, title=plain or link, link=link)
        date = None
        try:
            date = parse_date(match.group("date"), near=self.update.date)
        except ValueError as exc:
            self.update.warnings.append(f"line {line}: {exc}")
        publisher = re.sub(r"^the\s+", "", match.group("publisher"), flags=re.I)
        title = match.group("title").strip().rstrip(".")
        return ToolEntry(
            text=text, line=line, title=title, date=date, publisher=publisher, link=link
        )

    def _fill_meetings(self, section: MeetingsSection, paras: list[_Para]):
        """One meeting a line, row or bullet; an 'Action Required:' line among them is the
        marker that the meetings after it need action, not a meeting."""
        content = parse_content(paras, wrapped_doc=self.wrapped_doc)
        section.content = content
        action_required = False
        for block in content.blocks:
            if isinstance(block, Table):
                lines = block.row_lines[1:] or [block.line] * (len(block.rows) - 1)
                texts = [" – ".join(c for c in row if c) for row in block.rows[1:]]
                rows = list(zip(lines, texts, strict=True))
            elif isinstance(block, BulletList):
                rows = list(zip(block.item_lines, map(collapse, block.items), strict=True))
            else:
                rows = [(block.line + n, collapse(x)) for n, x in enumerate(block.lines)]
            for line, text in rows:
                marker = ACTION_RE.match(text)
                if marker:
                    # Not a meeting: the marker that the meetings after it need action.
                    rest = collapse(marker.group("rest") or "").lower().rstrip(".")
                    action_required = rest not in NO_ACTION
                    continue
                section.meetings.append(
                    Meeting(
                        text=text,
                        line=line,
                        date=self._date_in(text),
                        action_required=action_required,
                    )
                )

    def _date_in(self, text: str) -> datetime.date | None:
        match = _DATE_IN_TEXT_RE.search(text)
        if not match:
            return None
        try:
            return parse_date(match.group(0), near=self.update.date, after=True)
        except ValueError:
            return None

    def _merge_contacts(self):
        """The same person twice (the same name) is one contact."""
        merged: dict[str, Contact] = {}
        for contact in self.update.contacts:
            key = contact.name.casefold()
            if key in merged:
                first = merged[key]
                for attr in ("role", "organisation", "phone", "email"):
                    if not getattr(first, attr):
                        setattr(first, attr, getattr(contact, attr))
            else:
                merged[key] = contact
        self.update.contacts = list(merged.values())


def parse_update(text: str) -> ParsedUpdate:
    """Read an update's plain text. Raises :class:`ParseError` when it is not one."""
    if not isinstance(text, str):
        raise TypeError("parse_update() takes text; decode bytes with importer.decode()")
    return _Reader(normalise_lines(text)).parse()
