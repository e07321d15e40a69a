// debatemap serve: reload this tab when the page it shows is rebuilt; keep the panels as the
// curator left them; say so when the errors are fixed.
// Injected only by `debatemap serve`, never written into a built site.
(function () {
  "use strict";
  var script = document.currentScript;
  var epoch = script ? script.getAttribute("data-epoch") : "";
  var version = Number(script && script.getAttribute("data-version")) || 0;
  var base = (script && script.getAttribute("data-base")) || "/";
  var here = decodeURIComponent(location.pathname);
  // Rebuilds name pages by their path in the site; the site lives under its base path.
  if (base !== "/" && here.indexOf(base) === 0) here = here.slice(base.length - 1);
  var source = null;
  var SCROLL_KEY = "debatemap-serve-scroll:" + here;
  var PANELS_KEY = "debatemap-serve-panels";
  var FIXED_KEY = "debatemap-serve-had-errors";

  function remember(key, value) {
    try {
      if (value === null) sessionStorage.removeItem(key); else sessionStorage.setItem(key, value);
    } catch (e) { /* storage off */ }
  }

  function recall(key) {
    try { return sessionStorage.getItem(key); } catch (e) { return null; }
  }

  function mine(paths) {
    if (paths === null) return true;
    for (var i = 0; i < paths.length; i++) {
      var path = paths[i];
      // The page itself, or a file in its folder (a map's drawing, the search index under /search/).
      if (path === here || (here !== "/" && here.slice(-1) === "/" && path.indexOf(here) === 0)) return true;
    }
    return false;
  }

  function connect() {
    if (source !== null || typeof EventSource === "undefined") return;
    source = new EventSource("/__debatemap/events?epoch=" + encodeURIComponent(epoch) + "&since=" + version);
    source.onmessage = function (event) {
      var data = JSON.parse(event.data);
      // A new epoch is a restarted server: anything may have changed.
      var reload = data.epoch !== epoch || (data.version > version && mine(data.paths));
      if (data.epoch === epoch && data.version <= version) return;
      epoch = data.epoch;
      version = data.version;
      if (reload) {
        remember(SCROLL_KEY, String(window.scrollY));
        if (document.getElementById("debatemap-errors")) remember(FIXED_KEY, "1");
        location.reload();
      }
    };
  }

  function disconnect() {
    if (source !== null) { source.close(); source = null; }
  }

  // The panels open or closed as the curator left them in this tab, page after page. Errors
  // that change (another count) open again: they are news.
  function panels() {
    var preview = document.getElementById("debatemap-preview");
    if (!preview) return;
    var errors = document.querySelector("#debatemap-errors details");
    var warnings = document.getElementById("debatemap-warnings");
    var state = {};
    try { state = JSON.parse(recall(PANELS_KEY) || "{}") || {}; } catch (e) { state = {}; }
    var count = preview.getAttribute("data-errors");
    if (errors && state.minimised === count) errors.open = false;
    if (warnings && state.warnings === true) warnings.open = true;
    function save() {
      state.minimised = errors && !errors.open ? count : null;
      if (warnings) state.warnings = warnings.open;
      remember(PANELS_KEY, JSON.stringify(state));
    }
    if (errors) errors.addEventListener("toggle", function () { save(); caretsInView(); });
    if (warnings) warnings.addEventListener("toggle", function () { save(); caretsInView(); });
    caretsInView();
  }

  // A source line scrolls sideways rather than wrap; bring its caret into view (a phone shows
  // some 40 columns).
  function caretsInView() {
    var blocks = document.querySelectorAll("#debatemap-preview pre");
    for (var i = 0; i < blocks.length; i++) {
      var pre = blocks[i], text = pre.firstChild;
      var at = text ? text.data.lastIndexOf("^") : -1;
      if (at < 0 || pre.clientWidth === 0) continue;
      var range = document.createRange();
      range.setStart(text, at);
      range.setEnd(text, at + 1);
      var x = range.getBoundingClientRect().left - pre.getBoundingClientRect().left + pre.scrollLeft;
      if (x > pre.clientWidth - 16) pre.scrollLeft = x - pre.clientWidth / 2;
    }
  }

  // After a reload that took the errors away: a short note that they are fixed.
  function fixed() {
    var had = recall(FIXED_KEY) === "1";
    remember(FIXED_KEY, null);
    if (!had || document.getElementById("debatemap-errors")) return;
    var note = document.createElement("div");
    note.id = "debatemap-fixed";
    note.setAttribute("role", "status");
    note.textContent = "\u2713 Fixed: the content has no errors; this is the new build.";
    // At the top: the bottom of the window is the panels'.
    note.style.cssText = "position:fixed;top:1rem;left:1rem;right:1rem;width:fit-content;margin:0 auto;" +
      "z-index:2147483647;box-sizing:border-box;padding:.6rem 1rem;border-radius:6px;" +
      "background:#0b2b16;color:#dcfce7;border:2px solid #4ade80;box-shadow:0 2px 12px #0006;" +
      "font:14px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;cursor:pointer";
    note.title = "Click to close";
    note.addEventListener("click", function () { note.remove(); });
    document.body.appendChild(note);
    setTimeout(function () { note.remove(); }, 6000);
  }

  // A hidden tab lets go of its connection, so many open tabs never use up the browser's
  // six connections to the server; it catches up (since=version) when shown again.
  document.addEventListener("visibilitychange", function () {
    if (document.hidden) disconnect(); else connect();
  });
  window.addEventListener("pagehide", disconnect);

  var saved = recall(SCROLL_KEY);
  if (saved !== null) {
    remember(SCROLL_KEY, null);
    window.scrollTo(0, Number(saved));
  }
  panels();
  fixed();
  if (!document.hidden) connect();
})();
