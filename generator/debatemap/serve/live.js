// debatemap serve: reload this tab when the page it shows is rebuilt.
// Injected only by `debatemap serve`, never written into a built site.
(function () {
  "use strict";
  var script = document.currentScript;
  var epoch = script ? script.getAttribute("data-epoch") : "";
  var version = Number(script && script.getAttribute("data-version")) || 0;
  var here = decodeURIComponent(location.pathname);
  var source = null;
  var SCROLL_KEY = "debatemap-serve-scroll:" + here;

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
        try { sessionStorage.setItem(SCROLL_KEY, String(window.scrollY)); } catch (e) { /* storage off */ }
        location.reload();
      }
    };
  }

  function disconnect() {
    if (source !== null) { source.close(); source = null; }
  }

  // A hidden tab lets go of its connection, so many open tabs never use up the browser's
  // six connections to the server; it catches up (since=version) when shown again.
  document.addEventListener("visibilitychange", function () {
    if (document.hidden) disconnect(); else connect();
  });
  window.addEventListener("pagehide", disconnect);

  try {
    var saved = sessionStorage.getItem(SCROLL_KEY);
    if (saved !== null) {
      sessionStorage.removeItem(SCROLL_KEY);
      window.scrollTo(0, Number(saved));
    }
  } catch (e) { /* storage off */ }
  if (!document.hidden) connect();
})();
