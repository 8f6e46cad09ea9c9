"""Blocks that make up a weekly update's body."""

import datetime

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from core.blocks import DocumentBlock, ParagraphBlock, TableBlock

ITEM_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]
# What the blocks' previews show: a publication that an update of 2022 listed.
OFSTED_FINDINGS_2022 = {
    "date": datetime.date(2022, 7, 7),
    "publisher": "Ofsted",
    "title": "Main findings: children's social care in England 2022",
    "link": "https://www.gov.uk/government/statistics/main-findings-childrens-social-care-in-england-2022",
}


class NewsItemChooserBlock(SnippetChooserBlock):
    """A reusable news item: edit it once and it changes in every update that shows it."""

    def __init__(self, **kwargs):
        super().__init__("newsletters.NewsItem", **kwargs)

    class Meta:
        icon = "doc-full-inverse"
        template = "newsletters/blocks/news_item_chooser_block.html"
        description = "Choose a reusable news item, with its 'Action required' part"


class OneOffNewsItemBlock(blocks.StructBlock):
    """A news item written in place, for news that will not appear in another update."""

    heading = blocks.CharBlock()
    body = blocks.RichTextBlock(features=ITEM_FEATURES)
    action_required = blocks.RichTextBlock(features=ITEM_FEATURES, required=False)

    class Meta:
        icon = "doc-full"
        label = "One-off news item"
        template = "newsletters/blocks/one_off_news_item_block.html"
        description = "A news item written here, for this update only"
        preview_value = {
            "heading": "Data Benchmarking Group",
            "body": "<p>The 2017 CSC Workforce Benchmarking Report has been published.</p>",
            "action_required": "<p>For further information please contact Luke Ede.</p>",
        }


class ToolOrTemplateBlock(blocks.StructBlock):
    """One dated publication: 'On 7 July Ofsted published …'."""

    date = blocks.DateBlock(required=False)
    publisher = blocks.CharBlock(required=False, help_text="e.g. 'Ofsted', 'DfE'.")
    title = blocks.CharBlock()
    link = blocks.URLBlock(required=False)
    document = DocumentChooserBlock(required=False)

    class Meta:
        icon = "link"
        template = "newsletters/blocks/tool_or_template_block.html"
        preview_value = OFSTED_FINDINGS_2022


class ToolsAndTemplatesBlock(blocks.StructBlock):
    """The 'Tools & Templates' list of dated publication links."""

    heading = blocks.CharBlock(default="Tools & Templates")
    entries = blocks.ListBlock(ToolOrTemplateBlock())

    class Meta:
        icon = "list-ul"
        label = "Tools & Templates"
        template = "newsletters/blocks/tools_and_templates_block.html"
        description = "Dated links to publications: 'On 7 July Ofsted published …'"
        preview_value = {
            "heading": "Tools & Templates",
            "entries": [OFSTED_FINDINGS_2022],
        }


class UpdateBodyBlock(blocks.StreamBlock):
    """The news of a weekly update, in the order it is read."""

    news_item = NewsItemChooserBlock()
    one_off_news_item = OneOffNewsItemBlock()
    rich_text = ParagraphBlock(label="Paragraph")
    table = TableBlock()
    tools_and_templates = ToolsAndTemplatesBlock()


class RemindersBlock(blocks.StreamBlock):
    """'Reminders from previous weeks': news items carried forward from earlier updates."""

    news_item = NewsItemChooserBlock()
    one_off_news_item = OneOffNewsItemBlock()
    table = TableBlock()


class LinkBlock(blocks.StructBlock):
    """A link to a web page, with the text readers see."""

    title = blocks.CharBlock()
    url = blocks.URLBlock()

    class Meta:
        icon = "link"
        template = "newsletters/blocks/link_block.html"
        description = "A link to a web page"
        preview_value = {
            "title": OFSTED_FINDINGS_2022["title"],
            "url": OFSTED_FINDINGS_2022["link"],
        }


class NewsItemLinksBlock(blocks.StreamBlock):
    """The links and documents a news item refers to."""

    link = LinkBlock()
    document = DocumentBlock()
