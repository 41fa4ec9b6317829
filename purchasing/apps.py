from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PurchasingConfig(AppConfig):
    name = "purchasing"
    verbose_name = _("Köpt vård")

    def ready(self) -> None:
        # The kopt_vard kind is declared beside the model that holds its rows.
        from .kinds import register_all

        register_all()
        from organisation.context_processors import add_section

        add_section("purchasing:index", _("Köpt vård"), visible=None, before="imports:index")
