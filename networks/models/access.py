"""Who may open restricted reports and documents, how people ask, and who downloaded what."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.panels import FieldPanel

from contacts.models import Organisation
from core.fields import optional_link


class AccessGroup(models.Model):
    """A group of people who may open restricted reports and documents, described for visitors:
    the access-denied page and the request form say who it is for."""

    group = models.OneToOneField(
        "auth.Group",
        on_delete=models.CASCADE,
        related_name="access",
        help_text="The group named in the privacy of restricted pages and collections.",
    )
    description = models.TextField(
        "Who can have access",
        help_text="Shown to people who ask for access, e.g. 'Staff of member authorities that "
        "have signed the Data Sharing Protocol.'",
    )
    network = optional_link(
        "networks.NetworkPage",
        related_name="access_groups",
        help_text="For a network's own group: the network whose shared documents it opens.",
    )
    open_to_requests = models.BooleanField(
        default=True, help_text="Offer this group on the public ‘Request access’ form."
    )

    panels = [
        FieldPanel("group"),
        FieldPanel("description"),
        FieldPanel("network"),
        FieldPanel("open_to_requests"),
    ]

    class Meta:
        ordering = ["group__name"]

    def __str__(self):
        return self.group.name

    @property
    def name(self):
        return self.group.name


def _domain(email):
    return email.rsplit("@", 1)[-1].strip().lower() if "@" in email else ""


def domain_matches(email, domains):
    """Whether the address is at one of the domains (or a subdomain of one)."""
    domain = _domain(email)
    return bool(domain) and any(domain == d or domain.endswith("." + d) for d in domains)


def organisation_domains(organisation):
    return [
        d.strip().lower().lstrip("@") for d in organisation.email_domains.split(",") if d.strip()
    ]


class AccessRequest(models.Model):
    """Someone's request, from the public form, to join an access group. The programme manager
    approves it (which creates their account and emails them) or refuses it."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for a decision"
        APPROVED = "approved", "Approved"
        REFUSED = "refused", "Refused"

    name = models.CharField(max_length=200)
    organisation = models.ForeignKey(
        "contacts.Organisation",
        on_delete=models.PROTECT,
        related_name="access_requests",
        verbose_name="authority",
    )
    email = models.EmailField("work email address")
    reason = models.TextField("why they need access")
    access_group = models.ForeignKey(
        AccessGroup,
        on_delete=models.PROTECT,
        related_name="requests",
        verbose_name="access to",
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField("received", default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = optional_link(settings.AUTH_USER_MODEL)
    reply = models.TextField(blank=True, help_text="The note sent with the decision.")
    user = optional_link(
        settings.AUTH_USER_MODEL,
        related_name="access_requests",
        help_text="The account that approval created or updated.",
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} ({self.email})"

    def others_waiting(self):
        """The other requests still waiting that were sent with the same address."""
        return (
            AccessRequest.objects.filter(email__iexact=self.email, status=self.Status.PENDING)
            .exclude(pk=self.pk)
            .select_related("organisation", "access_group__group")
        )

    @property
    def is_pending(self):
        return self.status == self.Status.PENDING

    @property
    def email_check(self):
        """'' when the address belongs to the chosen authority; otherwise why it is flagged."""
        if domain_matches(self.email, organisation_domains(self.organisation)):
            return ""
        member_domains = [
            domain
            for domains in Organisation.objects.filter(kind=Organisation.Kind.MEMBER).values_list(
                "email_domains", flat=True
            )
            for domain in domains.split(",")
            if domain.strip()
        ]
        if domain_matches(self.email, [d.strip().lower() for d in member_domains]):
            return f"Address of another member authority, not {self.organisation.display_name}"
        return "Address outside the member authorities’ email domains"

    @property
    def is_flagged(self):
        return bool(self.email_check)


class DocumentDownload(models.Model):
    """One download of a restricted document: who, what and when (kept when either goes)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="document_downloads",
    )
    username = models.CharField("user", max_length=150)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        on_delete=models.SET_NULL,
        related_name="downloads",
    )
    document_title = models.CharField("document", max_length=255)
    collection_name = models.CharField("collection", max_length=255)
    downloaded_at = models.DateTimeField("when", default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-downloaded_at"]
        verbose_name = "restricted download"

    def __str__(self):
        return f"{self.username}: {self.document_title} ({self.downloaded_at:%d/%m/%Y %H:%M})"

    @property
    def user_name(self):
        return self.user.get_full_name() if self.user else ""


def access_groups_for(restrictions):
    """The groups named by these restrictions, each with its description for visitors."""
    groups = {g.pk: g for r in restrictions for g in r.groups.all()}
    described = {
        a.group_id: a for a in AccessGroup.objects.filter(group__in=groups).select_related("group")
    }
    result = []
    for pk, group in sorted(groups.items(), key=lambda item: item[1].name):
        access = described.get(pk)
        result.append(
            {
                "name": group.name,
                "description": access.description if access else "",
                "request_url": (
                    f"{reverse('request_access')}?group={access.pk}"
                    if access and access.open_to_requests
                    else None
                ),
            }
        )
    return result
