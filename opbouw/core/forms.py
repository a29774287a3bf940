"""Form helpers shared by every app."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy

from opbouw.core.text import has_control_characters, parse_int

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

DATE_ERRORS: dict[str, StrOrPromise] = {"invalid": gettext_lazy(
    "Vul een geldige datum in, bijvoorbeeld 15-03-2026.")}

# Larger than any primary key; beyond it SQLite raises OverflowError instead of "not found".
_MAX_PK_DIGITS = 18


class DateInput(forms.DateInput):
    """The browser's date picker: the value travels as YYYY-MM-DD in every language."""

    input_type = "date"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


class DateField(forms.DateField):
    """A date field with the browser's date picker and a Dutch message for a wrong date."""

    widget = DateInput
    default_error_messages = DATE_ERRORS

    def to_python(self, value: Any) -> dt.date | None:
        # strptime reads any script's digits ("２０２６"); people type 0-9.
        if isinstance(value, str) and not value.isascii():
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: per field where it names one."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            for message in errors:
                form.add_error(field if field in form.fields else None, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


class SafeModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A ModelMultipleChoiceField that answers absurd ids with its own message, not a 500."""

    def _check_values(self, value):
        for pk in value:
            text = str(pk)
            if not (text.isascii() and text.isdigit()) or len(text) > _MAX_PK_DIGITS:
                raise ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice",
                    params={"value": text[:20]},
                )
        return super()._check_values(value)


def error_text(error: ValidationError | forms.Form) -> str:
    """One line of Dutch text for a flash message: a service's or a form's errors,
    each form error after its field's label."""
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    parts = []
    for name, errors in error.errors.items():
        field = error.fields.get(name)
        prefix = f"{field.label}: " if field is not None and field.label else ""
        parts.append(prefix + " ".join(str(message) for message in errors))
    return " ".join(parts)


# Filters of lists ----------------------------------------------------------------------------

class IdField(forms.Field):
    """A whole number typed with the digits 0-9 (an id in a query string); else refused."""

    default_error_messages = {"invalid": gettext_lazy("Vul een heel getal in.")}

    def __init__(self, *, max_digits: int = _MAX_PK_DIGITS, **kwargs: Any) -> None:
        self.max_digits = max_digits
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> int | None:
        text = value.strip() if isinstance(value, str) else ""
        if not text:
            return None
        number = parse_int(text, max_digits=self.max_digits)
        if number is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return number


class ObjectField(forms.Field):
    """One object by its pk (or another unique field, ``key``). From ``items`` (a list or an
    evaluated queryset the page shows anyway) it is picked without a query; from a
    ``queryset`` it is looked up, after text that cannot be a key is refused without one."""

    default_error_messages = {"invalid_choice": gettext_lazy("Kies een waarde uit de lijst.")}

    def __init__(self, *, key: str = "pk", upper: bool = False, max_length: int = 40,
                 **kwargs: Any) -> None:
        self.key, self.upper, self.max_length = key, upper, max_length
        self.items: Iterable[Any] | None = None
        self.queryset: QuerySet | None = None
        super().__init__(**kwargs)

    def _refuse(self) -> ValidationError:
        return ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")

    def to_python(self, value: Any) -> Any:
        text = value.strip() if isinstance(value, str) else ""
        if not text:
            return None
        if self.key == "pk":
            wanted: Any = parse_int(text)
            if wanted is None:
                raise self._refuse()
        elif len(text) > self.max_length or has_control_characters(text):
            raise self._refuse()
        else:
            wanted = text.upper() if self.upper else text
        if self.queryset is not None:
            found = self.queryset.filter(**{self.key: wanted}).first()
        else:
            found = next((item for item in self.items or () if getattr(item, self.key) == wanted),
                         None)
        if found is None:
            raise self._refuse()
        return found

    def as_query(self, value: Any) -> str:
        return str(getattr(value, self.key))


class FilterForm(forms.Form):
    """The filters of a list, read from its query string (GET), with a field per parameter.

    Every field is optional. A value its field refuses counts as not given: the list shows
    unfiltered on it, and ``ignored`` names the field, so a page can say so. ``query()``
    gives the accepted values as URL parameters, for links that keep the selection.
    """

    def __init__(self, data: Mapping[str, Any] | None = None, **kwargs: Any) -> None:
        super().__init__(data if data is not None else {}, **kwargs)
        for field in self.fields.values():
            field.required = False

    def value(self, name: str) -> Any:
        """The accepted value of one filter, or None (also when it was refused)."""
        self.is_valid()
        return self.cleaned_data.get(name)  # a refused value is not among the cleaned ones

    @property
    def ignored(self) -> list[str]:
        """The filters given but refused."""
        self.is_valid()
        return list(self.errors)

    def query(self) -> dict[str, str]:
        """The accepted, non-empty filters as URL parameters, in the order of the fields."""
        self.is_valid()
        params = {}
        for name, field in self.fields.items():
            value = self.cleaned_data.get(name)
            if value in (None, "", [], ()):
                continue
            if isinstance(value, dt.date):
                params[name] = value.isoformat()
            elif isinstance(field, ObjectField):
                params[name] = field.as_query(value)
            else:
                params[name] = str(value)
        return params
