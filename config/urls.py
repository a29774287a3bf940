"""URL configuration: every module under its Dutch prefix (opbouw/web/navigation.py)."""

from django.apps import apps
from django.urls import include, path

from opbouw.access.admin_site import site as admin_site
from opbouw.api.api import api
from opbouw.web.navigation import MODULES

urlpatterns = [
    path("", include("opbouw.web.urls")),
    path("account/", include("opbouw.accounts.urls")),
    path("", include("opbouw.organisations.urls")),
    path("gebieden/", include("opbouw.areas.urls")),
    path("beheer/", admin_site.urls),
    path("api/v1/", api.urls),
]

# Domain modules plug in under their reserved prefix as soon as their app is installed.
for module in MODULES:
    if module.app != "api" and apps.is_installed(f"opbouw.{module.app}"):
        urlpatterns.append(path(module.prefix, include(f"opbouw.{module.app}.urls")))

handler400 = "opbouw.web.views.bad_request"
handler403 = "opbouw.web.views.permission_denied"
handler404 = "opbouw.web.views.page_not_found"
handler500 = "opbouw.web.views.server_error"
