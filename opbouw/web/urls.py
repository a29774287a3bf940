from django.urls import path

from opbouw.web import views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("auditlog/", views.audit_log, name="audit"),
    path("gezondheid/", views.health, name="health"),
]
