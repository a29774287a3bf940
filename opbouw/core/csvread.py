"""The one reader of uploaded CSV files: bounded size, decoding, separator and records.

Every import (areas, competence frameworks, measurement responses) reads its CSV here:

- **Size**: at most ``max_bytes`` (callers choose; ``MAX_BYTES`` by default).
- **Decoding**: UTF-8 with or without BOM, UTF-16 with BOM, or Windows-1252 as Excel saves it;
  text with control characters (other than tabs and line ends) is refused.
- **Separator**: ``,``, ``;`` or a tab. The one under which the header names the most known
  columns wins (when the caller says which names it knows), then ``csv.Sniffer``'s guess, then
  the one the header line holds most.
- **Records**: each with the physical line it ends on and its number as a spreadsheet counts
  it; broken quoting raises ``BrokenCsv`` with both, so every problem can name its line.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator, Sequence
from typing import Any, NamedTuple

from django.utils.translation import gettext as _

from opbouw.core.text import has_control_characters

MAX_BYTES = 5 * 1024 * 1024
DELIMITERS = (",", ";", "\t")
_SNIFF_LINES = 20
_SNIFF_CHARS = 65536


class UnreadableFile(ValueError):
    """The bytes of an uploaded file are not text we can read (or too many of them)."""


class BrokenCsv(ValueError):
    """The text stops being valid CSV (broken quoting) at a line."""

    def __init__(self, line: int, record: int, reason: str) -> None:
        super().__init__(reason)
        self.line, self.record, self.reason = line, record, reason


class Record(NamedTuple):
    """One CSV record: the line it ends on, its number counted in records, its cells."""

    line: int
    number: int
    cells: list[str]


def too_large_message(max_bytes: int) -> str:
    """The Dutch refusal of a file above max_bytes, in whole megabytes."""
    return _("Het bestand is groter dan %(size)s MB.") % {
        "size": max(1, max_bytes // (1024 * 1024))}


def decode_csv_bytes(raw: bytes, *, max_bytes: int = MAX_BYTES) -> str:
    """Turn the bytes of a CSV file into text (without BOM): UTF-8, UTF-16 with BOM, or
    Windows-1252 as Excel saves it; raise UnreadableFile for anything else or too much."""
    if len(raw) > max_bytes:
        raise UnreadableFile(too_large_message(max_bytes))
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16").lstrip("\ufeff")
        except UnicodeDecodeError as exc:
            raise UnreadableFile(_("Het bestand is geen leesbare tekst (UTF-16).")) from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise UnreadableFile(_(
                "Het bestand is geen tekstbestand (CSV). Sla het op als CSV UTF-8.")) from exc
    if has_control_characters(text.replace("\t", "")):
        raise UnreadableFile(_(
            "Het bestand bevat tekens die niet in een CSV-bestand horen. Sla het op als "
            "CSV UTF-8."))
    return text


def read_upload(upload: Any, *, max_bytes: int = MAX_BYTES) -> str:
    """The text of an uploaded CSV file (Django's UploadedFile); UnreadableFile when it is
    too large or cannot be decoded. The size is checked before anything is read."""
    if upload.size is not None and upload.size > max_bytes:
        raise UnreadableFile(too_large_message(max_bytes))
    return decode_csv_bytes(upload.read(max_bytes + 1), max_bytes=max_bytes)


def _lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def sniff_delimiter(text: str, *, score: Callable[[list[str]], int] | None = None) -> str:
    """The separator of CSV text: the one under which ``score`` rates the header highest,
    then ``csv.Sniffer``'s guess, then the one the header line holds most."""
    lines = _lines(text)
    header_line = next((line for line in lines if line.strip()), "")
    sample = "\n".join(lines[:_SNIFF_LINES])[:_SNIFF_CHARS]
    try:
        sniffed = csv.Sniffer().sniff(sample, delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        sniffed = ""

    def header_with(delimiter: str) -> list[str]:
        try:
            return next(csv.reader([header_line], delimiter=delimiter), [])
        except csv.Error:
            return []

    return max(DELIMITERS, key=lambda d: (score(header_with(d)) if score else 0, d == sniffed,
                                          header_line.count(d)))


def known_columns(names: Sequence[str] | set[str] | dict) -> Callable[[list[str]], int]:
    """A header score for sniff_delimiter: how many cells name one of these columns
    (compared stripped and in lower case)."""
    known = {str(n).strip().lower() for n in names}
    return lambda header: sum(1 for cell in header if cell.strip().lower() in known)


def records(text: str, *, delimiter: str) -> Iterator[Record]:
    """The records of CSV text, empty ones included; BrokenCsv where the quoting breaks."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), delimiter=delimiter)
    number = 0
    try:
        for cells in reader:
            number += 1
            yield Record(reader.line_num, number, cells)
    except csv.Error as exc:
        raise BrokenCsv(reader.line_num, number + 1, str(exc)) from exc


def read_rows(text: str, *, score: Callable[[list[str]], int] | None = None,
              delimiter: str | None = None) -> tuple[str, list[Record]]:
    """The separator and every record of CSV text; BrokenCsv where the quoting breaks."""
    delimiter = delimiter or sniff_delimiter(text, score=score)
    return delimiter, list(records(text, delimiter=delimiter))
