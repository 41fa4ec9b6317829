"""The extract kinds, declared beside the facts they load: one module per kind.

Each module holds its kind's ``KindSpec``: the contract columns (checked line
by line against EXTRACTS.md), the key, the replace or upsert rule, and the
loader, i.e. the staging columns and the SQL merge into this app's tables. The
import pipeline (``imports``) knows none of them by name; ``FactsConfig.ready``
registers them in ``imports.registry``.

Adding a kind: write ``facts/kinds/<kind>.py`` with its ``SPEC`` (and the
models it fills in ``facts.models``), add its name to ``Kind`` and the module
to ``MODULES``, and test it in ``tests/facts``. Apps that must react when a
kind's facts change connect to ``imports.signals.facts_imported``.
"""

from importlib import import_module

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    """The extract kinds of the data contract (EXTRACTS.md), as other apps name them."""

    KONTAKTER = "kontakter", _("Kontakter")
    VANTANDE = "vantande", _("Väntande")
    REMISSER = "remisser", _("Remisser")
    BOKADE = "bokade", _("Bokade")
    PRODUKTION = "produktion", _("Produktion")
    BEMANNING = "bemanning", _("Bemanning")
    BEFOLKNING = "befolkning", _("Befolkning")
    KVA = "kva", _("KVÅ-koder")


# In the order the import page lists them.
MODULES = (
    "kontakter",
    "vantande",
    "remisser",
    "bokade",
    "produktion",
    "bemanning",
    "befolkning",
    "kva",
)


def register_all() -> None:
    from imports import registry

    for name in MODULES:
        registry.register(import_module(f"{__name__}.{name}").SPEC)
