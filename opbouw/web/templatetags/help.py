"""`{% help_link "logbook" %}`: the small "Hulp bij ..." link on a module's start page."""

from __future__ import annotations

from django import template

from opbouw.web.help import MODULE_LINK_LABELS, module_help_url

register = template.Library()


@register.inclusion_tag("web/help/_link.html", takes_context=True)
def help_link(context, module: str) -> dict:
    """Link to the section about this module in the user's own guide (or the first that has one)."""
    principal = getattr(context.get("request"), "principal", None)
    url = module_help_url(principal, module) if principal is not None else None
    return {"url": url, "label": MODULE_LINK_LABELS[module]}
