"""Guard against residents' personal data in free text (signals, logbook entries).

Detects Dutch citizen service numbers (BSN, checked with the eleven-test), e-mail
addresses and Dutch phone numbers. Text fields that must stay free of personal data
use ``validate_no_personal_data`` as a validator.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Nine digits written together, or grouped 3-3-3 / 4-2-3 with one kind of separator.
_BSN = re.compile(
    r"(?<![\d+])"
    r"(\d{9}|\d{3}([ .-])\d{3}\2\d{3}|\d{4}([ .-])\d{2}\3\d{3})"
    r"(?![\d])"
)
_LOCAL = r"[\w!#$%&'*+/=?^`{|}~.-]"
_EMAIL = re.compile(
    rf"(?<!{_LOCAL}){_LOCAL}+@"
    r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+"
    r"(?:[A-Za-z]{2,63}|[Xx][Nn]--[A-Za-z0-9-]+)(?![\w-])"
)
# +31 / 0031 / 0, an optional (0), then nine digits with spaces, dots or dashes between;
# the area code may stand in brackets, as in (010) 123 45 67, and dashes may have spaces.
_SEP = r"(?:[ .]?-?[ .]?)"
_PHONE = re.compile(
    r"(?<![\w+])(?<!\d[-./ ])"  # not inside a word, nor a date or amount like 12-03-2024
    r"(?:(?:\+31|0031)" + _SEP + r"(?:\(0\)" + _SEP + r")?|0|\(0)"
    r"\d(?:\)?" + _SEP + r"\d){8}"
    r"(?!\d)"
)


@dataclass(frozen=True)
class Finding:
    """One piece of personal data found in a text."""

    kind: str  # "bsn", "email" or "phone"
    start: int
    end: int
    text: str


def is_valid_bsn(digits: str) -> bool:
    """Return whether nine digits pass the BSN eleven-test."""
    if len(digits) != 9 or not digits.isdigit() or digits == "000000000":
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True))
    total -= int(digits[8])
    return total % 11 == 0


def _plain(text: str) -> str:
    """The text with every digit as 0-9 and full-width signs as ASCII, of the same length.

    So that "０６１２３４５６７８" or Arabic-Indic digits are no way around the guard;
    one character for one, so positions still point into the original text.
    """
    out = []
    for ch in text:
        if ch.isascii():
            out.append(ch)
            continue
        digit = unicodedata.decimal(ch, None)
        if digit is not None:
            out.append(str(digit))
            continue
        folded = unicodedata.normalize("NFKC", ch)
        out.append(folded if len(folded) == 1 else ch)
    return "".join(out)


def find_personal_data(text: str) -> list[Finding]:
    """Return every BSN, e-mail address and Dutch phone number in text, in order."""
    if not text:
        return []
    original, text = text, _plain(text)
    findings: list[Finding] = []
    taken: list[tuple[int, int]] = []

    def add(kind: str, match: re.Match[str]) -> None:
        start, end = match.span(0 if kind != "bsn" else 1)
        if any(start < e and s < end for s, e in taken):
            return
        taken.append((start, end))
        findings.append(Finding(kind, start, end, original[start:end]))

    for match in _EMAIL.finditer(text):
        add("email", match)
    for match in _PHONE.finditer(text):
        add("phone", match)
    for match in _BSN.finditer(text):
        if is_valid_bsn(re.sub(r"\D", "", match.group(1))):
            add("bsn", match)
    return sorted(findings, key=lambda f: f.start)


_MESSAGES = {
    "bsn": _("een burgerservicenummer (BSN)"),
    "email": _("een e-mailadres"),
    "phone": _("een telefoonnummer"),
}


def validate_no_personal_data(text: str) -> None:
    """Raise a ValidationError naming what was found, so the author can remove it."""
    findings = find_personal_data(text)
    if not findings:
        return
    kinds = []
    for finding in findings:
        if finding.kind not in kinds:
            kinds.append(finding.kind)
    described = ", ".join(str(_MESSAGES[k]) for k in kinds)
    raise ValidationError(
        _(
            "Deze tekst lijkt persoonsgegevens van bewoners te bevatten (%(found)s). "
            "Haal ze weg: beschrijf de situatie zonder nummers of adressen die iemand "
            "herkenbaar maken."
        ),
        code="personal_data",
        params={"found": described},
    )
