-- indicators.tall_i_teksten_bufdir
-- One row: one number the report's text quotes from the Bufdir sources (review table A.3, statements 29,
-- 30, 31, 36, 37, 48, 51, 52, 53 and 54): `nr` the statement, `utsagn` the report's sentence (short),
-- `maal` what the number is, `verdi` and `enhet`, `fra_aar`-`til_aar` (a change; `fra_aar` NULL for a
-- level), `kilde` the figure or table it comes from. Years relative to the report year: the data year is
-- the year before; the report year itself is the year so far (waiting per April, ended beredskapshjem
-- placements per 2nd quarter, table 5-1 per 30 April). A change in per cent has `enhet` 'prosent'; a change
-- in days or kroner has the unit of its levels and both years set. The lead unions this table with the other
-- domains' into `tabell_tall_i_teksten`.
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
with years as (
    select getvariable('report_year') as aar, getvariable('report_year') - 1 as data_aar
),

-- 29: ended beredskapshjem placements, the data year against the report year so far (figure 0-6)
avsluttede as (
    select a.aar, a.hele_aar, a.periode_slutt, a.gjennomsnitt_dager, a.median_dager
    from indicators.beredskapshjem_avsluttede as a, years
    where a.report_year = years.aar and a.aar in (years.data_aar, years.aar)
),

stmt_29 as (
    select
        29 as nr,
        'Foreløpige tall per andre kvartal ' || years.aar || ' viser en økning i gjennomsnittlig og median antall '
        || 'oppholdsdager i beredskapshjem fra ' || years.data_aar || ' til ' || years.aar || ' for avsluttede tiltak'
            as utsagn,
        maal.navn || ' antall oppholdsdager i beredskapshjem ved tiltaksslutt, ' || a.aar
        || case when a.hele_aar then '' else ' per ' || strftime(a.periode_slutt, '%d.%m.') end as maal,
        case maal.navn when 'Gjennomsnittlig' then a.gjennomsnitt_dager else a.median_dager end as verdi,
        'dager' as enhet,
        cast(null as integer) as fra_aar,
        a.aar as til_aar,
        'figur_0_6' as kilde
    from avsluttede as a, years, (values ('Gjennomsnittlig'), ('Median')) as maal(navn)
),

-- 30: children living in beredskapshjem at the latest date (table 5-1, the "I alt" row)
stmt_30 as (
    select
        30 as nr,
        'Gjennomsnittlig botid for barn som bor i beredskapshjem per ' || strftime(b.referansedato, '%d.%m.%Y')
        || ' er vesentlig høyere enn hva oppholdstid for avsluttede tiltak viser' as utsagn,
        maal.navn || ' per ' || strftime(b.referansedato, '%d.%m.%Y') as maal,
        case maal.enhet when 'dager' then b.gjennomsnitt_botid_dager else b.antall_barn end as verdi,
        maal.enhet,
        cast(null as integer) as fra_aar,
        year(b.referansedato) as til_aar,
        'tabell_5_1' as kilde
    from indicators.beredskapshjem_botid as b, years,
        (values ('Gjennomsnittlig botid for barn i beredskapshjem, i alt', 'dager'),
                ('Barn som bor i beredskapshjem, i alt', 'barn')) as maal(navn, enhet)
    where b.report_year = years.aar and b.region = 'Hele landet'
),

-- 31 and 36: children waiting for a fosterhjem, the country (figures 5-7 and 5-8)
ventetid as (
    select
        year(v.periode_slutt) as aar,
        v.forelopig,
        v.periode_slutt,
        v.barn_som_venter_ved_periodeslutt as venter,
        v.barn_som_har_ventet_i_perioden as har_ventet,
        v.gjennomsnitt_ventedager as gjennomsnitt,
        v.median_ventedager as median
    from indicators.ventetid_fosterhjem as v, years
    where v.report_year = years.aar and v.region = 'Hele landet'
        and (v.forelopig or v.periode_slutt = make_date(year(v.periode_slutt), 12, 31))
        -- one provisional period: the latest the file has (a file with "per mars" and "per april" gives April)
        and (not v.forelopig or v.periode_slutt = (
            select max(p.periode_slutt) from indicators.ventetid_fosterhjem as p
            where p.report_year = years.aar and p.region = 'Hele landet' and p.forelopig))
),

stmt_31 as (
    select
        31 as nr,
        case s.rekke
            when 1 then 'Nedgangen fra ' || fra.aar || ' til ' || til.aar || ', målt i barn som venter over perioden'
            when 2 then 'Endringen per utgangen av året (' || fra.aar || '–' || til.aar || ') var imidlertid lavere'
            else 'Antall barn som venter på fosterhjem per april ' || til.aar || ' er høyere enn ved utgangen av '
                || fra.aar
        end as utsagn,
        s.maal,
        100.0 * (til.verdi - fra.verdi) / nullif(fra.verdi, 0) as verdi,
        'prosent' as enhet,
        fra.aar as fra_aar,
        til.aar as til_aar,
        'figur_5_7' as kilde
    from years,
        (values
            (1, 'har_ventet', false,
             'Barn 0–17 år som har ventet på fosterhjem fra Bufetat i løpet av året, endring'),
            (2, 'venter', false, 'Barn 0–17 år som venter på fosterhjem fra Bufetat ved utgangen av året, endring'),
            (3, 'venter', true,
             'Barn 0–17 år som venter på fosterhjem fra Bufetat, per april mot utgangen av året før, endring'))
            as s(rekke, maaling, mot_forelopig, maal),
        lateral (
            select aar, case s.maaling when 'venter' then venter else har_ventet end as verdi
            from ventetid
            where not forelopig and aar = years.data_aar - case when s.mot_forelopig then 0 else 1 end
        ) as fra,
        lateral (
            select aar, case s.maaling when 'venter' then venter else har_ventet end as verdi
            from ventetid
            where case when s.mot_forelopig then forelopig else not forelopig and aar = years.data_aar end
        ) as til
    union all
    -- "per utgangen av april ... omtrent på samme nivå som ved utgangen av" the first year: the two levels
    select
        31,
        'Per utgangen av april ' || years.aar || ' ligger antall barn som venter på fosterhjem omtrent på samme '
        || 'nivå som ved utgangen av ' || (select min(aar) from ventetid),
        'Barn 0–17 år som venter på fosterhjem fra Bufetat, ' || v.aar
        || case when v.forelopig then ' per ' || strftime(v.periode_slutt, '%d.%m.') else ' (per 31.12.)' end,
        v.venter,
        'barn',
        null,
        v.aar,
        'figur_5_7'
    from ventetid as v, years
    where v.forelopig or v.aar = (select min(aar) from ventetid)
),

stmt_36 as (
    select
        36 as nr,
        'Gjennomsnittlig ventetid har økt fra ' || (select min(aar) from ventetid) || ' til ' || years.aar
        || '; økning i median over samme periode, selv om det har vært en nedgang fra ' || years.data_aar
        || ' til utgangen av april ' || years.aar as utsagn,
        maal.navn || ' ventetid på fosterhjem fra Bufetat, dager etter dato for ønsket oppstart, ' || v.aar
        || case when v.forelopig then ' per ' || strftime(v.periode_slutt, '%d.%m.') else ' (per 31.12.)' end
            as maal,
        case maal.navn when 'Gjennomsnittlig' then v.gjennomsnitt else v.median end as verdi,
        'dager' as enhet,
        cast(null as integer) as fra_aar,
        v.aar as til_aar,
        'figur_5_8' as kilde
    from ventetid as v, years, (values ('Gjennomsnittlig'), ('Median')) as maal(navn)
    where v.aar = (select min(aar) from ventetid) or v.forelopig
        or (maal.navn = 'Median' and v.aar = years.data_aar and not v.forelopig)
),

-- 37: children waiting by days waited at the latest reference date (figure 5-9)
intervall as (
    select i.*, max(i.referansedato) over () as siste_dato
    from indicators.ventetid_fosterhjem_intervall as i, years
    where i.report_year = years.aar
),

regions_ranked as (
    select
        region, referansedato, i_alt, over_180_dager,
        row_number() over (order by i_alt desc, region) as rang_i_alt,
        row_number() over (order by over_180_dager desc, region) as rang_over_180
    from intervall
    where referansedato = siste_dato and region <> 'Hele landet'
),

stmt_37 as (
    select
        37 as nr,
        'Flest barn og unge som venter på fosterhjem per ' || strftime(referansedato, '%d.%m.%Y') || ' i de to '
        || 'regionene med flest; den ene har også flest som har ventet i over 180 dager' as utsagn,
        'Barn som venter på fosterhjem per ' || strftime(referansedato, '%d.%m.%Y') || ', ' || region
        || ' (nr. ' || rang_i_alt || ')' as maal,
        i_alt as verdi,
        'barn' as enhet,
        cast(null as integer) as fra_aar,
        year(referansedato) as til_aar,
        'figur_5_9' as kilde
    from regions_ranked
    where rang_i_alt <= 2
    union all
    select
        37,
        'Flest barn og unge som venter på fosterhjem per ' || strftime(referansedato, '%d.%m.%Y') || ' i de to '
        || 'regionene med flest; den ene har også flest som har ventet i over 180 dager',
        'Barn som har ventet over 180 dager per ' || strftime(referansedato, '%d.%m.%Y') || ', ' || region
        || ' (flest)',
        over_180_dager,
        'barn',
        null,
        year(referansedato),
        'figur_5_9'
    from regions_ranked
    where rang_over_180 = 1
    union all
    select
        37,
        'Blant barna som er registrert som ventende på fosterhjem per 31.08. begge år, er det flest som har ventet '
        || 'i over 180 dager, etterfulgt av en ventetid fra 30 til 90 dager',
        'Barn som venter på fosterhjem per ' || strftime(i.referansedato, '%d.%m.%Y') || ', hele landet, '
        || b.navn,
        case b.kode
            when 'under_30' then i.under_30_dager when '30_90' then i."30_90_dager"
            when '91_180' then i."91_180_dager" else i.over_180_dager
        end,
        'barn',
        null,
        year(i.referansedato),
        'figur_5_9'
    from intervall as i,
        (values ('under_30', 'under 30 dager'), ('30_90', '30–90 dager'), ('91_180', '91–180 dager'),
                ('over_180', 'over 180 dager')) as b(kode, navn)
    where i.region = 'Hele landet'
),

-- 48: total public net spending, the data year against the year before (figure 5-11)
offentlige as (
    select o.aar, o.samlet_mrd_kr
    from indicators.offentlige_netto_driftsutgifter as o, years
    where o.report_year = years.aar and o.aar in (years.data_aar - 1, years.data_aar)
),

stmt_48 as (
    select
        48 as nr,
        'Fra ' || (years.data_aar - 1) || ' til ' || years.data_aar || ' har samlede netto driftsutgifter hatt en '
        || 'økning' as utsagn,
        'Samlede offentlige netto driftsutgifter til barnevern (stat og kommuner uten Oslo), ' || o.aar as maal,
        o.samlet_mrd_kr as verdi,
        'mrd. ' || years.aar || '-kr' as enhet,
        cast(null as integer) as fra_aar,
        o.aar as til_aar,
        'figur_5_11' as kilde
    from offentlige as o, years
    union all
    select
        48,
        'Fra ' || (years.data_aar - 1) || ' til ' || years.data_aar || ' har samlede netto driftsutgifter hatt en '
        || 'økning',
        'Samlede offentlige netto driftsutgifter til barnevern (stat og kommuner uten Oslo), økning',
        til.samlet_mrd_kr - fra.samlet_mrd_kr,
        'mrd. ' || years.aar || '-kr',
        fra.aar,
        til.aar,
        'figur_5_11'
    from years
    inner join offentlige as fra on fra.aar = years.data_aar - 1
    inner join offentlige as til on til.aar = years.data_aar
),

-- 51 and 52: Bufetat's gross spending, in all and by accounting function (figures 5-12 and 5-13)
bufetat as (
    select u.aar, u.regnskapsfunksjon, u.belop_mrd_kr_fast
    from indicators.bufetat_driftsutgifter as u, years
    where u.report_year = years.aar and u.aar in (years.data_aar - 1, years.data_aar) and u.type = 'regnskap'
),

stmt_51 as (
    select
        51 as nr,
        'Fra ' || (years.data_aar - 1) || ' til ' || years.data_aar || ' tilsvarte nedgangen i samlede '
        || 'driftsutgifter til Bufetat en reduksjon' as utsagn,
        'Bufetats samlede brutto driftsutgifter, endring' as maal,
        100.0 * (sum(b.belop_mrd_kr_fast) filter (where b.aar = years.data_aar)
                 - sum(b.belop_mrd_kr_fast) filter (where b.aar = years.data_aar - 1))
            / nullif(sum(b.belop_mrd_kr_fast) filter (where b.aar = years.data_aar - 1), 0) as verdi,
        'prosent' as enhet,
        years.data_aar - 1 as fra_aar,
        years.data_aar as til_aar,
        'figur_5_12' as kilde
    from bufetat as b, years
    group by years.aar, years.data_aar
    union all
    -- "Budsjetterte statlige utgifter ... forventes å ville reduseres ytterligere": the report year's budget
    select
        51,
        'Budsjetterte statlige utgifter til barnevern taler for at statens utgifter forventes å reduseres '
        || 'ytterligere i ' || years.aar,
        'Bufetats samlede brutto driftsutgifter, budsjett ' || years.aar || ' mot regnskap ' || years.data_aar
        || ', endring',
        100.0 * (sum(u.belop_mrd_kr_fast) filter (where u.aar = years.aar)
                 - sum(u.belop_mrd_kr_fast) filter (where u.aar = years.data_aar))
            / nullif(sum(u.belop_mrd_kr_fast) filter (where u.aar = years.data_aar), 0),
        'prosent',
        years.data_aar,
        years.aar,
        'figur_5_12'
    from indicators.bufetat_driftsutgifter as u, years
    where u.report_year = years.aar and u.aar in (years.data_aar, years.aar)
        and u.type = case when u.aar = years.aar then 'budsjett' else 'regnskap' end
    group by years.aar, years.data_aar
),

funksjoner as (
    select
        f.regnskapsfunksjon,
        (select belop_mrd_kr_fast from bufetat as b
         where b.regnskapsfunksjon = f.regnskapsfunksjon and b.aar = years.data_aar - 1) as fra_mrd,
        (select belop_mrd_kr_fast from bufetat as b
         where b.regnskapsfunksjon = f.regnskapsfunksjon and b.aar = years.data_aar) as til_mrd,
        years.aar,
        years.data_aar
    from years,
        (values ('Statlige fosterhjem'), ('Fosterhjem i private tiltak'), ('Private institusjoner'))
            as f(regnskapsfunksjon)
),

stmt_52 as (
    select
        52 as nr,
        'Nedgangen i samlede brutto driftsutgifter fra ' || (f.data_aar - 1) || ' til ' || f.data_aar || ' kan i '
        || 'hovedsak forklares av reduserte utgifter for statlige fosterhjem, fosterhjem tilknyttet private tiltak '
        || 'og private institusjoner' as utsagn,
        'Bufetats brutto driftsutgifter, ' || lower(f.regnskapsfunksjon) || ', endring' as maal,
        case e.enhet when 'prosent' then 100.0 * (f.til_mrd - f.fra_mrd) / nullif(f.fra_mrd, 0)
            else (f.til_mrd - f.fra_mrd) * 1000 end as verdi,
        case e.enhet when 'prosent' then 'prosent' else 'mill. ' || f.aar || '-kr' end as enhet,
        f.data_aar - 1 as fra_aar,
        f.data_aar as til_aar,
        'figur_5_13' as kilde
    from funksjoner as f, (values ('mill'), ('prosent')) as e(enhet)
),

-- 53 and 54: days of stay and kroner per day by measure (Bufdir, indicators.oppholdsdager_tiltak)
tiltak as (
    select t.*
    from indicators.oppholdsdager_tiltak as t, years
    where t.report_year = years.aar and t.aar in (years.data_aar - 1, years.data_aar)
),

stmt_53 as (
    select
        53 as nr,
        'I ' || t.aar || ' hadde statlige fosterhjem samlet (spesialiserte fosterhjem og beredskapshjem) færre '
        || 'oppholdsdager enn året før' as utsagn,
        'Oppholdsdager i statlige fosterhjem, endring' as maal,
        case e.enhet when 'prosent' then t.endring_prosent else t.endring_dager end as verdi,
        e.enhet,
        t.aar - 1 as fra_aar,
        t.aar as til_aar,
        'indicators.oppholdsdager_tiltak' as kilde
    from tiltak as t, years, (values ('dager'), ('prosent')) as e(enhet)
    where t.tiltak = 'Statlige fosterhjem' and t.aar = years.data_aar
),

stmt_54 as (
    select
        54 as nr,
        'For private institusjoner en økning i ressursbruk per oppholdsdag fra ' || (years.data_aar - 1) || ' til '
        || years.data_aar as utsagn,
        'Kroner per oppholdsdag, private institusjoner, ' || t.aar as maal,
        t.kroner_per_oppholdsdag as verdi,
        'kroner' as enhet,
        cast(null as integer) as fra_aar,
        t.aar as til_aar,
        'indicators.oppholdsdager_tiltak' as kilde
    from tiltak as t, years
    where t.tiltak = 'Private institusjoner'
    union all
    select
        54,
        'Fosterhjem tilknyttet private tiltak har tilnærmet uendret ressursbruk per oppholdsdag fra '
        || (years.data_aar - 1) || ' til ' || years.data_aar,
        'Kroner per oppholdsdag, fosterhjem i private tiltak, endring',
        t.endring_kroner_prosent,
        'prosent',
        t.aar - 1,
        t.aar,
        'indicators.oppholdsdager_tiltak'
    from tiltak as t, years
    where t.tiltak = 'Fosterhjem i private tiltak' and t.aar = years.data_aar
),

alle as (
    select * from stmt_29
    union all select * from stmt_30
    union all select * from stmt_31
    union all select * from stmt_36
    union all select * from stmt_37
    union all select * from stmt_48
    union all select * from stmt_51
    union all select * from stmt_52
    union all select * from stmt_53
    union all select * from stmt_54
)

select
    getvariable('report_year') as report_year,
    cast(nr as integer) as nr,
    cast(utsagn as varchar) as utsagn,
    cast(maal as varchar) as maal,
    cast(verdi as double) as verdi,
    cast(enhet as varchar) as enhet,
    cast(fra_aar as integer) as fra_aar,
    cast(til_aar as integer) as til_aar,
    cast(kilde as varchar) as kilde
from alle
order by nr, kilde, til_aar, maal
