"""Helpers that write StreamField blocks (core.blocks.BodyBlock) as raw data."""


def h2(text):
    return {"type": "heading", "value": {"text": text, "level": "h2"}}


def h3(text):
    return {"type": "heading", "value": {"text": text, "level": "h3"}}


def p(*paragraphs):
    """A paragraph block: each argument is a paragraph, or HTML that starts with a tag."""
    html = "".join(part if part.startswith("<") else f"<p>{part}</p>" for part in paragraphs)
    return {"type": "paragraph", "value": html}


def ul(*items):
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def inset(html):
    return {"type": "inset_text", "value": html if html.startswith("<") else f"<p>{html}</p>"}


def table(caption, rows, first_col_is_header=False):
    """A table block whose first row is its header row."""
    return {
        "type": "table",
        "value": table_value(caption, rows, first_col_is_header=first_col_is_header),
    }


def table_value(caption, rows, first_col_is_header=False):
    choice = "both" if first_col_is_header else "row"
    return {
        "data": [[str(cell) for cell in row] for row in rows],
        "first_row_is_table_header": True,
        "first_col_is_header": first_col_is_header,
        "table_header_choice": choice,
        "table_caption": caption,
        "cell": [],
        "mergeCells": [],
    }
