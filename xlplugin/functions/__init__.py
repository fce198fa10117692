"""The Excel functions (UDFs), one module per job; :mod:`xlplugin.udfs` imports them all.

xlwings registers the decorated functions it finds in the one module named in « UDF
Modules » (``xlplugin.udfs``, by ``dir(module)``), so every function defined here is
imported there; the VBA wrappers call them through that module's name.

- :mod:`~xlplugin.functions.wizard`: what Excel's function wizard shows (category,
  argument help) and the type aliases xlwings reads as converters;
- :mod:`~xlplugin.functions.forecast`: FORECAST_WEIGHTED, PIPELINE_COVERAGE, STAGE_PROBABILITY;
- :mod:`~xlplugin.functions.funnel`: CONVERSION_RATE, FUNNEL, WIN_RATE;
- :mod:`~xlplugin.functions.followups`: OVERDUE_FOLLOWUPS, NEXT_FOLLOWUP;
- :mod:`~xlplugin.functions.targets`: REQUIRED_PROSPECTS, SALES_CYCLE_DAYS;
- :mod:`~xlplugin.functions.quality`: DATA_QUALITY.
"""
