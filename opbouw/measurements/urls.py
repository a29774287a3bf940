from django.urls import path

import opbouw.core.converters  # noqa: F401  (registers the "id" converter)
from opbouw.measurements import views, views_exchange, views_indicators, views_instruments

app_name = "measurements"
urlpatterns = [
    path("", views.index, name="index"),
    path("rondes/nieuw/", views.round_create, name="round_create"),
    path("rondes/<id:pk>/", views.round_detail, name="round"),
    path("rondes/<id:pk>/bewerken/", views.round_edit, name="round_edit"),
    path("rondes/<id:pk>/invoeren/", views.entry, name="entry"),
    path("rondes/<id:pk>/totalen/", views.aggregates, name="aggregates"),
    path("rondes/<id:pk>/verandering/", views.change, name="change"),
    path("instrumenten/", views_instruments.instrument_list, name="instruments"),
    path("instrumenten/nieuw/", views_instruments.instrument_create, name="instrument_create"),
    path("instrumenten/<id:pk>/", views_instruments.instrument_detail, name="instrument"),
    path("instrumenten/<id:pk>/bewerken/", views_instruments.instrument_edit,
         name="instrument_edit"),
    path("instrumenten/<id:pk>/nieuwe-versie/", views_instruments.instrument_version,
         name="instrument_version"),
    path("instrumenten/<id:pk>/dimensies/nieuw/", views_instruments.dimension_edit,
         name="dimension_create"),
    path("instrumenten/<id:pk>/dimensies/<id:dimension_id>/",
         views_instruments.dimension_edit, name="dimension_edit"),
    path("instrumenten/<id:pk>/vragen/nieuw/", views_instruments.item_edit,
         name="item_create"),
    path("instrumenten/<id:pk>/vragen/<id:item_id>/", views_instruments.item_edit,
         name="item_edit"),
    path("instrumenten/<id:pk>/schalen/nieuw/", views_instruments.scale_edit,
         name="scale_create"),
    path("instrumenten/<id:pk>/schalen/<id:scale_id>/", views_instruments.scale_edit,
         name="scale_edit"),
    # Exchange with ODK/KoboToolbox (views_exchange.py)
    path("instrumenten/<id:pk>/xlsform/", views_exchange.instrument_xlsform, name="xlsform"),
    path("rondes/<id:pk>/importeren/", views_exchange.import_upload, name="import"),
    path("rondes/<id:pk>/importeren/bevestigen/", views_exchange.import_confirm,
         name="import_confirm"),
    path("rondes/<id:pk>/importeren/koppelen/", views_exchange.import_mapping,
         name="import_mapping"),
    path("indicatoren/", views_indicators.indicator_links, name="indicators"),
]
