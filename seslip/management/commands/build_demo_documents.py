"""Write the demo's real documents: each as an HTML page (in a temporary folder) and a tagged PDF
printed from it by Chromium, into seslip/demo/documents/ (seslip/demo/documents.py says which and
why). Run it after changing their text, and commit the PDFs; the site and the demo loader never
run it."""

import shutil
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand
from playwright.sync_api import sync_playwright
from pypdf import PdfReader, PdfWriter
from pypdf.generic import BooleanObject, DictionaryObject, NameObject, TextStringObject

from seslip.demo import documents

CHROMIUM = "/usr/bin/chromium"


def finish(path, title, subject, language):
    """Give the PDF its document information and its language (Chromium writes the structure
    tree and the title; the catalogue's /Lang and the subject and author are ours)."""
    writer = PdfWriter(clone_from=PdfReader(path))
    writer._root_object[NameObject("/Lang")] = TextStringObject(language)
    # Readers show the title, not the file name, in their title bar (PDF/UA asks for it).
    writer._root_object[NameObject("/ViewerPreferences")] = DictionaryObject(
        {NameObject("/DisplayDocTitle"): BooleanObject(True)}
    )
    writer.add_metadata(
        {"/Title": title, "/Subject": subject, "/Author": documents.AUTHOR, "/Creator": "SESLIP"}
    )
    with open(path, "wb") as out:
        writer.write(out)


class Command(BaseCommand):
    help = "Print the demo documents into tagged PDFs in seslip/demo/documents/."

    def add_arguments(self, parser):
        parser.add_argument("--chromium", default=CHROMIUM, help="The Chromium to print with.")

    def handle(self, *args, **options):
        with tempfile.TemporaryDirectory() as pages, sync_playwright() as playwright:
            shutil.copy(documents.STYLESHEET, pages)
            browser = playwright.chromium.launch(executable_path=options["chromium"])
            page = browser.new_page()
            for name, document in documents.DOCUMENTS.items():
                html_path = Path(pages) / f"{name}.html"
                html_path.write_text(documents.html_page(name), encoding="utf-8")
                page.goto(html_path.as_uri())
                pdf_path = documents.pdf_path(name)
                page.pdf(
                    path=pdf_path,
                    format="A4",
                    tagged=True,
                    outline=True,
                    print_background=True,
                    prefer_css_page_size=True,
                )
                finish(pdf_path, document["title"], document["subject"], documents.LANGUAGE)
                self.stdout.write(f"{pdf_path.name}: {pdf_path.stat().st_size:,} bytes")
            browser.close()
