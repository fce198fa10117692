"""The exit codes of every salespipe command, in one table (documented in docs/cli.md).

Scripts and schedulers (cron, Windows' Task Scheduler) tell outcomes apart by these numbers,
so each outcome keeps its number across versions:

- ``OK`` (0): the command did what was asked.
- ``ERROR`` (1): it could not run: a file missing or unreadable, settings wrong, Google
  refusing, a sync run that failed. One line on stderr says why.
- ``USAGE`` (2): a bad option or argument, as click reports it (its own convention), or an
  output that would replace a file without ``--force``.
- ``MAPS_TO_FILL`` (3): ``export`` stopped on a first run to let the user fill the map files
  it wrote (owners, stages); not an error, the next run goes on from them.
- ``BLOCKED`` (4): ``export`` found problems in the data that must be fixed before CRM files
  can be written (listed on screen and in the rejects file).
- ``INTERRUPTED`` (130): stopped by Ctrl-C, as shells report it (128 + SIGINT).
"""

from __future__ import annotations

OK = 0
ERROR = 1
USAGE = 2
MAPS_TO_FILL = 3
BLOCKED = 4
INTERRUPTED = 130
