"""Write an update read by :mod:`importer.parser` as a draft weekly update.

Everything is written in one transaction: a refused or failed import leaves nothing behind.
The page is saved as an unpublished draft with a revision, for an editor to check and publish.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q

from contacts.models import Organisation, Person
from newsletters.models import NewsItem, NewsletterIndexPage, WeeklyUpdatePage

from .parsed import Contact, Content, ParsedUpdate, Table
from .text import name_variants


class ImportRefused(Exception):
    """The update cannot be imported; ``line`` is the line of the text concerned, if any."""

    def __init__(self, message: str, line: int | None = None):
        self.message = message
        self.line = line
        super().__init__(message)


class UpdateExists(ImportRefused):
    def __init__(self, page: WeeklyUpdatePage, line: int | None = None):
        self.page = page
        state = "published" if page.live else "a draft"
        super().__init__(
            f'update {page.number} already exists ("{page.title}", {state}, page id {page.pk}): '
            "it was not imported again",
            line,
        )


class NoNewsletterIndex(ImportRefused):
    def __init__(self):
        super().__init__(
            "there is no newsletters index page to add the update to: create the "
            "'Newsletters' page (a NewsletterIndexPage) under the home page first"
        )


@dataclass
class ContactMatch:
    """A contact of the text and the person and organisation it will be (None: new)."""

    contact: Contact
    person: Person | None
    organisation: Organisation | None
    items: list[int]  # the items the person will be attached to
    mentioned: bool  # False: mentioned by no item, so attached to the first one

    @property
    def is_new(self) -> bool:
        return self.person is None


@dataclass
class ImportResult:
    page: WeeklyUpdatePage
    news_items: list[NewsItem]
    news_items_reused: list[NewsItem] = field(default_factory=list)
    people_created: list[Person] = field(default_factory=list)
    people_matched: list[Person] = field(default_factory=list)
    organisations_created: list[Organisation] = field(default_factory=list)


def newsletter_index() -> NewsletterIndexPage:
    index = NewsletterIndexPage.objects.order_by("path").first()
    if index is None:
        raise NoNewsletterIndex()
    return index


def check_importable(parsed: ParsedUpdate) -> NewsletterIndexPage:
    """The index page to add the update to; refuses an update whose number is taken."""
    index = newsletter_index()
    existing = WeeklyUpdatePage.objects.filter(number=parsed.number).first()
    if existing is not None:
        raise UpdateExists(existing, parsed.line)
    return index


def find_person(name: str) -> Person | None:
    """Someone already known by this name, whatever its case; 'Phil Simpkins' also finds
    'Philip (Phil) Simpkins' and the other way round. People still in post come first."""
    wanted = {v.casefold() for v in name_variants(name)}
    surname = name.split()[-1]
    candidates = Person.objects.filter(Q(name__iexact=name) | Q(name__icontains=surname)).order_by(
        "has_left", "pk"
    )
    exact = [p for p in candidates if p.name.casefold() == name.casefold()]
    if exact:
        return exact[0]
    for person in candidates:
        if wanted & {v.casefold() for v in name_variants(person.name)}:
            return person
    return None


def find_organisation(name: str) -> Organisation | None:
    if not name:
        return None
    return (
        Organisation.objects.filter(Q(name__iexact=name) | Q(short_name__iexact=name))
        .order_by("pk")
        .first()
    )


def find_news_item(item) -> NewsItem | None:
    """A news item already saved with exactly this heading and text: a reminder carried
    forward from an update imported before, shown again rather than copied."""
    return (
        NewsItem.objects.filter(
            heading__iexact=item.heading,
            body=_rich_text(item.body),
            action_required=_rich_text(item.action_required),
        )
        .order_by("pk")
        .first()
    )


def match_news_items(parsed: ParsedUpdate) -> list[NewsItem | None]:
    """For each item of the text, the identical news item already saved (None: new)."""
    return [find_news_item(item) for item in parsed.items]


def match_contacts(
    parsed: ParsedUpdate, existing_items: list[NewsItem | None] | None = None
) -> list[ContactMatch]:
    """Who each contact is in the database (without writing anything) and which items
    they will be attached to: the items that mention them; someone no item mentions goes
    with the first new item (a news item shown before is left as it is)."""
    if existing_items is None:
        existing_items = match_news_items(parsed)
    new = [i for i, found in enumerate(existing_items) if found is None]
    default = new[:1] or ([0] if parsed.items else [])
    matches = []
    for contact in parsed.contacts:
        matches.append(
            ContactMatch(
                contact=contact,
                person=find_person(contact.name),
                organisation=find_organisation(contact.organisation),
                items=contact.items or default,
                mentioned=bool(contact.items),
            )
        )
    return matches


def _organisation(name: str, result: ImportResult) -> Organisation | None:
    organisation = find_organisation(name)
    if organisation is None and name:
        organisation = Organisation.objects.create(name=name)
        result.organisations_created.append(organisation)
    return organisation


def _person(match: ContactMatch, result: ImportResult) -> Person:
    contact = match.contact
    organisation = _organisation(contact.organisation, result)
    person = match.person
    if person is None:
        person = Person.objects.create(
            name=contact.name,
            role=contact.role,
            organisation=organisation,
            phone=contact.phone,
            email=contact.email,
        )
        result.people_created.append(person)
        return person
    # Someone we know: fill in what their record lacks, never overwrite it with old text.
    changed = []
    for attr, value in (("role", contact.role), ("phone", contact.phone), ("email", contact.email)):
        if value and not getattr(person, attr):
            setattr(person, attr, value)
            changed.append(attr)
    if organisation and not person.organisation_id:
        person.organisation = organisation
        changed.append("organisation")
    if changed:
        person.save(update_fields=changed)
    result.people_matched.append(person)
    return person


def _rich_text(content: Content) -> str:
    return content.html()


def _tools_value(section) -> dict:
    return {
        "heading": section.heading or "Tools & Templates",
        "entries": [
            {
                "date": entry.date,
                "publisher": entry.publisher[:255],
                "title": entry.title[:255],
                "link": entry.link,
                "document": None,
            }
            for entry in section.entries
        ],
    }


def _meetings_blocks(section) -> list[tuple[str, object]]:
    blocks: list[tuple[str, object]] = []
    html = f"<h3>{escape(section.heading, quote=False)}</h3>"
    for block in section.content.blocks:
        if isinstance(block, Table):
            blocks.append(("rich_text", html))
            blocks.append(("table", block.block_value()))
            html = ""
        else:
            html += block.html()
    if html:
        blocks.append(("rich_text", html))
    return blocks


def build_streams(parsed: ParsedUpdate, news_items: list[NewsItem]) -> tuple[list, list]:
    """The page's body and reminders streams, as (block type, value) pairs, in the order of
    the text: each item's tables follow it, in the body or among the reminders."""
    body: list[tuple[str, object]] = []
    reminders: list[tuple[str, object]] = []
    for kind, index in parsed.layout:
        if kind == "item":
            item = parsed.items[index]
            stream = reminders if item.reminder else body
            stream.append(("news_item", news_items[index]))
            stream += [("table", table.block_value()) for table in item.tables]
        elif kind == "tools":
            body.append(("tools_and_templates", _tools_value(parsed.tools[index])))
        elif kind == "meetings":
            body += _meetings_blocks(parsed.future_meetings[index])
    return body, reminders


def _validate_stream(page: WeeklyUpdatePage, name: str):
    stream = getattr(page, name)
    try:
        stream.stream_block.clean(stream)
    except ValidationError as exc:
        raise ImportRefused(f"the {name} would not be valid: {exc.messages}") from exc


def create_draft(parsed: ParsedUpdate, *, user=None) -> ImportResult:
    """Create the update as a draft (unpublished, with a revision) under the newsletters
    index, with a news item for each item and a person for each contact not yet known.
    Raises :class:`ImportRefused` (nothing written) when it cannot."""
    try:
        with transaction.atomic():
            index = check_importable(parsed)
            return _create(parsed, index, user)
    except IntegrityError as exc:
        # Someone imported the same number at the same moment.
        existing = WeeklyUpdatePage.objects.filter(number=parsed.number).first()
        if existing is not None:
            raise UpdateExists(existing, parsed.line) from exc
        raise


def _create(parsed: ParsedUpdate, index: NewsletterIndexPage, user) -> ImportResult:
    result = ImportResult(page=None, news_items=[])  # type: ignore[arg-type]
    existing_items = match_news_items(parsed)
    people_for_item: dict[int, list[Person]] = {i: [] for i in range(len(parsed.items))}
    for match in match_contacts(parsed, existing_items):
        person = _person(match, result)
        for i in match.items:
            if person not in people_for_item[i]:
                people_for_item[i].append(person)

    through = NewsItem.people.through
    for i, item in enumerate(parsed.items):
        news_item = existing_items[i]
        if news_item is None:
            news_item = NewsItem(
                heading=item.heading[:255],
                body=_rich_text(item.body),
                action_required=_rich_text(item.action_required),
            )
            news_item.save()
        else:
            result.news_items_reused.append(news_item)
        # Straight to the link table: the item is saved, and one shown before keeps its people.
        known = set(through.objects.filter(newsitem=news_item).values_list("person", flat=True))
        through.objects.bulk_create(
            through(newsitem=news_item, person=person)
            for person in people_for_item[i]
            if person.pk not in known
        )
        result.news_items.append(news_item)

    body, reminders = build_streams(parsed, result.news_items)
    page = WeeklyUpdatePage(
        number=parsed.number,
        date=parsed.date,
        intro=parsed.intro.html(),
        body=body,
        reminders=reminders,
        live=False,
        owner=user,
    )
    _validate_stream(page, "body")
    _validate_stream(page, "reminders")
    index.add_child(instance=page)
    page.save_revision(user=user, log_action=True)
    result.page = page
    return result
