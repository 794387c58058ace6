-- indicators.plasseringstiltak_noter
-- One row: one year before the report year: the numbers the footnotes and source lines of figures 5-3
-- to 5-6 quote, each computed here so that no figure types one in:
-- * plassert_0_17, plassert_18_24: children with plasseringstiltak per 31.12 in all (N; SSB 11600's
--   total, "uoppgitt" included); uoppgitt_0_17, uoppgitt_18_24: of them, «Uoppgitt plasseringstiltak»;
-- * omsorgstiltak_18_24: young people 18-24 (18-22 up to 2020) placed as an omsorgstiltak (0: none
--   registered, so figure 5-4 has no such series);
-- * beredskap_midlertidig_0_17 / _18_24 / _alder_i_alt: beredskapshjem and midlertidig hjem i familie
--   og nære nettverk together (figure 5-6; "flere observasjoner" for 0-24 = the 18-24 group, and for
--   alder i alt = its total less 0-17);
-- * barnevernstiltak_0_17: measures (tiltak) in all for ages 0-17 per 31.12 (SSB 10661): the table's own
--   0-17 group where it has one, else the sum of its age groups within 0-17 when they cover 0-17 once;
--   NULL when 10661 has no measure labelled "i alt" (the source line of figure 5-5 then leaves it out).
--
-- Columns:
--   aar: the year, per 31.12 [år]
--   plassert_0_17: children 0-17 with a plasseringstiltak on 31 December, SSB 11600's total (N; uoppgitt included)
--         [barn]
--   plassert_18_24: young people 18-24 (18-22 up to 2020) with a plasseringstiltak on 31 December, SSB 11600's total
--         [barn]
--   uoppgitt_0_17: of plassert_0_17, «Uoppgitt plasseringstiltak» [barn]
--   uoppgitt_18_24: of plassert_18_24, «Uoppgitt plasseringstiltak» [barn]
--   omsorgstiltak_18_24: young people 18-24 (18-22 up to 2020) placed as an omsorgstiltak (0: none registered) [barn]
--   beredskap_midlertidig_0_17: children 0-17 in a beredskapshjem or midlertidig hjem i familie og nære nettverk
--         together (figure 5-6) [barn]
--   beredskap_midlertidig_18_24: the same for 18-24 (18-22 up to 2020): the "flere observasjoner" for 0-24 [barn]
--   beredskap_midlertidig_alder_i_alt: the same for all ages, less 0-17 [barn]
--   barnevernstiltak_0_17: measures (not children) in all for ages 0-17 on 31 December (SSB 10661); NULL when 10661
--         has no "i alt" measure [tiltak]
with plassert as (
    select
        aar,
        max(i_alt) filter (where aldersgruppe_nokkel = '0_17' and tiltak = 'i_alt') as plassert_0_17,
        max(i_alt) filter (where aldersgruppe_nokkel = '18_24' and tiltak = 'i_alt') as plassert_18_24,
        max(uoppgitt) filter (where aldersgruppe_nokkel = '0_17' and tiltak = 'i_alt') as uoppgitt_0_17,
        max(uoppgitt) filter (where aldersgruppe_nokkel = '18_24' and tiltak = 'i_alt') as uoppgitt_18_24,
        max(coalesce(i_alt, 0)) filter (where aldersgruppe_nokkel = '18_24' and tiltak = 'omsorgstiltak')
            as omsorgstiltak_18_24,
        max(coalesce(beredskapsheim, 0) + coalesce(mellombels_heim, 0))
            filter (where aldersgruppe_nokkel = '0_17' and tiltak = 'i_alt') as beredskap_midlertidig_0_17,
        max(coalesce(beredskapsheim, 0) + coalesce(mellombels_heim, 0))
            filter (where aldersgruppe_nokkel = '18_24' and tiltak = 'i_alt') as beredskap_midlertidig_18_24,
        max(coalesce(beredskapsheim, 0) + coalesce(mellombels_heim, 0))
            filter (where aldersgruppe_nokkel = 'i_alt' and tiltak = 'i_alt') as beredskap_midlertidig_alder_i_alt
    from indicators.plasseringstiltak
    where report_year = getvariable('report_year')
    group by aar
),

-- 10661's measure "i alt", by label, per 31.12, in its age groups within 0-17.
i_alt_10661 as (
    select aar, alder, alder_fra, alder_til, antall
    from staging.tiltak_alder
    where lower(tiltak_navn) in ('i alt', 'tiltak i alt', 'barnevernstiltak i alt', 'alle tiltak')
      and maal = 'per_31_12' and alder_til <= 17 and aar < getvariable('report_year')
),

narrowest as (
    select o.*
    from i_alt_10661 as o
    where not exists (
        select 1 from i_alt_10661 as i
        where i.aar = o.aar and i.alder <> o.alder and i.alder_fra >= o.alder_fra and i.alder_til <= o.alder_til)
),

tiltak_0_17 as (
    select
        aar,
        coalesce(
            (select max(w.antall) from i_alt_10661 as w where w.aar = n.aar and w.alder_fra = 0 and w.alder_til = 17),
            case when min(alder_fra) = 0 and max(alder_til) = 17 and sum(alder_til - alder_fra + 1) = 18
                 then sum(antall) end) as barnevernstiltak_0_17
    from narrowest as n
    group by aar
)

select
    getvariable('report_year') as report_year,
    plassert.*,
    tiltak_0_17.barnevernstiltak_0_17
from plassert
left join tiltak_0_17 on tiltak_0_17.aar = plassert.aar
order by plassert.aar
