"""The Colab path: a notebook alone in an empty folder, `google.colab` importable, the book
fetched by the setup cell with git from a local repository instead of GitHub.

Proves that the setup cell finds no `utils/`, clones the book, imports `utils` from the clone,
installs nothing (everything Colab-like is present) and that the notebook then produces the
outputs stored in the repository.
"""

import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from tools.notebooks import notebooks

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = notebooks()[0]


def snapshot_repo(dest: Path) -> str:
    """Commit the working tree's files (tracked and new, not ignored) to a fresh repository."""
    files = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    for name in filter(None, files):
        src = ROOT / name.decode()
        if src.is_file():
            (dest / name.decode()).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / name.decode())
    git = ["git", "-c", "user.name=test", "-c", "user.email=test@example.invalid"]
    subprocess.run([*git, "init", "-q", "-b", "main"], cwd=dest, check=True)
    subprocess.run([*git, "add", "-A"], cwd=dest, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "snapshot"], cwd=dest, check=True)
    return dest.as_uri()


def texts(cell):
    """The cell's stdout (joined: the kernel may split a stream anywhere) and text results."""
    stdout = "".join(o.text for o in cell.outputs if o.get("name") == "stdout")
    data = [
        o.data["text/plain"]
        for o in cell.outputs
        if "data" in o and "text/plain" in o.data and "image/png" not in o.data
    ]
    return [stdout, *data]


def test_notebook_runs_alone_on_simulated_colab(tmp_path, monkeypatch):
    if shutil.which("git") is None:
        pytest.fail("git is needed to fetch the book, as on Colab")
    repo_url = snapshot_repo(tmp_path / "origin")
    stand_in = tmp_path / "stand_in" / "google" / "colab"
    stand_in.mkdir(parents=True)
    # `google` stays a namespace package (no __init__.py), so google.protobuf still imports.
    (stand_in / "__init__.py").write_text('"""Stand-in for Colab\'s own module."""\n')
    content = tmp_path / "content"  # Colab's working folder: holds only the notebook
    content.mkdir()
    shutil.copy(NOTEBOOK, content / NOTEBOOK.name)

    monkeypatch.setenv("PYTHONPATH", str(stand_in.parent.parent))
    monkeypatch.setenv("RNN_BOOK_REPO", repo_url)
    monkeypatch.setenv("RNN_BOOK_OFFLINE", "1")
    nb = nbformat.read(content / NOTEBOOK.name, as_version=4)
    stored = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(
        nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(content)}}
    ).execute()

    clone = content / "rnn-book"
    assert (clone / "utils" / "reference.py").is_file(), "the setup cell did not fetch the book"
    setup = next(c for c in nb.cells if "setup" in c.metadata.get("tags", []))
    setup_out = "".join(texts(setup))
    assert setup_out.rstrip().endswith("| Colab"), f"setup did not detect Colab: {setup_out!r}"
    assert "Installing" not in setup_out, "nothing should be installed: all packages are present"
    code = [c for c in nb.cells if c.cell_type == "code"]
    stored_code = [c for c in stored.cells if c.cell_type == "code"]
    checked = 0
    for fresh, old in zip(code[1:], stored_code[1:], strict=True):
        if "nbval-ignore-output" in old.metadata.get("tags", []):
            continue
        assert texts(fresh) == texts(old), fresh.source[:80]
        checked += 1
    assert checked >= 5
