"""The imported facts, and the questions every app asks of them.

This app holds what the extracts bring (contacts, weekly outcome, bookings,
staff hours, waiting-list snapshots, referrals, population, KVÅ codes) and
nothing derived from them. Each extract kind is declared next to its facts in
``facts.kinds``; other apps read the facts through ``facts.selectors`` and
never import this module.

The tables keep the names they had in the apps that first held them
(``followup_contact``, ``waitlists_referral`` ...): moving the models moved no data.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from organisation.models import ContactType, Phase, Profession

from .choices import Deviation, KvaClassification, OutcomeSource, ReferralStatus


class Contact(models.Model):
    """One performed patient contact from the EHR, counted as one activity in one unit and week."""

    source = models.CharField(_("källa"), max_length=20)
    contact_id = models.CharField(_("kontakt-id"), max_length=64)
    date = models.DateField(_("datum"))
    # ISO week as an integer key (202605), so weekly dashboards group without date arithmetic.
    week = models.PositiveIntegerField(_("vecka"))
    # The largest table (millions of rows): no database FK checks or single-column indexes, which
    # would cost more than the rest of an import. The importer resolves both ids in the same
    # transaction, PROTECT still guards deletes in Django, and (unit, week) below serves lookups.
    unit = models.ForeignKey(
        "organisation.Unit",
        on_delete=models.PROTECT,
        related_name="contacts",
        db_constraint=False,
        db_index=False,
    )
    activity = models.ForeignKey(
        "organisation.Activity",
        on_delete=models.PROTECT,
        related_name="contacts",
        db_constraint=False,
        db_index=False,
    )
    phase = models.PositiveSmallIntegerField(_("fas"), choices=Phase.choices)
    contact_type = models.CharField(_("kontakttyp"), max_length=10, choices=ContactType.choices)
    profession = models.CharField(
        _("yrkeskategori"), max_length=3, choices=Profession.choices, blank=True
    )
    # Keyed hash of the personnummer; the clear text is never stored.
    patient = models.CharField(_("patientpseudonym"), max_length=64, blank=True)
    kva_codes = models.CharField(_("KVÅ-koder"), max_length=200, blank=True)
    decision_date = models.DateField(_("beslutsdatum"), null=True, blank=True)
    target_date = models.DateField(_("medicinskt måldatum"), null=True, blank=True)
    deviation = models.CharField(
        _("avvikelse"), max_length=3, choices=Deviation.choices, blank=True
    )
    guarantee = models.BooleanField(_("omfattas av vårdgarantin"), null=True, blank=True)
    priority = models.PositiveSmallIntegerField(_("prioritet"), null=True, blank=True)

    class Meta:
        db_table = "followup_contact"
        verbose_name = _("kontakt")
        verbose_name_plural = _("kontakter")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "contact_id"], name="contact_source_id_unique"
            )
        ]
        indexes = [
            models.Index(fields=["unit", "week"], name="contact_unit_week"),
            # The return-visit indicator reads performed return visits with a target date by day
            # over the whole region: a small part of the contacts, which this index alone holds
            # (without it, every contact is read: 560 ms against 6 ms for five years of a region).
            models.Index(
                fields=["date"],
                condition=models.Q(phase=Phase.RETURN, target_date__isnull=False),
                name="contact_return_target_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.contact_id} {self.date}"


class WeeklyOutcome(models.Model):
    """The outcome of one activity in one unit and ISO week, as counted by one source."""

    unit = models.ForeignKey(
        "organisation.Unit", on_delete=models.CASCADE, related_name="weekly_outcomes"
    )
    activity = models.ForeignKey(
        "organisation.Activity", on_delete=models.CASCADE, related_name="weekly_outcomes"
    )
    week = models.PositiveIntegerField(_("vecka"))
    source = models.CharField(_("källa"), max_length=20, choices=OutcomeSource.choices)
    # Decimal because Diver may report fractions (e.g. shared operations).
    count = models.DecimalField(_("antal"), max_digits=12, decimal_places=2)

    class Meta:
        db_table = "followup_weeklyoutcome"
        verbose_name = _("utfall per vecka")
        verbose_name_plural = _("utfall per vecka")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "activity", "week", "source"], name="weekly_outcome_unique"
            )
        ]
        indexes = [
            models.Index(fields=["week", "unit"], name="weekly_outcome_week_unit"),
            # Every dashboard sums one source's counts for some units over a run of weeks: with
            # activity and count in the index (PostgreSQL), those sums read the index alone.
            models.Index(
                fields=["source", "unit", "week"],
                include=["activity", "count"],
                name="weekly_outcome_covering",
            ),
        ]

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
    activity = models.ForeignKey(
        "organisation.Activity", on_delete=models.CASCADE, related_name="bookings"
    )
    phase = models.PositiveSmallIntegerField(_("fas"), choices=Phase.choices)
    contact_type = models.CharField(_("kontakttyp"), max_length=10, choices=ContactType.choices)
    profession = models.CharField(
        _("yrkeskategori"), max_length=3, choices=Profession.choices, blank=True
    )

    class Meta:
        db_table = "followup_booking"
        verbose_name = _("bokad kontakt")
        verbose_name_plural = _("bokade kontakter")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "snapshot_date", "booking_id"], name="booking_snapshot_id_unique"
            )
        ]
        indexes = [
            models.Index(
                fields=["snapshot_date", "unit", "week"], name="booking_snapshot_unit_week"
            )
        ]

    def __str__(self) -> str:
        return f"{self.snapshot_date} {self.booking_id} → {self.booked_date}"


class StaffHours(models.Model):
    """Scheduled hours for patient work a profession has in a unit in one ISO week (from HR)."""

    unit = models.ForeignKey(
        "organisation.Unit", on_delete=models.CASCADE, related_name="staff_hours"
    )
    week = models.PositiveIntegerField(_("vecka"))
    profession = models.CharField(_("yrkeskategori"), max_length=3, choices=Profession.choices)
    hours = models.DecimalField(_("tillgängliga timmar"), max_digits=10, decimal_places=2)
    fte = models.DecimalField(
        _("årsarbetare"), max_digits=8, decimal_places=2, null=True, blank=True
    )

    class Meta:
        db_table = "planning_staffhours"
        verbose_name = _("tillgänglig bemanning")
        verbose_name_plural = _("tillgänglig bemanning")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "week", "profession"], name="staff_hours_unique"
            )
        ]
        indexes = [models.Index(fields=["week", "unit"], name="staff_hours_week_unit")]

    def __str__(self) -> str:
        return f"{self.unit} {self.week} {self.profession}: {self.hours} h"


class WaitingEntry(models.Model):
    """One patient waiting on a measurement day (one row of a waiting-list snapshot)."""

    source = models.CharField(_("källa"), max_length=20)
    snapshot_date = models.DateField(_("mätdatum"))
    waiting_id = models.CharField(_("väntande-id"), max_length=64)
    unit = models.ForeignKey(
        "organisation.Unit", on_delete=models.CASCADE, related_name="waiting_entries"
    )
    phase = models.PositiveSmallIntegerField(_("fas"), choices=Phase.choices)
    kva_code = models.CharField(_("KVÅ-kod"), max_length=10, blank=True)
    decision_date = models.DateField(_("beslutsdatum"))
    target_date = models.DateField(_("medicinskt måldatum"), null=True, blank=True)
    deviation = models.CharField(
        _("avvikelse"), max_length=3, choices=Deviation.choices, blank=True
    )
    priority = models.PositiveSmallIntegerField(_("prioritet"), null=True, blank=True)
    home_county = models.CharField(_("hemlän"), max_length=2, blank=True)
    # Keyed hash of the personnummer; the clear text is never stored.
    patient = models.CharField(_("patientpseudonym"), max_length=64, blank=True)

    class Meta:
        db_table = "waitlists_waitingentry"
        verbose_name = _("väntande")
        verbose_name_plural = _("väntande")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "snapshot_date", "waiting_id"], name="waiting_snapshot_id_unique"
            )
        ]
        indexes = [
            models.Index(fields=["snapshot_date", "unit"], name="waiting_snapshot_unit"),
            models.Index(fields=["snapshot_date", "kva_code"], name="waiting_snapshot_kva"),
        ]

    def __str__(self) -> str:
        return f"{self.snapshot_date} {self.waiting_id}"


class Referral(models.Model):
    """A referral (remiss) received by a unit: one unit of inflow."""

    source = models.CharField(_("källa"), max_length=20)
    referral_id = models.CharField(_("remiss-id"), max_length=64)
    arrival_date = models.DateField(_("ankomstdatum"))
    week = models.PositiveIntegerField(_("vecka"))
    # No index of its own: referral_unit_week starts with the unit and serves the foreign key.
    # With both, PostgreSQL read a clinic's inflow through the unit alone (every week's rows,
    # 10 ms instead of 1 for a schedule period).
    unit = models.ForeignKey(
        "organisation.Unit", on_delete=models.CASCADE, related_name="referrals", db_index=False
    )
    phase = models.PositiveSmallIntegerField(_("fas"), choices=Phase.choices)
    kva_code = models.CharField(_("KVÅ-kod"), max_length=10, blank=True)
    priority = models.PositiveSmallIntegerField(_("prioritet"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=ReferralStatus.choices)

    class Meta:
        db_table = "waitlists_referral"
        verbose_name = _("remiss")
        verbose_name_plural = _("remisser")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "referral_id"], name="referral_source_id_unique"
            )
        ]
        indexes = [
            models.Index(fields=["unit", "week"], name="referral_unit_week"),
            # Whether a week's referrals arrived anywhere in the region (a missing week is shown
            # as missing): without it, asking about a week nobody has rows for reads the whole
            # (unit, week) index.
            models.Index(fields=["week", "unit"], name="referral_week_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.referral_id} {self.arrival_date}"


class Population(models.Model):
    """Inhabitants of a county in a year, for rates per 100 000."""

    year = models.PositiveIntegerField(_("år"))
    county_code = models.CharField(_("länskod"), max_length=2)
    count = models.PositiveIntegerField(_("antal invånare"))

    class Meta:
        db_table = "waitlists_population"
        verbose_name = _("befolkning")
        verbose_name_plural = _("befolkning")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "county_code"], name="population_year_county_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.county_code}: {self.count}"


class KvaCode(models.Model):
    """A code of the Swedish procedure classification KVÅ, at one of its four levels."""

    classification = models.CharField(
        _("klassifikation"), max_length=3, choices=KvaClassification.choices
    )
    code = models.CharField(_("kod"), max_length=10)
    text = models.CharField(_("kodtext"), max_length=500)
    description = models.TextField(_("beskrivning"), blank=True)
    # 1 chapter … 4 code; the chapter letter groups codes for reports.
    level = models.PositiveSmallIntegerField(_("nivå"))
    chapter = models.CharField(_("kapitel"), max_length=1)

    class Meta:
        db_table = "waitlists_kvacode"
        verbose_name = _("KVÅ-kod")
        verbose_name_plural = _("KVÅ-koder")
        ordering = ["classification", "code"]
        constraints = [
            models.UniqueConstraint(fields=["classification", "code"], name="kva_code_unique")
        ]
        indexes = [models.Index(fields=["code"], name="kva_code_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.text}"
