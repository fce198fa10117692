"""Read export files back with the csv module and pandas, and check them against
the profile's documented columns and formats."""

from __future__ import annotations

import csv
import io
import re
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from salespipe.core.crm.cleaning import FORMULA_TRIGGERS
from salespipe.core.crm.profiles import Column, CrmProfile, FileSpec

BOM = b"\xef\xbb\xbf"
E164 = re.compile(r"\+[1-9]\d{6,14}")
FORMATS: dict[str, re.Pattern[str]] = {
    "id": re.compile(r"sp_[cpdt]_[0-9a-f]{12}"),
    "email": re.compile(r"[^\s@=+\-@][^\s@]*@[^\s@]+\.[^\s@]+"),
    "domain": re.compile(r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9-]+)*\.[a-z]{2,63}"),
    "digits": re.compile(r"\d{9}"),
    "phone": E164,
    "amount": re.compile(r"\d+\.\d{2}"),
    "number": re.compile(r"\d{1,3}"),
    "crm_id": re.compile(r"\d{1,18}"),
}
DATE_FORMATS = {
    "iso": (re.compile(r"\d{4}-\d{2}-\d{2}"), "%Y-%m-%d"),
    "us": (re.compile(r"\d{2}/\d{2}/\d{4}"), "%m/%d/%Y"),
}


def read_import_file(path: Path, profile: CrmProfile) -> list[list[str]]:
    """All rows (header first) of an import file, decoded as the profile says."""
    raw = path.read_bytes()
    assert not raw.startswith(BOM), f"{path.name}: import files carry no BOM"
    assert b"\r" not in raw, f"{path.name}: LF line endings, no CR in values"
    text = raw.decode(profile.encoding)
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=profile.delimiter))


def read_with_pandas(path: Path, profile: CrmProfile) -> pd.DataFrame:
    return pd.read_csv(
        path, sep=profile.delimiter, encoding=profile.encoding, dtype=str, keep_default_na=False
    )


def read_sheet_file(path: Path) -> list[list[str]]:
    """A file for people (rejects, warnings, maps): UTF-8 with BOM, ';', CRLF."""
    raw = path.read_bytes()
    assert raw.startswith(BOM), f"{path.name}: Excel needs the BOM to read UTF-8"
    text = raw[len(BOM) :].decode("utf-8")
    assert text == "" or text.endswith("\r\n")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def check_value(column: Column, value: str, profile: CrmProfile) -> None:
    """One cell against its column's kind; blank cells only where not required."""
    where = f"{column.header}={value!r}"
    if not value:
        assert not column.required, f"required column blank: {where}"
        return
    if value[0] in FORMULA_TRIGGERS:
        assert column.kind == "phone" and E164.fullmatch(value), f"formula-leading cell: {where}"
    if column.kind == "text":
        assert value == value.strip() and "\t" not in value, where
    elif column.kind == "code":
        assert value in column.values, where
    elif column.kind == "date":
        pattern, fmt = DATE_FORMATS[profile.date_style]
        assert pattern.fullmatch(value), where
        assert date(1700, 1, 1) <= datetime.strptime(value, fmt).date() <= date(4000, 12, 31)
    else:
        assert FORMATS[column.kind].fullmatch(value), where
        if column.kind == "number":
            assert 0 <= int(value) <= 100, where


def check_import_file(path: Path, spec: FileSpec, profile: CrmProfile) -> list[dict[str, str]]:
    """Parse ``path`` with csv and pandas, check header, widths and every cell; the rows."""
    rows = read_import_file(path, profile)
    assert rows, f"{path.name} is empty"
    header, data = rows[0], rows[1:]
    assert tuple(header) == spec.headers
    assert all(len(r) == len(header) for r in data)
    frame = read_with_pandas(path, profile)
    assert tuple(frame.columns) == spec.headers
    assert frame.values.tolist() == data
    for row in data:
        for column, value in zip(spec.columns, row, strict=True):
            check_value(column, value, profile)
    return [dict(zip(header, r, strict=True)) for r in data]


def files_of(folder: Path, spec: FileSpec) -> list[Path]:
    """The file of ``spec`` in ``folder``, or its numbered parts in order."""
    single = folder / f"{spec.stem}.csv"
    if single.exists():
        return [single]
    parts = sorted(folder.glob(f"{spec.stem}_*.csv"))
    assert parts, f"no {spec.stem} file in {folder}"
    return parts
