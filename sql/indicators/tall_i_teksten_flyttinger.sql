-- indicators.tall_i_teksten_flyttinger
-- One row: one number the text of vedlegg B quotes (statements 62-64 of the review's table A.3), with the
-- report's sentence it backs, what it is, its value and unit, and the figure it comes from. All are levels
-- in the data year (`data_aar`: SSB 13353 and the Bufdir + SSB extract lag the report year by two years).
-- A number the data cannot give (a band the extract does not have, a band hidden or straddling the bound
-- the sentence needs) is no row, never a guess.
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
with andel_b2 as (
    select type, andel from indicators.flyttinger_fosterhjem
    where report_year = getvariable('report_year') and aar = getvariable('data_aar')
),
f as (
    select * from indicators.flyttinger_fordeling where report_year = getvariable('report_year')
),
n as (
    select distinct type, n_barn from f
),
flytt as (
    select * from f where variabel = 'antall_flyttinger'
),
-- The bands of moves the text quotes: 3-5 and 6-10 with their share, 11-20 as a count.
sitert(fra, til, med_andel) as (values (3, 5, true), (6, 10, true), (11, 20, false)),
typenavn(type, navn) as (
    values ('alle', 'fosterhjem'), ('i_familie', 'fosterhjem i familie og nære nettverk'),
           ('utenom_familie', 'fosterhjem utenom familie og nære nettverk')
),
tall as (
    -- 62: the share with at least one move, by type of fosterhjem (B-2)
    select 62 as nr,
           'Andelen barn i fosterhjem med minst én flytting etter første plasseringstiltak: 46 prosent i familie '
           || 'og nære nettverk, 57 prosent utenom' as utsagn,
           'Andel barn 0–17 år i ' || t.navn || ' ila. året med minst én flytting siden første plasseringstiltak'
               as maal,
           100 * a.andel as verdi, 'prosent' as enhet, 'figur_b_2' as kilde
    from andel_b2 a inner join typenavn t using (type)

    -- 63: the number of moves since the histories start (B-3)
    union all
    select 63, 'Av 9 433 barn boende i fosterhjem (ikke inkludert midlertidige fosterhjem) …',
           'Barn 0–17 år i fosterhjem ila. året (tiltak 2.1–2.4)', n_barn, 'barn', 'figur_b_3'
    from n where type = 'alle'
    union all
    select 63, '… har i underkant av halvparten (48 prosent) vært foruten en flytting',
           'Andel barn 0–17 år i fosterhjem uten flytting siden ' || forlop_fra, 100 * andel, 'prosent', 'figur_b_3'
    from flytt where type = 'alle' and fra = 0 and til = 0
    union all
    select 63, 'Majoriteten av barn i fosterhjem (52 prosent) har imidlertid opplevd minst én flytting',
           'Andel barn 0–17 år i fosterhjem med minst én flytting siden ' || forlop_fra, 100 * (1 - andel),
           'prosent', 'figur_b_3'
    from flytt where type = 'alle' and fra = 0 and til = 0
    union all
    select 63, '1 248 barn (13 prosent) har flyttet mellom 3 og 5 ganger, 182 barn (2 prosent) mellom 6 og 10 '
               || 'ganger, 4 barn har hatt 11 til 20 flyttinger',
           'Barn 0–17 år i fosterhjem med ' || s.fra || '–' || s.til || ' flyttinger siden ' || f.forlop_fra,
           f.barn, 'barn', 'figur_b_3'
    from flytt f inner join sitert s on f.fra = s.fra and f.til = s.til
    where f.type = 'alle' and f.barn is not null
    union all
    select 63, '1 248 barn (13 prosent) har flyttet mellom 3 og 5 ganger, 182 barn (2 prosent) mellom 6 og 10 ganger',
           'Andel barn 0–17 år i fosterhjem med ' || s.fra || '–' || s.til || ' flyttinger siden ' || f.forlop_fra,
           100 * f.andel, 'prosent', 'figur_b_3'
    from flytt f inner join sitert s on f.fra = s.fra and f.til = s.til
    where f.type = 'alle' and s.med_andel and f.andel is not null
    union all
    select 63, 'Ila. 2021 bodde 3 416 barn i fosterhjem i familie og nære nettverk … Blant de 6 166 barna som bodde '
               || 'i fosterhjem utenom familie og nære nettverk …',
           'Barn 0–17 år i ' || t.navn || ' ila. året', n.n_barn, 'barn', 'figur_b_3'
    from n inner join typenavn t using (type) where n.type <> 'alle'
    union all
    select 63, 'Over halvparten (54 prosent) av disse barna har ikke opplevd flytting … 43 prosent som ikke hadde '
               || 'flyttet siden 2014',
           'Andel barn 0–17 år i ' || t.navn || ' uten flytting siden ' || f.forlop_fra, 100 * f.andel, 'prosent',
           'figur_b_3'
    from flytt f inner join typenavn t using (type)
    where f.type <> 'alle' and f.fra = 0 and f.til = 0

    -- 64: the background of the same children (B-4)
    union all
    select 64, 'Av barn som bodde i fosterhjem i 2021, utgjorde majoriteten barn i alderen 12 til 17 år',
           'Andel barn 0–17 år i fosterhjem ila. året i den største aldersgruppen (' || arg_max(kategori, barn) || ')',
           100 * max(andel), 'prosent', 'figur_b_4'
    from f where type = 'alle' and variabel = 'alder'
    having count(*) > 0 and count(barn) = count(*)
    union all
    select 64, '62 prosent av barn i fosterhjem ble plassert utenfor hjemmet for første gang for over fem år siden',
           'Andel barn 0–17 år i fosterhjem ila. året som ble plassert første gang for over fem år siden',
           100 * sum(barn) filter (where fra > 5) / any_value(n_barn), 'prosent', 'figur_b_4'
    from f where type = 'alle' and variabel = 'aar_siden_forste_plassering'
    -- only where 5 years is a bound of the bands and no band beyond it is hidden
    having count(*) filter (where fra <= 5 and (til is null or til > 5)) = 0
       and count(*) filter (where fra > 5) > 0
       and count(barn) filter (where fra > 5) = count(*) filter (where fra > 5)
    union all
    select 64, 'I 2021 var det 77 prosent av barn i fosterhjem utenom familie og nære nettverk i alderen 0–5 år som '
               || 'hadde flyttet minst én gang etter at de først ble plassert utenfor hjemmet',
           'Andel barn 0–5 år i fosterhjem utenom familie og nære nettverk ila. året med minst én flytting siden '
           || 'første plasseringstiltak',
           100 * sum(barn_minst_en_flytting) / sum(barn), 'prosent', 'figur_b_4'
    from f where type = 'utenom_familie' and variabel = 'alder' and til <= 5
    -- only where bands end exactly at 5 years and every one is given
    having max(til) = 5 and count(barn_minst_en_flytting) = count(*) and count(barn) = count(*)
)
select
    nr::integer as nr,
    utsagn,
    maal,
    verdi::double as verdi,
    enhet,
    null::integer as fra_aar,
    getvariable('data_aar')::integer as til_aar,
    kilde,
    getvariable('report_year') as report_year
from tall
order by nr, kilde, maal
