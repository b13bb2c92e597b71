"""`make test-colab`: does the book run on today's Colab? The instructor's check before a course.

    python3 tools/colab_check.py [--build-only]

Builds, once, a virtual environment with the versions of Colab's runtime pinned in
`tools/colab_runtime.txt` (the CUDA build of PyTorch with triton included: several GB, cached
outside the repository in ~/.cache/rnn-book/, or in $RNN_BOOK_COLAB_VENV), plus the test tools
pinned in requirements.txt. Then it checks, in that environment:
  - that the hazard of issue 6 is there (`import tensorflow; import triton` kills Python) and
    that `utils.setup_notebook()` survives it;
  - every notebook, run top to bottom under `pytest --nbval-lax` (every cell must run and every
    assert hold; outputs are not compared, since versions differ from the pinned book);
  - the Colab simulation (tests/test_colab.py: a notebook alone, the book fetched with git).
It prints a pass/fail table and exits non-zero if anything failed. Standard library only.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNTIME = ROOT / "tools" / "colab_runtime.txt"
#: Test tools (not part of Colab's runtime): installed at the versions requirements.txt pins.
HARNESS = ("pytest", "nbval", "ipykernel", "nbclient", "nbformat", "jupyter_client", "PyYAML")


def read_runtime(path: Path = RUNTIME) -> tuple[str, list[str]]:
    """(python version, requirement lines) from the runtime file."""
    text = path.read_text()
    match = re.search(r"^# python: (\d+\.\d+)\s*$", text, re.MULTILINE)
    if match is None:
        raise ValueError(f"{path.name}: expected a line '# python: X.Y', found none")
    reqs = [line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"]
    bad = [r for r in reqs if not re.fullmatch(r"[A-Za-z0-9_.\-]+==[A-Za-z0-9_.+\-]+", r)]
    if bad:
        raise ValueError(f"{path.name}: expected 'name==version' lines, got {bad}")
    return match.group(1), reqs


def harness_pins(path: Path = ROOT / "requirements.txt") -> list[str]:
    """The pins of the test tools, taken from the book's own requirements.txt."""
    pins = {line.split("==")[0].lower(): line.strip() for line in path.read_text().splitlines()}
    missing = [name for name in HARNESS if name.lower() not in pins]
    if missing:
        raise ValueError(f"requirements.txt: expected pins for {missing}, found none")
    return [pins[name.lower()] for name in HARNESS]


def venv_dir(python: str, reqs: list[str]) -> Path:
    """Where the environment is cached: one folder per set of versions."""
    if os.environ.get("RNN_BOOK_COLAB_VENV"):
        return Path(os.environ["RNN_BOOK_COLAB_VENV"])
    key = hashlib.sha256("\n".join([python, *reqs]).encode()).hexdigest()[:10]
    cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    return cache / "rnn-book" / f"colab-py{python}-{key}"


def find_python(version: str) -> str:
    """A working `pythonX.Y`: $RNN_BOOK_COLAB_PYTHON, then PATH, then pyenv's versions."""
    candidates = [os.environ.get("RNN_BOOK_COLAB_PYTHON"), shutil.which(f"python{version}")]
    pyenv = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    candidates += sorted(str(p) for p in pyenv.glob(f"{version}.*/bin/python{version}"))
    for exe in filter(None, candidates):
        probe = subprocess.run(
            [exe, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
            capture_output=True,
            text=True,
        )
        if probe.returncode == 0 and probe.stdout.strip() == version:
            return exe
    raise SystemExit(
        f"Python {version} (Colab's, see {RUNTIME.name}) not found: install it or set "
        "RNN_BOOK_COLAB_PYTHON to its interpreter"
    )


def build(python: str, reqs: list[str], dest: Path) -> Path:
    """Create the environment once (a stamp file marks a finished install); return its python."""
    exe = dest / "bin" / "python"
    if (dest / ".installed").is_file():
        return exe
    interpreter = find_python(python)
    print(f"Building the Colab-like environment in {dest} (once; several GB)...", flush=True)
    shutil.rmtree(dest, ignore_errors=True)
    subprocess.run([interpreter, "-m", "venv", str(dest)], check=True)
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
        f.write("\n".join(reqs) + "\n")
    pip = [str(exe), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run([*pip, "-r", f.name], check=True)
    os.unlink(f.name)
    (dest / ".installed").write_text("\n".join(reqs) + "\n")
    return exe


def notebooks() -> list[Path]:
    found = sorted(ROOT.glob("chapters/*/*.ipynb")) + sorted(ROOT.glob("appendices/*.ipynb"))
    return [p for p in found if ".ipynb_checkpoints" not in p.parts]


def crash_checks(exe: Path, env: dict[str, str]) -> list[tuple[str, bool, str]]:
    """The triton hazard, reproduced, and setup_notebook surviving it: (what, passed, detail)."""
    rows = []
    versions = subprocess.run(
        [str(exe), "-c", "import importlib.metadata as m; print(m.version('triton'))"],
        env=env,
        capture_output=True,
        text=True,
    )
    has_triton = versions.returncode == 0
    rows.append(("triton installed (as with Colab's PyTorch)", has_triton, versions.stdout.strip()))
    if has_triton:
        hazard = subprocess.run(
            [str(exe), "-c", "import tensorflow, triton"], env=env, capture_output=True
        )
        rows.append(
            (
                "hazard: `import tensorflow; import triton` dies",
                hazard.returncode != 0,
                f"exit status {hazard.returncode}",
            )
        )
    setup = subprocess.run(
        [str(exe), "-c", "import utils; utils.setup_notebook(colab=False)"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    rows.append(
        (
            "utils.setup_notebook() survives",
            setup.returncode == 0,
            setup.stdout.strip() or f"exit status {setup.returncode}",
        )
    )
    return rows


def run_tests(exe: Path, env: dict[str, str]) -> tuple[list[tuple[str, bool, str]], float]:
    """Every notebook under nbval-lax, and the Colab simulation; one row per file."""
    paths = [p.relative_to(ROOT).as_posix() for p in notebooks()] + ["tests/test_colab.py"]
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.xml"
        cmd = [str(exe), "-m", "pytest", "-o", "addopts=", "-p", "no:cacheprovider", "-q"]
        cmd += ["--nbval-lax", "--nbval-current-env", f"--junitxml={report}", *paths]
        start = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, env=env)
        wall = time.perf_counter() - start
        cases = ET.parse(report).getroot().iter("testcase") if report.exists() else []
        per_file: dict[str, list] = {p: [0, 0, 0.0] for p in paths}  # cells, failures, seconds
        for case in cases:
            name = case.get("file") or case.get("classname", "")
            key = next((p for p in paths if name.replace(".", "/").startswith(p[:-6])), None)
            key = next((p for p in paths if p == name), key)
            if key is None:
                continue
            failed = any(case.find(tag) is not None for tag in ("failure", "error"))
            per_file[key][0] += 1
            per_file[key][1] += failed
            per_file[key][2] += float(case.get("time", 0))
    rows = []
    for path, (cells, failures, seconds) in per_file.items():
        ok = cells > 0 and failures == 0
        detail = f"{cells} items, {failures} failed, {seconds:.1f} s"
        rows.append((path, ok, detail if cells else "not run"))
    return rows, wall


def main(argv: list[str]) -> int:
    python, reqs = read_runtime()
    reqs = reqs + harness_pins()
    dest = venv_dir(python, reqs)
    start = time.perf_counter()
    exe = build(python, reqs, dest)
    print(f"Environment ready in {time.perf_counter() - start:.0f} s: {dest}")
    if "--build-only" in argv:
        return 0
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update(RNN_BOOK_OFFLINE="1", PATH=f"{exe.parent}{os.pathsep}{env.get('PATH', '')}")
    rows = crash_checks(exe, env)
    test_rows, wall = run_tests(exe, env)
    rows += test_rows
    width = max(len(r[0]) for r in rows)
    print(f"\nColab-like runtime ({RUNTIME.name}): Python {python}, " + ", ".join(reqs))
    print(f"\n{'check':<{width}}  result  detail")
    for what, ok, detail in rows:
        print(f"{what:<{width}}  {'PASS' if ok else 'FAIL':<6}  {detail}")
    failed = sum(not ok for _, ok, _ in rows)
    print(f"\n{len(rows) - failed} passed, {failed} failed; tests took {wall:.0f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
