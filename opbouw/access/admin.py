"""Core's logs in the admin site: the audit log and login lockouts (django-axes).

Registered here rather than in ``core/admin.py`` because the admin site belongs to the
access layer and ``core`` imports nothing above it.
"""

from opbouw.access.admin_site import ReadOnlyRoleAdmin, RoleAdmin, site
from opbouw.core.models import AuditEvent, Lockout


class AuditEventAdmin(ReadOnlyRoleAdmin):
    list_display = ("at", "actor_name", "action", "object_type", "object_repr", "ip_address")
    list_filter = ("action", "object_type")
    search_fields = ("actor_name", "object_repr", "detail")
    date_hierarchy = "at"


site.register(AuditEvent, AuditEventAdmin)


class LockoutAdmin(ReadOnlyRoleAdmin):
    """Failed and locked-out logins (django-axes); deleting an entry lifts the lockout."""

    list_display = ("attempt_time", "username", "ip_address", "failures_since_start")
    search_fields = ("username", "ip_address")
    readonly_fields = [f.name for f in Lockout._meta.fields]

    def has_delete_permission(self, request, obj=None):
        return RoleAdmin.has_delete_permission(self, request, obj)


site.register(Lockout, LockoutAdmin)
