"""The Korean edition: gettext catalogs of the book's prose, and the Korean twin of every page.

English is the source. Each page's prose is cut into messages, one per paragraph, list item,
heading, table row and admonition title, and kept in a gettext catalog per page,
`locales/ko/LC_MESSAGES/<page>.po` (the page's path without its suffix; `_book.po` holds the
book's title and the captions of `_toc.yml`). Code, math blocks, labels and directive options
are not messages: they are copied. From the catalogs this tool writes the Korean source tree
`ko/`: the same pages under the same names, prose translated, code cells and their stored
outputs identical, each notebook's Colab badge pointing at its Korean twin. `make book` builds
the English book from the repository root and the Korean one from `ko/`.

    python -m tools.i18n update    (make translations) new and changed English prose into the
                                    catalogs: new messages empty, changed ones fuzzy, with the
                                    old translation and the old English (#| msgid) to compare
    python -m tools.i18n build     write ko/ from the English pages and the catalogs
    python -m tools.i18n export NAME   the messages of catalog NAME (e.g. chapters/01_memory_cells/
                                    index) as JSON, [{"msgid": ..., "msgstr": ...}, ...]
    python -m tools.i18n import NAME FILE   set translations from such a JSON file (an empty
                                    msgstr leaves a message as it is; a set one clears fuzzy)
    python -m tools.i18n check     exit non-zero, saying what, when a catalog is out of step
                                    with its page, a message is untranslated or fuzzy, a
                                    translation drops code, math, a link or a table cell of its
                                    English, or ko/ differs from what `build` writes

Why this and not Sphinx's gettext builder (`sphinx-intl`): Sphinx translates the doctree it
builds, so its catalogs can make a Korean HTML book but not Korean notebooks; a Korean reader
opening a chapter in Colab would meet English. Cutting the MyST source into messages gives one
set of catalogs for both: the Korean HTML book is built from the very notebooks a Korean reader
opens. The catalogs are ordinary gettext files (read and written with Babel, which Sphinx
already needs), so translators' tools, `msgfmt --statistics` and `msgmerge`-style fuzzy
matching all work on them.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path

import yaml
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LANG = "ko"
#: A fixed date in every catalog header, so that an update changes a catalog only when its
#: messages change.
EPOCH = datetime(2026, 1, 1, tzinfo=UTC)
#: Directives whose content is code or math, copied as is.
VERBATIM = {"code-cell", "code", "code-block", "math", "raw", "eval-rst", "tableofcontents"}
#: Directives whose argument is a title to translate (others' arguments are paths or names).
TITLED = {"admonition", "dropdown", "topic", "sidebar"}

FENCE = re.compile(r"^(\s*)(`{3,}|~{3,}|:{3,})\s*(?:\{([\w:-]+)\})?\s*(.*)$")
OPTION = re.compile(r"^\s*:[\w-]+:")
LABEL = re.compile(r"^\s*\([\w-]+\)=\s*$")
HEADING = re.compile(r"^(\s*#{1,6}\s+)(.*)$")
ITEM = re.compile(r"^(\s*)([-*+]|\d+[.)])(\s+)(.*)$")
TABLE_RULE = re.compile(r"^\s*\|[\s|:-]+\|\s*$")
BADGE = re.compile(r"\[!\[Open In Colab\]\([^)]*\)\]\([^)]*\)")


@dataclass
class Piece:
    """Part of a page: `lines` copied as they are (msgid None), or a message and its layout."""

    lines: list[str]
    msgid: str | None = None
    render: Callable[[str], list[str]] | None = None


def _layout(first: str, rest: str) -> Callable[[str], list[str]]:
    """Lay out a message's text after `first`, its further lines indented by `rest`."""

    def render(text: str) -> list[str]:
        lines = text.split("\n")
        return [first + lines[0], *(rest + line for line in lines[1:])]

    return render


def _starts_block(line: str) -> bool:
    s = line.strip()
    return bool(
        not s
        or FENCE.match(line)
        or s.startswith(("$$", "|", "<!--"))
        or HEADING.match(line)
        or ITEM.match(line)
        or LABEL.match(line)
    )


def _message(lines: list[str], first: str, rest: str, text: str) -> Piece:
    if not prose(text):
        return Piece(lines)
    return Piece(lines, text, _layout(first, rest))


def pieces(text: str) -> list[Piece]:
    """Cut MyST markdown into pieces: prose messages and copied structure (see the module)."""
    lines = text.split("\n")
    out: list[Piece] = []
    i = 0
    while i < len(lines):
        line, s = lines[i], lines[i].strip()
        fence = FENCE.match(line)
        if not s or LABEL.match(line) or s.startswith("<!--") or BADGE.search(line):
            out.append(Piece([line]))
            i += 1
        elif fence:
            indent, marks, name, arg = fence.groups()
            close = next(
                (
                    j
                    for j in range(i + 1, len(lines))
                    if lines[j].strip().startswith(marks[0] * len(marks))
                    and not lines[j].strip().strip(marks[0])
                ),
                len(lines) - 1,
            )
            if name is None or name in VERBATIM:
                out.append(Piece(lines[i : close + 1]))
            else:
                head = f"{indent}{marks}{{{name}}} "
                if name in TITLED and arg:
                    out.append(_message([line], head, "", arg))
                else:
                    out.append(Piece([line]))
                k = i + 1
                while k < close and OPTION.match(lines[k]):
                    out.append(Piece([lines[k]]))
                    k += 1
                out.extend(pieces("\n".join(lines[k:close])) if k < close else [])
                out.append(Piece([lines[close]]))
            i = close + 1
        elif s.startswith("$$"):
            end = i
            if not (len(s) > 2 and s.endswith("$$")):
                end = next(
                    (j for j in range(i + 1, len(lines)) if lines[j].rstrip().endswith("$$")), i
                )
            out.append(Piece(lines[i : end + 1]))
            i = end + 1
        elif s.startswith("|"):
            indent = line[: len(line) - len(line.lstrip())]
            if TABLE_RULE.match(line):
                out.append(Piece([line]))
            else:
                out.append(_message([line], indent, indent, s))
            i += 1
        elif heading := HEADING.match(line):
            out.append(_message([line], heading.group(1), "", heading.group(2).strip()))
            i += 1
        else:
            item = ITEM.match(line)
            j = i + 1
            while j < len(lines) and not _starts_block(lines[j]):
                j += 1
            block = lines[i:j]
            text = " ".join(x.strip() for x in block)
            if item:
                indent, marker, space, first = item.groups()
                text = " ".join([first.strip(), *(x.strip() for x in block[1:])])
                lead = f"{indent}{marker}{space}"
                out.append(_message(block, lead, " " * len(lead), text))
            else:
                indent = line[: len(line) - len(line.lstrip())]
                out.append(_message(block, indent, indent, text))
            i = j
    return out


# Inline parts a translation must carry unchanged: roles with their targets, code, math, links.
ROLE = re.compile(r"\{([\w:-]+)\}`([^`]*)`")
CODE = re.compile(r"(?<![}`])(`+)([^`].*?)\1(?!`)")
MATH = re.compile(r"(?<![\\$])\$(?!\s)([^$]+?)(?<![\s\\])\$(?!\$)")
LINK = re.compile(r"\]\(([^)\s]+)\)")


def _role_target(name: str, body: str) -> str:
    target = re.search(r"<([^>]+)>\s*$", body)
    return f"{{{name}}}{(target.group(1) if target else body).strip()}"


def protected(text: str) -> list[str]:
    """The inline parts of a message that its translation must keep, sorted."""
    parts = [_role_target(*m.groups()) for m in ROLE.finditer(text)]
    rest = ROLE.sub(" ", text)
    parts += [m.group(0) for m in CODE.finditer(rest)]
    rest = CODE.sub(" ", rest)
    parts += [f"${m.group(1).strip()}$" for m in MATH.finditer(rest)]
    parts += [f"]({m.group(1)})" for m in LINK.finditer(text)]
    parts += re.findall(r"%\(\w+\)s", text)  # the theme's placeholders
    if text.lstrip().startswith("|"):
        bars = len(re.findall(r"(?<!\\)\|", rest))
        parts.append(f"{bars} table bars")
    return sorted(parts)


def stray_markup(text: str) -> int:
    """How many `*` and `_` a reader would see: emphasis markup that CommonMark leaves as text.

    (In Korean this happens where a particle follows the closing `**` of a phrase that ends in
    punctuation: `**(6, 4)**인` does not close, since `)` then a letter is not right-flanking.)
    """
    from markdown_it import MarkdownIt  # myst-parser's parser

    rest = MATH.sub(" ", ROLE.sub(" ", text))
    html = MarkdownIt("commonmark").render(rest)
    html = re.sub(r"<code>.*?</code>|<[^>]+>", " ", html, flags=re.S)
    return html.count("*") + len(re.findall(r"(?<![\w])_|_(?![\w])", html))


def prose(text: str) -> bool:
    """True when a message holds words to translate (not only code, math or references)."""
    rest = CODE.sub(" ", ROLE.sub(lambda m: " " if "<" not in m.group(2) else m.group(2), text))
    rest = LINK.sub("]", MATH.sub(" ", rest))
    return bool(re.search(r"[A-Za-z]{2,}", rest))


def messages(text: str) -> list[str]:
    """The messages of a page's markdown, in order (repeats kept)."""
    return [p.msgid for p in pieces(text) if p.msgid is not None]


def translate(text: str, lookup: Callable[[str], str]) -> str:
    """The page's markdown with each message replaced by lookup(message)."""
    out: list[str] = []
    for piece in pieces(text):
        out += piece.lines if piece.msgid is None else piece.render(lookup(piece.msgid))
    return "\n".join(out)


# ---------------------------------------------------------------- the pages and their catalogs


def pages() -> list[Path]:
    """Every page of the book (from _toc.yml), notebooks and markdown, in reading order."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    files = [toc["root"]]

    def walk(entries):
        for entry in entries or []:
            if "file" in entry:
                files.append(entry["file"])
            walk(entry.get("sections"))
            walk(entry.get("chapters"))

    for part in toc.get("parts", []):
        walk(part.get("chapters"))
    found = []
    for name in files:
        matches = [ROOT / f"{name}{suffix}" for suffix in (".ipynb", ".md")]
        found.append(next(p for p in matches if p.is_file()))
    return found


BOOK = "_book"  # the catalog of the title (_config.yml) and the part captions (_toc.yml)
#: The catalog of the theme's own words (navigation, search) that neither Sphinx nor the
#: themes translate into Korean: pydata-sphinx-theme ships no Korean catalog. _ext/theme_locale.py
#: compiles it into the Korean build.
THEME = "_theme"
#: Theme words outside pydata-sphinx-theme's template catalog: Jupyter Book's search box text.
THEME_EXTRA = ["Search this book..."]


def theme_strings() -> list[str]:
    """The msgids of pydata-sphinx-theme's template catalog (sphinx.pot), and THEME_EXTRA."""
    import pydata_sphinx_theme

    pot = Path(pydata_sphinx_theme.__file__).parent / "locale" / "sphinx.pot"
    with pot.open("rb") as f:
        ids = [m.id for m in read_po(f) if m.id and isinstance(m.id, str)]
    return [*ids, *THEME_EXTRA]


def book_strings() -> list[str]:
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    captions = [part["caption"] for part in toc.get("parts", [])]
    return [config["title"], config["author"], *captions]


def catalog_path(name: str) -> Path:
    return ROOT / "locales" / LANG / "LC_MESSAGES" / f"{name}.po"


def page_messages(page: Path) -> list[tuple[str, tuple[str, int]]]:
    """(message, (page, cell or 0)) for each message of a page, in order."""
    rel = page.relative_to(ROOT).as_posix()
    if page.suffix == ".ipynb":
        nb = json.loads(page.read_text())
        return [
            (m, (rel, n))
            for n, cell in enumerate(nb["cells"])
            if cell["cell_type"] == "markdown"
            for m in messages(_source(cell))
        ]
    return [(m, (rel, 0)) for m in messages(page.read_text())]


def _source(cell) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def catalogs() -> dict[str, list[tuple[str, tuple[str, int]]]]:
    """Catalog name -> its messages with their locations, in page order."""
    found = {
        BOOK: [(s, ("_config.yml/_toc.yml", 0)) for s in book_strings()],
        THEME: [(s, ("pydata_sphinx_theme/locale/sphinx.pot", 0)) for s in theme_strings()],
    }
    for page in pages():
        found[page.relative_to(ROOT).with_suffix("").as_posix()] = page_messages(page)
    return found


def _template(entries) -> Catalog:
    template = Catalog(locale=None, project="rnn-book", creation_date=EPOCH, fuzzy=False)
    for msgid, location in entries:
        if msgid in template:
            template[msgid].locations.append(location)
        else:
            template.add(msgid, locations=[location])
    return template


def _previous_ids(text: str) -> dict[str, str]:
    """msgid -> the English it had before (`#| msgid`), which Babel's reader drops."""
    from babel.messages.pofile import denormalize

    found = {}
    for block in text.split("\n\n"):
        lines = block.splitlines()
        old = [x[3:] for x in lines if x.startswith("#| ")]
        if not old:
            continue
        start = next(i for i, x in enumerate(lines) if x.startswith("msgid "))
        end = next(i for i, x in enumerate(lines) if x.startswith("msgstr"))
        msgid = denormalize("\n".join([lines[start][6:], *lines[start + 1 : end]]))
        found[msgid] = denormalize("\n".join([old[0][6:], *old[1:]]))
    return found


def read(name: str) -> Catalog:
    path = catalog_path(name)
    if not path.is_file():
        return Catalog(locale=LANG, project="rnn-book", creation_date=EPOCH, fuzzy=False)
    with path.open("rb") as f:
        catalog = read_po(f, locale=LANG)
    for message in catalog:  # Babel reads `#| msgid` as a comment "| msgid": it is not one
        message.user_comments = [c for c in message.user_comments if not c.startswith("| ")]
    for msgid, previous in _previous_ids(path.read_text()).items():
        if msgid in catalog and catalog[msgid].fuzzy:
            catalog[msgid].previous_id = [previous]
    return catalog


HEADER = """\
# Korean translation of the RNN book (rnn-book): the prose of one page.
# English is the source; `make translations` updates this file after English edits."""


def _po_bytes(catalog: Catalog) -> bytes:
    catalog.header_comment = HEADER
    for message in catalog:
        # Babel flags any message with a % as a Python format string; prose is not one, and
        # msgfmt --check would then reject "80%" translated as "80%가".
        message.flags.discard("python-format")
    catalog.revision_date = EPOCH
    catalog.creation_date = EPOCH
    catalog.last_translator = "The RNN book authors"
    catalog.language_team = "Korean"
    catalog.fuzzy = False
    buf = BytesIO()
    write_po(buf, catalog, width=100, ignore_obsolete=True, include_previous=True)
    return buf.getvalue()


def update() -> list[str]:
    """Merge each page's current messages into its catalog; the names of catalogs changed."""
    changed = []
    for name, entries in catalogs().items():
        catalog = read(name)
        catalog.update(_template(entries), no_fuzzy_matching=False, update_header_comment=False)
        path = catalog_path(name)
        if not path.is_file() or path.read_bytes() != _po_bytes(catalog):
            write(name, catalog)
            changed.append(name)
    return changed


def write(name: str, catalog: Catalog) -> None:
    path = catalog_path(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_po_bytes(catalog))


def export(name: str) -> str:
    """The messages of one catalog as JSON, for a translator."""
    rows = [{"msgid": m.id, "msgstr": m.string, "fuzzy": m.fuzzy} for m in read(name) if m.id]
    return json.dumps(rows, ensure_ascii=False, indent=1)


def import_(name: str, rows: list[dict]) -> int:
    """Set the translations in `rows` (see export); the number of messages changed."""
    catalog = read(name)
    changed = 0
    for row in rows:
        message = catalog.get(row["msgid"])
        if message is None:
            raise ValueError(f"{name}: no message {row['msgid'][:60]!r} (run make translations?)")
        if row.get("msgstr") and (row["msgstr"] != message.string or message.fuzzy):
            message.string = row["msgstr"]
            message.flags.discard("fuzzy")
            message.previous_id = []
            changed += 1
    write(name, catalog)
    return changed


def lookup_for(catalog: Catalog) -> Callable[[str], str]:
    """msgid -> its translation; the English where there is none (or only a fuzzy one)."""

    def lookup(msgid: str) -> str:
        message = catalog.get(msgid)
        if message is None or not message.string or message.fuzzy:
            return msgid
        return message.string

    return lookup


# ---------------------------------------------------------------- the Korean source tree

OUT = "ko"
#: What the Korean book's _config.yml adds to (or replaces in) the English one.
KO_SPHINX = {
    "language": "ko",
    # The English book's _static (tabs.css, tabs.js), one level up.
    "html_static_path": ["../_static"],
    "html_css_files": ["tabs.css"],
    "html_js_files": ["tabs.js"],
    "language_link": {"href_root": "../", "label": "English", "lang": "en"},
}


def korean_badge(text: str, rel: str) -> str:
    """Point a notebook's Colab badge at its Korean twin (ko/<rel>)."""
    return BADGE.sub(lambda m: m.group(0).replace(f"/{rel})", f"/{OUT}/{rel})"), text)


def twin_notebook(page: Path, lookup) -> str:
    nb = json.loads(page.read_text())
    rel = page.relative_to(ROOT).as_posix()
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            text = korean_badge(translate(_source(cell), lookup), rel)
            cell["source"] = text.splitlines(keepends=True)
    return json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def korean_config() -> str:
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    book = lookup_for(read(BOOK))
    config["title"], config["author"] = book(config["title"]), book(config["author"])
    config["repository"]["path_to_book"] = OUT
    sphinx = config.setdefault("sphinx", {})
    sphinx.setdefault("config", {}).update(KO_SPHINX)
    sphinx["local_extensions"] = {
        name: f"../{path}" for name, path in (sphinx.get("local_extensions") or {}).items()
    }
    head = (
        "# Written by `python -m tools.i18n build` (make translations) from ../_config.yml and\n"
        "# locales/ko/LC_MESSAGES/_book.po: edit those, not this file.\n"
    )
    return head + yaml.safe_dump(config, allow_unicode=True, sort_keys=False)


def korean_toc() -> str:
    text = (ROOT / "_toc.yml").read_text()
    book = lookup_for(read(BOOK))
    toc = yaml.safe_load(text)
    for part in toc.get("parts", []):
        part["caption"] = book(part["caption"])
    head = "# Written by `python -m tools.i18n build` from ../_toc.yml: edit that, not this file.\n"
    return head + yaml.safe_dump(toc, allow_unicode=True, sort_keys=False)


def korean_tree() -> dict[str, str]:
    """Path under ko/ -> text, for every file of the Korean source tree."""
    tree = {"_config.yml": korean_config(), "_toc.yml": korean_toc()}
    for page in pages():
        rel = page.relative_to(ROOT).as_posix()
        lookup = lookup_for(read(page.relative_to(ROOT).with_suffix("").as_posix()))
        if page.suffix == ".ipynb":
            tree[rel] = twin_notebook(page, lookup)
        else:
            tree[rel] = translate(page.read_text(), lookup)
    return tree


def build() -> list[str]:
    """Write ko/ (and remove files no page makes any more); the paths written."""
    tree = korean_tree()
    out = ROOT / OUT
    written = []
    for rel, text in tree.items():
        path = out / rel
        if not path.is_file() or path.read_text() != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)
            written.append(rel)
    for path in sorted(out.rglob("*")) if out.is_dir() else []:
        if path.is_file() and path.relative_to(out).as_posix() not in tree:
            if path.suffix in (".ipynb", ".md", ".yml"):
                path.unlink()
                written.append(f"{path.relative_to(out).as_posix()} (removed)")
    return written


# ---------------------------------------------------------------- checks


def problems() -> list[str]:
    """Everything that keeps the Korean edition from being complete and in step (empty: none)."""
    found = []
    for name, entries in catalogs().items():
        path = catalog_path(name).relative_to(ROOT)
        catalog = read(name)
        wanted = {msgid for msgid, _ in entries}
        have = {m.id for m in catalog if m.id}
        if wanted != have:
            missing, extra = len(wanted - have), len(have - wanted)
            found.append(
                f"{path}: out of step with its page ({missing} new, {extra} gone): "
                "run make translations"
            )
        for message in catalog:
            if not message.id:
                continue
            where = f"{path}: {message.id[:60]!r}"
            if message.fuzzy:
                found.append(f"{where}: fuzzy (the English changed): check the translation")
            elif not message.string:
                found.append(f"{where}: untranslated")
            elif stray_markup(message.string) > stray_markup(message.id):
                found.append(f"{where}: emphasis markup that does not render (see stray_markup)")
            elif protected(message.id) != protected(message.string):
                found.append(
                    f"{where}: the translation must keep {protected(message.id)}, "
                    f"has {protected(message.string)}"
                )
    for rel, text in korean_tree().items():
        path = ROOT / OUT / rel
        if not path.is_file() or path.read_text() != text:
            found.append(f"{OUT}/{rel}: not what the catalogs make: run make translations")
    return found


USAGE = "usage: python -m tools.i18n update | build | check | export NAME | import NAME FILE"


def main(argv: list[str]) -> int:
    if argv == ["update"]:
        for name in update():
            print(f"updated {catalog_path(name).relative_to(ROOT)}")
    elif argv == ["build"]:
        for rel in build():
            print(f"wrote {OUT}/{rel}")
    elif len(argv) == 2 and argv[0] == "export":
        print(export(argv[1]))
    elif len(argv) == 3 and argv[0] == "import":
        changed = import_(argv[1], json.loads(Path(argv[2]).read_text()))
        print(f"{argv[1]}: {changed} translations set")
    elif argv == ["check"]:
        found = problems()
        for line in found:
            print(line)
        return 1 if found else 0
    else:
        print(USAGE, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
