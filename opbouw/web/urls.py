from django.urls import path

from opbouw.web import views, views_help

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("auditlog/", views.audit_log, name="audit"),
    path("gezondheid/", views.health, name="health"),
    path("hulp/", views_help.help_index, name="help"),
    path("hulp/<slug:slug>/", views_help.help_guide, name="help_guide"),
]
