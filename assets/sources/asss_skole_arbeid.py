"""ASSS indicators 12, 13 and 15 (issue #12, `assets/asss_skole_arbeid.py`), the source: the figures Udir and
NAV publish by kommune, dropped in by the evaluators or a kommune as one file, since no current SSB table
has them with kommune rows (the catalogue's gap text, `sql/seeds/asss_indikatorer.csv`, says what was
searched).

**The file** `<snapshot>/kommune/asss_skole_arbeid.csv` (or `.xlsx`: first sheet, header in row 1; CSV `;` or
`,`, UTF-8, numbers as Norwegian spreadsheets write them), long: one row per kommune, year and measure
(`maal`), each with the agency table it was copied from (`kilde`) and the measure's definition as the agency
words it (`definisjon`). One file for both agencies rather than one per agency: the three measures share
one shape (a count of a group and the count it is a share of), the same suppression rule and the same
checks, and a kommune's analyst collects them in one sitting; the `kilde` column keeps each row's agency.

What each `maal` gives (teller / nevner / andel):
- `uten_grunnskolepoeng` (12): pupils leaving 10. trinn without grunnskolepoeng / pupils leaving 10. trinn /
  prosent as published.
- `fullfort_vgo` (13, as 100 − the share): pupils of the cohort who completed («fullført og bestått», e.g.
  within 5 years) / pupils who started in the cohort / prosent completed.
- `ikke_fullfort_vgo` (13): pupils of the cohort who did not complete / pupils who started / prosent not
  completed.
- `helt_ledige` (15): registered helt ledige in `aldersgruppe`, annual average / (optional) inhabitants of the
  age group, empty: SSB 07459 / must stay empty.

Give counts where the agency publishes them (the ASSS average is then Σ teller ÷ Σ nevner), else the share
alone (`andel`: the average is then a plain mean, said in the panel's `metode`). A cell the agency has
suppressed is never 0: leave `teller` and `andel` empty and put the agency's symbol in `prikket`; the
indicator is then missing for that kommune and year, named in `merknad`. NAV's age bands may be given as
15–24 or as 15–19 and 20–24 (summed by the pipeline, never by hand); a suppressed band makes 15–24 missing.

What was **seen** in public documentation (searched 2026-11-29): SSB's KOSTRA indicator
`KOSkandelevlaerl0000` defines completion as «fullført og bestått videregående opplæring i løpet av fem år»,
teller the pupils and apprentices who started five years earlier and completed with studie- or
yrkeskompetanse, nevner those who started (its numbers from SSB 11914, by fylke); Udir's Skoleporten hides
numbers based on very few pupils («Tall er unntatt offentlighet», its help page), and grunnskolepoeng exist
only for 10. trinn; NAV's tables of registered unemployed by kommune replace counts below 4 with «*» (as a
2015 newspaper map citing NAV states); NAV counts «registrert helt ledige» (SSB's definition page) and
publishes the share of the labour force («andel av arbeidsstyrken»), which is not vedlegg 5's share of
the age group. What is **inferred**: that Udir's statistikkbank marks suppressed cells with «*» as well
(`:` and `..` are accepted for figures copied from an SSB-style table); that Udir publishes the pupil counts
beside the shares for kommuner (if not, the share alone is accepted); the column names here are the
project's, not the agencies' (their exports differ by table and year, so a drop is copied into this shape).
"""

from __future__ import annotations

from assets.sources.asss_kommune import KommuneDataset
from pipeline.bufdir import Reaches
from pipeline.expectations import ColumnExpectations, Expectations
from pipeline.typed_csv import Column

# maal -> (indicator, what `teller` counts, what `nevner` counts)
MAAL = {
    "uten_grunnskolepoeng": (12, "elever uten grunnskolepoeng", "elever som gikk ut av 10. trinn"),
    "fullfort_vgo": (13, "elever i kullet som har fullført og bestått", "elever som begynte i kullet"),
    "ikke_fullfort_vgo": (13, "elever i kullet som ikke har fullført", "elever som begynte i kullet"),
    "helt_ledige": (15, "registrerte helt ledige i aldersgruppen, årsgjennomsnitt", "innbyggere i aldersgruppen"),
}
ALDERSGRUPPER = ("15-24", "15-19", "20-24")
# «*»: NAV (seen) and Udir (inferred); ':' and '..': a figure copied from an SSB-style table.
PRIKKET = ("*", ":", "..")

ASSS_SKOLE_ARBEID = KommuneDataset(
    name="asss_skole_arbeid",
    description="Per kommune, year and measure: Udir's and NAV's published figures behind ASSS indicators 12 "
                "(pupils without grunnskolepoeng), 13 (pupils not completing videregående) and 15 (young helt "
                "ledige 15–24), counts where published, each row with its agency table",
    period="one row per kommune, year and measure (aar: the school year ending in spring aar for 12, the last "
           "year of the completion period for 13, the year averaged over for 15)",
    reaches=Reaches("aar", years_before=1),
    columns=(
        Column("kommunenummer", "text", "the kommune's code in the year the row describes (aar)", width=4),
        Column("aar", "int", "the year the figure describes (see period)"),
        Column("maal", "text", "what the row measures: " + "; ".join(
            f"{k} (indikator {v[0]}: teller {v[1]}, nevner {v[2]})" for k, v in MAAL.items()),
            allowed=tuple(MAAL)),
        Column("aldersgruppe", "text", "helt_ledige only: the age band (15-24, or 15-19 and 20-24 in two rows); "
               "empty for the other measures", allowed=ALDERSGRUPPER, nullable=True),
        Column("teller", "float", "the count of the group the indicator measures (empty where suppressed or "
               "not published)", unit="personer", nullable=True),
        Column("nevner", "float", "the count it is a share of (helt_ledige: optional, else SSB 07459)",
               unit="personer", nullable=True),
        Column("andel", "float", "the agency's share, prosent (12 and 13 only; where only the share is "
               "published, or beside the counts as a check)", unit="prosent", nullable=True),
        Column("prikket", "text", "the agency's symbol for a suppressed cell (teller and andel then empty)",
               allowed=PRIKKET, nullable=True),
        Column("definisjon", "text", "the measure's definition as the agency publishes it (e.g. «fullført og "
               "bestått innen 5 år»)"),
        Column("kilde", "text", "the agency table or URL the row was copied from"),
    ),
    expectations=Expectations(
        min_rows=0,
        unique_key=("kommunenummer", "aar", "maal", "aldersgruppe"),
        columns=(
            ColumnExpectations("kommunenummer", not_null=True, regex=r"^\d{4}$"),
            ColumnExpectations("aar", not_null=True, min_value=2000, max_value=2100),
            ColumnExpectations("maal", not_null=True, allowed=tuple(MAAL)),
            ColumnExpectations("teller", min_value=0),
            ColumnExpectations("nevner", min_value=0),
            ColumnExpectations("andel", min_value=0, max_value=100),
            ColumnExpectations("kilde", not_null=True),
        ),
    ),
)
