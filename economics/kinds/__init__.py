"""The economics extract kinds, declared beside the facts they load (as ``facts.kinds`` does).

``EconomicsConfig.ready`` registers them in ``imports.registry``; the pipeline
knows none of them by name.
"""

from importlib import import_module

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    DRGVIKTER = "drgvikter", _("DRG-vikter")
    KPP = "kpp", _("KPP")


# The weight list first: a KPP row needs its DRG's weight.
MODULES = ("drgvikter", "kpp")


def register_all() -> None:
    from imports import registry

    for name in MODULES:
        registry.register(import_module(f"{__name__}.{name}").SPEC)
