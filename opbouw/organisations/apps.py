from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "opbouw.organisations"
    label = "organisations"
    verbose_name = _("Organisaties en mensen")

    def ready(self) -> None:
        from opbouw.access.principal import register_grant_loader
        from opbouw.organisations.grants import membership_grants

        # Memberships live here; the access layer imports no app above it.
        register_grant_loader(membership_grants)
