"""Titles and footnotes of figures 5-2 and 0-3 as the report has them (fast: the declarations only).

Both carry the report's footnote with the law paragraphs of every category, in the old barnevernloven and
the new barnevernsloven, and the formula for hjelpetiltak i hjemmet; the 2021 age-limit break concerns
only 18-24 (0-3), not the 0-17 figure (5-2). Titles say the age and "per 31.12.".
"""

from __future__ import annotations

from pipeline.app.definitions import all_assets  # noqa: F401  (declares every figure)
from pipeline.model_assets import FIGURES


def test_5_2_and_0_3_cite_both_laws_and_the_formula():
    for figure_id in ("figur_5_2", "figur_0_3"):
        notes = " ".join(FIGURES[figure_id].footnotes)
        for paragraph in ("barnevernloven §§ 4-12 og 4-8 (barnevernsloven §§ 5-1 og 4-3)",
                          "(barnevernsloven §§ 4-1, 4-2, 4-4 og 4-3)",
                          "barnevernloven §§ 4-24 og 4-26 (barnevernsloven §§ 6-2 og 8-4 første ledd og 6-1)",
                          "barnevernloven § 4-4, 2. og 6. ledd (barnevernsloven §§ 3-1 og 3-2)"):
            assert paragraph in notes, (figure_id, paragraph)
        formula = "hjelpetiltak fra tabell 09050 fratrukket akuttiltak, atferdstiltak og plassert som hjelpetiltak"
        assert formula in notes


def test_the_age_limit_break_is_footnoted_on_18_24_only():
    assert not any("25 år" in note for note in FIGURES["figur_5_2"].footnotes)
    assert any("25 år" in note for note in FIGURES["figur_0_3"].footnotes)


def test_titles_say_age_and_per_31_12():
    assert FIGURES["figur_5_2"].title.startswith("Figur 5-2 Antall barn 0–17 år med barnevernstiltak per 31.12.")
    assert "18–24 år" in FIGURES["figur_0_3"].title and "per 31.12." in FIGURES["figur_0_3"].title
