-- indicators.tall_i_teksten_plasseringer
-- One row: one number the report's text quotes in section 5.2 (statements 13-28 and 32 of the review's
-- table A.3), computed from the placement indicators: `nr` the statement, `utsagn` the report's
-- sentence (short), `maal` what the number is, `verdi` and `enhet`, `fra_aar`/`til_aar` (a level has
-- fra_aar NULL; a change, enhet 'prosent', is the per cent change fra_aar → til_aar; a share is a level
-- in 'prosent'), and `kilde`, the figure or table it comes from. Years follow the report year: d is the
-- data year (report_year - 1), d-1 the year before, d-2 two years before. A number the data cannot give
-- (a region a shared fylke hides, a 10661 measure not there) is a row with verdi NULL rather than left
-- out silently, except for regions that have no number in either year. `report_year` last: the
-- partition the warehouse keeps the rows under (the contract's eight columns come first, in order).
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
with d as (select getvariable('report_year') - 1 as d),

p as (
    select * from indicators.plasseringstiltak where report_year = getvariable('report_year') and tiltak = 'i_alt'
),

p0_17 as (select * from p where aldersgruppe_nokkel = '0_17'),
p18_24 as (select * from p where aldersgruppe_nokkel = '18_24'),

n as (select * from indicators.plasseringstiltak_noter where report_year = getvariable('report_year')),

akutt as (select * from indicators.akuttiltak_etter_plassering where report_year = getvariable('report_year')),

-- 12845: children 0-17 in beredskapshjem and midlertidig hjem per 31.12 by legal basis
lovheimel as (
    select aar, lovheimel, sum(coalesce(antall, 0)) as antall
    from staging.tiltak_lovheimel
    where alder = '0_17' and plassering in ('beredskapsheim', 'mellombels_heim') and aar < getvariable('report_year')
    group by aar, lovheimel
),

atferd as (
    select aar, antall
    from staging.tiltak_lovheimel
    where alder = '0_17' and lovheimel = 'atferdstiltak' and plassering = 'institusjon'
      and aar < getvariable('report_year')
),

-- 10661 during the year, the age groups 0-17 summed (indicators.tiltak_etter_alder)
ila as (
    select aar, tiltak, sum(antall) as antall
    from indicators.tiltak_etter_alder
    where report_year = getvariable('report_year') and maal = 'i_lopet_av_aret'
    group by aar, tiltak
),

region_publisert as (
    select aar, plassering, region, region_navn, antall
    from indicators.plasseringstiltak_region where report_year = getvariable('report_year')
),

-- øst and sør together in a year that has them apart, so that a change from a year Viken joined them
-- (2020-2023) to a later one can still be given for the two together; only where both parts have a number
ost_og_sor as (
    select aar, plassering, 'ost+sor' as region, 'Region øst og sør' as region_navn, sum(antall) as antall
    from region_publisert
    where region in ('ost', 'sor')
    group by aar, plassering
    having count(antall) = 2
),

region as (
    select * from region_publisert
    union all
    select o.* from ost_og_sor as o
    anti join region_publisert as p on p.aar = o.aar and p.plassering = o.plassering and p.region = 'ost+sor'
),

undertyper as (
    select aar, undertype, antall
    from indicators.fosterhjem_undertyper
    where report_year = getvariable('report_year') and region = 'landet'
),

rows (nr, utsagn, maal, verdi, enhet, fra_aar, til_aar, kilde) as (
    -- 13
    select 13, 'Totalt var det 9 596 barn i alderen 0–17 år med plasseringstiltak per 31. desember 2022',
           'Barn 0–17 år med plasseringstiltak per 31.12.', p0_17.i_alt, 'barn', null, d.d, 'figur_5_3'
    from d left join p0_17 on p0_17.aar = d.d
    union all
    select 13, 'og 3 393 i alderen 18–24 år', 'Unge 18–24 år med plasseringstiltak per 31.12.', p18_24.i_alt,
           'barn', null, d.d, 'figur_5_4'
    from d left join p18_24 on p18_24.aar = d.d
    union all
    select 13, 'Av de til sammen 12 989 barn og unge 0–24 år med plasseringstiltak',
           'Barn og unge 0–24 år med plasseringstiltak per 31.12. (0–17 + 18–24 år)', p0_17.i_alt + p18_24.i_alt,
           'barn', null, d.d, 'indicators.plasseringstiltak'
    from d left join p0_17 on p0_17.aar = d.d left join p18_24 on p18_24.aar = d.d
    -- 14
    union all
    select 14, 'hadde 73 prosent fosterhjem som plasseringstiltak', 'Andel i fosterhjem, 0–24 år, per 31.12.',
           round(100.0 * (p0_17.fosterheim + p18_24.fosterheim) / (p0_17.i_alt + p18_24.i_alt), 1), 'prosent',
           null, d.d, 'indicators.plasseringstiltak'
    from d left join p0_17 on p0_17.aar = d.d left join p18_24 on p18_24.aar = d.d
    union all
    select 14, 'og 8 prosent institusjon', 'Andel i institusjon, 0–24 år, per 31.12.',
           round(100.0 * (p0_17.institusjon + p18_24.institusjon) / (p0_17.i_alt + p18_24.i_alt), 1), 'prosent',
           null, d.d, 'indicators.plasseringstiltak'
    from d left join p0_17 on p0_17.aar = d.d left join p18_24 on p18_24.aar = d.d
    union all
    select 14, 'For barn i alderen 0–17 år var andelen 81 og 9 prosent', 'Andel i fosterhjem, 0–17 år, per 31.12.',
           round(100.0 * p0_17.fosterheim / p0_17.i_alt, 1), 'prosent', null, d.d, 'figur_5_3'
    from d left join p0_17 on p0_17.aar = d.d
    union all
    select 14, 'For barn i alderen 0–17 år var andelen 81 og 9 prosent', 'Andel i institusjon, 0–17 år, per 31.12.',
           round(100.0 * p0_17.institusjon / p0_17.i_alt, 1), 'prosent', null, d.d, 'figur_5_3'
    from d left join p0_17 on p0_17.aar = d.d
    -- 15
    union all
    select 15, '85 prosent av barn 0–17 år med fosterhjem som plasseringstiltak hadde omsorgstiltak',
           'Andel med omsorgstiltak blant barn 0–17 år i fosterhjem per 31.12.',
           round(100.0 * o.fosterheim / p0_17.fosterheim, 1), 'prosent', null, d.d, 'figur_5_3'
    from d left join p0_17 on p0_17.aar = d.d
    left join indicators.plasseringstiltak as o
        on o.report_year = getvariable('report_year') and o.aar = d.d and o.aldersgruppe_nokkel = '0_17'
       and o.tiltak = 'omsorgstiltak'
    -- 16
    union all
    select 16, '46 prosent av ungdom 18–24 år med plasseringstiltak har bolig med oppfølging',
           'Andel med bolig med oppfølging, 18–24 år, per 31.12.', round(100.0 * p18_24.bustad / p18_24.i_alt, 1),
           'prosent', null, d.d, 'figur_5_4'
    from d left join p18_24 on p18_24.aar = d.d
    union all
    select 16, 'mot 3 prosent for barn 0–17 år', 'Andel med bolig med oppfølging, 0–17 år, per 31.12.',
           round(100.0 * p0_17.bustad / p0_17.i_alt, 1), 'prosent', null, d.d, 'figur_5_3'
    from d left join p0_17 on p0_17.aar = d.d
    -- 17, 18
    union all
    select 17, 'Fra 2021 til 2022 har antall barn med fosterhjem som plasseringstiltak falt med 6 prosent',
           'Endring i barn 0–17 år i fosterhjem per 31.12.', round(100.0 * (b.fosterheim / a.fosterheim - 1), 1),
           'prosent', d.d - 1, d.d, 'figur_5_5'
    from d left join p0_17 as a on a.aar = d.d - 1 left join p0_17 as b on b.aar = d.d
    union all
    select 18, 'institusjonsplasseringer ... en svak økning fra 2021 til 2022 (tilsvarende 2 prosent)',
           'Endring i barn 0–17 år i institusjon per 31.12.', round(100.0 * (b.institusjon / a.institusjon - 1), 1),
           'prosent', d.d - 1, d.d, 'figur_5_5'
    from d left join p0_17 as a on a.aar = d.d - 1 left join p0_17 as b on b.aar = d.d
    -- 19
    union all
    select 19, 'atferdstiltak ... har økt, fra 123 ved utgangen av 2021 til 159 ved utgangen av 2022',
           'Barn 0–17 år i institusjon med atferdstiltak per 31.12. (SSB 12845)', atferd.antall, 'barn', null, y.aar,
           'staging.tiltak_lovheimel'
    from (select d.d - 1 as aar from d union all select d.d from d) as y left join atferd on atferd.aar = y.aar
    -- 20
    union all
    select 20, 'Andelen plasseringstiltak i institusjon i forhold til fosterhjem er det samme for 2022 som i 2015',
           'Barn 0–17 år i institusjon per 100 i fosterhjem per 31.12.',
           round(100.0 * p0_17.institusjon / p0_17.fosterheim, 1), 'prosent', null, y.aar, 'figur_5_5'
    from (select min(aar) as aar from p0_17 union all select d.d from d) as y left join p0_17 on p0_17.aar = y.aar
    -- 21: fosterhjem and institusjon by region, d-2 → d
    union all
    select 21, 'Nedgangen i antall fosterhjemsplasseringer er gjeldende for alle barnevernsregionene for perioden '
               || '2020 til 2022 ... størst i region vest og sør',
           'Endring i barn 0–17 år i fosterhjem per 31.12., ' || coalesce(b.region_navn, a.region_navn),
           round(100.0 * (b.antall / a.antall - 1), 1), 'prosent', d.d - 2, d.d, 'indicators.plasseringstiltak_region'
    from d
    inner join region as a on a.aar = d.d - 2 and a.plassering = 'fosterheim'
    inner join region as b on b.aar = d.d and b.plassering = 'fosterheim' and b.region = a.region
    where a.region not in ('landet', 'landet_uten_oslo')
    union all
    select 21, 'region sør har hatt en økning i antall plasseringstiltak i institusjon fra 2020 til 2022, '
               || 'og særlig fra 2021 til 2022',
           'Endring i barn 0–17 år i institusjon per 31.12., ' || coalesce(b.region_navn, 'Region sør'),
           round(100.0 * (b.antall / a.antall - 1), 1), 'prosent', y.fra, d.d, 'indicators.plasseringstiltak_region'
    from d
    cross join (select d.d - 2 as fra from d union all select d.d - 1 from d) as y
    left join region as a on a.aar = y.fra and a.plassering = 'institusjon' and a.region = 'sor'
    left join region as b on b.aar = d.d and b.plassering = 'institusjon' and b.region = 'sor'
    union all
    select 21, 'Det er særlig fosterhjem utenom familie og nære nettverk som har gått ned i perioden 2020–2022',
           'Endring i fosterhjemstiltak per 31.12. (tiltak, alle aldre, SSB 10660), '
               || case u.undertype when 'i_familie' then 'i familie og nære nettverk'
                                   else 'utenom familie og nære nettverk' end,
           round(100.0 * (b.antall / a.antall - 1), 1), 'prosent', d.d - 2, d.d, 'indicators.fosterhjem_undertyper'
    from d
    cross join (values ('i_familie'), ('utenom_familie')) as u(undertype)
    left join undertyper as a on a.aar = d.d - 2 and a.undertype = u.undertype
    left join undertyper as b on b.aar = d.d and b.undertype = u.undertype
    -- 22
    union all
    select 22, 'Ved utgangen av 2022 hadde 484 barn i alderen 0–17 år beredskapshjem utenom familie og nære nettverk',
           'Barn 0–17 år i beredskapshjem per 31.12.', p0_17.beredskapsheim, 'barn', null, d.d, 'figur_5_6'
    from d left join p0_17 on p0_17.aar = d.d
    union all
    select 22, 'og 162 midlertidig hjem i familie og nære nettverk',
           'Barn 0–17 år i midlertidig hjem i familie og nære nettverk per 31.12.', p0_17.mellombels_heim, 'barn',
           null, d.d, 'figur_5_6'
    from d left join p0_17 on p0_17.aar = d.d
    union all
    select 22, 'Av de 646 barn og unge som hadde disse to kategoriene som plasseringstiltak',
           'Barn 0–17 år i beredskapshjem eller midlertidig hjem per 31.12.',
           p0_17.beredskapsheim + p0_17.mellombels_heim, 'barn', null, d.d, 'figur_5_6'
    from d left join p0_17 on p0_17.aar = d.d
    -- 23
    union all
    select 23, 'om lag en tredjedel plassert som et omsorgstiltak, en tredjedel som akutttiltak og en tredjedel '
               || 'som et hjelpetiltak',
           'Andel av barn 0–17 år i beredskapshjem eller midlertidig hjem per 31.12. med lovhjemmel '
               || case l.lovheimel when 'omsorgstiltak' then 'omsorgstiltak' when 'akuttiltak' then 'akuttiltak'
                                   when 'atferdstiltak' then 'atferdstiltak' else 'plassert som hjelpetiltak' end
               || ' (SSB 12845)',
           -- shares of 12845's own total: 11600's count of the same children is another table's
           round(100.0 * l.antall / sum(l.antall) over (), 1), 'prosent', null, d.d, 'staging.tiltak_lovheimel'
    from d
    inner join lovheimel as l on l.aar = d.d
    -- 24
    union all
    select 24, 'Dersom vi ser på gruppen 0–24 år eller alder i alt, er det fire flere observasjoner i 2021 og fem '
               || 'flere observasjoner i 2022',
           'Unge 18–24 år i beredskapshjem eller midlertidig hjem per 31.12. (0–24 år mer enn 0–17 år)',
           n.beredskap_midlertidig_18_24, 'barn', null, n.aar, 'figur_5_6'
    from n, d where n.aar >= 2021 and n.aar >= d.d - 1
    -- 25
    union all
    select 25, 'For midlertidige plasseringer i familie og nære nettverk er økningen fra 2021 til 2022 på over 50 '
               || 'prosent (per 31.12.)', 'Endring i barn 0–17 år i midlertidig hjem per 31.12.',
           round(100.0 * (b.mellombels_heim / a.mellombels_heim - 1), 1), 'prosent', d.d - 1, d.d, 'figur_5_6'
    from d left join p0_17 as a on a.aar = d.d - 1 left join p0_17 as b on b.aar = d.d
    union all
    select 25, 'For midlertidige plasseringer i familie og nære nettverk er økningen fra 2021 til 2022 på over 50 '
               || 'prosent (ila. året)', 'Endring i tiltak 0–17 år i midlertidig hjem i løpet av året (SSB 10661)',
           round(100.0 * (b.antall / a.antall - 1), 1), 'prosent', d.d - 1, d.d, 'figur_0_4'
    from d left join ila as a on a.aar = d.d - 1 and a.tiltak = 'mellombels_heim'
    left join ila as b on b.aar = d.d and b.tiltak = 'mellombels_heim'
    union all
    select 25, 'For beredskapshjem utenom familie og nære nettverk er økningen på 11 prosent målt ved slutten av året',
           'Endring i barn 0–17 år i beredskapshjem per 31.12.',
           round(100.0 * (b.beredskapsheim / a.beredskapsheim - 1), 1), 'prosent', d.d - 1, d.d, 'figur_5_6'
    from d left join p0_17 as a on a.aar = d.d - 1 left join p0_17 as b on b.aar = d.d
    union all
    select 25, 'men vi ser en nedgang på 9 prosent ila. året',
           'Endring i tiltak 0–17 år i beredskapshjem i løpet av året (SSB 10661)',
           round(100.0 * (b.antall / a.antall - 1), 1), 'prosent', d.d - 1, d.d, 'figur_0_4'
    from d left join ila as a on a.aar = d.d - 1 and a.tiltak = 'beredskapsheim'
    left join ila as b on b.aar = d.d and b.tiltak = 'beredskapsheim'
    union all
    select 25, 'Samlet er økningen på 19 prosent per 31.12.',
           'Endring i barn 0–17 år i beredskapshjem og midlertidig hjem per 31.12.',
           round(100.0 * ((b.beredskapsheim + b.mellombels_heim) / (a.beredskapsheim + a.mellombels_heim) - 1), 1),
           'prosent', d.d - 1, d.d, 'figur_5_6'
    from d left join p0_17 as a on a.aar = d.d - 1 left join p0_17 as b on b.aar = d.d
    union all
    select 25, 'og 3 prosent ila. året',
           'Endring i tiltak 0–17 år i beredskapshjem og midlertidig hjem i løpet av året (SSB 10661)',
           -- both measures in both years, or no number: a sum short of one would move the change by its size
           case when count(a.antall) = 2 and count(b.antall) = 2
                then round(100.0 * (sum(b.antall) / sum(a.antall) - 1), 1) end,
           'prosent', any_value(d.d) - 1, any_value(d.d),
           'figur_0_4'
    from d
    cross join (values ('beredskapsheim'), ('mellombels_heim')) as t(tiltak)
    left join ila as a on a.aar = d.d - 1 and a.tiltak = t.tiltak
    left join ila as b on b.aar = d.d and b.tiltak = t.tiltak
    -- 26: beredskapshjem and midlertidig hjem by region, d-1 → d
    union all
    select 26, case a.plassering
                   when 'beredskapsheim' then 'Plasseringer i beredskapshjem ... har gått opp for alle '
                                              || 'barnevernsregioner unntatt region midt fra 2021 til 2022'
                   else 'Alle regionene har hatt en økning i midlertidige plasseringer i familie og nære nettverk fra '
                        || '2021 til 2022 ..., unntatt Oslo hvor antallet er likt' end,
           'Endring i barn 0–17 år i ' || case a.plassering when 'beredskapsheim' then 'beredskapshjem'
                                                            else 'midlertidig hjem' end
               || ' per 31.12., ' || coalesce(b.region_navn, a.region_navn),
           round(100.0 * (b.antall / a.antall - 1), 1), 'prosent', d.d - 1, d.d, 'indicators.plasseringstiltak_region'
    from d
    inner join region as a on a.aar = d.d - 1 and a.plassering in ('beredskapsheim', 'mellombels_heim')
    inner join region as b on b.aar = d.d and b.plassering = a.plassering and b.region = a.region
    where a.region not in ('landet', 'landet_uten_oslo')
    -- 27, 28
    union all
    select 27, 'antall barn med akutttiltak som plasseringstiltak ... en økning fra 2021 til 2022 på 9 prosent',
           'Endring i barn 0–17 år med akuttiltak som plasseringstiltak per 31.12.',
           round(100.0 * (b.i_alt / a.i_alt - 1), 1), 'prosent', d.d - 1, d.d, 'figur_0_5'
    from d left join akutt as a on a.aar = d.d - 1 left join akutt as b on b.aar = d.d
    union all
    select 28, 'Økningen i prosent er størst for midlertidig hjem i familie og nære nettverk (23 prosent)',
           'Endring i barn 0–17 år med akuttiltak i midlertidig hjem per 31.12.',
           round(100.0 * (b.mellombels_heim / a.mellombels_heim - 1), 1), 'prosent', d.d - 1, d.d, 'figur_0_5'
    from d left join akutt as a on a.aar = d.d - 1 left join akutt as b on b.aar = d.d
    union all
    select 28, 'og fosterhjem (14 prosent)', 'Endring i barn 0–17 år med akuttiltak i fosterhjem per 31.12.',
           round(100.0 * (b.fosterheim / a.fosterheim - 1), 1), 'prosent', d.d - 1, d.d, 'figur_0_5'
    from d left join akutt as a on a.aar = d.d - 1 left join akutt as b on b.aar = d.d
    -- 32
    union all
    select 32, 'Det har vært en nedgang fra 2019 også dersom vi ser antall barn som venter ved periodeslutt opp mot '
               || 'antall barn i fosterhjem',
           'Barn som venter på fosterhjem ved årsslutt (Bufdir, uten Oslo) per 100 barn 0–17 år i fosterhjem '
               || 'per 31.12. uten Oslo', v.venter_per_100_i_fosterhjem, 'per 100 barn', null, v.aar,
           'indicators.ventende_per_fosterhjem'
    from indicators.ventende_per_fosterhjem as v
    where v.report_year = getvariable('report_year')
)

select
    cast(nr as integer) as nr,
    cast(utsagn as varchar) as utsagn,
    cast(maal as varchar) as maal,
    cast(verdi as double) as verdi,
    cast(enhet as varchar) as enhet,
    cast(fra_aar as integer) as fra_aar,
    cast(til_aar as integer) as til_aar,
    cast(kilde as varchar) as kilde,
    getvariable('report_year') as report_year
from rows
order by nr, kilde, maal, til_aar
