"""Keep every notebook's Colab badge and setup cell in step with `_config.yml`.

The repository URL lives in one place, `repository.url` in `_config.yml`. Each notebook opens
with a markdown cell whose first line is its "Open in Colab" badge, and its first code cell is
the setup cell below. After changing the URL, run

    python -m tools.notebooks sync      (or: make sync)

which rewrites the badge and setup cell of every notebook (sources only; stored outputs are
left as they are, since neither cell's output depends on the URL). `sync --url URL [--branch B]`
(`make sync REPO_URL=URL`) first writes the URL into _config.yml: the GitHub workflow does
that with the repository it runs in, so a fork's book points at the fork.

The setup cell is the same in every notebook, with two opt-ins in the notebook's metadata: with
`"rnn_book": {"legacy_keras": true}` (only the TF1 appendix) its last line is
`SEED = utils.setup_notebook(colab=COLAB, legacy_keras=True)`, and with `"rnn_book": {"gpu": true}`
(a notebook that trains something large) it passes `gpu=True`, so that the notebook may use a GPU
where there is one (see `utils.notebook`'s device policy).

`python -m tools.notebooks check` exits non-zero when any notebook is out of step.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = ROOT / "chapters"
#: Notebook metadata key under which the book keeps its own per-notebook settings.
META_KEY = "rnn_book"
#: What `repository.url` must look like.
URL_PATTERN = r"https://github\.com/[\w.-]+/[\w.-]+"

SETUP_TAGS = ["hide-input", "setup"]

SETUP_CELL = """\
# Setup, the same in every notebook: find the book's `utils` package (on Colab, fetch the
# book first), then seed NumPy/TensorFlow/PyTorch, quiet their logging, fix print precision.
import os
import subprocess
import sys
from pathlib import Path

REPO_URL = "{repo_url}"  # set in _config.yml; `make sync` rewrites this line
try:
    import google.colab  # noqa: F401

    COLAB = True
except ImportError:
    COLAB = False
here = Path.cwd().resolve()
root = next((p for p in (here, *here.parents) if (p / "utils" / "reference.py").is_file()), None)
if root is None and COLAB:
    root = here / "rnn-book"
    if not root.is_dir():
        url = os.environ.get("RNN_BOOK_REPO", REPO_URL)
        subprocess.run(["git", "clone", "-q", "--depth=1", url, str(root)], check=True)
if root is None:
    raise RuntimeError("utils/ not found: run this notebook from inside the book's repository")
sys.path.insert(0, str(root))
import utils  # noqa: E402

SEED = utils.setup_notebook({setup_args})  # RNN_BOOK_SEED, else 42"""

BADGE = (
    "[![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)]"
    "(https://colab.research.google.com/github/{owner_repo}/blob/{branch}/{path})"
)


def repository() -> tuple[str, str]:
    """(url, branch) from the `repository:` block of _config.yml."""
    config = yaml.safe_load((ROOT / "_config.yml").read_text()) or {}
    repo = config.get("repository") or {}
    url, branch = repo.get("url"), repo.get("branch", "main")
    if not url or not re.fullmatch(URL_PATTERN, str(url)):
        raise ValueError(
            f"_config.yml repository.url: expected https://github.com/OWNER/NAME, got {url}"
        )
    return url, branch


def notebooks() -> list[Path]:
    """Every notebook under chapters/, then under appendices/ (checkpoints excluded), sorted."""
    return [
        path
        for folder in (CHAPTERS, ROOT / "appendices")  # ROOT read now: tests repoint it
        for path in sorted(folder.rglob("*.ipynb"))
        if ".ipynb_checkpoints" not in path.parts
    ]


#: Per-notebook opt-ins (metadata["rnn_book"][name] = true) and the setup argument each adds.
OPT_INS = ("legacy_keras", "gpu")


def opt_in(nb, name: str) -> bool:
    """True when the notebook's metadata["rnn_book"][name] is true (false when absent)."""
    settings = (nb or {}).get("metadata", {}).get(META_KEY, {})
    value = settings.get(name, False)
    if not isinstance(value, bool):
        raise ValueError(f'metadata["{META_KEY}"]["{name}"]: expected true or false, got {value!r}')
    return value


def legacy_keras(nb) -> bool:
    """True when the notebook opts into legacy Keras: metadata["rnn_book"]["legacy_keras"]."""
    return opt_in(nb, "legacy_keras")


def setup_source(nb=None) -> str:
    """The setup cell for `nb`: the same for every notebook except its opt-ins (OPT_INS)."""
    args = ", ".join(["colab=COLAB", *(f"{name}=True" for name in OPT_INS if opt_in(nb, name))])
    return SETUP_CELL.format(repo_url=repository()[0], setup_args=args)


def badge(path: Path) -> str:
    url, branch = repository()
    owner_repo = url.removeprefix("https://github.com/")
    return BADGE.format(
        owner_repo=owner_repo, branch=branch, path=path.relative_to(ROOT).as_posix()
    )


def source(cell) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def setup_cell(nb) -> dict | None:
    """The notebook's first code cell, or None."""
    return next((c for c in nb["cells"] if c["cell_type"] == "code"), None)


def problems(path: Path) -> list[str]:
    """What is out of step in one notebook (empty when it is in step)."""
    nb = json.loads(path.read_text())
    found = []
    first = nb["cells"][0] if nb["cells"] else None
    if not first or first["cell_type"] != "markdown" or badge(path) not in source(first):
        found.append(f"{path.name}: first cell must be markdown holding the badge {badge(path)}")
    cell = setup_cell(nb)
    if cell is None or source(cell) != setup_source(nb):
        found.append(f"{path.name}: first code cell differs from the setup cell (run make sync)")
    elif cell.get("metadata", {}).get("tags") != SETUP_TAGS:
        found.append(f"{path.name}: setup cell tags must be {SETUP_TAGS}")
    return found


def sync(path: Path) -> bool:
    """Rewrite the badge and setup cell of one notebook; True when the file changed."""
    text = path.read_text()
    nb = json.loads(text)
    first = nb["cells"][0]
    first_src = re.sub(
        r"\[!\[Open In Colab\]\([^)]*\)\]\([^)]*\)", lambda _: badge(path), source(first)
    )
    if badge(path) not in first_src:
        first_src = badge(path) + "\n\n" + first_src
    first["source"] = first_src.splitlines(keepends=True)
    cell = setup_cell(nb)
    cell["source"] = setup_source(nb).splitlines(keepends=True)
    cell.setdefault("metadata", {})["tags"] = list(SETUP_TAGS)
    new = json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    if new != text:
        path.write_text(new)
        return True
    return False


def set_repository(url: str, branch: str | None = None) -> bool:
    """Write `url` (and `branch`) into the `repository:` block of _config.yml; True if changed.

    The GitHub workflow calls this (`make sync REPO_URL=...`) with the repository it runs in, so
    that a fork publishes a book whose badges and setup cells point at the fork.
    """
    if not re.fullmatch(URL_PATTERN, url):
        raise ValueError(f"repository url: expected https://github.com/OWNER/NAME, got {url}")
    if branch is not None and not re.fullmatch(r"[\w./-]+", branch):
        raise ValueError(f"repository branch: expected a branch name, got {branch!r}")
    path = ROOT / "_config.yml"
    text = path.read_text()
    new = re.sub(r"(?m)^(repository:\n(?:[ \t]+.*\n)*?[ \t]+url:[ \t]*)\S+", rf"\g<1>{url}", text)
    if branch is not None:
        new = re.sub(
            r"(?m)^(repository:\n(?:[ \t]+.*\n)*?[ \t]+branch:[ \t]*)\S+", rf"\g<1>{branch}", new
        )
    if new != text:
        path.write_text(new)
    if repository() != (url, branch or repository()[1]):
        raise ValueError("_config.yml: could not set repository.url/branch (is the block there?)")
    return new != text


USAGE = "usage: python -m tools.notebooks sync [--url URL [--branch BRANCH]] | check"


def main(argv: list[str]) -> int:
    command, rest = (argv[0], argv[1:]) if argv else (None, [])
    options = dict(zip(rest[::2], rest[1::2]))
    if (
        command not in ("sync", "check")
        or len(rest) % 2
        or set(options) - {"--url", "--branch"}
        or (command == "check" and options)
        or ("--branch" in options and "--url" not in options)
    ):
        print(USAGE, file=sys.stderr)
        return 2
    if command == "sync":
        if "--url" in options and set_repository(options["--url"], options.get("--branch")):
            print("rewrote _config.yml: repository", " ".join(repository()))
        for path in notebooks():
            if sync(path):
                print("rewrote", path.relative_to(ROOT))
        return 0
    found = [p for path in notebooks() for p in problems(path)]
    print("\n".join(found) or f"{len(notebooks())} notebooks in step with _config.yml")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
