from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "opbouw.core"
    label = "core"
    verbose_name = _("Basis en auditlog")

    def ready(self) -> None:
        from opbouw.core import receivers  # noqa: F401  (connects the audit receivers)
