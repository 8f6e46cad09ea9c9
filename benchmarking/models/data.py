"""The benchmarking data: measures (the data dictionary), areas, statistical neighbours, releases
and their values. ``manage.py import_benchmarking`` (or the admin upload) fills them."""

import datetime
import re

from django.contrib.auth.models import Group
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property

# Excel counts days from 30 December 1899 (serial 45809 is 1 June 2025).
EXCEL_EPOCH = datetime.date(1899, 12, 30)


def excel_date(serial):
    """The date of an Excel day serial such as ``45809``; None for anything else."""
    try:
        return EXCEL_EPOCH + datetime.timedelta(days=int(str(serial).strip()))
    except (TypeError, ValueError, OverflowError):
        return None


def measure_slug(code):
    """The measure's code as it reads in addresses: 'LAC_LongStable%' -> 'LAC_LongStablepct'."""
    text = code.replace("%", "pct").replace("<", "lt")
    return re.sub(r"[^A-Za-z0-9_-]+", "-", text).strip("-") or "measure"


class Polarity(models.TextChoices):
    HIGH = "high", "Higher is better"
    LOW = "low", "Lower is better"
    NEITHER = "", "Neither higher nor lower is better"


class Measure(models.Model):
    """One measure of the data dictionary, such as the rate of children in need per 10,000."""

    code = models.CharField(
        max_length=64, unique=True, help_text="The DfE's short code (Measure_short)."
    )
    slug = models.CharField(max_length=80, unique=True, help_text="The code in addresses.")
    dictionary_code = models.CharField(max_length=16, blank=True, help_text="Measure_code.")
    topic = models.CharField(max_length=100)
    name = models.CharField(max_length=255)
    chart_title = models.CharField(max_length=255, blank=True)
    polarity = models.CharField(max_length=4, choices=Polarity.choices, blank=True)
    y_axis_name = models.CharField(max_length=100, blank=True)
    description = models.TextField(blank=True)
    methodology = models.TextField(blank=True)
    source = models.TextField(blank=True, help_text="The data owner or supplier.")
    hyperlinks = models.TextField(blank=True)
    dps = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Decimal places to show, as the dictionary gives them."
    )
    display_dps = models.PositiveSmallIntegerField(
        default=1,
        help_text="Decimal places shown: dps, or where the dictionary gives none the fewest "
        "(at most 2) that show every published value.",
    )
    year_type = models.CharField(max_length=50, blank=True)
    no_quartile = models.BooleanField(default=False)
    last_update = models.DateField(null=True, blank=True)
    next_update = models.DateField(null=True, blank=True)
    next_update_note = models.CharField(
        max_length=100, blank=True, help_text="Said instead of a date, e.g. 'TBC'."
    )
    sort_order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["topic", "sort_order", "name"]

    def __str__(self):
        return self.name

    @property
    def ranked(self):
        return self.polarity in (Polarity.HIGH, Polarity.LOW)

    @property
    def unit(self):
        """What a value is, from the y-axis name: '%', 'rate per 10,000', or ''."""
        label = self.y_axis_name.strip()
        if label.startswith("%"):
            return "%"
        return label.lower() if label.lower().startswith("rate") else ""

    @property
    def title(self):
        return self.chart_title or self.name

    @property
    def methodology_given(self):
        """The methodology, or '' where the dictionary has none ('-')."""
        return "" if self.methodology.strip() in ("", "-") else self.methodology

    @property
    def source_url(self):
        """The address of the source's publication, where the dictionary gives one."""
        address = self.hyperlinks.strip()
        return address if re.fullmatch(r"https?://\S+", address) else ""

    @cached_property
    def searched_text(self):
        """What a search for measures looks in, in lower case: the name, code, description,
        topic and chart title."""
        fields = (self.name, self.code, self.description, self.topic, self.chart_title)
        return " ".join(fields).lower()


class AreaKind(models.TextChoices):
    AUTHORITY = "authority", "Local authority"
    REGION = "region", "Region"
    ENGLAND = "england", "England"
    OTHER = "other", "Other"


ENGLAND_NUMBER = 970
SOUTH_EAST_NUMBER = 989
SOUTH_EAST = "South East"


def area_kind(la_number):
    """The DfE's numbering: authorities below 970, England 970, regions 980–999."""
    if la_number < ENGLAND_NUMBER:
        return AreaKind.AUTHORITY
    if la_number == ENGLAND_NUMBER:
        return AreaKind.ENGLAND
    if la_number < 1000:
        return AreaKind.REGION
    return AreaKind.OTHER


class AreaQuerySet(models.QuerySet):
    def authorities(self):
        return self.filter(kind=AreaKind.AUTHORITY)


class Area(models.Model):
    """A local authority (past or present), a region or England, by the DfE's number."""

    la_number = models.PositiveIntegerField(unique=True)
    name = models.CharField(max_length=100)
    kind = models.CharField(max_length=10, choices=AreaKind.choices)
    region = models.CharField(max_length=100, blank=True)

    objects = AreaQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.la_number})"

    @property
    def is_authority(self):
        return self.kind == AreaKind.AUTHORITY


class StatisticalNeighbour(models.Model):
    """One of an authority's 10 statistical neighbours (1 = nearest)."""

    authority = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="neighbours")
    rank = models.PositiveSmallIntegerField()
    neighbour = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="+")
    closeness = models.CharField(max_length=30, blank=True)

    class Meta:
        ordering = ["authority", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["authority", "rank"], name="bm_neighbour_rank"),
        ]

    def __str__(self):
        return f"{self.authority_id} {self.rank}: {self.neighbour_id}"


class ReleaseQuerySet(models.QuerySet):
    def visible_to(self, user, today=None):
        """Releases this user may see: public ones, restricted ones past their embargo date, and
        restricted ones shared with a group of theirs (superusers see all)."""
        if user is not None and user.is_active and user.is_superuser:
            return self
        today = today or timezone.localdate()
        visible = Q(restricted=False) | Q(embargo_date__lte=today)
        if user is not None and user.is_authenticated and user.is_active:
            visible |= Q(groups__in=user.groups.all())
        return self.filter(visible).distinct()


class Release(models.Model):
    """A loaded set of values: the DfE's public release, or authorities' own figures shared with
    some groups only until an embargo date."""

    name = models.CharField(max_length=100, unique=True)
    loaded_at = models.DateTimeField(default=timezone.now)
    checksum = models.CharField(max_length=64, blank=True)
    restricted = models.BooleanField(default=False)
    groups = models.ManyToManyField(
        Group, blank=True, related_name="+", help_text="Who may see a restricted release."
    )
    embargo_date = models.DateField(
        null=True, blank=True, help_text="A restricted release becomes public on this date."
    )

    objects = ReleaseQuerySet.as_manager()

    class Meta:
        ordering = ["-loaded_at"]

    def __str__(self):
        return self.name

    def is_public(self, today=None):
        today = today or timezone.localdate()
        return not self.restricted or (self.embargo_date is not None and self.embargo_date <= today)


class ValueStatus(models.TextChoices):
    """Why a value is missing, with the tokens the DfE publishes in its place (LAIT writes "-";
    its statistics files use the others)."""

    VALUE = "", (), "Published"
    MISSING = "missing", ("-",), "suppressed or not available"
    SUPPRESSED = "suppressed", ("c",), "suppressed"
    NOT_AVAILABLE = "not_available", ("x", "."), "not available"
    NOT_APPLICABLE = "not_applicable", ("z",), "not applicable"
    LOW = "low", ("low",), "low (below 0.5)"

    def __new__(cls, value, tokens):
        member = str.__new__(cls, value)
        member._value_ = value
        member.tokens = tokens
        return member


# A missing value's status by its token.
STATUS_TOKENS = {token: status for status in ValueStatus for token in status.tokens}


class Value(models.Model):
    """One published figure (or the reason it is missing) for a measure, area and year, with the
    comparisons worked out when its release was loaded."""

    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="values")
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="values")
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="values")
    year = models.CharField(max_length=30, help_text="The period as published, e.g. 2024-25.")
    year_start = models.PositiveSmallIntegerField(help_text="The first year of the period.")
    value = models.DecimalField(max_digits=28, decimal_places=10, null=True, blank=True)
    status = models.CharField(max_length=16, choices=ValueStatus.choices, blank=True)
    # Worked out at import (benchmarking.stats) among the release's authorities that year.
    rank = models.PositiveSmallIntegerField(null=True, blank=True)
    ranked_out_of = models.PositiveSmallIntegerField(null=True, blank=True)
    band = models.CharField(max_length=1, blank=True)
    change = models.DecimalField(max_digits=28, decimal_places=10, null=True, blank=True)
    neighbour_average = models.DecimalField(max_digits=28, decimal_places=10, null=True, blank=True)
    latest = models.BooleanField(
        default=False, help_text="In the latest year with a figure for the measure."
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["release", "measure", "area", "year"], name="bm_value_unique"
            ),
        ]
        indexes = [
            models.Index(fields=["release", "measure", "year_start"], name="bm_value_measure"),
            models.Index(fields=["release", "area", "measure"], name="bm_value_area"),
            models.Index(
                fields=["release", "area"], condition=Q(latest=True), name="bm_value_latest"
            ),
        ]

    def __str__(self):
        return f"{self.measure_id} {self.area_id} {self.year}"
