"""The application: what a user runs, above the machinery (`pipeline`) and the domain (`assets`).

`cli` (the `reformeval` command), `run` (the run driver), `fetch` (a snapshot from the live sources),
`preflight` (the checks before Dagster starts) and `definitions` (the Dagster Definitions the UI and a run
load). Only this package imports both `pipeline` and `assets`; `tests/test_layers.py` checks that the
machinery imports neither `assets` nor `pipeline.app`.
"""
