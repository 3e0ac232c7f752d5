// mkdocs-lessons: the walkthrough player, one step at a time (without it: a list of all steps).
// State in the markup (data-current), listeners on one AbortController, texts from the page.
(() => {
  "use strict";
  const STEP = "lessons-step--current";

  window.lessons.feature("walkthrough", (doc) => {
    const abort = new AbortController();
    const { signal } = abort;
    const on = (target, type, listener) => target.addEventListener(type, listener, { signal });
    const timers = new Set();
    const players = [];

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
          if (checked) dot.setAttribute("aria-current", "step");
          else dot.removeAttribute("aria-current");
          dot.setAttribute("aria-checked", checked);
          dot.tabIndex = checked ? 0 : -1;
        });
        if (counter) counter.textContent = `${n} / ${total}`;
        if (previous) previous.disabled = n === 1;
        if (next) next.disabled = n === total;
        // Focus never falls to <body>: off a button that just got disabled, out of a hidden step.
        if (focused?.disabled) (focused === next ? previous : next)?.focus();
        else if (before?.contains(focused)) {
          (step.querySelector("[data-action=copy]") || next)?.focus({ preventScroll: true });
        }
        // The code panel (Material's pre > code scrolls) brings the first focus line near its
        // top; the page never moves.
        const code = step.querySelector("pre > code");
        const line = step.querySelector("[data-focus]") || step.querySelector("[data-changed]");
        if (code) {
          const top = line ? line.getBoundingClientRect().top - line.offsetHeight : 0;
          code.scrollTop = line ? code.scrollTop + top - code.getBoundingClientRect().top : 0;
        }
        if (byReader) {
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
        const code = button.closest(".lessons-code")?.querySelector("code");
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
        // On a dot (ARIA's radio group), arrows go from the focused dot, round the ends, and
        // take the focus along; elsewhere they go from the current step and stop at the ends.
        const dot = dots.includes(target);
        const n = dot ? Number(target.dataset.step) : Number(root.dataset.current);
        const wrap = (m) => (dot ? ((m + total - 1) % total) + 1 : m);
        const back = wrap(n - 1);
        const forward = wrap(n + 1);
        const keys = { ArrowLeft: back, ArrowRight: forward, Home: 1, End: total };
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
        steps[n - 1].scrollIntoView();
      };
      players.push(follow);

      root.classList.add("lessons-walkthrough--player");
      controls.hidden = false;
      for (const button of root.querySelectorAll("[data-action=copy]")) button.hidden = false;
      steps.forEach((item) => item.classList.remove(STEP));
      const linked = fromHash();
      show(linked || Number(root.dataset.current) || 1, false);
      if (linked) steps[linked - 1].scrollIntoView();
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
