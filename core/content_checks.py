"""What an editor is warned about before content goes out: acronyms from the programme's list
used without being written out (``data/acronyms.csv``, with their expansions), PDFs with no web
page beside them, and restricted pages or documents chosen in content everyone reads.

Each check returns plain sentences for the editor; the models decide which stop publishing
(validation) and which are warnings shown in the editor's "Checks" panel (core.panels)."""

import csv
import functools
import re
from pathlib import Path

from wagtail.documents import get_document_model
from wagtail.models import Page

from .chosen import chosen_in
from .privacy import is_restricted, restricted_for
from .utils import html_to_text

ACRONYMS_FILE = Path(__file__).resolve().parent / "data" / "acronyms.csv"
# A web link written in rich text (Wagtail stores internal links as <a linktype="page" id="…">).
WEB_LINK = re.compile(r'<a\s[^>]*(?:href="https?://|linktype="page")', re.IGNORECASE)


@functools.cache
def acronyms():
    """The programme's acronyms and what they stand for, from ``data/acronyms.csv``."""
    with ACRONYMS_FILE.open(encoding="utf-8", newline="") as data:
        return {row["acronym"].strip(): row["expansion"].strip() for row in csv.DictReader(data)}


def source(value):
    """The HTML of a rich text value (a RichText object or its source string)."""
    if value is None:
        return ""
    return str(getattr(value, "source", value))


def plain_text(*values):
    """Rich text values as one plain text, for reading words in."""
    return " ".join(html_to_text(source(value)) for value in values)


def _normalised(text):
    return " ".join(text.replace("’", "'").lower().split())


def unexpanded_acronyms(text):
    """(acronym, expansion) for each listed acronym used in ``text`` (as a whole word, or its
    plural) whose expansion the text never gives, in order of first use."""
    normalised = _normalised(text)
    found = []
    for acronym, expansion in acronyms().items():
        used = re.search(rf"(?<![\w-]){re.escape(acronym)}s?(?![\w-])", text)
        if used and _normalised(expansion) not in normalised:
            found.append((used.start(), acronym, expansion))
    return [(acronym, expansion) for _, acronym, expansion in sorted(found)]


def acronym_warnings(text, where):
    return [
        f"{where} uses ‘{acronym}’ without saying what it stands for: write "
        f"‘{expansion} ({acronym})’ the first time it is used."
        for acronym, expansion in unexpanded_acronyms(text)
    ]


def is_pdf(document):
    return document is not None and document.file_extension.lower() == "pdf"


def has_web_link(*rich_texts):
    """Whether any of these rich text values links to a web page (on this site or another)."""
    return any(WEB_LINK.search(source(value)) for value in rich_texts)


def documents_linked(instance, field_name, value=None):
    """The documents linked from one rich text or StreamField of a model instance."""
    field = instance._meta.get_field(field_name)
    value = getattr(instance, field_name) if value is None else value
    Document = get_document_model()
    pks = [pk for model, pk in chosen_in(field, value) if issubclass(model, Document)]
    return list(Document.objects.filter(pk__in=pks).order_by("title")) if pks else []


def pdf_warning(document, where):
    return (
        f"{where} links to ‘{document.title}’, a PDF, with no web page beside it: many readers "
        "cannot use a PDF. Link to the same content as a web page too."
    )


def restricted_content(instance, field_names, values=None):
    """Each restricted page or document chosen or linked in these fields of ``instance``
    (``values`` may give a field's value as submitted), with the groups it is for."""
    values = values or {}
    found = []
    for name in field_names:
        field = instance._meta.get_field(name)
        value = values.get(name, getattr(instance, name))
        for model, pk in sorted(chosen_in(field, value), key=lambda item: item[1]):
            if not (issubclass(model, Page) or issubclass(model, get_document_model())):
                continue
            obj = model._default_manager.filter(pk=pk).first()
            if obj is not None and is_restricted(obj):
                found.append(obj)
    return found


def restricted_message(obj, where):
    kind = "page" if isinstance(obj, Page) else "document"
    return (
        f"{where} links to ‘{obj}’, a restricted {kind} (for {restricted_for(obj)}), but "
        "everyone can read it: remove the link, or link to something anyone may open."
    )
