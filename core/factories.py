"""What every app's factories build on: finding a page's parent, and the factory of a section's
page (``/events/``, ``/reports/``…), made under the site's root page.

The root is the home page once a test has made one (``seslip.factories.HomePageFactory``), and
Wagtail's welcome page until then; the home page takes in what was made under the welcome page.
"""

import factory
import wagtail_factories
from wagtail.models import Site


def first_or_new(page_factory):
    """The first page of the factory's model, made with the factory if there is none yet."""
    return page_factory._meta.get_model_class().objects.first() or page_factory()


def under(parent_factory):
    """A ``parent`` declaration: the first page of the parent factory's model (a section's
    page, a network), made if there is none yet."""
    return factory.LazyFunction(lambda: first_or_new(parent_factory))


def site_root():
    """The root page of the default Site: the home page, or Wagtail's welcome page before it."""
    return Site.objects.select_related("root_page").get(is_default_site=True).root_page


class SectionPageFactory(wagtail_factories.PageFactory):
    """The base of the factories of a section's page: under the site's root, in the main menu."""

    intro = "<p>What this part of the site holds.</p>"
    show_in_menus = True
    parent = factory.LazyFunction(site_root)

    class Meta:
        abstract = True


def section_page_factory(model, **section):
    """The factory of a section's page, one of its kind, with its ``slug`` and ``title`` (and
    ``intro``)."""
    return factory.make_factory(model, FACTORY_CLASS=SectionPageFactory, **section)
