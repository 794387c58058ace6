"""The Great Expectations suite built from a declaration: one of each expectation, in order, each under its check."""

import pandas as pd

from pipeline.expectations import Audit, ColumnExpectations, Expectations
from pipeline.validation import build_suite, validate_frame


def test_a_suite_keeps_one_of_equal_expectations_under_the_first_check():
    spec = Expectations(columns=(ColumnExpectations(column="mangler", not_null=True),
                                 ColumnExpectations(column="antall", min_value=0)),
                        required_columns=("mangler",), at_least=(("i_alt", "antall"),))
    audit = Audit(name="summer_stemmer", description="test", at_least=(("i_alt", "antall"), ("i_alt", "del")))
    suite = build_suite("suite_test", spec, ["antall", "i_alt", "del"], audits=(audit,), check="expectations_t")
    described = [(e.expectation_type, e.meta["check"]) for e in suite.expectations]
    assert described == [
        ("expect_table_row_count_to_be_between", "expectations_t"),
        ("expect_column_to_exist", "expectations_t"),  # once: required, and a rule on a missing column
        ("expect_column_values_to_be_between", "expectations_t"),
        ("expect_column_pair_values_a_to_be_greater_than_b", "expectations_t"),  # i_alt >= antall: the table's
        ("expect_column_pair_values_a_to_be_greater_than_b", "summer_stemmer"),  # i_alt >= del
    ]
    frame = pd.DataFrame({"antall": [1, 2], "i_alt": [3, 1], "del": [0, 0]})
    outcome = validate_frame(frame, suite)
    assert not outcome.success
    assert outcome.evaluated_by_check == {"expectations_t": 4, "summer_stemmer": 1}
    assert {f["check"] for f in outcome.failed} == {"expectations_t"}
