// mkdocs-lessons: progress in localStorage, "mkdocs-lessons:<site path>:<course/slug>" ->
// {"v":1,"right":[ids of questions answered right]}. Storage that throws or holds garbage reads
// as empty. The page's last save or reset stays in memory, and wins over storage that refused
// it or cannot be read. Not a feature: checks.js and map.js use it. t(): a string of the
// page's, or the English one.
(() => {
  "use strict";
  const memory = new Map(); // key -> [ids, whether storage took them]
  const key = (lesson) => {
    const site = document.querySelector("[data-lessons-site]")?.dataset.lessonsSite ?? "/";
    return `mkdocs-lessons:${new URL(site, location.href).pathname}:${lesson}`;
  };
  const keep = (lesson, right, write) => {
    const k = key(lesson);
    const kept = [right, false];
    memory.set(k, kept);
    try {
      write(k);
      kept[1] = true;
    } catch {}
  };
  const lessons = window.lessons;
  lessons.t = (strings, name, english, vars = {}) =>
    (strings[name] || english).replace(/\{(\w+)\}/g, (all, v) => (v in vars ? vars[v] : all));
  // A sentence of the page's strings with links to concepts ("Concept 2: Roles") in place of
  // its {concepts}: what a right answer opened, what a locked concept waits for.
  lessons.conceptLinks = (doc, strings, concepts, name, english, ids) => {
    const [before, after = ""] = lessons.t(strings, name, english).split("{concepts}");
    const parts = [before];
    ids.forEach((id, i) => {
      const n = concepts.findIndex((concept) => concept.id === id);
      const link = doc.createElement("a");
      link.href = `#lessons-concept-${id}`;
      link.textContent = lessons.t(strings, "concept_titled", "Concept {n}: {title}", {
        n: n + 1,
        title: concepts[n]?.title,
      });
      parts.push(...(i ? [", ", link] : [link]));
    });
    parts.push(after);
    return parts;
  };
  lessons.progress = {
    load(lesson) {
      const [right, ok = true] = memory.get(key(lesson)) ?? [];
      if (ok) {
        try {
          const data = JSON.parse(localStorage.getItem(key(lesson)));
          if (!data) return new Set();
          if (data.v === 1) return new Set(data.right.filter((id) => typeof id === "string"));
        } catch {}
      }
      return new Set(right);
    },
    save(lesson, right) {
      right = [...right];
      keep(lesson, right, (k) => localStorage.setItem(k, JSON.stringify({ v: 1, right })));
    },
    reset(lesson) {
      keep(lesson, [], (k) => localStorage.removeItem(k));
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
})();
