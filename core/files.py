"""Small, real document files written in code, a one-page PDF and a CSV: for the demo content
and the tests."""

import csv
import io
import textwrap

PAGE_WIDTH, PAGE_HEIGHT = 595, 842  # A4 in points
MARGIN = 56
LINE_WIDTH = 88  # characters of 11pt Helvetica that fit between the margins


def _pdf_text(text):
    """Text for a PDF string in Helvetica's (Latin-1) encoding, with ( ) \\ escaped."""
    text = text.replace("’", "'").replace("‘", "'").replace("–", "-").replace("“", '"')
    text = text.replace("”", '"').replace("£", "GBP ")
    text = text.encode("latin-1", "replace").decode("latin-1")
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def pdf(title, paragraphs):
    """A valid one-page PDF: the title in bold, then the paragraphs, wrapped."""
    lines = [("F2", 16, title), ("F1", 11, "")]
    for paragraph in paragraphs:
        for line in textwrap.wrap(paragraph, LINE_WIDTH) or [""]:
            lines.append(("F1", 11, line))
        lines.append(("F1", 11, ""))
    commands = ["BT", f"{MARGIN} {PAGE_HEIGHT - MARGIN} Td"]
    for font, size, line in lines[:52]:
        commands.append(f"/{font} {size} Tf ({_pdf_text(line)}) Tj 0 -{size + 4} Td")
    commands.append("ET")
    stream = "\n".join(commands).encode("latin-1")

    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}] "
            "/Contents 4 0 R /Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>"
        ).encode(),
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
        f"<< /Title ({_pdf_text(title)}) /Producer (SESLIP demo content) >>".encode("latin-1"),
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
        % (len(objects) + 1, len(objects), xref)
    )
    return out.getvalue()


def csv_file(header, rows):
    """A CSV file (UTF-8 with a byte order mark, so Excel reads it as UTF-8)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")
