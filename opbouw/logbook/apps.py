from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LogbookConfig(AppConfig):
    name = "opbouw.logbook"
    label = "logbook"
    verbose_name = _("Logboek")

    def ready(self) -> None:
        # The logbook's indicator computations join the catalogue's registry.
        from opbouw.logbook import indicators  # noqa: F401
