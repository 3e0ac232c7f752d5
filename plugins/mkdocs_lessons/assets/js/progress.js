// mkdocs-lessons: progress in localStorage, "mkdocs-lessons:<site path>:<course/slug>" ->
// {"v":1,"right":[ids of questions answered right]}. Storage that throws or holds garbage reads
// as empty, and what it refuses stays in memory while the page lives. Not a feature: checks.js
// and map.js use it. t(): a string of the page's, or the English one.
(() => {
  "use strict";
  const memory = new Map();
  const key = (lesson) => {
    const site = document.querySelector("[data-lessons-site]")?.dataset.lessonsSite ?? "/";
    return `mkdocs-lessons:${new URL(site, location.href).pathname}:${lesson}`;
  };
  const lessons = window.lessons;
  lessons.t = (strings, name, english, vars = {}) =>
    (strings[name] || english).replace(/\{(\w+)\}/g, (all, v) => (v in vars ? vars[v] : all));
  lessons.progress = {
    load(lesson) {
      const k = key(lesson);
      if (memory.has(k)) return new Set(memory.get(k));
      try {
        const data = JSON.parse(localStorage.getItem(k));
        if (data.v === 1) return new Set(data.right.filter((id) => typeof id === "string"));
      } catch {}
      return new Set();
    },
    save(lesson, right) {
      const k = key(lesson);
      memory.set(k, [...right]);
      try {
        localStorage.setItem(k, JSON.stringify({ v: 1, right: memory.get(k) }));
        memory.delete(k);
      } catch {}
    },
    reset(lesson) {
      const k = key(lesson);
      memory.delete(k);
      try {
        localStorage.removeItem(k);
      } catch {}
    },
  };
})();
