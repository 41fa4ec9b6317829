"""Follow-up facts: contacts that took place, weekly outcome per activity, booked contacts.

Written only by the import pipeline (``imports``); read by selectors that
aggregate. ``WeeklyOutcome`` is kept in step with ``Contact`` by the importer
so dashboards sum a small table instead of scanning contacts.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from organisation.models import ContactType, Phase, Profession
from waitlists.models import Deviation


class OutcomeSource(models.TextChoices):
    COSMIC = "cosmic", "COSMIC"
    DIVER = "diver", "Diver"


class Contact(models.Model):
    """One performed patient contact from the EHR, counted as one activity in one unit and week."""

    source = models.CharField(_("källa"), max_length=20)
    contact_id = models.CharField(_("kontakt-id"), max_length=64)
    date = models.DateField(_("datum"))
    # ISO week as an integer key (202605), so weekly dashboards group without date arithmetic.
    week = models.PositiveIntegerField(_("vecka"))
    unit = models.ForeignKey("organisation.Unit", on_delete=models.PROTECT, related_name="contacts")
    activity = models.ForeignKey("organisation.Activity", on_delete=models.PROTECT, related_name="contacts")
    phase = models.PositiveSmallIntegerField(_("fas"), choices=Phase.choices)
    contact_type = models.CharField(_("kontakttyp"), max_length=10, choices=ContactType.choices)
    profession = models.CharField(_("yrkeskategori"), max_length=3, choices=Profession.choices, blank=True)
    # Keyed hash of the personnummer; the clear text is never stored.
    patient = models.CharField(_("patientpseudonym"), max_length=64, blank=True)
    kva_codes = models.CharField(_("KVÅ-koder"), max_length=200, blank=True)
    decision_date = models.DateField(_("beslutsdatum"), null=True, blank=True)
    target_date = models.DateField(_("medicinskt måldatum"), null=True, blank=True)
    deviation = models.CharField(_("avvikelse"), max_length=3, choices=Deviation.choices, blank=True)
    guarantee = models.BooleanField(_("omfattas av vårdgarantin"), null=True, blank=True)
    priority = models.PositiveSmallIntegerField(_("prioritet"), null=True, blank=True)

    class Meta:
        verbose_name = _("kontakt")
        verbose_name_plural = _("kontakter")
        constraints = [
            models.UniqueConstraint(fields=["source", "contact_id"], name="contact_source_id_unique")
        ]
        indexes = [models.Index(fields=["unit", "week"], name="contact_unit_week")]

    def __str__(self) -> str:
        return f"{self.source} {self.contact_id} {self.date}"


class WeeklyOutcome(models.Model):
    """The outcome of one activity in one unit and ISO week, as counted by one source."""

    unit = models.ForeignKey("organisation.Unit", on_delete=models.CASCADE, related_name="weekly_outcomes")
    activity = models.ForeignKey(
        "organisation.Activity", on_delete=models.CASCADE, related_name="weekly_outcomes"
    )
    week = models.PositiveIntegerField(_("vecka"))
    source = models.CharField(_("källa"), max_length=20, choices=OutcomeSource.choices)
    # Decimal because Diver may report fractions (e.g. shared operations).
    count = models.DecimalField(_("antal"), max_digits=12, decimal_places=2)

    class Meta:
        verbose_name = _("utfall per vecka")
        verbose_name_plural = _("utfall per vecka")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "activity", "week", "source"], name="weekly_outcome_unique"
            )
        ]
        indexes = [models.Index(fields=["week", "unit"], name="weekly_outcome_week_unit")]

    def __str__(self) -> str:
        return f"{self.unit} {self.activity} {self.week} {self.source}: {self.count}"


class Booking(models.Model):
    """A contact booked for a future day, as seen in one day's snapshot of the booking book."""

    source = models.CharField(_("källa"), max_length=20)
    snapshot_date = models.DateField(_("mätdatum"))
    booking_id = models.CharField(_("boknings-id"), max_length=64)
    booked_date = models.DateField(_("bokad dag"))
    week = models.PositiveIntegerField(_("vecka"))
    unit = models.ForeignKey("organisation.Unit", on_delete=models.CASCADE, related_name="bookings")
    activity = models.ForeignKey("organisation.Activity", on_delete=models.CASCADE, related_name="bookings")
    phase = models.PositiveSmallIntegerField(_("fas"), choices=Phase.choices)
    contact_type = models.CharField(_("kontakttyp"), max_length=10, choices=ContactType.choices)
    profession = models.CharField(_("yrkeskategori"), max_length=3, choices=Profession.choices, blank=True)

    class Meta:
        verbose_name = _("bokad kontakt")
        verbose_name_plural = _("bokade kontakter")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "snapshot_date", "booking_id"], name="booking_snapshot_id_unique"
            )
        ]
        indexes = [
            models.Index(fields=["snapshot_date", "unit", "week"], name="booking_snapshot_unit_week")
        ]

    def __str__(self) -> str:
        return f"{self.snapshot_date} {self.booking_id} → {self.booked_date}"
