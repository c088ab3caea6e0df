"""The registry of what an indicator can measure, one module per data source.

`base` holds the machinery (results, windows, the `@metric` registry, aggregation); each other module
registers the metrics of one source, reading its models directly:

- `register`: the year's target and the key list (projects);
- `reserve`: the project pipeline (the reserve campaign's records);
- `problems`: the problem ledger;  `cycles`: the scheduling occurrences;
- `investment`, `approvals`, `funding`: the task forces' ledgers;
- `bank_meetings`, `five_batches`, `inspections`: the other campaigns' own records.

An `Indicator` names a metric by its key ("register.completed"); the keys are stored in the database
and never change. Importing this package registers every metric, in the order the forms list them.
Each metric runs a fixed number of queries whatever the number of records.
"""

# Importing a source module registers its metrics; this order is the order forms list them in.
# isort: off
from . import register, reserve, problems, cycles, investment, approvals, funding, bank_meetings
from . import five_batches, inspections

# isort: on
from .base import (
    METRICS,
    NO_DATA,
    Figure,
    Kind,
    Metric,
    MetricContext,
    Record,
    Values,
    Window,
    metric,
    metric_choices,
)

__all__ = [
    "METRICS",
    "NO_DATA",
    "Figure",
    "Kind",
    "Metric",
    "MetricContext",
    "Record",
    "Values",
    "Window",
    "approvals",
    "bank_meetings",
    "cycles",
    "five_batches",
    "funding",
    "inspections",
    "investment",
    "metric",
    "metric_choices",
    "problems",
    "register",
    "reserve",
]
