"""The files to paste into xlwings Lite's task pane: ``main.py`` and ``requirements.txt``.

Shipped in the package so that an installed salespipe has them too (their folder:
``importlib.resources.files("xlplugin.lite")``). Lite runs ``main.py`` as its own top-level
module; nothing here is imported by the Windows add-in (docs/excel.md, « xlwings Lite »).
"""
