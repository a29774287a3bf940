"""The personal-data guard finds BSNs, e-mail addresses and phone numbers, and nothing else."""

import pytest
from django.core.exceptions import ValidationError
from hypothesis import assume, given
from hypothesis import strategies as st

from opbouw.core.personal_data import (
    find_personal_data,
    is_valid_bsn,
    validate_no_personal_data,
)

WEIGHTS = range(9, 1, -1)


@st.composite
def valid_bsns(draw) -> str:
    """Nine digits that pass the eleven-test."""
    head = f"{draw(st.integers(1, 10**8 - 1)):08d}"
    check = sum(int(d) * w for d, w in zip(head, WEIGHTS, strict=True)) % 11
    assume(check <= 9)
    return head + str(check)


@st.composite
def invalid_bsns(draw) -> str:
    digits = draw(st.text(alphabet="0123456789", min_size=9, max_size=9))
    assume(not is_valid_bsn(digits))
    return digits


def grouped(number: str, style: int, sep: str) -> str:
    if style == 0:
        return number
    if style == 1:
        return f"{number[:3]}{sep}{number[3:6]}{sep}{number[6:]}"
    return f"{number[:4]}{sep}{number[4:6]}{sep}{number[6:]}"


@st.composite
def dutch_phones(draw) -> str:
    mobile = draw(st.booleans())
    rest = draw(st.text(alphabet="0123456789", min_size=8, max_size=8))
    area_code = draw(st.sampled_from(["10", "20", "70", "30"]))
    national = ("6" + rest) if mobile else (area_code + rest[:7])
    prefix = draw(st.sampled_from(["0", "+31 ", "+31", "0031 ", "+31 (0)"]))
    sep = draw(st.sampled_from(["", " ", "-", "."]))
    if mobile:
        body = f"6{sep}{national[1:]}" if sep != "." else "6" + national[1:]
    else:
        body = f"{national[:2]}{sep}{national[2:5]}{sep if sep != '.' else ''}{national[5:]}"
    return prefix + body


plain_words = st.text(
    alphabet=st.characters(whitelist_categories=("L",), whitelist_characters=" ,.!?'"),
    max_size=80,
)


@given(valid_bsns(), st.integers(0, 2), st.sampled_from([" ", ".", "-"]), plain_words, plain_words)
def test_valid_bsn_is_found_in_any_common_notation(bsn, style, sep, before, after):
    text = f"{before} {grouped(bsn, style, sep)} {after}"
    kinds = [f.kind for f in find_personal_data(text)]
    assert kinds == ["bsn"]


@given(invalid_bsns(), plain_words)
def test_nine_digits_failing_the_eleven_test_are_not_a_bsn(digits, words):
    assert [f.kind for f in find_personal_data(f"{words} kenmerk {digits}")] == []


@given(st.emails(), plain_words)
def test_email_addresses_are_found(address, words):
    assume("@" in address)
    findings = find_personal_data(f"{words} mail {address} graag")
    assert "email" in [f.kind for f in findings]


@given(dutch_phones(), plain_words)
def test_dutch_phone_numbers_are_found(number, words):
    findings = find_personal_data(f"{words} bel {number} na vijven")
    assert [f.kind for f in findings] == ["phone"], number


@given(plain_words)
def test_text_without_digits_or_at_signs_is_clean(words):
    assert find_personal_data(words) == []
    validate_no_personal_data(words)


@pytest.mark.parametrize(
    "text",
    [
        "Bijeenkomst op 12-03-2024 om 19.30 uur met 25 bewoners",
        "Budget 12500 euro, 340 uur, postcode 3011 AB",
        "Huisnummer 123, flat 4e etage, 2 kinderen",
        "Jaar 2008, wijk WK059901 en buurt BU05990101",
        "Vergadering 12-03-2024 19.30 uur",
        "Op 1.2.2024 kwamen 0 van de 30 genodigden",
    ],
)
def test_ordinary_numbers_in_logbook_text_pass(text):
    assert find_personal_data(text) == []


def test_known_examples():
    assert is_valid_bsn("111222333")
    assert not is_valid_bsn("111222334")
    found = find_personal_data(
        "BSN 111222333, mail jan@example.nl, bel 06-12345678 of 010 123 4567")
    assert [f.kind for f in found] == ["bsn", "email", "phone", "phone"]
    assert found[0].text == "111222333"


@pytest.mark.parametrize("number", [
    "(010) 123 45 67", "010 - 1234567", "06 - 12 34 56 78", "+31 (0)10 123 4567",
    "0031612345678", "tel. 010.123.45.67",
])
def test_common_dutch_phone_notations(number):
    assert [f.kind for f in find_personal_data(f"Bel {number} voor een afspraak")] == ["phone"]


def test_validator_message_is_dutch_and_names_what_was_found():
    with pytest.raises(ValidationError) as excinfo:
        validate_no_personal_data("Mevrouw (BSN 111222333) vraagt om hulp, 06 12345678")
    message = excinfo.value.messages[0]
    assert "burgerservicenummer" in message
    assert "telefoonnummer" in message
    assert excinfo.value.code == "personal_data"


@pytest.mark.parametrize("text, kind", [
    ("Bel haar op ０６１２３４５６７８ na vijven", "phone"),  # full-width digits
    ("Nummer ٠٦١٢٣٤٥٦٧٨ van de buurvrouw", "phone"),  # Arabic-Indic digits
    ("＋３１ ６ １２３４ ５６７８", "phone"),  # full-width plus
    ("Zijn BSN is １１１２２２３３３.", "bsn"),
])
def test_other_digit_forms_are_no_way_around_the_guard(text, kind):
    (found,) = find_personal_data(text)
    assert found.kind == kind
    assert found.text == text[found.start:found.end]  # positions point into the original
