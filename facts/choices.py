"""The coded values of the facts, importable by every app (unlike ``facts.models``).

Forms, filters and selectors elsewhere name these values (a COSMIC outcome, a
PVV deviation) without touching the fact tables themselves.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Deviation(models.TextChoices):
    """The extract's avvikelse: why a wait is not counted against the guarantee."""

    PVV = "PVV", _("Patientvald väntan")
    MOV = "MOV", _("Medicinskt orsakad väntan")
    SOV = "SOV", "SOV"


class ReferralStatus(models.TextChoices):
    RECEIVED = "MOTTAGEN", _("Mottagen")
    REJECTED = "AVVISAD", _("Avvisad")
    CANCELLED = "MAKULERAD", _("Makulerad")


class KvaClassification(models.TextChoices):
    KKA = "kka", _("KKÅ (kirurgiska åtgärder)")
    KMA = "kma", _("KMÅ (medicinska åtgärder)")


class OutcomeSource(models.TextChoices):
    COSMIC = "cosmic", "COSMIC"
    DIVER = "diver", "Diver"
