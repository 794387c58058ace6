"""The demo snapshot's reference tables (`reference/<name>.csv`, read in place of the seeds under
`sql/seeds/` as `assets.reference` does for any snapshot that brings them): synthetic, and labelled so
in every row.

The egenandel rates and the transition of the rammetilskudd are the built-in ones where those have the
years a report year needs, and invented (DEMODATA in every such row) where they do not, so that a demo of
every report year 2023-2027 runs while the run lists what the built-in data lack (`assets.rapportaar`).

The deflator has three invented vintages (a flat 3 % series, revised upwards for 2022-2023 in 2023-05
and again for 2022 in 2024-05), so that the demo shows how the headline moves with the vintage. Kommune
changes mirror `pipeline.demo.DEMO_CHANGES_2020`.
"""

import csv
import io

from assets.demo.plasseringer import demo_region_rows
from assets.rapportaar import SEEDS
from pipeline.demo import DEMO_CHANGES_2020, OSLO, DemoWorld

DEMO_SOURCE = "DEMODATA – syntetisk – ikke en publisert kilde"


def _seed(name: str) -> list[dict[str, str]]:
    with (SEEDS / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _csv(rows: list[dict[str, str]]) -> list[str]:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().splitlines()


def _config(report_year: int) -> tuple[int, int]:
    row = next(r for r in _seed("rapportaar") if int(r["report_year"]) == report_year)
    return int(row["pre_reform_year"]), int(row["first_reform_year"])


def demo_egenandeler(report_year: int) -> list[dict[str, str]]:
    """The built-in rates, and for every year of table 5-2 without published rates (the year before the
    reform; years after the last circular in the reference data) invented ones: the measure's nearest
    published rate, 3 % a year, rounded to 100 kroner, labelled DEMODATA in every row."""
    rows = _seed("egenandeler_satser")
    pre, first_reform = _config(report_year)
    published: dict[str, dict[int, dict[str, str]]] = {}
    for row in rows:
        published.setdefault(row["tiltak_nokkel"], {})[int(row["year"])] = row
    have = {int(r["year"]) for r in rows}
    for year in (y for y in range(pre, report_year + 1) if y not in have):
        for measure in _seed("egenandeler_tiltak"):
            key, last = measure["tiltak_nokkel"], measure["siste_aar"]
            by_year = published.get(key, {})
            if year < first_reform and measure["vis_som"] != "rad":
                continue  # existing placements are a reform-year footnote
            if year >= first_reform and ((last and year > int(last)) or not any(y >= first_reform for y in by_year)):
                continue  # ended, or not a measure of the reform years
            if not by_year:
                continue
            same_side = [y for y in by_year if (y < first_reform) == (year < first_reform)] or list(by_year)
            nearest = min(same_side, key=lambda y: (abs(y - year), y > year))
            rate = round(float(by_year[nearest]["sats_kr_per_maaned"]) * 1.03 ** (year - nearest), -2)
            rows.append({**by_year[nearest], "year": str(year), "sats_kr_per_maaned": f"{rate:.0f}",
                         "source_document": DEMO_SOURCE, "source_url": "urn:reformeval:demo"})
    return rows


def demo_overgangsordning(report_year: int) -> list[dict[str, str]]:
    """The built-in transition, and every reform year up to the data year whose changes to the grant are not
    recorded made recorded (the demo's own grant items stand for them): the built-in split where it is
    known, else all through the delkostnadsnøkkel (the transition ran to 2024), labelled DEMODATA."""
    rows = {int(r["year"]): r for r in _seed("rammetilskudd_overgangsordning")}
    _, first_reform = _config(report_year)
    for year in range(first_reform, report_year):  # the headline's reform years
        row = rows.get(year)
        if row is not None and row["endringer_registrert"] == "true":
            continue
        template = row or {**rows[max(rows)], "delkostnadsnokkel_prosent": "100", "overgangsordning_prosent": "0",
                           "overgangsordning_mill_kr": "", "kroner_year": ""}
        rows[year] = {**template, "year": str(year), "endringer_registrert": "true",
                      "merknad": "DEMO: syntetisk år", "source_document": DEMO_SOURCE,
                      "source_url": "urn:reformeval:demo", "quote": ""}
    return [rows[y] for y in sorted(rows)]


def files(report_year: int) -> dict[str, bytes]:
    deflator = ["year,growth_percent,published,published_in,kind,source_document,source_url,quote"]
    for year in range(2010, report_year + 3):
        deflator.append(f"{year},3.0,2000-01,DEMO vintage 1,anslag,{DEMO_SOURCE},urn:reformeval:demo,")
    deflator.append(f"2022,5.5,2023-05,DEMO vintage 2,anslag,{DEMO_SOURCE},urn:reformeval:demo,")
    deflator.append(f"2023,4.5,2023-05,DEMO vintage 2,anslag,{DEMO_SOURCE},urn:reformeval:demo,")
    deflator.append(f"2022,6.5,2024-05,DEMO vintage 3,regnskap,{DEMO_SOURCE},urn:reformeval:demo,")
    changes = ["change_year,old_code,old_name,new_code,new_name,source_document,source_url"]
    changes += [f"2020,{old},,{new},,{DEMO_SOURCE},urn:reformeval:demo" for old, new in DEMO_CHANGES_2020]
    # The demo country is small (some 60 kommuner), so its rammetilskudd items are invented to match it.
    grants = [
        "item,description,from_year,amount_mill_kr,kroner_year,in_headline,source_document,source_url,quote",
        f"demo_kompensasjon,DEMO: kompensasjon for økt finansieringsansvar,2022,420,2022,true,{DEMO_SOURCE},"
        "urn:reformeval:demo,",
        f"demo_innlemming,DEMO: innlemming av øremerkede tilskudd,2022,260,2022,true,{DEMO_SOURCE},"
        "urn:reformeval:demo,",
        f"demo_justering_2023,DEMO: justering 2023,2023,150,2023,true,{DEMO_SOURCE},urn:reformeval:demo,",
    ]
    totals = ["year,total_mill_kr,kroner_year,tolerance_mill_kr,source_document,source_url,quote",
              f"2022,680,2022,1,{DEMO_SOURCE},urn:reformeval:demo,"]
    # The demo kommuner (99xx; 91xx-96xx in a scaled demo) lie in no real fylke: each gets a region of its own,
    # Oslo stays Oslo.
    regions = ["kode,navn,niva,barnevernsregion,source_document,source_url",
               f"03,Oslo,fylke,oslo,{DEMO_SOURCE},urn:reformeval:demo"]
    keys = ("nord", "midt_norge", "vest", "sor", "ost")
    regions += [f"{k.code},{k.name},kommune,{keys[i % len(keys)]},{DEMO_SOURCE},urn:reformeval:demo"
                for i, k in enumerate(DemoWorld().kommuner) if k.code != OSLO]
    # The fylker of the demo's SSB 11600 (real codes, mapped as the built-in reference maps them).
    regions += [f"{kode},{navn},{niva},{region},{DEMO_SOURCE},urn:reformeval:demo"
                for kode, navn, niva, region in demo_region_rows() if kode != "03"]
    tables = {
        "barnevernsregion": regions,
        "kommunal_deflator": deflator,
        "kommuneendringer": changes,
        "rammetilskudd_barnevernsreform": grants,
        "rammetilskudd_totaler": totals,
        "egenandeler_satser": _csv(demo_egenandeler(report_year)),
        "rammetilskudd_overgangsordning": _csv(demo_overgangsordning(report_year)),
    }
    return {f"reference/{name}.csv": ("\n".join(rows) + "\n").encode("utf-8") for name, rows in tables.items()}
