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
  window.addEventListener("hashchange", openTarget);
  openTarget();
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (d) { d.open = true; });
  });
})();
