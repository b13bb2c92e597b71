"""Browser test of the framework tabs (_static/tabs.js) in the built HTML book, in both
editions (the Korean one under _build/html/ko), and of the links between the editions.

Drives headless Debian Chromium through the Playwright Python API
(``executable_path``; Playwright's own browser download is never used) against
``_build/html`` served on 127.0.0.1.  Build the book first with ``make book``.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import threading
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parent.parent
HTML_DIR = REPO / "_build" / "html"
STATIC_SRC = REPO / "_static"

LABELS = {"numpy": "NumPy", "tensorflow": "TensorFlow", "pytorch": "PyTorch"}
TAG_CLASS = re.compile(r"^tag_tab-(numpy|tensorflow|pytorch)$")
STORAGE_KEY = "rnn-book-framework"
TAGGED = "div.cell[class*='tag_tab-']"

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 10_000

# Uncaught errors we knowingly tolerate, matched on the exact message. None at present:
# _config.yml leaves out sphinx_thebe, whose inline script Sphinx 7.4 writes twice
# (`const THEBE_JS_URL` declared twice throws on every page).
KNOWN_TOOLCHAIN_ERRORS: set[str] = set()


# --------------------------------------------------------------------------- helpers


class _GroupFinder(HTMLParser):
    """Expected tab groups, read from the built HTML without any JavaScript.

    A group is a run of tagged cells that are adjacent element siblings; a
    framework repeating within a run starts a new group (as tabs.js does).
    """

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
    VOID |= {"track", "wbr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        # Open elements: (tag, [(document position, framework or None) of each child]).
        self._stack: list[tuple[str, list[tuple[int, str | None]]]] = [("", [])]
        self._count = 0
        self.groups: list[tuple[int, list[str]]] = []

    def _element(self, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        fw = None
        if "cell" in classes:
            fw = next((m.group(1) for c in classes if (m := TAG_CLASS.match(c))), None)
        self._stack[-1][1].append((self._count, fw))
        self._count += 1

    def handle_starttag(self, tag, attrs):
        self._element(attrs)
        if tag not in self.VOID:
            self._stack.append((tag, []))

    def handle_startendtag(self, tag, attrs):
        self._element(attrs)

    def handle_endtag(self, tag):
        # Close up to the matching open element (tolerates implicitly closed tags).
        if tag in self.VOID or all(t != tag for t, _ in self._stack[1:]):
            return
        while True:
            open_tag, children = self._stack.pop()
            self._collect(children)
            if open_tag == tag:
                break

    def close(self):
        super().close()
        while self._stack:
            self._collect(self._stack.pop()[1])
        self.groups.sort()

    def _collect(self, children: list[tuple[int, str | None]]) -> None:
        run: list[str] = []
        start = 0
        for pos, fw in children + [(-1, None)]:
            if run and (fw is None or fw in run):
                self.groups.append((start, run))
                run = []
            if fw is not None:
                if not run:
                    start = pos
                run.append(fw)


def expected_groups(html_file: Path) -> list[list[str]]:
    finder = _GroupFinder()
    finder.feed(html_file.read_text(encoding="utf-8"))
    finder.close()
    return [fws for _, fws in finder.groups]


def find_chromium() -> str | None:
    """RNN_BOOK_CHROMIUM (e.g. a CI runner's Chrome), else Debian's chromium, else None."""
    chosen = os.environ.get("RNN_BOOK_CHROMIUM")
    if chosen:
        if not os.access(chosen, os.X_OK):
            pytest.fail(f"RNN_BOOK_CHROMIUM={chosen}: expected an executable browser")
        return chosen
    found = shutil.which("chromium")
    if found:
        return found
    return "/usr/bin/chromium" if os.access("/usr/bin/chromium", os.X_OK) else None


class ErrorLog:
    """Collects JavaScript errors attributable to the book, per the policy below.

    * Console messages of type "error" count only when logged from one of our
      own scripts (a .js file in the repo's _static/, served as /_static/NAME).
      Other console errors are noise we do not own: the theme complaining about
      an empty stored theme mode, 404 for /favicon.ico, blocked CDN requests
      (MathJax, require.js, thebe), etc.
    * Uncaught exceptions ("pageerror") count wherever they happen, because
      they may break the page, unless (a) every URL in the stack trace is on a
      foreign origin, i.e. clearly a third-party script, or (b) the message is
      one of KNOWN_TOOLCHAIN_ERRORS.  An error without any stack URL cannot be
      attributed and therefore counts.
    """

    def __init__(self, origin: str) -> None:
        self.origin = origin
        self.own_paths = {
            f"{edition}/_static/{p.name}"
            for p in STATIC_SRC.glob("*.js")
            for edition in ("", "/ko")
        }
        self.errors: list[str] = []

    def attach(self, page) -> None:
        page.on("console", self._on_console)
        page.on("pageerror", self._on_pageerror)

    def _on_console(self, msg) -> None:
        if msg.type != "error":
            return
        url = (msg.location or {}).get("url") or ""
        if url.startswith(self.origin) and urlsplit(url).path in self.own_paths:
            self.errors.append(f"console.error from {url}: {msg.text}")

    def _on_pageerror(self, error) -> None:
        message = error.message
        if message in KNOWN_TOOLCHAIN_ERRORS:
            return
        stack = error.stack or ""
        urls = re.findall(r"(?:https?|file)://[^\s)]+", stack)
        if urls and not any(u.startswith(self.origin) for u in urls):
            return  # thrown entirely inside third-party code
        self.errors.append(f"uncaught {error.name}: {message}\n{stack}")

    def check(self) -> None:
        assert not self.errors, "JavaScript errors:\n" + "\n".join(self.errors)


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def html_dir() -> Path:
    if not (HTML_DIR / "index.html").is_file():
        pytest.fail(f"{HTML_DIR / 'index.html'} is missing: build the book first with `make book`")
    return HTML_DIR


@pytest.fixture(scope="module")
def tab_pages(html_dir: Path) -> dict[str, list[list[str]]]:
    """Built pages with framework tab groups: {relative path: expected groups}."""
    pages = {}
    for path in sorted(html_dir.rglob("*.html")):
        if "tag_tab-" in path.read_text(encoding="utf-8"):
            groups = expected_groups(path)
            if groups:
                pages[path.relative_to(html_dir).as_posix()] = groups
    if len(pages) < 2:
        pytest.fail(f"expected at least 2 built pages with tab-tagged cells, found {sorted(pages)}")
    return pages


@pytest.fixture(scope="module")
def base_url(html_dir: Path):
    class QuietHandler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format, *args):
            pass

    class QuietServer(http.server.ThreadingHTTPServer):
        def handle_error(self, request, client_address):
            pass  # e.g. BrokenPipe when the browser drops a request it no longer needs

    handler = functools.partial(QuietHandler, directory=str(html_dir))
    server = QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def browser(html_dir):
    # Depends on html_dir so that a missing build fails before a missing browser skips.
    executable = find_chromium()
    if executable is None:
        message = "Debian chromium not installed: apt-get install chromium"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message + " (a browser is required when CI=true)")
        pytest.skip(message)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_context(browser, base_url):
    """Factory for fresh browser contexts (own storage) that never leave 127.0.0.1."""
    contexts = []
    foreign = re.compile(r"^(?!" + re.escape(base_url) + r")https?://")

    def make(**kwargs):
        context = browser.new_context(**kwargs)
        context.set_default_timeout(TIMEOUT_MS)
        # The network is closed; fail CDN requests at once instead of waiting.
        context.route(foreign, lambda route: route.abort())
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


def open_page(context, url: str, log: ErrorLog | None = None):
    page = context.new_page()
    if log is not None:
        log.attach(page)
    page.goto(url, wait_until="domcontentloaded")
    return page


def pick_pages(tab_pages: dict[str, list[list[str]]]) -> tuple[str, str]:
    """Page A has groups with NumPy and PyTorch; page B is another page with PyTorch."""

    def has(page, fw):
        return any(fw in group for group in tab_pages[page])

    a_candidates = [p for p in tab_pages if has(p, "numpy") and has(p, "pytorch")]
    assert a_candidates, "no page has both NumPy and PyTorch tab cells"
    page_a = a_candidates[0]
    b_candidates = [p for p in tab_pages if p != page_a and has(p, "pytorch")]
    assert b_candidates, "need a second page with PyTorch tab cells"
    return page_a, b_candidates[0]


TABSET_STATE_JS = """() => [...document.querySelectorAll(".rnn-tabset")].map((ts) => {
  const tabs = [...ts.querySelectorAll(":scope > [role=tablist] > [role=tab]")];
  const panels = [...ts.querySelectorAll(":scope > [role=tabpanel]")];
  const tag = (el) => ([...el.classList].find((c) => c.startsWith("tag_tab-")) || "").slice(8);
  return {
    labels: tabs.map((t) => t.textContent.trim()),
    selected: tabs.map((t) => t.getAttribute("aria-selected") === "true"),
    controls: tabs.map((t) => t.getAttribute("aria-controls")),
    panel_ids: panels.map((p) => p.id),
    panel_fws: panels.map(tag),
    visible: panels.map((p) => p.checkVisibility()),
  };
})"""


def tabset_state(page) -> list[dict]:
    """Labels, selection and panel visibility of every tab set, in document order.

    One evaluate() call instead of dozens of locator round trips keeps this fast.
    """
    return page.evaluate(TABSET_STATE_JS)


def assert_shows(page, framework: str) -> None:
    """Every tab set shows `framework` if it has it, else its first tab; nothing else."""
    for i, ts in enumerate(tabset_state(page)):
        want = framework if framework in ts["panel_fws"] else ts["panel_fws"][0]
        shown = [fw for fw, vis in zip(ts["panel_fws"], ts["visible"]) if vis]
        assert shown == [want], f"tab set {i}: visible {shown}, expected [{want}]"
        selected = [LABELS[fw] for fw, sel in zip(ts["panel_fws"], ts["selected"]) if sel]
        assert selected == [LABELS[want]], f"tab set {i}: aria-selected on {selected}"


# --------------------------------------------------------------------------- tests


def test_tabs_render(new_context, base_url, tab_pages):
    """Every tab page: each group is one tab set with the right labels, one panel shown."""
    log = ErrorLog(base_url)
    assert log.own_paths, f"no .js files found in {STATIC_SRC}"
    page = new_context().new_page()
    log.attach(page)
    for rel, groups in tab_pages.items():
        page.goto(base_url + rel, wait_until="domcontentloaded")
        page.wait_for_selector(".rnn-tabset [role=tab]")

        # Every tagged cell ended up as a panel of some tab set.
        n_tagged = sum(len(g) for g in groups)
        assert page.locator(TAGGED).count() == n_tagged, rel
        assert page.locator(f".rnn-tabset > {TAGGED}[role=tabpanel]").count() == n_tagged, rel

        state = tabset_state(page)
        assert [ts["labels"] for ts in state] == [[LABELS[fw] for fw in g] for g in groups], rel
        for i, ts in enumerate(state):
            assert ts["panel_fws"] == groups[i], f"{rel} tab set {i}"
            assert ts["controls"] == ts["panel_ids"], f"{rel} tab set {i}: aria-controls"
            assert sum(ts["visible"]) == 1, f"{rel} tab set {i}: visible {ts['visible']}"
        assert_shows(page, "numpy")  # the default choice
    log.check()


def test_choice_switches_all_and_persists(new_context, base_url, tab_pages):
    page_a, page_b = pick_pages(tab_pages)
    log = ErrorLog(base_url)
    context = new_context()
    page = open_page(context, base_url + page_a, log)
    page.wait_for_selector(".rnn-tabset [role=tab]")

    page.get_by_role("tab", name="PyTorch", exact=True).first.click()
    assert_shows(page, "pytorch")
    assert page.evaluate(f"localStorage.getItem('{STORAGE_KEY}')") == "pytorch"

    # Same context, so same localStorage: page B opens on PyTorch.
    page.goto(base_url + page_b, wait_until="domcontentloaded")
    page.wait_for_selector(".rnn-tabset [role=tab]")
    assert_shows(page, "pytorch")

    # Keyboard: ArrowRight from the selected tab selects the next one everywhere.
    first = page.locator(".rnn-tabset").first
    tabs = first.get_by_role("tab")
    labels = tabs.all_inner_texts()
    current = first.locator("[role=tab][aria-selected=true]")
    before = current.inner_text()
    current.focus()
    page.keyboard.press("ArrowRight")
    nxt = labels[(labels.index(before) + 1) % len(labels)]
    assert_shows(page, {v: k for k, v in LABELS.items()}[nxt])
    assert page.evaluate("document.activeElement.textContent") == nxt
    log.check()


def test_storage_unavailable(new_context, base_url, tab_pages):
    """A localStorage that throws for our key must not break the tabs.

    Only our key is made to throw: the theme's own scripts read localStorage
    unguarded, and their failures are not what this test is about.
    """
    page_a, _ = pick_pages(tab_pages)
    log = ErrorLog(base_url)
    context = new_context()
    context.add_init_script(
        f"""for (const name of ["getItem", "setItem"]) {{
          const original = Storage.prototype[name];
          Storage.prototype[name] = function (key, ...rest) {{
            if (key === "{STORAGE_KEY}") throw new DOMException("denied", "SecurityError");
            return original.call(this, key, ...rest);
          }};
        }}"""
    )
    page = open_page(context, base_url + page_a, log)
    page.wait_for_selector(".rnn-tabset [role=tab]")
    assert_shows(page, "numpy")
    page.get_by_role("tab", name="PyTorch", exact=True).first.click()
    assert_shows(page, "pytorch")
    log.check()


def test_korean_pages_have_the_same_tab_groups(tab_pages):
    english = {rel: groups for rel, groups in tab_pages.items() if not rel.startswith("ko/")}
    assert english and {f"ko/{rel}": g for rel, g in english.items()} == {
        rel: groups for rel, groups in tab_pages.items() if rel.startswith("ko/")
    }


def test_language_link_keeps_the_framework_choice(new_context, base_url, tab_pages):
    """Choose PyTorch on an English page, follow its link to the Korean page: a Korean page,
    on PyTorch too (one origin, one localStorage), and its link leads back."""
    page_a, _ = pick_pages(tab_pages)
    log = ErrorLog(base_url)
    page = open_page(new_context(), base_url + page_a, log)
    page.wait_for_selector(".rnn-tabset [role=tab]")
    page.get_by_role("tab", name="PyTorch", exact=True).first.click()
    page.locator("a.language-link").click()
    page.wait_for_url(base_url + "ko/" + page_a)
    page.wait_for_selector(".rnn-tabset [role=tab]")
    assert page.evaluate("document.documentElement.lang") == "ko"
    assert_shows(page, "pytorch")
    assert page.locator("a.language-link").inner_text().strip() == "English"
    page.locator("a.language-link").click()
    page.wait_for_url(base_url + page_a)
    assert page.evaluate("document.documentElement.lang") == "en"
    log.check()


def test_without_javascript_all_cells_visible(new_context, base_url, tab_pages):
    context = new_context(java_script_enabled=False)
    page = context.new_page()
    for rel, groups in tab_pages.items():
        page.goto(base_url + rel, wait_until="domcontentloaded")
        # evaluate() still works here: only the page's own scripts are disabled.
        visible = page.evaluate(
            f"[...document.querySelectorAll({TAGGED!r})].map((el) => el.checkVisibility())"
        )
        assert len(visible) == sum(len(g) for g in groups), rel
        assert all(visible), f"{rel}: tagged cells hidden without JavaScript: {visible}"
        assert page.locator(".rnn-tabset").count() == 0, rel


MATH_STATE_JS = """() => {
  const maths = [...document.querySelectorAll(".math")];
  const main = (document.querySelector("main") || document.body).cloneNode(true);
  main.querySelectorAll("pre, code, script, style, mjx-container, .highlight")
      .forEach((el) => el.remove());
  const script = document.querySelector("script[src*='mathjax']");
  return {
    count: maths.length,
    raw: maths.filter((m) => !m.querySelector("mjx-container"))
              .map((m) => m.textContent.trim().slice(0, 60)),
    text: main.innerText,
    script: script ? script.src : null,
  };
}"""
RAW_TEX = re.compile(r"\\\(|\\\)|\\\[|\\\]|\$\$")


def test_math_typesets_with_the_network_blocked(new_context, base_url, html_dir):
    """MathJax comes from the book itself: with every foreign request aborted, no page shows
    raw TeX (each `.math` element holds a typeset `mjx-container`, no `\\(` or `$$` is left)."""
    pages = sorted(
        p.relative_to(html_dir).as_posix()
        for p in html_dir.rglob("*.html")
        if 'class="math' in p.read_text(encoding="utf-8")
    )
    assert len(pages) >= 10, f"expected most pages to have math, found {pages}"
    foreign = []
    page = new_context().new_page()
    page.on("request", lambda r: r.url.startswith(base_url) or foreign.append(r.url))
    for rel in pages:
        page.goto(base_url + rel, wait_until="load")
        page.wait_for_function("() => window.MathJax && window.MathJax.startup")
        page.evaluate("() => window.MathJax.startup.promise.then(() => true)")
        state = page.evaluate(MATH_STATE_JS)
        assert state["script"] and state["script"].startswith(base_url), (rel, state["script"])
        assert state["count"] > 0 and not state["raw"], f"{rel}: raw TeX in {state['raw'][:3]}"
        found = RAW_TEX.search(state["text"])
        assert not found, f"{rel}: raw TeX {found.group(0)!r} in the page text"
    assert not [u for u in foreign if "mathjax" in u.lower()], foreign
