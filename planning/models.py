"""Planning: the clinics' production plans with versions and history (staff hours are ``facts``')."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# PlanStatus is imported from here by much of the project, so this module passes it on.
from .choices import PlanStatus, SaveSource  # noqa: F401
from .versioning import StatusChange, Version, version_constraints


class Plan(models.Model):
    """A clinic's annual production plan for one calendar (ISO) year, held as versions."""

    clinic = models.ForeignKey(
        "organisation.Clinic", on_delete=models.PROTECT, related_name="plans"
    )
    year = models.PositiveIntegerField(_("år"))
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("produktionsplan")
        verbose_name_plural = _("produktionsplaner")
        ordering = ["-year", "clinic__name"]
        constraints = [
            models.UniqueConstraint(fields=["clinic", "year"], name="plan_clinic_year_unique")
        ]

    def __str__(self) -> str:
        return f"{self.clinic} {self.year}"


class PlanVersion(Version):
    """One version of a plan: drafted, submitted, approved (locked) and later perhaps superseded."""

    owner_field = "plan"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="versions")
    based_on = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bygger på"),
    )
    # How the proposal this version started from was computed: inputs, goal and per-activity figures.
    proposal = models.JSONField(_("förslagets beräkning"), default=dict, blank=True)

    class Meta:
        verbose_name = _("planversion")
        verbose_name_plural = _("planversioner")
        ordering = ["plan", "number"]
        constraints = version_constraints("plan", "plan_version")
        indexes = [models.Index(fields=["status", "plan"], name="plan_version_status")]


class PlanCell(models.Model):
    """The planned volume of one activity in one unit and ISO week, in one plan version."""

    # No single-column indexes: the unique constraint and the (unit, week) index start with version
    # and unit, an activity is almost never deleted, and every index costs each of a save's writes.
    version = models.ForeignKey(
        PlanVersion, on_delete=models.CASCADE, related_name="cells", db_index=False
    )
    unit = models.ForeignKey(
        "organisation.Unit", on_delete=models.PROTECT, related_name="plan_cells", db_index=False
    )
    activity = models.ForeignKey(
        "organisation.Activity", on_delete=models.PROTECT, related_name="plan_cells", db_index=False
    )
    # ISO week key (202605), like the fact tables, so plan and outcome join on equal columns.
    week = models.PositiveIntegerField(_("vecka"))
    volume = models.DecimalField(_("volym"), max_digits=10, decimal_places=2)

    class Meta:
        verbose_name = _("plancell")
        verbose_name_plural = _("planceller")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "unit", "activity", "week"], name="plan_cell_unique"
            )
        ]
        indexes = [models.Index(fields=["unit", "week"], name="plan_cell_unit_week")]

    def __str__(self) -> str:
        return f"{self.version} {self.unit_id}/{self.activity_id}/{self.week}: {self.volume}"


class PlanSave(models.Model):
    """One save of a plan version: who, when, from which revision, and by what route."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="saves")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(_("tidpunkt"), auto_now_add=True)
    based_on_revision = models.PositiveIntegerField(_("utgick från revision"))
    revision = models.PositiveIntegerField(_("ny revision"))
    source = models.CharField(
        _("källa"), max_length=10, choices=SaveSource.choices, default=SaveSource.GRID
    )
    changed = models.PositiveIntegerField(_("ändrade celler"), default=0)

    class Meta:
        verbose_name = _("sparning")
        verbose_name_plural = _("sparningar")
        ordering = ["-at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "revision"], name="plan_save_revision_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.version} r{self.revision}"


class PlanCellChange(models.Model):
    """One cell's old and new volume in one save; empty means the cell had or has no value."""

    save_record = models.ForeignKey(PlanSave, on_delete=models.CASCADE, related_name="changes")
    # Looked up by (unit, activity, week) through the index below, never by one column alone.
    unit = models.ForeignKey(
        "organisation.Unit", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    activity = models.ForeignKey(
        "organisation.Activity", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    week = models.PositiveIntegerField(_("vecka"))
    old_volume = models.DecimalField(
        _("före"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    new_volume = models.DecimalField(
        _("efter"), max_digits=10, decimal_places=2, null=True, blank=True
    )

    class Meta:
        verbose_name = _("celländring")
        verbose_name_plural = _("celländringar")
        indexes = [models.Index(fields=["unit", "activity", "week"], name="plan_change_cell")]

    def __str__(self) -> str:
        return (
            f"{self.unit_id}/{self.activity_id}/{self.week}: {self.old_volume} → {self.new_volume}"
        )


class PlanStatusChange(StatusChange):
    version = models.ForeignKey(
        PlanVersion, on_delete=models.CASCADE, related_name="status_changes"
    )

    class Meta(StatusChange.Meta):
        verbose_name = _("statusändring")
        verbose_name_plural = _("statusändringar")
