-- indicators.oppholdsdager_tiltak
-- One row: one whole year before the report year and one of Bufetat's measures (statlige fosterhjem,
-- fosterhjem i private tiltak, statlige and private institusjoner): days of stay, their change from the
-- year before (days and per cent; NULL in the file's first year), and resources used per day of stay in
-- the year's kroner (Bufdir) and in report-year kroner (kommunal deflator). The report's text quotes
-- both (section 5.5). `mangler_deflator`: a year with kroner but no deflator factor (never guessed).
--
-- Columns:
--   aar: the year [år]
--   tiltak: the Bufetat measure (statlige fosterhjem, fosterhjem i private tiltak, statlige or private institusjoner)
--   oppholdsdager: days of stay [oppholdsdager]
--   endring_dager: the change from the year just before; NULL without it [oppholdsdager]
--   endring_prosent: the change from the year just before [prosent]
--   kroner_per_oppholdsdag: resources used per day of stay in the year's kroner (Bufdir) [kr]
--   kroner_per_oppholdsdag_fast: the same in report-year kroner (kommunal deflator, the report's vintage) [kr,
--         rapportårets kroner]
--   endring_kroner_prosent: the change in kroner per day (the years' own kroner) from the year just before [prosent]
--   mangler_deflator: true for a year with kroner but no deflator factor
--   fil: the Bufdir file the row was read from
with rows as (
    select
        tiltak.aar,
        tiltak.tiltak,
        tiltak.oppholdsdager,
        lag(tiltak.oppholdsdager) over (partition by tiltak.tiltak order by tiltak.aar) as oppholdsdager_aaret_foer,
        lag(tiltak.aar) over (partition by tiltak.tiltak order by tiltak.aar) as aaret_foer,
        tiltak.kroner_per_oppholdsdag,
        lag(tiltak.kroner_per_oppholdsdag) over (partition by tiltak.tiltak order by tiltak.aar)
            as kroner_aaret_foer,
        tiltak.fil
    from raw.bufdir_oppholdsdager_tiltak as tiltak
    where tiltak.aar < getvariable('report_year')
)

select
    getvariable('report_year') as report_year,
    rows.aar,
    rows.tiltak,
    rows.oppholdsdager,
    -- a change only from the year just before: a gap in the file gives none
    case when rows.aaret_foer = rows.aar - 1 then rows.oppholdsdager - rows.oppholdsdager_aaret_foer end
        as endring_dager,
    case when rows.aaret_foer = rows.aar - 1
        then 100.0 * (rows.oppholdsdager - rows.oppholdsdager_aaret_foer) / nullif(rows.oppholdsdager_aaret_foer, 0)
    end as endring_prosent,
    rows.kroner_per_oppholdsdag,
    rows.kroner_per_oppholdsdag * deflator.faktor_til_rapportaar as kroner_per_oppholdsdag_fast,
    case when rows.aaret_foer = rows.aar - 1
        then 100.0 * (rows.kroner_per_oppholdsdag - rows.kroner_aaret_foer) / nullif(rows.kroner_aaret_foer, 0)
    end as endring_kroner_prosent,
    rows.kroner_per_oppholdsdag is not null and deflator.faktor_til_rapportaar is null as mangler_deflator,
    rows.fil
from rows
left join indicators.deflator as deflator
    on deflator.report_year = getvariable('report_year') and deflator.aar = rows.aar
order by rows.tiltak, rows.aar
