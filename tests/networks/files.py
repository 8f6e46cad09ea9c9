"""Real document files built in code for the upload tests: Office Open XML and OpenDocument
packages, old-style Office (OLE compound) files, PDFs made with pypdf, and RTF."""

import io
import struct
import zipfile

from pypdf import PdfWriter

from core.files import pdf

OOXML = {
    "docx": (
        "word/document.xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>Terms of reference</w:t></w:r></w:p></w:body></w:document>",
    ),
    "xlsx": (
        "xl/workbook.xml",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        "<sheets/></workbook>",
    ),
    "pptx": (
        "ppt/presentation.xml",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
        '<p:presentation xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"/>',
    ),
}


def ooxml(kind, parts=(), content_types=(), main_type=None):
    """A .docx, .xlsx or .pptx package: its content types, relationships and main part, with
    ``parts`` ((name, bytes) pairs) and ``content_types`` (extra <Override> or <Default> XML)."""
    main_part, default_main_type, main_xml = OOXML[kind]
    types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/{main_part}" ContentType="{main_type or default_main_type}"/>'
        + "".join(content_types)
        + "</Types>"
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        f'relationships/officeDocument" Target="{main_part}"/></Relationships>'
    )
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", types)
        archive.writestr("_rels/.rels", rels)
        archive.writestr(main_part, main_xml)
        for name, content in parts:
            archive.writestr(name, content)
    return data.getvalue()


ODF = {
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
}


def odf(kind, parts=(), content=None):
    """An OpenDocument package: the mimetype entry first and stored, its manifest and content."""
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.2"><manifest:file-entry manifest:full-path="/" '
        f'manifest:media-type="{ODF[kind]}"/><manifest:file-entry '
        'manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'
    )
    content = content or (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' office:version="1.2"><office:body/></office:document-content>'
    )
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), ODF[kind])  # first, not compressed
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        for name, part in parts:
            archive.writestr(name, part, zipfile.ZIP_DEFLATED)
    return data.getvalue()


# --- old-style Office files: OLE compound files (MS-CFB, version 3, 512-byte sectors) ------------

SECTOR = 512
FREE, END, FAT_SECTOR, NONE = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
OLE_MAIN_STREAM = {"doc": "WordDocument", "xls": "Workbook", "ppt": "PowerPoint Document"}


def _directory_entry(name, kind, child=NONE, right=NONE, start=END, size=0):
    encoded = (name + "\0").encode("utf-16-le")
    return (
        encoded.ljust(64, b"\0")
        + struct.pack("<HBB", len(encoded), kind, 1)
        + struct.pack("<III", NONE, right, child)
        + b"\0" * 36
        + struct.pack("<IQ", start, size)
    )


def ole(kind, extra=()):
    """A .doc, .xls or .ppt file: an OLE compound file holding the type's main stream, then
    ``extra`` entries: (name, bytes) for a stream, or (name, [(name, bytes), ...]) for a storage
    of streams (such as the 'Macros' storage of a Word file with macros)."""
    tree = [(OLE_MAIN_STREAM[kind], b"\xec\xa5" + b"\0" * 4094), *extra]
    entries, streams = [], []  # entries: [name, type, child, right, stream index]

    def add(items):
        first = None
        previous = None
        for name, content in items:
            index = len(entries) + 1  # the root is entry 0
            entries.append([name, 2, NONE, NONE, None])
            if isinstance(content, list):
                entries[index - 1][1] = 1
                entries[index - 1][2] = add(content)
            else:
                streams.append(content.ljust(4096, b"\0"))  # over the mini stream cutoff
                entries[index - 1][4] = len(streams) - 1
            if previous is not None:
                entries[previous - 1][3] = index
            previous = index
            first = first if first is not None else index
        return first

    root_child = add(tree)
    directory_sectors = (len(entries) + 1 + 3) // 4
    stream_sectors = [len(s) // SECTOR for s in streams]
    total = 1 + directory_sectors + sum(stream_sectors)
    fat = [FAT_SECTOR]
    fat += [*range(2, 1 + directory_sectors), END]
    starts = []
    for count in stream_sectors:
        first = len(fat)
        starts.append(first)
        fat += [*range(first + 1, first + count), END]
    fat += [FREE] * (SECTOR // 4 - len(fat))
    assert total <= SECTOR // 4

    directory = _directory_entry("Root Entry", 5, child=root_child)
    for name, kind_, child, right, stream in entries:
        start, size = (starts[stream], len(streams[stream])) if stream is not None else (END, 0)
        directory += _directory_entry(name, kind_, child=child, right=right, start=start, size=size)
    directory = directory.ljust(directory_sectors * SECTOR, b"\0")

    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\0" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\0" * 6
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, END, 0, END, 0)
        + struct.pack("<I", 0)
        + struct.pack("<I", FREE) * 108
    )
    assert len(header) == SECTOR
    return header + struct.pack(f"<{len(fat)}I", *fat) + directory + b"".join(streams)


# --- PDF and RTF ---------------------------------------------------------------------------------


def pypdf_file(build=None):
    """A one-page PDF written by pypdf; ``build(writer)`` may add to it first."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": "Benchmarking figures"})
    if build:
        build(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def plain_pdf():
    return pdf("Terms of reference", ["The network meets every month."])


def rtf(body=r"\pard Terms of reference\par"):
    return (r"{\rtf1\ansi\deff0{\fonttbl{\f0 Arial;}}" + body + "}").encode()
