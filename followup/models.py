"""The call-in meeting log, and the approved plans summed per unit and week.

The imported facts follow-up reads (contacts, weekly outcome, bookings) are
``facts``'; the meeting log is written only by ``followup.services``.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import ActionStatus

# --- The call-in meeting log -----------------------------------------------------------------
# Written by people at the weekly meeting (through ``followup.services``), not by the import.


class Meeting(models.Model):
    """One weekly call-in meeting of a clinic (or of one of its units) and the week it followed up."""

    clinic = models.ForeignKey(
        "organisation.Clinic", on_delete=models.PROTECT, related_name="callin_meetings"
    )
    # A unit's own call-in; empty when the meeting covered the whole clinic.
    unit = models.ForeignKey(
        "organisation.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="callin_meetings",
    )
    held_on = models.DateField(_("mötesdatum"))
    # ISO week key (202605) of the week whose outcome the meeting went through.
    week = models.PositiveIntegerField(_("uppföljd vecka"))
    attendees = models.CharField(_("deltagare"), max_length=300, blank=True)
    notes = models.TextField(_("anteckningar"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("registrerat"), auto_now_add=True)

    class Meta:
        verbose_name = _("call-in-möte")
        verbose_name_plural = _("call-in-möten")
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["clinic", "held_on"], name="meeting_clinic_held_on")]

    def __str__(self) -> str:
        return f"{self.clinic} {self.held_on}"


class DiscussedDeviation(models.Model):
    """A deviation from plan that a call-in meeting went through, with the explanation given."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="deviations")
    unit = models.ForeignKey(
        "organisation.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    activity = models.ForeignKey(
        "organisation.Activity", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    week = models.PositiveIntegerField(_("vecka"))
    # The figures as the meeting saw them; later imports may still correct the facts.
    planned = models.DecimalField(_("plan"), max_digits=12, decimal_places=2, null=True, blank=True)
    outcome = models.DecimalField(
        _("utfall"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    description = models.TextField(_("avvikelse och orsak"))

    class Meta:
        verbose_name = _("diskuterad avvikelse")
        verbose_name_plural = _("diskuterade avvikelser")
        ordering = ["meeting", "id"]

    def __str__(self) -> str:
        return f"{self.meeting}: {self.description[:40]}"


# Actions in these states are carried to every following meeting.
OPEN_ACTION_STATUSES = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


class Action(models.Model):
    """An action a call-in meeting decided, with an owner and due date, followed until it is closed."""

    # The clinic is kept on the action itself so a clinic's open actions are one indexed lookup.
    clinic = models.ForeignKey(
        "organisation.Clinic", on_delete=models.PROTECT, related_name="callin_actions"
    )
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="actions")
    deviation = models.ForeignKey(
        DiscussedDeviation, on_delete=models.SET_NULL, null=True, blank=True, related_name="actions"
    )
    title = models.CharField(_("åtgärd"), max_length=300)
    # A person's name: owners are often not users of the platform.
    owner = models.CharField(_("ansvarig"), max_length=150)
    due_date = models.DateField(_("klart senast"))
    status = models.CharField(
        _("status"), max_length=12, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    closed_on = models.DateField(_("avslutad"), null=True, blank=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

    class Meta:
        verbose_name = _("åtgärd")
        verbose_name_plural = _("åtgärder")
        ordering = ["due_date", "id"]
        indexes = [models.Index(fields=["clinic", "status"], name="action_clinic_status")]

    def __str__(self) -> str:
        return f"{self.title} ({self.owner}, {self.due_date})"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_ACTION_STATUSES


class ActionUpdate(models.Model):
    """The status an action was given at a meeting, with a comment: its history meeting by meeting."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, null=True, blank=True, related_name="action_updates"
    )
    status = models.CharField(_("status"), max_length=12, choices=ActionStatus.choices)
    comment = models.TextField(_("kommentar"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("registrerat"), auto_now_add=True)

    class Meta:
        verbose_name = _("statusuppdatering")
        verbose_name_plural = _("statusuppdateringar")
        ordering = ["action", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.action_id}: {self.get_status_display()}"


# --- Derived: approved plans per unit and week ----------------------------------------------
# Written only by ``followup.summary``; read by ``followup.selectors.plans``.


class ApprovedPlanWeek(models.Model):
    """An approved plan version's volume in one unit and ISO week, all its activities together.

    The region-wide figures (the strategic view, the five-year trend) sum these
    instead of every cell: a sixth of the rows or fewer. An approved version's
    cells never change (``planning.services`` edits drafts only, and reopening an
    approved version copies it into a new draft), so each version is summed once.
    """

    version = models.ForeignKey(
        "planning.PlanVersion", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    unit = models.ForeignKey(
        "organisation.Unit", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    week = models.PositiveIntegerField(_("vecka"))
    volume = models.DecimalField(_("volym"), max_digits=14, decimal_places=2)

    class Meta:
        constraints = [
            # With the volume in the index (PostgreSQL), a sum reads the index alone.
            models.UniqueConstraint(
                fields=["version", "unit", "week"],
                include=["volume"],
                name="approved_plan_week_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.version_id} {self.unit_id} {self.week}: {self.volume}"


class SummarisedPlanVersion(models.Model):
    """A version whose cells ``ApprovedPlanWeek`` holds (also one without cells): the others are
    read cell by cell until they are summed."""

    version = models.OneToOneField(
        "planning.PlanVersion", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )

    def __str__(self) -> str:
        return str(self.version_id)
