"""The UDFs as xlwings' Windows add-in sees them: metadata, VBA import, value cleaning."""

from __future__ import annotations

import inspect
import io
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import xlwings
from xlwings import conversion

from tests.xlplugin.excel_harness import ERROR_CODES, MISSING, WindowsXlwings, com
from xlplugin.arguments import com_value

UDFS = (
    "FORECAST_WEIGHTED",
    "CONVERSION_RATE",
    "FUNNEL",
    "OVERDUE_FOLLOWUPS",
    "NEXT_FOLLOWUP",
    "REQUIRED_PROSPECTS",
    "WIN_RATE",
    "PIPELINE_COVERAGE",
    "SALES_CYCLE_DAYS",
    "STAGE_PROBABILITY",
    "DATA_QUALITY",
)
MACROS = ("refresh_dashboard", "export_crm")
SPILLING = ("FUNNEL", "OVERDUE_FOLLOWUPS", "DATA_QUALITY", "REQUIRED_PROSPECTS")


def exported(excel: WindowsXlwings) -> dict[str, dict[str, Any]]:
    """What « Import Functions » exports: every module attribute carrying __xlfunc__."""
    module = excel.udfs
    return {
        name: getattr(module, name).__xlfunc__
        for name in dir(module)
        if hasattr(getattr(module, name), "__xlfunc__")
    }


# --- the harness runs xlwings' own code ---------------------------------------------------


def test_the_engine_cleaning_values_is_xlwings_windows_code(excel: WindowsXlwings) -> None:
    engine = xlwings.engines["excel"].impl
    source = Path(engine.clean_value_data.__code__.co_filename)
    assert source == Path(xlwings.__file__).with_name("_xlwindows.py")
    assert type(engine).__module__ == "xlwings._xlwindows"
    assert Path(str(excel.xlwings_udfs.__file__)).name == "udfs.py"


def test_values_are_cleaned_as_on_windows(excel: WindowsXlwings) -> None:
    raw = com([[datetime(2026, 3, 1, 9, 30), None, 1.5], ["x", "", -2146826246]])
    plain = conversion.read(None, raw, {"ndim": 2})
    assert plain == [[datetime(2026, 3, 1, 9, 30), None, 1.5], ["x", None, None]]
    assert type(plain[0][0]) is datetime and plain[0][0].tzinfo is None
    kept = conversion.read(None, raw, {"ndim": 2, "err_to_str": True})
    assert kept[1][2] == "#N/A"
    written = conversion.write([[datetime(2026, 3, 1), None, 2.0]], None, {})
    assert written == [[datetime(2026, 3, 1, tzinfo=UTC), "", 2.0]]


def test_every_excel_error_code_becomes_its_text(excel: WindowsXlwings) -> None:
    """xlwings names the seven classic errors; the dynamic-array era ones (#SPILL!, #CALC!…)
    reach Python as integers, and the plugin names them where COM values enter."""
    raw = tuple((code,) for code in ERROR_CODES.values())
    read = [row[0] for row in conversion.read(None, raw, {"ndim": 2, "err_to_str": True})]
    texts, codes = list(ERROR_CODES), list(ERROR_CODES.values())
    assert read[:7] == texts[:7]
    assert read[7:] == codes[7:]
    assert [com_value(v) for v in read] == texts


# --- metadata: what the function wizard shows -------------------------------------------


def test_the_module_exports_every_udf_and_macro(excel: WindowsXlwings) -> None:
    found = exported(excel)
    assert set(found) == {*UDFS, *MACROS}
    assert all(not found[name]["sub"] for name in UDFS)
    assert all(found[name]["sub"] for name in MACROS)


@pytest.mark.parametrize("name", UDFS)
def test_every_udf_has_a_description_and_help_for_each_argument(
    excel: WindowsXlwings, name: str
) -> None:
    info = excel.metadata(name)
    assert info["name"] == name and info["category"] == "salespipe"
    description = info["ret"]["doc"]
    assert 40 <= len(description) <= 255 and "\n" not in description
    signature = inspect.signature(getattr(excel.udfs, name))
    assert [a["name"] for a in info["args"]] == list(signature.parameters)
    for arg in info["args"]:
        assert not arg["doc"].startswith("Positional argument"), arg["name"]
        assert 10 <= len(arg["doc"]) <= 255, arg["name"]
        optional = signature.parameters[arg["name"]].default is not inspect.Parameter.empty
        assert ("optional" in arg) == optional
        assert arg["doc"].startswith("Facultatif") == optional, arg["name"]


@pytest.mark.parametrize("name", UDFS)
def test_arguments_keep_excel_errors_and_ranges_arrive_2d(excel: WindowsXlwings, name: str) -> None:
    for arg in excel.metadata(name)["args"]:
        options = arg["options"]
        assert options["err_to_str"] is True, arg["name"]
        assert options.get("ndim") in (None, 2)
        # A type hint becomes the converter: it must be one xlwings knows (no unions).
        assert options["convert"] in conversion.accessors
    ret = excel.metadata(name)["ret"]["options"]
    assert "expand" not in ret  # spilling is Excel's native dynamic arrays
    assert ret["convert"] in conversion.accessors


class _Recorder:
    def __init__(self) -> None:
        self.calls: list[tuple[tuple[Any, ...], dict[str, Any]]] = []

    def __call__(self, *args: Any, **kwargs: Any) -> None:
        self.calls.append((args, kwargs))


class _Obj:
    def __init__(self, **attributes: Any) -> None:
        self.__dict__.update(attributes)


class _VBComponents:
    """VBProject.VBComponents: keeps the text of the VBA module xlwings imports."""

    def __init__(self) -> None:
        self.imported: list[str] = []

    def __call__(self, name: str) -> str:
        return name

    def Remove(self, component: str) -> None:
        pass

    def Import(self, path: str) -> None:
        self.imported.append(Path(path).read_text(encoding="utf-8"))


def test_import_functions_registers_descriptions_with_excel(excel: WindowsXlwings) -> None:
    """xlwings' « Import Functions » (import_udfs) on a fake workbook: the VBA module it
    imports and the MacroOptions it sets, i.e. what Excel's function wizard shows."""
    components, macro_options = _VBComponents(), _Recorder()
    workbook = _Obj(
        Name="Pipeline.xlsm",
        Worksheets=[],
        VBProject=_Obj(VBComponents=components),
        Application=_Obj(Version="16.0", MacroOptions=macro_options),
    )
    excel.xlwings_udfs.import_udfs("xlplugin.udfs", workbook)
    vba = components.imported[0]
    assert (
        "Function FORECAST_WEIGHTED(amounts, probabilities_or_stages, Optional close_dates" in vba
    )
    call = 'XLPy.CallUDF("xlplugin.udfs", "FUNNEL", Array(stages, statuses, stage_table, amounts)'
    assert call in vba
    assert "Sub refresh_dashboard()" in vba
    options = {args[0].split("!")[1]: kwargs for args, kwargs in macro_options.calls}
    assert set(options) == {*UDFS, *MACROS}
    forecast = options["FORECAST_WEIGHTED"]
    assert forecast["Category"] == "salespipe"
    assert forecast["Description"].startswith("Prévision pondérée")
    assert forecast["ArgumentDescriptions"][0].startswith("Montants HT")
    assert len(forecast["ArgumentDescriptions"]) == 8


def test_generated_vba_passes_every_argument_in_order(excel: WindowsXlwings) -> None:
    out = io.StringIO()
    workbook = _Obj(Name="Pipeline.xlsm")
    excel.xlwings_udfs.generate_vba_wrapper("xlplugin.udfs", excel.udfs, out, workbook)
    vba = out.getvalue()
    assert (
        "Function NEXT_FOLLOWUP(last_contact, touches, Optional cadence, Optional stage_entered)"
        in vba
    )
    assert "Function REQUIRED_PROSPECTS(target, rates)" in vba


def test_an_omitted_optional_argument_reaches_the_udf_as_its_default(
    excel: WindowsXlwings,
) -> None:
    amounts, probabilities = com([[1000.0]]), com([[0.5]])
    explicit = (MISSING,) * 5
    assert excel.call("FORECAST_WEIGHTED", amounts, probabilities, *explicit) == 500.0
    assert excel.call("FORECAST_WEIGHTED", amounts, probabilities) == 500.0
