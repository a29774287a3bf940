"""Writes of an assignment's products: what is delivered at which unit price.

Products are part of the assignment's agreement: the commissioner writes them, every save
raises the assignment's version (others' open forms go stale), and once the assignment left
concept every change is recorded as an ``Amendment`` with a reason. Agreed hours x hourly
rate plus the products may not cost more than the budget.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from opbouw.access.actor import Actor
from opbouw.assignments.models import Amendment, Assignment, Product
from opbouw.assignments.rules import (
    MAX_QUANTITY,
    MAX_UNIT_PRICE,
    over_budget_error,
    products_amount,
    raise_errors,
)
from opbouw.assignments.services import _bump_version, stale_error
from opbouw.core import audit
from opbouw.core.formats import money_text, number_text
from opbouw.core.personal_data import validate_no_personal_data
from opbouw.core.text import has_control_characters

Status = Assignment.Status


def product_text(product: Product) -> str:
    """One line describing a product, for the history (Dutch, as the history keeps it)."""
    with translation.override("nl"):
        counted = []
        if product.intervention_id is not None:
            counted.append(_("interventie %(i)s") % {"i": product.intervention})
        if product.initiatives_only:
            counted.append(_("alleen ondersteunde bewonersinitiatieven"))
        return _("%(name)s: %(n)s × %(unit)s à %(price)s (telt: %(counted)s)") % {
            "name": product.name, "n": number_text(product.agreed_quantity),
            "unit": product.unit, "price": money_text(product.unit_price),
            "counted": ", ".join(counted)}


def _label(name: str) -> str:
    with translation.override("nl"):
        return _("product: %(n)s") % {"n": name}


def _text(field: str, value: Any, max_length: int, errors: dict[str, list],
          required: str) -> str:
    """Free text stripped and checked: present, not too long, no personal data."""
    text = value.strip() if isinstance(value, str) else ""
    if not text:
        errors[field] = [required]
    elif len(text) > max_length:
        errors[field] = [_("Maximaal %(max)s tekens; dit zijn er %(n)s.")
                         % {"max": max_length, "n": len(text)}]
    elif has_control_characters(text):
        errors[field] = [_("De tekst bevat tekens die niet in tekst horen; typ hem opnieuw.")]
    else:
        try:
            validate_no_personal_data(text)
        except ValidationError as exc:
            errors[field] = [" ".join(exc.messages)]
    return text


def _product_errors(assignment: Assignment, product: Product | None, values: dict[str, Any],
                    errors: dict[str, list]) -> None:
    price, quantity = values["unit_price"], values["agreed_quantity"]
    if price is None:
        errors["unit_price"] = [_("Vul de prijs per eenheid in (0 mag).")]
    elif price < 0:
        errors["unit_price"] = [_("De prijs kan niet negatief zijn.")]
    elif price > MAX_UNIT_PRICE:
        errors["unit_price"] = [_("De prijs per eenheid is hoogstens %(max)s; klopt het "
                                  "bedrag?") % {"max": money_text(MAX_UNIT_PRICE)}]
    if quantity is None or quantity < 1 or quantity != int(quantity):
        errors["agreed_quantity"] = [_("Vul het afgesproken aantal in: een heel getal, "
                                       "minstens 1.")]
    elif quantity > MAX_QUANTITY:
        errors["agreed_quantity"] = [_("Hoogstens %(max)s; klopt het aantal?")
                                     % {"max": number_text(MAX_QUANTITY)}]
    intervention = values["intervention"]
    if intervention is None and not values["initiatives_only"]:
        errors["intervention"] = [_(
            "Kies een interventie of vink 'alleen ondersteunde bewonersinitiatieven' aan: "
            "anders kan het logboek het product niet tellen.")]
    elif intervention is not None and (product is None
                                       or product.intervention_id != intervention.pk):
        if intervention.status != "published":
            errors["intervention"] = [_("Kies een gepubliceerde interventie uit de "
                                        "gereedschapskist.")]
        elif not assignment.interventions.filter(pk=intervention.pk).exists():
            errors["intervention"] = [_("Kies een interventie die in de opdracht gepland is "
                                        "(of plan haar eerst, bij Bewerken).")]
    if values["name"] and "name" not in errors:
        same = assignment.products.filter(name__iexact=values["name"])
        if product is not None:
            same = same.exclude(pk=product.pk)
        if same.exists():
            errors["name"] = [_("Deze opdracht heeft al een product met deze naam.")]
    if "unit_price" not in errors and "agreed_quantity" not in errors:
        others = products_amount(assignment.products.all(), without=product)
        message = over_budget_error(
            budget=assignment.budget, hours=assignment.agreed_hours,
            rate=assignment.hourly_rate,
            products=others + Decimal(price) * int(quantity))
        if message:
            price_only = product is not None and product.agreed_quantity == quantity
            errors.setdefault("unit_price" if price_only else "agreed_quantity",
                              []).append(message)


def _record(*, actor: Actor, assignment: Assignment, label: str, old: str, new: str,
            reason: str) -> None:
    Amendment.objects.create(assignment=assignment, version=assignment.version,
                             actor=actor.user, reason=reason[:300], changes={label: [old, new]})


@transaction.atomic
def product_save(*, actor: Actor, assignment: Assignment, product: Product | None = None,
                 name: str, unit: str, unit_price: Decimal | None, agreed_quantity: int | None,
                 intervention: Any = None, initiatives_only: bool = False, reason: str = "",
                 version: int | None = None) -> Product:
    """Add or change a product of the assignment; after concept with a reason, recorded.

    With ``version`` (the assignment's version the form was read at), a save after someone
    else changed the assignment is refused.
    """
    reason = (reason or "").strip()
    if version is not None and version != assignment.version:
        raise stale_error(assignment)
    if product is not None and product.assignment_id != assignment.pk:
        raise ValidationError(_("Dit product hoort niet bij deze opdracht."))
    errors: dict[str, list] = {}
    values = {"name": _text("name", name, 150, errors, _("Geef het product een naam.")),
              "unit": _text("unit", unit, 40, errors,
                            _("Vul de eenheid in, bijvoorbeeld training of initiatief.")),
              "unit_price": unit_price, "agreed_quantity": agreed_quantity,
              "intervention": intervention, "initiatives_only": bool(initiatives_only)}
    _product_errors(assignment, product, values, errors)
    running = assignment.status != Status.CONCEPT
    if running and not reason:
        errors["reason"] = [_("Deze opdracht loopt al: geef een reden voor de wijziging.")]
    raise_errors(errors)
    created = product is None
    old = "–" if product is None else product_text(product)
    _bump_version(assignment, version)
    product = product or Product(assignment=assignment)
    for field, value in values.items():
        setattr(product, field, value)
    try:
        product.full_clean()
    except ValidationError as exc:
        raise ValidationError(exc.message_dict) from exc
    product.save()
    if running:
        _record(actor=actor, assignment=assignment, label=_label(product.name), old=old,
                new=product_text(product), reason=reason)
    audit.audit_record(action=audit.Action.CREATE if created else audit.Action.UPDATE,
                       actor=actor.user, ip=actor.ip, obj=product)
    return product


@transaction.atomic
def product_delete(*, actor: Actor, product: Product, reason: str = "",
                   version: int | None = None) -> None:
    """Remove a product; after concept with a reason, recorded in the history."""
    reason = (reason or "").strip()
    assignment = product.assignment
    if version is not None and version != assignment.version:
        raise stale_error(assignment)
    running = assignment.status != Status.CONCEPT
    if running and not reason:
        raise ValidationError({"reason": [_(
            "Deze opdracht loopt al: geef een reden om het product te verwijderen.")]})
    _bump_version(assignment, version)
    if running:
        with translation.override("nl"):
            gone = _("verwijderd")
        _record(actor=actor, assignment=assignment, label=_label(product.name),
                old=product_text(product), new=gone, reason=reason)
    audit.audit_record(action=audit.Action.DELETE, actor=actor.user, ip=actor.ip, obj=product)
    product.delete()
