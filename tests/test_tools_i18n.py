"""Unit tests of tools/i18n.py: cutting MyST into messages, the catalogs' life cycle (update,
fuzzy after an English edit, import/export), the Korean twin tree, and the checks."""

import json
import shutil

import pytest

import tools.i18n as i18n

PAGE = """\
# A title

(a-label)=
## Section *one*

A paragraph that runs
over two lines with `code` and $x_t$.

- an item
  continued here
- {doc}`../02/b` says more

:::{admonition} Learning goals
:class: tip
1. First goal.
:::

```python
print("not prose")
```

$$
h_t = \\tanh(x_t)
$$

| English | 한국어 |
|---|---|
| state | 상태 |
"""


def test_messages_are_the_prose_blocks_in_order():
    assert i18n.messages(PAGE) == [
        "A title",
        "Section *one*",
        "A paragraph that runs over two lines with `code` and $x_t$.",
        "an item continued here",
        "{doc}`../02/b` says more",
        "Learning goals",
        "First goal.",
        "English | 한국어 |".join(["| ", ""]),
        "| state | 상태 |",
    ]


def test_translate_keeps_the_structure_and_replaces_only_messages():
    out = i18n.translate(PAGE, lambda m: f"<{m}>\nmore")
    lines = out.split("\n")
    assert "(a-label)=" in lines and ":class: tip" in lines and "|---|---|" in lines
    assert 'print("not prose")' in lines and "h_t = \\tanh(x_t)" in lines
    assert "## <Section *one*>" in lines
    # A list item's further lines are indented under its text; an admonition keeps its fence.
    assert (
        "- <an item continued here>" in lines
        and lines[lines.index("- <an item continued here>") + 1] == "  more"
    )
    assert ":::{admonition} <Learning goals>" in lines and "1. <First goal.>" in lines
    # The English itself gives back the same words (only line breaks inside paragraphs change).
    same = i18n.translate(PAGE, lambda m: m)
    assert same.split() == PAGE.split()


@pytest.mark.parametrize(
    "english, korean, ok",
    [
        ("Use `rnn_forward` on $x$.", "$x$에 `rnn_forward`를 씁니다.", True),
        ("Use `rnn_forward` on $x$.", "$x$에 rnn_forward를 씁니다.", False),  # code lost
        ("See {doc}`../04/a`.", "{doc}`../04/a`를 보세요.", True),
        ("See {doc}`the page <../04/a>`.", "{doc}`그 페이지 <../04/a>`를 보세요.", True),
        ("See {doc}`../04/a`.", "{doc}`../04/b`를 보세요.", False),  # another target
        ("A [link](https://x.org/a).", "[링크](https://x.org/a).", True),
        ("A [link](https://x.org/a).", "[링크](https://x.org/b).", False),
        ("| a | b |", "| 가 | 나 |", True),
        ("| a | b |", "| 가 나 |", False),  # a table cell lost
    ],
)
def test_protected_parts_must_survive_translation(english, korean, ok):
    assert (i18n.protected(english) == i18n.protected(korean)) is ok


def test_emphasis_that_would_show_as_text_is_counted():
    assert i18n.stray_markup("a **(6, 4)** kernel") == 0
    assert i18n.stray_markup("크기가 **(6, 4)**인 커널") == 4  # ) then a letter: ** stays text
    assert i18n.stray_markup("**은닉 상태**(hidden state)와 `a*b` and $x^*$") == 0


def test_code_math_and_references_alone_are_not_messages():
    assert not i18n.prose("`(batch, time, features)`, $h_t$")
    assert not i18n.prose("{doc}`../04_training/index`")
    assert i18n.prose("{doc}`the training chapter <../04_training/index>`")
    assert i18n.messages("`x`\n\n$y$\n\nWords.\n") == ["Words."]


@pytest.fixture
def tiny(tmp_path, monkeypatch):
    """A two-page book (intro.md and one chapter notebook) with tools.i18n pointed at it."""
    shutil.copy(i18n.ROOT / "_config.yml", tmp_path / "_config.yml")
    (tmp_path / "_toc.yml").write_text(
        "format: jb-book\nroot: intro\nparts:\n  - caption: Recurrent networks\n"
        "    chapters:\n      - file: chapters/01/a\n"
    )
    (tmp_path / "intro.md").write_text("# The book\n\nIt teaches RNNs.\n")
    badge = "[![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)]"
    url = "(https://colab.research.google.com/github/OWNER/rnn-book/blob/main/chapters/01/a.ipynb)"
    nb = {
        "cells": [
            {"cell_type": "markdown", "metadata": {}, "source": f"# Cells\n\n{badge}{url}\n"},
            {
                "cell_type": "code",
                "execution_count": 1,
                "metadata": {"tags": ["setup"]},
                "outputs": [{"name": "stdout", "output_type": "stream", "text": "3\n"}],
                "source": "# A comment stays English\nprint(1 + 2)",
            },
            {"cell_type": "markdown", "metadata": {}, "source": "A cell keeps its state."},
        ],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    page = tmp_path / "chapters" / "01" / "a.ipynb"
    page.parent.mkdir(parents=True)
    page.write_text(json.dumps(nb))
    monkeypatch.setattr(i18n, "ROOT", tmp_path)
    monkeypatch.setattr(i18n, "theme_strings", lambda: [])  # the real theme's: tested below
    return tmp_path


TITLE = "Recurrent Neural Networks in NumPy, TensorFlow and PyTorch"
KOREAN = {
    TITLE: "NumPy, TensorFlow, PyTorch로 배우는 순환 신경망",
    "The RNN book authors": "RNN 책 저자들",
    "Recurrent networks": "순환 신경망",
    "The book": "이 책",
    "It teaches RNNs.": "RNN을 가르칩니다.",
    "Cells": "셀",
    "A cell keeps its state.": "셀은 상태를 유지합니다.",
}


def translate_all(name):
    rows = json.loads(i18n.export(name))
    for row in rows:
        row["msgstr"] = KOREAN[row["msgid"]]
    return i18n.import_(name, rows)


def test_life_cycle_of_a_catalog_and_its_twin(tiny):
    assert sorted(i18n.update()) == ["_book", "_theme", "chapters/01/a", "intro"]
    assert i18n.update() == []  # nothing changed: the files are left as they are
    problems = i18n.problems()
    assert any("chapters/01/a.po: 'Cells': untranslated" in p for p in problems)

    assert [translate_all(name) for name in ("_book", "intro", "chapters/01/a")] == [3, 2, 2]
    i18n.build()
    assert i18n.problems() == []
    english = json.loads((tiny / "chapters/01/a.ipynb").read_text())
    twin = json.loads((tiny / "ko/chapters/01/a.ipynb").read_text())
    # Code cells and their outputs identical; prose translated; the badge opens the twin.
    assert twin["cells"][1] == english["cells"][1]
    assert "".join(twin["cells"][2]["source"]) == "셀은 상태를 유지합니다."
    assert "/blob/main/ko/chapters/01/a.ipynb)" in "".join(twin["cells"][0]["source"])
    assert (tiny / "ko/intro.md").read_text() == "# 이 책\n\nRNN을 가르칩니다.\n"
    config = (tiny / "ko/_config.yml").read_text()
    assert "title: NumPy, TensorFlow, PyTorch로 배우는 순환 신경망" in config
    assert "language: ko" in config and "path_to_book: ko" in config
    assert "caption: 순환 신경망" in (tiny / "ko/_toc.yml").read_text()

    # An English edit: the message turns fuzzy, keeping the old translation and the old English.
    page = tiny / "chapters/01/a.ipynb"
    nb = json.loads(page.read_text())
    nb["cells"][2]["source"] = "A cell keeps its hidden state."
    page.write_text(json.dumps(nb))
    assert i18n.update() == ["chapters/01/a"]
    message = i18n.read("chapters/01/a").get("A cell keeps its hidden state.")
    assert message.fuzzy and message.string == "셀은 상태를 유지합니다."
    po = (tiny / "locales/ko/LC_MESSAGES/chapters/01/a.po").read_text()
    assert '#| msgid "A cell keeps its state."\nmsgid "A cell keeps its hidden state."' in po
    assert message.previous_id == ["A cell keeps its state."]  # read back, and kept by
    i18n.write("chapters/01/a", i18n.read("chapters/01/a"))  # a rewrite (import, update)
    assert (tiny / "locales/ko/LC_MESSAGES/chapters/01/a.po").read_text() == po
    problems = i18n.problems()
    assert any("fuzzy (the English changed)" in p for p in problems)
    assert any(p.startswith("ko/chapters/01/a.ipynb: not what the catalogs make") for p in problems)
    # A fuzzy translation is not used: the twin shows the English until someone checks it.
    i18n.build()
    assert "".join(
        json.loads((tiny / "ko/chapters/01/a.ipynb").read_text())["cells"][2]["source"]
    ) == ("A cell keeps its hidden state.")
    rows = [{"msgid": "A cell keeps its hidden state.", "msgstr": "셀은 은닉 상태를 유지합니다."}]
    assert i18n.import_("chapters/01/a", rows) == 1
    assert "#|" not in (tiny / "locales/ko/LC_MESSAGES/chapters/01/a.po").read_text()
    i18n.build()
    assert i18n.problems() == []


def test_a_translation_that_drops_code_is_reported(tiny):
    i18n.update()
    for name in ("_book", "intro", "chapters/01/a"):
        translate_all(name)
    i18n.import_("intro", [{"msgid": "It teaches RNNs.", "msgstr": "`RNN`을 가르칩니다."}])
    i18n.build()
    assert [p for p in i18n.problems() if "must keep" in p] == [
        "locales/ko/LC_MESSAGES/intro.po: 'It teaches RNNs.': the translation must keep [], "
        "has ['`RNN`']"
    ]


def test_import_rejects_a_message_the_catalog_does_not_have(tiny):
    i18n.update()
    with pytest.raises(ValueError, match=r"intro: no message 'Not in the page' \(run make"):
        i18n.import_("intro", [{"msgid": "Not in the page", "msgstr": "없음"}])


def test_the_theme_catalog_holds_the_themes_words():
    words = i18n.theme_strings()
    assert {"Skip to main content", "On this page", "Search this book..."} <= set(words)
    assert i18n.protected("Edit on %(provider)s") == ["%(provider)s"]


def test_usage(capsys):
    assert i18n.main(["translate"]) == 2
    assert "usage: python -m tools.i18n update | build | check" in capsys.readouterr().err
