"""CSV text: import files in the CRM's dialect, split at its caps; files for people escaped."""

from __future__ import annotations

import io

import pytest

from salespipe.core.crm.csv_text import (
    escape_formula,
    looks_like_payload,
    render_parts,
    sheet_cell,
    starts_formula,
    write_import_csv,
    write_sheet_csv,
)
from salespipe.core.crm.profiles import HUBSPOT, ZOHO


@pytest.mark.parametrize(
    ("typed", "escaped"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+33 6 12 34 56 78", "'+33 6 12 34 56 78"),
        ("-5", "'-5"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcalc", "'\tcalc"),
        ("＝1+1", "'＝1+1"),  # the full-width sign some spreadsheets read as "="
        ("ACME", "ACME"),
        ("5-10 salariés", "5-10 salariés"),  # a formula character further in is harmless
        ("", ""),
    ],
)
def test_formula_leading_text_gets_the_quote_prefix(typed: str, escaped: str) -> None:
    assert escape_formula(typed) == escaped
    assert starts_formula(typed) is (escaped != typed)


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("cmd|' /C calc'!A0", True),
        ("=cmd|' /C calc'!A0 en bout de note", True),
        ('Acme;=HYPERLINK("http://evil")', True),
        ("voir importxml(url)", True),
        ("Dupont & fils (Lyon)", False),
        ("a+b=c", False),
        ("marie@acme.fr", False),
    ],
)
def test_payloads_inside_a_value_are_recognised(text: str, flagged: bool) -> None:
    assert looks_like_payload(text) is flagged


def test_import_file_quotes_every_field_and_doubles_inner_quotes() -> None:
    stream = io.StringIO()
    write_import_csv(stream, ["Name", "Amount"], [('ACME "Group"', "12.50"), ("B, C", "")], HUBSPOT)
    assert stream.getvalue() == '"Name","Amount"\n"ACME ""Group""","12.50"\n"B, C",""\n'


def test_files_are_split_at_the_row_cap_each_with_the_header() -> None:
    parts = render_parts(["Name"], [[f"D{i}"] for i in range(1, 6)], HUBSPOT, max_rows=2)
    assert parts == [
        ('"Name"\n"D1"\n"D2"\n', 2),
        ('"Name"\n"D3"\n"D4"\n', 2),
        ('"Name"\n"D5"\n', 1),
    ]


def test_the_profile_row_cap_applies_by_default() -> None:
    assert ZOHO.max_rows == 1000
    parts = render_parts(["Name"], [[f"D{i}"] for i in range(2500)], ZOHO)
    assert [count for _, count in parts] == [1000, 1000, 500]
    assert all(text.startswith('"Name"\n') for text, _ in parts)


def test_files_are_split_at_the_byte_cap_counting_encoded_bytes() -> None:
    # Header 7 bytes; each row '"ééé"\n' is 6 characters but 9 bytes in UTF-8: with
    # two rows a file is 19 characters, under the cap, but 25 bytes, over it.
    parts = render_parts(["Name"], [["ééé"], ["ééé"], ["ééé"]], HUBSPOT, max_bytes=20)
    assert parts == [('"Name"\n"ééé"\n', 1)] * 3


def test_parts_hold_what_the_csv_module_writes_whatever_the_rows_hold() -> None:
    # quotes inside a value (doubled), a comma, a newline, a blank value, a row of one
    # field among rows of three, a value that is not text: the same text as csv.writer's
    rows = [
        ("A1", "Dupont", "12.50"),
        ("A2", 'ACME "Group"', ""),
        ("A3", "B, C\nligne 2", "'=1+1"),
        ("A4",),
        ("A5", 7, "x"),
    ]
    for chosen in (rows[:1], rows[:2], rows[2:3], rows[3:4], rows[4:], rows):
        stream = io.StringIO()
        write_import_csv(stream, ["ID", "Name", "Amount"], chosen, HUBSPOT)
        assert render_parts(["ID", "Name", "Amount"], chosen, HUBSPOT) == [
            (stream.getvalue(), len(chosen))
        ]
    ((text, _),) = render_parts(["ID", "Name", "Amount"], rows[1:2], HUBSPOT)
    assert text == '"ID","Name","Amount"\n"A2","ACME ""Group""",""\n'


def test_no_rows_still_make_one_file_with_the_header() -> None:
    assert render_parts(["Name", "Amount"], [], HUBSPOT) == [('"Name","Amount"\n', 0)]


def test_files_for_people_open_in_french_excel_with_every_formula_escaped() -> None:
    stream = io.StringIO()
    write_sheet_csv(stream, [["Ligne", "Valeur"], [7, "=1+1"], [8, None], [9, "a;b"]])
    assert stream.getvalue() == 'Ligne;Valeur\r\n7;\'=1+1\r\n8;\r\n9;"a;b"\r\n'


@pytest.mark.parametrize(
    ("value", "cell"),
    [(None, ""), (12.5, "12.5"), (-3, "'-3"), ("+33 6", "'+33 6"), ("Perdu", "Perdu")],
)
def test_sheet_cells_are_text_safe_to_open(value: object, cell: str) -> None:
    assert sheet_cell(value) == cell
