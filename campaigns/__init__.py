"""The six campaigns (专项行动): indicators, metrics, the engine, scores and rankings, the campaigns' own records.

Inside the app, imports run one way, lowest first (import-linter checks it, see pyproject.toml):

    urls
    views | templatetags | admin | management   the pages, the dashboard panel, the command
    records | exports                           record kinds for the generic pages; the .xlsx workbook
    forms | selectors | services                validate input | read for pages and other apps | write
    engine                                      indicators evaluated: target, due, actual, colour; scores
    metrics | formatting                        what can be measured, per data source | numbers in a unit
    models | access                             the tables | who may see and change what

- `models` know nothing of metrics: an `Indicator` stores a metric's key, and `engine.target_summary`
  (shown through the `target_summary` template filter) names its base figure.
- `metrics` read the models of the apps below campaigns (projects, problems, cycles, taskforces) and
  the campaigns' own records directly; `metrics.base` imports no model at all.
- `engine` evaluates indicators with the metrics; `services` use the engine only to freeze a ranking;
  `selectors` build each page from the engine and the models. Services take typed values: forms
  validate and hand them over (`records.RecordKind.save` for the generic record pages).
"""
