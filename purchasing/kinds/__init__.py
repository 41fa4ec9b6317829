"""The purchased-care extract kind, declared beside the model that holds its rows.

``PurchasingConfig.ready`` registers it in ``imports.registry``; the pipeline
knows it only through its ``KindSpec``.
"""

from importlib import import_module

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    KOPT_VARD = "kopt_vard", _("Köpt vård")


MODULES = ("kopt_vard",)


def register_all() -> None:
    from imports import registry
    from imports.kinds import register_enum

    from .kopt_vard import ENUMS

    for name, accepted in ENUMS.items():
        register_enum(name, accepted)
    for name in MODULES:
        registry.register(import_module(f"{__name__}.{name}").SPEC)
