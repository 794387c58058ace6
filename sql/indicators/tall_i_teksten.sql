-- indicators.tall_i_teksten
-- One row: one number the report's text quotes (review table A.3), as a domain model computes it, or, for
-- a statement the data cannot support, one row naming what it would need (`mangler`, from the catalogue
-- reference.tall_i_teksten_utsagn). `status` is 'levert' or 'mangler_data'; anything else (a number
-- without a catalogue row, a statement neither computed nor explained) fails the model's expectations.
with tall as (
    select nr, utsagn, maal, verdi, enhet, fra_aar, til_aar, kilde
    from indicators.tall_i_teksten_tiltak where report_year = getvariable('report_year')
    union all
    select nr, utsagn, maal, verdi, enhet, fra_aar, til_aar, kilde
    from indicators.tall_i_teksten_plasseringer where report_year = getvariable('report_year')
    union all
    select nr, utsagn, maal, verdi, enhet, fra_aar, til_aar, kilde
    from indicators.tall_i_teksten_bufdir where report_year = getvariable('report_year')
    union all
    select nr, utsagn, maal, verdi, enhet, fra_aar, til_aar, kilde
    from indicators.tall_i_teksten_tjenester where report_year = getvariable('report_year')
    union all
    select nr, utsagn, maal, verdi, enhet, fra_aar, til_aar, kilde
    from indicators.tall_i_teksten_okonomi where report_year = getvariable('report_year')
    union all
    select nr, utsagn, maal, verdi, enhet, fra_aar, til_aar, kilde
    from indicators.tall_i_teksten_flyttinger where report_year = getvariable('report_year')
)

select getvariable('report_year') as report_year, coalesce(u.nr, t.nr) as nr, u.avsnitt, coalesce(t.utsagn, u.tema) as utsagn, t.maal, t.verdi, t.enhet,
       t.fra_aar, t.til_aar, t.kilde, case when t.nr is null then u.mangler end as mangler,
       case
           when u.nr is null then 'feil: tallet har ingen rad i katalogen'
           when t.nr is not null then 'levert'
           when u.mangler is not null then 'mangler_data'
           else 'feil: ingen modell gir tallet, og katalogen sier ikke hva som mangler'
       end as status
from reference.tall_i_teksten_utsagn as u
full outer join tall as t on t.nr = u.nr
order by nr, t.til_aar, t.fra_aar nulls first, t.maal
