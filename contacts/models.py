"""People and organisations: chosen wherever a page names one, never retyped."""

from django.db import models
from django.db.models.functions import Lower
from django.http import Http404
from django.utils.functional import cached_property
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page
from wagtail.search import index


class Organisation(index.Indexed, models.Model):
    """A member authority, a partner body or another organisation that people work for."""

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


class PersonQuerySet(models.QuerySet):
    def current(self):
        """People who have not left: the ones public lists show."""
        return self.filter(has_left=False)


class Person(index.Indexed, models.Model):
    """Someone to contact: chosen in updates, networks and events, never retyped."""

    name = models.CharField(max_length=255)
    role = models.CharField(max_length=255, blank=True, help_text="e.g. 'SESLI Programme Manager'.")
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="people"
    )
    phone = models.CharField(max_length=50, blank=True)
    email = models.EmailField(blank=True)
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
        MultiFieldPanel([FieldPanel("phone"), FieldPanel("email")], heading="Contact details"),
        FieldPanel("has_left"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("role"),
        index.RelatedFields("organisation", [index.SearchField("name")]),
        index.FilterField("has_left"),
    ]

    class Meta:
        ordering = [Lower("name")]
        verbose_name_plural = "people"

    def __str__(self):
        return f"{self.name} ({self.organisation})" if self.organisation_id else self.name

    @property
    def tel_href(self):
        """The phone number as a tel: link target, digits and a leading + only."""
        digits = "".join(c for c in self.phone if c.isdigit() or c == "+")
        return f"tel:{digits}" if digits else ""

    @cached_property
    def networks_led(self):
        """Live networks and projects this person sponsors, manages or is the key contact for."""
        from networks.models import NetworkPage

        return NetworkPage.objects.live().led_by(self)


class ContactsIndexPage(RoutablePageMixin, Page):
    """The people to contact (/contacts/): everyone who has not left, and what they lead."""

    intro = models.TextField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["seslip.HomePage"]
    subpage_types = []
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        from networks.models import NetworkPage

        context = super().get_context(request, *args, **kwargs)
        people = list(Person.objects.current().select_related("organisation"))
        led = NetworkPage.leads_by_person(people)
        for person in people:
            person.led_networks = led.get(person.pk, [])
        context["people"] = people
        return context

    @path("")
    def index(self, request):
        return self.render(request)

    @path("<int:pk>/", name="person")
    def person(self, request, pk):
        """One person's entry: contact details, what they lead, the news items naming them."""
        person = Person.objects.current().select_related("organisation").filter(pk=pk).first()
        if person is None:
            raise Http404("No such person")
        return self.render(
            request,
            template="contacts/person.html",
            context_overrides={
                "person": person,
                "news_items": person.news_items.order_by("-created_at")[:20],
            },
        )
