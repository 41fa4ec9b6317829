from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EconomicsConfig(AppConfig):
    name = "economics"
    verbose_name = _("Ekonomi")

    def ready(self) -> None:
        from imports.signals import facts_imported

        from . import summary
        from .kinds import register_all

        register_all()
        summary.connect()
        facts_imported.connect(_weights_arrived, dispatch_uid="economics.weights_arrived")


def _weights_arrived(sender, *, kind: str, **kwargs) -> None:
    """A new weight list can bring in KPP rows that were held for want of their DRG's weight."""
    from .kinds import Kind
    from .tasks import bring_in_held_kpp

    if kind == Kind.DRGVIKTER:
        bring_in_held_kpp.delay()
