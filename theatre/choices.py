"""The operating-room module's coded values, as other apps and the API name them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OperationStatus(models.TextChoices):
    PERFORMED = "GENOMFORD", _("Genomförd")
    STRUCK = "STRUKEN", _("Struken")


class StrikeCause(models.TextChoices):
    """Why a booked operation was struck (strykningsorsak)."""

    PATIENT = "PAT", _("Patienten")
    MEDICAL = "MED", _("Medicinsk orsak")
    RESOURCES = "RES", _("Resurser (sal, personal, vårdplats)")
    OTHER = "OVR", _("Övrigt")
    UNKNOWN = "", _("Orsak saknas")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("måndag")
    TUESDAY = 1, _("tisdag")
    WEDNESDAY = 2, _("onsdag")
    THURSDAY = 3, _("torsdag")
    FRIDAY = 4, _("fredag")
    SATURDAY = 5, _("lördag")
    SUNDAY = 6, _("söndag")


class AllocationStatus(models.TextChoices):
    """Where the council's allocation of a period stands: a proposal it edits, or its decision."""

    PROPOSED = "proposed", _("Förslag")
    DECIDED = "decided", _("Beslutad")
