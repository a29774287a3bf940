"""Login, logout, password change and reset, the account page and the language switch."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from opbouw.access.actor import actor_from
from opbouw.access.decorators import login_required, public
from opbouw.access.request import AuthedHttpRequest
from opbouw.accounts import services
from opbouw.accounts.forms import AccountForm, LanguageForm, LoginForm
from opbouw.accounts.models import User
from opbouw.core.audit import client_ip
from opbouw.core.forms import add_service_errors
from opbouw.organisations import selectors as org_selectors


def _set_language_cookie(response: HttpResponse, language: str) -> HttpResponse:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME, language,
        max_age=365 * 24 * 3600, samesite="Lax", secure=settings.LANGUAGE_COOKIE_SECURE,
    )
    return response


@method_decorator(public, name="dispatch")
class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        translation.activate(form.get_user().language)
        return _set_language_cookie(response, form.get_user().language)


@method_decorator(public, name="dispatch")
class LogoutView(auth_views.LogoutView):
    pass


@method_decorator(login_required, name="dispatch")
class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:account")

    def form_valid(self, form):
        response = super().form_valid(form)
        services.password_changed_record(user=form.user, ip=client_ip(self.request))
        messages.success(self.request, _("Uw wachtwoord is gewijzigd."))
        return response


@method_decorator(public, name="dispatch")
class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        services.password_reset_requested_record(ip=client_ip(self.request))
        return super().form_valid(form)


@method_decorator(public, name="dispatch")
class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


@method_decorator(public, name="dispatch")
class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        services.password_changed_record(user=form.user, ip=client_ip(self.request))
        return response


@method_decorator(public, name="dispatch")
class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


@login_required
def account(request: AuthedHttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)  # login_required
    if request.method == "POST":
        form = AccountForm(request.POST)
        if form.is_valid():
            try:
                services.account_update(actor=actor_from(request), user=user,
                                        **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Uw gegevens zijn opgeslagen."))
                response = redirect("accounts:account")
                return _set_language_cookie(response, user.language)
    else:
        form = AccountForm(initial={
            "first_name": user.first_name, "last_name": user.last_name,
            "email": user.email, "language": user.language,
        })
    return render(request, "accounts/account.html", {
        "form": form,
        "memberships": org_selectors.memberships_of(request.principal),
        "profile": org_selectors.own_worker_profile(request.principal),
    })


@public
@require_POST
def language_switch(request: AuthedHttpRequest) -> HttpResponse:
    """Switch the interface language; remember it for signed-in users."""
    form = LanguageForm(request.POST)
    target = request.POST.get("next") or reverse("web:home")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = reverse("web:home")
    if not form.is_valid():
        return HttpResponseRedirect(target)
    language = form.cleaned_data["language"]
    if request.user.is_authenticated and request.user.language != language:
        services.account_update(actor=actor_from(request), user=request.user,
                                language=language)
    return _set_language_cookie(HttpResponseRedirect(target), language)
