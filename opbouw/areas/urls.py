from django.urls import path

from opbouw.areas import views

app_name = "areas"
urlpatterns = [
    path("", views.index, name="index"),
    path("importeren/", views.import_csv, name="import"),
    path("<str:code>/", views.detail, name="detail"),
]
