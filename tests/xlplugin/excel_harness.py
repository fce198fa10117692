"""xlwings' Windows UDF machinery, running on Linux for the tests.

On Windows, Excel calls a UDF through the VBA wrapper that « Import Functions »
generates: ``XLPy.CallUDF(module, name, args, workbook, caller)`` reaches
``xlwings.com_server.XLPython.CallUDF``, which runs ``xlwings.udfs.call_udf``:
each argument read by ``xlwings.conversion.read`` with the options the
decorators recorded in ``__xlfunc__``, the function called, the result written
by ``xlwings.conversion.write``, a 1×1 result handed back as a scalar. Cleaning
values is the Windows engine's job (``_xlwindows.Engine.clean_value_data`` and
``prepare_xl_data_element``: pywin32 dates to ``datetime``, error codes to text
or None, None to "").

:class:`WindowsXlwings` runs that same path with the real xlwings code:

- the pywin32 modules are stubbed in ``sys.modules`` (only names the imports and
  the calls below touch, with the behaviour pywin32 has for them);
- the Windows engine module is compiled from xlwings' own ``_xlwindows.py``
  minus the top-level statements that load Windows DLLs (checked: if an
  xlwings upgrade changes them, the harness fails loudly rather than drifts), so
  the engine that cleans values *is* xlwings' code, not a copy;
- ``xlwings.udfs`` and ``xlwings.com_server`` are imported for real, and the decorators
  ``xw.func/arg/ret/script/sub`` are exactly those the installed ``xlwings/__init__.py``
  imports from ``.udfs`` on Windows (read from its source: an xlwings without ``script``
  has none here either); ``xlplugin.udfs`` and the modules of
  ``xlplugin.functions`` it imports are then imported afresh, so their decorators
  attach the real ``__xlfunc__`` metadata.

Values are passed as COM hands them to Python (:func:`com`): tuples of tuples,
pywin32 dates (timezone-aware), ``None`` for blank cells, floats, and Excel
errors as their integer codes; a range argument may also be given as
:class:`ComRange`, read through ``Range.Value`` like a cell reference.
"""

from __future__ import annotations

import ast
import datetime as dt
import importlib
import sys
import types
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import xlwings

#: Excel error codes as pywin32 hands them over (VT_ERROR): the seven of xlwings'
#: _xlwindows.py, and the dynamic-array era ones (0x800A0000 + XlCVError: #SPILL! is 2045,
#: #CALC! 2050, measured as -2146826238 on Excel 365), which xlwings passes on as integers.
ERROR_CODES = {
    "#DIV/0!": -2146826281,
    "#N/A": -2146826246,
    "#NAME?": -2146826259,
    "#NULL!": -2146826288,
    "#NUM!": -2146826252,
    "#REF!": -2146826265,
    "#VALUE!": -2146826273,
    "#GETTING_DATA": -2146826245,
    "#SPILL!": -2146826243,
    "#CONNECT!": -2146826242,
    "#BLOCKED!": -2146826241,
    "#UNKNOWN!": -2146826240,
    "#FIELD!": -2146826239,
    "#CALC!": -2146826238,
}
#: What VBA passes for an omitted optional argument (DISP_E_PARAMNOTFOUND).
MISSING = -2147352572
#: The interface id of an Excel Range, which ``is_range_instance`` checks.
RANGE_IID = "{00020846-0000-0000-C000-000000000046}"
#: Rows of a whole column (A:A) in Excel 2007 and later.
WHOLE_COLUMN = 1_048_576

_STUBBED = (
    "pywintypes",
    "pythoncom",
    "win32api",
    "win32con",
    "win32gui",
    "win32process",
    "win32timezone",
    "win32event",
    "win32com",
    "win32com.client",
    "win32com.server",
    "win32com.server.util",
    "win32com.server.dispatcher",
    "win32com.server.policy",
)
_WINDOWS_MODULES = ("xlwings._xlwindows", "xlwings.udfs", "xlwings.com_server")
_DECORATORS = ("func", "arg", "ret", "script", "sub")
#: The module named in « UDF Modules »; the functions it imports are defined under _FUNCTIONS.
UDF_MODULE = "xlplugin.udfs"
_FUNCTIONS = "xlplugin.functions."


class ExcelError:
    """An error value in a cell, e.g. ``ExcelError("#N/A")``; :func:`com` makes it a code."""

    def __init__(self, text: str) -> None:
        self.code = ERROR_CODES[text]


# --- pywin32 stubs ----------------------------------------------------------------------


class TimeType(dt.datetime):
    """pywintypes.TimeType: pywin32's date, a timezone-aware datetime subclass."""


def _module(name: str, **attributes: Any) -> types.ModuleType:
    module = types.ModuleType(name)
    module.__dict__.update(attributes)
    return module


def _pywin32_stubs() -> dict[str, types.ModuleType]:
    class ComError(Exception):
        pass

    class PyIDispatch:
        pass

    class TimeZoneInfo:
        @staticmethod
        def utc() -> dt.tzinfo:
            return dt.UTC

    def unwrap(obj: Any) -> Any:
        raise ValueError("not a wrapped Python object")  # as pywin32 for a plain value

    def dispatch(obj: Any, *args: Any, **kwargs: Any) -> Any:
        return obj

    iid_dispatch = "{00020400-0000-0000-C000-000000000046}"
    noop = lambda *args, **kwargs: None  # noqa: E731
    client_classes = {
        name: type(name, (), {}) for name in ("CDispatch", "CoClassBaseClass", "DispatchBaseClass")
    }
    stubs = {
        "pywintypes": _module(
            "pywintypes", TimeType=TimeType, IID=str.upper, com_error=ComError, error=ComError
        ),
        "pythoncom": _module(
            "pythoncom",
            CoInitialize=noop,
            IID_IDispatch=iid_dispatch,
            IID_IEnumVARIANT="{00020404-0000-0000-C000-000000000046}",
            TypeIIDs={iid_dispatch: PyIDispatch},
        ),
        "win32api": _module("win32api"),
        "win32con": _module("win32con"),
        "win32gui": _module("win32gui"),
        "win32event": _module("win32event"),
        "win32process": _module("win32process", GetWindowThreadProcessId=lambda hwnd: (1, 4242)),
        "win32timezone": _module("win32timezone", TimeZoneInfo=TimeZoneInfo),
        "win32com": _module("win32com", __path__=[]),
        "win32com.client": _module(
            "win32com.client", Dispatch=dispatch, DispatchEx=dispatch, **client_classes
        ),
        "win32com.server": _module("win32com.server", __path__=[]),
        "win32com.server.util": _module("win32com.server.util", wrap=dispatch, unwrap=unwrap),
        "win32com.server.dispatcher": _module("win32com.server.dispatcher"),
        "win32com.server.policy": _module("win32com.server.policy"),
    }
    for name, module in stubs.items():  # ``import a.b`` then ``a.b.x`` needs a.b on a
        parent, _, child = name.rpartition(".")
        if parent:
            setattr(stubs[parent], child, module)
    return stubs


# --- the Windows engine, from xlwings' source -------------------------------------------

#: ctypes names that only exist on Windows.
_WINDOWS_CTYPES = {"oledll", "windll"}
#: Names whose top-level use loads a Windows DLL; statements using them are left out.
_DLL_NAMES = {*_WINDOWS_CTYPES, "PyDLL", "_PyCom_PyObjectFromIUnknown"}


def _uses_dll(node: ast.stmt) -> bool:
    return any(isinstance(n, ast.Name) and n.id in _DLL_NAMES for n in ast.walk(node))


def windows_engine_module() -> types.ModuleType:
    """``xlwings._xlwindows`` compiled from its source without its DLL-loading statements.

    Left out: ``oledll``/``windll`` from the ``ctypes`` import, the ``CLSIDFromString``
    call and the two ``_PyCom_PyObjectFromIUnknown = PyDLL(pythoncom.__file__)…``
    lines. Everything else, including ``Engine``, ``Range`` and ``is_range_instance``,
    is xlwings' code as shipped.
    """
    path = Path(xlwings.__file__).with_name("_xlwindows.py")
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    kept: list[ast.stmt] = []
    dropped = 0
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module == "ctypes":
            node.names = [a for a in node.names if a.name not in _WINDOWS_CTYPES]
            kept.append(node)
        elif _uses_dll(node) and not isinstance(node, ast.FunctionDef | ast.ClassDef):
            dropped += 1
        else:
            kept.append(node)
    if dropped != 3:
        raise RuntimeError(f"xlwings' _xlwindows.py changed: {dropped} DLL statements, expected 3")
    tree.body = kept
    module = types.ModuleType("xlwings._xlwindows")
    module.__file__, module.__package__ = str(path), "xlwings"
    sys.modules[module.__name__] = module
    exec(compile(tree, str(path), "exec"), module.__dict__)
    return module


# --- values as COM hands them over ------------------------------------------------------


_BLANK_ROW = (None,)


def com(value: Any) -> Any:
    """A Python value as pywin32 delivers it: tuples of tuples, TimeType dates, error codes."""
    if isinstance(value, list | tuple):
        return tuple(_BLANK_ROW if v == [None] else com(v) for v in value)
    if isinstance(value, ExcelError):
        return value.code
    if isinstance(value, dt.datetime):
        return TimeType(
            value.year,
            value.month,
            value.day,
            value.hour,
            value.minute,
            value.second,
            tzinfo=dt.UTC,
        )
    if isinstance(value, dt.date):
        return TimeType(value.year, value.month, value.day, tzinfo=dt.UTC)
    return value


def column(*values: Any, blank_rows: int = 0) -> list[list[Any]]:
    """A one-column range as Excel sends it, followed by ``blank_rows`` empty cells."""
    return [[v] for v in values] + [[None]] * blank_rows


def whole_column(*values: Any) -> list[list[Any]]:
    """``A:A``: the values from row 1, then blank cells down to row 1 048 576."""
    return column(*values, blank_rows=WHOLE_COLUMN - len(values))


class _Obj:
    def __init__(self, **attributes: Any) -> None:
        self.__dict__.update(attributes)


class ComRange:
    """Enough of an Excel Range COM object for xlwings to read it as a cell reference."""

    def __init__(self, grid: list[list[Any]], row: int = 1, col: int = 1) -> None:
        rows, cols = len(grid), len(grid[0])
        self.Value = com(grid) if rows * cols > 1 else com(grid[0][0])
        self.Row, self.Column = row, col
        self.Rows, self.Columns = _Obj(Count=rows), _Obj(Count=cols)
        self.Count = rows * cols  # read by xlwings before 0.34
        app = _Obj(Hwnd=1)
        self.Worksheet = _Obj(Parent=_Obj(Application=app), Name="Pipeline")
        type_attr = _Obj(iid=RANGE_IID)
        self._oleobj_ = _Obj(GetTypeInfo=lambda: _Obj(GetTypeAttr=lambda: type_attr))


# --- the harness --------------------------------------------------------------------------


class WindowsXlwings:
    """xlwings as on Windows, with ``xlplugin.udfs`` imported through it."""

    def __init__(self, udfs: types.ModuleType, com_server: types.ModuleType) -> None:
        self.udfs = udfs
        self.server = com_server.XLPython()
        self.xlwings_udfs = sys.modules["xlwings.udfs"]

    def call(self, name: str, *args: Any) -> Any:
        """``=NAME(args…)`` as Excel runs it: through ``XLPython.CallUDF``.

        ``args`` are COM values (see :func:`com`) or :class:`ComRange` objects; the
        optional arguments left out are passed as :data:`MISSING`, as the VBA wrapper
        does. Returns what VBA gets: a scalar for a 1×1 result, a 1-D list for one
        row, else a list of rows.
        """
        return self.server.CallUDF(self.udfs.__name__, name, self.padded(name, args), None, None)

    def spill(self, name: str, *args: Any) -> list[list[Any]]:
        """Like :meth:`call`, the result kept 2-D (``xlwings.udfs.call_udf`` itself)."""
        padded = self.padded(name, args)
        rows: list[list[Any]] = self.xlwings_udfs.call_udf(
            self.udfs.__name__, name, padded, None, None
        )
        return rows

    def padded(self, name: str, args: tuple[Any, ...]) -> tuple[Any, ...]:
        """``args`` followed by :data:`MISSING` for each optional argument left out."""
        count = len(self.metadata(name)["args"])
        return args + (MISSING,) * (count - len(args))

    def metadata(self, name: str) -> dict[str, Any]:
        info: dict[str, Any] = getattr(self.udfs, name).__xlfunc__
        return info


def windows_decorators() -> dict[str, str]:
    """The UDF decorators xlwings defines on Windows, as ``{name: attribute of xlwings.udfs}``,
    read from the installed ``xlwings/__init__.py`` (``from .udfs import xlfunc as func, …``).
    """
    path = Path(xlwings.__file__)
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module == "udfs":
            names = {a.asname or a.name: a.name for a in node.names}
            if "func" in names:
                return {name: names[name] for name in _DECORATORS if name in names}
    raise RuntimeError("xlwings' __init__.py no longer imports its decorators from .udfs")


@contextmanager
def windows_xlwings(without: tuple[str, ...] = ()) -> Iterator[WindowsXlwings]:
    """Set up :class:`WindowsXlwings`; undo everything on exit (stubs, engine, decorators).

    ``without`` names decorators to leave undefined, as an older xlwings has them (e.g.
    ``("script",)`` for xlwings before 0.33.17).
    """
    saved_modules = {name: sys.modules.get(name) for name in (*_STUBBED, *_WINDOWS_MODULES)}
    saved_decorators = {name: getattr(xlwings, name, None) for name in _DECORATORS}
    saved_engines = (list(xlwings.engines.engines), dict(xlwings.engines.engines_by_name))
    sys.modules.update(_pywin32_stubs())
    try:
        engine_module = windows_engine_module()
        xlwings._xlwindows = engine_module  # type: ignore[attr-defined]
        xlwings.engines.add(xlwings.Engine(impl=engine_module.engine))
        udfs = importlib.import_module("xlwings.udfs")
        com_server = importlib.import_module("xlwings.com_server")
        defined = windows_decorators()
        for name in _DECORATORS:
            if name in defined and name not in without:
                setattr(xlwings, name, getattr(udfs, defined[name]))
            else:
                xlwings.__dict__.pop(name, None)
        _forget_udf_modules()
        yield WindowsXlwings(importlib.import_module(UDF_MODULE), com_server)
        com_server.loop.close()
    finally:
        for name, module in saved_modules.items():
            if module is None:
                sys.modules.pop(name, None)
            else:
                sys.modules[name] = module
        for name, decorator in saved_decorators.items():
            if decorator is not None:
                setattr(xlwings, name, decorator)
        xlwings.engines.engines, xlwings.engines.engines_by_name = saved_engines
        for attribute in ("_xlwindows", "udfs", "com_server"):
            xlwings.__dict__.pop(attribute, None)
        _forget_udf_modules()


def _forget_udf_modules() -> None:
    """Drop ``xlplugin.udfs`` and the modules defining its functions (xlplugin.functions):
    imported again, their decorators run again, with the decorators then in place."""
    for name in [n for n in sys.modules if n == UDF_MODULE or n.startswith(_FUNCTIONS)]:
        del sys.modules[name]
