"""Unit tests of tools/notebooks.py: the setup-cell template, its opt-ins, sync and check."""

import json

import pytest

import tools.notebooks as nbtools

LEGACY = {"metadata": {"rnn_book": {"legacy_keras": True}}}


def test_plain_and_legacy_setup_cells_differ_only_in_the_setup_call():
    plain, legacy = nbtools.setup_source(), nbtools.setup_source(LEGACY)
    comment = "  # RNN_BOOK_SEED, else 42"
    assert plain.endswith("\nSEED = utils.setup_notebook(colab=COLAB)" + comment)
    call = "\nSEED = utils.setup_notebook(colab=COLAB, legacy_keras=True)"
    assert legacy.endswith(call + comment)
    assert plain.splitlines()[:-1] == legacy.splitlines()[:-1]
    # No metadata, other book settings, or an explicit false all give the plain cell.
    for nb in ({}, {"metadata": {}}, {"metadata": {"rnn_book": {"legacy_keras": False}}}):
        assert nbtools.setup_source(nb) == plain


@pytest.mark.parametrize("value", ["true", 1, None])
def test_legacy_flag_must_be_a_boolean(value):
    nb = {"metadata": {"rnn_book": {"legacy_keras": value}}}
    with pytest.raises(ValueError, match=r'\["legacy_keras"\]: expected true or false, got'):
        nbtools.setup_source(nb)


def test_notebooks_lists_chapters_then_appendices(book):
    assert nbtools.notebooks() == list(book)


def test_sync_and_check_follow_each_notebooks_own_metadata(book):
    chapter, appendix = book
    assert nbtools.problems(chapter) == [] and nbtools.problems(appendix) == []
    nb = json.loads(appendix.read_text())
    nb["metadata"]["rnn_book"] = {"legacy_keras": True}
    appendix.write_text(json.dumps(nb))
    # The stored cell is now the plain one, which this notebook's metadata no longer asks for.
    assert nbtools.problems(appendix) == [
        "b.ipynb: first code cell differs from the setup cell (run make sync)"
    ]
    assert nbtools.main(["check"]) == 1
    assert nbtools.main(["sync"]) == 0
    assert nbtools.problems(appendix) == [] and nbtools.main(["check"]) == 0
    cells = [c for c in json.loads(appendix.read_text())["cells"] if c["cell_type"] == "code"]
    call = "SEED = utils.setup_notebook(colab=COLAB, legacy_keras=True)"
    assert call in "".join(cells[0]["source"])
    other = [c for c in json.loads(chapter.read_text())["cells"] if c["cell_type"] == "code"]
    assert "".join(other[0]["source"]) == nbtools.setup_source()


def test_gpu_opt_in_adds_gpu_true_to_the_setup_call():
    gpu = nbtools.setup_source({"metadata": {"rnn_book": {"gpu": True}}})
    both = nbtools.setup_source({"metadata": {"rnn_book": {"gpu": True, "legacy_keras": True}}})
    assert "\nSEED = utils.setup_notebook(colab=COLAB, gpu=True)  #" in gpu
    assert "(colab=COLAB, legacy_keras=True, gpu=True)" in both
    assert gpu.splitlines()[:-1] == nbtools.setup_source().splitlines()[:-1]
    with pytest.raises(ValueError, match=r'\["gpu"\]: expected true or false, got \'yes\''):
        nbtools.setup_source({"metadata": {"rnn_book": {"gpu": "yes"}}})


def test_sync_with_url_points_config_badges_and_setup_cells_at_a_fork(book, capsys):
    url = "https://github.com/someone/my-rnn-book"
    assert nbtools.main(["sync", "--url", url, "--branch", "pages"]) == 0
    assert nbtools.repository() == (url, "pages")
    chapter, _ = book
    text = chapter.read_text()
    assert f'REPO_URL = \\"{url}\\"' in text  # the setup cell, JSON-escaped
    assert "github/someone/my-rnn-book/blob/pages/chapters" in text  # the badge
    assert "OWNER/rnn-book" not in text and nbtools.main(["check"]) == 0
    assert "rewrote _config.yml: repository" in capsys.readouterr().out
    assert not nbtools.set_repository(url, "pages"), "a second sync changes nothing"


@pytest.mark.parametrize(
    "argv",
    [["sync", "--url"], ["sync", "--branch", "x"], ["check", "--url", "u"], ["sync", "--x", "1"]],
)
def test_sync_refuses_bad_options(argv, capsys):
    assert nbtools.main(argv) == 2
    assert "usage:" in capsys.readouterr().err


def test_sync_refuses_a_url_that_is_not_a_github_repository(book):
    with pytest.raises(ValueError, match="expected https://github.com/OWNER/NAME, got ftp://x"):
        nbtools.set_repository("ftp://x")


def test_sync_rewrites_badge_and_setup_cell_after_url_change(book, tmp_path, capsys):
    path = nbtools.notebooks()[0]
    assert nbtools.problems(path) == []
    config = tmp_path / "_config.yml"
    config.write_text(config.read_text().replace("OWNER/rnn-book", "someone/rnns"))
    assert len(nbtools.problems(path)) == 2  # badge and setup cell both out of step
    assert nbtools.main(["check"]) == 1
    before = json.loads(path.read_text())
    assert nbtools.main(["sync"]) == 0
    assert nbtools.problems(path) == [] and nbtools.main(["check"]) == 0
    after = json.loads(path.read_text())
    text = path.read_text()
    assert "github/someone/rnns/blob/main/chapters/" in text
    setup = next(c for c in after["cells"] if "setup" in c["metadata"].get("tags", []))
    assert 'REPO_URL = "https://github.com/someone/rnns"' in "".join(setup["source"])
    assert "OWNER/rnn-book" not in text
    # Only sources change: every output and every other cell stays as it was.
    for old, new in zip(before["cells"], after["cells"], strict=True):
        assert old.get("outputs") == new.get("outputs")
    assert [c["source"] for c in before["cells"][3:]] == [c["source"] for c in after["cells"][3:]]
    assert not nbtools.sync(path), "a second sync changes nothing"
    assert "rewrote" in capsys.readouterr().out


def test_bad_repository_url_is_refused(book, tmp_path):
    config = tmp_path / "_config.yml"
    config.write_text(config.read_text().replace("https://github.com/OWNER/rnn-book", "nowhere"))
    with pytest.raises(ValueError, match="expected https://github.com/OWNER/NAME, got nowhere"):
        nbtools.repository()
