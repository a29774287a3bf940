from django.urls import path

import opbouw.core.converters  # noqa: F401  (registers the "id" converter)
from opbouw.reports import views, views_downloads
from opbouw.reports.urls_chain import urlpatterns as chain_patterns

app_name = "reports"
urlpatterns = [
    path("", views.index, name="index"),
    path("opdrachten/<id:pk>/", views.assignment_report, name="assignment"),
    path("opdrachten/<id:pk>/pdf/", views_downloads.assignment_pdf, name="assignment_pdf"),
    path("opdrachten/<id:pk>/xlsx/", views_downloads.assignment_xlsx, name="assignment_xlsx"),
    path("opdrachten/<id:pk>/starten/", views.start, name="start"),
    path("<id:pk>/", views.detail, name="detail"),
    path("<id:pk>/pdf/", views_downloads.report_pdf, name="pdf"),
    path("<id:pk>/xlsx/", views_downloads.report_xlsx, name="xlsx"),
    path("<id:pk>/afspraken/<id:agreement>/verhaal/", views.story, name="story"),
    path("<id:pk>/indienen/", views.submit, name="submit"),
    path("<id:pk>/beoordelen/", views.decide, name="decide"),
    path("<id:pk>/nieuwe-versie/", views.new_version, name="new_version"),
]
urlpatterns += chain_patterns
