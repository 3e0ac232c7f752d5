// mkdocs-lessons: progress in localStorage, "mkdocs-lessons:<site path>:<course/slug>" ->
// {"v":2,"right":[ids of questions answered right],"answers":{id: the last answer}} (a v1
// entry, {"v":1,"right":[...]}, reads with no answers). Storage that throws or holds garbage
// reads as empty. The page's last save or reset stays in memory, and wins over storage that
// refused it or cannot be read. Not a feature: checks.js and map.js use it. t(): a string of
// the page's (each name the modules ask for is in SCRIPT_STRINGS: a test says so; the script
// holds no English of its own). The lessons index exports and imports it (transfer, below).
(() => {
  "use strict";
  const memory = new Map(); // key -> [{right, answers}, whether storage took it]
  const prefix = () => {
    const site = document.querySelector("[data-lessons-site]")?.dataset.lessonsSite ?? "/";
    return `mkdocs-lessons:${new URL(site, location.href).pathname}:`;
  };
  const key = (lesson) => prefix() + lesson;
  // A stored entry as {right, answers}; null for a format of another version; throws on garbage.
  const valid = (data) => {
    const answers = data?.v === 2 ? data.answers : data?.v === 1 && {};
    if (!answers || typeof answers != "object" || Array.isArray(answers)) return null;
    return { right: data.right.filter((id) => typeof id === "string"), answers };
  };
  const keep = (lesson, record, write) => {
    const k = key(lesson);
    const kept = [record, false];
    memory.set(k, kept);
    try {
      write(k);
      kept[1] = true;
    } catch {}
  };
  const read = (lesson) => {
    const [kept = { right: [], answers: {} }, ok = true] = memory.get(key(lesson)) ?? [];
    if (ok) {
      try {
        const data = JSON.parse(localStorage.getItem(key(lesson)));
        return data ? valid(data) ?? kept : { right: [], answers: {} };
      } catch {}
    }
    return kept;
  };
  const put = (lesson, record) =>
    keep(lesson, record, (k) => localStorage.setItem(k, JSON.stringify({ v: 2, ...record })));
  const lessons = window.lessons;
  // A count's forms are picked by the page language's plural rules (as the build does), and
  // whole numbers of five digits or more are grouped as the language writes them.
  lessons.t = (strings, name, vars = {}) => {
    let text = strings[name] ?? name;
    if (typeof text == "object") {
      const n = vars.count ?? vars.n ?? 0;
      text = text[new Intl.PluralRules(document.documentElement.lang || "en").select(n)] ?? text.other ?? Object.values(text)[0];
    }
    const shown = (v) => (Number.isInteger(v) && Math.abs(v) > 9999 ? String(v).replace(/\B(?=(\d{3})+$)/g, strings.group_separator) : v);
    return text.replace(/\{(\w+)\}/g, (all, v) => (v in vars ? shown(vars[v]) : all));
  };
  // A sentence of the page's strings with links to concepts ("Concept 2: Roles") in place of
  // its {concepts}: what a right answer opened, what a locked concept waits for.
  lessons.conceptLinks = (doc, strings, concepts, name, ids) => {
    const [before, after = ""] = lessons.t(strings, name).split("{concepts}");
    const parts = [before];
    ids.forEach((id, i) => {
      const n = concepts.findIndex((concept) => concept.id === id);
      const link = doc.createElement("a");
      link.href = `#lessons-concept-${id}`;
      link.textContent = lessons.t(strings, "concept_titled", {
        n: n + 1,
        title: concepts[n]?.title,
      });
      parts.push(...(i ? [", ", link] : [link]));
    });
    parts.push(after);
    return parts;
  };
  lessons.progress = {
    load: (lesson) => new Set(read(lesson).right),
    // Question id -> its last checked answer, as checks.js wrote it (it checks what it reads).
    answers: (lesson) => read(lesson).answers,
    save(lesson, right) {
      put(lesson, { ...read(lesson), right: [...right] });
    },
    answer(lesson, id, state) {
      const record = read(lesson);
      put(lesson, { ...record, answers: { ...record.answers, [id]: state } });
    },
    // Returns the undo: everything as it was, answers too.
    reset(lesson) {
      const before = read(lesson);
      keep(lesson, { right: [], answers: {} }, (k) => localStorage.removeItem(k));
      return () => put(lesson, before);
    },
    // Concept id -> "locked" | "unlocked" | "mastered". A concept is locked until all it
    // requires are mastered, mastered once each question of its check was answered right.
    states(concepts, right) {
      const done = new Set();
      const open = (concept) => concept.requires.every((id) => done.has(id));
      for (let size = -1; size < done.size; ) {
        size = done.size;
        for (const c of concepts) {
          if (open(c) && c.questions.every((id) => right.has(id))) done.add(c.id);
        }
      }
      return new Map(
        concepts.map((c) => [c.id, done.has(c.id) ? "mastered" : open(c) ? "unlocked" : "locked"]),
      );
    },
  };
  // The lessons index: all of this site's progress as one code (base64 of JSON) to copy or to
  // download, and an import, of a code or a file, that adds to the progress here (a question
  // right in either browser stays right; the imported last answer wins). Only lessons of this
  // site are taken: a code from another site imports nothing, and says so.
  lessons.feature("transfer", (doc) => {
    const box = doc.querySelector("[data-lessons-transfer]");
    if (!box) return;
    const find = (selector) => box.querySelector(selector);
    const [status, code, download] = ["[role=status]", "textarea", "[download]"].map(find);
    // The template's sentences (data-lessons-exported and so on), in the site's language.
    const say = (name, n) => {
      const text = box.dataset[name].replace("{n}", n);
      status.textContent = text + (status.textContent === text ? "\u00a0" : "");
    };
    box.hidden = false;
    try {
      localStorage.setItem(prefix(), "");
      localStorage.getItem(prefix());
      localStorage.removeItem(prefix());
    } catch {
      find(".lessons-transfer__none").hidden = false;
      return;
    }
    find(".lessons-transfer__tools").hidden = false;
    const take = (text) => {
      let found;
      let n = 0;
      let bad = false; // a lesson of this site whose progress does not read
      try {
        const bytes = Uint8Array.from(atob(text.replace(/\s/g, "")), (c) => c.charCodeAt(0));
        const data = JSON.parse(new TextDecoder().decode(bytes));
        found = data["mkdocs-lessons"] === 1 && Object.entries(data.lessons);
      } catch {}
      for (const [lesson, data] of found || []) {
        if (!doc.querySelector(`[data-lessons-lesson="${CSS.escape(lesson)}"]`)) continue; // not here
        let record;
        try {
          record = valid(data);
        } catch {}
        bad ||= !record;
        if (!record) continue;
        const now = read(lesson);
        const right = [...new Set([...now.right, ...record.right])];
        put(lesson, { right, answers: { ...now.answers, ...record.answers } });
        n++;
      }
      if (n) doc.dispatchEvent(new CustomEvent("lessons:progress"));
      say(n ? "lessonsImported" : found && !bad ? "lessonsForeign" : "lessonsBadCode", n);
    };
    const abort = new AbortController();
    const on = (selector, type, listener) =>
      find(selector).addEventListener(type, listener, { signal: abort.signal });
    on("[data-lessons-export]", "click", () => {
      const found = {};
      for (const k of Object.keys(localStorage)) {
        const lesson = k.slice(prefix().length);
        const record = k.startsWith(prefix()) && read(lesson);
        if (record && (record.right.length || Object.keys(record.answers).length)) {
          found[lesson] = { v: 2, ...record };
        }
      }
      const n = Object.keys(found).length;
      const bytes = new TextEncoder().encode(JSON.stringify({ "mkdocs-lessons": 1, lessons: found }));
      code.value = n ? btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join("")) : "";
      download.href = `data:text/plain,${code.value}`;
      download.hidden = !n;
      if (n) code.select();
      say(n ? "lessonsExported" : "lessonsNothing", n);
    });
    on("[data-lessons-import]", "click", () => take(code.value));
    on("[type=file]", "change", (event) => {
      const chosen = event.target.files[0];
      event.target.value = "";
      chosen?.text().then(take, () => take(""));
    });
    return () => abort.abort();
  });
})();
