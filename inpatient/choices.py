"""Inpatient care's coded values, for other apps and the demo to name without its models."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Speciality(models.TextChoices):
    """What kind of care a ward gives: how the follow-up groups wards within a hospital."""

    MEDICAL = "medical", _("Medicinsk")
    SURGICAL = "surgical", _("Kirurgisk")
    OTHER = "other", _("Övrig")


class Period(models.TextChoices):
    """The follow-up's periods."""

    DAY = "day", _("Dag")
    WEEK = "week", _("Vecka")
    TERTIAL = "tertial", _("Tertial")


class Level(models.TextChoices):
    """What the follow-up's rows are: one ward, a clinic's wards, a hospital's, the region's."""

    WARD = "ward", _("Vårdavdelning")
    CLINIC = "clinic", _("Klinik")
    SITE = "site", _("Sjukhus")
    REGION = "region", _("Region")
