"""People and organisations: chosen wherever a page names one, never retyped; and the site
settings that name the programme manager."""

from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Site
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

from core import content_cache
from core.chosen import SnippetForm
from core.fields import optional_link


class Organisation(index.Indexed, models.Model):
    """A member authority, a partner body or another organisation that people work for."""

    base_form_class = SnippetForm

    class Kind(models.TextChoices):
        MEMBER = "member", "Member authority"
        PARTNER = "partner", "Partner"
        PROGRAMME = "programme", "The programme"
        OTHER = "other", "Other organisation"

    name = models.CharField(max_length=255, unique=True)
    short_name = models.CharField(
        max_length=100, blank=True, help_text="A shorter name used in tables, e.g. 'RBWM'."
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    description = models.TextField(
        blank=True, help_text="A line about the organisation, shown for partners on the home page."
    )
    website = models.URLField(blank=True)
    email_domains = models.CharField(
        max_length=255,
        blank=True,
        help_text="Email domains of its staff, separated by commas (e.g. kent.gov.uk).",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("short_name"),
        FieldPanel("kind"),
        FieldPanel("description"),
        FieldPanel("website"),
        FieldPanel("email_domains"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("short_name"),
        index.FilterField("kind"),
    ]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def display_name(self):
        return self.short_name or self.name


class PersonQuerySet(SearchableQuerySetMixin, models.QuerySet):
    def current(self):
        """People who have not left: the ones public lists show."""
        return self.filter(has_left=False)


class Person(index.Indexed, models.Model):
    """Someone to contact: chosen in updates, networks and events, never retyped."""

    base_form_class = SnippetForm

    name = models.CharField(max_length=255)
    role = models.CharField(max_length=255, blank=True, help_text="e.g. 'SESLI Programme Manager'.")
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="people"
    )
    phone = models.CharField(max_length=50, blank=True)
    email = models.EmailField(
        blank=True,
        help_text="Visitors can send them a message through the site from their page, "
        "without seeing this address.",
    )
    email_published = models.BooleanField(
        "Show the email address on the site",
        default=True,
        help_text="Untick to keep the address private: it is then left out of their page, "
        "contact cards and updates, and visitors can still send them a message.",
    )
    has_left = models.BooleanField(
        default=False,
        help_text="Tick when they leave: they disappear from public lists, "
        "and earlier updates that mention them still read correctly.",
    )

    objects = PersonQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("role"),
        FieldPanel("organisation"),
        FieldPanel("has_left"),
        MultiFieldPanel(
            [FieldPanel("phone"), FieldPanel("email"), FieldPanel("email_published")],
            heading="Contact details",
        ),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("role"),
        index.RelatedFields("organisation", [index.SearchField("name")]),
        index.FilterField("has_left"),
    ]

    class Meta:
        # Not Lower("name"): modelcluster sorts related people in Python by these fields.
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self):
        return f"{self.name} ({self.organisation})" if self.organisation_id else self.name

    @property
    def public_email(self):
        """The email address where it may be shown, else ""."""
        return self.email if self.email_published else ""

    @property
    def can_be_messaged(self):
        """Whether visitors may send them a message through the site."""
        return bool(self.email) and not self.has_left

    @property
    def tel_href(self):
        """The phone number as a tel: link target: digits and a leading +, without the "(0)"
        written after a country code ("+44 (0)1622 …" dials as +441622 …)."""
        digits = "".join(c for c in self.phone.replace("(0)", "") if c.isdigit() or c == "+")
        return f"tel:{digits}" if digits else ""


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Details shown across the site: the programme manager and the programme's contact email.
    It names a person, so it lives with people rather than in the domain-free core."""

    programme_manager = optional_link(
        Person,
        help_text="Shown on the home page and at the end of every weekly update.",
    )
    contact_email = models.EmailField(blank=True)
    footer_text = models.CharField(
        max_length=255,
        blank=True,
        default="SESLIP is the Regional Improvement and Innovation Alliance of the 19 local "
        "authorities' children's services in the South East of England.",
    )

    panels = [
        FieldPanel("programme_manager"),
        FieldPanel("contact_email"),
        FieldPanel("footer_text"),
    ]
    select_related = ["programme_manager__organisation"]

    class Meta:
        # Moved from the seslip app: the table keeps its name and rows.
        db_table = "seslip_sitesettings"
        verbose_name = "Site settings"

    @property
    def other_contact_email(self):
        """The programme's contact email where it is not the programme manager's own, shown
        beside their card (else "": their card gives it already)."""
        manager = self.programme_manager
        if manager and manager.public_email.lower() == self.contact_email.lower():
            return ""
        return self.contact_email

    @classmethod
    def for_request(cls, request):
        """The request's site's settings with their programme manager, kept between requests
        (every page shows them). Unlike Wagtail's, it writes nothing: a site without settings
        yet gets the defaults, and the admin creates the row when they are first edited."""
        attr_name = cls.get_cache_attr_name()
        if hasattr(request, attr_name):
            return getattr(request, attr_name)
        site = Site.find_for_request(request)
        if site is None:
            return super().for_request(request)
        settings = content_cache.get_or_build(
            "site-settings",
            lambda: cls.base_queryset().filter(site=site).first() or cls(site=site),
            site.pk,
        )
        settings._request = request  # as Wagtail's: page URLs in the settings use it
        setattr(request, attr_name, settings)
        return settings
