from django.urls import path

import opbouw.core.converters  # noqa: F401  (registers the "id" converter)
from opbouw.methods import views

app_name = "methods"
urlpatterns = [
    path("", views.index, name="index"),
    path("interventies/nieuw/", views.intervention_edit, name="intervention_create"),
    path("interventies/<id:pk>/", views.intervention_detail, name="intervention"),
    path("interventies/<id:pk>/bewerken/", views.intervention_edit, name="intervention_edit"),
    path("interventies/<id:pk>/publiceren/", views.intervention_publish, name="publish"),
    path("interventies/<id:pk>/aanbod/", views.offer_add, name="offer_add"),
    path("interventies/<id:pk>/voorbeeld/", views.example_add, name="example_add"),
    path("aanbod/<id:pk>/verwijderen/", views.offer_delete, name="offer_delete"),
    path("matrix/", views.matrix, name="matrix"),
    path("overlap-en-gaten/", views.overlap, name="overlap"),
    path("referentielijsten/", views.reference, name="reference"),
    path("export.json", views.export, {"fmt": "json"}, name="export_json"),
    path("export.csv", views.export, {"fmt": "csv"}, name="export_csv"),
    path("methodenboekje.pdf", views.export, {"fmt": "pdf"}, name="booklet"),
]
