"""xlwings Lite's calling path for custom functions, with a STAND-IN for Lite's decorators.

Why a stand-in: in xlwings Lite (Pyodide), ``from xlwings import func, arg, ret, script``
gives the Office.js decorators of ``xlwings/pro/udfs_officejs.py`` (``xlfunc``, ``xlarg``,
``xlret``, ``script``), and Lite calls a function through that module's
``custom_functions_call``. The installed xlwings ships that file, but importing it
validates an xlwings PRO licence key (``xlwings/pro/embedded_code.py``:
``LicenseHandler.validate_license("pro")`` at import), which the test machines do not
have, and there is no separate package of Lite's runtime to install. So the real Lite
module cannot be imported here: the decorators below are a stand-in, written after that
source (xlwings 0.37.8), and only as much of it as salespipe's functions use:

- ``func``/``arg``/``ret`` record ``__xlfunc__`` as ``xlfunc``/``xlarg``/``xlret`` do: the
  parameters from ``inspect.signature`` (so through ``functools.wraps``), the defaults of
  the optional ones, the type hints as converters, ``doc`` and the other ``arg`` options;
- ``script`` records ``__xlscript__`` and, as Lite's, requires one parameter annotated
  ``xw.Book``;
- :meth:`LiteXlwings.call` does what ``custom_functions_call`` does with the arguments:
  a 1×1 array becomes a scalar (``to_scalar``), a missing one takes its default, every
  other one goes through xlwings' own (BSD, importable) ``conversion.read`` with the
  recorded options and ``engine_name="officejs"``. The Office.js engine's value cleaning
  (``_xlofficejs._clean_value_data_element``, also licence-gated) is stood in for by
  :class:`OfficeJsValues`: ``""`` and null are blank, an error arrives as a dict
  ``{"type": "Error", "basicValue": "#N/A"}`` (Microsoft: « Custom functions data types
  concepts ») and becomes its text with ``err_to_str``, dates arrive as serial numbers.

What Office.js hands over is built by :func:`officejs`: 2-D lists for ranges, serial
numbers for dates, ``""`` for blank cells, error dicts.
"""

from __future__ import annotations

import importlib.util
import inspect
import sys
import types
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any, get_type_hints

import xlwings
from xlwings import conversion

from tests.xlplugin.excel_harness import ERROR_CODES, ExcelError

MAIN = Path(__file__).resolve().parents[2] / "xlplugin" / "lite" / "main.py"
_DECORATORS = ("func", "arg", "ret", "script")
_FUNCTIONS = "xlplugin.functions"
_EPOCH = date(1899, 12, 30)


# --- the stand-in decorators ---------------------------------------------------------


def _func_meta(f: Any) -> dict[str, Any]:
    if not hasattr(f, "__xlfunc__"):
        hints = get_type_hints(f)
        parameters = list(inspect.signature(f).parameters.values())
        args = []
        for position, parameter in enumerate(parameters):
            if parameter.kind is not inspect.Parameter.POSITIONAL_OR_KEYWORD:
                raise TypeError("xlwings does not support UDFs with keyword arguments")
            info: dict[str, Any] = {
                "name": parameter.name,
                "pos": position,
                "doc": f"Positional argument {position + 1}",
                "options": {},
            }
            if parameter.name in hints:
                info["options"]["convert"] = hints[parameter.name]
            if parameter.default is not inspect.Parameter.empty:
                info["optional"] = parameter.default
            args.append(info)
        doc = f.__doc__ if f.__doc__ is not None else f"Python function '{f.__name__}'"
        f.__xlfunc__ = {
            "name": f.__name__,
            "args": args,
            "argmap": {a["name"]: a for a in args},
            "ret": {"doc": doc, "options": {}},
        }
    meta: dict[str, Any] = f.__xlfunc__
    return meta


def func(f: Any = None, **kwargs: Any) -> Any:
    def inner(f: Any) -> Any:
        _func_meta(f)["options"] = kwargs  # category=…: classic-only, kept as metadata
        return f

    return inner if f is None else inner(f)


def arg(name: str, convert: Any = None, **kwargs: Any) -> Callable[[Any], Any]:
    if convert is not None:
        kwargs["convert"] = convert

    def inner(f: Any) -> Any:
        argmap = _func_meta(f)["argmap"]
        if name not in argmap:
            raise ValueError(f"Invalid argument name '{name}'.")
        if "doc" in kwargs:
            argmap[name]["doc"] = kwargs.pop("doc")
        argmap[name]["options"].update(kwargs)
        return f

    return inner


def ret(convert: Any = None, **kwargs: Any) -> Callable[[Any], Any]:
    if convert is not None:
        kwargs["convert"] = convert

    def inner(f: Any) -> Any:
        _func_meta(f)["ret"]["options"].update(kwargs)
        return f

    return inner


def script(f: Any = None, **kwargs: Any) -> Any:
    def inner(f: Any) -> Any:
        hints = get_type_hints(f)
        books = [name for name, hint in hints.items() if hint is xlwings.Book]
        if len(books) != 1:
            raise TypeError("No xlwings.Book found in your function arguments!")
        f.__xlscript__ = {"name": kwargs.get("name"), **kwargs}
        return f

    return inner if f is None else inner(f)


# --- the Office.js values ------------------------------------------------------------


class OfficeJsValues:
    """Stand-in for the Office.js engine's value cleaning (see the module docstring)."""

    name = "officejs"
    type = "remote"

    @staticmethod
    def clean_value_data(
        data: list[list[Any]],
        datetime_builder: Any,
        empty_as: Any,
        number_builder: Any,
        err_to_str: bool,
    ) -> list[list[Any]]:
        def clean(value: Any) -> Any:
            if value is None or value == "":
                return empty_as
            if isinstance(value, dict):
                if value["type"] == "Error":
                    return value["basicValue"] if err_to_str else None
                return value["basicValue"]
            if number_builder is not None and isinstance(value, float):
                return number_builder(value)
            return value

        return [[clean(v) for v in row] for row in data]


def error(text: str) -> dict[str, Any]:
    """An Excel error as an Office.js custom function receives it."""
    return {"type": "Error", "basicValue": text, "errorType": "NotAvailable"}


def serial(day: date | datetime) -> float:
    """A date as Office.js hands it over: Excel's serial number."""
    return float(((day.date() if isinstance(day, datetime) else day) - _EPOCH).days)


def officejs(value: Any) -> Any:
    """A value (a cell, or rows of cells as the Windows tests write them) as Office.js sends
    it to a custom function: ranges 2-D, dates as serials, blanks as "", errors as dicts."""
    if isinstance(value, (list, tuple)):
        rows = [row if isinstance(row, (list, tuple)) else [row] for row in value]
        return [[officejs(v) for v in row] for row in rows]
    if isinstance(value, ExcelError):
        return error(next(text for text, code in ERROR_CODES.items() if code == value.code))
    if isinstance(value, (date, datetime)):
        return serial(value)
    if value is None:
        return ""
    return value


class LiteXlwings:
    """``main.py`` as xlwings Lite loads it, with the stand-in decorators."""

    def __init__(self, main: types.ModuleType) -> None:
        self.main = main

    def functions(self) -> dict[str, Any]:
        """What Lite registers: every member of main.py carrying ``__xlfunc__``."""
        return {n: f for n, f in inspect.getmembers(self.main) if hasattr(f, "__xlfunc__")}

    def scripts(self) -> dict[str, Any]:
        return {n: f for n, f in inspect.getmembers(self.main) if hasattr(f, "__xlscript__")}

    def call(self, name: str, *args: Any) -> Any:
        """``=NAME(args…)`` as Lite runs it; ``args`` as Office.js sends them (:func:`officejs`)."""
        function = getattr(self.main, name)
        infos = function.__xlfunc__["args"]
        values = []
        for info, value in zip(infos, list(args) + [None] * (len(infos) - len(args)), strict=True):
            value = _to_scalar(value)
            if value is None:  # an argument left out ("" is an empty cell: read below)
                values.append(info.get("optional"))
            else:
                values.append(conversion.read(None, value, info["options"], engine_name="officejs"))
        return function(*values)


def _to_scalar(value: Any) -> Any:
    """``udfs_officejs.to_scalar``: a one-cell array is its value."""
    if isinstance(value, (list, tuple)) and len(value) == 1:
        value = (
            value[0][0] if isinstance(value[0], (list, tuple)) and len(value[0]) == 1 else value[0]
        )
    return value


@contextmanager
def lite_xlwings() -> Iterator[LiteXlwings]:
    """Import ``xlplugin/lite/main.py`` (and the modules of xlplugin.functions afresh) with
    the stand-in decorators as ``xlwings.func/arg/ret/script`` and the Office.js engine
    registered; undo everything on exit."""
    saved = {name: getattr(xlwings, name, None) for name in _DECORATORS}
    saved_engines = (list(xlwings.engines.engines), dict(xlwings.engines.engines_by_name))
    stand_ins = {"func": func, "arg": arg, "ret": ret, "script": script}
    try:
        for name, decorator in stand_ins.items():
            setattr(xlwings, name, decorator)
        xlwings.engines.add(xlwings.Engine(impl=OfficeJsValues()))
        _forget_function_modules()
        spec = importlib.util.spec_from_file_location("lite_main", MAIN)
        assert spec is not None and spec.loader is not None
        main = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(main)
        yield LiteXlwings(main)
    finally:
        for name, decorator in saved.items():
            if decorator is None:
                xlwings.__dict__.pop(name, None)
            else:
                setattr(xlwings, name, decorator)
        xlwings.engines.engines, xlwings.engines.engines_by_name = saved_engines
        _forget_function_modules()


def _forget_function_modules() -> None:
    for name in [n for n in sys.modules if n.startswith(_FUNCTIONS)]:
        del sys.modules[name]
