"""The economics facts: the DRG weight list and the region's KPP rows (cost per patient).

Each is filled by its extract kind (``economics.kinds``); the figures come from
``economics.selectors``.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import CareForm


class DrgWeight(models.Model):
    """The national (or the region's) weight of one DRG for one year and care form; 1.0 = an average case."""

    year = models.PositiveSmallIntegerField(_("år"))
    care_form = models.CharField(_("vårdform"), max_length=6, choices=CareForm.choices)
    code = models.CharField(_("DRG-kod"), max_length=20)
    weight = models.DecimalField(_("vikt"), max_digits=9, decimal_places=4)
    name = models.CharField(_("benämning"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("DRG-vikt")
        verbose_name_plural = _("DRG-vikter")
        ordering = ["year", "care_form", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "care_form", "code"], name="drg_weight_year_form_code_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.year} {self.care_form}: {self.weight}"


class KppRow(models.Model):
    """The cost of one contact or inpatient episode in one year, from the region's KPP database, with its DRG."""

    year = models.PositiveSmallIntegerField(_("år"))
    # The contact's id in kontakter (OPPEN) or the episode's in vardtillfallen (SLUTEN).
    contact_id = models.CharField(_("kontakt-id"), max_length=64)
    care_form = models.CharField(_("vårdform"), max_length=6, choices=CareForm.choices)
    unit = models.ForeignKey("organisation.Unit", on_delete=models.PROTECT, related_name="+")
    drg_code = models.CharField(_("DRG-kod"), max_length=20, blank=True)
    cost = models.DecimalField(_("kostnad (kr)"), max_digits=14, decimal_places=2)
    # Marked by the KPP database's trim rule; left out of cost per DRG point over inner cases.
    outlier = models.BooleanField(_("ytterfall"), default=False)

    class Meta:
        verbose_name = _("KPP-rad")
        verbose_name_plural = _("KPP-rader")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "care_form", "contact_id"], name="kpp_row_year_form_contact_unique"
            )
        ]
        indexes = [models.Index(fields=["year", "unit"], name="kpp_row_year_unit")]
        # Economics is shown to managers, area managers, Qulturum and administrators by their role
        # (organisation.access.economics_clinics); this permission gives it to anyone else, for the
        # clinics they may see (a controller with a KPS leader's membership, say).
        permissions = [("view_economics", _("Kan se ekonomi (DRG-poäng och KPP)"))]

    def __str__(self) -> str:
        return f"{self.year} {self.care_form} {self.contact_id}"


class ClinicSpecialty(models.Model):
    """The specialty a clinic's cost per DRG point is compared within (Kirurgi at three hospitals)."""

    clinic = models.OneToOneField(
        "organisation.Clinic", on_delete=models.CASCADE, related_name="+", verbose_name=_("klinik")
    )
    specialty = models.CharField(_("specialitet"), max_length=100)

    class Meta:
        verbose_name = _("klinikens specialitet")
        verbose_name_plural = _("klinikernas specialiteter")
        ordering = ["specialty", "clinic__name"]

    def __str__(self) -> str:
        return f"{self.clinic}: {self.specialty}"


# The production assignment's models live in their own module; imported here so Django finds them.
from .assignment.models import (  # noqa: E402, F401
    Assignment,
    AssignmentLine,
    AssignmentStatusChange,
    AssignmentVersion,
    PointPrice,
)
