/*
 * Framework tabs for the RNN book.
 *
 * Code cells tagged `tab-numpy`, `tab-tensorflow` or `tab-pytorch` are rendered
 * by MyST-NB as `<div class="cell tag_tab-numpy docutils container">`.  Each run
 * of consecutive tagged cells (siblings with nothing in between) is wrapped in
 * one tab set.  A new group also starts when a framework repeats, so two groups
 * placed back to back stay separate.
 *
 * The reader's choice applies to every tab set on the page and is remembered
 * across pages in localStorage.  A tab set without the chosen framework shows
 * its first tab.  Without JavaScript nothing is wrapped, so all cells show
 * (tabs.css only hides panels inside `.rnn-tabset`, a class added here).
 */
(function () {
  "use strict";

  var STORAGE_KEY = "rnn-book-framework";
  var DEFAULT_FRAMEWORK = "numpy";
  var LABELS = { numpy: "NumPy", tensorflow: "TensorFlow", pytorch: "PyTorch" };
  var TAG_PREFIX = "tag_tab-";

  function loadChoice() {
    try {
      var value = window.localStorage.getItem(STORAGE_KEY);
      return value && LABELS.hasOwnProperty(value) ? value : DEFAULT_FRAMEWORK;
    } catch (e) {
      return DEFAULT_FRAMEWORK; // storage disabled (privacy mode, file://, ...)
    }
  }

  function saveChoice(framework) {
    try {
      window.localStorage.setItem(STORAGE_KEY, framework);
    } catch (e) {
      /* storage unavailable: the choice then lasts for this page only */
    }
  }

  /* Framework of a rendered cell, or null if it is not a tab cell. */
  function frameworkOf(el) {
    if (!el || !el.classList || !el.classList.contains("cell")) return null;
    for (var i = 0; i < el.classList.length; i++) {
      var cls = el.classList[i];
      if (cls.indexOf(TAG_PREFIX) === 0) {
        var fw = cls.slice(TAG_PREFIX.length);
        if (LABELS.hasOwnProperty(fw)) return fw;
      }
    }
    return null;
  }

  /* Collect groups: arrays of {cell, framework} of consecutive sibling cells. */
  function findGroups(root) {
    var groups = [];
    var cells = root.querySelectorAll("div.cell[class*='" + TAG_PREFIX + "']");
    var current = null;
    var seen = null;
    for (var i = 0; i < cells.length; i++) {
      var cell = cells[i];
      var fw = frameworkOf(cell);
      if (!fw) continue;
      var last = current && current[current.length - 1].cell;
      if (!current || cell.previousElementSibling !== last || seen[fw]) {
        current = [];
        seen = {};
        groups.push(current);
      }
      current.push({ cell: cell, framework: fw });
      seen[fw] = true;
    }
    return groups;
  }

  var tabsets = [];

  function buildTabset(group, index) {
    var first = group[0].cell;
    var tabset = document.createElement("div");
    tabset.className = "rnn-tabset";
    var tablist = document.createElement("div");
    tablist.className = "rnn-tablist";
    tablist.setAttribute("role", "tablist");
    tablist.setAttribute("aria-label", "Framework");
    first.parentNode.insertBefore(tabset, first);
    tabset.appendChild(tablist);

    var entries = [];
    group.forEach(function (item) {
      var base = "rnn-tab-" + index + "-" + item.framework;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "rnn-tab";
      button.id = base;
      button.textContent = LABELS[item.framework];
      button.setAttribute("role", "tab");
      button.setAttribute("data-framework", item.framework);
      tablist.appendChild(button);

      var panel = item.cell;
      if (!panel.id) panel.id = base + "-panel";
      button.setAttribute("aria-controls", panel.id);
      panel.classList.add("rnn-tabpanel");
      panel.setAttribute("role", "tabpanel");
      panel.setAttribute("aria-labelledby", base);
      panel.setAttribute("tabindex", "0");
      panel.setAttribute("data-framework", item.framework);
      tabset.appendChild(panel);
      entries.push({ framework: item.framework, button: button, panel: panel });
    });

    tablist.addEventListener("click", function (event) {
      var button = event.target.closest ? event.target.closest(".rnn-tab") : null;
      if (button) choose(button.getAttribute("data-framework"), button);
    });
    tablist.addEventListener("keydown", function (event) {
      var buttons = entries.map(function (e) { return e.button; });
      var pos = buttons.indexOf(document.activeElement);
      if (pos < 0) return;
      var next;
      if (event.key === "ArrowRight") next = (pos + 1) % buttons.length;
      else if (event.key === "ArrowLeft") next = (pos - 1 + buttons.length) % buttons.length;
      else if (event.key === "Home") next = 0;
      else if (event.key === "End") next = buttons.length - 1;
      else return;
      event.preventDefault();
      buttons[next].focus();
      choose(buttons[next].getAttribute("data-framework"), buttons[next]);
    });
    return entries;
  }

  function show(entries, framework) {
    var has = entries.some(function (e) { return e.framework === framework; });
    var active = has ? framework : entries[0].framework;
    entries.forEach(function (e) {
      var on = e.framework === active;
      e.button.setAttribute("aria-selected", on ? "true" : "false");
      e.button.tabIndex = on ? 0 : -1;
      e.panel.classList.toggle("rnn-active", on);
      if (on) e.panel.removeAttribute("hidden");
      else e.panel.setAttribute("hidden", "");
    });
  }

  function applyAll(framework) {
    tabsets.forEach(function (entries) { show(entries, framework); });
  }

  /* Switch every tab set; keep the clicked button still on screen while
   * tab sets above it change height. */
  function choose(framework, anchor) {
    if (!LABELS.hasOwnProperty(framework)) return;
    var before = anchor ? anchor.getBoundingClientRect().top : 0;
    applyAll(framework);
    saveChoice(framework);
    if (anchor) {
      var delta = anchor.getBoundingClientRect().top - before;
      if (delta) window.scrollBy(0, delta);
    }
  }

  function init() {
    var root = document.querySelector("main") || document.body;
    findGroups(root).forEach(function (group, i) {
      tabsets.push(buildTabset(group, i));
    });
    if (!tabsets.length) return;
    document.documentElement.classList.add("rnn-tabs-ready");
    applyAll(loadChoice());
    // Follow a choice made in another open tab of the book.
    window.addEventListener("storage", function (event) {
      if (event.key === STORAGE_KEY && LABELS.hasOwnProperty(event.newValue)) {
        applyAll(event.newValue);
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
