"""The one CSV reader: encodings, BOM, separators, broken quoting and size."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from opbouw.core.csvread import (
    BrokenCsv,
    UnreadableFile,
    decode_csv_bytes,
    known_columns,
    read_rows,
    read_upload,
    sniff_delimiter,
)

TEXT = "code;naam\nGM0363;Één straat\n"


@pytest.mark.parametrize("raw", [
    TEXT.encode("utf-8"),
    TEXT.encode("utf-8-sig"),
    TEXT.encode("utf-16"),  # with BOM, in the machine's byte order
    b"\xfe\xff" + TEXT.encode("utf-16-be"),
    b"\xff\xfe" + TEXT.encode("utf-16-le"),
    TEXT.encode("cp1252"),
])
def test_every_encoding_excel_writes_reads_the_same_without_bom(raw):
    assert decode_csv_bytes(raw) == TEXT


def test_text_that_is_no_csv_is_refused():
    with pytest.raises(UnreadableFile, match="tekens die niet in een CSV-bestand horen"):
        decode_csv_bytes(b"code;naam\nGM0363;Amster\x00dam\n")
    with pytest.raises(UnreadableFile, match="UTF-16"):
        decode_csv_bytes(b"\xff\xfe\x00\xd8")  # a lone surrogate


def test_tabs_are_text_not_control_characters():
    assert decode_csv_bytes(b"code\tnaam\n") == "code\tnaam\n"


def test_too_large_is_refused_before_decoding():
    with pytest.raises(UnreadableFile, match="groter dan 1 MB"):
        decode_csv_bytes(b"a" * (1024 * 1024 + 1), max_bytes=1024 * 1024)
    assert decode_csv_bytes(b"a" * 10, max_bytes=10) == "a" * 10


def test_too_large_message_follows_the_language():
    with translation.override("en"), pytest.raises(UnreadableFile, match="larger than 2 MB"):
        decode_csv_bytes(b"a" * (2 * 1024 * 1024 + 1), max_bytes=2 * 1024 * 1024)


def test_an_upload_is_measured_before_it_is_read():
    upload = SimpleUploadedFile("a.csv", b"a;b\n" * 1000)
    with pytest.raises(UnreadableFile, match="groter dan"):
        read_upload(upload, max_bytes=1024 * 1024 // 1024)
    upload.seek(0)
    assert read_upload(upload).startswith("a;b\n")


@pytest.mark.parametrize(("text", "delimiter"), [
    ("code,naam\nGM0363,Amsterdam\n", ","),
    ("code;naam\nGM0363;Amsterdam\n", ";"),
    ("code\tnaam\nGM0363\tAmsterdam\n", "\t"),
    ("\n\ncode;naam\nGM0363;Amsterdam\n", ";"),  # blank lines before the header
])
def test_the_separator_is_sniffed(text, delimiter):
    assert sniff_delimiter(text) == delimiter


def test_known_columns_outweigh_separators_in_the_header():
    # A header naming "a,b" under ";" would look like one column with a comma in it.
    text = "code;naam, voluit\nGM0363;Amsterdam, hoofdstad\n"
    assert sniff_delimiter(text, score=known_columns(["code", "naam, voluit"])) == ";"
    assert sniff_delimiter("code,naam;x\n1,2;3\n", score=known_columns({"code", "naam;x"})) \
        == ","


def test_records_carry_their_line_and_number():
    text = 'code;naam\nGM0363;"Amster\ndam"\n\nGM0518;Den Haag\n'
    delimiter, rows = read_rows(text)
    assert delimiter == ";"
    assert [(r.line, r.number) for r in rows] == [(1, 1), (3, 2), (4, 3), (5, 4)]
    assert rows[1].cells == ["GM0363", "Amster\ndam"]
    assert rows[2].cells == []


def test_a_broken_record_names_its_line_and_number():
    # A quote never closed swallows the rest of the file into one field, past the field limit.
    text = 'code;naam\nGM0363;ok\nGM0518;"' + "x\n" * 70_000
    with pytest.raises(BrokenCsv) as caught:
        read_rows(text, delimiter=";")
    assert caught.value.record == 3
    assert caught.value.line > 3
    assert "field" in caught.value.reason


def test_a_bom_left_in_the_text_is_not_part_of_the_header():
    assert read_rows("\ufeffcode;naam\n1;2\n")[1][0].cells == ["code", "naam"]
