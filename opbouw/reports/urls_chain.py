"""URLs of the chain from results to training; the reports app's urls.py adds them."""

from django.urls import path

import opbouw.core.converters  # noqa: F401  (registers the "id" converter)
from opbouw.reports import views_chain

urlpatterns = [
    path("afspraken/<id:pk>/waarom/", views_chain.chain_agreement, name="chain_agreement"),
    path("afspraken/<id:pk>/waarom/doel/", views_chain.chain_propose_goal,
         name="chain_propose_goal"),
    path("afspraken/<id:pk>/waarom/opleiding/", views_chain.chain_propose_course,
         name="chain_propose_course"),
    path("competenties/<id:pk>/opdrachten/", views_chain.chain_competency,
         name="chain_competency"),
    path("cursussen/<id:pk>/opdrachten/", views_chain.chain_course, name="chain_course"),
]
