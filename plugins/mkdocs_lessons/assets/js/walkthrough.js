// mkdocs-lessons: the walkthrough player, one step at a time (without it: a list of all steps).
// State in the markup (data-current), listeners on one AbortController, texts from the page.
(() => {
  "use strict";
  const STEP = "lessons-step--current";
  const FILE = ".lessons-code__file";
  // Where Material's sticky header ends (0 when it hides itself on scroll).
  const headerBottom = (doc) =>
    Math.max(0, doc.querySelector(".md-header")?.getBoundingClientRect().bottom || 0);
  // The lines a step is about: focused and changed, or changed and removed when none is focused.
  const marked = (block) => [
    ...block.querySelectorAll(
      block.querySelector("[data-focus]") ? "[data-focus], [data-changed]" : "[data-changed], .lessons-ghost",
    ),
  ];
  // A file's code as another step left it, without that step's marks: what a tab shows.
  const unmarked = (block) => {
    const copy = block.cloneNode(true);
    copy.querySelectorAll(".lessons-ghost, .lessons-callout").forEach((node) => node.remove());
    copy.querySelectorAll("mark").forEach((mark) => mark.replaceWith(...mark.childNodes));
    for (const node of [copy, ...copy.querySelectorAll("*")]) {
      for (const name of ["id", "data-focus", "data-changed", "data-has-focus", "aria-describedby"])
        node.removeAttribute(name);
    }
    copy.dataset.viewed = "";
    return copy;
  };

  window.lessons.feature("walkthrough", (doc) => {
    const abort = new AbortController();
    const { signal } = abort;
    const on = (target, type, listener) => target.addEventListener(type, listener, { signal });
    const timers = new Set();
    const players = [];
    const fits = [];
    const wide = matchMedia("(min-width: 45em)");

    for (const root of doc.querySelectorAll("[data-lessons-walkthrough]")) {
      const steps = [...root.querySelectorAll(".lessons-step")];
      const total = steps.length;
      const controls = root.querySelector(".lessons-walkthrough__controls");
      if (!total || !controls) continue;
      const find = (selector) => controls.querySelector(selector);
      const previous = find("[data-action=previous]");
      const next = find("[data-action=next]");
      const counter = find(".lessons-walkthrough__counter");
      const status = find("[role=status]");
      const dots = [...controls.querySelectorAll("[data-action=goto]")];
      const prefix = `#${root.id}-step-`;
      const fromHash = () => {
        let hash = location.hash;
        try {
          hash = decodeURIComponent(hash);
        } catch {} // a malformed %-escape names no step
        const n = hash.startsWith(prefix) ? Number(hash.slice(prefix.length)) : 0;
        return Number.isInteger(n) && n > 0 && n <= total ? n : 0;
      };
      const say = (text) => {
        if (status) status.textContent = text;
      };
      const currentStep = () => steps[root.dataset.current - 1];

      // The code column of each step is as tall as the window leaves it: on wide screens the
      // title, controls, narration and code fit under the header together (the steps share
      // one grid cell: the tallest sets the height of all), on phones the code takes about
      // half the window under the sticky controls.
      // All reads first, then all writes: one layout for every step, not one each.
      const fit = (list) => {
        const top = headerBottom(doc);
        const bar = controls.offsetHeight;
        const current = currentStep();
        const above = current.offsetTop - root.offsetTop;
        const rootTop = root.getBoundingClientRect().top;
        const heights = list.map((step) => {
          const column = step.querySelector(".lessons-step__code");
          const code = column?.querySelector(`${FILE}:not([hidden]) pre > code`);
          if (!code) return null;
          const box = code.getBoundingClientRect();
          const area = column.getBoundingClientRect();
          // What stands under the code in its column (the terminal) stays in the window too.
          const below = area.bottom - box.bottom;
          let room = innerHeight - top - (box.top - rootTop) - below - 12;
          if (!wide.matches) {
            // Half the window, more when the marked lines need it, but never all of it.
            const window = innerHeight - top - bar;
            const lines = marked(code);
            const span = lines.length
              ? lines.at(-1).getBoundingClientRect().bottom - lines[0].getBoundingClientRect().top
              : 0;
            const around = box.top - area.top + below;
            room = Math.min(Math.max(window * 0.55 - around, span + 40), window * 0.85 - around);
          }
          // Never fewer than about ten lines, however small the window.
          return [column, `${Math.max(room, 200)}px`];
        });
        root.style.setProperty("--lessons-top", `${top}px`);
        root.style.setProperty("--lessons-below", `${top + bar}px`);
        // A link to a step (the browser scrolls to it) shows the walkthrough from its title.
        root.style.setProperty("--lessons-above", `${above}px`);
        for (const [column, height] of heights.filter(Boolean)) {
          for (const pre of column.querySelectorAll(`${FILE} pre > code`)) pre.style.maxHeight = height;
        }
      };
      const fitAll = () => {
        const current = currentStep();
        fit(wide.matches ? steps.filter((item) => item === current || "laid" in item.dataset) : [current]);
      };
      fits.push(fitAll);

      // Scroll the visible code so that its focused and changed lines are in view: all of
      // them when they fit, from the first otherwise.
      const aim = (step) => {
        const block = step.querySelector(`${FILE}:not([hidden])`);
        const code = block?.querySelector("pre > code");
        if (!code) return;
        const lines = marked(block);
        if (!lines.length) {
          code.scrollTop = 0;
          return;
        }
        const box = code.getBoundingClientRect();
        const first = lines[0].getBoundingClientRect().top - box.top + code.scrollTop;
        const last = lines.at(-1).getBoundingClientRect().bottom - box.top + code.scrollTop;
        const line = lines[0].offsetHeight;
        const spare = code.clientHeight - (last - first);
        code.scrollTop = spare > 2 * line ? first - Math.min(spare / 2, 3 * line) : first - 4;
      };

      // After a reader's move: the title and the code in the window, under the header.
      const reveal = (step, always) => {
        const top = headerBottom(doc);
        const code = step.querySelector(`${FILE}:not([hidden]) pre > code`) || step;
        const box = root.getBoundingClientRect();
        if (always || box.top < top - 1 || code.getBoundingClientRect().bottom > innerHeight + 1) {
          scrollBy(0, box.top - top - 8);
        }
      };

      // Tabs: the file of the step, or another file as the walkthrough has it at this step.
      const choose = (step, tab) => {
        const panel = tab.closest(".lessons-code");
        const file = tab.dataset.file;
        if (!panel || tab.ariaDisabled) return;
        const own = (item) =>
          [...item.querySelectorAll(`${FILE}:not([data-viewed])`)].find((b) => b.dataset.file === file);
        let block = own(step);
        if (!block) {
          const n = steps.indexOf(step);
          const earlier = steps.slice(0, n).reverse().map(own).find(Boolean);
          if (!earlier) return;
          panel.querySelector("[data-viewed]")?.remove();
          block = panel.appendChild(unmarked(earlier));
        }
        for (const item of panel.querySelectorAll(FILE)) item.hidden = item !== block;
        for (const item of panel.querySelectorAll("[role=tab]")) {
          const selected = item === tab;
          item.ariaSelected = selected;
          item.tabIndex = selected ? 0 : -1;
        }
        const list = tab.parentElement;
        const left = tab.offsetLeft - list.offsetLeft;
        if (left < list.scrollLeft || left + tab.offsetWidth > list.scrollLeft + list.clientWidth) {
          list.scrollLeft = left - 16;
        }
        fit([step]);
        aim(step);
      };
      const ownTab = (step) =>
        [...step.querySelectorAll("[role=tab]")].find((tab) => tab.dataset.file === step.dataset.file);

      // Show step n; byReader: announce it and update the hash (not on load).
      const show = (n, byReader) => {
        n = Math.min(Math.max(n, 1), total);
        const before = root.querySelector(`.${STEP}`);
        const step = steps[n - 1];
        if (before === step) return;
        const focused = doc.activeElement;
        root.dataset.current = n;
        steps.forEach((item) => item.classList.toggle(STEP, item === step));
        // A radio group: the checked dot is the group's one Tab stop.
        dots.forEach((dot) => {
          const checked = Number(dot.dataset.step) === n;
          dot.ariaCurrent = checked ? "step" : null; // null removes the attribute
          dot.ariaChecked = checked;
          dot.tabIndex = checked ? 0 : -1;
        });
        if (before) {
          const tab = ownTab(before);
          if (tab) choose(before, tab);
          before.querySelector("[data-viewed]")?.remove();
        }
        if (counter) counter.textContent = `${n} / ${total}`;
        if (previous) previous.disabled = n === 1;
        if (next) next.disabled = n === total;
        // Focus never falls to <body>: off a button that just got disabled, out of a hidden step.
        if (focused?.disabled) (focused === next ? previous : next)?.focus();
        else if (before?.contains(focused)) {
          (step.querySelector("[data-action=copy]") || next)?.focus({ preventScroll: true });
        }
        if (!wide.matches) fit([step]);
        aim(step);
        if (byReader) {
          reveal(step, false);
          root.dataset.moved = "";
          // Material keeps its scroll offsets in history.state: keep them.
          history.replaceState(history.state, "", `#${step.id}`);
          // The step's title and the first sentence of its narration: enough to follow along
          // without moving the screen reader's cursor.
          const words = (element) => element?.textContent.replace(/\s+/g, " ").trim() || "";
          const title = words(step.querySelector(".lessons-step__title")) || `${n} / ${total}`;
          const narration = step.querySelector(".lessons-step__narration");
          const first = words(narration?.querySelector(":scope > p") || narration);
          const sentence = first.match(/^.*?[.!?](?=\s|$)/)?.[0] || first.slice(0, 200);
          say(sentence ? `${title}: ${sentence}` : title);
        }
      };

      const copy = async (button) => {
        const code = button.closest(".lessons-code")?.querySelector(`${FILE}:not([hidden]) code`);
        if (!code) return;
        try {
          await navigator.clipboard.writeText(code.textContent);
        } catch {
          // No Clipboard API (plain http, old browser): copy a selection of the code.
          const selection = getSelection();
          const range = doc.createRange();
          range.selectNodeContents(code);
          selection.removeAllRanges();
          selection.addRange(range);
          doc.execCommand("copy");
          selection.removeAllRanges();
        }
        const label = (button.dataset.label ||= button.textContent);
        if (button.dataset.copied) {
          button.textContent = button.dataset.copied;
          say(button.dataset.copied);
        }
        const timer = setTimeout(() => {
          timers.delete(timer);
          button.textContent = label;
        }, 2000);
        timers.add(timer);
      };

      on(root, "click", (event) => {
        const tab = event.target.closest("[role=tab]");
        if (tab) choose(tab.closest(".lessons-step"), tab);
        const button = event.target.closest("[data-action]");
        if (!button || !root.contains(button)) return;
        const n = Number(root.dataset.current);
        const action = button.dataset.action;
        if (action === "copy") copy(button);
        else if (action === "previous") show(n - 1, true);
        else if (action === "next") show(n + 1, true);
        else if (action === "goto") show(Number(button.dataset.step), true);
      });

      on(root, "keydown", (event) => {
        const target = event.target;
        if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
        if (target.closest("input, textarea, select, [contenteditable]")) return;
        // In a file list (ARIA's tabs): arrows, Home and End go from tab to tab.
        if (target.role === "tab") {
          const tabs = [...target.parentElement.children].filter((tab) => !tab.ariaDisabled);
          const at = tabs.indexOf(target);
          const to = { ArrowLeft: at - 1, ArrowRight: at + 1, Home: 0, End: tabs.length - 1 }[event.key];
          if (to === undefined) return;
          event.preventDefault();
          const tab = tabs[(to + tabs.length) % tabs.length];
          choose(target.closest(".lessons-step"), tab);
          tab.focus();
          return;
        }
        // On a dot (ARIA's radio group), arrows go from the focused dot, round the ends, and
        // take the focus along; elsewhere they go from the current step and stop at the ends.
        const dot = dots.includes(target);
        const n = dot ? Number(target.dataset.step) : Number(root.dataset.current);
        const wrap = (m) => (dot ? ((m + total - 1) % total) + 1 : m);
        const back = wrap(n - 1);
        const forward = wrap(n + 1);
        // The arrow that points the reading way goes forward: ArrowLeft on a right-to-left page.
        const rtl = root.matches(":dir(rtl)");
        const keys = { ArrowLeft: rtl ? forward : back, ArrowRight: rtl ? back : forward, Home: 1, End: total };
        if (dot) Object.assign(keys, { ArrowUp: back, ArrowDown: forward });
        const wanted = keys[event.key];
        if (!wanted) return;
        // Arrows still scroll a code panel that has focus and is wider than its box.
        if (event.key[0] === "A" && target.scrollWidth > target.clientWidth) return;
        event.preventDefault();
        show(wanted, true);
        if (dot) dots[wanted - 1].focus();
      });

      // A link to #<id>-step-<n> opens that step: on load, on hashchange, or on a link that
      // Material's instant navigation takes over (it pushes the URL: no hashchange).
      const follow = () => {
        const n = fromHash();
        if (!n) return;
        show(n, true);
        reveal(steps[n - 1], true);
      };
      players.push(follow);

      root.classList.add("lessons-walkthrough--player");
      controls.hidden = false;
      for (const button of root.querySelectorAll("[data-action=copy]")) button.hidden = false;
      // One file needs no tabs: its name stays a label, and no Tab stop.
      for (const list of root.querySelectorAll(".lessons-code__tabs:has(> :nth-child(2))")) {
        list.role = "tablist";
        list.ariaLabel = list.dataset.label;
        for (const tab of list.children) {
          const own = !!tab.ariaCurrent;
          tab.ariaCurrent = null;
          tab.role = "tab";
          tab.ariaSelected = own;
          tab.tabIndex = own ? 0 : -1;
          if (tab.dataset.from) tab.ariaDisabled = "true";
        }
      }
      for (const block of root.querySelectorAll(FILE)) {
        block.role = "tabpanel";
        block.ariaLabel = block.dataset.file;
        block.hidden = block !== block.parentElement.querySelector(FILE);
      }
      steps.forEach((item) => item.classList.remove(STEP));
      const linked = fromHash();
      show(linked || Number(root.dataset.current) || 1, false);
      fitAll();
      aim(currentStep());
      // The other steps join the grid (which makes every step as tall as the tallest) one
      // task each: laid out all at once, they made the longest task of the page's start.
      const lay = (k) => {
        if (k === total) {
          root.dataset.steady = "";
          return;
        }
        steps[k].dataset.laid = "";
        // The current step was fitted at the start, and aimed at its marked lines.
        if (wide.matches && !steps[k].classList.contains(STEP)) fit([steps[k]]);
        timers.add(setTimeout(lay, 0, k + 1));
      };
      lay(0);
      // After every feature has started (checks and the map above may still grow the page).
      if (linked) requestAnimationFrame(() => reveal(steps[linked - 1], true));
    }

    if (fits.length) {
      let frame = 0;
      on(window, "resize", () => {
        cancelAnimationFrame(frame);
        frame = requestAnimationFrame(() => fits.forEach((fitAll) => fitAll()));
      });
    }
    if (players.length) {
      const follow = () => players.forEach((player) => player());
      on(window, "hashchange", follow);
      on(doc, "click", (event) => {
        const link = event.target.closest?.("a[href*='#']");
        if (link && link.pathname === location.pathname) setTimeout(follow);
      });
    }

    return () => {
      abort.abort();
      timers.forEach(clearTimeout);
    };
  });
})();
