"""ASSS indicators 1–10 from the kommuner's own files, and the catalogue of all 15 with vedlegg 5's
comparability verdicts (issue #12 items 3 and 4)."""

from __future__ import annotations

import pandas as pd
import pytest

from assets.asss_kommune import ASSS_INDIKATORER
from pipeline.reference import SEEDS_DIR, read_reference_csv

KRAV = {"deflatert", "per_10000_0_17", "andel_barnefamilier", "andel_aldersgruppe"}


@pytest.fixture(scope="module")
def katalog():
    return read_reference_csv(ASSS_INDIKATORER, SEEDS_DIR / "asss_indikatorer.csv").set_index("nr")


def test_catalogue_has_the_seeds_fifteen_indicators_numbered_as_the_seed(katalog):
    assert list(katalog.index) == list(range(1, 16))
    assert katalog.loc[11, "navn"] == "Antall plasseringer utenfor hjemmet."
    assert katalog.loc[15, "navn"] == "Unge arbeidsledige 15–24 år."
    assert set(katalog.loc[range(1, 11), "kildetype"]) == {"kommune"}


def test_vedlegg_5_indicator_4_and_14_not_comparable_between_kommuner(katalog):
    assert katalog.loc[4, "mellom_kommuner"] == "nei"
    assert katalog.loc[14, "mellom_kommuner"] == "nei"
    assert "flyktningbakgrunn" in katalog.loc[14, "mellom_kommuner_vilkaar"]
    # both are comparable over time within a kommune
    assert katalog.loc[4, "over_tid"] == katalog.loc[14, "over_tid"] == "ja"


def test_vedlegg_5_indicators_5_10_11_15_conditional_with_the_condition(katalog):
    for nr in (5, 10, 11, 15):
        assert katalog.loc[nr, "mellom_kommuner"] == "betinget", nr
        assert katalog.loc[nr, "over_tid"] == "betinget", nr
    assert katalog.loc[5, "over_tid_vilkaar"] == "hvis prisjustert med kommunal deflator"
    assert katalog.loc[5, "mellom_kommuner_krav"] == "deflatert+per_10000_0_17"
    assert katalog.loc[10, "mellom_kommuner_krav"] == "andel_barnefamilier"
    assert katalog.loc[11, "mellom_kommuner_krav"] == "per_10000_0_17"
    assert katalog.loc[15, "mellom_kommuner_krav"] == "andel_aldersgruppe"
    unconditional = set(range(1, 16)) - {4, 5, 10, 11, 14, 15}
    assert set(katalog.loc[sorted(unconditional), "mellom_kommuner"]) == {"ja"}


def test_a_conditional_verdict_and_only_that_names_what_meets_it(katalog):
    for nr, row in katalog.iterrows():
        for side in ("over_tid", "mellom_kommuner"):
            krav = row[f"{side}_krav"]
            if row[side] == "betinget":
                assert krav and set(krav.split("+")) <= KRAV, (nr, side)
                assert row[f"{side}_vilkaar"].startswith("hvis"), (nr, side)
            else:
                assert pd.isna(krav), (nr, side)
        assert "vedlegg 5" in row["kilde_i_seeden"] and "kap. 4" in row["kilde_i_seeden"]


# -- Comparability: vedlegg 5's verdict against the normalisation a row carries ------------------------

def _sammenlignbarhet(rows: list[tuple[int, str]], year: int = 2023):
    import duckdb

    from assets.asss_kommune import ASSS_INDIKATORER
    from tests.handbuilt import model, table

    con = duckdb.connect()
    katalog = read_reference_csv(ASSS_INDIKATORER, SEEDS_DIR / "asss_indikatorer.csv")  # noqa: F841
    con.execute("create schema reference; create table reference.asss_indikatorer as select * from katalog")
    table(con, "indicators.asss_indikator_kommune",
          [{"report_year": year, "indikator": nr, "kommunenummer": "1001", "aar": year - 1, "verdi": 1.0,
            "enhet": enhet} for nr, enhet in rows])
    return model(con, "indicators/asss_sammenlignbarhet.sql", year).set_index(["indikator", "enhet"])


def test_comparability_follows_vedlegg_5_and_the_normalisation_applied():
    out = _sammenlignbarhet([
        (1, "ja/nei"), (4, "antall tjenester"),
        (5, "kroner 2023"), (5, "kroner 2023 per 10 000 0–17 år"), (5, "årsverk per 10 000 0–17 år"),
        (5, "kroner 2021 per 10 000 0–17 år"),  # not in report-year kroner: not deflated
        (10, "familier"), (10, "prosent av barnefamilier"),
        (11, "antall"), (11, "per 10 000 0–17 år"), (14, "prosent"), (15, "prosent"),
    ])
    allowed = {k: (r.mellom_kommuner_tillatt, r.over_tid_tillatt) for k, r in out.iterrows()}
    assert allowed == {
        (1, "ja/nei"): (True, True),
        (4, "antall tjenester"): (False, True),           # nei between kommuner, ja over time
        (5, "kroner 2023"): (False, True),                # deflated, but not per 10 000 0–17
        (5, "kroner 2023 per 10 000 0–17 år"): (True, True),
        (5, "årsverk per 10 000 0–17 år"): (True, True),  # årsverk: no prices to adjust
        (5, "kroner 2021 per 10 000 0–17 år"): (False, False),
        (10, "familier"): (False, False),                 # a count, not a share of barnefamilier
        (10, "prosent av barnefamilier"): (True, True),
        (11, "antall"): (False, False),
        (11, "per 10 000 0–17 år"): (True, True),
        (14, "prosent"): (False, True),                   # nei between kommuner without the control
        (15, "prosent"): (True, True),
    }
    assert out.loc[(10, "familier"), "grunn_mellom_kommuner"] == (
        "Vedlegg 5: sammenlignbar mellom kommuner bare hvis beregnet som andel av barnefamilier i kommunen; "
        "enheten «familier» er ikke som andel av barnefamiliene i kommunen; kommunens egen serie vises.")
    assert "flyktningbakgrunn" in out.loc[(14, "prosent"), "grunn_mellom_kommuner"]
    assert "kommunens egen serie vises" in out.loc[(4, "antall tjenester"), "grunn"]
    assert (out["ukjent_indikator"] == 0).all()


def test_an_indicator_outside_the_catalogue_is_never_comparable():
    out = _sammenlignbarhet([(16, "prosent")])
    row = out.loc[(16, "prosent")]
    assert not row.mellom_kommuner_tillatt and not row.over_tid_tillatt and row.ukjent_indikator == 1
