"""The coded values of the economics facts, importable by every app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CareForm(models.TextChoices):
    """Vårdform: DRG weights differ between outpatient and inpatient care for the same code."""

    OUTPATIENT = "OPPEN", _("Öppen vård")
    INPATIENT = "SLUTEN", _("Sluten vård")
