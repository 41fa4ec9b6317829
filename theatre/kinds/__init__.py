"""The operating-room extract kinds, declared beside the models that hold their facts.

``operationer`` (operations and their SPOR time points) and ``salstider``
(the session plan). ``TheatreConfig.ready`` registers them in
``imports.registry``; the pipeline knows them only through their ``KindSpec``.
"""

from importlib import import_module

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    OPERATIONER = "operationer", _("Operationer")
    SALSTIDER = "salstider", _("Salstider")


# In the order the import page lists them.
MODULES = ("operationer", "salstider")


def register_all() -> None:
    from imports import registry
    from imports.kinds import register_enum

    from .rooms import ENUMS

    for name, accepted in ENUMS.items():
        register_enum(name, accepted)
    for name in MODULES:
        registry.register(import_module(f"{__name__}.{name}").SPEC)
