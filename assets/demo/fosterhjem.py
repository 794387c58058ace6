"""Demo files for waiting for a fosterhjem and beredskapshjem (`assets.sources.fosterhjem`): invented
Bufdir extracts as evaluators receive them, a CSV in Norwegian number format and a spreadsheet."""

import datetime as dt
import io

from assets.sources.fosterhjem import (
    BEREDSKAPSHJEM_AVSLUTTEDE,
    BEREDSKAPSHJEM_BOTID,
    BUFETAT_REGIONER,
    REGIONER,
    VENTETID,
    VENTETID_INTERVALL,
)
from pipeline.demo import stable_random


def _norsk(value: float, decimals: int = 0) -> str:
    return f"{value:,.{decimals}f}".replace(",", " ").replace(".", ",")


def files(report_year: int) -> dict[str, bytes]:
    """The waiting times (CSV), the children waiting by days waited (spreadsheet) and the beredskapshjem files."""
    lines = [";".join(c.name for c in VENTETID.columns)]
    periods = [(str(y), dt.date(y, 12, 31)) for y in range(2019, report_year)]
    periods.append((f"{report_year} per april", dt.date(report_year, 4, 30)))
    for periode, slutt in periods:
        rng = stable_random("ventetid", periode)
        total_waiting, total_during, days_waited, medians = 0, 0, 0.0, []
        for region in BUFETAT_REGIONER:
            waiting = rng.randint(20, 80)
            total_waiting += waiting
            during = waiting + rng.randint(150, 400)
            total_during += during
            mean, median = rng.uniform(60, 160), rng.uniform(30, 110)
            days_waited += mean * waiting
            medians.append(median)
            lines.append(";".join([periode, slutt.strftime("%d.%m.%Y"), region, str(waiting), _norsk(during),
                                   _norsk(mean, 1), _norsk(median, 1)]))
        # The country: the regions summed, the mean weighted by the children waiting, the regions' middle median
        lines.append(";".join([periode, slutt.strftime("%d.%m.%Y"), "Hele landet", str(total_waiting),
                               _norsk(total_during), _norsk(days_waited / total_waiting, 1),
                               _norsk(sorted(medians)[len(medians) // 2], 1)]))

    import openpyxl  # only when the files are made: importing assets.demo stays light

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "ventetid per intervall"
    sheet.append([c.name for c in VENTETID_INTERVALL.columns])
    for when in (report_year - 1, report_year):
        for region in REGIONER[1:]:
            rng = stable_random("intervall", region, when)
            buckets = [rng.randint(5, 30) for _ in range(4)]
            sheet.append([dt.datetime(when, 8, 31), region, *buckets, sum(buckets)])
    buffer = io.BytesIO()
    book.save(buffer)
    # No write time in the file: the same demo snapshot every time (its sha256 is kept in the raw table).
    xlsx = _without_write_times(buffer.getvalue(), dt.datetime(report_year, 1, 1))
    return {
        f"bufdir/{VENTETID.name}.csv": ("\n".join(lines) + "\n").encode("utf-8"),
        f"bufdir/{VENTETID_INTERVALL.name}.xlsx": xlsx,
        **_beredskapshjem_files(report_year),
    }


def _without_write_times(data: bytes, when: dt.datetime) -> bytes:
    """An .xlsx (a zip) as written, but dated `when` where openpyxl puts the moment it was saved (the
    workbook's created/modified) and 1980-01-01, the zip format's first day, on every entry."""
    import re
    import zipfile

    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            content = source.read(entry.filename)
            if entry.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>" + stamp, content)
            target.writestr(zipfile.ZipInfo(entry.filename, date_time=(1980, 1, 1, 0, 0, 0)), content,
                            compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _beredskapshjem_files(report_year: int) -> dict[str, bytes]:
    """Length of stay per 30 April of the report year (tabell 5-1), and ended placements by year, the
    report year up to 30 June (figure 0-6), each year with the number of kommuner behind it."""
    botid = [";".join(c.name for c in BEREDSKAPSHJEM_BOTID.columns)]
    total_children, weighted = 0, 0.0
    for region in BUFETAT_REGIONER:
        rng = stable_random("botid", region, report_year)
        children, days = rng.randint(40, 140), rng.uniform(180, 420)
        total_children += children
        weighted += children * days
        botid.append(f"30.04.{report_year};{region};{_norsk(days, 1)};{children}")
    botid.append(f"30.04.{report_year};Hele landet;{_norsk(weighted / total_children, 1)};{total_children}")
    ended = [";".join(c.name for c in BEREDSKAPSHJEM_AVSLUTTEDE.columns)]
    for y in range(2019, report_year + 1):  # the report year up to 30 June
        rng = stable_random("avsluttede", y)
        end, share = (f"31.12.{y}", 1.0) if y < report_year else (f"30.06.{y}", 0.5)
        ended.append(f"{y};{end};{_norsk(rng.uniform(200, 320), 1)};{_norsk(rng.uniform(150, 260), 1)};"
                     f"{_norsk(round(rng.randint(700, 1100) * share))};"
                     f"{round(rng.randint(160, 200) * (share + 1) / 2)}")  # fewer kommuner in part of a year
    return {f"bufdir/{BEREDSKAPSHJEM_BOTID.name}.csv": ("\n".join(botid) + "\n").encode("utf-8"),
            f"bufdir/{BEREDSKAPSHJEM_AVSLUTTEDE.name}.csv": ("\n".join(ended) + "\n").encode("utf-8")}
