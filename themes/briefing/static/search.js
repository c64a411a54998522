// Start Pagefind's search UI on the search page (the index is built with the site). A link
// to /search/?q=words opens with those words searched, so a search can be shared.
// A big site's index comes in shards (builder/search.py): briefing-shards.json beside the
// main bundle lists the others, which Pagefind merges into one result list.
window.addEventListener("DOMContentLoaded", function () {
  var root = document.getElementById("search");
  if (!root) return;
  if (typeof PagefindUI === "undefined") {  // the index did not load: say so, not a blank page
    var status = document.getElementById("search-status");
    // under serve, the live script tells how the index stands ("Building…"): not this
    if (status && !status.dataset.live) {
      status.textContent = "Search is not available: this copy of the site has no search index.";
      status.hidden = false;
    }
    return;
  }
  var bundle = root.dataset.bundle;
  function start(merge, lang) {
    var ui = new PagefindUI({
      element: "#search", bundlePath: bundle, showImages: false,
      // each shard searched in the language chosen, never its own fallback
      mergeIndex: merge.map(function (path) { return { bundlePath: bundle + path, language: lang }; })
    });
    var query = new URLSearchParams(window.location.search).get("q");
    if (query && query.trim()) ui.triggerSearch(query.trim());
  }
  // The language Pagefind searches: the page's, else its base, else the biggest (as
  // Pagefind picks it); only the shards with an index of it are merged.
  function shards(list) {
    var counts = list.languages || {}, merge = list.merge || {};
    var lang = (document.documentElement.lang || "").toLowerCase();
    if (!counts[lang]) lang = lang.split("-")[0];
    if (!counts[lang]) {
      lang = Object.keys(counts).sort(function (a, b) { return counts[b] - counts[a]; })[0];
    }
    return { lang: lang, merge: Array.isArray(merge[lang]) ? merge[lang] : [] };
  }
  fetch(bundle + "briefing-shards.json")
    .then(function (response) { return response.ok ? response.json() : {}; })
    .then(function (list) { var chosen = shards(list); start(chosen.merge, chosen.lang); },
          function () { start([], ""); });
});
