"""A person's contact details as a vCard 3.0 file (RFC 2426), for Outlook, Google and Apple."""

import datetime

from django.utils import timezone

FOLD_AT = 75  # octets per line, before the line break


def escape(value):
    """A text value with its backslashes, commas, semicolons and line breaks escaped."""
    return (
        str(value)
        .replace("\\", "\\\\")
        .replace(",", "\\,")
        .replace(";", "\\;")
        .replace("\r\n", "\n")
        .replace("\n", "\\n")
    )


def fold(line):
    """Fold a content line into lines of at most 75 octets, without splitting a character."""
    encoded = line.encode()
    if len(encoded) <= FOLD_AT:
        return line
    parts, current, limit = [], b"", FOLD_AT
    for char in line:
        data = char.encode()
        if len(current) + len(data) > limit:
            parts.append(current.decode())
            current, limit = b"", FOLD_AT - 1  # continuation lines start with a space
        current += data
    parts.append(current.decode())
    return "\r\n ".join(parts)


def split_name(name):
    """'Mary Jane Smith' -> ('Smith', 'Mary Jane'): the family name is taken to be the last."""
    words = name.split()
    if len(words) < 2:
        return name.strip(), ""
    return words[-1], " ".join(words[:-1])


def vcard(person, url=""):
    """The person as a vCard: name, organisation, role, phone, email and their page."""
    family, given = split_name(person.name)
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        "PRODID:-//SESLIP//South East Sector Led Improvement Programme website//EN",
        f"UID:person-{person.pk}@seslip.co.uk",
        f"FN:{escape(person.name)}",
        f"N:{escape(family)};{escape(given)};;;",
    ]
    if person.organisation_id and person.organisation:
        lines.append(f"ORG:{escape(person.organisation.name)}")
    if person.role:
        lines.append(f"TITLE:{escape(person.role)}")
    if person.phone:
        lines.append(f"TEL;TYPE=WORK,VOICE:{escape(person.phone)}")
    if person.public_email:
        lines.append(f"EMAIL;TYPE=INTERNET,WORK:{escape(person.public_email)}")
    if url:
        lines.append(f"URL:{url}")
    lines.append(f"REV:{timezone.now().astimezone(datetime.UTC):%Y%m%dT%H%M%SZ}")
    lines.append("END:VCARD")
    return "".join(fold(line) + "\r\n" for line in lines)
