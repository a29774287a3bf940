from opbouw.access.admin_site import ReadOnlyRoleAdmin, site
from opbouw.core.models import AuditEvent


class AuditEventAdmin(ReadOnlyRoleAdmin):
    list_display = ("at", "actor_name", "action", "object_type", "object_repr", "ip_address")
    list_filter = ("action", "object_type")
    search_fields = ("actor_name", "object_repr", "detail")
    date_hierarchy = "at"


site.register(AuditEvent, AuditEventAdmin)
