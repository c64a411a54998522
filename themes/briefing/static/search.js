// Start Pagefind's search UI on the search page (the index is built with the site). A link
// to /search/?q=words opens with those words searched, so a search can be shared.
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
  var ui = new PagefindUI({ element: "#search", bundlePath: root.dataset.bundle, showImages: false });
  var query = new URLSearchParams(window.location.search).get("q");
  if (query && query.trim()) ui.triggerSearch(query.trim());
});
