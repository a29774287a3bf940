from django.urls import path

from opbouw.assignments import views

app_name = "assignments"

urlpatterns = [
    path("", views.index, name="index"),
]
