"""SSB's status symbols in sums: a suppressed cell never moves a published number without a word.

On the hand-built country of `tests.handbuilt` (every number computable by hand), SSB publishes:
- its own total without Oslo for function 244 in 2022 as '..', and Småby's (1002) 244 2022 as ':':
  the national figure becomes the sum of the kommuner without Småby, said in the footnotes of
  figure 5-14 and the headline, the headline JSON and the run log;
- the 251 2019 cell of 1005 (merged into Vestøst 1006 in 2020) as ':': Vestøst has no 251 number for
  2019 (not half of one), and the 251 series by befolkningskategori (5-16) leaves it out of every year.
"""

from __future__ import annotations

import csv
import json
import re

import duckdb
import pytest

from pipeline.symbols import SymbolRule
from tests.handbuilt import netto_1000_kr, write_kommune_snapshot
from tests.test_kostra_indicators import DEFLATOR, factor
from tests.test_run import run_cli

SYMBOLS = {("EAKUO", "244", 2022): "..", ("1002", "244", 2022): ":", ("1005", "251", 2019): ":",
           ("EAKUO", "251", 2021): ".."}
NOTE_244_2022 = ("Funksjon 244, 2022: SSBs tall for landet uten Oslo er «..», summen av kommunene er brukt; summen "
                 "er uten 1 kommune(r) som mangler tall, og derfor for lav: 1002 Småby «:»")
# The base year of the headline (2021): SSB's total is a symbol, every kommune has a number.
NOTE_251_2021 = "Funksjon 251, 2021: SSBs tall for landet uten Oslo er «..», summen av kommunene er brukt"


@pytest.fixture(scope="module")
def symbol_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("symbols")
    snapshot = write_kommune_snapshot(root / "snap", DEFLATOR, kostra_symbols=SYMBOLS)
    result = run_cli("run", "--year", "2023", "--snapshot", str(snapshot), "--out", str(root / "out"),
                     "--allow-partial")
    assert result.returncode == 0, result.stderr[-3000:]
    con = duckdb.connect(str(root / "out" / "warehouse.duckdb"), read_only=True)
    yield root / "out", con, result.stderr
    con.close()


@pytest.mark.slow
def test_a_suppressed_ssb_total_is_replaced_by_the_kommuner_it_has_and_said_so(symbol_run):
    _, con, _ = symbol_run
    value, kilde, note = con.execute(
        "select uten_oslo_1000_kr, kilde, merknad_symboler_uten_oslo from indicators.netto_driftsutgifter_landet "
        "where funksjon = '244' and aar = 2022").fetchone()
    assert value == pytest.approx(netto_1000_kr("1001", "244", 2022) + netto_1000_kr("1006", "244", 2022))
    assert kilde == "SSB EAK / sum av kommuner"
    assert note == NOTE_244_2022
    # SSB's own total with Oslo is a number: it does not depend on Småby, and nothing is said.
    assert con.execute("select merknad_symboler_med_oslo from indicators.netto_driftsutgifter_landet "
                       "where funksjon = '244' and aar = 2022").fetchone()[0] is None
    # Where SSB's totals are numbers, a kommune's symbol changes nothing national (251 2019).
    assert con.execute("select count(*) from indicators.netto_driftsutgifter_landet where aar = 2019 and "
                       "(merknad_symboler_uten_oslo is not null or merknad_symboler_med_oslo is not null)"
                       ).fetchone()[0] == 0
    # A suppressed total whose kommuner all have a number: the sum is exact, and its source is said.
    value, note = con.execute("select uten_oslo_1000_kr, merknad_symboler_uten_oslo from "
                              "indicators.netto_driftsutgifter_landet where funksjon = '251' and aar = 2021").fetchone()
    assert value == pytest.approx(sum(netto_1000_kr(c, "251", 2021) for c in ("1001", "1002", "1006")))
    assert note == NOTE_251_2021


@pytest.mark.slow
def test_a_merged_kommune_with_a_suppressed_part_has_no_number_rather_than_half_of_one(symbol_run):
    _, con, _ = symbol_run
    netto, symbols = con.execute("select netto_1000_kr, symboler from indicators.netto_driftsutgifter "
                                 "where kommune_kode = '1006' and funksjon = '251' and aar = 2019").fetchone()
    assert netto is None and symbols == "1005 «:»"


@pytest.mark.slow
def test_the_headline_json_figure_and_log_say_what_the_symbols_changed(symbol_run):
    out, con, stderr = symbol_run
    headline = json.loads((out / "report" / "2023" / "hovedtall_rammetilskudd.json").read_text(encoding="utf-8"))
    assert headline["symbol_notes"] == [NOTE_244_2022, NOTE_251_2021]  # base and reform year, each once
    year_2022 = next(r for r in headline["years"] if r["aar"] == 2022)
    spending_2022 = (netto_1000_kr("1001", "244", 2022) + netto_1000_kr("1006", "244", 2022)
                     + sum(netto_1000_kr(c, f, 2022) for c in ("1001", "1002", "1006") for f in ("251", "252")))
    assert year_2022["utgifter_aar_mill_kr"] == pytest.approx(spending_2022 * factor(2022) / 1000)
    meta = json.loads((out / "figures" / "2023" / "hovedtall_rammetilskudd.json").read_text(encoding="utf-8"))
    assert meta["symbol_notes"] == [NOTE_244_2022, NOTE_251_2021]
    meta = json.loads((out / "figures" / "2023" / "figur_5_14.json").read_text(encoding="utf-8"))
    assert meta["symbol_notes"] == [NOTE_251_2021, NOTE_244_2022]  # in the order of the figure's rows
    with (out / "figures" / "2023" / "figur_5_14.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    flagged = [(r["år"], r["funksjon"]) for r in rows if r["merknad_symboler"]]
    assert flagged == [("2021", "251"), ("2022", "244")]
    # The run log says each note once, where it is made (the national model), not at every figure.
    assert stderr.count(NOTE_244_2022) == 1 and "indicators.netto_driftsutgifter_landet (2023): " \
        + NOTE_244_2022 in stderr


@pytest.mark.slow
def test_group_series_keep_the_same_kommuner_in_every_year(symbol_run):
    """A kommune that did not report one year is left out of its function's series in every year, so the
    series does not dip; the figure says which."""
    out, con, _ = symbol_run
    meta = json.loads((out / "figures" / "2023" / "figur_5_16.json").read_text(encoding="utf-8"))
    assert meta["symbol_notes"] == ["Funksjon 251: 1 kommune(r) som mangler tall for minst ett av årene er utelatt "
                                    "fra alle år: 1006 Vestøst (2019 1005 «:»)"]
    members = con.execute("select aar, sum(kommuner_med_tall) from indicators.netto_driftsutgifter_kategori "
                          "where funksjon = '251' group by aar order by aar").fetchall()
    assert {n for _, n in members} == {2}  # Storby and Småby in every year, Vestøst in none
    total_2019 = con.execute("select sum(netto_mill_kr_lopende) from indicators.netto_driftsutgifter_kategori "
                             "where funksjon = '251' and aar = 2019").fetchone()[0]
    assert total_2019 == pytest.approx((netto_1000_kr("1001", "251", 2019) + netto_1000_kr("1002", "251", 2019)) / 1000)
    # 244 is balanced on the other kommuner; 252 has every kommune in every year and says nothing.
    meta_252 = json.loads((out / "figures" / "2023" / "figur_5_17.json").read_text(encoding="utf-8"))
    assert "symbol_notes" not in meta_252
    with (out / "figures" / "2023" / "figur_5_17.csv").open(encoding="utf-8") as fh:
        assert "merknad_symboler" not in next(csv.reader(fh))


def test_every_model_that_reads_a_staged_ssb_table_declares_what_it_does_with_a_symbol():
    from pipeline.app.definitions import all_assets  # noqa: F401  (imports every asset module)
    from pipeline.model_assets import SQL_MODELS

    reading_staging = {t: m for t, m in SQL_MODELS.items() if any(d.startswith("staging.") for d in m.deps)}
    assert len(reading_staging) >= 12
    undeclared = sorted(t for t, m in reading_staging.items() if m.symbols is None)
    assert undeclared == []
    for table, model in reading_staging.items():
        if model.symbols.kind == "stop":
            assert {t for t, _ in model.symbols.reads} <= set(model.deps), table


def test_a_suppressed_cell_a_model_must_read_stops_it_naming_the_table_and_the_cell(tmp_path):
    import assets  # noqa: F401  (declares the models)
    from pipeline.errors import SuppressedCellError
    from pipeline.model_assets import SQL_MODELS, run_model

    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    con.execute("create schema staging")
    con.execute("""create table staging.tiltak_alder as select * from (values
        (2021, 'sentre', 'Sentre for foreldre og barn', 'per_31_12', '0-2 år', 0, 2, 410, null),
        (2022, 'sentre', 'Sentre for foreldre og barn', 'per_31_12', '0-2 år', 0, 2, null, ':'),
        (2022, 'sentre', 'Sentre for foreldre og barn', 'per_31_12', '18-22 år', 18, 22, null, ':'),
        (2023, 'sentre', 'Sentre for foreldre og barn', 'per_31_12', '0-2 år', 0, 2, null, '...'))
        as t(aar, tiltak_nokkel, tiltak_navn, maal, aldersgruppe, alder_fra, alder_til, antall, status)""")
    from pipeline.warehouse import set_variables

    set_variables(con, report_year=2023)
    with pytest.raises(SuppressedCellError) as stopped:
        run_model(con, SQL_MODELS["indicators.tiltak_etter_alder"], 2023, tmp_path)
    message = str(stopped.value)
    # Only the cell the model reads: not the 18-22 group (outside 0-17), not 2023 (after the data year).
    assert message.startswith("staging.tiltak_alder, field status: 1 cell(s) that indicators.tiltak_etter_alder "
                              "reads are an SSB symbol, not a number")
    assert "aar=2022, tiltak_nokkel=sentre, maal=per_31_12, aldersgruppe=0-2 år, alder_fra=0, alder_til=2: ':' " \
           "(vises ikke av konfidensialitetshensyn)" in message


def test_symbol_rules_name_staged_tables():
    rule = SymbolRule.stop("why", befolkning="aar <= 2023")
    assert rule.reads == (("staging.befolkning", "aar <= 2023"),)


def test_the_run_log_carries_no_third_party_info_lines(symbol_run):
    # What a user needs to read between the lines of the run: no matplotlib/GX INFO noise.
    _, _, stderr = symbol_run
    loggers = set(re.findall(r"^\S+ \S+ INFO (\S+):", stderr, flags=re.MULTILINE))
    assert loggers and all(name.split(".")[0] in ("reformeval", "pipeline") for name in loggers), loggers
