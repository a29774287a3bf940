from django.urls import path

from opbouw.logbook import views

app_name = "logbook"

urlpatterns = [
    path("", views.index, name="index"),
]
