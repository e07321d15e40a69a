/* debatemap default theme: small progressive enhancements. Every page works without this file. */
(function () {
  "use strict";

  // Outline: expand/collapse all, and open the branch holding a #claim-... target.
  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id && document.getElementById(id);
    for (var node = el; node; node = node.parentElement) {
      if (node.tagName === "DETAILS") node.open = true;
    }
  }
  var tools = document.querySelector("[data-outline-tools]");
  if (tools) {
    tools.hidden = false;
    tools.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-outline]");
      if (!button) return;
      var open = button.getAttribute("data-outline") === "open";
      document.querySelectorAll("#outline details").forEach(function (d) { d.open = open; });
    });
  }
  // The local map on a claim page is wider than a phone: open it on the claim it is about, with
  // the claims it answers to the left and its replies to the right, rather than scrolled to the
  // left edge with the claim cut off.
  document.querySelectorAll(".lm-scroll").forEach(function (box) {
    var me = box.querySelector(".dm-current");
    if (!me || box.scrollWidth <= box.clientWidth) return;
    var outer = box.getBoundingClientRect(), inner = me.getBoundingClientRect();
    box.scrollLeft += inner.left + inner.width / 2 - (outer.left + box.clientLeft + box.clientWidth / 2);
  });
  // Opened from disk (file://), a link to a folder shows a file listing, not its page: point
  // every relative folder link at the folder's index.html, as links are added too (search
  // results). Over HTTP nothing changes, so a hosted site keeps its clean addresses and the
  // build stays the same bytes.
  if (location.protocol === "file:") {
    var local = function (value) {
      if (!value || /^([a-z][a-z0-9+.-]*:|\/|#)/i.test(value)) return null;  // another site, the root, this page
      var cut = value.search(/[?#]/), path = cut < 0 ? value : value.slice(0, cut);
      return path === "" || path.slice(-1) === "/" ? path + "index.html" + (cut < 0 ? "" : value.slice(cut)) : null;
    };
    var fixLinks = function (root) {
      root.querySelectorAll("a[href], form[action]").forEach(function (el) {
        var name = el.tagName.toLowerCase() === "form" ? "action" : "href";
        var fixed = local(el.getAttribute(name));
        if (fixed) el.setAttribute(name, fixed);
      });
    };
    fixLinks(document);
    new MutationObserver(function (changes) {
      changes.forEach(function (change) {
        change.addedNodes.forEach(function (added) {
          if (added.nodeType !== 1) return;
          if (added.matches("a[href], form[action]")) fixLinks(added.parentNode || added);
          else fixLinks(added);
        });
      });
    }).observe(document.body, { childList: true, subtree: true });
  }
  window.addEventListener("hashchange", openTarget);
  openTarget();
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (d) { d.open = true; });
  });
})();
