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


# The plan "measure" that is not a production volume: a ward's staffed beds in a week. It is an
# activity row (created by planning's migration 0006) so a ward's bed plan lives in its clinic's
# plan and gets versions, approval, history, the grid and the Excel round trip unchanged; the
# readers of production volumes leave it out (``planning.selectors.plan_approved_volumes``).
STAFFED_BEDS = "disponibla-vardplatser"
