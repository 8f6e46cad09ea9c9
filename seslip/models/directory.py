"""The pages that bring the apps together about people and authorities: the contacts directory
(people, what they lead) and the member authorities (their networks and peer challenge triads).
They stand on the roof because they read contacts, networks and events at once."""

import datetime

from django.core.paginator import Paginator
from django.db import models
from django.db.models import Prefetch, Q
from django.db.models.functions import Lower
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.text import slugify
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from contacts.forms import MessageForm
from contacts.models import Organisation, Person
from contacts.vcard import vcard
from core import content_cache
from core.chosen import PageForm
from core.routing import RoutedPageMixin
from core.utils import page_number, programme_year, programme_year_label, when_rendered
from events.models import EventPage, EventParticipant
from networks.models import NetworkPage

from ..directory_filters import ContactFilterForm, TriadYearForm


class ContactsIndexPage(RoutedPageMixin, RoutablePageMixin, Page):
    """The people to contact (/contacts/): a directory of everyone who has not left, with a
    search and filters, each person's page and contact card (.vcf), and what they lead."""

    base_form_class = PageForm

    intro = models.TextField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["seslip.HomePage"]
    subpage_types = ["seslip.MemberAuthoritiesPage"]
    max_count = 1
    per_page = 30

    class Meta:
        # Moved from the contacts app: the table keeps its name and rows.
        db_table = "contacts_contactsindexpage"

    def people(self, form):
        """Current people matching the valid parts of the filter form, by name (whatever its
        case)."""
        people = (
            Person.objects.current().select_related("organisation").order_by(Lower("name"), "pk")
        )
        for word in form.query().split():
            people = people.filter(
                Q(name__icontains=word)
                | Q(role__icontains=word)
                | Q(organisation__name__icontains=word)
                | Q(organisation__short_name__icontains=word)
            )
        network = form.chosen_network()
        if network is not None:
            leads = {network.sponsor_id, network.project_manager_id, network.key_contact_id}
            people = people.filter(pk__in=[pk for pk in leads if pk])
        organisation = form.chosen_organisation()
        if organisation is not None:
            people = people.filter(organisation=organisation)
        return people

    def get_context(self, request, *args, listing=True, **kwargs):
        """The filtered list of people; ``listing=False`` for a person's own entry."""
        context = super().get_context(request, *args, **kwargs)
        if not listing:
            return context
        form = ContactFilterForm(request.GET)
        people = self.people(form)
        if form.query():
            paginator, listing_key = Paginator(people, self.per_page), None
        else:
            # Narrowed by chosen values alone: the listing and its count are kept until the
            # next change to content (a search's words never name what is kept).
            network, organisation = form.chosen_network(), form.chosen_organisation()
            listing_key = (network and network.pk, organisation and organisation.pk)
            paginator = content_cache.KeptCountPaginator(
                people, self.per_page, key=("contacts", self.pk, *listing_key)
            )
        page = paginator.get_page(page_number(request))
        context.update(
            people_page=page,
            paginator=paginator,
            listing_key=listing_key,
            filter_form=form,
            filtered=form.is_bound,
            member_authorities_page=content_cache.get_or_build(
                "member-authorities-page",
                # .public() reads the restrictions when called: only on a miss.
                lambda: MemberAuthoritiesPage.objects.child_of(self).live().public().first(),
                self.pk,
            ),
            **when_rendered(people=lambda: self.cards(page)),
        )
        return context

    def cards(self, page):
        """The people on a page of the directory, each with what their card shows."""
        people = list(page)
        # Read only if a card is rendered afresh: cards are kept between requests.
        led = SimpleLazyObject(lambda: NetworkPage.leads_by_person(people))
        for person in people:
            person.led_networks = SimpleLazyObject(lambda pk=person.pk: led.get(pk, []))
            person.vcard_url = self.vcard_url(person)
        return people

    @cached_property
    def address(self):
        """This page's own address (its ``url``), worked out once for its people's."""
        return self.url

    def person_url(self, person):
        """The address of a person's entry (/contacts/12/)."""
        return self.address + self.reverse_subpage("person", args=[person.pk])

    def vcard_url(self, person):
        return self.address + self.reverse_subpage("vcard", args=[person.pk]).rstrip("/")

    def current_person(self, pk):
        person = Person.objects.current().select_related("organisation").filter(pk=pk).first()
        if person is None:
            raise Http404("No such person")
        return person

    @path("")
    def index(self, request):
        return self.render(request)

    @path("<int:pk>/", name="person")
    def person(self, request, pk):
        """One person's entry: contact details, what they lead, the news items naming them."""
        person = self.current_person(pk)
        return self.render(
            request,
            listing=False,
            template="seslip/person.html",
            context_overrides={
                "person": person,
                "vcard_url": self.vcard_url(person),
                "led_networks": NetworkPage.objects.live().led_by(person),
                "news_items": person.news_items.order_by("-created_at")[:20],
                "message_form": MessageForm(person=person) if person.can_be_messaged else None,
                # Its own form asks for an email address: the footer's would ask a second time.
                "hide_footer_signup": person.can_be_messaged,
            },
        )

    @path("<int:pk>.vcf/", name="vcard")
    def vcard(self, request, pk):
        """The person's contact card, to add to an address book."""
        person = self.current_person(pk)
        url = request.build_absolute_uri(self.person_url(person))
        response = HttpResponse(vcard(person, url), content_type="text/vcard; charset=utf-8")
        name = slugify(person.name) or f"person-{pk}"
        response["Content-Disposition"] = f'attachment; filename="{name}.vcf"'
        return response


class MemberAuthoritiesPage(RoutedPageMixin, Page):
    """The member authorities (/contacts/member-authorities/): each of the 19 with the networks
    it takes part in and its peer challenge triad for the year. Networks are ticked on each
    network's page; triads are peer challenge events with the authorities taking part."""

    base_form_class = PageForm

    intro = RichTextField(blank=True, features=["bold", "italic", "link", "ul", "ol"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["seslip.ContactsIndexPage"]
    subpage_types = []
    max_count = 1

    class Meta:
        # Moved from the contacts app: the table keeps its name and rows.
        db_table = "contacts_memberauthoritiespage"

    def triad_years(self):
        """The programme years that have peer challenge events (one query)."""
        starts = (
            EventPage.objects.live()
            .public()
            .filter(kind=EventPage.Kind.PEER_CHALLENGE)
            .values_list("start", flat=True)
        )
        return sorted({programme_year(timezone.localtime(start).date()) for start in starts})

    def triads(self, year):
        """Organisation id -> its triads in that programme year: dicts with the ``event``, the
        organisation's ``role`` and the ``others`` taking part (participant rows)."""
        start = timezone.make_aware(datetime.datetime(year, 4, 1))
        end = timezone.make_aware(datetime.datetime(year + 1, 4, 1))
        events = (
            EventPage.objects.live()
            .public()
            .filter(kind=EventPage.Kind.PEER_CHALLENGE, start__gte=start, start__lt=end)
        )
        rows = (
            EventParticipant.objects.filter(page__in=events)
            .select_related("organisation", "page")
            .order_by("page__start", "page__title", "sort_order")
        )
        by_event = {}
        for row in rows:
            by_event.setdefault(row.page_id, []).append(row)
        triads = {}
        for participants in by_event.values():
            for row in participants:
                triads.setdefault(row.organisation_id, []).append(
                    {
                        "event": row.page,
                        "role": row.get_role_display(),
                        "has_role": row.role != row.Role.PARTICIPANT,
                        "others": [p for p in participants if p.pk != row.pk],
                    }
                )
        return triads

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        years = self.triad_years()
        form = TriadYearForm(request.GET, years=years)
        year = form.chosen_year()
        if year is None and years:
            current = programme_year(timezone.localdate())
            year = max([y for y in years if y <= current] or years)
        triads = self.triads(year) if year is not None else {}
        networks = NetworkPage.objects.live().public().order_by("number", "title")
        authorities = list(
            Organisation.objects.filter(kind=Organisation.Kind.MEMBER)
            .prefetch_related(Prefetch("networks", queryset=networks, to_attr="live_networks"))
            .order_by("name")
        )
        for authority in authorities:
            authority.triads = triads.get(authority.pk, [])
        context.update(
            authorities=authorities,
            year=year,
            year_label=programme_year_label(year) if year is not None else "",
            year_form=form,
            show_year_form=len(years) > 1 or form.errors,
        )
        return context
