"""What is inside an uploaded document, beyond its first bytes (networks.documents).

A file whose first bytes say PDF may still be a web page, carry a script or hide a zip archive; a
spreadsheet may hold formulas that run when it is opened; an Office file is a zip archive that can
carry anything. ``hazard(extension, data)`` reads the whole file and returns, in words, the first
thing that makes it unsafe to publish, or None when the whole content is what its type says.

CSV formulas are refused at upload rather than neutralised when served: the file we serve is then
byte for byte the file the editor checked, Wagtail's document view serves it untouched (size, ETag
and range requests stay right), and nothing silently turns a figure into text (an apostrophe put
before ``-3.5`` would make it text in Excel). Numbers with a sign, like ``-3.5`` or ``+2``, and a
lone ``-`` for "no figure" are data, not formulas, and are accepted.
"""

import csv
import io
import posixpath
import re
import zipfile

import olefile
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

ZIP = b"PK\x03\x04"
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def describe(head):
    """What a file's first bytes say it is, in words, when that is not an accepted document."""
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"MZ"):
        return "a Windows program"
    if head.startswith(b"\x7fELF"):
        return "a Linux program"
    if head[:4] in (b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe", b"\xce\xfa\xed\xfe"):
        return "a Mac program"
    if stripped.startswith(b"#!"):
        return "a script"
    if b"<svg" in stripped[:1024]:
        return "an SVG image"
    if stripped.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<script")):
        return "a web page (HTML)"
    if stripped.startswith(b"<"):
        return "a web page or XML file"
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8")):
        return "an image"
    if head.startswith(b"%PDF-"):
        return "a PDF"
    if head.startswith(ZIP):
        return "a zip archive"
    if head.startswith(OLE2):
        return "an old-style Office file"
    if b"\x00" in head:
        return "a binary file"
    return "a text file"


# --- PDF ---------------------------------------------------------------------------------------

# Markup that makes a browser or mail program read the file as a web page (a PDF/HTML polyglot).
HTML_MARKUP = re.compile(
    rb"<(?:!doctype\s+html|html|head|body|script|iframe|object|embed|svg|meta\s)", re.IGNORECASE
)
# Names of PDF actions and parts that run code or carry other files.
PDF_ACTIVE_NAMES = {
    "JS": "JavaScript",
    "JavaScript": "JavaScript",
    "Launch": "an action that starts a program (/Launch)",
    "EmbeddedFile": "an embedded file",
    "EmbeddedFiles": "an embedded file",
    "RichMedia": "embedded Flash or media (/RichMedia)",
    "XFA": "an XML form (XFA), which can run scripts",
    "ImportData": "an action that loads outside data (/ImportData)",
    "SubmitForm": "a form that sends data elsewhere (/SubmitForm)",
}
PDF_NAME = re.compile(rb"/([^\s/<>\[\]()%{}]+)")
PDF_WHITESPACE = b"\x00\t\n\x0c\r "
MAX_PDF_OBJECTS = 200_000


def _pdf_name(raw):
    """A PDF name with its #xx escapes decoded: /J#61vaScript is /JavaScript."""
    return re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), raw).decode(
        "latin-1"
    )


def _active_pdf_content(reader):
    """The first active part reachable from the document's trailer (objects in compressed object
    streams included), in words, or None."""
    seen = set()
    stack = [reader.trailer]
    visited = 0
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            key = (item.idnum, item.generation)
            if key in seen:
                continue
            seen.add(key)
            item = item.get_object()
        visited += 1
        if visited > MAX_PDF_OBJECTS:
            return "more objects than a document needs"
        if isinstance(item, DictionaryObject):  # streams are dictionaries too: their content is not
            for name, value in item.items():
                found = PDF_ACTIVE_NAMES.get(str(name).lstrip("/"))
                if found is None and name in ("/S", "/Subtype"):
                    found = PDF_ACTIVE_NAMES.get(str(value).lstrip("/"))
                if found:
                    return found
                if name != "/Parent":
                    stack.append(value)
        elif isinstance(item, ArrayObject):
            stack.extend(item)
    return None


def pdf_hazard(data):
    markup = HTML_MARKUP.search(data)
    if markup:
        return f"it holds web page markup (‘{markup.group().decode('latin-1')}’) as well as a PDF"
    for match in PDF_NAME.finditer(data):
        found = PDF_ACTIVE_NAMES.get(_pdf_name(match.group(1)))
        if found:
            return f"it holds {found}"
    end = data.rfind(b"%%EOF")
    if end < 0:
        return "it is cut short: it has no end (%%EOF)"
    trailing = data[end + 5 :].strip(PDF_WHITESPACE)
    if trailing:
        return (
            f"it has {len(trailing):,} bytes of other data after the end of the PDF "
            f"({describe(trailing[:8192])})"
        )
    if zipfile.is_zipfile(io.BytesIO(data)):
        return "it is also a zip archive"
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            return "it is protected by a password, so it cannot be checked"
        if len(reader.pages) < 1:
            return "it has no pages"
        found = _active_pdf_content(reader)
    except Exception:  # pypdf raises many kinds of error (PyPdfError and others) on a bad file
        return "it is damaged: it does not open as a PDF"
    if found:
        return f"it holds {found}"
    return None


# --- CSV ---------------------------------------------------------------------------------------

# What a spreadsheet takes as the start of a formula (with their full-width forms), tab and CR.
FORMULA_STARTS = "=+-@\t\r＝＋－＠"
SIGNED_NUMBER = re.compile(
    r"[+\-－＋]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)?(?:\.[0-9]+)?(?:[eE][+\-]?[0-9]+)?%?"
)
PLACEHOLDERS = {"-", "--", "+", "－"}


def _column_letters(number):
    """1 -> 'A', 27 -> 'AA': the column as a spreadsheet names it."""
    letters = ""
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _is_number(cell):
    return bool(re.search(r"[0-9]", cell)) and bool(SIGNED_NUMBER.fullmatch(cell))


def decode_text(data):
    """The text of a file in UTF-8 (with or without a byte order mark) or Windows-1252."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def csv_hazard(data):
    reader = csv.reader(io.StringIO(decode_text(data), newline=""))
    try:
        for row in reader:
            for column, cell in enumerate(row, start=1):
                start = cell.lstrip(" ")
                if not start or start[0] not in FORMULA_STARTS:
                    continue
                if start.strip() in PLACEHOLDERS or _is_number(start.strip()):
                    continue
                first = f"‘{start[0]}’" if start[0].strip() else "a tab or return"
                shown = start.strip() if len(start) <= 40 else start[:40].strip() + "…"
                return (
                    f"the cell on line {reader.line_num}, column {_column_letters(column)} "
                    f"(‘{shown}’) starts with {first}, so a "
                    "spreadsheet would run it as a formula. Put an apostrophe (') before it to "
                    "keep it as text"
                )
    except csv.Error:
        return "it is not a valid CSV file"
    return None


# --- Office files --------------------------------------------------------------------------------

OOXML_MAIN_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
}
OOXML_FOLDERS = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}
ODF_MIMETYPES = {
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
}
# Parts that are programs, scripts or web pages, by their name's extension.
PROGRAM_EXTENSIONS = {
    "exe", "dll", "com", "scr", "msi", "cpl", "sys", "pif", "jar", "class", "apk", "elf", "so",
    "dylib", "js", "jse", "mjs", "vbs", "vbe", "vba", "wsf", "wsh", "bat", "cmd", "ps1", "psm1",
    "sh", "py", "pl", "hta", "html", "htm", "xhtml", "shtml", "mht", "mhtml", "svg", "swf", "lnk",
    "reg", "inf", "application", "appref-ms", "url",
}  # fmt: skip
MAX_PARTS = 5_000
MAX_UNPACKED = 500 * 1024 * 1024
# Embedded Office documents (a chart's data in a presentation) are checked like the file itself.
EMBEDDED_PACKAGES = {"docx", "xlsx", "pptx", "odt", "ods", "odp"}
MAX_NESTING = 2


def _part_hazard(name, head):
    """What a part of an Office package is, when it is a program, script, macro or web page."""
    lowered = name.lower()
    base = posixpath.basename(lowered)
    extension = posixpath.splitext(base)[1].lstrip(".")
    if (
        base in ("vbaproject.bin", "vbadata.xml")
        or "/basic/" in f"/{lowered}"
        or (lowered.startswith("scripts/"))
    ):
        return "macros"
    if base.startswith("oleobject") or "/activex/" in f"/{lowered}" or head.startswith(OLE2):
        return f"an embedded object (‘{name}’), which can hold a program"
    if extension in PROGRAM_EXTENSIONS:
        return f"a program, script or web page (‘{name}’)"
    if head.startswith((b"MZ", b"\x7fELF")) or head.lstrip().lower().startswith(b"#!"):
        return f"a program (‘{name}’)"
    if HTML_MARKUP.match(head.lstrip(b"\xef\xbb\xbf \t\r\n")):
        return f"a web page (‘{name}’)"
    return None


def office_hazard(extension, data, depth=0):
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
            if len(parts) > MAX_PARTS or sum(p.file_size for p in parts) > MAX_UNPACKED:
                return "it unpacks to far more than a document holds"
            names = {part.filename for part in parts}
            if extension in OOXML_MAIN_TYPES:
                if "[Content_Types].xml" not in names:
                    return "it is not a valid Office file: it has no list of its parts"
                types = archive.read("[Content_Types].xml")
                if b"macroEnabled" in types or b"vbaProject" in types:
                    return "it holds macros"
                if OOXML_MAIN_TYPES[extension].encode() not in types:
                    return f"it is not a valid {extension} file: its main part is missing"
                if b"oleObject" in types or b"activeX" in types:
                    return "it holds an embedded object, which can hold a program"
                if b"text/html" in types or b"message/rfc822" in types:
                    return "it holds a web page"
            else:
                if archive.read("mimetype").strip() != ODF_MIMETYPES[extension].encode():
                    return f"it is not a valid {extension} file: its type entry is wrong"
                for name in ("content.xml", "styles.xml"):
                    if name in names and b"script:event-listener" in archive.read(name):
                        return "it runs macros or scripts when it is used"
            for part in parts:
                if part.is_dir():
                    continue
                with archive.open(part) as opened:
                    head = opened.read(1024)
                found = _part_hazard(part.filename, head)
                if found:
                    return f"it holds {found}"
                nested = posixpath.splitext(part.filename.lower())[1].lstrip(".")
                if nested in EMBEDDED_PACKAGES and head.startswith(b"PK"):
                    if depth >= MAX_NESTING:
                        return "it holds documents inside documents inside documents"
                    found = office_hazard(nested, archive.read(part), depth + 1)
                    if found:
                        return f"{found} in its embedded ‘{part.filename}’"
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, OSError, ValueError, EOFError):
        return "it is damaged: it does not open as an Office file"
    except NotImplementedError:
        return "it is packed in a way Office does not use"
    return None


# Streams of old-style (OLE) Office files: the document itself, and what holds macros or objects.
OLE_MAIN_STREAMS = {
    "doc": [["worddocument"]],
    "xls": [["workbook"], ["book"]],
    "ppt": [["powerpoint document"]],
}
OLE_MACRO_STORAGES = {"macros", "_vba_project_cur", "vba", "_vba_project"}
OLE_OBJECT_STORAGES = {"objectpool", "\x01ole10native", "mbd"}


def ole_hazard(extension, data):
    try:
        with olefile.OleFileIO(data) as ole:
            entries = [[part.lower() for part in entry] for entry in ole.listdir(True, True)]
    except (OSError, ValueError, IndexError, TypeError, RecursionError):
        return "it is damaged: it does not open as an Office file"
    if not any(main in entries for main in OLE_MAIN_STREAMS[extension]):
        return f"it is not a valid {extension} file: its main part is missing"
    for entry in entries:
        if any(part in OLE_MACRO_STORAGES for part in entry):
            return "it holds macros"
        if any(part in OLE_OBJECT_STORAGES or part.startswith("mbd") for part in entry):
            return "it holds an embedded object, which can hold a program"
    return None


# --- RTF ---------------------------------------------------------------------------------------

# \object, \objdata, \objemb, \objocx…: an embedded OLE object (the way exploits travel in RTF).
RTF_OBJECT = re.compile(rb"\\obj[a-z]*")


def rtf_hazard(data):
    found = RTF_OBJECT.search(data)
    if found:
        return f"it holds an embedded object (‘{found.group().decode()}’), which can hold a program"
    if HTML_MARKUP.search(data):
        return "it holds web page markup"
    return None


def hazard(extension, data):
    """The first thing in ``data`` (a whole file) that makes it unsafe to publish as
    ``extension``, in words, or None."""
    if extension == "pdf":
        return pdf_hazard(data)
    if extension == "csv":
        return csv_hazard(data)
    if extension in OOXML_MAIN_TYPES or extension in ODF_MIMETYPES:
        return office_hazard(extension, data)
    if extension in OLE_MAIN_STREAMS:
        return ole_hazard(extension, data)
    if extension == "rtf":
        return rtf_hazard(data)
    return None
