from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeasurementsConfig(AppConfig):
    name = "opbouw.measurements"
    label = "measurements"
    verbose_name = _("Metingen")

    def ready(self) -> None:
        # The measurements' indicator computations join the catalogue's registry.
        from opbouw.measurements import indicators  # noqa: F401
