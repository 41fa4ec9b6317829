"""The coded values of plans, importable by every app (unlike ``planning.models``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Utkast")
    SUBMITTED = "submitted", _("Inskickad")
    APPROVED = "approved", _("Fastställd")
    # An approved version replaced by a later approval: kept, readable, no longer counted.
    SUPERSEDED = "superseded", _("Ersatt")


class SaveSource(models.TextChoices):
    GRID = "grid", _("Planeringsvyn")
    API = "api", _("API")
    EXCEL = "excel", _("Excel-import")
    PROPOSAL = "proposal", _("Förslag")
    COPY = "copy", _("Kopia av tidigare version")
