// Start Pagefind's search UI on the search page (the index is built with the site). A link
// to /search/?q=words opens with those words searched, so a search can be shared.
window.addEventListener("DOMContentLoaded", function () {
  var root = document.getElementById("search");
  if (!root || typeof PagefindUI === "undefined") return;
  var ui = new PagefindUI({ element: "#search", bundlePath: root.dataset.bundle, showImages: false });
  var query = new URLSearchParams(window.location.search).get("q");
  if (query && query.trim()) ui.triggerSearch(query.trim());
});
