"""Notebook hygiene: what every notebook of the book must be, checked on the stored files."""

import io
import json
import re
import tokenize
import tomllib
from pathlib import Path

import pytest
import yaml

from tools.notebooks import (
    OPT_INS,
    SETUP_TAGS,
    legacy_keras,
    notebooks,
    opt_in,
    problems,
    setup_source,
)

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = notebooks()
IDS = [p.stem for p in NOTEBOOKS]
# Appendix notebooks are checked like chapters, except that they need no framework tab group.
CHAPTER_NOTEBOOKS = [p for p in NOTEBOOKS if p.relative_to(ROOT).parts[0] == "chapters"]
TABS = ["tab-numpy", "tab-tensorflow", "tab-pytorch"]
# Machine paths, user names and memory addresses that must not appear in compared outputs.
LEAKS = re.compile(
    r"(/root\b|/home/\w+|/tmp/|/work/|/Users/\w+|[A-Z]:\\\\|site-packages|0x[0-9a-fA-F]{6,}|"
    r"ipykernel_\d+)"
)


def load(path):
    return json.loads(path.read_text())


def source(cell):
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def tags(cell):
    return cell.get("metadata", {}).get("tags", [])


def code_cells(nb):
    return [c for c in nb["cells"] if c["cell_type"] == "code"]


def toc_files():
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    found = [toc["root"]]

    def walk(entries):
        for entry in entries:
            if "file" in entry:
                found.append(entry["file"])
            walk(entry.get("sections", []))

    for part in toc.get("parts", []):
        walk(part.get("chapters", []))
    return found


def test_there_are_notebooks():
    assert len(NOTEBOOKS) >= 2, "expected the chapter notebooks under chapters/"


def test_every_notebook_is_in_the_toc_and_every_entry_exists():
    entries = toc_files()
    assert len(entries) == len(set(entries)), f"duplicate toc entries: {entries}"
    listed = set(entries)
    for path in NOTEBOOKS:
        rel = path.relative_to(ROOT).with_suffix("").as_posix()
        assert rel in listed, f"{rel}.ipynb is not listed in _toc.yml"
    for entry in entries:
        matches = [ROOT / f"{entry}{ext}" for ext in (".ipynb", ".md")]
        assert any(m.is_file() for m in matches), f"_toc.yml lists {entry}, which does not exist"
    pages = {
        p.relative_to(ROOT).with_suffix("").as_posix()
        for pattern in ("chapters/**/*.md", "appendices/**/*.md", "appendices/**/*.ipynb")
        for p in ROOT.glob(pattern)
    }
    assert pages <= listed, f"pages not in _toc.yml: {sorted(pages - listed)}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_one_clean_top_to_bottom_run(path):
    cells = [c for c in code_cells(load(path)) if source(c).strip()]
    counts = [c["execution_count"] for c in cells]
    assert counts == list(range(1, len(cells) + 1)), (
        f"execution counts {counts}: expected 1..{len(cells)} (run `make execute`)"
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_no_stored_errors_unless_expected(path):
    for i, cell in enumerate(code_cells(load(path))):
        errors = [o for o in cell.get("outputs", []) if o["output_type"] == "error"]
        if "raises-exception" in tags(cell):
            assert errors, f"code cell {i} is tagged raises-exception but raised nothing"
        else:
            assert not errors, f"code cell {i} stores an error: {errors[0]['ename']}"


def compared_text(output):
    if output["output_type"] == "stream":
        return "" if output["name"] == "stderr" else "".join(output["text"])
    data = output.get("data", {})
    return "".join("".join(v) for k, v in data.items() if k.startswith("text/"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_no_machine_paths_or_addresses_in_compared_outputs(path):
    for i, cell in enumerate(code_cells(load(path))):
        if "nbval-ignore-output" in tags(cell):
            continue
        for output in cell.get("outputs", []):
            found = LEAKS.search(compared_text(output))
            assert not found, f"code cell {i} output holds {found.group(0)!r}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_no_stored_stderr_or_warnings(path):
    # Warnings carry machine paths, and stderr is not compared: neither belongs in the book.
    for i, cell in enumerate(code_cells(load(path))):
        for output in cell.get("outputs", []):
            assert output.get("name") != "stderr", f"code cell {i} stores stderr output"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_badge_and_setup_cell_match_config(path):
    assert problems(path) == []


def test_setup_cell_is_identical_everywhere():
    # Identical except for the opt-ins: legacy Keras (only the TF1 appendix may take it) and
    # the GPU (a notebook that trains something large).
    plain = [p for p in NOTEBOOKS if not any(opt_in(load(p), name) for name in OPT_INS)]
    legacy = [p.relative_to(ROOT).as_posix() for p in NOTEBOOKS if legacy_keras(load(p))]
    assert {source(code_cells(load(p))[0]) for p in plain} == {setup_source()}
    assert legacy in ([], ["appendices/tf1_then_and_now.ipynb"]), f"legacy Keras in {legacy}"
    for path in NOTEBOOKS:
        nb = load(path)
        assert source(code_cells(nb)[0]) == setup_source(nb), path.name
        assert tags(code_cells(nb)[0]) == SETUP_TAGS, path.name


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_anatomy_goals_summary_exercises_solutions(path):
    cells = load(path)["cells"]
    markdown = [source(c) for c in cells if c["cell_type"] == "markdown"]
    assert re.search(r"^# \S", markdown[0], re.M), "first cell: expected a '# Title' line"
    assert any(":class: tip" in m and "Learning goals" in m for m in markdown[:2]), (
        "expected a 'Learning goals' admonition near the top"
    )
    assert any("Prerequisites" in m for m in markdown[:2]), "expected prerequisites near the top"
    headings = [line for m in markdown for line in m.splitlines() if line.startswith("## ")]
    assert "## Summary" in headings and "## Exercises" in headings, f"headings: {headings}"
    assert headings.index("## Summary") < headings.index("## Exercises")
    start = next(i for i, c in enumerate(cells) if "## Exercises" in source(c))
    solutions = [c for c in cells[start:] if "solution" in tags(c)]
    assert solutions, "expected exercise solutions (cells tagged 'solution') after '## Exercises'"
    for cell in solutions:
        if cell["cell_type"] == "markdown":
            assert ":class: dropdown" in source(cell), "a markdown solution must be a dropdown"
            continue
        # hide-input would fold the code but print the answer right under the question.
        assert "hide-cell" in tags(cell) and "hide-input" not in tags(cell), (
            f"a solution cell must fold whole, input and output (tag hide-cell): {tags(cell)}"
        )


def tab_groups(nb):
    """Runs of consecutive code cells carrying a tab-* tag, as lists of (tag, cell)."""
    groups, current = [], []
    for cell in nb["cells"]:
        tab = [t for t in tags(cell) if t.startswith("tab-")]
        if cell["cell_type"] == "code" and tab:
            current.append((tab[0], cell))
            continue
        if current:
            groups.append((current, cell))
            current = []
    if current:
        groups.append((current, None))
    return groups


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_tab_groups_are_well_formed_and_checked(path):
    groups = tab_groups(load(path))
    chapter = path in CHAPTER_NOTEBOOKS
    complete = 0
    for group, after in groups:
        names = [t for t, _ in group]
        assert all(n in TABS for n in names), f"unknown tab tag in {names}"
        assert names == sorted(names, key=TABS.index) and len(set(names)) == len(names), (
            f"a tab group must hold each framework once, in the order {TABS}: got {names}"
        )
        assert len(names) >= 2, f"a tab group needs at least two frameworks: got {names}"
        if names == TABS and after is not None and after["cell_type"] == "code":
            if re.search(r"^\s*assert\b", source(after), re.M):
                complete += 1
    assert complete >= 1 or not chapter, (
        "expected at least one complete NumPy/TensorFlow/PyTorch tab group followed by a code "
        "cell that asserts they agree"
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_notebook_metadata_is_clean(path):
    nb = load(path)
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    assert "widgets" not in nb["metadata"]
    for cell in code_cells(nb):
        assert "execution" not in cell.get("metadata", {}), "timing metadata stored in a cell"


def test_book_does_not_read_shared_folder():
    for path in [*NOTEBOOKS, *ROOT.glob("utils/*.py")]:
        assert "shared/" not in path.read_text().replace("\\n", "\n"), f"{path} refers to shared/"


HANGUL_TERM = re.compile(r"[\uac00-\ud7a3][\uac00-\ud7a3 -]*[\uac00-\ud7a3]|[\uac00-\ud7a3]")


def test_every_korean_term_is_in_the_glossary():
    glossary = (ROOT / "appendices" / "glossary.md").read_text()
    # The front page's Sources cite Korean titles and names, which are not terms.
    texts = [(ROOT / "intro.md").read_text().split("\n## Sources\n")[0]]
    texts += [p.read_text() for p in ROOT.glob("chapters/**/*.md")]
    texts += [
        "\n".join(source(c) for c in load(p)["cells"] if c["cell_type"] == "markdown")
        for p in NOTEBOOKS
    ]
    terms = {t for text in texts for t in HANGUL_TERM.findall(text)}
    assert len(terms) >= 5, f"expected the chapters to give Korean terms, found {sorted(terms)}"
    missing = sorted(t for t in terms if t not in glossary)
    assert not missing, f"Korean terms missing from appendices/glossary.md: {missing}"


def test_nbval_runs_strict():
    # Lax mode compares nothing unless a cell asks for it: the book's tests must stay strict.
    options = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["pytest"]["ini_options"]
    assert "--nbval" in options["addopts"] and "--nbval-lax" not in options["addopts"]
    assert {"chapters", "appendices"} <= set(options["testpaths"])


# Code that trains or times something: what it prints depends on the CPU's float rounding, the
# training trajectory or the machine's load, so strict nbval must never compare it.
TRAINS_OR_TIMES = re.compile(r"\.fit\(|\.step\(|perf_counter|time\.time\(|timeit")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_training_and_timing_outputs_are_not_compared(path):
    offenders = [
        i
        for i, cell in enumerate(load(path)["cells"])
        if cell["cell_type"] == "code"
        and TRAINS_OR_TIMES.search(source(cell))
        and cell.get("outputs")
        and "nbval-ignore-output" not in tags(cell)
    ]
    assert not offenders, (
        f"cells {offenders} train or time something and show output, so they must be tagged "
        "nbval-ignore-output (and assert their claims with margins)"
    )


def glossary_rows():
    """(English, Korean, meaning) of each row of the glossary's table."""
    rows = []
    for line in (ROOT / "appendices" / "glossary.md").read_text().splitlines():
        cells = [c.strip() for c in line.strip()[1:-1].split("|")] if line.startswith("| ") else []
        if len(cells) == 4 and cells[0] != "English":
            rows.append(tuple(cells[:3]))
    return rows


def test_glossary_has_one_korean_term_per_english_term_in_alphabetical_order():
    rows = glossary_rows()
    assert len(rows) >= 60, f"expected the glossary's table, found {len(rows)} rows"
    english = [en.lower() for en, _, _ in rows]
    assert len(set(english)) == len(english), "an English term is listed twice"
    assert english == sorted(english, key=lambda s: s.lstrip("(")), "rows are not alphabetical"
    for en, ko, _ in rows:
        assert HANGUL_TERM.search(ko), f"{en}: no Korean term"
        assert not re.search(r"[/;]", ko), f"{en}: one Korean term per concept, got {ko!r}"
    korean = [ko for _, ko, _ in rows]
    twice = sorted({ko for ko in korean if korean.count(ko) > 1})
    assert not twice, f"one Korean term names two concepts: {twice}"


def test_chapters_use_no_alternative_korean_term():
    # "Also: 기울기" in the meaning column: a term readers meet elsewhere, not used in the book.
    alternatives = {
        alt.strip()
        for _, _, meaning in glossary_rows()
        for alt in re.findall(r"Also: ([^.]+)", meaning)
        for alt in alt.split(",")
    }
    assert "기울기" in alternatives
    texts = {p.name: p.read_text() for p in ROOT.glob("chapters/**/*.md")}
    for p in NOTEBOOKS:
        texts[p.name] = "\n".join(source(c) for c in load(p)["cells"])
    used = sorted(
        (name, alt) for name, text in texts.items() for alt in alternatives if alt in text
    )
    assert not used, f"alternative Korean terms used (use the glossary's term): {used}"


# Names the setup cell happens to define besides `utils` and `SEED`: later cells must not rely
# on them (the README's import convention), so that the setup cell can change freely.
SETUP_LEFTOVERS = {"os": "import os", "sys": "import sys", "subprocess": "import subprocess"}
SETUP_PRIVATE = re.compile(r"(?<![\w.])(root|here|REPO_URL|COLAB)\b")


def code_only(src):
    """The source with comments and string literals blanked out (the raw source if it does not
    tokenize, e.g. an IPython magic)."""
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(src).readline))
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return src
    skip = {tokenize.COMMENT, tokenize.STRING, getattr(tokenize, "FSTRING_MIDDLE", -1)}
    return " ".join(t.string for t in tokens if t.type not in skip)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_later_cells_rely_only_on_utils_and_seed_from_the_setup_cell(path):
    later = [source(c) for c in code_cells(load(path))[1:]]
    text = "\n".join(later)
    for name, statement in SETUP_LEFTOVERS.items():
        if re.search(rf"(?<![\w.]){name}\.", text):
            assert re.search(rf"^\s*{statement}\b", text, re.M), (
                f"later cells use `{name}` without `{statement}` (the setup cell's is private)"
            )
    if re.search(r"(?<![\w.])Path\(", text):
        assert "from pathlib import Path" in text, "later cells use Path without importing it"
    found = sorted({m.group(1) for cell in later for m in SETUP_PRIVATE.finditer(code_only(cell))})
    assert not found, f"later cells use the setup cell's private names {found}: use utils.BOOK_ROOT"
