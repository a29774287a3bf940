from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from opbouw.access.admin_site import RoleAdmin, site
from opbouw.accounts.models import User
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


site.register(User, OpbouwUserAdmin)
