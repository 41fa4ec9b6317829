"""The production assignment: per clinic and year, in versions, with the point prices it is paid by.

Models of the economics app (``economics/models.py`` imports them); versions and
statuses are the production plan's (``planning.versioning``).
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from planning.versioning import StatusChange, Version, version_constraints

from ..choices import CareForm

TERTIALS = (1, 2, 3)


class PointPrice(models.Model):
    """The price of one DRG point in a year and care form, or for one activity (all operations)."""

    year = models.PositiveSmallIntegerField(_("år"))
    care_form = models.CharField(_("vårdform"), max_length=6, choices=CareForm.choices)
    # Empty: every activity of the care form; set: this activity's own price (one for operations).
    activity = models.ForeignKey(
        "organisation.Activity",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("aktivitet"),
    )
    price = models.DecimalField(_("pris per DRG-poäng (kr)"), max_digits=12, decimal_places=2)

    class Meta:
        app_label = "economics"
        verbose_name = _("poängpris")
        verbose_name_plural = _("poängpriser")
        ordering = ["-year", "care_form", "activity__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "care_form"],
                condition=Q(activity__isnull=True),
                name="point_price_year_form_unique",
            ),
            models.UniqueConstraint(
                fields=["year", "care_form", "activity"],
                condition=Q(activity__isnull=False),
                name="point_price_year_form_activity_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.care_form} {self.activity or ''}: {self.price}"


class Assignment(models.Model):
    """A clinic's production assignment for one calendar year, held as versions."""

    clinic = models.ForeignKey("organisation.Clinic", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("år"))
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        app_label = "economics"
        verbose_name = _("produktionsuppdrag")
        verbose_name_plural = _("produktionsuppdrag")
        ordering = ["-year", "clinic__name"]
        constraints = [
            models.UniqueConstraint(fields=["clinic", "year"], name="assignment_clinic_year_unique")
        ]

    def __str__(self) -> str:
        return f"{self.clinic} {self.year}"


class AssignmentVersion(Version):
    """One version of an assignment: drafted, submitted, approved (locked), later superseded."""

    owner_field = "assignment"

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="versions")
    based_on = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        app_label = "economics"
        verbose_name = _("uppdragsversion")
        verbose_name_plural = _("uppdragsversioner")
        ordering = ["assignment", "number"]
        constraints = version_constraints("assignment", "assignment_version")


class AssignmentLine(models.Model):
    """One activity the region orders in a version: its volume per tertial, points and price."""

    class Origin(models.TextChoices):
        PLAN = "plan", _("Fastställd produktionsplan")
        TYPED = "typed", _("Inskriven")

    version = models.ForeignKey(AssignmentVersion, on_delete=models.CASCADE, related_name="lines")
    activity = models.ForeignKey(
        "organisation.Activity", on_delete=models.PROTECT, related_name="+"
    )
    care_form = models.CharField(_("vårdform"), max_length=6, choices=CareForm.choices)
    # Contacts for an activity, bed-days (staffed beds × 7 per week) for the bed plan's activity.
    volume_t1 = models.DecimalField(_("volym T1"), max_digits=12, decimal_places=2, default=0)
    volume_t2 = models.DecimalField(_("volym T2"), max_digits=12, decimal_places=2, default=0)
    volume_t3 = models.DecimalField(_("volym T3"), max_digits=12, decimal_places=2, default=0)
    # Expected DRG points per unit of volume: last year's case mix of the activity, or typed.
    points_per_volume = models.DecimalField(
        _("DRG-poäng per volymenhet"), max_digits=9, decimal_places=4
    )
    # The price when the line was written: an approved assignment keeps its money.
    price_per_point = models.DecimalField(
        _("pris per DRG-poäng (kr)"), max_digits=12, decimal_places=2
    )
    origin = models.CharField(_("ursprung"), max_length=5, choices=Origin.choices)

    class Meta:
        app_label = "economics"
        verbose_name = _("uppdragsrad")
        verbose_name_plural = _("uppdragsrader")
        ordering = ["version", "care_form", "activity__sort_order", "activity__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "activity"], name="assignment_line_activity_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.version} {self.activity_id}: {self.volume}"

    def volume_in(self, tertial: int) -> Decimal:
        return getattr(self, f"volume_t{tertial}")

    @property
    def volume(self) -> Decimal:
        return sum((self.volume_in(t) for t in TERTIALS), Decimal(0))

    def points_in(self, tertial: int) -> Decimal:
        return self.volume_in(tertial) * self.points_per_volume

    @property
    def points(self) -> Decimal:
        return self.volume * self.points_per_volume

    @property
    def money(self) -> Decimal:
        return self.points * self.price_per_point


class AssignmentStatusChange(StatusChange):
    version = models.ForeignKey(
        AssignmentVersion, on_delete=models.CASCADE, related_name="status_changes"
    )

    class Meta(StatusChange.Meta):
        app_label = "economics"
        verbose_name = _("statusändring i uppdrag")
        verbose_name_plural = _("statusändringar i uppdrag")
