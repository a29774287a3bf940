"""Numbers and dates through Django's localisation: Dutch formats in Dutch, English in English."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import translation

from opbouw.core.formats import date_text, money_text, number_text, short_number_text

DAY = dt.date(2026, 3, 5)


@pytest.mark.parametrize(("language", "expected"), [
    ("nl", ["1.234,6", "1.235", "€ 1.234,50", "7,5", "2", "–"]),
    ("en", ["1,234.6", "1,235", "€ 1,234.50", "7.5", "2", "–"]),
])
def test_numbers(language, expected):
    with translation.override(language):
        assert [number_text(Decimal("1234.55"), 1), number_text(1234.7), money_text(
            Decimal("1234.5")), short_number_text(Decimal("7.50")),
            short_number_text(Decimal("2.00")), number_text(None)] == expected


def test_a_number_for_a_form_input_has_no_grouping():
    with translation.override("nl"):
        assert short_number_text(Decimal("1234.5"), grouping=False) == "1234,5"
    with translation.override("en"):
        assert short_number_text(Decimal("1234.5"), grouping=False) == "1234.5"


@pytest.mark.parametrize(("style", "dutch", "english"), [
    ("DATE_FORMAT", "5 maart 2026", "5 March 2026"),
    ("SHORT_DATE_FORMAT", "5-3-2026", "05/03/2026"),
    ("MEDIUM_DATE_FORMAT", "5 mrt 2026", "5 Mar 2026"),
    ("WEEKDAY_DATE_FORMAT", "do 5 mrt 2026", "Thu 5 Mar 2026"),
    ("NUMERIC_DATE_FORMAT", "05-03-2026", "05/03/2026"),
])
def test_date_styles_in_python_and_templates(style, dutch, english):
    template = Template('{{ day|date:style }}')
    for language, expected in (("nl", dutch), ("en", english)):
        with translation.override(language):
            assert date_text(DAY, style) == expected
            assert template.render(Context({"day": DAY, "style": style})) == expected


def test_a_moment_is_shown_in_local_time():
    moment = dt.datetime(2026, 3, 5, 13, 5, tzinfo=ZoneInfo("UTC"))
    with translation.override("nl"):
        assert date_text(moment, "MEDIUM_DATETIME_FORMAT") == "5 mrt 2026 14:05"
    with translation.override("en"):
        assert date_text(moment, "NUMERIC_DATETIME_FORMAT") == "05/03/2026 14:05"


def test_the_hours_filter_and_floatformat_follow_the_language():
    template = Template('{% load logbook %}{{ h|hours }} {{ n|floatformat:"2g" }}')
    context = Context({"h": Decimal("1234.50"), "n": Decimal("100000")})
    with translation.override("nl"):
        assert template.render(context) == "1.234,5 100.000,00"
    with translation.override("en"):
        assert template.render(context) == "1,234.5 100,000.00"


def test_english_dates_are_typed_day_first():
    from opbouw.core.forms import DateField

    with translation.override("en"):
        assert DateField().clean("05/03/2026") == DAY
    with translation.override("nl"):
        assert DateField().clean("05-03-2026") == DAY
    assert DateField().clean("2026-03-05") == DAY
