-- Macros every model may use (created in the warehouse, so analysts have them too).

-- The kommune number of a region code: v2's aggregated codelists prefix it with "K-" (K-3101).
create or replace macro region_kode(code) as regexp_replace(code, '^K-', '');

-- The name in a region label: "0301 Oslo - Oslove" and "K-3001 Halden" keep only the name.
create or replace macro region_navn(label) as trim(regexp_replace(label, '^[0-9A-Z-]+\s+', ''));

-- The age group of a declared age key in a year: the all-ages group is 0-22 up to 2020 and 0-24 from
-- 2021, when the upper age limit for measures went from 23 to 25 years.
create or replace macro aldersgruppe(alder_key, aar) as
    case alder_key
        when '0_17' then '0-17'
        when '18_22' then '18-22'
        when '18_24' then '18-24'
        when 'i_alt' then case when aar < 2021 then '0-22' else '0-24' end
    end;

-- A cell's number: SSB's "-" is an exact nil (0) in older tables; it becomes 0 here, openly, with the
-- symbol still in `status`. Every other symbol (".", "..", ":") stays NULL.
create or replace macro ssb_verdi(value, status) as case when value is null and status = '-' then 0 else value end;
