"""Template helpers: form fields rendered as NL Design System form fields."""

from __future__ import annotations

from django import forms, template
from django.core.exceptions import NON_FIELD_ERRORS
from django.forms.boundfield import BoundField

register = template.Library()

_CLASSES = {
    forms.Select: "utrecht-select utrecht-select--html-select",
    forms.Textarea: "utrecht-textarea utrecht-textarea--html-textarea",
    forms.CheckboxInput: "utrecht-checkbox utrecht-checkbox--html-input",
    forms.ClearableFileInput: "utrecht-textbox utrecht-textbox--html-input op-file",
    forms.FileInput: "utrecht-textbox utrecht-textbox--html-input op-file",
}


def _widget_kind(field: BoundField) -> str:
    widget = field.field.widget
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    return "input"


@register.inclusion_tag("includes/field.html")
def form_field(field: BoundField) -> dict:
    """Render a bound field with label, description, error message and ARIA links."""
    widget = field.field.widget
    classes = next(
        (css for kind, css in _CLASSES.items() if type(widget) is kind),
        "utrecht-textbox utrecht-textbox--html-input",
    )
    describedby = []
    if field.help_text:
        describedby.append(f"{field.auto_id}-description")
    if field.errors:
        describedby.append(f"{field.auto_id}-error")
        classes += " " + classes.split()[0] + "--invalid"
    attrs: dict[str, str | bool] = {"class": classes}
    if describedby:
        attrs["aria-describedby"] = " ".join(describedby)
    if field.errors:
        attrs["aria-invalid"] = "true"
    kind = _widget_kind(field)
    if kind in ("checkboxes", "radios"):
        attrs = {"class": "utrecht-checkbox utrecht-checkbox--html-input"} if kind == "checkboxes" \
            else {"class": "utrecht-radio-button utrecht-radio-button--html-input"}
    return {
        "field": field,
        "kind": kind,
        "widget_html": field.as_widget(attrs=attrs) if kind not in ("checkboxes", "radios") else "",
        "attrs": attrs,
    }


@register.simple_tag(takes_context=True)
def page_query(context, number: int) -> str:
    """The current query string with another page number, every key and value encoded."""
    params = context["request"].GET.copy()
    params["pagina"] = number
    return "?" + params.urlencode()


@register.filter
def field_error_count(form: forms.BaseForm) -> int:
    """The number of fields with an error, not counting form-wide errors."""
    return sum(1 for name in form.errors if name != NON_FIELD_ERRORS)


@register.filter
def grouped_by_parent(field: BoundField) -> list[dict]:
    """Group the checkboxes of an area field by the area they lie in (e.g. district)."""
    groups: dict[object, dict] = {}
    for widget in field:
        area = widget.data["value"].instance
        parent = area.parent
        group = groups.setdefault(parent.pk if parent else None, {
            "label": parent.name if parent else "", "choices": [], "checked": 0,
        })
        group["choices"].append(widget)
        group["checked"] += bool(widget.data["selected"])
    return list(groups.values())


@register.filter
def field_labels(event) -> str:
    """The changed fields of an audit event by their Dutch names, where the model knows them."""
    from django.apps import apps as django_apps

    try:
        model = django_apps.get_model(event.object_type) if event.object_type else None
    except (LookupError, ValueError):
        model = None
    labels = []
    for name in event.fields or []:
        try:
            labels.append(str(model._meta.get_field(name).verbose_name) if model else name)
        except Exception:  # noqa: BLE001  (a field that no longer exists keeps its name)
            labels.append(name)
    return ", ".join(labels)


@register.filter
def heat_class(mean_gap: float | None) -> str:
    """A colour step for a mean gap: at or above the norm is green, far below is red."""
    if mean_gap is None:
        return "op-heat--hidden"
    if mean_gap <= 0:
        return "op-heat--0"
    if mean_gap < 0.5:
        return "op-heat--1"
    if mean_gap < 1:
        return "op-heat--2"
    return "op-heat--3"


@register.filter
def percent_of(value: float | None, maximum: int) -> str:
    """value as a percentage of maximum, for CSS widths: always with a decimal point."""
    if value is None or not maximum:
        return "0"
    return f"{100 * float(value) / maximum:.1f}"


@register.filter
def lookup(mapping: dict, key: object) -> object:
    return mapping.get(key) if mapping else None


@register.filter(name="markdown")
def markdown_filter(text: str):
    """User Markdown as safe HTML (scripts and other HTML are removed)."""
    from django.utils.safestring import mark_safe

    from opbouw.core.markdown import render_markdown

    return mark_safe(render_markdown(text))  # noqa: S308  (sanitised by nh3)
