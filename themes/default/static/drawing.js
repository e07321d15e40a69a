/* debatemap: the drawn map, enhanced. Without this file the drawing is a scrollable SVG whose
   boxes are links, and the outline below is its text alternative. With it: zoom (buttons,
   Ctrl+wheel or pinch, + and - keys), pan by dragging, collapse and expand branches (the tree
   is laid out again with the same rules as the build, drawing_layout.py), arrow keys from box
   to box, and a PNG download. */
(function () {
  "use strict";
  var SVGNS = "http://www.w3.org/2000/svg";
  var STEP = 1.25, MIN = 0.1, MAX = 3, TOGGLE = 15;

  function kids(sub) {
    var group = sub.querySelector(":scope > .dm-kids");
    return group ? Array.prototype.filter.call(group.children, function (el) { return el.classList.contains("dm-sub"); }) : [];
  }
  function node(sub) { return sub.querySelector(":scope > .dm-n"); }
  function boxHeight(sub) { return node(sub).querySelector("rect").height.baseVal.value; }
  function boxWidth(sub) { return node(sub).querySelector("rect").width.baseVal.value; }
  function visibleKids(sub) { return sub.classList.contains("dm-collapsed") ? [] : kids(sub); }

  function Drawing(figure) {
    this.figure = figure;
    this.scroll = figure.querySelector("[data-drawing-scroll]");
    this.svg = this.scroll.querySelector("svg.dm-svg");
    var numbers = this.svg.getAttribute("data-layout").split(" ").map(Number);
    this.gap = { sibling: numbers[0], cousin: numbers[1], port: numbers[2], trunk: numbers[3], end: numbers[4] };
    var box = this.svg.viewBox.baseVal;
    this.view = { x: box.x, y: box.y, width: box.width, height: box.height, pad: -box.y };
    this.scale = 1;
    this.root = this.svg.querySelector(".dm-sub");
    this.svg.querySelectorAll(".dm-n").forEach(function (n) {
      var match = /translate\(([-\d.]+) ([-\d.]+)\)/.exec(n.getAttribute("transform"));
      n.dmX = Number(match[1]);
      n.dmY = Number(match[2]);
    });
    this.addToggles();
    this.relayout();
    this.bind();
    figure.querySelector("[data-drawing-tools]").hidden = false;
    this.zoom(this.openingScale());
  }

  // 100 %, unless the box is too narrow for the thesis and its replies side by side (a phone):
  // then small enough to show both columns whole, rather than one box and slivers of the next.
  Drawing.prototype.openingScale = function () {
    var first = kids(this.root)[0], room = this.scroll.clientWidth - 20;
    if (!first) return 1;
    var need = node(first).dmX + boxWidth(first) + this.view.pad;
    return need <= room ? 1 : Math.max(0.5, room / need);
  };

  Drawing.prototype.addToggles = function () {
    var self = this;
    this.svg.querySelectorAll(".dm-sub").forEach(function (sub) {
      var count = kids(sub).length;
      if (!count) return;
      var n = node(sub), w = boxWidth(sub), y = self.gap.port;
      var toggle = document.createElementNS(SVGNS, "g");
      toggle.setAttribute("class", "dm-toggle");
      toggle.setAttribute("role", "button");
      toggle.setAttribute("tabindex", "0");
      toggle.innerHTML = '<rect x="' + (w + 1) + '" y="' + (y - 7) + '" width="14" height="14" rx="3"/>' +
        '<path d=""/><text x="' + (w + 19) + '" y="' + (y + 4) + '"></text>';
      toggle.dmCount = count;
      toggle.dmName = n.querySelector("title").textContent;
      n.appendChild(toggle); // right after the box in the tab order, before its replies
      self.setToggle(sub, false);
    });
  };

  Drawing.prototype.setToggle = function (sub, collapsed) {
    var toggle = node(sub).querySelector(".dm-toggle");
    var w = boxWidth(sub), y = this.gap.port;
    sub.classList.toggle("dm-collapsed", collapsed);
    toggle.setAttribute("aria-expanded", String(!collapsed));
    toggle.setAttribute("aria-label", (collapsed ? "Expand" : "Collapse") + " the " + toggle.dmCount +
      " repl" + (toggle.dmCount === 1 ? "y" : "ies") + " to " + toggle.dmName);
    // A chevron pointing the way the branch will move: right to open, left to fold.
    toggle.querySelector("path").setAttribute("d", collapsed
      ? "M" + (w + 6) + " " + (y - 4) + "l4 4l-4 4" : "M" + (w + 10) + " " + (y - 4) + "l-4 4l4 4");
    toggle.querySelector("text").textContent = collapsed ? String(toggle.dmCount) : "";
  };

  // The build's layout (drawing_layout.py), on the visible boxes: per depth, the top and bottom
  // of each subtree; each subtree moves up until it clears the ones above it.
  Drawing.prototype.contour = function (sub) {
    var gap = this.gap, height = boxHeight(sub);
    var tops = [], bottoms = [], children = visibleKids(sub), last = 0;
    children.forEach(function (child, index) {
      var c = this.contour(child), offset = 0;
      if (index > 0) {
        for (var level = 0; level < Math.min(c.tops.length, tops.length); level++) {
          offset = Math.max(offset, bottoms[level] + (level ? gap.cousin : gap.sibling) - c.tops[level]);
        }
      }
      child.dmOffset = last = offset;
      for (var i = 0; i < c.tops.length; i++) {
        if (i < tops.length) bottoms[i] = c.bottoms[i] + offset;
        else { tops.push(c.tops[i] + offset); bottoms.push(c.bottoms[i] + offset); }
      }
    }, this);
    var own = children.length ? Math.max(height, last + gap.port) : height;
    return { tops: [0].concat(tops), bottoms: [own].concat(bottoms) };
  };

  Drawing.prototype.relayout = function () {
    var gap = this.gap, bottom = 0, right = 0;
    this.contour(this.root);
    var stack = [[this.root, 0]];
    while (stack.length) {
      var item = stack.pop(), sub = item[0], y = item[1], n = node(sub);
      n.setAttribute("transform", "translate(" + n.dmX + " " + y + ")");
      n.dmY = y;
      bottom = Math.max(bottom, y + boxHeight(sub));
      right = Math.max(right, n.dmX + boxWidth(sub));
      var children = visibleKids(sub);
      if (!children.length) continue;
      var xRight = n.dmX + boxWidth(sub), xTrunk = xRight + gap.trunk, yPort = y + gap.port;
      var yLast = y + children[children.length - 1].dmOffset + gap.port;
      // The trunk starts past the toggle, which sits where it used to leave the box.
      sub.querySelector(":scope > .dm-kids > .dm-trunk").setAttribute("d",
        "M" + (xRight + TOGGLE) + " " + yPort + "H" + xTrunk + (yLast !== yPort ? "V" + yLast : ""));
      children.forEach(function (child) {
        var cy = y + child.dmOffset;
        child.querySelector(":scope > .dm-e").setAttribute("d",
          "M" + xTrunk + " " + (cy + gap.port) + "H" + (node(child).dmX - gap.end));
        stack.push([child, cy]);
      });
    }
    this.view.width = right + 2 * this.view.pad + 40; // room for a folded branch's toggle and count
    this.view.height = bottom + 2 * this.view.pad;
    this.svg.setAttribute("viewBox", [this.view.x, this.view.y, this.view.width, this.view.height].join(" "));
    this.svg.setAttribute("width", this.view.width);
    this.svg.setAttribute("height", this.view.height);
    this.zoom(this.scale);
  };

  // Fold or open one branch, keeping its box where the reader's eyes are.
  Drawing.prototype.toggle = function (sub, collapsed) {
    var before = node(sub).dmY;
    this.setToggle(sub, collapsed);
    this.relayout();
    this.scroll.scrollTop += (node(sub).dmY - before) * this.scale;
  };

  Drawing.prototype.setAll = function (collapsed) {
    var self = this;
    this.svg.querySelectorAll(".dm-sub").forEach(function (sub) {
      if (sub !== self.root && kids(sub).length) self.setToggle(sub, collapsed);
    });
    this.relayout();
    this.scroll.scrollLeft = this.scroll.scrollTop = 0;
  };

  // Zoom by resizing the SVG inside its scroll box, keeping the point under (cx, cy) in place.
  Drawing.prototype.zoom = function (scale, cx, cy) {
    var scroll = this.scroll, old = this.scale;
    scale = Math.min(MAX, Math.max(MIN, scale));
    if (cx === undefined) { cx = scroll.clientWidth / 2; cy = scroll.clientHeight / 2; }
    var px = (scroll.scrollLeft + cx) / old, py = (scroll.scrollTop + cy) / old;
    this.scale = scale;
    this.svg.style.width = this.view.width * scale + "px";
    this.svg.style.height = this.view.height * scale + "px";
    scroll.scrollLeft = px * scale - cx;
    scroll.scrollTop = py * scale - cy;
  };

  // Fit all: the whole tree in the box (small text on a big map). Fit width: as wide as the box,
  // scrolling down through it, which keeps a wide, shallow debate readable.
  Drawing.prototype.fit = function (widthOnly) {
    var scroll = this.scroll, room = (scroll.clientWidth - 20) / this.view.width;
    if (!widthOnly) room = Math.min(room, (window.innerHeight * 0.8 - 20) / this.view.height);
    this.zoom(Math.min(1, room), 0, 0);
    scroll.scrollLeft = scroll.scrollTop = 0;
  };

  Drawing.prototype.bind = function () {
    var self = this, scroll = this.scroll, drag = null, moved = false;
    this.figure.querySelector("[data-drawing-tools]").addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button) return;
      var zoom = button.getAttribute("data-zoom"), branches = button.getAttribute("data-branches");
      if (zoom === "in") self.zoom(self.scale * STEP);
      else if (zoom === "out") self.zoom(self.scale / STEP);
      else if (zoom === "fit") self.fit(false);
      else if (zoom === "width") self.fit(true);
      else if (zoom === "reset") self.zoom(1);
      else if (branches) self.setAll(branches === "collapse");
    });
    scroll.addEventListener("wheel", function (event) {
      if (!event.ctrlKey && !event.metaKey) return; // plain wheel scrolls; pinch arrives as Ctrl+wheel
      event.preventDefault();
      var rect = scroll.getBoundingClientRect();
      self.zoom(self.scale * Math.pow(STEP, -event.deltaY / 100), event.clientX - rect.left, event.clientY - rect.top);
    }, { passive: false });
    scroll.addEventListener("pointerdown", function (event) {
      if (event.pointerType !== "mouse" || event.button !== 0 || event.target.closest(".dm-toggle")) return;
      drag = { x: event.clientX, y: event.clientY, left: scroll.scrollLeft, top: scroll.scrollTop };
      moved = false;
    });
    window.addEventListener("pointermove", function (event) {
      if (!drag) return;
      var dx = event.clientX - drag.x, dy = event.clientY - drag.y;
      if (!moved && Math.abs(dx) + Math.abs(dy) < 5) return;
      moved = true;
      scroll.classList.add("is-dragging");
      scroll.scrollLeft = drag.left - dx;
      scroll.scrollTop = drag.top - dy;
    });
    window.addEventListener("pointerup", function () { drag = null; scroll.classList.remove("is-dragging"); });
    scroll.addEventListener("click", function (event) {
      if (moved) { event.preventDefault(); event.stopPropagation(); moved = false; return; }
      var toggle = event.target.closest(".dm-toggle");
      if (toggle) self.toggle(toggle.closest(".dm-sub"), !toggle.closest(".dm-sub").classList.contains("dm-collapsed"));
    }, true);
    scroll.addEventListener("dragstart", function (event) { event.preventDefault(); });
    scroll.addEventListener("keydown", function (event) { self.key(event); });
    window.addEventListener("hashchange", function () { self.reveal(); });
    this.reveal();
  };

  // Keys: arrows move between boxes (up/down: siblings, left: parent, right: first reply),
  // Enter or Space on a toggle folds it, + and - zoom.
  Drawing.prototype.key = function (event) {
    var toggle = event.target.closest && event.target.closest(".dm-toggle");
    if (toggle && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      var owner = toggle.closest(".dm-sub");
      this.toggle(owner, !owner.classList.contains("dm-collapsed"));
      toggle.focus();
      return;
    }
    if (event.key === "+" || event.key === "=") { this.zoom(this.scale * STEP); event.preventDefault(); return; }
    if (event.key === "-") { this.zoom(this.scale / STEP); event.preventDefault(); return; }
    var sub = event.target.closest && event.target.closest(".dm-sub");
    if (!sub || !this.svg.contains(sub)) return;
    var next = null, parent = sub.parentElement.closest(".dm-sub");
    var siblings = parent ? visibleKids(parent) : [sub], index = siblings.indexOf(sub);
    if (event.key === "ArrowDown") next = siblings[index + 1];
    else if (event.key === "ArrowUp") next = siblings[index - 1];
    else if (event.key === "ArrowLeft") next = parent;
    else if (event.key === "ArrowRight") next = visibleKids(sub)[0];
    else return;
    event.preventDefault();
    if (next) node(next).querySelector("a").focus();
  };

  // Open the collapsed branches around a #dm-... target (a repeat's "shown in full" link).
  Drawing.prototype.reveal = function () {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id.indexOf("dm-") === 0 && document.getElementById(id);
    if (!target || !this.svg.contains(target)) return;
    var changed = false;
    for (var el = target.parentElement.closest(".dm-sub"); el; el = el.parentElement.closest(".dm-sub")) {
      if (el.classList.contains("dm-collapsed")) { this.setToggle(el, false); changed = true; }
    }
    if (changed) this.relayout();
    var link = target.querySelector("a");
    if (link) link.focus({ preventScroll: false });
  };

  // PNG: draw the downloadable SVG onto a canvas (twice the size, within canvas limits).
  function exportPng(button) {
    var link = document.querySelector(".exports a[download][type='image/svg+xml']");
    if (!link) return;
    fetch(link.href).then(function (response) { return response.text(); }).then(function (text) {
      var url = URL.createObjectURL(new Blob([text], { type: "image/svg+xml" }));
      var image = new Image();
      image.onload = function () {
        var scale = Math.min(2, 16000 / Math.max(image.width, image.height));
        var canvas = document.createElement("canvas");
        canvas.width = Math.round(image.width * scale);
        canvas.height = Math.round(image.height * scale);
        canvas.getContext("2d").drawImage(image, 0, 0, canvas.width, canvas.height);
        URL.revokeObjectURL(url);
        canvas.toBlob(function (blob) {
          var a = document.createElement("a");
          a.href = URL.createObjectURL(blob);
          a.download = button.getAttribute("data-png");
          document.body.appendChild(a);
          a.click();
          a.remove();
        }, "image/png");
      };
      image.src = url;
    });
  }

  document.querySelectorAll("figure[data-drawing]").forEach(function (figure) {
    figure.dmDrawing = new Drawing(figure);
  });
  var png = document.querySelector("[data-png-export]");
  if (png && window.fetch && document.createElement("canvas").toBlob) {
    png.hidden = false;
    png.querySelector("button").addEventListener("click", function (event) { exportPng(event.currentTarget); });
  }
})();
