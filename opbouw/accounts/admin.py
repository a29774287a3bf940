from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from opbouw.access.admin_site import RoleAdmin, site
from opbouw.accounts.models import User
from opbouw.core.audit import Action, audit_record
from opbouw.organisations.admin import MembershipInline


class OpbouwUserAdmin(RoleAdmin, UserAdmin):
    audit_personal_data = True
    list_display = ("username", "first_name", "last_name", "email", "is_active", "last_login")
    list_filter = ("is_active", "memberships__role", "memberships__organisation")
    search_fields = ("username", "first_name", "last_name", "email")
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Persoonlijke gegevens"), {"fields": ("first_name", "last_name", "email", "language")}),
        (_("Status"), {"fields": ("is_active", "last_login", "date_joined")}),
    )
    readonly_fields = ("last_login", "date_joined")
    inlines = [MembershipInline]
    filter_horizontal = ()

    def user_change_password(self, request, id, form_url=""):
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302:
            user = self.get_object(request, id)
            audit_record(action=Action.PASSWORD_CHANGED, actor=request.user, obj=user,
                         request=request, detail="door beheerder")
        return response


site.register(User, OpbouwUserAdmin)
