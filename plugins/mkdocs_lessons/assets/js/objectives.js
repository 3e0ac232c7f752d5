// mkdocs-lessons: ticks a lesson's objectives ("done") once their concept is mastered, and
// offers the instructor view where the page has hidden instructor notes: a toggle kept in
// localStorage, or ?instructor (=0 to leave) in the address. Without JavaScript neither shows.
(() => {
  "use strict";
  const KEY = "mkdocs-lessons:instructor";
  // Storage that throws (blocked, full) keeps nothing: the view is then off on the next page.
  const store = (value) => {
    try {
      return value == null ? localStorage.getItem(KEY) : localStorage.setItem(KEY, value);
    } catch {}
  };
  window.lessons.feature("objectives", (doc, strings) => {
    const { progress, t } = window.lessons;
    const root = doc.querySelector(".lessons-lesson");
    // Passed as the listeners' options: its "signal" removes them when the page goes.
    const abort = new AbortController();
    const items = root?.querySelectorAll("[data-lessons-objective]") ?? [];
    if (items.length) {
      let concepts = [];
      try {
        concepts = JSON.parse(root.dataset.lessonsConcepts);
      } catch {}
      const update = () => {
        const states = progress.states(concepts, progress.load(root.dataset.lessonsLesson));
        for (const item of items) {
          item.querySelector(".lessons-objectives__done").textContent =
            states.get(item.dataset.lessonsObjective) == "mastered"
              ? t(strings, "objective_done")
              : "";
        }
      };
      update();
      doc.addEventListener("lessons:progress", update, abort);
      addEventListener("storage", update, abort);
    }
    const notes = root?.querySelectorAll("[data-lessons-note][hidden]") ?? [];
    if (notes.length) {
      const toggle = doc.createElement("button");
      toggle.type = "button";
      toggle.className = "lessons-instructor-toggle";
      toggle.textContent = t(strings, "instructor_view");
      const show = (shown) => {
        toggle.setAttribute("aria-pressed", shown);
        for (const note of notes) note.hidden = !shown;
      };
      const asked = new URLSearchParams(location.search).get("instructor");
      const shown = asked == null ? store() == "1" : !/^(0|false|no|off)$/i.test(asked);
      if (asked != null) store(shown ? "1" : "");
      show(shown);
      toggle.addEventListener("click", () => {
        show(toggle.getAttribute("aria-pressed") != "true");
        store(toggle.getAttribute("aria-pressed") == "true" ? "1" : "");
      });
      root.querySelector(".lessons-lesson-header")?.append(toggle);
    }
    return () => abort.abort();
  });
})();
