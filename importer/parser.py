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
from html import escape

TITLE_EXAMPLE = '"UPDATE NO 298 20 April 2018"'
CONTACT_EXAMPLE = '"Role: Name (Organisation)"'

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"  # noqa: E501
_WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"

# "20 April 2018", "Friday 20th April 2018", "April 20, 2018", "20/04/2018", "2018-04-20".
_DATE_RES = [
    re.compile(
        rf"^(?:{_WEEKDAY}\s+)?(?P<day>{_DAY})\s+(?:of\s+)?(?P<month>{_MONTH})(?:,?\s+(?P<year>\d{{4}}))?$",
        re.I,
    ),
    re.compile(
        rf"^(?:{_WEEKDAY}\s+)?(?P<month>{_MONTH})\s+(?P<day>{_DAY})(?:,?\s+(?P<year>\d{{4}}))?$",
        re.I,
    ),
    re.compile(r"^(?P<day>\d{1,2})[/.](?P<month>\d{1,2})[/.](?P<year>\d{4})$"),
    re.compile(r"^(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})$"),
]
# A day and month somewhere in a line (for meetings): "Wednesday 14 September 2022, 10am".
_DATE_IN_TEXT_RE = re.compile(
    rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month>{_MONTH})(?![a-z])(?:,?\s+(?P<year>\d{{4}}))?",
    re.I,
)

TITLE_RE = re.compile(
    r"^(?:seslip\s+)?(?:weekly\s+)?update\s*(?:no\b\.?|number\b|#)?\s*:?\s*(?P<number>\d{1,6})\b"
    r"\s*[-–—:,.|]*\s*(?P<date>.*?)\s*$",
    re.I,
)
ACTION_RE = re.compile(r"^actions?\s+required\s*(?:[:\-–—]\s*(?P<rest>.*))?$", re.I)
NO_ACTION = {"none", "n/a", "na", "nil", "no action required", "none this week"}
SECTION_RES = {
    "reminders": re.compile(
        r"^reminders?(?:\s+(?:from|of)\s+(?:the\s+)?previous\s+weeks?)?:?$", re.I
    ),
    "future_meetings": re.compile(
        r"^(?:future|forthcoming|upcoming)\s+(?:dates?\s+(?:for|of)\s+)?(?:the\s+)?"
        r"(?:network\s+)?meetings?(?:\s+dates)?:?$",
        re.I,
    ),
    "tools": re.compile(r"^tools\s*(?:&|&amp;|and|\+)\s*templates:?$", re.I),
    "contacts": re.compile(r"^contacts?(?:\s+details)?:?$", re.I),
}
# The site's excerpt of the intro: "Newsletters A brief summary … At […]".
EXCERPT_RE = re.compile(r"\[\s*(?:…|\.\.\.|&hellip;)\s*\]$")
# Images in an email's plain text: "[cid:image001.png@01D3…]" or "[Three children playing]".
BRACKETED_RE = re.compile(r"^\[[^\]]*\]$")

BULLET_RE = re.compile(
    r"^\s*(?:[•·▪◦‣●○■□➢►✓§\uf0b7\uf0a7\uf0d8](?=\s*\S)|[*\-–—](?=\s+\S)|o(?=(?:\t|\s{2,})\S))\s*"
)
ORDERED_RE = re.compile(r"^\s*\(?(?P<n>\d{1,2})[.)]\s+(?=\S)")

TOOL_VERBS = (
    "published|released|issued|launched|updated|announced|produced|shared|circulated|"
    "launches|publishes|releases"
)
TOOL_RE = re.compile(
    rf"^on\s+(?P<date>(?:{_WEEKDAY}\s+)?{_DAY}\s+{_MONTH}(?:\s+\d{{4}})?|"
    rf"(?:{_WEEKDAY}\s+)?{_MONTH}\s+{_DAY}(?:,?\s+\d{{4}})?)\s*,?\s+"
    rf"(?P<publisher>.+?)\s+(?:(?:has|have|had)\s+(?:now\s+)?)?(?:{TOOL_VERBS})\s+(?P<title>.+)$",
    re.I,
)

PHONE_RE = re.compile(r"\+?\(?\d[\d ()\-./]{6,}\d(?:\s*(?:ext\.?|extension|x)\s*\d{1,6})?", re.I)
EMAIL_RE = re.compile(r"(?:mailto:)?[\w.+'-]+@[\w-]+(?:\.[\w-]+)+", re.I)
DETAIL_LABEL_RE = re.compile(
    r"\b(?:tel(?:ephone)?|phone|mob(?:ile)?|office|direct(?:\s+line)?|work|t|m|e|e-?mail|"
    r"mail|contact)\b\.?",
    re.I,
)
# A link as email clients write it in plain text: "Freely Available Reports<https://…>".
ANGLE_LINK_RE = re.compile(r"\s?<(?P<url>(?:https?://|mailto:|www\.)[^<>\s]+)>", re.I)
BARE_URL_RE = re.compile(r"(?<![\w/@])(?:https?://|www\.)[^\s<>\"]*[^\s<>\"'.,;:!?)\]]", re.I)
LINK_WORDS = {"of", "and", "for", "the", "to", "in", "on", "&", "a", "-", "–"}
HONORIFICS = {"cllr", "councillor", "dr", "mr", "mrs", "ms", "miss", "prof", "professor", "sir"}

HEADING_MAX_CHARS = 120
HEADING_MAX_WORDS = 16

SPACE_RE = re.compile(r"\s+")


class ParseError(ValueError):
    """The text is not an update: ``line`` says where, ``message`` what was expected."""

    def __init__(self, line: int, message: str):
        self.line = line
        self.message = message
        super().__init__(f"line {line}: {message}")


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
        return {
            "text": self.text,
            "date": self.date.isoformat() if self.date else None,
            "publisher": self.publisher,
            "title": self.title,
            "link": self.link,
            "line": self.line,
        }


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

    def to_dict(self) -> dict:
        return {
            "text": self.text,
            "date": self.date.isoformat() if self.date else None,
            "line": self.line,
        }


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
        return {
            "name": self.name,
            "role": self.role,
            "organisation": self.organisation,
            "phone": self.phone,
            "email": self.email,
            "items": list(self.items),
            "line": self.line,
        }


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


# --- text helpers -------------------------------------------------------------------------

_SPACES = dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2000\u2001\u2002\u2003\u2004\u2005"), " ")
_SPACES.update(dict.fromkeys(map(ord, "\u2006\u2008\u2009\u200a\u3000"), " "))
_SPACES.update(dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None))


def decode(data: bytes) -> str:
    """Text from a file's bytes: UTF-8 (with or without BOM), else Windows-1252."""
    if b"\x00" in data:
        raise ParseError(1, "this is not a text file (it holds NUL bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def normalise_lines(text: str) -> list[str]:
    """Lines with Windows/Mac line endings, odd spaces and trailing blanks cleaned up."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n").replace("\x0c", "\n")
    return [line.translate(_SPACES).rstrip() for line in text.split("\n")]


def collapse(text: str) -> str:
    return SPACE_RE.sub(" ", text).strip()


def parse_date(text: str, *, near: datetime.date | None = None, after=False) -> datetime.date:
    """A date written as in updates. Without a year, the one nearest ``near`` is chosen:
    on or before it (publications), or on or after it when ``after`` (meetings)."""
    text = collapse(text).strip(" ,.")
    for regex in _DATE_RES:
        match = regex.match(text)
        if not match:
            continue
        parts = match.groupdict()
        day = int(re.sub(r"\D", "", parts["day"]))
        month_text = parts["month"].rstrip(".").lower()
        month = int(month_text) if month_text.isdigit() else MONTHS[month_text]
        try:
            if parts.get("year"):
                return datetime.date(int(parts["year"]), month, day)
            if near is None:
                raise ValueError(f'"{text}" has no year')
            return _nearest(day, month, near, after)
        except ValueError as exc:
            if "has no year" in str(exc):
                raise
            raise ValueError(f'"{text}" is not a valid date') from None
    raise ValueError(f'"{text}" is not a date like "20 April 2018"')


def _nearest(day: int, month: int, near: datetime.date, after: bool) -> datetime.date:
    candidate = datetime.date(near.year, month, day)
    if after and candidate < near - datetime.timedelta(days=7):
        candidate = datetime.date(near.year + 1, month, day)
    elif not after and candidate > near + datetime.timedelta(days=7):
        candidate = datetime.date(near.year - 1, month, day)
    return candidate


def name_variants(name: str) -> list[str]:
    """How text may mention someone: 'Philip (Phil) Simpkins' is also 'Philip Simpkins'
    and 'Phil Simpkins'; 'Cllr Gareth Barnard' is also 'Gareth Barnard'."""
    name = collapse(name)
    variants = [name]
    nickname = re.search(r"\(([^()]+)\)", name)
    plain = collapse(re.sub(r"\([^()]*\)", " ", name))
    if plain and plain != name:
        variants.append(plain)
    if nickname and len(plain.split()) >= 2:
        variants.append(f"{collapse(nickname.group(1))} {plain.split()[-1]}")
    for variant in list(variants):
        words = variant.split()
        if len(words) >= 3 and words[0].lower().rstrip(".") in HONORIFICS:
            variants.append(" ".join(words[1:]))
    return list(dict.fromkeys(v for v in variants if len(v.split()) >= 2 or v == name))


def mentions(text: str, name: str) -> bool:
    text = collapse(text)
    for variant in name_variants(name):
        words = [re.escape(w) for w in variant.split()]
        if re.search(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", text, re.I):
            return True
    return False


def _link_html(url: str, label: str) -> str:
    href = url
    if href.lower().startswith("www."):
        href = "https://" + href
    elif "@" in href and not href.lower().startswith(("mailto:", "http")):
        href = "mailto:" + href
    return f'<a href="{escape(href, quote=True)}">{escape(label, quote=False)}</a>'


def _plain_links_html(text: str) -> str:
    """Escaped text with bare web addresses and email addresses made into links."""
    out, pos = [], 0
    pattern = re.compile(f"{BARE_URL_RE.pattern}|(?<![\\w.+'-]){EMAIL_RE.pattern}", re.I)
    for match in pattern.finditer(text):
        out.append(escape(text[pos : match.start()], quote=False))
        url = match.group(0)
        out.append(_link_html(url, url.removeprefix("mailto:")))
        pos = match.end()
    out.append(escape(text[pos:], quote=False))
    return "".join(out)


def inline_html(text: str) -> str:
    """One line of text as escaped rich text, with its links made into links.

    'the Freely Available Reports<https://…>' links the capitalised words before the address
    ('Freely Available Reports'); 'click here<https://…>' links the last word.
    """
    text = collapse(text)
    out, pos = [], 0
    for match in ANGLE_LINK_RE.finditer(text):
        before = text[pos : match.start()]
        words = before.split(" ")
        label_words: list[str] = []
        for word in reversed(words):
            if not word or len(label_words) >= 8:
                break
            if word[0].isupper() or word[0].isdigit() or word.lower() in LINK_WORDS:
                label_words.insert(0, word)
            else:
                break
        while label_words and label_words[0].lower() in LINK_WORDS:
            label_words.pop(0)
        if not label_words and words and re.fullmatch(r"[\w’'-]+", words[-1] or "-"):
            label_words = [words[-1]]
        if label_words:
            keep = " ".join(words[: len(words) - len(label_words)])
            out.append(_plain_links_html(keep + (" " if keep else "")))
            out.append(_link_html(match.group("url"), " ".join(label_words)))
        else:
            out.append(_plain_links_html(before))
            url = match.group("url")
            out.append(" " if before and not before.endswith(" ") else "")
            out.append(_link_html(url, url.removeprefix("mailto:")))
        pos = match.end()
    out.append(_plain_links_html(text[pos:]))
    return "".join(out)


def _strip_links(text: str) -> tuple[str, str]:
    """Text without its '<https://…>' addresses, and the first address."""
    match = ANGLE_LINK_RE.search(text)
    link = match.group("url") if match else ""
    if not link:
        bare = BARE_URL_RE.search(text)
        if bare:
            link = bare.group(0)
            text = text.replace(link, " ")
    if link.lower().startswith("www."):
        link = "https://" + link
    return collapse(ANGLE_LINK_RE.sub(" ", text)), link


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


# --- contacts ----------------------------------------------------------------------------


def _trailing_group(text: str) -> tuple[str, str] | None:
    """('before', 'inside') for a text ending in a balanced '(…)' group, nested ones too."""
    text = text.rstrip()
    if not text.endswith(")"):
        return None
    depth = 0
    for pos in range(len(text) - 1, -1, -1):
        if text[pos] == ")":
            depth += 1
        elif text[pos] == "(":
            depth -= 1
            if depth == 0:
                return text[:pos].rstrip(), text[pos + 1 : -1].strip()
    return None


def _details(text: str) -> tuple[list[str], list[str], str]:
    """(phones, emails, what is left) of a line of contact details."""
    emails = [m.group(0).removeprefix("mailto:") for m in EMAIL_RE.finditer(text)]
    rest = ANGLE_LINK_RE.sub(" ", text)
    rest = EMAIL_RE.sub(" ", rest)
    phones = []
    for match in PHONE_RE.finditer(rest):
        digits = re.sub(r"\D", "", match.group(0))
        if 9 <= len(digits) <= 16:
            phones.append(collapse(match.group(0)))
    for phone in phones:
        rest = rest.replace(phone, " ", 1)
    return phones, list(dict.fromkeys(emails)), rest


def _is_details_line(text: str) -> bool:
    phones, emails, rest = _details(text)
    rest = DETAIL_LABEL_RE.sub(" ", rest)
    return bool(phones or emails) and not re.search(r"\w", rest)


def _looks_like_name(name: str) -> bool:
    words = name.split()
    return (
        0 < len(words) <= 8
        and len(name) <= 120
        and not re.search(r"\d", name)
        and name[-1] not in ".,;:"
        and any(w[:1].isupper() for w in words)
    )


def _contact(text: str, line: int) -> Contact | None:
    """'Role: Name (Organisation)' and the phone or email that may end the line."""
    text = collapse(text)
    phones, emails = [], []
    # Details at the end of the line: "… (Organisation) 07880 787007" or "… – name@x.gov.uk".
    while True:
        match = re.search(
            rf"(?:[\s,;|]|[-–—]\s)+(?:{DETAIL_LABEL_RE.pattern}\s*[:\-–]?\s*)?"
            rf"({EMAIL_RE.pattern}|{PHONE_RE.pattern})$",
            text,
            re.I,
        )
        if not match:
            break
        value = match.group(match.lastindex)
        if "@" in value:
            emails.insert(0, value.removeprefix("mailto:"))
        elif 9 <= len(re.sub(r"\D", "", value)) <= 16:
            phones.insert(0, collapse(value))
        else:
            break
        text = text[: match.start()].rstrip(" ,;|-–—")
    organisation = ""
    group = _trailing_group(text)
    if group:
        text, organisation = group
    role, sep, name = text.rpartition(": ")
    if not sep:
        role, name = "", text
        if not organisation:
            return None  # a bare name is too like ordinary text to be sure
    role, name = collapse(role), collapse(name)
    if not _looks_like_name(name):
        return None
    return Contact(
        name=name,
        line=line,
        role=role,
        organisation=organisation,
        phone=", ".join(phones),
        email=emails[0] if emails else "",
    )


def _parse_contacts(paras: list[_Para], contacts: list[Contact]):
    expected = (
        f"expected a contact line like {CONTACT_EXAMPLE}, or the phone number or email address "
        "of the contact above it"
    )
    for para in paras:
        for number, raw in para.lines:
            text = collapse(raw)
            text = BULLET_RE.sub("", text) if BULLET_RE.match(text) else text
            if _is_details_line(text):
                if not contacts:
                    raise ParseError(number, f"contact details before any contact: {expected}")
                phones, emails, _ = _details(text)
                contact = contacts[-1]
                if phones:
                    contact.phone = ", ".join(filter(None, [contact.phone, *phones]))
                if emails and not contact.email:
                    contact.email = emails[0]
                continue
            contact = _contact(text, number)
            if contact is None:
                raise ParseError(number, expected)
            contacts.append(contact)
    for contact in contacts:
        for name, value, limit in (
            ("name", contact.name, 255),
            ("role", contact.role, 255),
            ("organisation", contact.organisation, 255),
            ("phone", contact.phone, 50),
        ):
            if len(value) > limit:
                raise ParseError(contact.line, f"the {name} is longer than {limit} characters")


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
        content = parse_content(paras, wrapped_doc=self.wrapped_doc)
        section.content = content
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
                section.meetings.append(Meeting(text=text, line=line, date=self._date_in(text)))

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
