from django.urls import path

import opbouw.core.converters  # noqa: F401  (registers the "id" converter)
from opbouw.signals import views, views_reference

app_name = "signals"

urlpatterns = [
    path("", views.index, name="index"),
    path("nieuw/", views.create, name="create"),
    path("export/", views.export, name="export"),
    path("referentielijsten/", views_reference.reference, name="reference"),
    path("<id:pk>/", views.detail, name="detail"),
    path("<id:pk>/bewerken/", views.edit, name="edit"),
    path("<id:pk>/vervolg/", views.follow_up, name="follow_up"),
]
