from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InpatientConfig(AppConfig):
    name = "inpatient"
    verbose_name = _("Slutenvård")

    def ready(self) -> None:
        # The inpatient kinds are declared beside the models that hold their facts.
        from .kinds import register_all

        register_all()
        from organisation.context_processors import add_section

        from .selectors import may_read

        add_section("inpatient:index", _("Vårdplatser"), visible=may_read, before="rollout:index")
