"""Blocks shared by every kind of page's body."""

from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock as WagtailTableBlock
from wagtail.documents.blocks import DocumentChooserBlock

RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "link", "document-link", "ol", "ul"]


class HeadingBlock(blocks.StructBlock):
    """A section heading; level 2 starts a section, level 3 a sub-section."""

    text = blocks.CharBlock()
    level = blocks.ChoiceBlock(
        choices=[("h2", "Section (level 2)"), ("h3", "Sub-section (level 3)")], default="h2"
    )

    class Meta:
        icon = "title"
        template = "core/blocks/heading_block.html"
        description = "A heading that starts a new section of the page"
        preview_value = {"text": "What we do", "level": "h2"}


class ParagraphBlock(blocks.RichTextBlock):
    """Formatted text: paragraphs, lists and links."""

    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "core/blocks/paragraph_block.html"
        description = "Paragraphs, bulleted and numbered lists, and links"
        preview_value = (
            "<p>SESLIP supports the leadership of children's services in the South East to "
            "demonstrate, develop and share good practice.</p>"
        )


class TableBlock(WagtailTableBlock):
    """A table of data with a header row, such as the plan's workstreams or budget."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "table_options",
            {
                "contextMenu": [
                    "row_above",
                    "row_below",
                    "col_left",
                    "col_right",
                    "remove_row",
                    "remove_col",
                    "undo",
                    "redo",
                ],
                "startRows": 3,
                "startCols": 3,
            },
        )
        super().__init__(**kwargs)

    class Meta:
        icon = "table"
        template = "core/blocks/table_block.html"
        description = "A table with a header row and an optional caption"
        preview_value = {
            "first_row_is_table_header": True,
            "first_col_is_header": False,
            "table_caption": "Budget 2024-25",
            "data": [
                ["Workstream", "Budget (£)"],
                ["AD Education", "18,000"],
                ["Data Benchmarking", "80,000"],
            ],
        }


class InsetTextBlock(blocks.RichTextBlock):
    """A short passage set apart from the text around it, such as a quotation or a note."""

    def __init__(self, **kwargs):
        kwargs.setdefault("features", ["bold", "italic", "link"])
        super().__init__(**kwargs)

    class Meta:
        icon = "openquote"
        template = "core/blocks/inset_text_block.html"
        description = "A note set apart from the surrounding text"
        preview_value = "<p>Approved by the SESLIP Steering Group on 10 June 2024.</p>"


class DocumentBlock(blocks.StructBlock):
    """A link to download a document from the library, with its type and size shown."""

    document = DocumentChooserBlock()
    title = blocks.CharBlock(required=False, help_text="Leave blank to use the document's title.")

    class Meta:
        icon = "doc-full"
        template = "core/blocks/document_block.html"
        description = "A download link to a document, with its file type and size"


class BodyBlock(blocks.StreamBlock):
    """The body of standard, network and plan pages."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    table = TableBlock()
    inset_text = InsetTextBlock()
    document = DocumentBlock()
