from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TheatreConfig(AppConfig):
    name = "theatre"
    verbose_name = _("Operation")

    def ready(self) -> None:
        # The operating-room kinds are declared beside the models that hold their facts.
        from .kinds import register_all

        register_all()
        from organisation.context_processors import add_section

        from .selectors import may_read

        add_section("theatre:index", _("Operation"), visible=may_read, before="rollout:index")
