"""Run every notebook under several seeds and print a pass/fail table (`make test-seeds`).

    python -m tools.seeds [--seeds 1 2 3] [--workers 2] [NOTEBOOK_OR_FOLDER ...]

For each seed, pytest runs the notebooks under `--nbval-lax` (every cell runs and every `assert`
holds; outputs are not compared) with RNN_BOOK_SEED set to it, so each notebook's training draws
other initial weights and another data order. A claim that holds for one draw only fails here.
The table has one row per notebook and one column per seed; the exit status is 1 when any cell
failed. It is the check before a release, not part of `make test` (it runs the book three times).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SEEDS = (1, 2, 3)
DEFAULT_PATHS = ("chapters", "appendices")


def notebook_of(case: ET.Element) -> str:
    """The notebook a junit test case belongs to (nbval names its cases after the file)."""
    # pytest's classname is the path with "/" written as "." (the book's folders have no dots).
    name = case.get("classname", "").removesuffix(".ipynb")
    return name.replace(".", "/") + ".ipynb"


def results(junit: Path) -> dict[str, tuple[int, int]]:
    """Notebook -> (cells passed, cells failed) from one pytest junit XML report."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for case in ET.parse(junit).getroot().iter("testcase"):
        failed = any(child.tag in ("failure", "error") for child in case)
        skipped = any(child.tag == "skipped" for child in case)
        if not skipped:
            counts[notebook_of(case)][int(failed)] += 1
    return {name: (ok, bad) for name, (ok, bad) in counts.items()}


def run_seed(seed: int, paths: list[str], workers: int, junit: Path) -> tuple[int, float]:
    """Run pytest --nbval-lax over `paths` with RNN_BOOK_SEED=seed; (exit code, seconds)."""
    env = dict(os.environ, RNN_BOOK_SEED=str(seed), RNN_BOOK_OFFLINE="1")
    command = [
        sys.executable,
        "-m",
        "pytest",
        "-o",
        "addopts=",  # the strict --nbval of pyproject.toml is replaced, not added to
        "--nbval-lax",
        "--nbval-current-env",
        "-p",
        "no:cacheprovider",
        "-q",
        f"--junitxml={junit}",
        *(["-n", str(workers), "--dist", "loadfile"] if workers > 1 else []),
        *paths,
    ]
    start = time.perf_counter()
    code = subprocess.run(command, cwd=ROOT, env=env).returncode
    return code, time.perf_counter() - start


def table(per_seed: dict[int, dict[str, tuple[int, int]]]) -> str:
    """A markdown table: one row per notebook, PASS or FAIL (with failed cells) per seed."""
    seeds = list(per_seed)
    names = sorted({name for res in per_seed.values() for name in res})
    rows = ["| notebook | " + " | ".join(f"seed {s}" for s in seeds) + " |"]
    rows.append("|---|" + "---|" * len(seeds))
    for name in names:
        cells = []
        for s in seeds:
            ok, bad = per_seed[s].get(name, (0, 0))
            cells.append("not run" if ok + bad == 0 else "PASS" if bad == 0 else f"FAIL ({bad})")
        rows.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def _seeds_last(argv: list[str]) -> list[str]:
    """Move `--seeds N ...` behind the paths, so `--seeds 1 2 chapters/x` parses as meant."""
    if "--seeds" not in argv:
        return argv
    i = argv.index("--seeds")
    j = i + 1
    while j < len(argv) and argv[j].lstrip("-").isdigit():
        j += 1
    return argv[:i] + argv[j:] + argv[i:j]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=list(DEFAULT_SEEDS))
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("paths", nargs="*", default=list(DEFAULT_PATHS))
    args = parser.parse_args(_seeds_last(sys.argv[1:] if argv is None else argv))
    if any(s < 0 for s in args.seeds):
        parser.error(f"--seeds: expected non-negative integers, got {args.seeds}")
    if args.workers < 1:
        parser.error(f"--workers: expected a positive integer, got {args.workers}")

    per_seed, seconds, codes = {}, {}, {}
    with tempfile.TemporaryDirectory() as tmp:
        for seed in args.seeds:
            junit = Path(tmp) / f"seed{seed}.xml"
            print(f"== RNN_BOOK_SEED={seed}: pytest --nbval-lax {' '.join(args.paths)}", flush=True)
            codes[seed], seconds[seed] = run_seed(seed, args.paths, args.workers, junit)
            per_seed[seed] = results(junit) if junit.exists() else {}
    print()
    print(table(per_seed))
    print()
    for seed in args.seeds:
        print(f"seed {seed}: pytest exit {codes[seed]}, {seconds[seed]:.0f} s wall")
    print(f"total: {sum(seconds.values()):.0f} s wall for {len(args.seeds)} seeds")
    failed = any(code != 0 for code in codes.values())
    print("FAILED: a cell failed for some seed" if failed else "every notebook passed every seed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
