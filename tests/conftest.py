"""Shared fixtures: the declared SSB tables, the stub PxWebApi server, paths into ../shared."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
os.environ.setdefault("DAGSTER_TELEMETRY_DISABLED", "1")

from assets import SSB_TABLES  # noqa: E402
from assets.demo import DEMO_TABLES  # noqa: E402
from pipeline.demo import DemoWorld, demo_document  # noqa: E402
from tests.pxweb_stub import PxWebStub, default_config  # noqa: E402

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("REFORMEVAL_SHARED", PROJECT_ROOT.parent / "shared"))


def shared_path(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not there (../shared beside the checkout holds the reference data)")
    return path


@pytest.fixture(scope="session")
def full_tables() -> dict[str, dict]:
    """Every declared table in full, as the stub server holds it (synthetic demo values)."""
    world = DemoWorld()
    return {tid: demo_document(t, DEMO_TABLES[tid], world, 2023) for tid, t in SSB_TABLES.items()}


@pytest.fixture
def stub(full_tables):
    with PxWebStub(full_tables, default_config()) as server:
        yield server


@pytest.fixture
def make_stub(full_tables):
    servers = []

    def factory(config=None, tables=None):
        server = PxWebStub(tables or full_tables, config or default_config())
        server.__enter__()
        servers.append(server)
        return server

    yield factory
    for server in servers:
        server.__exit__(None, None, None)


@pytest.fixture(scope="session")
def demo_run(tmp_path_factory, worker_id) -> Path:
    """One run of report year 2023 on the demo snapshot, shared by every test that only reads its output
    (a test that needs a variant builds its own, or materialises only the assets it checks). With
    several pytest-xdist workers the first to need it makes it, under a lock, and the others read it."""
    import fcntl

    from pipeline.app.run import run_report_year

    shared = tmp_path_factory.getbasetemp() if worker_id == "master" else tmp_path_factory.getbasetemp().parent
    out = shared / "demo-run" / "out"
    with (shared / "demo-run.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (out / "manifest.json").exists():
            run_report_year(2023, None, out, demo=True)
    return out


# The longest files, started first so that the two workers end together (measured: the UI test ~65 s,
# then the files that run the command in a process of its own or a whole run).
LONGEST_FIRST = ("test_dev_ui", "test_run_safety", "test_ssb_client", "test_run", "test_symbols")


def pytest_collection_modifyitems(config, items):
    rank = {name: i for i, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.module.__name__.rsplit(".", 1)[-1], len(rank)))
