"""The PNG and SVG of a figure drawn by the run's render worker (pipeline.figures.background_renders)."""

from __future__ import annotations

import pandas as pd
import pytest

from pipeline.figures import (
    FigureRenderError,
    FigureSpec,
    background_renders,
    new_figure,
    norsk_akse,
    save_figure,
    wait_for_renders,
)


def _figure(title: str = "Barn med tiltak"):
    fig, ax = new_figure()
    ax.bar(["2021", "2022"], [1200, 1350])
    ax.yaxis.set_major_formatter(norsk_akse())  # pickled to the worker with the figure
    data = pd.DataFrame({"aar": [2021, 2022], "antall": [1200, 1350]})
    return fig, data, FigureSpec(id="figur_test", title=title, source="Kilde: test", synthetic=True)


def test_the_worker_writes_the_same_files_as_the_step(tmp_path):
    here = save_figure(*_figure(), tmp_path / "here")
    with background_renders():
        there = save_figure(*_figure(), tmp_path / "there", background=True)
        wait_for_renders()
        for kind in ("png", "svg", "csv", "json"):
            assert there[kind].name == here[kind].name == f"figur_test_DEMODATA.{kind}"
        assert there["png"].read_bytes() == here["png"].read_bytes()
        assert there["svg"].read_bytes() == here["svg"].read_bytes()
    assert not list((tmp_path / "there").glob("*.tmp.*"))


def test_a_figure_the_worker_cannot_draw_fails_by_its_name(tmp_path):
    # The title's mathtext fails only when drawn, in the worker: the step itself has nothing to fail on.
    fig, data, spec = _figure(title=r"Barn $\nosuchcommand$")
    with (pytest.raises(FigureRenderError, match=r"figure figur_test: its PNG/SVG could not be written"),
          background_renders()):
        paths = save_figure(fig, data, spec, tmp_path, background=True)
        assert paths["csv"].exists()  # the numbers are written in the step
        wait_for_renders()
    assert not paths["png"].exists()


def test_the_block_ends_when_every_figure_is_written_and_reports_failures(tmp_path):
    with background_renders() as renders:
        good = save_figure(*_figure(), tmp_path / "good", background=True)
        fig, data, spec = _figure(title=r"Barn $\nosuchcommand$")
        save_figure(fig, data, spec, tmp_path / "bad", background=True)
    assert good["png"].exists() and good["svg"].exists()
    assert len(renders.problems) == 1 and "figur_test" in renders.problems[0]


def test_outside_the_block_the_step_writes_the_files(tmp_path):
    paths = save_figure(*_figure(), tmp_path, background=True)
    assert paths["png"].exists() and paths["svg"].exists()
    wait_for_renders()  # nothing to wait for


def test_the_render_worker_ends_when_the_run_is_killed(tmp_path):
    """A run killed with `kill -9` cannot shut its render worker down: the worker must notice by itself that
    its parent is gone, not stay behind holding its memory."""
    import os
    import signal
    import subprocess
    import sys
    import time

    script = (
        "import os, sys, time\n"
        "from pipeline.figures import background_renders\n"
        "with background_renders() as renders:\n"
        "    pids = [p.pid for p in renders._pool._processes.values()] if renders._pool._processes else []\n"
        "    renders._pool.submit(os.getpid).result()\n"
        "    print(*[p for p in renders._pool._processes], flush=True)\n"
        "    time.sleep(60)\n"
    )
    run = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True,
                           env={**os.environ, "PYTHONPATH": os.getcwd()})
    worker = int(run.stdout.readline().split()[0])
    os.kill(run.pid, signal.SIGKILL)
    run.wait()
    deadline = time.time() + 15
    while time.time() < deadline:
        try:
            os.kill(worker, 0)
        except ProcessLookupError:
            return
        time.sleep(0.2)
    os.kill(worker, signal.SIGKILL)
    pytest.fail(f"render worker {worker} still ran 15 s after its run was killed")
