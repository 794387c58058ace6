-- indicators.flyttinger_fordeling
-- One row: one band of one variable for one type of fosterhjem in the Bufdir + SSB extract of the data
-- year (`data_aar`, the year SSB 13353 reaches): children 0-17 who lived in a fosterhjem during the year,
-- by number of moves since the histories start (`forlop_fra`, 2014), by age, or by years since the first
-- placement (figures B-3 and B-4 of vedlegg B). `n_barn` is the type's number of children (the extract's
-- "I alt" row), `andel` the band's share of them, `andel_flyttet` the share of the band's children with at
-- least one move. A band the extract does not give (too few children) keeps NULL, never 0.
-- Audit columns: `baand_feil` counts what is wrong with a band (not starting at 0, a gap or an overlap
-- with the band before, an open band before the last, age bands not ending at 17); `differanse_n` is N
-- less the sum of the bands where every band is given (0 when they add up), NULL where one is hidden;
-- `sum_baand` is the sum of the bands that are given (at most N).
--
-- Columns:
--   aar: the extract's data year [år]
--   forlop_fra: the year the placement histories start (2014) [år]
--   type: alle, i_familie or utenom_familie
--   fosterhjemstype: the type as the extract names it
--   variabel: antall_flyttinger, alder or aar_siden_forste_plassering: what the bands are of
--   kategori: the band as the extract labels it
--   fra: the band's lower bound (moves, age or years)
--   til: the band's upper bound; NULL for an open last band
--   barn: children 0-17 in the band; NULL where the extract hides it (too few children) [barn]
--   barn_minst_en_flytting: of them, those with at least one move [barn]
--   n_barn: the type's number of children (the extract's "I alt" row) [barn]
--   andel: barn as a share of n_barn [andel 0-1]
--   andel_flyttet: barn_minst_en_flytting as a share of barn [andel 0-1]
--   sum_baand: the sum of the bands that are given (at most n_barn) [barn]
--   differanse_n: n_barn less the sum of the bands where every band is given (audited: 0); NULL where one is hidden
--         [barn]
--   baand_feil: what is wrong with the band, counted (audited: 0): not starting at 0, a gap or overlap with the band
--         before, an open band before the last, age bands not ending at 17
with uttrekk as (
    select * from raw.bufdir_flyttinger_fosterhjem_uttrekk where aar = getvariable('data_aar')
),
n as (
    select fosterhjemstype, barn as n_barn from uttrekk where variabel = 'I alt'
),
baand as (
    select
        u.*,
        lag(u.til) over w as forrige_til,
        row_number() over w as nr_i_variabel,
        lead(u.fra) over w is null as siste,
        sum(u.barn) over v as sum_baand,
        count(u.barn) over v = count(*) over v as alle_gitt
    from uttrekk u
    where u.variabel <> 'I alt'
    window w as (partition by u.fosterhjemstype, u.variabel order by u.fra),
           v as (partition by u.fosterhjemstype, u.variabel)
)
select
    getvariable('report_year') as report_year,
    b.aar,
    b.forlop_fra,
    case b.fosterhjemstype
        when 'Fosterhjem i alt' then 'alle'
        when 'Fosterhjem i familie og nære nettverk' then 'i_familie'
        when 'Fosterhjem utenom familie og nære nettverk' then 'utenom_familie'
    end as type,
    b.fosterhjemstype,
    case b.variabel
        when 'Antall flyttinger' then 'antall_flyttinger'
        when 'Alder' then 'alder'
        when 'År siden første plassering' then 'aar_siden_forste_plassering'
    end as variabel,
    b.kategori,
    b.fra,
    b.til,
    b.barn,
    b.barn_minst_en_flytting,
    n.n_barn,
    b.barn / n.n_barn as andel,
    b.barn_minst_en_flytting / b.barn as andel_flyttet,
    b.sum_baand,
    case when b.alle_gitt then n.n_barn - b.sum_baand end as differanse_n,
    (case when b.fra is null then 1 else 0 end)
    + (case when b.nr_i_variabel = 1 and b.fra <> 0 then 1 else 0 end)
    + (case when b.nr_i_variabel > 1 and (b.forrige_til is null or b.fra <> b.forrige_til + 1) then 1 else 0 end)
    + (case when b.variabel = 'Alder' and b.siste and coalesce(b.til, -1) <> 17 then 1 else 0 end)
        as baand_feil
from baand b
left join n using (fosterhjemstype)
order by type, variabel, b.fra
