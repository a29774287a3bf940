from django import forms
from django.core.exceptions import ValidationError

from opbouw.access.admin_site import RoleAdmin, site
from opbouw.areas import services
from opbouw.areas.models import Area


class AreaAdminForm(forms.ModelForm):
    class Meta:
        model = Area
        fields = ("code", "name", "parent", "code_is_synthetic", "source")

    def clean(self):
        cleaned = super().clean()
        candidate = self.instance
        candidate.code = (cleaned.get("code") or "").strip().upper()
        candidate.parent = cleaned.get("parent")
        candidate.name = cleaned.get("name") or ""
        try:
            services.area_validate(area=candidate)
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                for message in messages:
                    self.add_error(field, message)
        return cleaned


class AreaAdmin(RoleAdmin):
    form = AreaAdminForm
    list_display = ("code", "name", "level", "parent", "code_is_synthetic")
    list_filter = ("level", "code_is_synthetic")
    search_fields = ("code", "name")
    readonly_fields = ("level", "path")
    autocomplete_fields = ("parent",)
    list_select_related = ("parent",)

    def save_model(self, request, obj, form, change):
        services.area_save(area=obj)


site.register(Area, AreaAdmin)
