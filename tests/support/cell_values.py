"""Cell contents for the Sheets emulator: what a write stores and how a read renders it.

Google's ValueInputOption (RAW vs USER_ENTERED) and ValueRenderOption, as documented and
recorded (docs/sources.md):

* RAW stores JSON strings as text, numbers as numbers, booleans as booleans;
* USER_ENTERED parses strings like the UI in the spreadsheet's locale: numbers (with
  grouping, ``0042`` -> 42), percents, ISO and locale dates (serials from 1899-12-30,
  with a date format kept on the cell), ``TRUE``/``FALSE``, a leading apostrophe (text),
  and formulas (stored; literal arithmetic such as ``=3/2`` is computed, other formulas
  evaluate to ``#NAME?``);
* FORMATTED_VALUE renders through the cell's number format (General when none),
  UNFORMATTED_VALUE gives JSON numbers (integral ones without ``.0``), FORMULA gives the
  formula text; ``dateTimeRenderOption=FORMATTED_STRING`` renders date-formatted cells as
  text under UNFORMATTED_VALUE and FORMULA.
"""

from __future__ import annotations

import ast
import operator
import re
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

EPOCH = datetime(1899, 12, 30)
MAX_CELL_CHARS = 50_000
DATE_TYPES = ("DATE", "TIME", "DATE_TIME")

Scalar = str | int | float | bool


@dataclass(frozen=True, slots=True)
class Cell:
    """An immutable cell: effective value, formula text, userEnteredFormat, note."""

    value: Scalar | None = None
    formula: str | None = None
    fmt: dict[str, Any] | None = None
    note: str | None = None

    def with_content(self, value: Scalar | None, formula: str | None, number_format: Any) -> Cell:
        """This cell with new contents; a detected number format applies only if none is set."""
        fmt = self.fmt
        if number_format and not (fmt and fmt.get("numberFormat")):
            fmt = {**(fmt or {}), "numberFormat": number_format}
        return replace(self, value=value, formula=formula, fmt=fmt)

    @property
    def is_blank(self) -> bool:
        return self.value is None and self.formula is None


def number_format(cell: Cell | None) -> dict[str, Any] | None:
    return (cell.fmt or {}).get("numberFormat") if cell is not None and cell.fmt else None


# ---------------------------------------------------------------- writing


def parse_raw(value: Scalar) -> tuple[Scalar | None, str | None, dict[str, str] | None]:
    """RAW: the JSON value as it is; ``""`` empties the cell."""
    if value == "" and isinstance(value, str):
        return None, None, None
    return value, None, None


def parse_user_entered(
    value: Scalar, locale: str
) -> tuple[Scalar | None, str | None, dict[str, str] | None]:
    """USER_ENTERED: (effective value, formula, detected number format)."""
    if not isinstance(value, str):
        return value, None, None
    text = value
    if text == "":
        return None, None, None
    if text.startswith("'"):
        return text[1:], None, None
    if text.startswith("=") and len(text) > 1:
        return evaluate_formula(text), text, None
    stripped = text.strip()
    if stripped.upper() in ("TRUE", "FALSE"):
        return stripped.upper() == "TRUE", None, None
    parsed = parse_number(stripped, locale) or parse_date(stripped, locale)
    if parsed is not None:
        return parsed
    return text, None, None


def _separators(locale: str) -> tuple[str, str]:
    """(decimal separator, grouping characters) of a locale."""
    lang = locale.split("_")[0].lower()
    if lang in ("fr", "de", "es", "it", "pt", "nl", "ru", "pl"):
        return ",", " \u00a0\u202f." if lang != "fr" else " \u00a0\u202f"
    return ".", ","


def parse_number(text: str, locale: str) -> tuple[float | int, None, dict[str, str] | None] | None:
    """``1,234.5``, ``0042``, ``-3e2``, ``30%``, ``12,5`` (fr_FR) -> number and its format."""
    decimal, groups = _separators(locale)
    percent = text.endswith("%")
    body = text[:-1].rstrip() if percent else text
    sign = -1 if body.startswith("-") else 1
    body = body.lstrip("+-")
    grouped = any(g in body for g in groups)
    int_part, _, frac = body.partition(decimal)
    exponent = ""
    m = re.fullmatch(r"(.*?)([eE][+-]?\d+)", frac or int_part)
    if m:
        if frac:
            frac, exponent = m.groups()
        else:
            int_part, exponent = m.groups()
    if grouped:
        pieces = re.split("[" + re.escape(groups) + "]", int_part)
        if not pieces[0] or len(pieces[0]) > 3 or any(len(p) != 3 for p in pieces[1:]):
            return None
        int_part = "".join(pieces)
    if not re.fullmatch(r"\d*", int_part) or not re.fullmatch(r"\d*", frac):
        return None
    if not (int_part or frac):
        return None
    number = float(f"{int_part or '0'}.{frac or '0'}{exponent}") * sign
    if percent:
        number /= 100
    value: float | int = int(number) if number.is_integer() and abs(number) < 2**53 else number
    decimals = "." + "0" * len(frac) if frac else ""
    if percent:
        return value, None, {"type": "PERCENT", "pattern": f"0{decimals}%"}
    if grouped:
        return value, None, {"type": "NUMBER", "pattern": f"#,##0{decimals}"}
    return value, None, None


def parse_date(text: str, locale: str) -> tuple[float | int, None, dict[str, str]] | None:
    """ISO ``2020-01-01`` (and with a time), or ``1/3/2024`` month-first in en_US."""
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?", text)
    if m:
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
        pattern, typ = "yyyy-mm-dd", "DATE"
    else:
        m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?", text)
        if not m:
            return None
        first, second, y = int(m[1]), int(m[2]), int(m[3])
        month_first = locale in ("en_US", "en_PH", "en_CA")
        mo, d = (first, second) if month_first else (second, first)
        pattern, typ = ("M/d/yyyy" if month_first else "dd/MM/yyyy"), "DATE"
    try:
        day = date(y, mo, d)
    except ValueError:
        return None
    serial: float | int = (day - EPOCH.date()).days
    if m.group(4) is not None:
        seconds = int(m.group(4)) * 3600 + int(m.group(5)) * 60 + int(m.group(6) or 0)
        serial = serial + seconds / 86400
        pattern, typ = pattern + " hh:mm:ss", "DATE_TIME"
    return serial, None, {"type": typ, "pattern": pattern}


_OPS: dict[type, Any] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.Pow: operator.pow,
    ast.USub: operator.neg,
    ast.UAdd: operator.pos,
}


def evaluate_formula(formula: str) -> Scalar:
    """Literal arithmetic (``=4/2``, ``= 1 / 1024``) is computed; anything else is ``#NAME?``."""
    try:
        tree = ast.parse(formula[1:].strip().replace("^", "**"), mode="eval")
        result = _arith(tree.body)
    except (SyntaxError, ValueError, ZeroDivisionError, OverflowError):
        return "#NAME?" if "(" in formula or re.search("[A-Za-z]", formula) else "#ERROR!"
    return int(result) if float(result).is_integer() and abs(result) < 2**53 else result


def _arith(node: ast.AST) -> float:
    if isinstance(node, ast.Constant) and type(node.value) in (int, float):
        return float(node.value)
    if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
        return float(_OPS[type(node.op)](_arith(node.left), _arith(node.right)))
    if isinstance(node, ast.UnaryOp) and type(node.op) in _OPS:
        return float(_OPS[type(node.op)](_arith(node.operand)))
    raise ValueError("unsupported formula")


# ---------------------------------------------------------------- reading


def render(cell: Cell | None, value_render: str, datetime_render: str) -> Scalar | None:
    """One cell as values.get returns it; None for a blank cell."""
    if cell is None or cell.is_blank:
        return None
    if value_render == "FORMATTED_VALUE":
        return format_value(cell)
    if value_render == "FORMULA" and cell.formula is not None:
        return cell.formula
    nf = number_format(cell)
    if (
        datetime_render == "FORMATTED_STRING"
        and nf
        and nf.get("type") in DATE_TYPES
        and isinstance(cell.value, (int, float))
        and not isinstance(cell.value, bool)
    ):
        return format_value(cell)
    return unformatted(cell.value)


def unformatted(value: Scalar | None) -> Scalar | None:
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def format_value(cell: Cell) -> str:
    """FORMATTED_VALUE: the text a person sees in the cell."""
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, str):
        return value
    nf = number_format(cell)
    if not nf or nf.get("type") in (None, "TEXT") or not nf.get("pattern"):
        if nf and nf.get("type") in DATE_TYPES:
            return format_date(value, _DEFAULT_DATE_PATTERNS[nf["type"]])
        return format_general(value)
    if nf.get("type") in DATE_TYPES:
        return format_date(value, nf["pattern"])
    return format_number(value, nf["pattern"])


_DEFAULT_DATE_PATTERNS = {
    "DATE": "M/d/yyyy",
    "TIME": "h:mm:ss am/pm",
    "DATE_TIME": "M/d/yyyy H:mm:ss",
}


def format_general(value: float | int) -> str:
    """General format: integers plainly, other numbers to 15 significant digits."""
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    text = format(float(value), ".15g")
    return text.replace("e+", "E+").replace("e-", "E-")


def format_number(value: float | int, pattern: str) -> str:
    """Number patterns: ``0``, ``0.00``, ``#,##0.00``, ``0%``, quoted literals, ``[$€]``."""
    literal = re.sub(
        r'"([^"]*)"|\[\$([^\]-]*)[^\]]*\]', lambda m: m.group(1) or m.group(2) or "", pattern
    )
    core = re.search(r"[#0][#0,]*(?:\.[0#]+)?%?", literal)
    if not core:
        return format_general(value)
    spec = core.group(0)
    # A % anywhere outside quotes scales by 100 (« 0.0 % » as well as « 0% »).
    percent = "%" in re.sub(r'"[^"]*"', "", pattern)
    if percent:
        value = value * 100
    decimals = len(spec.split(".")[1].rstrip("%")) if "." in spec else 0
    text = f"{abs(value):{',' if ',' in spec else ''}.{decimals}f}"
    if value < 0 and float(text.replace(",", "")) != 0:
        text = "-" + text
    return (
        literal[: core.start()] + text + ("%" if spec.endswith("%") else "") + literal[core.end() :]
    )


_DATE_TOKENS = re.compile(r"yyyy|yy|mmmm|mmm|mm|m|dddd|ddd|dd|d|hh|h|ss|s|am/pm|\"[^\"]*\"", re.I)


def format_date(serial: float | int, pattern: str) -> str:
    """Date/time patterns: ``yyyy-mm-dd``, ``dd/MM/yyyy``, ``M/d/yyyy hh:mm:ss``."""
    moment = EPOCH + timedelta(days=float(serial))
    moment = moment.replace(microsecond=0) + timedelta(seconds=round(moment.microsecond / 1e6))
    tokens = list(_DATE_TOKENS.finditer(pattern))
    out, last = [], 0
    for i, tok in enumerate(tokens):
        out.append(pattern[last : tok.start()])
        last = tok.end()
        out.append(_date_token(tok.group(0), moment, tokens, i))
    out.append(pattern[last:])
    return "".join(out)


def _date_token(tok: str, moment: datetime, tokens: list[re.Match[str]], i: int) -> str:
    low = tok.lower()
    if low.startswith('"'):
        return tok[1:-1]
    if low in ("m", "mm"):
        prev = tokens[i - 1].group(0).lower() if i else ""
        nxt = tokens[i + 1].group(0).lower() if i + 1 < len(tokens) else ""
        if prev.startswith("h") or nxt.startswith("s"):
            return f"{moment.minute:0{len(low)}d}"
        return f"{moment.month:0{len(low)}d}"
    table = {
        "yyyy": f"{moment.year:04d}",
        "yy": f"{moment.year % 100:02d}",
        "mmmm": moment.strftime("%B"),
        "mmm": moment.strftime("%b"),
        "dddd": moment.strftime("%A"),
        "ddd": moment.strftime("%a"),
        "dd": f"{moment.day:02d}",
        "d": str(moment.day),
        "hh": f"{moment.hour:02d}",
        "h": str(moment.hour),
        "ss": f"{moment.second:02d}",
        "s": str(moment.second),
        "am/pm": "AM" if moment.hour < 12 else "PM",
    }
    return table[low]
