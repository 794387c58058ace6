-- figures/figur_5_2, figures/figur_0_3: the numbers behind the two figures by type of measure, one age
-- group each (getvariable('aldersgruppe_nokkel'): 0_17 for 5-2, 18_24 for 0-3).
-- One row: one year: the children of the age group per 31.12 by type of measure (omsorgstiltak,
-- akuttiltak, atferdstiltak, plassert som hjelpetiltak, hjelpetiltak i hjemmet), all of them, and the
-- share with hjelpetiltak i hjemmet.
select
    aar as "år",
    aldersgruppe,
    omsorgstiltak,
    akuttiltak,
    atferdstiltak,
    plassert_hjelpetiltak,
    hjelpetiltak_i_hjemmet,
    i_alt,
    andel_hjelpetiltak_i_hjemmet
from indicators.tiltak_etter_type
where report_year = getvariable('report_year') and aldersgruppe_nokkel = getvariable('aldersgruppe_nokkel')
order by aar
