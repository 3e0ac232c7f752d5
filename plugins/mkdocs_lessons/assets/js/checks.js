// mkdocs-lessons: System Checks. Check shows the verdict (role=status), the chosen choices'
// feedback and the explanation; a right answer goes to lessons.progress; a new answer clears the
// verdict. Ordering by keyboard: the up/down buttons, or Alt+ArrowUp/Down with focus in the item
// (plain arrows still scroll); the focus stays, the new position is announced.
(() => {
  "use strict";
  const norm = (text) => text.trim().replace(/\s+/g, " ").toLowerCase();

  window.lessons.feature("checks", (doc, strings) => {
    const { progress, t } = window.lessons;
    const lesson = doc.querySelector(".lessons-lesson")?.dataset.lessonsLesson;
    const abort = new AbortController();
    const on = (target, type, listener) =>
      target.addEventListener(type, listener, { signal: abort.signal });
    const clears = [];

    for (const form of doc.querySelectorAll("form.lessons-question")) {
      const find = (selector) => form.querySelector(selector);
      const all = (selector) => [...form.querySelectorAll(selector)];
      const result = find(".lessons-question__result");
      const explanation = find(".lessons-question__explanation");
      const answer = find(".lessons-question__answer");
      const list = find(".lessons-question__order");
      const field = find(".lessons-question__field input");
      const choices = all(".lessons-choice");
      const items = all(".lessons-order-item"); // as first shown, for a reset
      const order = () => all(".lessons-order-item");
      const chosen = (choice) => choice.querySelector("input").checked;
      // The same text again gets a no-break space, to be announced again.
      const say = (text) => {
        result.textContent = text + (result.textContent === text ? "\u00a0" : "");
      };
      const stale = () => {
        delete form.dataset.lessonsResult;
        result.textContent = "";
        for (const feedback of all(".lessons-choice__feedback")) feedback.hidden = true;
      };
      const isRight = () => {
        if (list) return order().every((item, i) => item.dataset.lessonsPosition == i + 1);
        if (field) {
          const data = field.dataset;
          const value = norm(field.value);
          if (data.lessonsAnswers) return JSON.parse(data.lessonsAnswers).map(norm).includes(value);
          // "3,600" is 3600; "0,5" is 0.5.
          const x = +value.replace(/[\s,](?=\d{3}\b)/g, "").replace(",", ".");
          return value > "" && Math.abs(x - data.lessonsNumber) <= +data.lessonsTolerance + 1e-9;
        }
        return choices.every((choice) => chosen(choice) == (choice.dataset.lessonsCorrect == "true"));
      };
      const move = (item, by, focus) => {
        const other = by < 0 ? item.previousElementSibling : item.nextElementSibling;
        other?.[by < 0 ? "before" : "after"](item);
        focus.focus(); // moving an element takes the focus out of it
        stale();
        say(t(strings, "moved", "{item}: position {n} of {total}", {
          item: item.firstElementChild.textContent.trim(),
          n: order().indexOf(item) + 1,
          total: items.length,
        }));
      };

      on(form, "submit", (event) => {
        event.preventDefault();
        const right = isRight();
        form.dataset.lessonsResult = right ? "right" : "wrong";
        for (const choice of choices) {
          const feedback = choice.querySelector(".lessons-choice__feedback");
          if (feedback) feedback.hidden = !chosen(choice);
        }
        if (explanation) result.after(explanation); // out of the closed disclosure
        say(right ? t(strings, "right", "Right!") : t(strings, "wrong", "Not quite: try again."));
        const id = form.dataset.lessonsQuestion;
        if (right && lesson) {
          progress.save(lesson, progress.load(lesson).add(id));
          doc.dispatchEvent(new CustomEvent("lessons:progress"));
        }
      });
      on(form, "input", stale);
      if (list) {
        on(list, "click", (event) => {
          const button = event.target.closest("[data-lessons-move]");
          if (button) move(button.closest("li"), +button.dataset.lessonsMove, button);
        });
        on(list, "keydown", (event) => {
          const by = event.altKey && { ArrowUp: -1, ArrowDown: 1 }[event.key];
          if (!by) return;
          event.preventDefault();
          move(event.target.closest("li"), by, event.target);
        });
      }
      clears.push(() => {
        form.reset();
        list?.append(...items);
        stale();
        if (explanation) answer.append(explanation);
        answer.open = false;
      });
      for (const hidden of all(".lessons-question__actions, .lessons-order-item__moves")) {
        hidden.hidden = false;
      }
    }

    // The map's reset button: every form as the page first showed it.
    on(doc, "lessons:progress", (event) => event.detail?.reset && clears.forEach((clear) => clear()));
    return () => abort.abort();
  });
})();
