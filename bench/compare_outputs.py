"""Compare two run outputs byte for byte: every figure (CSV, PNG, SVG) and report table (CSV).

    uv run python bench/compare_outputs.py OLD_OUT NEW_OUT [--year 2023]

For a change that must not move a number (a refactor, a speed-up): run the demo on the commit before and
after, then compare. Prints each file that differs or exists on one side only; exits 1 if any does.
Figures are drawn deterministically, so PNG and SVG are compared too; JSON and the warehouse are left
out (they carry paths and times).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def output_files(out: Path, year: int) -> dict[str, bytes]:
    files = {}
    for folder, patterns in ((out / "figures" / str(year), ("*.csv", "*.png", "*.svg")),
                             (out / "report" / str(year), ("*.csv",))):
        for pattern in patterns:
            for path in sorted(folder.glob(pattern)):
                files[path.relative_to(out).as_posix()] = path.read_bytes()
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("old", type=Path)
    parser.add_argument("new", type=Path)
    parser.add_argument("--year", type=int, default=2023)
    args = parser.parse_args(argv)
    old, new = output_files(args.old, args.year), output_files(args.new, args.year)
    differ = sorted(name for name in old.keys() & new.keys() if old[name] != new[name])
    only_old, only_new = sorted(old.keys() - new.keys()), sorted(new.keys() - old.keys())
    for name in differ:
        print(f"differs: {name}")
    for name in only_old:
        print(f"only in {args.old}: {name}")
    for name in only_new:
        print(f"only in {args.new}: {name}")
    same = len(old.keys() & new.keys()) - len(differ)
    print(f"{same} of {len(old.keys() | new.keys())} files identical (CSV, PNG, SVG)")
    return 1 if differ or only_old or only_new else 0


if __name__ == "__main__":
    sys.exit(main())
