from django.urls import path

from opbouw.signals import views

app_name = "signals"

urlpatterns = [
    path("", views.index, name="index"),
]
