"""Makes `utils` and `tools` importable from the tests; the fixtures that test modules share."""

import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


@pytest.fixture
def book(tmp_path, monkeypatch):
    """A temporary book with tools.notebooks pointed at it: the config, the first notebook as a
    chapter and a copy of it as an appendix, each synced so that its badge names its own path.
    Returns (chapter, appendix); the book's folder is tmp_path."""
    import tools.notebooks as nbtools

    shutil.copy(nbtools.ROOT / "_config.yml", tmp_path / "_config.yml")
    source = nbtools.notebooks()[0]
    chapter = tmp_path / "chapters" / "01" / "a.ipynb"
    appendix = tmp_path / "appendices" / "b.ipynb"
    for dest in (chapter, appendix):
        dest.parent.mkdir(parents=True)
        shutil.copy(source, dest)
    monkeypatch.setattr(nbtools, "ROOT", tmp_path)
    monkeypatch.setattr(nbtools, "CHAPTERS", tmp_path / "chapters")
    nbtools.sync(chapter)
    nbtools.sync(appendix)
    return chapter, appendix
