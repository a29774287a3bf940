"""URL converters: ids that cannot exist answer 404 before any query is made."""

from django.urls import register_converter


class IdConverter:
    """A database id: at most 18 digits (larger numbers overflow the database's integers)."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(IdConverter, "id")
