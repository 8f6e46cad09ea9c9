"""The "Contact Details" section: "Role: Name (Organisation)" lines and their phone
numbers and email addresses."""

from __future__ import annotations

import re

from .paragraphs import _Para
from .parsed import Contact
from .text import (
    ANGLE_LINK_RE,
    BULLET_RE,
    CONTACT_EXAMPLE,
    DETAIL_LABEL_RE,
    EMAIL_RE,
    PHONE_RE,
    ParseError,
    collapse,
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
