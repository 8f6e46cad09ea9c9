"""An update's text as paragraphs (the blank lines around them matter: headings stand
alone), titles, section markers, and a body's paragraphs, bullets and tables."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from .parsed import BulletList, Content, Paragraph, Table
from .text import (
    ACTION_RE,
    BARE_URL_RE,
    BULLET_RE,
    EMAIL_RE,
    EXCERPT_RE,
    HEADING_MAX_CHARS,
    HEADING_MAX_WORDS,
    ORDERED_RE,
    PHONE_RE,
    SECTION_RES,
    TITLE_EXAMPLE,
    TITLE_RE,
    ParseError,
    collapse,
    parse_date,
)

# --- reading text into paragraphs ---------------------------------------------------------


@dataclass
class _Para:
    lines: list[tuple[int, str]]  # (line number, raw text)
    before: int = 0  # blank lines before it
    after: int = 0  # blank lines after it

    @property
    def line(self) -> int:
        return self.lines[0][0]

    @property
    def text(self) -> str:
        return collapse(" ".join(text for _, text in self.lines))

    @property
    def single(self) -> bool:
        return len(self.lines) == 1


def _paragraphs(lines: list[str], first: int) -> list[_Para]:
    paras: list[_Para] = []
    blanks = 0
    current: _Para | None = None
    for number, text in enumerate(lines[first - 1 :], start=first):
        if not text.strip():
            blanks += 1
            if current:
                paras.append(current)
                current = None
            continue
        if current is None:
            if paras:
                paras[-1].after = blanks
            current = _Para([(number, text)], before=blanks)
            blanks = 0
        else:
            current.lines.append((number, text))
    if current:
        paras.append(current)
        blanks = 0
    if paras:
        paras[-1].after = max(paras[-1].after, blanks)
    return paras


def _title(text: str, line: int) -> tuple[int, datetime.date] | None:
    """(number, date) from a title line; None when it is not one."""
    match = TITLE_RE.match(collapse(text))
    if not match:
        return None
    date_text = match.group("date")
    if not date_text:
        raise ParseError(
            line, f"the title line has no date: expected a title line like {TITLE_EXAMPLE}"
        )
    try:
        date = parse_date(date_text)
    except ValueError as exc:
        raise ParseError(
            line, f"{exc} in the title line: expected a title line like {TITLE_EXAMPLE}"
        ) from None
    number = int(match.group("number"))
    if number < 1:
        raise ParseError(line, "the update number must be 1 or more")
    return number, date


def _is_title(para: _Para) -> bool:
    try:
        return para.single and _title(para.text, para.line) is not None
    except ParseError:
        return False


def _section(text: str) -> str | None:
    text = collapse(text)
    for name, regex in SECTION_RES.items():
        if regex.match(text):
            return name
    return None


def _is_candidate(para: _Para) -> bool:
    """Could this paragraph be a news item heading: one short line, not a sentence?"""
    if not para.single:
        return False
    raw = para.lines[0][1]
    text = para.text
    if not text or len(text) > HEADING_MAX_CHARS or len(text.split()) > HEADING_MAX_WORDS:
        return False
    if text[-1] in ".,;:" or text[0].islower() or "\t" in raw.strip():
        return False
    if BULLET_RE.match(raw) or ORDERED_RE.match(raw) or BARE_URL_RE.fullmatch(text):
        return False
    if ACTION_RE.match(text) or _section(text) or EXCERPT_RE.search(text):
        return False
    return not (PHONE_RE.fullmatch(text) or EMAIL_RE.fullmatch(text))


# --- bodies: paragraphs, bullets and tables ----------------------------------------------


def _tab_cells(raw: str, collapse_runs: bool) -> list[str]:
    parts = re.split(r"\t+" if collapse_runs else r"\t", raw.strip())
    return [collapse(cell) for cell in parts]


def _space_cells(raw: str) -> list[str]:
    return [collapse(cell) for cell in re.split(r" {2,}", raw.strip())]


def _is_tab_row(raw: str) -> bool:
    return "\t" in raw.strip() and len(_tab_cells(raw, True)) >= 2 and not BULLET_RE.match(raw)


def _is_space_row(raw: str) -> bool:
    return "\t" not in raw.strip() and len(_space_cells(raw)) >= 2 and not BULLET_RE.match(raw)


def _tab_tables(rows: list[tuple[int, str]]) -> list[Table | tuple[int, str]]:
    """Tab-separated rows as tables; rows that form no table are given back as lines."""
    for collapse_runs in (False, True):
        cells = [_tab_cells(raw, collapse_runs) for _, raw in rows]
        if len({len(c) for c in cells}) == 1:
            return [Table(cells, rows[0][0], "tab", [n for n, _ in rows])]
    cells = [_tab_cells(raw, True) for _, raw in rows]
    width = len(cells[0])
    if all(2 <= len(c) <= width for c in cells):  # short rows: their last cells are empty
        padded = [c + [""] * (width - len(c)) for c in cells]
        return [Table(padded, rows[0][0], "tab", [n for n, _ in rows])]
    out: list[Table | tuple[int, str]] = []
    start = 0
    for end in range(1, len(rows) + 1):
        if end == len(rows) or len(cells[end]) != len(cells[start]):
            if end - start >= 2:
                numbers = [n for n, _ in rows[start:end]]
                out.append(Table(cells[start:end], rows[start][0], "tab", numbers))
            else:
                out.extend(rows[start:end])
            start = end
    return out


def _space_table(rows: list[tuple[int, str]]) -> Table | None:
    """Rows separated by runs of 2+ spaces, when they read as a table, not as prose whose
    sentences happen to be followed by two spaces."""
    cells = [_space_cells(raw) for _, raw in rows]
    if len({len(c) for c in cells}) != 1:
        return None
    header = cells[0]
    if any(len(cell) > 40 or cell[-1] in ".,;:!?" for cell in header):
        return None
    for row in cells:
        if any(len(cell) > 80 for cell in row):
            return None
        if any(cell[-1] in ".!?;:" for cell in row[:-1]):
            return None
    return Table(cells, rows[0][0], "spaces", [n for n, _ in rows])


def parse_content(paras: list[_Para], *, wrapped_doc: bool = False) -> Content:
    """Paragraphs, bulleted or numbered lists and tables, in reading order.

    Bullets separated by blank lines still make one list; a tab-separated table may have
    blank lines between its rows; a table separated by spaces must have its rows together.
    """
    # Flatten into (paragraph index, line number, raw line).
    entries = [(p, number, raw) for p, para in enumerate(paras) for number, raw in para.lines]
    blocks: list[Paragraph | BulletList | Table] = []
    lines: list[tuple[int, str]] = []
    lines_para = -1

    def flush():
        nonlocal lines
        if lines:
            long_lines = all(len(raw.strip()) >= 50 for _, raw in lines[:-1])
            wrapped = wrapped_doc and len(lines) > 1 and long_lines
            blocks.append(Paragraph([raw for _, raw in lines], lines[0][0], wrapped))
        lines = []

    def add_line(p: int, number: int, raw: str):
        nonlocal lines_para
        if lines and lines_para != p:
            flush()
        lines_para = p
        lines.append((number, raw))

    i = 0
    while i < len(entries):
        p, number, raw = entries[i]
        bullet = BULLET_RE.match(raw)
        ordered = ORDERED_RE.match(raw)
        if bullet or ordered:
            flush()
            is_ordered = not bullet
            text = raw[(bullet or ordered).end() :]
            last = blocks[-1] if blocks else None
            if (
                isinstance(last, BulletList)
                and last.ordered == is_ordered
                and (not is_ordered or int(ordered.group("n")) == len(last.items) + 1)
            ):
                last.items.append(text)
                last.item_lines.append(number)
            else:
                blocks.append(BulletList([text], number, is_ordered, [number]))
            i += 1
            # An indented line after a bullet continues it.
            while (
                i < len(entries)
                and entries[i][0] == p
                and entries[i][2][:1].isspace()
                and not BULLET_RE.match(entries[i][2])
                and not ORDERED_RE.match(entries[i][2])
                and not _is_tab_row(entries[i][2])
            ):
                blocks[-1].items[-1] += " " + entries[i][2].strip()
                i += 1
            continue
        if _is_tab_row(raw):
            j = i
            while j < len(entries) and _is_tab_row(entries[j][2]):
                j += 1
            if j - i >= 2:
                flush()
                for part in _tab_tables([(n, r) for _, n, r in entries[i:j]]):
                    if isinstance(part, Table):
                        flush()
                        blocks.append(part)
                    else:
                        add_line(-1 - part[0], part[0], part[1].replace("\t", "  "))
                flush()
                i = j
                continue
            add_line(p, number, raw.replace("\t", " "))
            i += 1
            continue
        if _is_space_row(raw):
            j = i
            width = len(_space_cells(raw))
            while (
                j < len(entries)
                and entries[j][0] == p
                and _is_space_row(entries[j][2])
                and len(_space_cells(entries[j][2])) == width
            ):
                j += 1
            table = _space_table([(n, r) for _, n, r in entries[i:j]]) if j - i >= 2 else None
            if table:
                flush()
                blocks.append(table)
                i = j
                continue
        add_line(p, number, raw)
        i += 1
    flush()
    return Content(blocks)


def _maybe_table(paragraph: Paragraph) -> bool:
    """Three or more short lines, none of them a sentence: perhaps a table whose columns
    are separated by single spaces, which cannot be split into columns reliably."""
    lines = [collapse(x) for x in paragraph.lines]
    return (
        len(lines) >= 3
        and not paragraph.wrapped
        and all(0 < len(x) <= 120 and x[-1] not in ".!?:;," for x in lines)
    )
