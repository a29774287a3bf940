"""Clean text that users type into search boxes and files."""

from __future__ import annotations

import re

from django.http import QueryDict

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def has_control_characters(text: str) -> bool:
    """Whether text holds characters no person types (NUL and other control codes)."""
    return bool(_CONTROL.search(text))


def clean_multiline(value: object, max_length: int) -> str:
    """Free text from a form field read by hand: control characters removed (line breaks
    kept), stripped; longer than max_length stays longer so the caller can say so."""
    if not isinstance(value, str):
        return ""
    return _CONTROL.sub("", value).strip()


def parse_int(value: object, *, max_digits: int = 18) -> int | None:
    """A whole number typed with the digits 0-9 only, else None ("²" and "٣" are digits to
    str.isdigit but not to int)."""
    text = value.strip() if isinstance(value, str) else ""
    if text and len(text) <= max_digits and text.isascii() and text.isdigit():
        return int(text)
    return None


def query_text(params: QueryDict | dict, name: str, max_length: int = 100) -> str:
    """One search parameter: stripped, without control characters, at most max_length long.

    PostgreSQL refuses NUL in text, so nothing a user types may reach a query with one.
    """
    value = params.get(name, "")
    if not isinstance(value, str):
        return ""
    return _CONTROL.sub("", value).strip()[:max_length]
