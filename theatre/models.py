"""Operating rooms, their hospitals' elective opening hours, and the operations and sessions in them.

Rooms and opening hours are reference data edited in the admin; operations
(``operationer``) and the session plan (``salstider``) are facts imported by
the kinds in ``theatre.kinds``, which own these tables as ``facts`` owns its.
"""

from datetime import time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from organisation.models import Clinic, Site, Unit

from .choices import AllocationStatus, OperationStatus, StrikeCause, Weekday

# SPOR's default elective opening hours, used for a hospital that has set none of its own.
DEFAULT_OPENING_HOURS = {
    Weekday.MONDAY: (time(7), time(17)),
    Weekday.TUESDAY: (time(7), time(17)),
    Weekday.WEDNESDAY: (time(7), time(17)),
    Weekday.THURSDAY: (time(7), time(17)),
    Weekday.FRIDAY: (time(7), time(14)),
}


class Room(models.Model):
    """An operating room (operationssal) of a hospital, and the clinics whose operations fit in it."""

    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="operating_rooms")
    code = models.CharField(_("kod"), max_length=20)
    name = models.CharField(_("namn"), max_length=100)
    # Equipment decides which clinics may operate here (a laminar-flow room for orthopaedics …).
    clinics = models.ManyToManyField(
        Clinic,
        blank=True,
        related_name="operating_rooms",
        verbose_name=_("kliniker som får använda salen"),
    )
    active = models.BooleanField(_("i bruk"), default=True)

    class Meta:
        verbose_name = _("operationssal")
        verbose_name_plural = _("operationssalar")
        ordering = ["site__name", "code"]
        constraints = [models.UniqueConstraint(fields=["site", "code"], name="room_site_code")]

    def __str__(self) -> str:
        return f"{self.name} ({self.site})"


class RoomSourceCode(models.Model):
    """The code a source system (COSMIC's operation module, Orbit's session plan) uses for a room."""

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="source_codes")
    source = models.CharField(_("källa"), max_length=20)
    code = models.CharField(_("kod i källsystemet"), max_length=50)

    class Meta:
        verbose_name = _("salskod i källsystem")
        verbose_name_plural = _("salskoder i källsystem")
        constraints = [
            models.UniqueConstraint(fields=["source", "code"], name="room_source_code_unique")
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.code} → {self.room}"


class OpeningHours(models.Model):
    """A hospital's elective opening hours on one weekday; a hospital with none has SPOR's default."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(_("veckodag"), choices=Weekday.choices)
    opens = models.TimeField(_("öppnar"))
    closes = models.TimeField(_("stänger"))

    class Meta:
        verbose_name = _("elektiv öppettid")
        verbose_name_plural = _("elektiva öppettider")
        ordering = ["site__name", "weekday"]
        constraints = [
            models.UniqueConstraint(fields=["site", "weekday"], name="opening_hours_site_weekday")
        ]

    def __str__(self) -> str:
        return f"{self.site} {self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"

    def clean(self) -> None:
        if self.opens is not None and self.closes is not None and self.opens >= self.closes:
            raise ValidationError({"closes": _("Stängningstiden måste vara efter öppningstiden.")})


class Operation(models.Model):
    """One planned, performed or struck operation (``operationer``), times in SPOR's points."""

    source = models.CharField(_("källa"), max_length=30)
    operation_id = models.CharField(_("operations-id"), max_length=64)
    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="operations")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="operations")
    date = models.DateField(_("operationsdag"))
    patient = models.CharField(_("patient (pseudonym)"), max_length=64, blank=True)
    kva_codes = models.CharField(_("KVÅ-koder"), max_length=200, blank=True)
    priority = models.PositiveSmallIntegerField(_("prioritet"), null=True, blank=True)
    emergency = models.BooleanField(_("akut"), null=True)
    request_date = models.DateField(_("anmäld"), null=True, blank=True)
    patient_in = models.DateTimeField(_("patient in"), null=True, blank=True)
    op_start = models.DateTimeField(_("operationsstart"), null=True, blank=True)
    op_end = models.DateTimeField(_("operationsslut"), null=True, blank=True)
    patient_out = models.DateTimeField(_("patient ut"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=OperationStatus.choices)
    struck_at = models.DateTimeField(_("struken"), null=True, blank=True)
    strike_cause = models.CharField(
        _("strykningsorsak"), max_length=3, choices=StrikeCause.choices, blank=True
    )

    class Meta:
        verbose_name = _("operation")
        verbose_name_plural = _("operationer")
        constraints = [
            models.UniqueConstraint(fields=["source", "operation_id"], name="operation_source_id")
        ]
        indexes = [models.Index(fields=["room", "date"], name="operation_room_date")]

    def __str__(self) -> str:
        return f"{self.operation_id} {self.date}"


class Session(models.Model):
    """A room session of the session plan (``salstider``): a room's time on a day, and its clinic."""

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="sessions")
    date = models.DateField(_("dag"))
    start_time = models.TimeField(_("start"))
    end_time = models.TimeField(_("slut"))
    # The clinic unit the council allocated the session to; none: open time, not allocated.
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="room_sessions", null=True, blank=True
    )
    staffed = models.BooleanField(_("bemannad"), default=True)

    class Meta:
        verbose_name = _("salstid")
        verbose_name_plural = _("salstider")
        ordering = ["date", "room", "start_time"]
        indexes = [models.Index(fields=["room", "date"], name="session_room_date")]

    def __str__(self) -> str:
        return f"{self.room} {self.date} {self.start_time:%H:%M}–{self.end_time:%H:%M}"


class Allocation(models.Model):
    """The operating-room council's allocation of a hospital's sessions for a schedule period.

    Proposed by the optimiser, edited by the council and decided by it; the decision becomes
    the period's session plan. ``explanation`` keeps the need the proposal was made from, so
    the reasons stay readable after the waiting lists have moved on.
    """

    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="room_allocations")
    start = models.DateField(_("från"))
    end = models.DateField(_("till"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=AllocationStatus.choices,
        default=AllocationStatus.PROPOSED,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("föreslagen av"),
    )
    created_at = models.DateTimeField(_("föreslagen"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("beslutad av"),
    )
    decided_at = models.DateTimeField(_("beslutad"), null=True, blank=True)
    note = models.TextField(_("anteckning"), blank=True)
    explanation = models.JSONField(_("underlag"), default=dict, blank=True)

    class Meta:
        verbose_name = _("salsfördelning")
        verbose_name_plural = _("salsfördelningar")
        ordering = ["-start", "site__name", "-id"]

    def __str__(self) -> str:
        return f"{self.site} {self.start}–{self.end} ({self.get_status_display()})"


class AllocatedSession(models.Model):
    """One session of an allocation: a room's time on a day and the clinic it goes to (none: open)."""

    allocation = models.ForeignKey(Allocation, on_delete=models.CASCADE, related_name="sessions")
    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="allocated_sessions")
    date = models.DateField(_("dag"))
    start_time = models.TimeField(_("start"))
    end_time = models.TimeField(_("slut"))
    clinic = models.ForeignKey(
        Clinic,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="allocated_sessions",
        verbose_name=_("klinik"),
    )

    class Meta:
        verbose_name = _("fördelad salstid")
        verbose_name_plural = _("fördelade salstider")
        ordering = ["date", "room__code", "start_time"]
        constraints = [
            models.UniqueConstraint(
                fields=["allocation", "room", "date", "start_time"], name="allocated_session_slot"
            )
        ]

    def __str__(self) -> str:
        return f"{self.room} {self.date} {self.start_time:%H:%M}–{self.end_time:%H:%M}"

    @property
    def hours(self) -> float:
        start = self.start_time.hour * 60 + self.start_time.minute
        end = self.end_time.hour * 60 + self.end_time.minute
        return (end - start) / 60
