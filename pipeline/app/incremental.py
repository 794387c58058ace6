"""Whether OUT already holds what a run would make: the same inputs, built-in reference data and code.

A run records in its manifest (`inputs`) what its output is a function of: the sha256 of every snapshot
file (already under `snapshot.files`), a version of the built-in reference data (`sql/seeds/`), a version
of the code (every module, query and template of the checkout, and the installed package versions), the
report year and the options that change what is built. A later run that finds the same in OUT's manifest
has nothing to do: it says so and stops, in well under 2 s, before Dagster or any heavy library is
imported. The demo snapshot is made by the code itself, so for `--demo` the code version stands for it
(and the copy in OUT must still be as it was written).

Nothing here imports Dagster, pandas or Great Expectations.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from pipeline.paths import PROJECT_ROOT
from pipeline.snapshot import Snapshot, sha256_file

# What the code of a run is: every file of these folders with these endings (rendered output excluded).
CODE_FOLDERS = ("pipeline", "assets", "sql", "reports")
CODE_SUFFIXES = (".py", ".sql", ".csv", ".j2", ".html", ".css", ".json", ".yaml", ".md")  # .md: report templates
REFERENCE_FOLDER = "sql/seeds"
SKIPPED_PARTS = ("__pycache__", "rendered")


def _tree_version(files: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.relative_to(PROJECT_ROOT).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def _code_files(root: Path = PROJECT_ROOT) -> list[Path]:
    files = []
    for folder in CODE_FOLDERS:
        for path in (root / folder).rglob("*"):
            if path.is_file() and path.suffix in CODE_SUFFIXES and not set(SKIPPED_PARTS) & set(path.parts):
                files.append(path)
    pyproject = root / "pyproject.toml"
    return files + ([pyproject] if pyproject.exists() else [])


def code_version() -> str:
    """sha256 over every module, query, seed and template of the checkout (reference data included: a
    change there changes what the code computes) and pyproject.toml."""
    return _tree_version(_code_files())


def reference_version() -> str:
    """sha256 over the built-in reference tables (`sql/seeds/`), recorded on their own so that the
    manifest says which reference data a run read."""
    return _tree_version([p for p in (PROJECT_ROOT / REFERENCE_FOLDER).rglob("*") if p.is_file()])


def run_inputs(year: int, *, demo: bool, allow_partial: bool, packages: dict[str, str]) -> dict[str, Any]:
    """What a run's output is a function of, besides its snapshot's files (recorded as `inputs`)."""
    return {
        "report_year": year,
        "demo": demo,
        "allow_partial": allow_partial,
        "code_version": code_version(),
        "reference_version": reference_version(),
        "packages": packages,
    }


def _snapshot_files(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): sha256_file(p) for p in sorted(root.rglob("*")) if p.is_file()}


def why_not_up_to_date(out: Path, manifest: dict[str, Any] | None, inputs: dict[str, Any],
                       snapshot: Snapshot | None) -> str | None:
    """None when OUT holds what this run would build; else the first difference found, in words.
    `snapshot`: the snapshot this run would read (None for --demo, whose snapshot the code makes)."""
    if manifest is None or not manifest.get("success") or "inputs" not in manifest:
        return "OUT has no manifest of an earlier successful run that records its inputs"
    recorded = manifest["inputs"]
    for key, what in (("report_year", "report year"), ("demo", "--demo"), ("allow_partial", "--allow-partial"),
                      ("code_version", "code"), ("reference_version", "built-in reference data"),
                      ("packages", "installed packages")):
        if recorded.get(key) != inputs[key]:
            return f"the {what} differs from OUT's"
    files = {f["path"]: f["sha256"] for f in (manifest.get("snapshot") or {}).get("files", [])}
    # The demo snapshot was written into OUT by the code recorded above: it must still be as written.
    root = out / "demo-snapshot" if snapshot is None else snapshot.root
    if not root.is_dir() or _snapshot_files(root) != files:
        return f"the snapshot's files differ from those OUT was built from ({root})"
    for rel in (manifest.get("outputs") or {}).get("figures", []):
        if not (out / rel).is_file():
            return f"{rel} is missing from OUT"
    return None


# --- `--only`: one asset re-run from an existing warehouse ---------------------------------------------

MACHINERY_FOLDERS = ("pipeline",)


def machinery_version() -> str:
    """sha256 over the machinery (`pipeline/`): every asset's code depends on it."""
    return _tree_version([p for folder in MACHINERY_FOLDERS for p in (PROJECT_ROOT / folder).rglob("*.py")
                          if "__pycache__" not in p.parts])


def asset_code_versions(assets) -> dict[str, str]:
    """A code version per asset key: the machinery and the files its code links name (its domain module,
    its SQL, its declaration or seed). Coarse on purpose: a change anywhere in a domain module counts as a
    change of each of its assets, never the other way round."""
    machinery = machinery_version()
    digests: dict[Path, str] = {}
    versions = {}
    for asset in assets:
        for key in asset.keys:
            refs = asset.specs_by_key[key].metadata.get("dagster/code_references")
            files = sorted({Path(ref.file_path) for ref in getattr(refs, "code_references", [])
                            if getattr(ref, "file_path", None)})
            digest = hashlib.sha256(machinery.encode())
            for path in files:
                if path not in digests:
                    digests[path] = sha256_file(path) if path.is_file() else "missing"
                name = path.relative_to(PROJECT_ROOT) if path.is_relative_to(PROJECT_ROOT) else path
                digest.update(f"{name}\0{digests[path]}\0".encode())
            versions[key.to_user_string()] = digest.hexdigest()
    return versions


def why_only_cannot_run(out: Path, manifest: dict[str, Any] | None, inputs: dict[str, Any],
                        snapshot: Snapshot | None) -> str | None:
    """None when OUT can be the base of an `--only` run: an earlier successful run of the same report year,
    options, packages and snapshot files, with its per-asset code versions. Code may differ: `--only`
    re-runs what changed upstream of the asset it is given."""
    if manifest is None or not manifest.get("success") or "asset_code_versions" not in manifest:
        return "OUT holds no earlier successful run that records its inputs and code versions"
    recorded = manifest.get("inputs") or {}
    for key, what in (("report_year", "report year"), ("demo", "--demo"), ("allow_partial", "--allow-partial"),
                      ("packages", "installed packages")):
        if recorded.get(key) != inputs[key]:
            return f"the {what} differs from OUT's"
    files = {f["path"]: f["sha256"] for f in (manifest.get("snapshot") or {}).get("files", [])}
    root = out / "demo-snapshot" if snapshot is None else snapshot.root
    if not root.is_dir() or _snapshot_files(root) != files:
        return f"the snapshot's files differ from those OUT was built from ({root})"
    if not (out / "warehouse.duckdb").is_file():
        return "OUT has no warehouse.duckdb"
    return None


def resolve_asset(name: str, keys: list[str]) -> str:
    """The asset key an `--only` names: a key (`figures/figur_5_16`) or its last part (`figur_5_16`)."""
    import difflib

    from pipeline.errors import ReformevalError

    if name in keys:
        return name
    matches = [k for k in keys if k.rsplit("/", 1)[-1] == name]
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise ReformevalError(f"--only {name} names {len(matches)} assets: {', '.join(sorted(matches))}; give one key")
    close = difflib.get_close_matches(name, keys + [k.rsplit("/", 1)[-1] for k in keys], n=5)
    raise ReformevalError(f"--only {name}: no such asset or figure id" + (f" (closest: {', '.join(close)})"
                                                                          if close else ""))


def only_selection(target: str, assets, versions: dict[str, str], recorded: dict[str, str]) -> list[str]:
    """The asset keys an `--only target` run materialises: the target, and every asset upstream of it that
    changed since OUT was built (its code version differs) or that lies between such a change and it."""
    import dagster as dg

    changed = [k for k, v in versions.items() if recorded.get(k) != v]
    target_sel = dg.AssetSelection.assets(dg.AssetKey.from_user_string(target))
    selection = target_sel
    if changed:
        changed_sel = dg.AssetSelection.assets(*(dg.AssetKey.from_user_string(k) for k in changed))
        selection = target_sel | (target_sel.upstream() & changed_sel.downstream())
    return sorted(k.to_user_string() for k in selection.resolve(assets))
