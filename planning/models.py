"""Planning facts: the staff capacity available per unit, week and profession."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from organisation.models import Profession


class StaffHours(models.Model):
    """Scheduled hours for patient work a profession has in a unit in one ISO week (from HR)."""

    unit = models.ForeignKey("organisation.Unit", on_delete=models.CASCADE, related_name="staff_hours")
    week = models.PositiveIntegerField(_("vecka"))
    profession = models.CharField(_("yrkeskategori"), max_length=3, choices=Profession.choices)
    hours = models.DecimalField(_("tillgängliga timmar"), max_digits=10, decimal_places=2)
    fte = models.DecimalField(_("årsarbetare"), max_digits=8, decimal_places=2, null=True, blank=True)

    class Meta:
        verbose_name = _("tillgänglig bemanning")
        verbose_name_plural = _("tillgänglig bemanning")
        constraints = [
            models.UniqueConstraint(fields=["unit", "week", "profession"], name="staff_hours_unique")
        ]
        indexes = [models.Index(fields=["week", "unit"], name="staff_hours_week_unit")]

    def __str__(self) -> str:
        return f"{self.unit} {self.week} {self.profession}: {self.hours} h"
