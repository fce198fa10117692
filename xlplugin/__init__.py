"""salespipe in Excel through xlwings: the functions and macros of :mod:`xlplugin.udfs`.

- :mod:`xlplugin.udfs`: the UDFs and macros, the module named in « UDF Modules »;
- :mod:`xlplugin.functions`: the UDFs, one module per job, all imported by ``xlplugin.udfs``;
- :mod:`xlplugin.arguments`: arguments as xlwings hands them over, made ready for the core;
- :mod:`xlplugin.deal_ranges`: stage tables and deals built from arguments by the core parsers;
- :mod:`xlplugin.spills`: core results as rows with a French header, for spills and sheets;
- :mod:`xlplugin.macros`: what the macros compute and write (dashboard sheets, CRM export);
- :mod:`xlplugin.failures`: the one place where a failure becomes a message in a cell.

See docs/excel.md.
"""
