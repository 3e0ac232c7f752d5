// Site script of the example site (overrides/ only; the plugin ships its own JS).
// Each fix below patches markup that Material or pymdownx generate in the browser, where no
// template can reach it, for an axe-core rule. The first two run from `document$`, which
// emits on every page (also after instant navigation) and replays the current page to this
// late subscriber, after Material has mounted the page.
document$.subscribe(function () {
  // With `content.code.copy`, Material 9.8 puts each code block's buttons in an unnamed <nav>:
  // several code blocks make several identical navigation landmarks (`landmark-unique`), and
  // screen-reader landmark lists fill up with "navigation" entries holding a copy button.
  // They are not navigation: drop the landmark, keep the buttons.
  document.querySelectorAll("nav.md-code__nav:not([role])").forEach(function (nav) {
    nav.setAttribute("role", "none");
  });

  // Material makes a code block focusable (so it can be scrolled sideways by keyboard) only on
  // devices that can hover: on a phone or tablet with a keyboard or switch access, a wide
  // block cannot be scrolled (`scrollable-region-focusable`). Make every one focusable.
  document.querySelectorAll(".md-typeset pre > code:not([tabindex])").forEach(function (code) {
    code.setAttribute("tabindex", "0");
  });

  // pymdownx.tasklist wraps each checkbox in a <label> with no text, the item's text sits
  // outside it (`label`): a screen reader announces "checkbox, checked" and nothing else.
  // Name each checkbox after its own item's text (not that of nested lists).
  document.querySelectorAll(".task-list-item > .task-list-control > input:not([aria-label])")
    .forEach(function (input) {
      var item = input.closest(".task-list-item");
      var text = "";
      item.childNodes.forEach(function (node) {
        if (node.nodeType === Node.TEXT_NODE ||
            (node.nodeType === Node.ELEMENT_NODE && !/^(UL|OL|LABEL)$/.test(node.nodeName))) {
          text += node.textContent;
        }
      });
      text = text.replace(/\s+/g, " ").trim();
      if (text) input.setAttribute("aria-label", text);
    });
});

// Search results: Material renders each result's tags in an unnamed <nav> of plain <span>s, so
// two results with tags make two identical navigation landmarks (`landmark-unique`). They are
// a list of names, not navigation. The result list lives outside the part of the page that
// instant navigation swaps, so one observer serves the whole visit.
(function () {
  var results = document.querySelector(".md-search-result__list");
  if (!results) return;
  new MutationObserver(function () {
    results.querySelectorAll("nav.md-tags:not([role])").forEach(function (nav) {
      nav.setAttribute("role", "none");
    });
  }).observe(results, { childList: true, subtree: true });
})();
