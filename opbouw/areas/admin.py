from opbouw.access.admin_site import RoleAdmin, site
from opbouw.areas import services
from opbouw.areas.models import Area


class AreaAdmin(RoleAdmin):
    list_display = ("code", "name", "level", "parent", "code_is_synthetic")
    list_filter = ("level", "code_is_synthetic")
    search_fields = ("code", "name")
    readonly_fields = ("path",)
    autocomplete_fields = ("parent",)

    def save_model(self, request, obj, form, change):
        services.area_save(area=obj, actor=request.user, request=request)


site.register(Area, AreaAdmin)
