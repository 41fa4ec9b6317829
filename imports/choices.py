"""The coded values of the import log, importable by every app and by settings (unlike ``imports.models``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RunStatus(models.TextChoices):
    RUNNING = "running", _("Pågår")
    OK = "ok", _("Klar")
    PARTIAL = "partial", _("Klar med avvisade rader")
    UNCHANGED = "unchanged", _("Oförändrad (redan importerad)")
    REFUSED = "refused", _("Avvisad")
    FAILED = "failed", _("Misslyckad")
