// mkdocs-lessons: mounts each feature on every page, also after Material's instant navigation.
// Features register with window.lessons.feature(name, mount); mount(root, strings) returns a
// teardown function that runs before the next page replaces this one, so listeners never pile up.
(() => {
  "use strict";
  const features = new Map();
  let teardowns = [];

  const strings = () => {
    const holder = document.querySelector("[data-lessons-strings]");
    try {
      return holder ? JSON.parse(holder.dataset.lessonsStrings) : {};
    } catch {
      return {};
    }
  };

  const unmount = () => {
    for (const teardown of teardowns) {
      try {
        teardown();
      } catch (error) {
        console.error("mkdocs-lessons: teardown failed", error);
      }
    }
    teardowns = [];
  };

  // Each feature starts in a task of its own: run inside Material's (which already takes
  // longer than 50 ms), every millisecond of ours would count as blocking time.
  let page = 0;
  // What the features add can push the target of the page's #fragment, which the browser or
  // Material has already scrolled to, out of the window: it is brought back once they started.
  const keepTarget = () => {
    let id = location.hash.slice(1);
    try {
      id = decodeURIComponent(id);
    } catch {}
    const target = id ? document.getElementById(id) : null;
    const box = target?.getBoundingClientRect();
    if (box && (box.bottom < 0 || box.top > innerHeight)) target.scrollIntoView();
  };
  const mount = () => {
    unmount();
    const text = strings();
    const mounting = ++page;
    let left = features.size;
    for (const [name, setup] of features) {
      setTimeout(() => {
        if (mounting !== page) return; // the reader has moved on to another page
        try {
          const teardown = setup(document, text);
          if (typeof teardown === "function") teardowns.push(teardown);
        } catch (error) {
          console.error(`mkdocs-lessons: ${name} failed to start`, error);
        }
        if (--left === 0) keepTarget();
      });
    }
  };

  window.lessons = {
    feature(name, setup) {
      features.set(name, setup);
    },
  };

  const whenReady = () => {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", mount, { once: true });
    } else {
      mount();
    }
  };

  // Material's document$ replays the current page to late subscribers and emits after every
  // instant navigation; without Material (or before its bundle), fall back to DOMContentLoaded.
  const start = () => {
    const pages = window.document$;
    if (!pages || typeof pages.subscribe !== "function") {
      whenReady();
      return;
    }
    let mounted = false;
    pages.subscribe({
      next: () => {
        mounted = true;
        mount();
      },
      // Under file:// (the offline plugin) with navigation.instant, Material 9 completes
      // document$ before any page: its instant navigation is off there and passes an empty
      // stream on to document$. Nothing would ever mount.
      complete: () => {
        if (!mounted) whenReady();
      },
    });
  };
  // Feature modules are concatenated after this one; start once they have registered.
  queueMicrotask(start);
})();
