// boot.js starts go-app's scripts, wasm_exec.js and then app.js, once the
// prerendered page has been painted. Loaded as go-app loads them (<script
// defer> in <head>), they ran before the first paint, and app.js began
// fetching and compiling app.wasm then: on a machine with few cores that
// work delayed the first paint of a page that was complete without it. The
// page names the scripts in data-scripts (internal/site/boot.go); without
// that attribute this script does nothing and go-app's own tags are in place.
(function () {
  "use strict";
  const scripts = (document.currentScript.dataset.scripts || "").split(" ").filter(Boolean);
  if (scripts.length === 0) {
    return;
  }
  let started = false;
  const start = (why) => {
    if (started) {
      return;
    }
    started = true;
    document.documentElement.dataset.appStarted = why;
    for (const src of scripts) {
      const s = document.createElement("script");
      s.src = src;
      s.async = false; // in order: app.js needs wasm_exec.js's Go
      document.head.append(s);
    }
  };

  // A hidden tab paints nothing: start at once.
  if (document.visibilityState !== "visible") {
    start("hidden");
    return;
  }
  document.addEventListener("visibilitychange", () => start("hidden"), { once: true });
  if (typeof PerformanceObserver !== "undefined" && (PerformanceObserver.supportedEntryTypes || []).includes("paint")) {
    new PerformanceObserver((list, observer) => {
      if (list.getEntriesByName("first-contentful-paint").length > 0) {
        observer.disconnect();
        start("paint");
      }
    }).observe({ type: "paint", buffered: true });
  } else {
    // A task queued from an animation frame runs after that frame is painted.
    requestAnimationFrame(() => setTimeout(() => start("frame"), 0));
  }
  // Should a paint never be reported, the app starts all the same.
  setTimeout(() => start("timeout"), 5000);
})();
