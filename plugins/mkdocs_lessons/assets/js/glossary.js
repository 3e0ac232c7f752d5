// Glossary terms on touch: a tap shows the definition in place instead of following the link.
// Hover and keyboard focus are Material's tooltips (or the plain title); this only adds touch.
window.lessons.feature("glossary", (root, strings) => {
  const content = root.querySelector(".md-content") || root.body;
  let touched = false;
  let popover = null;
  let opener = null;

  // Material moves the title into its own tooltip and points aria-describedby at it.
  const definition = (term) => {
    const title = term.getAttribute("title");
    if (title) return title;
    const tip = document.getElementById(term.getAttribute("aria-describedby") || "");
    return tip ? tip.textContent.trim() : "";
  };

  const close = (restoreFocus) => {
    if (!popover) return;
    popover.remove();
    popover = null;
    if (opener && restoreFocus) opener.focus();
    opener = null;
  };

  const open = (term) => {
    close(false);
    opener = term;
    popover = document.createElement("div");
    popover.className = "lessons-term-popover";
    popover.setAttribute("role", "dialog");
    popover.setAttribute("aria-label", term.textContent);
    const text = document.createElement("p");
    text.textContent = definition(term);
    const link = document.createElement("a");
    link.href = term.href;
    link.textContent = strings.glossary_full_entry || "→";
    const button = document.createElement("button");
    button.type = "button";
    button.className = "lessons-term-popover__close";
    button.textContent = strings.close || "×";
    button.addEventListener("click", () => close(true));
    popover.append(text, link, button);
    document.body.append(popover);
    const box = term.getBoundingClientRect();
    const width = Math.min(320, document.documentElement.clientWidth - 16);
    const left = Math.max(8, Math.min(box.left, document.documentElement.clientWidth - width - 8));
    popover.style.width = `${width}px`;
    popover.style.left = `${left + window.scrollX}px`;
    // Below the term, or above it when only there it fits (a term near the bottom of the screen).
    const height = popover.offsetHeight;
    const fitsBelow = box.bottom + 6 + height <= document.documentElement.clientHeight;
    const above = !fitsBelow && box.top - 6 - height >= 0;
    popover.style.top = `${(above ? box.top - 6 - height : box.bottom + 6) + window.scrollY}px`;
    link.focus({ preventScroll: true });
  };

  const onPointerDown = (event) => {
    touched = event.pointerType === "touch";
    if (popover && !popover.contains(event.target) && !event.target.closest(".lessons-term")) {
      close(false);
    }
  };
  const onClick = (event) => {
    const term = event.target.closest("a.lessons-term");
    if (!term || !touched) return;
    // Material's instant navigation takes every click on a site link that reaches the body,
    // prevented or not: the tap must stop here, or the popover opens as the page goes away.
    event.preventDefault();
    event.stopPropagation();
    if (opener === term) close(false);
    else open(term);
  };
  const onKey = (event) => {
    if (event.key === "Escape" && popover) close(true);
  };

  // Material appends a term's tooltip to <body>, outside every landmark, where screen reader
  // users who browse by landmark never meet it (axe: region). <main> is not positioned, so the
  // tooltip keeps its place on screen when it moves in there.
  const main = root.querySelector("main");
  const tooltips = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (main && node.classList?.contains("md-tooltip2")) main.append(node);
      }
    }
  });
  tooltips.observe(root.body, { childList: true });

  document.addEventListener("pointerdown", onPointerDown, true);
  content.addEventListener("click", onClick);
  document.addEventListener("keydown", onKey);
  return () => {
    tooltips.disconnect();
    close(false);
    document.removeEventListener("pointerdown", onPointerDown, true);
    content.removeEventListener("click", onClick);
    document.removeEventListener("keydown", onKey);
  };
});
