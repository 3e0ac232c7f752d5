// mkdocs-lessons: System Checks. Check shows the verdict (role=status) beside the button, in
// view; after a wrong answer only the chosen choices' feedback (or a fill-in's expected mistake),
// after a right one, or after the author's number of tries, the explanation too; a right answer
// goes to lessons.progress; a new answer clears the verdict; an empty one is not graded. Ordering by keyboard: the up/down buttons, or Alt+ArrowUp/Down with focus in the item
// (plain arrows still scroll); the focus stays, the new position is announced.
(() => {
  "use strict";
  const norm = (text) => text.trim().replace(/\s+/g, " ").toLowerCase();
  // "3600", "3,600", "3 600", "3600 seconds" (a unit the author allows), "0,5": the number, or NaN.
  const number = (text, units) => {
    let value = norm(text);
    const unit = units.find((word) => value.endsWith(` ${word}`) || value.endsWith(word));
    if (unit) value = value.slice(0, -unit.length).trim();
    value = value.replace(/(\d)[\s,\u00a0\u202f_](?=\d{3}(?!\d))/g, "$1").replace(",", ".");
    return /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/.test(value) ? +value : NaN;
  };

  window.lessons.feature("checks", (doc, strings) => {
    const { progress, t } = window.lessons;
    const lesson = doc.querySelector(".lessons-lesson")?.dataset.lessonsLesson;
    const abort = new AbortController();
    const on = (target, type, listener) =>
      target.addEventListener(type, listener, { signal: abort.signal });
    const clears = [];
    // What a right answer masters and opens is said at the question, with links to the concepts.
    let concepts = [];
    try {
      concepts = JSON.parse(doc.querySelector("[data-lessons-concepts]")?.dataset.lessonsConcepts || "[]");
    } catch {}
    const linked = (name, english, ids) =>
      window.lessons.conceptLinks(doc, strings, concepts, name, english, ids);

    for (const form of doc.querySelectorAll("form.lessons-question")) {
      const find = (selector) => form.querySelector(selector);
      const all = (selector) => [...form.querySelectorAll(selector)];
      const result = find(".lessons-question__result");
      const news = doc.createElement("p");
      news.className = "lessons-question__news";
      news.hidden = true;
      result.after(news);
      const explanation = find(".lessons-question__explanation");
      const answer = find(".lessons-question__answer");
      const list = find(".lessons-question__order");
      const field = find(".lessons-question__field input");
      const hints = all(".lessons-question__hint");
      const mistakes = all(".lessons-question__mistake"); // a fill-in's expected wrong answers
      const revealAfter = Number(form.dataset.lessonsRevealAfter) || 0;
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
        for (const feedback of all(".lessons-choice__feedback, .lessons-question__mistake")) {
          feedback.hidden = true;
        }
        news.hidden = true;
      };
      const empty = () =>
        field ? !field.value.trim() : !list && !choices.some(chosen);
      const isRight = () => {
        if (list) return order().every((item, i) => item.dataset.lessonsPosition == i + 1);
        if (field) {
          const data = field.dataset;
          const value = norm(field.value);
          if (data.lessonsAnswers) return JSON.parse(data.lessonsAnswers).map(norm).includes(value);
          const x = number(field.value, JSON.parse(data.lessonsUnits || "[]").map(norm));
          return Math.abs(x - data.lessonsNumber) <= +data.lessonsTolerance + 1e-9;
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

      let tries = 0;
      on(form, "submit", (event) => {
        event.preventDefault();
        if (empty()) {
          say(field ? t(strings, "type_first", "Type your answer first.")
            : t(strings, "choose_first", "Choose an answer first."));
          result.scrollIntoView({ block: "nearest" });
          return;
        }
        const right = isRight();
        tries += !right;
        form.dataset.lessonsResult = right ? "right" : "wrong";
        for (const choice of choices) {
          const feedback = choice.querySelector(".lessons-choice__feedback");
          if (feedback) feedback.hidden = !chosen(choice);
        }
        if (!right) {
          // The same words, or for a numeric answer the same number ("3,600" is "3600").
          const units = JSON.parse(field?.dataset.lessonsUnits || "[]").map(norm);
          const same = (key) => {
            const typed = norm(field.value);
            if (key === typed) return true;
            return "lessonsNumber" in field.dataset && number(key, units) === number(typed, units);
          };
          for (const mistake of mistakes) mistake.hidden = !same(mistake.dataset.lessonsFor);
        }
        // The explanation gives the answer away: after a right answer, or after the author's
        // number of tries (the answer is opened then too); until then it waits in Show answer.
        const reveal = right || (revealAfter && tries >= revealAfter);
        if (explanation && reveal) news.after(explanation); // out of the closed disclosure
        if (reveal && !right) answer.open = true;
        let verdict = right ? t(strings, "right", "Right!") : t(strings, "wrong", "Not quite: try again.");
        const id = form.dataset.lessonsQuestion;
        if (right && lesson) {
          const before = progress.states(concepts, progress.load(lesson));
          progress.save(lesson, progress.load(lesson).add(id));
          const after = progress.states(concepts, progress.load(lesson));
          const now = (state) =>
            [...after].filter(([c, s]) => s === state && before.get(c) !== state).map(([c]) => c);
          const mastered = now("mastered");
          const opened = now("unlocked");
          news.replaceChildren();
          if (mastered.length) news.append(...linked("concepts_done", "Mastered: {concepts}.", mastered));
          if (opened.length) {
            if (mastered.length) news.append(" ");
            news.append(...linked("concepts_opened", "Now open: {concepts}.", opened));
          }
          news.hidden = !news.childNodes.length;
          if (!news.hidden) verdict += ` ${news.textContent}`;
          doc.dispatchEvent(new CustomEvent("lessons:progress"));
        }
        say(verdict);
        // Beside the Check button, in view: feedback shown above may have pushed it down.
        (news.hidden ? result : news).scrollIntoView({ block: "nearest" });
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
      // Hints one at a time: the next appears once the one before it has been opened.
      hints.forEach((hint, i) => {
        if (i) hint.hidden = true;
        on(hint, "toggle", () => {
          if (hint.open && hints[i + 1]) hints[i + 1].hidden = false;
        });
      });
      clears.push(() => {
        tries = 0;
        hints.forEach((hint, i) => {
          hint.open = false;
          hint.hidden = i > 0;
        });
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
