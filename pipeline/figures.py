"""The house style of the status-report figures, and writing a figure with the numbers behind it.

A figure function takes a tidy table and returns a matplotlib Figure; `save_figure` writes PNG, SVG
and the CSV of the numbers behind every bar or point, adds the source line and footnotes under the
plot, and a "Demodata" watermark when the numbers come from synthetic data.
"""

from __future__ import annotations

import functools
import json
import os
import pickle
import textwrap
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

os.environ.setdefault("MPLBACKEND", "Agg")

import matplotlib  # noqa: E402

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.figure import Figure as MplFigure  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402

from pipeline.errors import ReformevalError  # noqa: E402
from pipeline.snapshot import write_atomic  # noqa: E402

if TYPE_CHECKING:
    import duckdb

# Colours: a dark-to-light blue ramp plus two accents, distinguishable in grey print.
PALETTE = ("#1f3b63", "#3f6fa8", "#7fa7d6", "#c2d6ee", "#e3893b", "#8c8c8c")
FIGSIZE = (8.0, 4.8)
DPI = 150  # of the PNG

plt.rcParams.update({
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "axes.titlesize": 11,
    "axes.titleweight": "bold",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.grid.axis": "y",
    "grid.color": "#dddddd",
    "legend.frameon": False,
    "svg.hashsalt": "reformeval",  # deterministic SVG ids
    "svg.fonttype": "none",
})


def norsk_tall(value: float, decimals: int = 0) -> str:
    """Norwegian number format: space as thousands separator, comma as decimal mark."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", " ").replace(".", ",")


def _norsk_tick(value: float, _pos: object, decimals: int = 0) -> str:
    return norsk_tall(value, decimals)


def norsk_akse(decimals: int = 0) -> FuncFormatter:
    # A module function, not a lambda: a figure is pickled to the render worker (`background_renders`).
    return FuncFormatter(functools.partial(_norsk_tick, decimals=decimals))


@dataclass
class FigureSpec:
    """What is written under and over every figure."""

    id: str  # file stem, e.g. "figur_5_14"
    title: str
    source: str  # "Kilde: SSB tabell 12362"
    footnotes: list[str] = field(default_factory=list)
    synthetic: bool = False
    # Where an SSB symbol changed a number shown (a sum without suppressed cells, SSB's total replaced by
    # the sum of the kommuner): said under the figure, in its JSON and in the run log.
    symbol_notes: list[str] = field(default_factory=list)


SYMBOL_NOTES = "merknad_symboler"


def take_symbol_notes(data: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """The notes a figure's numbers carry in a `merknad_symboler` column (per row a note, a list of notes,
    or NULL where the numbers are as SSB published them), as a list of distinct notes. The column stays
    in the CSV only where a note is there to read (a list as '; '-joined text); without one the CSV is
    as it was before the column existed."""
    if SYMBOL_NOTES not in data:
        return data, []

    def as_list(value: object) -> list[str]:
        if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
            return []
        return [str(value)] if isinstance(value, str) else [str(v) for v in value]

    per_row = data[SYMBOL_NOTES].map(as_list)
    notes = list(dict.fromkeys(note for row in per_row for note in row))
    if not notes:
        return data.drop(columns=[SYMBOL_NOTES]), []
    return data.assign(**{SYMBOL_NOTES: per_row.map(lambda row: "; ".join(row) or None)}), notes


@dataclass(frozen=True)
class Figure:
    """One figure of the report, declared once under its literal id: `id` is the asset key
    (`figures/<id>`), the file stem of its PNG/SVG/CSV/JSON and the name of its query,
    `sql/figures/<id>.sql` (or `sql`, a query several figures share, with `variables` for
    `getvariable(...)`). The query's rows are the numbers behind the figure, written as its CSV;
    `draw(data, report_year)` turns them into a matplotlib figure in the house style."""

    id: str
    # Formatted with {year} (the report year) and {data_year} (its data year, the year before); or a
    # function of the numbers and the report year where the title quotes them.
    title: str | Callable[[pd.DataFrame, int], str]
    description: str  # one line for the Dagster UI
    draw: Callable[[pd.DataFrame, int], MplFigure]
    source: str | Callable[[duckdb.DuckDBPyConnection, int], str]  # or read from the warehouse
    # Footnotes: formatted with {year} and {data_year} like the title; or a function of the figure's rows,
    # the report year and the warehouse (e.g. the deflator's vintage), whose reads are named in `also_reads`.
    footnotes: tuple[str, ...] | Callable[[pd.DataFrame, int, duckdb.DuckDBPyConnection], list[str]] = ()
    also_reads: tuple[str, ...] = ()
    kommune_level: bool = False  # not drawn (and not expected) when a snapshot has national rows only
    min_rows: int = 1
    sql: str | None = None  # a shared query under sql/; default figures/<id>.sql
    variables: tuple[tuple[str, str], ...] = ()
    # Columns named for the report year in the CSV (e.g. ("mrd_kr", "mrd_kr_{year}")): SQL cannot name them.
    rename: tuple[tuple[str, str], ...] = ()

    @property
    def sql_path(self) -> str:
        return self.sql or f"figures/{self.id}.sql"

    @property
    def deps(self) -> tuple[str, ...]:
        """The tables the figure reads: its query's, parsed, and `also_reads`."""
        from pipeline.lineage import tables_read
        from pipeline.warehouse import read_sql

        return tuple(sorted(tables_read(read_sql(self.sql_path), f"sql/{self.sql_path}") | set(self.also_reads)))

    def numbers(self, con: duckdb.DuckDBPyConnection, year: int) -> pd.DataFrame:
        from pipeline.warehouse import read_sql, set_variables

        set_variables(con, report_year=year, **dict(self.variables))
        data = con.execute(read_sql(self.sql_path)).df()
        return data.rename(columns={old: new.format(year=year) for old, new in self.rename})

    def render(self, con: duckdb.DuckDBPyConnection, year: int,
               synthetic: bool) -> tuple[MplFigure, pd.DataFrame, FigureSpec]:
        data = self.numbers(con, year)
        footnotes = (self.footnotes(data, year, con) if callable(self.footnotes)
                     else [note.format(year=year, data_year=year - 1) for note in self.footnotes])
        title = self.title(data, year) if callable(self.title) else self.title.format(year=year, data_year=year - 1)
        source = self.source(con, year) if callable(self.source) else self.source
        spec = FigureSpec(id=self.id, title=title, source=source, footnotes=footnotes, synthetic=synthetic)
        return self.draw(data, year), data, spec


def stacked_bars(ax, wide: pd.DataFrame, series: list[tuple[str, str]], colors: list[str] | None = None,
                 horizontal: bool = False) -> None:
    """Bars of `wide` (index: categories on the axis), one segment per (column, label) of `series`,
    stacked in that order; a column the frame lacks is skipped (a category not in use)."""
    base = None
    categories = [str(i) for i in wide.index]
    for i, (column, label) in enumerate(series):
        if column not in wide:
            continue
        color = (colors or PALETTE)[i % len(colors or PALETTE)]
        if horizontal:
            ax.barh(categories, wide[column], left=base, color=color, label=label)
        else:
            ax.bar(categories, wide[column], bottom=base, color=color, label=label)
        base = wide[column] if base is None else base + wide[column]


def line_series(ax, data: pd.DataFrame, x: str, y: str, by: str, labels: dict[object, str] | None = None,
                colors: list[str] | None = None) -> None:
    """One line with markers per value of `by`, in the order of first appearance (or of `labels`). A value
    the rows have but `labels` does not name is an error: it would be in the CSV and not in the figure."""
    unlabelled = sorted(set(data[by]) - set(labels)) if labels else []
    if unlabelled:
        raise ValueError(f"series {unlabelled} of column {by!r} have no label: the figure would leave them out")
    keys = list(labels) if labels else list(dict.fromkeys(data[by]))
    for i, key in enumerate(keys):
        rows = data[data[by] == key]
        if rows.empty:
            continue
        ax.plot(rows[x].astype(str), rows[y], marker="o", color=(colors or PALETTE)[i % len(colors or PALETTE)],
                label=(labels or {}).get(key, str(key)))


def new_figure(ncols: int = 1, sharey: bool = False):
    """A figure in the house style: one axes, or `ncols` panels side by side (A, B, …)."""
    fig, ax = plt.subplots(1, ncols, figsize=FIGSIZE, layout="constrained", sharey=sharey)
    return fig, ax


def finish(fig: MplFigure, spec: FigureSpec) -> MplFigure:
    title = textwrap.wrap(spec.title, 80)
    lines = [*(f"{'*' * (i + 1)}{note}" for i, note in enumerate(spec.footnotes)),
             *(f"Merk: {note}" for note in spec.symbol_notes), spec.source]
    # 115 characters fit the figure's width at 8 pt even for lines of digits and «..» (130 ran past the edge).
    wrapped = [part for line in lines for part in textwrap.wrap(line, 115)]
    # The title and the notes get their own bands; constrained layout fits the plot between them.
    top = 1 - 0.02 - 0.045 * len(title)
    fig.text(0.01, 0.99, "\n".join(title), ha="left", va="top", fontsize=11, fontweight="bold")
    bottom = 0.03 + 0.032 * len(wrapped)
    fig.get_layout_engine().set(rect=(0, bottom, 1, top - 0.03 - bottom))  # (left, bottom, width, height)
    fig.text(0.01, 0.01, "\n".join(wrapped), ha="left", va="bottom", fontsize=8, color="#444444")
    if spec.synthetic:
        fig.text(0.5, 0.5, "Demodata", fontsize=64, color="#c0392b", alpha=0.18, rotation=25,
                 ha="center", va="center", transform=fig.transFigure, zorder=100)
        fig.text(0.99, 0.01, "Syntetiske tall – ikke publisert statistikk", ha="right", va="bottom",
                 fontsize=8, color="#c0392b")
    return fig


def render_files(fig: MplFigure, paths: dict[str, Path]) -> None:
    """Write the finished `fig` as PNG and/or SVG at `paths` ({"png": …, "svg": …}), each via a temporary
    file, and close it. The constrained layout runs once, at the PNG's resolution, for both files: savefig
    would run it again for each (a draw without rendering, then the draw), half a figure's time."""
    fig.set_dpi(DPI)
    fig.draw_without_rendering()
    fig.set_layout_engine("none")
    try:
        for kind, path in paths.items():
            tmp = path.with_suffix(f".tmp.{kind}")
            fig.savefig(tmp, dpi=DPI, metadata={"Date": None} if kind == "svg" else None)
            tmp.replace(path)
    finally:
        plt.close(fig)


class FigureRenderError(ReformevalError):
    """A figure's PNG or SVG could not be written by the render worker."""


def _render_pickled(blob: bytes, paths: dict[str, str]) -> None:
    render_files(pickle.loads(blob), {kind: Path(path) for kind, path in paths.items()})


class BackgroundRenders:
    """A worker process that writes the figures' PNG and SVG files while the run goes on with its SQL
    steps: drawing them is most of a figure's time. `wait` returns, once all are written, a line per
    figure whose files could not be (named by figure id)."""

    def __init__(self, workers: int = 1):
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # spawn, not fork: the run's process holds DuckDB's and Dagster's threads.
        self._pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                                         initializer=_warm_worker)
        self._pending: dict[str, object] = {}
        self.problems: list[str] = []

    def submit(self, figure_id: str, fig: MplFigure, paths: dict[str, Path]) -> None:
        blob = pickle.dumps(fig)
        plt.close(fig)
        self._pending[figure_id] = self._pool.submit(
            _render_pickled, blob, {kind: str(path) for kind, path in paths.items()})

    def wait(self) -> list[str]:
        for figure_id, future in list(self._pending.items()):
            try:
                future.result()
            except Exception as exc:  # noqa: BLE001 - any failure is reported by the figure's name
                self.problems.append(f"figure {figure_id}: its PNG/SVG could not be written: "
                                     f"{type(exc).__name__}: {exc}")
            del self._pending[figure_id]
        return list(self.problems)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


def _warm_worker() -> None:
    """A render worker: Agg; Ctrl-C is its run's to handle (the worker would print a traceback of its own);
    and it ends itself when its run is gone (a run killed with `kill -9` cannot shut it down)."""
    import signal
    import threading
    import time

    os.environ.setdefault("MPLBACKEND", "Agg")
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = os.getppid()

    def end_with_parent() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=end_with_parent, daemon=True, name="end-with-run").start()


_RENDERS: BackgroundRenders | None = None


@contextmanager
def background_renders(workers: int = 1) -> Iterator[BackgroundRenders]:
    """Within the block, `save_figure(..., background=True)` leaves the PNG and SVG to a worker process;
    the block ends when all are written. Outside one, every figure is written where it is saved."""
    global _RENDERS
    renders = BackgroundRenders(workers)
    previous, _RENDERS = _RENDERS, renders
    try:
        yield renders
        renders.wait()
    finally:
        _RENDERS = previous
        renders.close()


def wait_for_renders() -> None:
    """Before reading the figures' PNG or SVG files: wait until the worker has written them; a figure it
    could not draw is a `FigureRenderError` naming it."""
    if _RENDERS is not None and (problems := _RENDERS.wait()):
        raise FigureRenderError("; ".join(problems))


def save_figure(fig: MplFigure, data: pd.DataFrame, spec: FigureSpec, folder: Path,
                background: bool = False) -> dict[str, Path]:
    """Write `<id>.png`, `<id>.svg`, `<id>.csv` (the numbers behind the figure, plain CSV) and
    `<id>.json` (title, source line, footnotes, synthetic flag) into `folder`. Figures made from
    synthetic data are named `<id>_DEMODATA.*`. With `background` inside `background_renders`, the PNG
    and SVG are written by its worker (`wait_for_renders` before reading them)."""
    finish(fig, spec)
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"{spec.id}_DEMODATA" if spec.synthetic else spec.id
    paths = {kind: folder / f"{stem}.{kind}" for kind in ("png", "svg", "csv")}
    images = {kind: paths[kind] for kind in ("png", "svg")}
    if background and _RENDERS is not None:
        _RENDERS.submit(spec.id, fig, images)
    else:
        render_files(fig, images)
    write_atomic(paths["csv"], data.to_csv(index=False).encode("utf-8"))
    meta = {"id": spec.id, "title": spec.title, "source": spec.source, "footnotes": spec.footnotes,
            "synthetic": spec.synthetic, **({"symbol_notes": spec.symbol_notes} if spec.symbol_notes else {}),
            "csv": paths["csv"].name, "png": paths["png"].name,
            "svg": paths["svg"].name}
    paths["json"] = folder / f"{stem}.json"
    write_atomic(paths["json"], json.dumps(meta, ensure_ascii=False, indent=1).encode("utf-8"))
    return paths


def thumbnail_markdown(png: Path, alt: str, width: int = 320) -> str:
    """A Markdown image of a saved figure for the Dagster UI, which shows no local file: a data: URI of the
    PNG reduced to about `width` pixels (a whole-number box filter) and 64 colours, some 10 kB."""
    import base64
    import io

    from PIL import Image

    with Image.open(png) as image:
        small = image.reduce(max(1, -(-image.width // width))).convert("RGB").quantize(colors=64)
    buffer = io.BytesIO()
    small.save(buffer, format="PNG")
    alt = alt.replace("[", "(").replace("]", ")")
    return f"![{alt}](data:image/png;base64,{base64.b64encode(buffer.getvalue()).decode('ascii')})"
