from django.urls import path

import opbouw.core.converters  # noqa: F401  (registers the "id" converter)
from opbouw.organisations import views

app_name = "organisations"
urlpatterns = [
    path("organisaties/", views.organisation_list, name="list"),
    path("organisaties/<id:pk>/", views.organisation_detail, name="detail"),
    path("mensen/", views.people, name="people"),
    path("mensen/<id:pk>/", views.person_detail, name="person"),
    path("mensen/<id:pk>/bewerken/", views.person_edit, name="person_edit"),
]
