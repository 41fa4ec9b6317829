"""The coded values of purchased care, shared by the models, the import and the pages."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProviderKind(models.TextChoices):
    PRIVATE = "PRIVAT", _("Privat vårdgivare")
    REGION = "REGION", _("Annan region")


class ReferralStatus(models.TextChoices):
    SENT = "SKICKAD", _("Skickad")
    PERFORMED = "UTFORD", _("Utförd")
    CANCELLED = "AVBRUTEN", _("Avbruten")


class Flag(models.TextChoices):
    """Why a referral out is accepted but flagged (``purchasing.rules``)."""

    NO_AGREEMENT = "utan_avtal", _("Okänt avtal eller utan avtal")
    OTHER_PROVIDER = "annan_vardgivare", _("Avtalet gäller en annan vårdgivare")
    ENDED = "avtal_slut", _("Skickad utanför avtalets period")
    NOT_COVERED = "ej_omfattad", _("Åtgärden omfattas inte av avtalet")
    CLINIC = "klinik", _("Kliniken får inte skicka enligt avtalet")
