"""The base of the page models that head a section of the site."""

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from .chosen import PageForm


class SectionIndexPage(Page):
    """A section's one index page (the events calendar, the updates archive): the editor
    writes a short introduction, and the page lists its section below it, 20 a page."""

    base_form_class = PageForm

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    max_count = 1
    per_page = 20

    class Meta:
        abstract = True
