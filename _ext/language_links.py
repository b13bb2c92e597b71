"""Sphinx extension: a link on every page to the same page in the book's other language.

The English book is built into `_build/html/` and the Korean one into `_build/html/ko/`, page
for page under the same names. Each book's configuration says where the other lies, relative to
its own root, and how to label the link:

    language_link = {"href_root": "ko/", "label": "한국어", "lang": "ko"}    (English book)
    language_link = {"href_root": "../", "label": "English", "lang": "en"}  (Korean book)

Every page then gets a button in its header (before the theme's buttons) and a
`<link rel="alternate" hreflang=...>` in its head, both pointing at the other edition's page.
"""

from pathlib import Path

KEYS = {"href_root", "label", "lang"}


def _check(config) -> dict | None:
    link = config.language_link
    if link is None:
        return None
    if not isinstance(link, dict) or set(link) != KEYS:
        raise ValueError(f"language_link: expected a dict with keys {sorted(KEYS)}, got {link!r}")
    return link


def _configure(app, config):
    if _check(config) is None:
        return
    config.templates_path.append(str(Path(__file__).parent / "templates"))
    options = config.html_theme_options
    buttons = options.get("article_header_end", ["article-header-buttons.html"])
    if isinstance(buttons, str):
        buttons = [buttons]
    options["article_header_end"] = ["language-link.html", *buttons]


def _page(app, pagename, templatename, context, doctree):
    link = _check(app.config)
    if link is None:
        return
    href = "../" * pagename.count("/") + link["href_root"] + pagename + ".html"
    context["language_link"] = {**link, "href": href}
    context["metatags"] = (
        context.get("metatags", "")
        + f'\n<link rel="alternate" hreflang="{link["lang"]}" href="{href}" />'
    )


def setup(app):
    app.add_config_value("language_link", None, "html")
    app.connect("config-inited", _configure)
    app.connect("html-page-context", _page)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
