"""Form helpers shared by every app."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

# Larger than any primary key; beyond it SQLite raises OverflowError instead of "not found".
_MAX_PK_DIGITS = 18


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
        parts.append(prefix + " ".join(errors))
    return " ".join(parts)
