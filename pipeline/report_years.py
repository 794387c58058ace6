"""The report years: the evaluation publishes a status report each year from 2023 to 2026 and a final
report in 2027. Kept free of Dagster so that the command line can check a year before importing it."""

REPORT_YEARS = ("2023", "2024", "2025", "2026", "2027")
DEFAULT_REPORT_YEAR = 2023
