/* debatemap search: runs in the browser against the sharded index under search/index/.
 *
 * The page works without this file (it then explains that search needs JavaScript and links to
 * the tags and the bibliography). With it, the form appears, results show as you type, and the
 * URL (?q=...&stance=...) always says what is shown, so any result list can be linked.
 *
 * normalise(), words() and stem() mirror generator/debatemap/render/search_text.py exactly: the
 * browser must cut a query into the same terms the index was built from.
 */
(function () {
  "use strict";

  var form = document.getElementById("search-form");
  if (!form || !window.Promise || !window.URLSearchParams || !window.TextEncoder) return;

  var input = document.getElementById("search-q");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var more = document.getElementById("search-more");
  var badgeTemplate = document.getElementById("search-badges");
  var indexUrl = form.getAttribute("data-search-index");
  var rootUrl = form.getAttribute("data-search-root");
  var FILTERS = ["type", "side", "stance", "map", "tag", "kind", "year"];
  var PAGE = 10;
  var EXCERPT = 220;
  var KIND_LABEL = { claim: "Claim", map: "Map", source: "Source" };
  var SIDE_LABEL = { pro: "for the thesis", con: "against the thesis", both: "on both sides of the thesis" };
  var SIDE_SHORT = { pro: "for its thesis", con: "against its thesis", both: "on both sides", thesis: "its thesis" };
  var ANSWERS = { pro: "Supports: ", con: "Opposes: " };
  var baseTitle = document.title;

  // -- text: the same rules as search_text.py ------------------------------------------------
  var WORD = /[\p{L}\p{N}]+/gu;
  var SPAN = /[\p{L}\p{N}\p{M}]+/gu;
  var MARKS = /\p{M}/gu;

  function normalise(text) {
    return text.toLowerCase().normalize("NFKD").replace(MARKS, "");
  }
  function words(text) {
    return normalise(text).match(WORD) || [];
  }
  function endsWith(word, endings) {
    return endings.some(function (e) { return word.slice(-e.length) === e; });
  }
  function stem(word) {
    var n = Array.from(word).length;
    if (n > 3 && endsWith(word, ["ies"]) && !endsWith(word, ["eies", "aies"])) return word.slice(0, -3) + "y";
    if (n > 3 && endsWith(word, ["es"]) && !endsWith(word, ["aes", "ees", "oes"])) return word.slice(0, -1);
    if (n > 3 && endsWith(word, ["s"]) && !endsWith(word, ["us", "ss", "is"])) return word.slice(0, -1);
    return word;
  }
  window.debatemapSearchText = { normalise: normalise, words: words, stem: stem };  // for the parity test

  // -- loading, each file once -----------------------------------------------------------------
  // Every index file is a script that hands its data to debatemapIndex(key, data): a page opened
  // from disk (file://) may load scripts where fetch() is refused, so search works there too.
  var meta = null;
  var cache = {};
  var waiting = {};
  window.debatemapIndex = function (key, data) {
    var done = waiting[key];
    if (done) { delete waiting[key]; done(data); }
  };

  function script(key, query) {
    return new Promise(function (resolve, reject) {
      var tag = document.createElement("script");
      waiting[key] = resolve;
      tag.onload = tag.onerror = function () {
        tag.remove();
        if (waiting[key] === resolve) { delete waiting[key]; reject(new Error(key + ".js could not be loaded")); }
      };
      tag.src = indexUrl + key + ".js" + query;
      document.head.appendChild(tag);
    });
  }

  function load(path) {
    if (!cache[path]) {
      cache[path] = script(path.replace(/\.json$/, ""), "?v=" + meta.version);
      cache[path].catch(function () { delete cache[path]; });
    }
    return cache[path];
  }

  function loadMeta() {
    if (!meta) {
      // Asked for afresh on each visit (a new build changes the version the other files carry).
      meta = script("meta", "?t=" + Date.now()).then(function (data) {
        data.keySet = new Set(data.keys);
        data.splitSet = new Set(data.split);
        data.stopSet = new Set(data.stop);
        meta = data;
        return data;
      }, function (error) { meta = null; throw error; });
    }
    return Promise.resolve(meta);
  }

  function chars(text, count) {
    return Array.from(text).slice(0, count).join("");
  }
  function fileKey(key) {
    if (/^[a-z0-9][a-z0-9-]*$/.test(key)) return key;
    return "_" + Array.from(new TextEncoder().encode(key), function (b) { return (b < 16 ? "0" : "") + b.toString(16); }).join("");
  }
  function shardKey(term) {
    var head = chars(term, 2);
    return meta.splitSet.has(head) ? chars(term, 3) : head;
  }
  function shard(key) {
    if (!meta.keySet.has(key)) return Promise.resolve({});
    return load("t/" + fileKey(key) + ".json");
  }
  function postingsOf(data, term) {
    var gaps = data[term];
    if (!gaps) return null;
    var out = [];
    var doc = 0;
    for (var i = 0; i < gaps.length; i += 2) {
      doc += gaps[i];
      out.push(doc, gaps[i + 1]);
    }
    return out;
  }

  // -- a query ---------------------------------------------------------------------------------
  function readForm() {
    var params = { q: input.value };
    FILTERS.forEach(function (name) { params[name] = form.elements[name].value; });
    return params;
  }

  function tokens(q) {
    var all = words(q);
    var typing = all.length > 0 && /[\p{L}\p{N}]$/u.test(q.trim()) && !/\s$/.test(q);
    var out = [];
    all.forEach(function (word, i) {
      var last = typing && i === all.length - 1;
      var stop = meta.stopSet.has(word);
      if (stop && !last) return;
      out.push({ word: word, term: stop ? null : stem(word), prefix: last && Array.from(word).length >= 2, optional: stop });
    });
    return out;
  }

  // Scores for one query word: doc -> best weight x idf over the terms it matched.
  function scoreToken(token, matched) {
    var keys = [];
    if (token.term) keys.push(shardKey(token.term));
    if (token.prefix) {
      var w = token.word;
      if (Array.from(w).length >= 3 || !meta.splitSet.has(w)) keys.push(shardKey(w));
      else {
        var under = meta.keys.filter(function (k) { return k.indexOf(w) === 0; });
        if (under.length <= 8) keys = keys.concat(under);
      }
    }
    keys = keys.filter(function (k, i) { return keys.indexOf(k) === i; });
    return Promise.all(keys.map(shard)).then(function (shards) {
      var scores = new Map();
      shards.forEach(function (data) {
        Object.keys(data).forEach(function (term) {
          var exact = term === token.term;
          if (!exact && !(token.prefix && term.indexOf(token.word) === 0)) return;
          var postings = postingsOf(data, term);
          var idf = Math.log(1 + meta.docs / (postings.length / 2));
          var factor = exact ? 1 : 0.75;
          matched.add(term);
          for (var i = 0; i < postings.length; i += 2) {
            var value = postings[i + 1] * idf * factor;
            if (!(scores.get(postings[i]) >= value)) scores.set(postings[i], value);
          }
        });
      });
      return scores;
    });
  }

  function allowedDocs(params) {
    var active = FILTERS.filter(function (name) { return name !== "type" && params[name]; });
    var range = params.type && meta.types[params.type];
    if (params.type && !range) return Promise.resolve(new Set());
    if (!active.length) return Promise.resolve(range ? { from: range[0], to: range[1] } : null);
    // One small file per filter value; a value the index does not know (a stale link) keeps nothing.
    return Promise.all(active.map(function (name) {
      return load("f/" + name + "/" + fileKey(params[name]) + ".json").catch(function () { return []; });
    })).then(function (lists) {
      var sets = lists.map(function (gaps) {
        var set = new Set();
        var doc = 0;
        gaps.forEach(function (gap) { doc += gap; if (!range || (doc >= range[0] && doc < range[1])) set.add(doc); });
        return set;
      });
      sets.sort(function (a, b) { return a.size - b.size; });
      return new Set(Array.from(sets[0]).filter(function (doc) { return sets.every(function (s) { return s.has(doc); }); }));
    });
  }

  function keeps(allowed, doc) {
    if (!allowed) return true;
    if (allowed instanceof Set) return allowed.has(doc);
    return doc >= allowed.from && doc < allowed.to;
  }

  function run(params) {
    var toks = tokens(params.q);
    var matched = new Set();
    return Promise.all([Promise.all(toks.map(function (t) { return scoreToken(t, matched); })), allowedDocs(params)]).then(function (parts) {
      var perToken = parts[0];
      var allowed = parts[1];
      var required = perToken.filter(function (scores, i) { return !(toks[i].optional && scores.size === 0); });
      var loose = false;
      var hits;
      if (!required.length) {
        hits = [];
        if (allowed && !toks.length) {
          if (allowed instanceof Set) hits = Array.from(allowed).sort(function (a, b) { return a - b; });
          else for (var d = allowed.from; d < allowed.to; d++) hits.push(d);
          hits = hits.map(function (doc) { return [doc, 0]; });
        }
      } else {
        hits = combine(required, allowed, true);
        if (!hits.length && required.length > 1) {
          hits = combine(required, allowed, false);
          loose = hits.length > 0;
        }
      }
      hits.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
      return { docs: hits.map(function (h) { return h[0]; }), matched: matched, loose: loose, empty: !toks.length && !allowed };
    });
  }

  function combine(perToken, allowed, every) {
    var smallest = perToken.slice().sort(function (a, b) { return a.size - b.size; });
    var candidates = every ? smallest[0] : new Map(perToken.flatMap(function (s) { return Array.from(s); }));
    var out = [];
    candidates.forEach(function (_, doc) {
      if (!keeps(allowed, doc)) return;
      var total = 0;
      for (var i = 0; i < perToken.length; i++) {
        var value = perToken[i].get(doc);
        if (value === undefined) { if (every) return; } else total += value;
      }
      out.push([doc, total]);
    });
    return out;
  }

  // -- showing results -------------------------------------------------------------------------
  var current = { docs: [], shown: 0, matched: new Set(), serial: 0, loading: null };

  function docs(numbers) {
    var chunks = [];
    numbers.forEach(function (n) { var c = Math.floor(n / meta.chunk); if (chunks.indexOf(c) < 0) chunks.push(c); });
    return Promise.all(chunks.map(function (c) { return load("d/" + c + ".json"); })).then(function () {
      return Promise.all(numbers.map(function (n) {
        return load("d/" + Math.floor(n / meta.chunk) + ".json").then(function (chunk) { return chunk[n % meta.chunk]; });
      }));
    });
  }

  function isMatch(word, matched) {
    return matched.has(stem(normalise(word)));
  }

  // Text with the matched words in <mark>; built as DOM nodes, never as HTML.
  function highlighted(text, matched) {
    var fragment = document.createDocumentFragment();
    var at = 0;
    text.replace(SPAN, function (word, offset) {
      if (isMatch(word, matched)) {
        fragment.appendChild(document.createTextNode(text.slice(at, offset)));
        var mark = document.createElement("mark");
        mark.textContent = word;
        fragment.appendChild(mark);
        at = offset + word.length;
      }
      return word;
    });
    fragment.appendChild(document.createTextNode(text.slice(at)));
    return fragment;
  }

  function firstMatch(text, matched) {
    var found = -1;
    text.replace(SPAN, function (word, offset) {
      if (found < 0 && isMatch(word, matched)) found = offset;
      return word;
    });
    return found;
  }

  function excerpt(text, at) {
    if (text.length <= EXCERPT) return text;
    var start = Math.max(0, at - 60);
    if (start > 0) {
      var space = text.indexOf(" ", start);
      start = space >= 0 && space < at ? space + 1 : start;
    }
    var end = Math.min(text.length, start + EXCERPT);
    if (end < text.length) {
      var cut = text.lastIndexOf(" ", end);
      end = cut > at ? cut : end;
    }
    return (start > 0 ? "…" : "") + text.slice(start, end) + (end < text.length ? "…" : "");
  }

  function badges(stances) {
    var wrap = document.createElement("span");
    wrap.className = "search-badges";
    stances.forEach(function (stance) {
      var badge = badgeTemplate && badgeTemplate.content.querySelector(".badge-" + stance);
      if (badge) wrap.appendChild(badge.cloneNode(true));
    });
    return wrap;
  }

  function mapTitles() {
    var titles = {};
    Array.prototype.forEach.call(form.elements.map.options, function (o) { if (o.value) titles[o.value] = o.textContent; });
    return titles;
  }
  var MAPS = mapTitles();

  function line(className, content) {
    var p = document.createElement("p");
    p.className = className;
    if (typeof content === "string") p.textContent = content;
    else p.appendChild(content);
    return p;
  }

  function resultItem(doc, matched) {
    var li = document.createElement("li");
    li.className = "search-result search-result-" + doc.k;
    var info = document.createElement("p");
    info.className = "search-result-meta";
    if (doc.s) info.appendChild(badges(doc.s));
    var kind = document.createElement("span");
    kind.className = "search-result-kind";
    kind.textContent = KIND_LABEL[doc.k] || doc.k;
    info.appendChild(kind);
    // Where the claim ends up: its badge is towards its parent, this is towards the thesis (the
    // same in every map it is in, or "on both sides"; the line under it says which map is which).
    var sides = (doc.o || []).filter(function (side, i, all) { return side && side !== "thesis" && all.indexOf(side) === i; });
    if (sides.length) {
      var overall = sides.length === 1 ? sides[0] : "both";
      var side = document.createElement("span");
      side.className = "search-result-detail search-result-side search-side-" + overall;
      side.textContent = SIDE_LABEL[overall];
      info.appendChild(side);
    }
    var details = doc.k === "source" ? [].concat(doc.sk || [], doc.y || []) : [];
    details.forEach(function (text) {
      var span = document.createElement("span");
      span.className = "search-result-detail";
      span.textContent = text;
      info.appendChild(span);
    });
    li.appendChild(info);

    var heading = document.createElement("h2");
    heading.className = "search-result-title";
    var link = document.createElement("a");
    link.href = rootUrl + doc.u;
    link.appendChild(highlighted(doc.t, matched));
    heading.appendChild(link);
    li.appendChild(heading);

    // The excerpt: the details or summary around the first match (or their start). Then a
    // claim's cited sources that match (how "NTIA report" finds the claims citing it), a map's
    // thesis, a source's publisher and authors.
    var body = doc.b || "";
    var extras = doc.x || [];
    var at = body ? firstMatch(body, matched) : -1;
    var citedHits = extras.filter(function (text) { return firstMatch(text, matched) >= 0; });
    if (at >= 0 || (body && !citedHits.length)) {
      li.appendChild(line("search-result-excerpt", highlighted(excerpt(body, Math.max(at, 0)), matched)));
    }
    var second = doc.k === "claim" ? (at < 0 ? citedHits : []) : extras;
    if (second.length) {
      var p = line("search-result-extra", doc.k === "claim" ? "Cites: " : doc.k === "map" ? "Thesis: " : "");
      p.appendChild(highlighted(second.join("; "), matched));
      li.appendChild(p);
    }
    // What a claim answers: "Opposes: <its parent>", so a con is never read as against the thesis.
    if (doc.p) {
      var answers = document.createElement("p");
      answers.className = "search-result-answers";
      doc.p.forEach(function (parent, i) {
        if (i) answers.appendChild(document.createTextNode("; "));
        answers.appendChild(document.createTextNode(ANSWERS[parent[0]] || ""));
        var a = document.createElement("a");
        a.href = rootUrl + parent[2];
        a.textContent = parent[1];
        answers.appendChild(a);
      });
      if (doc.pm) answers.appendChild(document.createTextNode(" (" + doc.pm + ")"));
      li.appendChild(answers);
    }
    // Its maps, each with its side of that map's thesis when it is in more than one.
    var maps = (doc.m || []).map(function (id, i) {
      var side = doc.o && doc.o.length > 1 && doc.o[i] ? " (" + SIDE_SHORT[doc.o[i]] + ")" : "";
      return MAPS[id] ? MAPS[id] + side : "";
    }).filter(Boolean);
    if (doc.k !== "map" && maps.length) {
      var named = maps.slice(0, 3), left = maps.length - named.length;
      var others = left ? " and " + left + " more map" + (left > 1 ? "s" : "") : "";
      li.appendChild(line("search-result-where", (doc.k === "source" ? "Cited in " : "In ") + named.join("; ") + others));
    }
    return li;
  }

  // One page of results at a time: a second click while a page loads waits for it, so no
  // result is shown twice; a new search starts its own pages.
  function showMore(focusFirst) {
    var serial = current.serial;
    if (current.loading && current.loading.serial === serial) return current.loading.promise;
    var numbers = current.docs.slice(current.shown, current.shown + PAGE);
    more.disabled = true;
    var done = function () {
      if (current.loading && current.loading.serial === serial) current.loading = null;
      more.disabled = false;
    };
    var promise = docs(numbers).then(function (records) {
      done();
      if (serial !== current.serial) return;
      var first = null;
      records.forEach(function (record) {
        var item = resultItem(record, current.matched);
        if (!first) first = item;
        list.appendChild(item);
      });
      current.shown += numbers.length;
      more.hidden = current.shown >= current.docs.length;
      more.textContent = "Show more results (" + (current.docs.length - current.shown) + " left)";
      if (focusFirst && first) first.querySelector("a").focus();
    }, function (error) {
      done();
      throw error;
    });
    current.loading = { serial: serial, promise: promise };
    return promise;
  }

  function describe(params, count, loose) {
    var parts = [];
    if (params.q.trim()) parts.push("for “" + params.q.trim() + "”");
    var filters = FILTERS.filter(function (name) { return params[name]; }).map(function (name) {
      var select = form.elements[name];
      return select.options[select.selectedIndex].textContent.trim();
    });
    if (filters.length) parts.push("filtered by " + filters.join(", "));
    var text = (count === 0 ? "No results" : count === 1 ? "1 result" : count + " results") + (parts.length ? " " + parts.join(", ") : "") + ".";
    if (loose) text += " No result has every word; these have some of them.";
    return text;
  }

  function syncUrl(params) {
    var query = new URLSearchParams();
    ["q"].concat(FILTERS).forEach(function (name) { if (params[name]) query.set(name, params[name]); });
    var search = query.toString();
    history.replaceState(null, "", location.pathname + (search ? "?" + search : ""));
    document.title = (params.q.trim() ? "“" + params.q.trim() + "” · " : "") + baseTitle;
  }

  function search() {
    var params = readForm();
    var serial = ++current.serial;
    syncUrl(params);
    return loadMeta().then(function () { return run(params); }).then(function (result) {
      if (serial !== current.serial) return;
      list.textContent = "";
      current.docs = result.docs;
      current.matched = result.matched;
      current.shown = 0;
      if (result.empty) {
        more.hidden = true;
        status.textContent = "Type a word, or choose a filter, to search " + meta.docs + " claims, maps and sources.";
        return;
      }
      // Announce once the first results are on the page, so what is read out is what is shown.
      return showMore(false).then(function () {
        if (serial === current.serial) status.textContent = describe(params, result.docs.length, result.loose);
      });
    }).catch(function (error) {
      if (serial !== current.serial) return;
      status.textContent = "Search could not load its index (" + error.message + "). Try reloading the page.";
    });
  }

  // -- events ----------------------------------------------------------------------------------
  var timer = 0;
  function soon() {
    clearTimeout(timer);
    timer = setTimeout(search, 120);
  }

  function resultLinks() {
    return Array.prototype.slice.call(list.querySelectorAll(".search-result-title a"));
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    search();
  });
  input.addEventListener("input", soon);
  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown") {
      var links = resultLinks();
      if (links.length) { event.preventDefault(); links[0].focus(); }
    } else if (event.key === "Escape" && input.value) {
      event.preventDefault();
      input.value = "";
      soon();
    }
  });
  list.addEventListener("keydown", function (event) {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    var links = resultLinks();
    var at = links.indexOf(document.activeElement);
    if (at < 0) return;
    event.preventDefault();
    if (event.key === "ArrowDown" && at + 1 < links.length) links[at + 1].focus();
    else if (event.key === "ArrowUp") (at > 0 ? links[at - 1] : input).focus();
  });
  FILTERS.forEach(function (name) { form.elements[name].addEventListener("change", search); });
  form.querySelector("[data-search-clear]").addEventListener("click", function () {
    FILTERS.forEach(function (name) { form.elements[name].value = ""; });
    search();
  });
  more.addEventListener("click", function () { showMore(true); });

  // Restore the query from the URL: every result list can be linked.
  var initial = new URLSearchParams(location.search);
  input.value = initial.get("q") || "";
  FILTERS.forEach(function (name) {
    var select = form.elements[name];
    var value = initial.get(name) || "";
    select.value = Array.prototype.some.call(select.options, function (o) { return o.value === value; }) ? value : "";
  });
  form.hidden = false;
  search();
})();
