// mkdocs-lessons: a lesson's concept map (node and heading states, edges, progress, reset) and
// progress on course and index cards. A concept is locked until all it requires are mastered,
// mastered once each question of its check was answered right, unlocked in between.
(() => {
  "use strict";
  const SVG = "http://www.w3.org/2000/svg";
  const parse = (text) => {
    try {
      return JSON.parse(text) || [];
    } catch {
      return [];
    }
  };
  window.lessons.feature("map", (doc, strings) => {
    const { progress, t } = window.lessons;
    const states = progress.states;
    const abort = new AbortController();
    const on = (target, type, listener) =>
      target.addEventListener(type, listener, { signal: abort.signal });
    const updates = [];
    // A <progress> (hidden from screen readers) and a text that says the same.
    const show = (meter, text, n, total) => {
      meter.max = total;
      meter.value = n;
      meter.setAttribute("aria-hidden", "true");
      const said = t(strings, "concepts_mastered", { n, total });
      if (text.textContent != said) text.textContent = said; // the same again: no announcement
    };
    const mastered = (lessons) => {
      let n = 0;
      for (const [lesson, concepts] of Object.entries(lessons)) {
        for (const state of states(concepts, progress.load(lesson)).values()) {
          n += state == "mastered";
        }
      }
      return n;
    };

    // A course page's lesson cards, and the index's course cards (their lessons summed).
    for (const card of doc.querySelectorAll(
      ".lessons-card[data-lessons-concepts], [data-lessons-course-lessons]",
    )) {
      const data = card.dataset;
      const lessons = data.lessonsConcepts
        ? { [data.lessonsLesson]: parse(data.lessonsConcepts) }
        : parse(data.lessonsCourseLessons);
      const total = Object.values(lessons).flat().length;
      const holder = card.querySelector(".lessons-card__progress");
      if (!holder || !total) continue;
      const meter = doc.createElement("progress");
      const text = doc.createElement("span");
      holder.replaceChildren(meter, " ", text);
      holder.hidden = false;
      updates.push(() => show(meter, text, mastered(lessons), total));
    }

    // The lesson: its map's nodes and its concept sections carry data-lessons-concept.
    const root = doc.querySelector(".lessons-lesson[data-lessons-concepts]");
    const map = doc.querySelector("[data-lessons-map]");
    if (root) {
      const lesson = root.dataset.lessonsLesson;
      const concepts = parse(root.dataset.lessonsConcepts);
      let current;
      updates.push(() => {
        current = states(concepts, progress.load(lesson));
        for (const element of doc.querySelectorAll("[data-lessons-concept]")) {
          const state = current.get(element.dataset.lessonsConcept);
          const label = element.querySelector("[data-lessons-state-label]");
          if (!state) continue;
          element.dataset.lessonsState = state;
          if (label) label.textContent = t(strings, state);
          // A locked concept's label says what it waits for, with links (the map's nodes are
          // links themselves: the concept is where the reader stands).
          const heading = element.querySelector(".lessons-concept__label");
          heading?.querySelector(".lessons-concept__waits")?.remove();
          if (!heading || state !== "locked") continue;
          const concept = concepts.find((c) => c.id === element.dataset.lessonsConcept);
          const waits = doc.createElement("span");
          waits.className = "lessons-concept__waits";
          const missing = concept.requires.filter((id) => current.get(id) !== "mastered");
          const words = window.lessons.conceptLinks(doc, strings, concepts, "waits_for", missing);
          waits.append(" ", ...words);
          heading.append(waits);
        }
      });

      if (map) {
        const find = (selector) => map.querySelector(selector);
        const more = find(".lessons-map__more");
        const counter = find(".lessons-map__count");
        const reset = find(".lessons-map__reset");
        const edges = doc.createElementNS(SVG, "svg");
        edges.setAttribute("class", "lessons-map__edges");
        edges.setAttribute("aria-hidden", "true");
        // Middle of a required node to middle of the node requiring it, under the nodes.
        const draw = () => {
          const origin = map.getBoundingClientRect();
          const middle = (id) => {
            const box = find(`[data-lessons-concept="${CSS.escape(id)}"]`)?.getBoundingClientRect();
            return box && [box.x + box.width / 2 - origin.x, box.y + box.height / 2 - origin.y];
          };
          edges.replaceChildren();
          if (!more.open) return; // closed to its line of progress: no nodes to join
          for (const concept of concepts) {
            for (const id of concept.requires) {
              const ends = [middle(id), middle(concept.id)];
              if (!ends[0] || !ends[1]) continue;
              const path = doc.createElementNS(SVG, "path");
              path.setAttribute("d", `M${ends[0]}L${ends[1]}`);
              if (current.get(id) == "mastered") path.setAttribute("data-done", "");
              edges.append(path);
            }
          }
        };
        // Not drawn on the first update: the observer below draws once the page is laid out,
        // where drawing now would force a layout of the whole page in the middle of the start.
        let started = false;
        updates.push(() => {
          show(find(".lessons-progress"), counter, mastered({ [lesson]: concepts }), concepts.length);
          if (started) draw();
          started = true;
        });
        map.classList.add("lessons-map--drawn");
        map.prepend(edges);
        find(".lessons-progress").hidden = reset.hidden = false;
        // On a phone the map is its line of progress, a disclosure the reader may open (the CSS
        // hides the rest from the first paint until then: no shift of the lesson).
        const wide = matchMedia("(min-width: 45em)");
        const fit = () => {
          more.open = wide.matches;
          more.dataset.lessonsFit = "";
        };
        fit();
        on(wide, "change", fit);
        const resized = new ResizeObserver(draw);
        resized.observe(map);
        abort.signal.onabort = () => resized.disconnect();
        // Reset asks first (a second press within a few seconds), then offers to undo.
        const label = reset.textContent;
        let asking = 0;
        let undo = null;
        const calm = () => {
          clearTimeout(asking);
          asking = 0;
          reset.textContent = label;
        };
        on(reset, "click", () => {
          if (!asking) {
            reset.textContent = t(strings, "reset_confirm");
            asking = setTimeout(calm, 5000);
            return;
          }
          calm();
          const undoReset = progress.reset(lesson); // the answers come back too
          doc.dispatchEvent(new CustomEvent("lessons:progress", { detail: { reset: true } }));
          counter.textContent = `${t(strings, "progress_reset")}: ${counter.textContent}`;
          undo?.remove();
          undo = doc.createElement("button");
          undo.type = "button";
          undo.className = "lessons-map__undo";
          undo.textContent = t(strings, "undo");
          reset.after(undo);
          undo.addEventListener("click", () => {
            undoReset();
            undo.remove();
            undo = null;
            doc.dispatchEvent(new CustomEvent("lessons:progress", { detail: { restore: true } }));
            reset.focus();
          }, { signal: abort.signal });
        });
        abort.signal.addEventListener("abort", calm);
      }

      // The lesson's summary: once the reader has answered something, the questions to review
      // (never answered right, or answered wrong at the last try), as links. Its concepts are
      // marked by the update above.
      const recap = doc.querySelector("[data-lessons-recap]");
      if (recap) {
        const said = recap.querySelector(".lessons-recap__review");
        const list = recap.querySelector(".lessons-recap__questions");
        updates.push(() => {
          const right = progress.load(lesson);
          const forms = [...doc.querySelectorAll("form.lessons-question")];
          const items = forms
            .filter((form) => !right.has(form.dataset.lessonsQuestion) || form.dataset.lessonsResult == "wrong")
            .map((form) => {
              const item = doc.createElement("li");
              const link = item.appendChild(doc.createElement("a"));
              link.href = `#${form.id}`;
              link.textContent = form.querySelector("legend").textContent.trim();
              return item;
            });
          list.replaceChildren(...items);
          said.hidden = !right.size && !forms.some((form) => form.dataset.lessonsResult);
          list.hidden = said.hidden || !items.length;
          said.textContent = items.length
            ? t(strings, "to_review")
            : t(strings, "nothing_to_review");
        });
        on(doc, "submit", () => update()); // checks.js has marked the form right or wrong
      }
    }

    const update = () => updates.forEach((run) => run());
    update();
    on(doc, "lessons:progress", update);
    on(window, "storage", update);
    return () => abort.abort();
  });
})();
