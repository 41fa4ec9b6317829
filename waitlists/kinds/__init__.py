"""The extract kinds whose facts the waiting-list app owns, declared beside its models.

``vantanderapport``: a neighbouring region's aggregated waiting list. It is not a fact of this
region's source systems but another region's published counts, read only by the comparison
across regions (``selectors.collaboration``), so it lives beside ``RegionReportRow`` and
``WaitingSummary`` rather than among ``facts``' person-level snapshots.
``WaitlistsConfig.ready`` registers it in ``imports.registry``.
"""

from importlib import import_module

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    VANTANDERAPPORT = "vantanderapport", _("Väntelisterapport från region")


MODULES = ("vantanderapport",)


def register_all() -> None:
    from imports import registry

    for name in MODULES:
        registry.register(import_module(f"{__name__}.{name}").SPEC)
