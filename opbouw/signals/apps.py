from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SignalsConfig(AppConfig):
    name = "opbouw.signals"
    label = "signals"
    verbose_name = _("Signalen")

    def ready(self) -> None:
        # The signals' indicator computations join the catalogue's registry.
        from opbouw.signals import indicators  # noqa: F401
