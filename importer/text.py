"""Reading an update's text, the patterns and helpers every step uses: decoding, dates,
names, links, and ParseError (the line and what was expected there)."""

from __future__ import annotations

import datetime
import re
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


class ParseError(ValueError):
    """The text is not an update: ``line`` says where, ``message`` what was expected."""

    def __init__(self, line: int, message: str):
        self.line = line
        self.message = message
        super().__init__(f"line {line}: {message}")
