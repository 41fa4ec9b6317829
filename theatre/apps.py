from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TheatreConfig(AppConfig):
    name = "theatre"
    verbose_name = _("Operation")

    def ready(self) -> None:
        # The operating-room kinds are declared beside the models that hold their facts.
        from .kinds import register_all

        register_all()
