// mkdocs-lessons: System Checks. Check shows the verdict (role=status) beside the button, in
// view; after a wrong answer only the chosen choices' feedback (or a fill-in's expected mistake),
// after a right one, or after the author's number of tries, the explanation too; a right answer
// goes to lessons.progress; a new answer clears the verdict; an empty one is not graded. Ordering by keyboard: the up/down buttons, or Alt+ArrowUp/Down with focus in the item
// (plain arrows still scroll); the focus stays, the new position is announced.
(() => {
  "use strict";
  const norm = (text) => text.trim().replace(/\s+/g, " ").toLowerCase();
  // "3600", "3,600", "3 600", "3600 seconds" (a unit the author allows), "0,5": the number, or NaN.
  // Where the language writes a decimal comma, "3.600" is 3600 and "3,600" is 3.6; Arabic and
  // Persian digits read as digits.
  const number = (text, units, comma) => {
    let value = norm(text).replace(/[\u0660-\u0669\u06f0-\u06f9]/g, (d) => d.charCodeAt(0) % 16).replace(/[\u066b]/g, ".").replace(/\u066c/g, ",");
    const unit = units.find((word) => value.endsWith(` ${word}`) || value.endsWith(word));
    if (unit) value = value.slice(0, -unit.length).trim();
    value = value.replace(comma ? /(\d)[\s.\u00a0\u202f_'](?=\d{3}(?!\d))/g : /(\d)[\s,\u00a0\u202f_'](?=\d{3}(?!\d))/g, "$1").replace(",", ".");
    return /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/.test(value) ? +value : NaN;
  };

  // A program's output as the build normalised it: tabs to the next of every 8 columns (as
  // Python's expandtabs), no trailing spaces, no blank lines at the ends.
  const printed = (text) => text.replace(/\r\n?/g, "\n").split("\n").map((line) => line.split("\t")
    .reduce((a, b) => a + " ".repeat(8 - [...a].length % 8) + b).trimEnd())
    .join("\n").replace(/^\n+|\n+$/g, "");

  window.lessons.feature("checks", (doc, strings) => {
    const { progress, t } = window.lessons;
    const lesson = doc.querySelector(".lessons-lesson")?.dataset.lessonsLesson;
    const abort = new AbortController();
    const on = (target, type, listener) =>
      target.addEventListener(type, listener, { signal: abort.signal });
    const clears = [];
    const restores = [];
    // What a right answer masters and opens is said at the question, with links to the concepts.
    let concepts = [];
    try {
      concepts = JSON.parse(doc.querySelector("[data-lessons-concepts]")?.dataset.lessonsConcepts || "[]");
    } catch {}
    const linked = (name, ids) => window.lessons.conceptLinks(doc, strings, concepts, name, ids);

    const comma = strings.decimal_separator == ",";
    for (const form of doc.querySelectorAll("form.lessons-question")) {
      const find = (selector) => form.querySelector(selector);
      const all = (selector) => [...form.querySelectorAll(selector)];
      if (!find(".lessons-question__answer")) continue; // a program that could not run: no answer
      const result = find(".lessons-question__result");
      const news = doc.createElement("p");
      news.className = "lessons-question__news";
      news.hidden = true;
      result.after(news);
      const explanation = find(".lessons-question__explanation");
      const answer = find(".lessons-question__answer");
      const list = find(".lessons-question__order");
      const pairs = all(".lessons-pair select"); // a matching: each left item's choice
      const keys = list?.dataset.lessonsKeys; // a Parsons problem: the lines' keys, in order
      const field = find(".lessons-question__field :is(input, textarea)");
      const hints = all(".lessons-question__hint");
      const mistakes = all(".lessons-question__mistake"); // a fill-in's expected wrong answers
      const revealAfter = Number(form.dataset.lessonsRevealAfter) || 0;
      const choices = all(".lessons-choice");
      const items = all(".lessons-order-item"); // as first shown, for a reset
      const order = () => all(".lessons-order-item");
      const chosen = (choice) => choice.querySelector("input").checked;
      // The same text again gets a no-break space, to be announced again. A verdict restored
      // (quiet: a reload, an Undo) is shown, not announced: the live region is off until then.
      let quiet = false;
      const say = (text) => {
        quiet ? result.setAttribute("aria-live", "off") : result.removeAttribute("aria-live");
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
        pairs.length ? pairs.some((select) => !select.value)
          : field ? !field.value.trim() : !list && !choices.some(chosen);
      const isRight = () => {
        if (pairs.length) return pairs.every((select) => select.value == select.dataset.lessonsPair);
        if (keys) return parsons();
        if (list) return order().every((item, i) => item.dataset.lessonsPosition == i + 1);
        if (field) {
          const data = field.dataset;
          const value = norm(field.value);
          if (data.lessonsOutput != null) return printed(field.value) === data.lessonsOutput;
          if (data.lessonsAnswers) return JSON.parse(data.lessonsAnswers).map(norm).includes(value);
          const x = number(field.value, JSON.parse(data.lessonsUnits || "[]").map(norm), comma);
          return Math.abs(x - data.lessonsNumber) <= +data.lessonsTolerance + 1e-9;
        }
        return choices.every((choice) => chosen(choice) == (choice.dataset.lessonsCorrect == "true"));
      };
      const move = (item, by, focus) => {
        const other = by < 0 ? item.previousElementSibling : item.nextElementSibling;
        other?.[by < 0 ? "before" : "after"](item);
        focus.focus(); // moving an element takes the focus out of it
        stale();
        tell(t(strings, "moved", {
          item: item.firstElementChild.textContent.trim(),
          n: order().indexOf(item) + 1,
          total: items.length,
        }));
      };

      // The lines in use, in order, and (when the author asks for it) their indentation.
      const parsons = () => {
        const used = order().filter((item) => item.querySelector("input")?.checked ?? true);
        const levels = list.dataset.lessonsLevels?.split(" ");
        return used.map((item) => item.dataset.lessonsKey).join(" ") === keys &&
          (!levels || used.every((item, i) => (item.dataset.lessonsDepth || "0") === levels[i]));
      };
      const indent = (item, depth) => {
        item.dataset.lessonsDepth = depth;
        item.style.setProperty("--lessons-depth", depth);
        const level = item.querySelector(".lessons-order-item__level");
        if (level) level.textContent = `, ${t(strings, "line_level", { n: depth })}`;
      };
      // A Parsons problem's moves and indents are said in a status of their own: the verdict's
      // region keeps the verdict.
      const moves = doc.createElement("p");
      moves.className = "lessons-visually-hidden";
      moves.setAttribute("role", "status");
      const tell = keys
        ? (text) => (moves.textContent = text + (moves.textContent === text ? "\u00a0" : ""))
        : say;
      if (keys) {
        list.after(moves);
        if (list.dataset.lessonsLevels) {
          for (const item of items) {
            const level = doc.createElement("span");
            level.className = "lessons-visually-hidden lessons-order-item__level";
            item.firstElementChild.after(level);
            indent(item, 0);
          }
        }
      }

      let tries = 0;
      on(form, "submit", (event) => {
        event.preventDefault();
        if (empty()) {
          say(field ? t(strings, "type_first")
            : t(strings, "choose_first"));
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
            return "lessonsNumber" in field.dataset && number(key, units, comma) === number(typed, units, comma);
          };
          for (const mistake of mistakes) mistake.hidden = !same(mistake.dataset.lessonsFor);
        }
        // The explanation gives the answer away: after a right answer, or after the author's
        // number of tries (the answer is opened then too); until then it waits in Show answer.
        const reveal = right || (revealAfter && tries >= revealAfter);
        if (explanation && reveal) news.after(explanation); // out of the closed disclosure
        if (reveal && !right) answer.open = true;
        let verdict = right ? t(strings, "right") : t(strings, "wrong");
        const id = form.dataset.lessonsQuestion;
        if (right && lesson && !quiet) {
          const before = progress.states(concepts, progress.load(lesson));
          progress.save(lesson, progress.load(lesson).add(id));
          const after = progress.states(concepts, progress.load(lesson));
          const now = (state) =>
            [...after].filter(([c, s]) => s === state && before.get(c) !== state).map(([c]) => c);
          const mastered = now("mastered");
          const opened = now("unlocked");
          news.replaceChildren();
          if (mastered.length) news.append(...linked("concepts_done", mastered));
          if (opened.length) {
            if (mastered.length) news.append(" ");
            news.append(...linked("concepts_opened", opened));
          }
          news.hidden = !news.childNodes.length;
          if (!news.hidden) verdict += ` ${news.textContent}`;
          doc.dispatchEvent(new CustomEvent("lessons:progress"));
        }
        say(verdict);
        if (quiet) return;
        // Beside the Check button, in view: feedback shown above may have pushed it down.
        (news.hidden ? result : news).scrollIntoView({ block: "nearest" });
        remember();
      });
      on(form, "input", stale);
      if (list) {
        on(list, "click", (event) => {
          const button = event.target.closest("[data-lessons-move]");
          if (button) move(button.closest("li"), +button.dataset.lessonsMove, button);
          const shift = event.target.closest("[data-lessons-indent]");
          if (!shift) return;
          const item = shift.closest("li");
          const depth = Math.min(8, Math.max(0, (+item.dataset.lessonsDepth || 0) + +shift.dataset.lessonsIndent));
          indent(item, depth);
          stale();
          tell(t(strings, "indented", {
            item: item.firstElementChild.textContent.trim(),
            n: depth,
          }));
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
        if (keys) items.forEach((item) => indent(item, 0));
        stale();
        if (explanation) answer.append(explanation);
        answer.open = false;
      });
      for (const hidden of all(".lessons-question__actions, .lessons-order-item__moves")) {
        hidden.hidden = false;
      }
      // The last checked answer is kept with the progress (each field as first shown, the order
      // of the items, their indentation, the tries before it, Show answer open or not); a reload
      // or an Undo puts it back and checks it again, quietly: shown, not announced, not scrolled.
      const question = form.dataset.lessonsQuestion;
      const fields = all("input, select, textarea");
      const prop = (field) => (/checkbox|radio/.test(field.type) ? "checked" : "value");
      const kept = () => (lesson && progress.answers(lesson)[question]) || {};
      const remember = () => lesson && progress.answer(lesson, question, {
        a: fields.map((field) => field[prop(field)]),
        o: order().map((item) => items.indexOf(item)),
        d: order().map((item) => +item.dataset.lessonsDepth || 0),
        n: tries - (form.dataset.lessonsResult == "wrong"),
        s: answer.open,
      });
      on(answer, "toggle", () => {
        const state = kept();
        if (lesson && !state.s != !answer.open) progress.answer(lesson, question, { ...state, s: answer.open });
      });
      restores.push(() => {
        const { a, o, d, n, s } = kept();
        const like = (saved, shown) => Array.isArray(saved) && saved.length == shown.length;
        if (like(a, fields) && fields.every((field, i) => typeof a[i] == typeof field[prop(field)])
          && (!list || (like(o, items) && items.every((item, i) => o.includes(i))))) {
          list?.append(...o.map((i) => items[i]));
          fields.forEach((field, i) => (field[prop(field)] = a[i]));
          if (keys && like(d, items)) order().forEach((item, i) => indent(item, Math.min(8, Math.max(0, d[i] | 0))));
          tries = n > 0 ? n | 0 : 0;
          quiet = true;
          if (!empty()) form.requestSubmit();
          quiet = false;
        }
        if (s === true) answer.open = true;
      });
    }

    // The map's reset button: every form as the page first showed it.
    on(doc, "lessons:progress", (event) => {
      if (event.detail?.reset) clears.forEach((clear) => clear());
      if (event.detail?.restore) restores.forEach((restore) => restore());
    });
    restores.forEach((restore) => restore());
    return () => abort.abort();
  });
})();
