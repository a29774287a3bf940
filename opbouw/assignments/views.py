"""Pages of the module (under construction)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from opbouw.access.decorators import login_required


@login_required
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "web/home.html", {})
