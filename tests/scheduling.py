"""How pytest-xdist hands the tests to its workers (``python -m tests.parallel``).

By file, as ``--dist loadfile`` does, so that a module's fixtures are built once, with two
changes that keep both cores busy to the end of the run:

- the slowest files start first: xdist's own order (most tests first) left a file holding one
  long test (the restricted-content sweep, the 10-vs-100-items site) to the end, alone;
- the slowest sweeps are split by their parameter, each run a unit of its own: the hostile-input
  sweep's two modes (production and DEBUG) and the database's kill tests.

The lists name files measured with ``--durations``; a file missing from them is only scheduled
later, never skipped.
"""

from collections import OrderedDict

from xdist.scheduler import LoadFileScheduling

SLOWEST_FIRST = [
    "tests/seslip/test_hostile_urls.py",
    "tests/networks/test_leaks.py",
    "tests/seslip/test_queries.py",
    "tests/core/test_database.py",
    "tests/mailing/test_worker_kill.py",
    "tests/newsletters/test_query_counts.py",
    "tests/core/test_backup.py",
    "tests/core/test_page_cache_processes.py",
    "tests/benchmarking/test_pages.py",
    "tests/events/test_calendar.py",
]

SPLIT_BY_PARAMETER = {"tests/seslip/test_hostile_urls.py", "tests/core/test_database.py"}


class FileScheduling(LoadFileScheduling):
    """Tests by file, the slowest first, the long sweeps split by parameter."""

    def __init__(self, config, log=None):
        super().__init__(config, log)
        self.ordered = False

    def _split_scope(self, nodeid):
        path = super()._split_scope(nodeid)
        if path in SPLIT_BY_PARAMETER and nodeid.endswith("]"):
            return path + "[" + nodeid.rsplit("[", 1)[1]
        return path

    def _assign_work_unit(self, node):
        if not self.ordered:
            self.workqueue = OrderedDict(sorted(self.workqueue.items(), key=self.rank))
            self.ordered = True
        super()._assign_work_unit(node)

    @staticmethod
    def rank(unit):
        path = unit[0].split("[", 1)[0]
        return SLOWEST_FIRST.index(path) if path in SLOWEST_FIRST else len(SLOWEST_FIRST)
