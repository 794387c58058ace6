"""The demo snapshot's reference tables (`reference/<name>.csv`, read in place of the seeds under
`sql/seeds/` as `assets.reference` does for any snapshot that brings them): synthetic, and labelled so
in every row.

The deflator has three invented vintages (a flat 3 % series, revised upwards for 2022-2023 in 2023-05
and again for 2022 in 2024-05), so that the demo shows how the headline moves with the vintage. Kommune
changes mirror `pipeline.demo.DEMO_CHANGES_2020`.
"""

from assets.demo.plasseringer import demo_region_rows
from pipeline.demo import DEMO_CHANGES_2020, DemoWorld

DEMO_SOURCE = "DEMODATA – syntetisk – ikke en publisert kilde"


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
    # The demo kommuner (99xx) lie in no real fylke: each gets a region of its own, Oslo stays Oslo.
    regions = ["kode,navn,niva,barnevernsregion,source_document,source_url",
               f"03,Oslo,fylke,oslo,{DEMO_SOURCE},urn:reformeval:demo"]
    keys = ("nord", "midt_norge", "vest", "sor", "ost")
    regions += [f"{k.code},{k.name},kommune,{keys[i % len(keys)]},{DEMO_SOURCE},urn:reformeval:demo"
                for i, k in enumerate(DemoWorld().kommuner) if k.code.startswith("99")]
    # The fylker of the demo's SSB 11600 (real codes, mapped as the built-in reference maps them).
    regions += [f"{kode},{navn},{niva},{region},{DEMO_SOURCE},urn:reformeval:demo"
                for kode, navn, niva, region in demo_region_rows() if kode != "03"]
    tables = {
        "barnevernsregion": regions,
        "kommunal_deflator": deflator,
        "kommuneendringer": changes,
        "rammetilskudd_barnevernsreform": grants,
        "rammetilskudd_totaler": totals,
    }
    return {f"reference/{name}.csv": ("\n".join(rows) + "\n").encode("utf-8") for name, rows in tables.items()}
