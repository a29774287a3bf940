"""The Django admin, open to the admin role only, with audit of personal-data changes."""

from __future__ import annotations

from functools import update_wrapper
from typing import Any, cast

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from opbouw.access.request import AuthedHttpRequest


def _is_admin(request: HttpRequest) -> bool:
    # PrincipalMiddleware sets the principal on every request.
    return cast(AuthedHttpRequest, request).principal.is_admin


class OpbouwAdminSite(admin.AdminSite):
    site_header = _("Opbouw – beheer")
    site_title = _("Opbouw beheer")
    index_title = _("Referentiegegevens, organisaties en gebruikers")

    def has_permission(self, request: HttpRequest) -> bool:
        return request.user.is_active and _is_admin(request)

    def admin_view(self, view: Any, cacheable: bool = False) -> Any:
        inner = super().admin_view(view, cacheable)

        def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not self.has_permission(request):
                raise PermissionDenied
            return inner(request, *args, **kwargs)

        return update_wrapper(guarded, view)

    def login(self, request: HttpRequest, extra_context: Any = None) -> Any:
        """Use Opbouw's own login page; signed-in admins go straight to the admin."""
        if not request.user.is_authenticated:
            return redirect_to_login(request.GET.get("next") or reverse("admin:index"))
        if not self.has_permission(request):
            raise PermissionDenied
        return redirect("admin:index")


site = OpbouwAdminSite(name="admin")


class RoleAdmin(admin.ModelAdmin):
    """A model admin whose permissions follow the admin role, not Django's groups."""

    audit_personal_data = False

    def has_module_permission(self, request: HttpRequest) -> bool:
        return _is_admin(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _is_admin(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return _is_admin(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _is_admin(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _is_admin(request)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if self.audit_personal_data and (form.changed_data or not change):
            from opbouw.core.audit import Action, audit_record

            audit_record(
                action=Action.UPDATE if change else Action.CREATE, actor=request.user, obj=obj,
                fields=form.changed_data, request=request,
            )

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        if self.audit_personal_data:
            from opbouw.core.audit import Action, audit_record

            audit_record(action=Action.DELETE, actor=request.user, obj=obj, request=request)
        super().delete_model(request, obj)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        super().save_formset(request, form, formset, change)
        if self.audit_personal_data:
            from opbouw.core.audit import Action, audit_record

            for obj in formset.new_objects:
                audit_record(action=Action.CREATE, actor=request.user, obj=obj, request=request)
            for obj, fields in formset.changed_objects:
                audit_record(action=Action.UPDATE, actor=request.user, obj=obj, fields=fields,
                             request=request)
            for obj in formset.deleted_objects:
                audit_record(action=Action.DELETE, actor=request.user, obj=obj, request=request)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        if self.audit_personal_data:
            from opbouw.core.audit import Action, audit_record

            for obj in queryset:
                audit_record(action=Action.DELETE, actor=request.user, obj=obj, request=request)
        super().delete_queryset(request, queryset)


class ReadOnlyRoleAdmin(RoleAdmin):
    """For logs: admins may read, nobody may add, change or delete."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
