"""Document uploads and media files.

``DocumentForm`` (WAGTAILDOCS_DOCUMENT_FORM_BASE) accepts only the file types the programme uses,
and only when the content really is of the type its name says: a web page, an SVG image or a
program renamed 'report.pdf' is refused with a message saying what it is, and so is a real
document that carries something unsafe (a script, macros, a program, a spreadsheet formula:
networks.document_checks). It also refuses to move a restricted report's document into a
collection anyone can download from.

Documents are served only by Wagtail's document view, which checks collection privacy
(``serve_document``); networks/media.py serves images.
"""

import posixpath
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.cache import patch_cache_control
from wagtail.documents import get_document_model
from wagtail.documents.forms import BaseDocumentForm
from wagtail.documents.views.serve import serve as wagtail_serve

from core.chosen import VisibleCollectionsForm
from core.privacy import may_see
from core.utils import parse_int
from networks.models.reports import ReportPage, format_name

from .document_checks import ODF_MIMETYPES, OLE2, OOXML_FOLDERS, ZIP, describe, hazard

ACCEPTED = "PDF, Word, Excel, PowerPoint, OpenDocument, RTF or CSV"

HEAD_SIZE = 8192


def content_matches(extension, file):
    """Whether the file's content is a document of the type its extension names."""
    file.seek(0)
    head = file.read(HEAD_SIZE)
    file.seek(0)
    if extension == "pdf":
        return head.startswith(b"%PDF-")
    if extension in ("doc", "xls", "ppt"):
        return head.startswith(OLE2)
    if extension == "rtf":
        return head.startswith(b"{\\rtf")
    if extension == "csv":
        return _is_plain_text(head) and not head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")
    if extension in OOXML_FOLDERS or extension in ODF_MIMETYPES:
        if not head.startswith(ZIP):
            return False
        try:
            with zipfile.ZipFile(file) as archive:
                names = set(archive.namelist())
                if extension in OOXML_FOLDERS:
                    prefix = OOXML_FOLDERS[extension]
                    return "[Content_Types].xml" in names and any(
                        name.startswith(prefix) for name in names
                    )
                if "mimetype" not in names:
                    return False
                return archive.read("mimetype").strip() == ODF_MIMETYPES[extension].encode()
        except (zipfile.BadZipFile, OSError, ValueError, KeyError):
            return False
        finally:
            file.seek(0)
    return False


def _is_plain_text(head):
    if b"\x00" in head:
        return False
    for encoding in ("utf-8", "cp1252"):
        try:
            text = head.decode(encoding)
        except UnicodeDecodeError as error:
            # A multi-byte character cut off at the end of the sample is still text.
            if encoding == "utf-8" and error.start >= len(head) - 3:
                text = head[: error.start].decode(encoding)
            else:
                continue
        return not any(ord(c) < 32 and c not in "\t\r\n\f" for c in text)
    return False


def check_document_file(file):
    """Raise ValidationError unless the upload is an accepted type whose content matches."""
    name = getattr(file, "name", "") or ""
    extension = posixpath.splitext(name)[1].lstrip(".").lower()
    allowed = [e.lower() for e in getattr(settings, "WAGTAILDOCS_EXTENSIONS", [])]
    if extension not in allowed:
        shown = f"‘.{extension}’ files" if extension else "Files without an extension"
        raise ValidationError(
            f"{shown} cannot be uploaded. Upload a {ACCEPTED} file.",
            code="file_type",
        )
    if not content_matches(extension, file):
        file.seek(0)
        what = describe(file.read(HEAD_SIZE))
        file.seek(0)
        raise ValidationError(
            f"‘{posixpath.basename(name)}’ is not a real {format_name(extension)}: its content "
            f"is {what}. Upload the document itself, saved as a {ACCEPTED} file.",
            code="file_content",
        )
    file.seek(0)
    reason = hazard(extension, file.read())
    file.seek(0)
    if reason:
        raise ValidationError(
            f"‘{posixpath.basename(name)}’ cannot be uploaded: {reason}.",
            code="file_hazard",
        )


class DocumentForm(VisibleCollectionsForm, BaseDocumentForm):
    """Wagtail's document form, with the checks on the file's type and content, offering only
    collections the editor may see."""

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if file and "file" in self.changed_data:
            check_document_file(file)
        return file

    def _post_clean(self):
        super()._post_clean()
        # Wagtail's own extension check repeats ours in other words: keep only ours.
        errors = self.errors.get("file")
        if errors and len(errors) > 1:
            self.errors["file"] = self.error_class(
                [e for e in errors if "File extension" not in e] or errors[:1]
            )

    def clean(self):
        cleaned_data = super().clean()
        collection = cleaned_data.get("collection")
        if collection is None or not self.instance.pk or "collection" not in self.changed_data:
            return cleaned_data
        if collection.get_view_restrictions().exists():
            return cleaned_data
        restricted_reports = [
            report
            for report in ReportPage.objects.filter(document=self.instance)
            if report.get_view_restrictions().exists()
        ]
        if restricted_reports:
            self.add_error(
                "collection",
                f"This document belongs to the restricted report ‘{restricted_reports[0].title}’. "
                f"Anyone could download it from ‘{collection.name}’: keep it in a restricted "
                "collection.",
            )
        return cleaned_data


def serve_document(request, document_id, document_filename):
    """Wagtail's document view, whose privacy checks run in its hooks (wagtail_hooks.py), with
    three additions:

    - Someone who may not download a document is refused whatever file name the address says.
      Wagtail answers 404 for a wrong name before asking who may download it, so the answer
      would confirm a guessed name of a restricted document ('…-inadequate.pdf').
    - A restricted document is never stored by a shared cache (a proxy or CDN).
    - No ``Content-Encoding: None`` header (Wagtail's sendfile writes the encoding that
      ``mimetypes`` guesses from the name, which for a .pdf or .docx is None)."""
    if parse_int(document_id, minimum=1) is None:
        raise Http404("No such document")  # '٣' or 5,000 digits: not an id we gave out
    document = get_document_model().objects.filter(pk=document_id).first()
    if document is not None and not may_see(document, request):
        document_filename = document.filename  # for the hooks to refuse, as for the right name
    response = wagtail_serve(request, document_id, document_filename)
    if response.get("Content-Encoding") == "None":
        del response["Content-Encoding"]
    if getattr(request, "restricted_document", False):
        patch_cache_control(response, private=True, no_store=True, max_age=0)
    return response
