-- indicators.tall_i_teksten_tiltak
-- One row: one number the report's text quotes in section 5.1 (statements 1-12 of the review's table A.3),
-- as the text quotes it: a level (`fra_aar` NULL) in `til_aar`, or a per cent change from `fra_aar` to
-- `til_aar` (`enhet` 'prosent' with `fra_aar` set). Years are relative to the report year: its data year
-- D = report_year - 1; the text's "2017" is D - 5, "2021" D - 1, "2018–2021" D - 4 … D - 1, "2015" the
-- first year of the series. The age range 0–24 (0–22 up to 2020) is the sum of SSB's age groups (fn 33).
-- Columns as the lead's contract: nr, utsagn, maal, verdi, enhet, fra_aar, til_aar, kilde.
--
-- Columns:
--   nr: the statement's number (review table A.3)
--   utsagn: the report's sentence, short
--   maal: what the number is
--   verdi: the number; NULL where the data leave it empty
--   enhet: its unit (prosent for a change in per cent; a change in days, children or kroner has the unit of its
--         levels)
--   fra_aar: the first year of a change; NULL for a level [år]
--   til_aar: the year of a level, or the last year of a change [år]
--   kilde: the figure or table the number comes from
with d as (
    select getvariable('report_year') - 1 as aar
),

hele as (  -- 0-22 / 0-24 by year and tiltak
    select aar, tiltak, per_31_12, i_lopet_av_aret, nye, per_1000_per_31_12
    from indicators.barn_med_tiltak
    where report_year = getvariable('report_year') and aldersgruppe in ('0-22', '0-24')
),

unge as (  -- 0-17 by year and tiltak
    select aar, tiltak, per_31_12, per_1000_per_31_12
    from indicators.barn_med_tiltak
    where report_year = getvariable('report_year') and aldersgruppe = '0-17'
),

typer as (
    select aar, aldersgruppe_nokkel, hjelpetiltak_i_hjemmet, andel_hjelpetiltak_i_hjemmet
    from indicators.tiltak_etter_type
    where report_year = getvariable('report_year')
),

rows as (
    -- 1, 2: children with measures per 31.12, 0-24
    select 1 as nr,
           'Antall barn med barnevernstiltak er redusert med 18 prosent i perioden 2017 til 2022' as utsagn,
           'Barn og unge 0–24 år (0–22 år t.o.m. 2020) med barnevernstiltak per 31.12., endring' as maal,
           100.0 * (b.per_31_12 / a.per_31_12 - 1) as verdi, 'prosent' as enhet, a.aar as fra_aar,
           b.aar as til_aar, 'figur_5_1' as kilde
    from d, hele as a, hele as b
    where a.tiltak = 'i_alt' and b.tiltak = 'i_alt' and a.aar = d.aar - 5 and b.aar = d.aar
    union all
    select 2, '… og 8 prosent fra 2021 til 2022',
           'Barn og unge 0–24 år med barnevernstiltak per 31.12., endring', 100.0 * (b.per_31_12 / a.per_31_12 - 1),
           'prosent', a.aar, b.aar, 'figur_5_1'
    from d, hele as a, hele as b
    where a.tiltak = 'i_alt' and b.tiltak = 'i_alt' and a.aar = d.aar - 1 and b.aar = d.aar
    union all
    -- 3: the share (per 1 000) falls too
    select 3, 'Det har vært en nedgang i antall og andel barn og unge med barnevernstiltak i perioden 2017–2022',
           'Barn og unge med barnevernstiltak per 31.12. per 1 000 barn 0–24 år (0–22 år t.o.m. 2020), endring',
           100.0 * (b.per_1000_per_31_12 / a.per_1000_per_31_12 - 1), 'prosent', a.aar, b.aar, 'figur_0_1'
    from d, hele as a, hele as b
    where a.tiltak = 'i_alt' and b.tiltak = 'i_alt' and a.aar = d.aar - 5 and b.aar = d.aar
    union all
    -- 4, 5: during the year and new during the year, the two levels
    select 4, 'Antall barn med barnevernstiltak i løpet av året er redusert med om lag 3 500 fra 2021 til 2022',
           'Barn og unge 0–24 år med barnevernstiltak i løpet av året', h.i_lopet_av_aret, 'barn', null, h.aar,
           'indicators.barn_med_tiltak'
    from d, hele as h
    where h.tiltak = 'i_alt' and h.aar in (d.aar - 1, d.aar)
    union all
    select 5, 'Antall nye barn med barnevernstiltak i løpet av året er redusert med i underkant av 1 500',
           'Nye barn og unge 0–24 år med barnevernstiltak i løpet av året', h.nye, 'barn', null, h.aar, 'figur_0_2'
    from d, hele as h
    where h.tiltak = 'i_alt' and h.aar in (d.aar - 1, d.aar)
    union all
    -- 6: omsorgstiltak, two levels and the last year's change
    select 6, 'Per 31. desember 2017 var antall barn med omsorgstiltak på 9 033. Per 31. desember 2022 var det 7 224',
           'Barn og unge med omsorgstiltak per 31.12.', h.per_31_12, 'barn', null, h.aar, 'figur_5_1'
    from d, hele as h
    where h.tiltak = 'omsorgstiltak' and h.aar in (d.aar - 5, d.aar)
    union all
    select 6, 'Fra 2021 til 2022 har det vært en nedgang i barn og unge med omsorgstiltak på 6 prosent',
           'Barn og unge med omsorgstiltak per 31.12., endring', 100.0 * (b.per_31_12 / a.per_31_12 - 1), 'prosent',
           a.aar, b.aar, 'figur_5_1'
    from d, hele as a, hele as b
    where a.tiltak = 'omsorgstiltak' and b.tiltak = 'omsorgstiltak' and a.aar = d.aar - 1 and b.aar = d.aar
    union all
    -- 7: hjelpetiltak, 0-24 and 0-17
    select 7, 'For hjelpetiltak er reduksjonen på 9 prosent fra 2021 til 2022 … for gruppen 0–24 år',
           'Barn og unge 0–24 år med hjelpetiltak per 31.12., endring', 100.0 * (b.per_31_12 / a.per_31_12 - 1),
           'prosent', a.aar, b.aar, 'figur_5_1'
    from d, hele as a, hele as b
    where a.tiltak = 'hjelpetiltak' and b.tiltak = 'hjelpetiltak' and a.aar = d.aar - 1 and b.aar = d.aar
    union all
    select 7, '… og 10 prosent for gruppen 0–17 år', 'Barn 0–17 år med hjelpetiltak per 31.12., endring',
           100.0 * (b.per_31_12 / a.per_31_12 - 1), 'prosent', a.aar, b.aar, 'indicators.barn_med_tiltak'
    from d, unge as a, unge as b
    where a.tiltak = 'hjelpetiltak' and b.tiltak = 'hjelpetiltak' and a.aar = d.aar - 1 and b.aar = d.aar
    union all
    -- 8: fn 36, the same per 1 000 in the age group
    select 8, 'Prosentvis endring per 1000 barn i samme aldersgruppe er på -9 prosent for 0–24 år (fn. 36)',
           'Barn og unge 0–24 år med hjelpetiltak per 31.12. per 1 000 barn 0–24 år, endring',
           100.0 * (b.per_1000_per_31_12 / a.per_1000_per_31_12 - 1), 'prosent', a.aar, b.aar, 'figur_0_1'
    from d, hele as a, hele as b
    where a.tiltak = 'hjelpetiltak' and b.tiltak = 'hjelpetiltak' and a.aar = d.aar - 1 and b.aar = d.aar
    union all
    select 8, '… og -11 prosent 0–17 år (fn. 36)',
           'Barn 0–17 år med hjelpetiltak per 31.12. per 1 000 barn 0–17 år, endring',
           100.0 * (b.per_1000_per_31_12 / a.per_1000_per_31_12 - 1), 'prosent', a.aar, b.aar,
           'indicators.barn_med_tiltak'
    from d, unge as a, unge as b
    where a.tiltak = 'hjelpetiltak' and b.tiltak = 'hjelpetiltak' and a.aar = d.aar - 1 and b.aar = d.aar
    union all
    -- 9, 10: hjelpetiltak i hjemmet 0-17, the level and its share over the last five years
    select 9, 'Antall hjelpetiltak i hjemmet blant barn 0–17 år … ligger per 31.12.2022 på litt over 17 000',
           'Barn 0–17 år med hjelpetiltak i hjemmet per 31.12.', t.hjelpetiltak_i_hjemmet, 'barn', null, t.aar,
           'figur_5_2'
    from d, typer as t
    where t.aldersgruppe_nokkel = '0_17' and t.aar = d.aar
    union all
    select 10, 'Andelen barn 0–17 år med hjelpetiltak i hjemmet har falt fra 66 prosent i perioden 2018–2021 til 64 '
               || 'prosent i 2022',
           'Andel av barn 0–17 år med barnevernstiltak per 31.12. som har hjelpetiltak i hjemmet',
           100.0 * t.andel_hjelpetiltak_i_hjemmet, 'prosent', null, t.aar, 'figur_5_2'
    from d, typer as t
    where t.aldersgruppe_nokkel = '0_17' and t.aar between d.aar - 4 and d.aar
    union all
    -- 11: the hjelpetiltak share of the youngest and the oldest age band, every year
    select 11, 'Andel hjelpetiltak i aldersgruppen 0–2 år, fra 80 prosent i 2015 til 88 prosent i 2021 og 2022',
           'Andel av barn 0–2 år med barnevernstiltak per 31.12. som har hjelpetiltak (SSB 09050)',
           100.0 * b.andel_hjelpetiltak_per_31_12, 'prosent', null, b.aar, 'indicators.barn_med_tiltak'
    from d, indicators.barn_med_tiltak as b
    where b.report_year = getvariable('report_year') and b.aldersgruppe = '0-2' and b.tiltak = 'i_alt'
        and b.aar <= d.aar
    union all
    select 11, 'Innenfor aldersgruppen 13–17 år … fra mellom 68 til 70 prosent i perioden 2015–2020 til 67 prosent i '
               || '2021 og 66 prosent i 2022',
           'Andel av barn 13–17 år med barnevernstiltak per 31.12. som har hjelpetiltak (SSB 09050)',
           100.0 * b.andel_hjelpetiltak_per_31_12, 'prosent', null, b.aar, 'indicators.barn_med_tiltak'
    from d, indicators.barn_med_tiltak as b
    where b.report_year = getvariable('report_year') and b.aldersgruppe = '13-17' and b.tiltak = 'i_alt'
        and b.aar <= d.aar
    union all
    -- 12: hjelpetiltak i hjemmet 18-24 (18-22 up to 2020): up from the first year to D - 1, then down a little
    select 12, 'For unge voksne 18–24 år … har det vært en økning over perioden 2015 til 2021',
           'Unge 18–24 år (18–22 år t.o.m. 2020) med hjelpetiltak i hjemmet per 31.12., endring (krysser '
           || 'aldersbruddet 2021)',
           100.0 * (b.hjelpetiltak_i_hjemmet / a.hjelpetiltak_i_hjemmet - 1), 'prosent', a.aar, b.aar, 'figur_0_3'
    from d, typer as a, typer as b
    where a.aldersgruppe_nokkel = '18_24' and b.aldersgruppe_nokkel = '18_24'
        and a.aar = (select min(aar) from typer where aldersgruppe_nokkel = '18_24') and b.aar = d.aar - 1
    union all
    select 12, '… mens fra 2021 til 2022 observerer vi en liten nedgang i antall hjelpetiltak i hjemmet',
           'Unge 18–24 år med hjelpetiltak i hjemmet per 31.12., endring',
           100.0 * (b.hjelpetiltak_i_hjemmet / a.hjelpetiltak_i_hjemmet - 1), 'prosent', a.aar, b.aar, 'figur_0_3'
    from d, typer as a, typer as b
    where a.aldersgruppe_nokkel = '18_24' and b.aldersgruppe_nokkel = '18_24' and a.aar = d.aar - 1
        and b.aar = d.aar
)

select
    getvariable('report_year') as report_year,
    cast(nr as integer) as nr,
    utsagn,
    maal,
    cast(verdi as double) as verdi,
    enhet,
    cast(fra_aar as integer) as fra_aar,
    cast(til_aar as integer) as til_aar,
    kilde
from rows
order by nr, maal, fra_aar nulls first, til_aar
