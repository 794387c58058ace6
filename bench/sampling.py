"""A small sampling profiler for the bench: where the wall time of a run goes, by kind of work.

cProfile doubles a run's time and inflates pure-Python code (matplotlib's layout, Dagster's events) far
more than C code (DuckDB), so its split misleads; a thread that looks at the main thread's stack every
few milliseconds costs a few per cent and sees C calls as the Python line that made them. Each sample is
put in the first category whose marker is on the stack, in the order of `CATEGORIES` (an import inside a
figure counts as an import; GX called from a model asset counts as validation).
"""

from __future__ import annotations

import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

# (category, markers): a sample belongs to the category when any frame's file path contains a marker.
CATEGORIES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("imports", ("<frozen importlib._bootstrap",)),
    ("demo snapshot (writing it)", ("/pipeline/demo.py", "/assets/demo/")),
    ("validation (Great Expectations)", ("/great_expectations/", "/pipeline/validation.py")),
    ("figures (matplotlib)", ("/matplotlib/", "/pipeline/figures.py")),
    ("kommune pages (Jinja2)", ("/jinja2/", "/assets/asss_panel.py")),
    ("snapshot parsing (JSON-stat, CSV/xlsx)", ("/pipeline/ssb/jsonstat.py", "/pipeline/typed_csv.py",
                                                "/pipeline/bufdir.py", "/openpyxl/")),
    ("SQL (DuckDB) and frames", ("/pipeline/warehouse.py", "/pipeline/model_assets.py", "/duckdb/",
                                 "/pandas/", "/assets/", "/pipeline/source_assets.py", "/pipeline/symbols.py")),
    ("Dagster (definitions, steps, events)", ("/dagster/", "/dagster_shared/", "/dagster_duckdb/")),
)
OTHER = "other (run driver, copies, manifest)"


class StackSampler:
    def __init__(self, interval: float = 0.005) -> None:
        self.interval = interval
        self.counts: Counter[str] = Counter()
        self.samples = 0
        self._stop = threading.Event()
        self._target = threading.main_thread().ident

    def _category(self, frame) -> str:
        files = []
        while frame is not None:
            files.append(frame.f_code.co_filename)
            frame = frame.f_back
        for name, markers in CATEGORIES:
            if any(marker in path for path in files for marker in markers):
                return name
        return OTHER

    def _loop(self) -> None:
        while not self._stop.wait(self.interval):
            frame = sys._current_frames().get(self._target)
            if frame is not None:
                self.counts[self._category(frame)] += 1
                self.samples += 1

    @contextmanager
    def running(self) -> Iterator[StackSampler]:
        thread = threading.Thread(target=self._loop, daemon=True, name="bench-sampler")
        thread.start()
        try:
            yield self
        finally:
            self._stop.set()
            thread.join()

    def split(self, seconds: float) -> list[tuple[str, float, float]]:
        """(category, seconds, share) by falling share, the samples scaled to the measured wall time."""
        total = self.samples or 1
        return [(name, seconds * n / total, n / total) for name, n in self.counts.most_common()]


def profile(work) -> tuple[float, list[tuple[str, float, float]]]:
    sampler = StackSampler()
    start = time.perf_counter()
    with sampler.running():
        work()
    seconds = time.perf_counter() - start
    return seconds, sampler.split(seconds)
