from django.contrib import admin

from opbouw.access.admin_site import RoleAdmin, site
from opbouw.organisations.models import Membership, Organisation, WorkerProfile


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ("organisation",)

    def has_view_permission(self, request, obj=None):
        return site.has_permission(request)

    has_add_permission = has_change_permission = has_delete_permission = has_view_permission


class OrganisationAdmin(RoleAdmin):
    list_display = ("name", "short_name", "kind", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("name", "short_name")
    autocomplete_fields = ("areas",)


class MembershipAdmin(RoleAdmin):
    audit_personal_data = True
    list_display = ("user", "organisation", "role")
    list_select_related = ("user", "organisation")
    list_filter = ("role", "organisation")
    search_fields = ("user__username", "user__first_name", "user__last_name")
    autocomplete_fields = ("user", "organisation")


class WorkerProfileAdmin(RoleAdmin):
    audit_personal_data = True
    list_display = ("user", "organisation", "function", "coach")
    list_select_related = ("user", "organisation", "coach")
    list_filter = ("organisation", "function")
    search_fields = ("user__username", "user__first_name", "user__last_name")
    autocomplete_fields = ("user", "organisation", "coach", "areas")


site.register(Organisation, OrganisationAdmin)
site.register(Membership, MembershipAdmin)
site.register(WorkerProfile, WorkerProfileAdmin)
