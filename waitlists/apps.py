from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WaitlistsConfig(AppConfig):
    name = "waitlists"
    verbose_name = _("Väntelistor")

    def ready(self) -> None:
        from imports.signals import facts_imported

        # The neighbours' aggregated reports are declared beside the model that holds them.
        from .kinds import register_all

        register_all()

        facts_imported.connect(
            _summarise_new_snapshot, dispatch_uid="waitlists.summarise_new_snapshot"
        )


def _summarise_new_snapshot(sender, *, kind: str, **kwargs) -> None:
    """Count a new waiting-list snapshot into the summary now, not on the first page view."""
    from facts.kinds import Kind

    from .tasks import summarise_waiting_lists

    if kind == Kind.VANTANDE:
        summarise_waiting_lists.delay()
