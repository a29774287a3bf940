from django.urls import path

import opbouw.core.converters  # noqa: F401  (registers the "id" converter)
from opbouw.assignments import views, views_plans

app_name = "assignments"
urlpatterns = [
    path("", views.index, name="index"),
    path("export/", views.export, name="export"),
    path("nieuw/", views.edit, name="create"),
    path("<id:pk>/", views.detail, name="detail"),
    path("<id:pk>/bewerken/", views.edit, name="edit"),
    path("<id:pk>/status/", views.set_status, name="status"),
    path("<id:pk>/afspraken/nieuw/", views.agreement_add, name="agreement_add"),
    path("afspraken/<id:pk>/bewerken/", views.agreement_edit, name="agreement_edit"),
    path("afspraken/<id:pk>/verwijderen/", views.agreement_delete, name="agreement_delete"),
    path("afspraken/<id:pk>/waarden/nieuw/", views.manual_value_add, name="manual_value_add"),
    path("waarden/<id:pk>/verwijderen/", views.manual_value_delete,
         name="manual_value_delete"),
    path("<id:pk>/producten/nieuw/", views.product_add, name="product_add"),
    path("producten/<id:pk>/bewerken/", views.product_edit, name="product_edit"),
    path("producten/<id:pk>/verwijderen/", views.product_delete, name="product_delete"),
    path("wijkactieplannen/", views_plans.plans, name="plans"),
    path("wijkactieplannen/nieuw/", views_plans.plan_edit, name="plan_create"),
    path("wijkactieplannen/<id:pk>/", views_plans.plan_detail, name="plan_detail"),
    path("wijkactieplannen/<id:pk>/bewerken/", views_plans.plan_edit, name="plan_edit"),
    path("wijkactieplannen/<id:pk>/prioriteiten/", views_plans.priority_add,
         name="priority_add"),
    path("prioriteiten/<id:pk>/bewerken/", views_plans.priority_edit, name="priority_edit"),
    path("prioriteiten/<id:pk>/verwijderen/", views_plans.priority_delete,
         name="priority_delete"),
    path("indicatoren/", views_plans.indicators, name="indicators"),
    path("indicatoren/nieuw/", views_plans.indicator_edit, name="indicator_create"),
    path("indicatoren/<id:pk>/", views_plans.indicator_detail, name="indicator_detail"),
    path("indicatoren/<id:pk>/bewerken/", views_plans.indicator_edit, name="indicator_edit"),
]
