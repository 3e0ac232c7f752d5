// mkdocs-lessons: where the reader is. A course page's Continue link goes to the first concept
// not mastered yet (from its lesson cards' concepts); the navigation marks each lesson whose
// every concept is mastered (from the site's progress map, whose address our pages carry: each
// lesson's URL, relative to the map, and its concepts). Without JavaScript: Continue links the
// first lesson, and nothing is marked; nor under file:// (a browser fetches no file there) or
// when the map cannot be fetched.
(() => {
  "use strict";
  const maps = new Map(); // address -> the progress map, fetched once per browser page
  window.lessons.feature("course", (doc, strings) => {
    const { progress, t } = window.lessons;
    const abort = new AbortController();
    const { signal } = abort;
    const updates = [];
    const states = (lesson, concepts) => progress.states(concepts, progress.load(lesson));

    const link = doc.querySelector(".lessons-continue__link");
    const first = link?.getAttribute("href");
    const cards = [...doc.querySelectorAll(".lessons-card[data-lessons-concepts]")];
    if (link) {
      updates.push(() => {
        let started = false;
        let next;
        for (const card of cards) {
          const lesson = card.dataset.lessonsLesson;
          const concepts = JSON.parse(card.dataset.lessonsConcepts);
          const right = progress.load(lesson);
          const state = states(lesson, concepts);
          const n = concepts.findIndex((c) => state.get(c.id) !== "mastered");
          started ||= concepts.some((c) => c.questions.some((id) => right.has(id)));
          if (!next && n >= 0) next = [card.querySelector(".lessons-card__title a"), concepts[n], n];
        }
        let [name, href, said] = ["course_start", first, ""];
        if (started && next) {
          const [title, concept, n] = next;
          name = "course_continue";
          href = `${title.getAttribute("href").split("#")[0]}#lessons-concept-${concept.id}`;
          const named = { n: n + 1, title: concept.title };
          said = `${title.textContent} · ${t(strings, "concept_titled", named)}`;
        } else if (started) {
          name = "course_review";
          said = t(strings, "course_complete");
        }
        link.textContent = t(strings, name);
        link.setAttribute("href", href);
        link.nextElementSibling.textContent = said;
      });
    }

    // The navigation: a check mark, and for screen readers the word, in each mastered lesson's
    // link (links into a page, such as its table of contents, are left alone).
    const unmark = () => doc.querySelectorAll(".lessons-nav-mark").forEach((old) => old.remove());
    const address = doc.querySelector("[data-lessons-progress-map]")?.dataset.lessonsProgressMap;
    if (address && location.protocol != "file:") {
      const url = new URL(address, location.href).href;
      if (!maps.has(url)) {
        maps.set(url, fetch(url).then((got) => (got.ok ? got.json() : {})).catch(() => ({})));
      }
      let lessons = {};
      const mark = () => {
        unmark();
        const done = new Set();
        for (const [lesson, { u, c }] of Object.entries(lessons)) {
          const state = states(lesson, c);
          if ([...state.values()].every((s) => s === "mastered")) {
            done.add(new URL(u, url).pathname.replace(/index\.html$/, ""));
          }
        }
        for (const a of doc.querySelectorAll(".md-nav--primary a.md-nav__link[href]")) {
          const to = new URL(a.href);
          if (to.hash || !done.has(to.pathname.replace(/index\.html$/, ""))) continue;
          const [check, word] = [doc.createElement("span"), doc.createElement("span")];
          check.className = "lessons-nav-mark";
          check.ariaHidden = "true";
          check.textContent = "✓";
          word.className = "lessons-nav-mark lessons-visually-hidden";
          word.textContent = `, ${t(strings, "nav_mastered")}`;
          a.append(check, word);
        }
      };
      maps.get(url).then((map) => {
        lessons = map;
        if (!signal.aborted) mark();
      });
      updates.push(mark);
    }

    const update = () => updates.forEach((run) => run());
    update();
    doc.addEventListener("lessons:progress", update, { signal });
    window.addEventListener("storage", update, { signal });
    return () => {
      abort.abort();
      unmark();
    };
  });
})();
