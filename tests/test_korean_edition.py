"""The Korean edition (tools/i18n.py): complete, in step with the English, and Korean.

Every catalog under locales/ko is complete (no untranslated or fuzzy message), every Korean
twin under ko/ is what the catalogs make of its English page (code and outputs identical), the
Korean prose uses the glossary's terms in 합니다체, and in the built book every page of each
edition links to the same page of the other. The browser test (test_browser.py) runs the tabs,
their persistence and the JavaScript-error checks over the Korean pages too.
"""

import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from posixpath import normpath

import pytest

import tools.i18n as i18n

ROOT = Path(__file__).resolve().parent.parent
HTML = ROOT / "_build" / "html"
PAGES = i18n.pages()
NOTEBOOKS = [p for p in PAGES if p.suffix == ".ipynb"]
MESSAGES_DIR = ROOT / "locales" / "ko" / "LC_MESSAGES"
CATALOGS = sorted(MESSAGES_DIR.rglob("*.po"))
HANGUL = re.compile(r"[\uac00-\ud7a3]")


def test_catalogs_are_complete_and_in_step_and_ko_is_what_they_make():
    found = i18n.problems()
    assert not found, f"{len(found)} problems (make translations, then translate):\n" + "\n".join(
        found[:30]
    )


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext's msgfmt not installed")
def test_msgfmt_finds_every_catalog_valid_and_fully_translated():
    assert len(CATALOGS) == len(PAGES) + 2  # one per page, _book.po and _theme.po
    for path in CATALOGS:
        run = subprocess.run(
            ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(path)],
            capture_output=True,
            text=True,
        )
        assert run.returncode == 0, f"{path}: {run.stderr}"
        assert re.fullmatch(r"\d+ translated messages?\.\n", run.stderr), f"{path}: {run.stderr}"


def load(path):
    return json.loads(path.read_text())


@pytest.mark.parametrize("page", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_every_notebook_has_a_korean_twin_with_the_same_code_and_outputs(page):
    rel = page.relative_to(ROOT)
    english, korean = load(page), load(ROOT / "ko" / rel)
    assert [c["cell_type"] for c in korean["cells"]] == [c["cell_type"] for c in english["cells"]]
    for n, (e, k) in enumerate(zip(english["cells"], korean["cells"])):
        if e["cell_type"] == "code":
            assert k == e, f"{rel} cell {n}: code or outputs differ from the English"
        else:
            assert k["metadata"] == e["metadata"] and k.get("id") == e.get("id"), n
    assert korean["metadata"] == english["metadata"]
    first = "".join(korean["cells"][0]["source"])
    assert f"/ko/{rel.as_posix()})" in first, f"ko/{rel}: its Colab badge must open the twin"


def korean_messages():
    """(catalog, msgid, msgstr) of every translated message."""
    for path in CATALOGS:
        name = path.relative_to(MESSAGES_DIR).with_suffix("").as_posix()
        for message in i18n.read(name):
            if message.id and message.string:
                yield name, message.id, message.string


def prose_only(text):
    """A message without its code, math, roles and links: the words a reader reads."""
    text = i18n.ROLE.sub(" ", text)
    text = i18n.CODE.sub(" ", text)
    text = i18n.MATH.sub(" ", text)
    return i18n.LINK.sub("]", text)


def glossary_alternatives():
    """The Korean terms the glossary lists after "Also:": used elsewhere, not in the book."""
    text = (ROOT / "appendices" / "glossary.md").read_text()
    return sorted({t.strip() for m in re.findall(r"Also: ([^|.;]+)", text) for t in m.split(",")})


def test_korean_prose_uses_the_glossarys_terms_only():
    alternatives = glossary_alternatives()
    assert "기울기" in alternatives  # the glossary's own example (gradient = 그레이디언트)
    used = [
        (name, alt, english[:50])
        for name, english, korean in korean_messages()
        if name != "appendices/glossary"  # whose rows name the alternatives
        for alt in alternatives
        if alt in prose_only(korean)
    ]
    assert not used, f"terms the glossary rules out: {used[:10]}"


def test_korean_prose_is_korean_in_the_formal_style():
    plain, english_only = [], []
    for name, _, korean in korean_messages():
        words = prose_only(korean)
        # 합니다체: a sentence that ends in 다 ends in 니다 (합니다, 입니다, 습니다) or,
        # inviting the reader, 시다 (봅시다), not in the plain style's 한다, 이다, 있다.
        plain += [(name, m.group(0)) for m in re.finditer(r"\S*[^니시\s]다\.(?=\s|$)", words)]
        # A message left in English (a citation keeps its English title but not only that).
        if len(re.findall(r"[A-Za-z]", words)) > 40 and not HANGUL.search(words):
            english_only.append((name, korean[:60]))
    assert not plain, f"plain-style endings (write 합니다체): {plain[:15]}"
    assert not english_only, f"messages left in English: {english_only[:10]}"


# ----------------------------------------------------------------------- the built editions


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.language_links, self.alternates, self.lang = [], [], None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        if tag == "a" and "language-link" in (a.get("class") or ""):
            self.language_links.append(a["href"])
        if tag == "link" and a.get("rel") == "alternate" and a.get("hreflang"):
            self.alternates.append(a["href"])


def parse(path):
    links = Links()
    links.feed(path.read_text(encoding="utf-8"))
    return links


@pytest.fixture(scope="module")
def built():
    if not (HTML / "ko" / "index.html").is_file():
        pytest.fail(f"{HTML / 'ko' / 'index.html'} is missing: build the book with `make book`")
    return HTML


def test_every_page_links_to_the_same_page_in_the_other_edition(built):
    english = sorted(p for p in built.rglob("*.html") if "ko" not in p.relative_to(built).parts[:1])
    english = [
        p
        for p in english
        if not p.relative_to(built).parts[0].startswith("_")  # _static, _sources
        and 'http-equiv="Refresh"' not in p.read_text(encoding="utf-8")  # index.html -> intro
    ]
    assert len(english) >= len(PAGES) + 2  # every page, the search page and the index
    for page in english:
        rel = page.relative_to(built).as_posix()
        links = parse(page)
        assert links.lang == "en", rel
        assert len(links.language_links) == 1, f"{rel}: {links.language_links}"
        href = links.language_links[0]
        assert links.alternates == [href], rel
        twin = normpath(f"{Path(rel).parent.as_posix()}/{href}")
        assert twin == f"ko/{rel}", f"{rel} links to {twin}"
        back = parse(built / twin)
        assert back.lang == "ko", twin
        assert normpath(f"{Path(twin).parent.as_posix()}/{back.language_links[0]}") == rel


def test_korean_pages_show_korean_text_and_the_themes_korean_strings(built):
    for page in PAGES:
        rel = page.relative_to(ROOT).with_suffix(".html").as_posix()
        html = (built / "ko" / rel).read_text(encoding="utf-8")
        main = re.search(r"<main.*?</main>", html, re.S).group(0)
        text = re.sub(r"<(script|style|pre)\b.*?</\1>|<[^>]+>", " ", main, flags=re.S)
        letters = re.findall(r"[A-Za-z\uac00-\ud7a3]", text)
        share = sum(bool(HANGUL.match(c)) for c in letters) / len(letters)
        assert share > 0.3, f"ko/{rel}: only {share:.0%} of its letters are Korean"
        # Markup that did not render: CommonMark closes ** only where the next character
        # allows it, which Korean particles right after ) or ` can break.
        stray = re.findall(r".{0,20}(?:\*\*|\{doc\}|\{ref\}|\$\$).{0,20}", text)
        assert not stray, f"ko/{rel}: markup shown as text: {stray[:5]}"
        # The themes' words: Sphinx's and sphinx-book-theme's own Korean, and the book's for
        # pydata-sphinx-theme and Jupyter Book's search box (_theme.po, _ext/theme_locale.py).
        for words in ("검색", "본문으로 건너뛰기", "이 책에서 검색..."):
            assert words in html, f"ko/{rel}: the theme's {words!r} is missing"
        for words in ("Skip to main content", "Search this book", "On this page"):
            assert words not in html, f"ko/{rel}: the theme's {words!r} in English"
