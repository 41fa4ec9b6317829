"""Inpatient care's own facts: which units are wards, their episodes and their daily bed measurement.

Inpatient care is its own capability (wards, beds, the loss model), so its
facts live beside it rather than in ``facts``: the two kinds that fill them
(``vardtillfallen``, ``vardplatser``) are declared in ``inpatient.kinds`` and
registered from ``InpatientConfig.ready``. A ward is an ``organisation.Unit``
with a row here, so its codes per source are the unit's ``UnitSourceCode``
rows and the access rules (per clinic) apply to it unchanged.
"""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from organisation.models import Unit

from .choices import Speciality


class Ward(models.Model):
    """A unit of a clinic that is an inpatient ward (vårdavdelning) with beds."""

    unit = models.OneToOneField(
        Unit,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="ward",
        verbose_name=_("enhet"),
    )
    speciality = models.CharField(
        _("inriktning"), max_length=10, choices=Speciality.choices, default=Speciality.MEDICAL
    )

    class Meta:
        verbose_name = _("vårdavdelning")
        verbose_name_plural = _("vårdavdelningar")
        ordering = ["unit__name"]

    def __str__(self) -> str:
        return str(self.unit)


class Episode(models.Model):
    """A vårdtillfälle: one patient's stay on a ward, from admission to discharge (open while admitted)."""

    source = models.CharField(_("källa"), max_length=20)
    episode_id = models.CharField(_("vårdtillfälle"), max_length=64)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    # Pseudonymised at import; never an identity number.
    patient = models.CharField(_("patient (pseudonym)"), max_length=64, blank=True)
    admitted_at = models.DateTimeField(_("inskriven"))
    discharged_at = models.DateTimeField(_("utskriven"), null=True, blank=True)
    # The local (Europe/Stockholm) days of the two, kept so days and weeks are counted in SQL.
    admission_date = models.DateField(_("inskrivningsdag"))
    discharge_date = models.DateField(_("utskrivningsdag"), null=True, blank=True)
    emergency = models.BooleanField(_("akut"), null=True, blank=True)
    drg = models.CharField(_("DRG"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("vårdtillfälle")
        verbose_name_plural = _("vårdtillfällen")
        constraints = [
            models.UniqueConstraint(fields=["source", "episode_id"], name="episode_unique"),
            models.CheckConstraint(
                condition=Q(discharged_at__isnull=True) | Q(discharged_at__gte=F("admitted_at")),
                name="episode_discharged_after_admitted",
            ),
        ]
        indexes = [
            models.Index(fields=["unit", "admission_date"], name="episode_unit_admitted"),
            models.Index(fields=["unit", "discharge_date"], name="episode_unit_discharged"),
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.episode_id}"


class BedDay(models.Model):
    """The national daily measurement of one ward's beds: staffed, occupied, beyond, elsewhere."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    date = models.DateField(_("datum"))
    source = models.CharField(_("källa"), max_length=20)
    staffed = models.PositiveIntegerField(_("disponibla vårdplatser"))
    occupied = models.PositiveIntegerField(_("belagda vårdplatser"))
    overcrowding = models.PositiveIntegerField(_("överbeläggningar"), null=True, blank=True)
    outlying = models.PositiveIntegerField(_("utlokaliserade"), null=True, blank=True)

    class Meta:
        verbose_name = _("vårdplatsmätning")
        verbose_name_plural = _("vårdplatsmätningar")
        constraints = [
            models.UniqueConstraint(fields=["unit", "date"], name="bed_day_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.date}"
