"""Sphinx extension: the theme's own words (navigation, search box) in the book's language.

Sphinx and sphinx-book-theme ship Korean catalogs, but pydata-sphinx-theme, whose templates
write "Skip to main content", "On this page", "Back to top" and the like, ships none, and
Jupyter Book sets the search box's text ("Search this book...") as a theme option. The book
keeps Korean for those in `locales/<language>/LC_MESSAGES/_theme.po` (made and checked by
tools/i18n.py with the rest of the catalogs). For a build whose `language` has such a
catalog, this compiles it into the build's doctree folder and adds it to Sphinx's "sphinx"
catalog, after the ones Sphinx and the themes bring (so theirs win where both translate a
word), and translates the search box's text. A build in English is left alone.
"""

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

CATALOGS = Path(__file__).resolve().parent.parent / "locales"


def _search_text(app, config):
    from sphinx.locale import get_translation

    options = config.html_theme_options
    text = options.get("search_bar_text")
    if text:
        options["search_bar_text"] = get_translation("sphinx")(text)


def setup(app):
    language = app.config.language
    po = CATALOGS / str(language) / "LC_MESSAGES" / "_theme.po"
    if language not in (None, "en") and po.is_file():
        out = Path(app.doctreedir) / "theme-locale"
        mo = out / language / "LC_MESSAGES" / "sphinx.mo"
        mo.parent.mkdir(parents=True, exist_ok=True)
        with po.open("rb") as f:
            catalog = read_po(f, locale=language)
        with mo.open("wb") as f:
            write_mo(f, catalog)
        app.add_message_catalog("sphinx", str(out))
        app.connect("config-inited", _search_text, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
