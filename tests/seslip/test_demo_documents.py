"""The demo's real documents (seslip/demo/documents.py): tagged PDFs with a title and a language,
holding the real text of the seeds (copied into seslip/demo/seeds/), each printed from the HTML
page the demo facts make now."""

import difflib
import io
import re
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from pypdf import PdfReader

from networks.documents import check_document_file
from seslip.demo import documents

SEEDS = Path(documents.__file__).resolve().parent / "seeds"
NAMES = list(documents.DOCUMENTS)


def normalise(text):
    """Text to compare: typographic quotes and dashes plain, markup and Markdown bold gone,
    whitespace squashed."""
    for fancy, plain in (("’", "'"), ("‘", "'"), ("–", "-"), ("“", '"'), ("”", '"')):
        text = text.replace(fancy, plain)
    return " ".join(re.sub(r"<[^>]+>", " ", text.replace("**", "")).split())


def pdf_text(reader):
    return normalise(" ".join(page.extract_text() for page in reader.pages))


def seed(name):
    return (SEEDS / f"{name}.txt").read_text(encoding="utf-8")


def paragraphs(text):
    """The seed's paragraphs of prose: long lines that are not table rows."""
    found = []
    for line in text.splitlines():
        line = line.strip().removeprefix("- ").strip()
        if len(line) > 100 and "\t" not in line and "<p>" not in line and line[0].isalnum():
            found.append(normalise(line))
    return found


def found_share(paragraphs, text):
    """The share of the paragraphs that the text holds at least half of in one run (the demo
    facts correct the seeds' typos and lay some paragraphs out as lists, so not all of them)."""
    found = 0
    for paragraph in paragraphs:
        matcher = difflib.SequenceMatcher(None, paragraph, text, autojunk=False)
        match = matcher.find_longest_match(0, len(paragraph), 0, len(text))
        found += match.size >= len(paragraph) / 2
    return found / len(paragraphs)


def plan_seed():
    text = seed("regional-improvement-plan-2024-25")
    appendix = text.index("\nAppendix 1\n")
    return text[:appendix], text[appendix:]


@pytest.fixture(scope="module")
def readers():
    return {name: PdfReader(documents.pdf_path(name)) for name in NAMES}


@pytest.mark.parametrize("name", NAMES)
def test_each_pdf_is_tagged_with_its_title_and_language(readers, name):
    reader = readers[name]
    catalogue = reader.trailer["/Root"]

    assert bool(catalogue["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in catalogue
    assert catalogue["/StructTreeRoot"].get_object()["/K"]  # a structure, not an empty root
    assert catalogue["/Lang"] == "en-GB"
    assert reader.metadata.title == documents.DOCUMENTS[name]["title"]
    assert bool(catalogue["/ViewerPreferences"]["/DisplayDocTitle"])
    assert len(reader.pages) >= 2
    # The site accepts it as an upload: a PDF with no script, launch action or attachment.
    check_document_file(ContentFile(documents.pdf_bytes(name), name=f"{name}.pdf"))


def test_the_plan_holds_the_plans_text(readers):
    text = pdf_text(readers["regional-improvement-plan-2024-25"])
    plan, appendix = plan_seed()

    assert found_share(paragraphs(plan), text) >= 0.8
    assert found_share(paragraphs(appendix), text) >= 0.8
    workstreams = re.findall(r"<p>(\d+)\. ([^<]+)</p>", plan)
    assert len({number for number, _ in workstreams}) == 17
    for _, title in workstreams:
        assert normalise(title).split("(")[0].split(" - ")[0].strip() in text, title
    assert "696,698" in text  # the budget's totals
    assert "This file is demonstration content" not in text


def test_the_triad_reports_hold_the_appendix(readers):
    text = pdf_text(readers["dcs-peer-challenge-triad-reports-2023-24"])
    _, appendix = plan_seed()

    assert found_share(paragraphs(appendix), text) >= 0.8
    triads = re.findall(r"^\d\. (Triad \d)", appendix, re.MULTILINE)
    assert triads == [f"Triad {n}" for n in range(1, 7)]
    for triad in triads:
        assert triad in text
    assert "1.1. The purpose of this regional improvement plan" not in text  # the appendix only


def test_update_298_holds_its_items_and_contact_details(readers):
    text = pdf_text(readers["weekly-update-298"])
    update = seed("update-298")
    body, contacts = update.split("\nContact Details\n")

    assert found_share(paragraphs(body), text) >= 0.8
    people = re.findall(r"^[^:\n]+: ([^(\n]+) \(", contacts, re.MULTILINE)
    phones = re.findall(r"^0\d{4} \d{6}$", contacts, re.MULTILINE)
    assert len(people) == 5 and len(phones) == 4
    for name in people:
        assert name.strip() in text
    for phone in phones:
        assert phone in text


def test_placeholder_text_would_fail():
    """The checks above tell real text from the placeholder the documents replace."""
    plan, _ = plan_seed()
    placeholder = normalise(
        "The purpose of this regional improvement plan is to identify action that will improve "
        "outcomes for children and young people across the South East. "
        "This file is demonstration content for the SESLIP website."
    )
    assert found_share(paragraphs(plan), placeholder) < 0.5


@pytest.mark.parametrize("name", NAMES)
def test_each_pdf_is_printed_from_the_page_the_facts_make_now(name):
    """The page ``manage.py build_demo_documents`` prints: run it after changing the facts."""
    page = documents.html_page(name)

    assert '<html lang="en-GB">' in page
    assert f"<title>{documents.DOCUMENTS[name]['title']}</title>" in page
    assert '<link rel="stylesheet" href="document.css">' in page
    assert "<script" not in page and "style=" not in page
    # The PDF was printed from this version of the page: its text is the page's text.
    page_text = normalise(re.sub(r"<(title|head)>.*?</\1>", "", page, flags=re.DOTALL))
    pdf = pdf_text(PdfReader(io.BytesIO(documents.pdf_bytes(name))))
    sentences = [sentence for sentence in page_text.split(". ") if len(sentence) > 60]
    assert found_share(sentences, pdf) > 0.9
