"""What every app's factories build on: finding a page's parent, and the factory of a section's
page (``/events/``, ``/reports/``…), made under the site's root page: the home page, which the
site shell's factory makes (``seslip.factories.HomePageFactory``, the tests' ``home_page``).
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


def site_root_page():
    """The root page of the default Site (Wagtail's welcome page until a home page is made)."""
    site = Site.objects.select_related("root_page").filter(is_default_site=True).first()
    return site.root_page if site else None


class SectionPageFactory(wagtail_factories.PageFactory):
    """The base of the factories of a section's page: under the site's root, in the main menu."""

    intro = "<p>What this part of the site holds.</p>"
    show_in_menus = True
    parent = factory.LazyFunction(site_root_page)

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        parent = kwargs["parent"]
        if parent is None or not model_class.can_exist_under(parent.specific):
            raise ValueError(
                f"A {model_class._meta.verbose_name} goes under the home page: make the home page "
                "first (the home_page fixture, or seslip.factories.HomePageFactory)."
            )
        return super()._create(model_class, *args, **kwargs)


def section_page_factory(model, **section):
    """The factory of a section's page, one of its kind, with its ``slug`` and ``title`` (and
    ``intro``)."""
    return factory.make_factory(model, FACTORY_CLASS=SectionPageFactory, **section)
