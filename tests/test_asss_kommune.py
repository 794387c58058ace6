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
