"""Cell values of the import rows: free text escaped and reported, dates in the CRM's style."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from salespipe.core.crm.field_values import FreeText, RowContext, french_date, iso_date, us_date
from salespipe.core.crm.profiles import HUBSPOT, SALESFORCE, ZOHO, CrmProfile

AS_OF = date(2026, 11, 23)


def context(profile: CrmProfile = HUBSPOT, lang: str = "fr") -> RowContext:
    return RowContext.create(profile, lang, AS_OF)


def test_formula_leading_text_is_escaped_and_reported_on_every_row() -> None:
    ctx = context()
    assert ctx.text("  =1+1 ", 5, "Notes") == "'=1+1"
    assert ctx.text("=1+1", 6, "Notes") == "'=1+1"
    assert ctx.findings == [
        (5, "Notes", "  =1+1 ", "formula_escaped", {"char": "="}),
        (6, "Notes", "=1+1", "formula_escaped", {"char": "="}),
    ]


def test_quiet_text_is_cleaned_the_same_way_without_a_second_finding() -> None:
    ctx = context()
    assert ctx.text.quiet("@Marie") == "'@Marie"
    assert ctx.findings == []


def test_payload_inside_text_is_reported_but_left_as_typed() -> None:
    ctx = context()
    typed = "voir cmd|' /C calc'!A0"
    assert ctx.text(typed, 8, "Notes") == typed
    assert ctx.findings == [(8, "Notes", typed, "formula_like_text", {})]


def test_control_characters_and_blanks_go_quietly() -> None:
    ctx = context()
    assert ctx.text("Réunion\x07 OK\x00", 7, "Notes") == "Réunion OK"
    assert ctx.text(None, 7, "Notes") == ctx.text("", 7, "Notes") == ""
    assert ctx.findings == []


def test_characters_a_crm_refuses_are_replaced_and_reported() -> None:
    ctx = context(ZOHO, "en")
    assert ctx.text('Offre "Premium" <2026> | lot 2', 3, "Deal") == "Offre ”Premium” ‹2026› / lot 2"
    assert ctx.findings == [
        (3, "Deal", 'Offre "Premium" <2026> | lot 2', "characters_replaced", {"crm": "Zoho CRM"})
    ]


def test_one_cleaner_remembers_each_distinct_value() -> None:
    cleaner = FreeText(HUBSPOT, [])
    cleaner("=A1", 2, None)
    cleaner("=A1", 3, None)
    assert list(cleaner.seen) == ["=A1"]
    assert len(cleaner.findings) == 2


@pytest.mark.parametrize(
    ("format_date", "text"),
    [(iso_date, "2026-03-05"), (us_date, "03/05/2026"), (french_date, "05/03/2026")],
)
def test_dates_in_each_style_and_blank_for_none(
    format_date: Callable[[date | None], str], text: str
) -> None:
    assert format_date(date(2026, 3, 5)) == text
    assert format_date(None) == ""


def test_the_context_uses_the_crm_date_style_and_the_sheet_headers_of_the_language() -> None:
    assert context(HUBSPOT, "fr").date_of(date(2026, 3, 5)) == "2026-03-05"
    assert context(ZOHO, "en").date_of(date(2026, 3, 5)) == "03/05/2026"
    assert context(HUBSPOT, "fr").column["expected_close"] == "Date de clôture prévue"
    assert context(HUBSPOT, "en").column["expected_close"] == "Expected close date"


def test_single_value_columns_are_filled_for_the_entities_asked() -> None:
    roles = context(SALESFORCE).with_constants({"deal_id": ["a", "b"]}, ("contact_roles",))
    assert roles == {"deal_id": ["a", "b"], "is_primary": ["true", "true"]}
    tasks = context(HUBSPOT).with_constants({"task_id": ["t"]}, ("tasks",))
    assert tasks == {"task_id": ["t"], "task_type": ["CALL"], "task_status": ["NOT_STARTED"]}
    assert context(HUBSPOT).with_constants({"deal_id": ["a"]}, ("deals",)) == {"deal_id": ["a"]}
