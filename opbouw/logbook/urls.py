from django.urls import path

import opbouw.core.converters  # noqa: F401  (registers the "id" converter)
from opbouw.logbook import views

app_name = "logbook"
urlpatterns = [
    path("", views.index, name="index"),
    path("nieuw/", views.create, name="create"),
    path("<id:pk>/kopieren/", views.create, name="copy"),
    path("<id:pk>/wijzigen/", views.edit, name="edit"),
    path("<id:pk>/verwijderen/", views.delete, name="delete"),
    path("export/", views.export, name="export"),
]
