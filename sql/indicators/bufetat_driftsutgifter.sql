-- indicators.bufetat_driftsutgifter
-- One row: one year up to the report year and one accounting function: Bufetat's gross operating
-- expenditure (Bufdir), nominal and in report-year kroner. Past years are accounts; the report year
-- is budget. `type_stemmer_med_aar` is false where a file mixes them up.
--
-- Columns:
--   aar: the year [år]
--   regnskapsfunksjon: Bufetat's accounting function as the Bufdir file names it
--   type: regnskap (accounts) or budsjett (budget)
--   type_stemmer_med_aar: true when past years are accounts and the report year budget (checked)
--   belop_1000_kr: gross operating expenditure, nominal [1 000 kr]
--   faktor: the deflator factor from the year to the report year (the report's vintage)
--   belop_mrd_kr_fast: the amount in report-year kroner [mrd. kr, rapportårets kroner]
--   fil: the Bufdir file the row was read from
select
    getvariable('report_year') as report_year,
    utgifter.aar,
    utgifter.regnskapsfunksjon,
    utgifter.type,
    (utgifter.type = 'budsjett' and utgifter.aar = getvariable('report_year'))
        or (utgifter.type = 'regnskap' and utgifter.aar < getvariable('report_year')) as type_stemmer_med_aar,
    utgifter.belop_1000_kr,
    deflator.faktor_til_rapportaar as faktor,
    utgifter.belop_1000_kr * deflator.faktor_til_rapportaar / 1e6 as belop_mrd_kr_fast,
    utgifter.fil
from raw.bufdir_bufetat_driftsutgifter as utgifter
left join indicators.deflator as deflator
    on deflator.report_year = getvariable('report_year') and deflator.aar = utgifter.aar
where utgifter.aar <= getvariable('report_year')
order by utgifter.aar, utgifter.regnskapsfunksjon
