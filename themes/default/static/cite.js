// "Cite this": copy buttons that fill in the reader's date of access. Without JavaScript the
// citations are plain selectable text and the buttons stay hidden.
(function () {
  "use strict";
  var PLACEHOLDER = "[date accessed]";
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
  var MLA_MONTHS = ["Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."];

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function dated(style, text, today) {
    var iso = today.getFullYear() + "-" + pad(today.getMonth() + 1) + "-" + pad(today.getDate());
    if (style === "mla") {
      return text.replace(PLACEHOLDER, today.getDate() + " " + MLA_MONTHS[today.getMonth()] + " " + today.getFullYear());
    }
    if (style === "apa" || style === "chicago") {
      return text.replace(PLACEHOLDER, MONTHS[today.getMonth()] + " " + today.getDate() + ", " + today.getFullYear());
    }
    if (style === "bibtex") {
      return text.replace(/\n\}\s*$/, ",\n  urldate = {" + iso + "}\n}");
    }
    if (style === "csl") {
      try {
        var items = JSON.parse(text);
        items.forEach(function (item) { item.accessed = {"date-parts": [[today.getFullYear(), today.getMonth() + 1, today.getDate()]]}; });
        return JSON.stringify(items, null, 2);
      } catch (e) { return text; }
    }
    return text;
  }

  function copy(button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    if (!source || !navigator.clipboard) return;
    var style = source.getAttribute("data-style");
    var today = new Date();
    var plain = dated(style, source.textContent.trim(), today);
    var written;
    if (source.tagName === "P" && window.ClipboardItem) {
      var html = dated(style, source.innerHTML.trim(), today);
      written = navigator.clipboard.write([new ClipboardItem({
        "text/plain": new Blob([plain], {type: "text/plain"}),
        "text/html": new Blob([html], {type: "text/html"})
      })]);
    } else {
      written = navigator.clipboard.writeText(plain);
    }
    var status = button.closest(".cite").querySelector(".cite-status");
    written.then(function () {
      button.textContent = "Copied";
      if (status) status.textContent = "Copied the citation, dated today.";
      setTimeout(function () { button.textContent = "Copy"; }, 2000);
    }, function () {
      if (status) status.textContent = "Could not copy: select the text instead.";
    });
  }

  document.querySelectorAll(".cite-copy").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { copy(button); });
  });
})();
