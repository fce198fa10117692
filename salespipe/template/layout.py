"""What the template holds and where: sheets, sizes, cell positions, column letters.

Cell positions that tests and other front ends read are module constants.
"""

from __future__ import annotations

from datetime import date

from openpyxl.utils import get_column_letter

from salespipe.core.metrics.business_days import french_holidays
from salespipe.core.reading.tables import ACTION_HEADERS, DEAL_HEADERS, STAGE_HEADERS
from salespipe.core.texts import Entry, section

#: Sheet keys → (French name, English name), in workbook order.
SHEETS: dict[str, Entry] = section("template.sheet.")
TABLE_NAME = "Pipeline"

#: The functions the native formulas use: all exist in Excel, LibreOffice and Google Sheets.
NATIVE_FUNCTIONS = (
    "AND",
    "COUNT",
    "COUNTA",
    "COUNTIF",
    "COUNTIFS",
    "CHOOSE",
    "DATE",
    "DAY",
    "EOMONTH",
    "IF",
    "IFERROR",
    "INDEX",
    "INT",
    "ISNUMBER",
    "ISTEXT",
    "MATCH",
    "MAX",
    "MIN",
    "MONTH",
    "NETWORKDAYS",
    "NOT",
    "OR",
    "SUBSTITUTE",
    "SUM",
    "SUMIFS",
    "SUMPRODUCT",
    "TODAY",
    "TRIM",
    "UPPER",
    "VALUE",
    "VLOOKUP",
    "WEEKDAY",
    "WORKDAY",
    "YEAR",
)

# --- sizes and positions --------------------------------------------------------------

DEAL_ROWS = 500  # pre-formatted rows of the Pipeline table
FIRST_ROW = 2
LAST_ROW = FIRST_ROW + DEAL_ROWS - 1
STAGE_ROWS = 20
STAGE_LAST = 1 + STAGE_ROWS
ACTION_ROWS = 100
#: Plan d'actions: the months of the week grid on row 1, the headers on row 2.
ACTION_HEADER_ROW = 2
ACTION_FIRST = ACTION_HEADER_ROW + 1
ACTION_LAST = ACTION_FIRST + ACTION_ROWS - 1
LIST_ROWS = 15  # owners and action owners in Paramètres (and on the dashboard)
FUNNEL_ROWS = 10  # open stages shown in the funnel
MONTHS = 12
HOLIDAY_YEARS = (2024, 2035)
#: Week columns of the action-plan grid: 53, for the ISO years that have a week 53 (the demo
#: company plans 52 weeks: salespipe.sample.PLAN_WEEKS).
WEEKS = 53

DEAL_FIELDS = tuple(DEAL_HEADERS)
STAGE_FIELDS = tuple(STAGE_HEADERS)
ACTION_FIELDS = tuple(ACTION_HEADERS)

#: Managed columns right of each table (after one blank column), key → headers, in
#: column order.
DEAL_HELPERS: dict[str, Entry] = section("template.helper.deals.")
STAGE_HELPERS: dict[str, Entry] = section("template.helper.stages.")
ACTION_HELPERS: dict[str, Entry] = section("template.helper.actions.")

#: Paramètres: label rows of column B.
PARAMS: dict[str, int] = {
    "as_of": 3,
    "target": 4,
    "period_start": 5,
    "period_end": 6,
    "max_touches": 7,
    "first_month": 8,
    "plan_year": 9,
}
CADENCE_FIRST = 12
CADENCE_ROWS = 12
#: Paramètres list columns (header on row 1, values from row 2).
LISTS = {
    "owners": "D",
    "action_owners": "E",
    "statuses": "F",
    "segments": "G",
    "temperatures": "H",
    "action_types": "I",
    "levers": "J",
    "holidays": "K",
}
STATUS_WORD_COLUMNS = ("M", "N")
STAGE_WORD_COLUMNS = ("P", "Q")
WEEK_ROW = 2
WEEK_FIRST_COLUMN = 20  # T2:BT2 hold 1..53

# Dashboard: the synthesis (label in A, value in B), from row 5.
SUMMARY_KEYS = (
    "deals",
    "open_deals",
    "won_deals",
    "lost_deals",
    "open_amount",
    "weighted_open",
    "won_amount",
    "win_rate",
    "period_start",
    "period_end",
    "period_forecast",
    "target",
    "won_in_period",
    "attainment",
    "forecast_attainment",
    "remaining_target",
    "open_in_period",
    "weighted_open_in_period",
    "coverage",
    "weighted_coverage",
    "overdue_followups",
    "due_this_week",
    "nurture",
    "rotting",
    "close_date_passed",
    "action_budget",
)
SUMMARY_FIRST = 5
# Forecast by month, columns D:I, 12 months from row 6, then before, after, no date, total.
MONTH_FIRST = 6
MONTH_COLUMNS = ("month", "won", "weighted_open", "forecast", "open_amount", "deals")
MONTH_BEFORE = MONTH_FIRST + MONTHS
MONTH_AFTER = MONTH_BEFORE + 1
MONTH_NO_DATE = MONTH_AFTER + 1
MONTH_TOTAL = MONTH_NO_DATE + 1
# Period forecast by owner, columns D:H.
OWNER_FIRST = 26
OWNER_COLUMNS = ("owner", "won", "weighted_open", "forecast", "deals")
OWNER_NONE = OWNER_FIRST + LIST_ROWS
OWNER_OTHERS = OWNER_NONE + 1
OWNER_TOTAL = OWNER_OTHERS + 1
# Funnel, columns A:I, one row per open stage then the won line.
FUNNEL_FIRST = 48
FUNNEL_COLUMNS = (
    "stage_row",
    "stage",
    "reached",
    "moved_on",
    "lost_at",
    "open_at",
    "conversion",
    "cumulative_conversion",
    "amount_open",
    "reached_conversion",
)
FUNNEL_WON = FUNNEL_FIRST + FUNNEL_ROWS
# Action-plan budget: by owner in A:B, by month in D:E.
BUDGET_FIRST = 63
BUDGET_OWNER_UNSET = BUDGET_FIRST + LIST_ROWS
BUDGET_OWNER_OTHERS = BUDGET_OWNER_UNSET + 1
BUDGET_OWNER_TOTAL = BUDGET_OWNER_OTHERS + 1
BUDGET_NO_WEEK = BUDGET_FIRST + MONTHS
BUDGET_MONTH_OTHERS = BUDGET_NO_WEEK + 1
BUDGET_MONTH_TOTAL = BUDGET_MONTH_OTHERS + 1

# --- column letters and holidays -----------------------------------------------------


def deal_column(key: str) -> str:
    """Column letter of a deal field (``DEAL_HEADERS`` key) or a managed column on Pipeline."""
    if key in DEAL_HEADERS:
        return get_column_letter(DEAL_FIELDS.index(key) + 1)
    return get_column_letter(len(DEAL_FIELDS) + 2 + list(DEAL_HELPERS).index(key))


def stage_column(key: str) -> str:
    """Column letter of a stage field or a managed column on Étapes."""
    if key in STAGE_HEADERS:
        return get_column_letter(STAGE_FIELDS.index(key) + 1)
    return get_column_letter(len(STAGE_FIELDS) + 2 + list(STAGE_HELPERS).index(key))


def action_column(key: str) -> str:
    """Column letter of an action field, a week box (``"week7"``) or a managed column."""
    if key in ACTION_HEADERS:
        return get_column_letter(ACTION_FIELDS.index(key) + 1)
    if key.startswith("week") and key[4:].isdigit():
        return get_column_letter(len(ACTION_FIELDS) + int(key[4:]))
    return get_column_letter(len(ACTION_FIELDS) + WEEKS + 2 + list(ACTION_HELPERS).index(key))


def holiday_dates() -> list[date]:
    """French public holidays of HOLIDAY_YEARS, sorted: the « Jours fériés » list."""
    return sorted(french_holidays(*HOLIDAY_YEARS))
