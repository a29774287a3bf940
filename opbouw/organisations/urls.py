from django.urls import path

from opbouw.organisations import views

app_name = "organisations"
urlpatterns = [
    path("organisaties/", views.organisation_list, name="list"),
    path("organisaties/<int:pk>/", views.organisation_detail, name="detail"),
    path("mensen/", views.people, name="people"),
    path("mensen/<int:pk>/", views.person_detail, name="person"),
    path("mensen/<int:pk>/bewerken/", views.person_edit, name="person_edit"),
]
