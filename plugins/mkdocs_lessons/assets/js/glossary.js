// Glossary terms show their definition in one box of ours: a tooltip on hover and keyboard focus
// (it stays while the pointer is over the term or the tooltip, and Escape dismisses it), and on
// touch a popover with the full entry's link and Close, instead of following the link.
window.lessons.feature("glossary", (root, strings) => {
  const content = root.querySelector(".md-content") || root.body;
  // In a landmark, where readers who browse by landmark meet it; <main> is not positioned.
  const main = root.querySelector("main") || root.body;
  const abort = new AbortController();
  const on = (target, type, listener, capture) =>
    target.addEventListener(type, listener, { capture, signal: abort.signal });
  let touched = false;
  let popover = null;
  let opener = null;
  let tip = null;
  let shown = null;
  let timer;

  // Material gave every [title] its own tooltip before we start, listening on the element: a
  // copy without the title has none of those listeners, so a term never has two tooltips. The
  // definition stays the link's description for screen readers.
  for (const term of content.querySelectorAll("a.lessons-term[title]")) {
    const copy = term.cloneNode(true);
    copy.setAttribute("aria-description", copy.title);
    copy.removeAttribute("title");
    term.replaceWith(copy);
  }

  const element = (tag, className, text) => {
    const made = document.createElement(tag);
    made.className = className;
    made.textContent = text;
    return made;
  };
  // A box with the term's definition, below the term, or above it when only there it fits;
  // from the term's start (its right edge on a right-to-left page), kept inside the window.
  const float = (term, role, className, ...more) => {
    const box = element("div", className);
    box.setAttribute("role", role);
    box.append(element("p", "", term.getAttribute("aria-description")), ...more);
    main.append(box);
    const rect = term.getBoundingClientRect();
    const { clientWidth, clientHeight } = document.documentElement;
    const width = Math.min(360, clientWidth - 16);
    box.style.width = `${width}px`;
    const start = term.matches(":dir(rtl)") ? rect.right - width : rect.left;
    box.style.left = `${Math.max(8, Math.min(start, clientWidth - width - 8)) + scrollX}px`;
    const height = box.offsetHeight;
    const above = rect.bottom + 6 + height > clientHeight && rect.top - 6 - height >= 0;
    box.style.top = `${(above ? rect.top - 6 - height : rect.bottom + 6) + scrollY}px`;
    return box;
  };

  const hide = () => {
    clearTimeout(timer);
    tip?.remove();
    shown?.removeAttribute("aria-describedby");
    tip = shown = null;
  };
  const show = (term) => {
    if (term === shown) return clearTimeout(timer);
    hide();
    shown = term;
    tip = float(term, "tooltip", "lessons-term-tip");
    tip.id = "lessons-term-tip";
    term.setAttribute("aria-describedby", tip.id);
  };
  const termAt = (target) => {
    const term = target.closest?.("a.lessons-term");
    return content.contains(term) && term;
  };

  const close = (restoreFocus) => {
    if (!popover) return;
    popover.remove();
    popover = null;
    if (restoreFocus) opener.focus(); // after a tap: no tooltip (see focusin)
    opener = null;
  };
  const open = (term) => {
    close(false);
    hide();
    opener = term;
    const link = element("a", "", strings.glossary_full_entry || "→");
    link.href = term.href;
    const button = element("button", "lessons-term-popover__close", strings.close || "×");
    button.type = "button";
    on(button, "click", () => close(true));
    popover = float(term, "dialog", "lessons-term-popover", link, button);
    popover.setAttribute("aria-label", term.textContent);
    link.focus({ preventScroll: true });
  };

  on(document, "pointerdown", (event) => {
    touched = event.pointerType === "touch";
    if (popover && !popover.contains(event.target) && !termAt(event.target)) close(false);
  }, true);
  // Only a mouse or pen hovers: a tap's emulated hover would show the tooltip under the popover.
  on(document, "pointerover", (event) => {
    if (event.pointerType === "touch" || popover) return;
    const term = termAt(event.target);
    if (term) show(term);
    else if (tip?.contains(event.target)) clearTimeout(timer);
  });
  on(document, "pointerout", (event) => {
    if (shown?.contains(event.target) || tip?.contains(event.target)) timer = setTimeout(hide, 300);
  });
  on(document, "focusin", (event) => {
    const term = termAt(event.target);
    if (term && !touched) show(term);
  });
  on(document, "focusout", (event) => event.target === shown && hide());
  on(content, "click", (event) => {
    const term = termAt(event.target);
    if (!term || !touched) return;
    // Material's instant navigation takes every click on a site link that reaches the body,
    // prevented or not: the tap must stop here, or the popover opens as the page goes away.
    event.preventDefault();
    event.stopPropagation();
    if (opener === term) close(false);
    else open(term);
  });
  on(document, "keydown", (event) => {
    if (event.key !== "Escape") touched = false;
    else {
      hide();
      close(true);
    }
  });
  return () => {
    abort.abort();
    hide();
    close(false);
  };
});
