"""The inpatient extract kinds, declared beside the models that hold their facts.

``vardtillfallen`` (episodes, upserted; a patient still admitted has no
discharge yet) and ``vardplatser`` (the daily bed measurement, replacing per
ward and day). ``InpatientConfig.ready`` registers them in ``imports.registry``;
the pipeline knows them only through their ``KindSpec``.
"""

from importlib import import_module

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    VARDTILLFALLEN = "vardtillfallen", _("Vårdtillfällen")
    VARDPLATSER = "vardplatser", _("Vårdplatser")


# In the order the import page lists them.
MODULES = ("vardtillfallen", "vardplatser")


def register_all() -> None:
    from imports import registry
    from imports.kinds import register_enum

    from .wards import ENUMS

    for name, accepted in ENUMS.items():
        register_enum(name, accepted)
    for name in MODULES:
        registry.register(import_module(f"{__name__}.{name}").SPEC)
